"""read_inputs on bad input: one Rejection with a one-line reason, never an exception."""

from __future__ import annotations

import gzip
import os
import tracemalloc
from pathlib import Path

import pytest

from crosswire.ingest.readers import read_inputs
from crosswire.models import RawDocument, Rejection

INPUTS = Path(__file__).resolve().parent / "data" / "inputs"
BAD = INPUTS / "bad"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty or whitespace-only input"),
        ("blank.txt", "empty or whitespace-only input"),
        ("nul.bin", "not an article: binary data (NUL bytes)"),
        ("image.png", "not an article: PNG image"),
        ("doc.pdf", "not an article: PDF document"),
        ("articles.tar.gz", "not an article: tar archive (extract it first)"),
        ("control.txt", "binary or undecodable content, not text"),
        ("bomb.xml", "XML with entity declarations (possible entity-expansion bomb)"),
        ("sitemap.xml", "XML document that is neither an RSS/Atom feed nor HTML"),
        ("truncated.txt.gz", "truncated or corrupt gzip data: Compressed file ended before"),
        ("corrupt.txt.gz", "truncated or corrupt gzip data: Error -3 while decompressing"),
    ],
)
def test_readers_bad_file_is_one_rejection_with_reason(name, reason):
    items = list(read_inputs([str(BAD / name)]))
    assert len(items) == 1
    assert isinstance(items[0], Rejection)
    assert items[0].source == str(BAD / name)
    assert items[0].error.startswith(reason)


def test_readers_missing_file_is_rejected():
    assert list(read_inputs(["no/such/file.txt"])) == [
        Rejection("no/such/file.txt", "no such file or directory")
    ]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_readers_unreadable_file_is_rejected(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("hidden")
    path.chmod(0)
    assert list(read_inputs([str(path)])) == [Rejection(str(path), "permission denied")]


def test_readers_directory_loop_is_rejected_and_the_rest_read(tmp_path):
    (tmp_path / "d" / "sub").mkdir(parents=True)
    (tmp_path / "d" / "sub" / "a.txt").write_text("An article in a looping tree.")
    (tmp_path / "d" / "sub" / "loop").symlink_to(tmp_path / "d")
    items = list(read_inputs([str(tmp_path / "d")]))
    assert [(type(i).__name__, i.source) for i in items] == [
        ("RawDocument", str(tmp_path / "d" / "sub" / "a.txt")),
        ("Rejection", str(tmp_path / "d" / "sub" / "loop")),
    ]
    assert items[1].error.startswith("directory loop")


def test_readers_malformed_json_yields_readable_records_then_rejection():
    ok, bad = read_inputs([str(BAD / "malformed.json")])
    assert ok.content == "A record before the damage."
    assert bad.source == str(BAD / "malformed.json")
    assert bad.error.startswith("malformed JSON after 1 records at line 4 column 3")


def test_readers_truncated_warc_yields_pages_before_the_damage():
    items = list(read_inputs([str(BAD / "truncated.warc.gz")]))
    assert [type(i).__name__ for i in items] == ["RawDocument", "Rejection"]
    assert items[0].url == "https://a.example/a"
    assert items[1].error.startswith("truncated or corrupt gzip data")


def test_readers_warc_cut_inside_a_record_is_reported(tmp_path):
    data = (INPUTS / "pages.warc").read_bytes()
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: len(data) - 100])  # inside the last page's body
    items = list(read_inputs([str(path)]))
    assert [getattr(i, "url", None) for i in items] == ["https://a.example/a", None]
    assert items[1].error == "truncated or corrupt WARC after 1 pages: record 7 is cut short"


