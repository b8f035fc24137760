"""Property-based tests (hypothesis) over every reader and the Python API.

Whatever the bytes and whatever the file name, a reader yields RawDocuments and one-line
Rejections and never raises; cleaning raises only crosswire's own errors; extraction answers
an Extraction; ``crosswire.Store.analyze`` answers an Analysis that passes the contract.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import crosswire
from crosswire.errors import CrosswireError
from crosswire.extract.pipeline import Extractor, extract_records
from crosswire.ingest.clean import clean_document
from crosswire.ingest.readers import read_inputs, read_upload
from crosswire.models import Analysis, RawDocument, Rejection, Upload
from crosswire.report.json import analysis_to_dict, validate_analysis

sys.path.insert(0, str(Path(__file__).parent / "fuzz"))
import hostile  # noqa: E402

NAMES = ["a.txt", "a.md", "a.html", "a.htm", "a.json", "a.jsonl", "a.ndjson", "a.xml", "a.rss", "a.atom",
         "a.warc", "a.warc.gz", "a.gz", "a.txt.gz", "a.bz2", "a.xz", "a", "a.pdf", "a.csv"]
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like the hostile kinds: their alphabet, not just random bytes.
hostile_text = st.text(alphabet=st.sampled_from(list("<>&;/\"'=[]{}:,.\\ \n\t#!-?x9aZ") + hostile.ODD
                                                + list(hostile.RTL[:20])), max_size=400)
junk = st.one_of(st.binary(max_size=2000), hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass")))
prefixes = st.sampled_from([b"", b"<?xml version='1.0'?>", b"<rss version='2.0'><channel><item><title>",
                            b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><content>", b"WARC/1.0\r\n",
                            b'{"text": "', b'[{"text": ', b"<!doctype html><html><body><p>", b"\x1f\x8b\x08\x00",
                            b"<!DOCTYPE rss [<!ENTITY a 'b'>]>", b"\xef\xbb\xbf", b"\xff\xfe"])


def check_items(items) -> None:
    for item in items:
        assert isinstance(item, (RawDocument, Rejection)), item
        if isinstance(item, Rejection):
            assert item.error and "\n" not in item.error and "Traceback" not in item.error
        else:
            assert isinstance(item.content, str)


@FAST
@given(name=st.sampled_from(NAMES), prefix=prefixes, body=junk)
def test_fuzz_every_reader_yields_documents_or_rejections(name, prefix, body):
    check_items(list(read_upload(name, prefix + body)))


@FAST
@given(name=st.sampled_from(NAMES), prefix=prefixes, body=junk)
def test_fuzz_compressed_junk_is_read_or_rejected(name, prefix, body):
    packed = gzip.compress(prefix + body)
    check_items(list(read_upload(name + ".gz", packed[: len(packed) - (len(body) % 7)])))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(NAMES), prefix=prefixes, body=junk)
def test_fuzz_files_on_disk_are_read_or_rejected(tmp_path, name, prefix, body):
    path = tmp_path / name
    path.write_bytes(prefix + body)
    check_items(list(read_inputs([str(path), str(tmp_path)])))


records = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | hostile_text,
                       lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                           st.sampled_from(["text", "title", "published", "url", "outlet", "authors",
                                            "html", "maintext", "articleBody", "source", "x"]), inner, max_size=5),
                       max_leaves=20)


@FAST
@given(values=st.lists(records, min_size=1, max_size=6), as_lines=st.booleans())
def test_fuzz_json_readers_take_any_json(values, as_lines):
    if as_lines:
        data, name = "\n".join(json.dumps(v) for v in values).encode(), "a.jsonl"
    else:
        data, name = json.dumps(values).encode(), "a.json"
    check_items(list(read_upload(name, data)))


@FAST
@given(text=hostile_text, kind=st.sampled_from(["text", "html"]), title=st.none() | hostile_text,
       published=st.none() | hostile_text)
def test_fuzz_cleaning_raises_only_its_own_errors(text, kind, title, published):
    raw = RawDocument(source="x", content=text, kind=kind, title=title, published=published)
    try:
        article = clean_document(raw)
    except CrosswireError:
        return
    assert article.text.strip()


_RULES = Extractor(use_model=False)


@FAST
@given(text=hostile_text, published=st.none() | hostile_text)
def test_fuzz_rule_based_extraction_answers_every_text(text, published):
    ex = _RULES.extract("a", text, published)
    assert ex.error is None or "\n" not in ex.error


@settings(max_examples=40, deadline=None)
@given(lines=st.lists(st.one_of(records.map(json.dumps), hostile_text), max_size=5))
def test_fuzz_extract_records_answers_one_line_per_record(lines):
    out = list(extract_records(lines, extractor=_RULES))
    assert len(out) == sum(1 for line in lines if line.strip())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(inputs=st.lists(st.one_of(
    st.builds(lambda t: RawDocument(source="pasted", content=t, kind="text"), hostile_text),
    st.builds(lambda n, p, b: Upload(name=n, data=p + b), st.sampled_from(NAMES), prefixes, junk)),
    min_size=1, max_size=4))
def test_fuzz_python_api_answers_an_analysis(tmp_path_factory, inputs):
    store = crosswire.Store(tmp_path_factory.mktemp("api") / "x.db")
    try:
        analysis = store.analyze(inputs)
    finally:
        store.close()
    assert isinstance(analysis, Analysis)
    validate_analysis(analysis_to_dict(analysis))
    for r in analysis.rejected:
        assert r.error and "\n" not in r.error
