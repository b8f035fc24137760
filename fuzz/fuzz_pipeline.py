"""An atheris (libFuzzer) target over read → clean → extract.

    python fuzz/fuzz_pipeline.py [CORPUS_DIR ...] -max_total_time=60 [-rss_limit_mb=2048] [-timeout=60]

The fuzzer's bytes become a file name (one of the reader's kinds) and that file's content;
the file goes through ``read_upload``, every document through ``clean_document`` and the
rule-based extractor (the spaCy path is covered by the suite; here speed buys coverage).
Allowed outcomes: documents, one-line Rejections, crosswire's own errors. Anything else
escaping is a crash: libFuzzer writes the input to ``crash-<sha1>``; keep it in
tests/data/hostile/ with a test. ``-timeout`` catches hangs the same way.

Seed corpus: pass tests/data/inputs (valid files of every kind) or a folder from
``python tests/fuzz/hostile.py OUT -n 300``.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["crosswire"]):
    from crosswire.errors import CrosswireError
    from crosswire.extract.pipeline import Extractor
    from crosswire.ingest.clean import clean_document
    from crosswire.ingest.readers import read_upload
    from crosswire.models import RawDocument, Rejection

NAMES = ["a.txt", "a.html", "a.json", "a.jsonl", "a.xml", "a.warc", "a.warc.gz", "a.txt.gz", "a.bz2",
         "a.xz", "a", "a.md", "a.rss"]
_extractor = Extractor(use_model=False)


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    name = NAMES[fdp.ConsumeIntInRange(0, len(NAMES) - 1)]
    content = fdp.ConsumeBytes(fdp.remaining_bytes())
    for item in read_upload(name, content, max_article_bytes=2_000_000):
        if isinstance(item, Rejection):
            if not item.error or "\n" in item.error:
                raise AssertionError(f"rejection is not one line: {item.error!r}")
            continue
        if not isinstance(item, RawDocument):
            raise AssertionError(f"reader yielded {type(item).__name__}")
        try:
            article = clean_document(item)
        except CrosswireError:
            continue
        extraction = _extractor.extract(article.id, article.text, article.published)
        if extraction.error and extraction.error.startswith("extraction failed"):
            raise AssertionError(extraction.error)  # an extractor raised; _guarded hid it


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