def test_readers_truncated_jsonl_gzip_keeps_complete_lines(tmp_path):
    packed = gzip.compress((INPUTS / "records.jsonl").read_bytes(), mtime=0)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(packed[: len(packed) * 2 // 3])
    items = list(read_inputs([str(path)]))
    assert [type(i).__name__ for i in items][-1] == "Rejection"
    assert items[-1].source == str(path)
    assert items[-1].error.startswith("truncated or corrupt gzip data")
    assert sum(isinstance(i, RawDocument) for i in items) >= 1
    # The line the damage cut is not reported as malformed JSON: the gzip error is the cause.
    assert not any("malformed" in i.error for i in items if isinstance(i, Rejection))


def test_readers_feed_with_entities_past_the_sniffed_head_is_rejected(tmp_path):
    path = tmp_path / "late.xml"
    # The DOCTYPE sits behind a 70 kB comment, beyond what sniffing looks at.
    path.write_text(
        '<?xml version="1.0"?><!--' + "x" * 70_000 + '-->'
        '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">]><rss version="2.0"><channel>'
        "<title>&a;</title><item><title>t</title><description>&a;</description></item>"
        "</channel></rss>"
    )
    (item,) = read_inputs([str(path)])
    assert isinstance(item, Rejection) and item.error.startswith("XML")


def _gzip_of_size(path: Path, size: int) -> None:
    line = b"The port reopened after a strike that lasted three days and cost millions.\n"
    with gzip.open(path, "wb", compresslevel=1) as out:
        for _ in range(size // len(line) + 1):
            out.write(line)


def test_readers_gzip_bomb_is_rejected_without_reading_it_whole(tmp_path):
    path = tmp_path / "bomb.txt.gz"
    _gzip_of_size(path, 25_000_000)
    assert path.stat().st_size < 1_000_000
    tracemalloc.start()
    try:
        items = list(read_inputs([str(path)]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert items == [Rejection(str(path), "larger than 20 MB")]
    assert peak < 25_000_000  # held at most the 20 MB cap, never the whole 25 MB


def test_readers_size_cap_bounds_memory(tmp_path):
    path = tmp_path / "bomb.html.gz"
    _gzip_of_size(path, 25_000_000)
    tracemalloc.start()
    try:
        items = list(read_inputs([str(path)], max_article_bytes=1_000_000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert items == [Rejection(str(path), "larger than 1 MB")]
    assert peak < 3_000_000


def test_readers_nested_gzip_is_read_and_bounded(tmp_path):
    text = (INPUTS / "article.txt").read_bytes()
    (tmp_path / "twice.txt.gz.gz").write_bytes(gzip.compress(gzip.compress(text)))
    deep = text
    for _ in range(5):
        deep = gzip.compress(deep)
    (tmp_path / "deep.gz").write_bytes(deep)
    deep_item, twice = read_inputs([str(tmp_path)])
    assert twice.content == text.decode()
    assert deep_item.error == "more than 3 nested compression layers"


def test_readers_never_raise_on_any_truncation_of_any_fixture(tmp_path):
    fixtures = sorted(p for p in INPUTS.rglob("*") if p.is_file() and p.suffix != ".py")
    path = tmp_path / "cut"
    seen = 0
    for fixture in fixtures:
        data = fixture.read_bytes()
        for cut in range(0, len(data), max(1, len(data) // 23)):
            path.write_bytes(data[:cut])
            for item in read_inputs([str(path)]):
                seen += 1
                assert isinstance(item, (RawDocument, Rejection))
                if isinstance(item, Rejection):
                    assert "\n" not in item.error and item.error
                    assert "unreadable input" not in item.error, (fixture.name, cut, item.error)
    assert seen > 500


def test_readers_deeply_nested_json_is_rejected_per_record(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_bytes(b'{"text": "a"}\n' + b"[" * 100_000 + b"\n" + b'{"text": "b"}\n')
    items = list(read_inputs([str(path)]))
    assert [getattr(i, "content", None) or i.error for i in items] == [
        "a", "JSON nested too deeply", "b"
    ]
    assert items[1].source == f"{path}:2"


def test_readers_early_json_syntax_error_is_not_read_to_the_cap(tmp_path):
    path = tmp_path / "bad-early.json"
    path.write_bytes(b'[{"text": "a"}, {"text": oops}, ' + b'{"text": "filler"}, ' * 20_000 + b"{}]")
    items = list(read_inputs([str(path)], max_article_bytes=100_000))
    assert items[0].content == "a"
    assert items[1].error == "malformed JSON after 1 records at line 1 column 26: Expecting value"


def test_readers_warc_page_over_the_cap_is_rejected_and_the_rest_read():
    path = str(INPUTS / "pages.warc.gz")
    items = list(read_inputs([path], max_article_bytes=200))
    assert [(type(i).__name__, i.source) for i in items] == [
        ("RawDocument", path), ("Rejection", f"{path}#7")
    ]
    assert items[1].error == "larger than 200 bytes"


def test_readers_page_after_a_long_blank_lead_is_still_read(tmp_path):
    path = tmp_path / "padded"
    path.write_bytes(b" \n" * 40_000 + b"<html><body><p>Late page.</p></body></html>")
    (doc,) = read_inputs([str(path)])
    assert doc.kind == "html" and "Late page." in doc.content


def test_readers_non_paths_are_rejected_not_raised():
    assert list(read_inputs([None, "a\0b"])) == [  # type: ignore[list-item]
        Rejection("None", "not a path"), Rejection("a\x00b", "not a valid path")
    ]
