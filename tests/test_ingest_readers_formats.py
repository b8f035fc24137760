"""read_inputs on one real file of every kind: counts, fields, sources, content sniffing."""

from __future__ import annotations

import io
import json
import shutil
import socket
from pathlib import Path

import pytest

from crosswire.ingest.readers import read_inputs
from crosswire.models import RawDocument, Rejection

INPUTS = Path(__file__).resolve().parent / "data" / "inputs"


def read(*names: str, **kw) -> list[RawDocument | Rejection]:
    return list(read_inputs([str(INPUTS / n) for n in names], **kw))


def docs(items) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def test_readers_plain_markdown_text_is_one_text_document():
    (doc,) = read("article.txt")
    assert isinstance(doc, RawDocument)
    assert doc.kind == "text"
    assert doc.source == str(INPUTS / "article.txt")
    # Markdown copied from a page starts with "[": that must not be taken for a JSON array.
    assert doc.content.startswith("[Skip to content](#main)")
    assert "About 4,200 workers had walked out" in doc.content


def test_readers_demo_corpus_reads_every_file_as_text(demo_dir):
    items = [i for i in read_inputs([str(demo_dir)]) if i.source.endswith(".txt")]
    txt = sorted(p.name for p in demo_dir.glob("*.txt"))
    assert len(txt) >= 5
    assert [Path(i.source).name for i in items] == txt
    assert all(isinstance(i, RawDocument) and i.kind == "text" for i in items)


@pytest.mark.parametrize("name", ["article_cp1252.txt", "article_utf16.txt"])
def test_readers_decode_legacy_and_bom_encodings(name):
    (doc,) = read(name)
    assert doc.content.startswith("Café owners in Valdora say the strike “cost them dearly” — ")
    assert "naïve" in doc.content


def test_readers_html_page_is_kind_html_with_canonical_url():
    (doc,) = read("page.html")
    assert doc.kind == "html"
    assert doc.content.lstrip().startswith("<!DOCTYPE html>")
    assert "region’s second-largest" in doc.content
    assert doc.url == "https://coastal-ledger.example/news/valdora-port-reopens"  # canonical > og


def test_readers_html_meta_charset_is_honoured():
    (doc,) = read("page_latin1.html")
    assert doc.kind == "html"
    assert "apr\u00e8s une gr\u00e8ve" in doc.content
    assert doc.url is None


def test_readers_jsonl_streams_records_and_rejects_bad_lines():
    items = read("records.jsonl")
    src = str(INPUTS / "records.jsonl")
    assert [(type(i).__name__, i.source) for i in items] == [
        ("RawDocument", src),
        ("RawDocument", src),
        ("RawDocument", src),
        ("Rejection", f"{src}:5"),
        ("Rejection", f"{src}:6"),
        ("Rejection", f"{src}:7"),
        ("RawDocument", "https://fourth.example/lead"),  # the record's own source field
    ]
    own, newsplease, html_only, bad, not_obj, nobody, lead = items
    assert (own.title, own.url, own.outlet, own.authors, own.language) == (
        "Valdora port reopens", "https://ledger.example/a", "The Coastal Ledger", ["Lena Marsh"], "en"
    )
    assert own.published == "2025-03-03T09:30:00+00:00"
    assert newsplease.content.startswith("Dock workers in Valdora")
    assert newsplease.outlet == "harbour-news.example"
    assert newsplease.authors == ["A. Ruiz", "B. Chen"]
    assert newsplease.published == "2025-03-03T11:00:00"
    assert html_only.kind == "html" and html_only.authors == ["Sam Ode"]
    assert bad.error.startswith("malformed JSON at column 55")
    assert not_obj.error == "record is a JSON list, not an object"
    assert "has no text" in nobody.error
    assert lead.content == "Only a lead paragraph survived the crawl." and lead.published == "March 4, 2025"


def test_readers_utf16_jsonl_reads_like_utf8():
    def shape(items):
        return [(type(i).__name__, i.source.rsplit("/", 1)[-1], getattr(i, "content", None))
                for i in items]

    utf16 = shape(read("records_utf16.jsonl"))
    assert utf16 == [(t, s.replace("records", "records_utf16"), c)
                     for t, s, c in shape(read("records.jsonl"))]


def test_readers_cp1252_jsonl_line_is_decoded_not_rejected():
    (doc,) = read("records_cp1252.jsonl")
    assert doc.content == "Café owners “paid dearly”." and doc.title == "Cafés"


def test_readers_json_array_yields_one_document_per_record():
    items = read("records.json")
    src = str(INPUTS / "records.json")
    assert [type(i).__name__ for i in items] == ["RawDocument", "RawDocument", "Rejection", "RawDocument"]
    assert items[2] == Rejection(f"{src}#3", "record is a JSON str, not an object")
    assert items[1].outlet == "b.example" and items[1].published == "2025-03-04T08:00:00"
    assert items[3].kind == "html" and items[3].url == "https://c.example/3"
    assert all(d.source == src for d in docs(items))


def test_readers_single_pretty_json_object_is_one_record():
    (doc,) = read("single.json")
    assert doc.content == "The only article in this file.\n\nIt has two paragraphs."
    assert doc.authors == ["Pat Single"]
    assert doc.published == "2025-03-05"  # a bare date is not given an invented time


def test_readers_json_envelope_of_articles_like_the_http_body():
    one, two = read("envelope.json")
    assert one.title == "Envelope one" and one.source == str(INPUTS / "envelope.json")
    assert two.source == "upload-2.txt"


def test_readers_rss_items_become_articles():
    items = read("feed_rss.xml")
    first, second, empty = items
    assert first.kind == "html"
    assert first.content.startswith("<p>The port of Valdora reopened")  # content:encoded > teaser
    assert (first.title, first.url, first.outlet, first.authors, first.language) == (
        "Valdora port reopens", "https://harbour-wire.example/valdora-reopens", "Harbour Wire",
        ["Lena Marsh"], "en-gb",
    )
    assert first.published == "2025-03-03T09:30:00+00:00"
    assert second.published == "2025-03-04T13:00:00+00:00"  # +0100 normalised to UTC
    assert second.content == "<p>Container rates rose 3 percent this week.</p>"
    assert empty == Rejection(str(INPUTS / "feed_rss.xml") + "#3", "feed entry has no content or summary")


def test_readers_atom_entries_with_authors_and_text_summary():
    html_entry, text_entry = read("feed_atom.xml")
    assert html_entry.kind == "html" and html_entry.authors == ["Lena Marsh", "Omar Diaz"]
    assert html_entry.published == "2025-03-03T09:15:00+00:00"
    assert html_entry.outlet == "Coastal Ledger"
    assert text_entry.kind == "text"
    assert text_entry.content == "Ferries resume their normal timetable on Wednesday."
    assert text_entry.published == "2025-03-04T08:00:00+00:00"  # only <updated>


def test_readers_feed_entry_links_are_never_fetched(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    items = read("feed_rss.xml", "feed_atom.xml", "page.html", "pages.warc.gz")
    assert len(docs(items)) == 7


@pytest.mark.parametrize("name", ["pages.warc", "pages.warc.gz"])
def test_readers_warc_keeps_html_200_responses_only(name):
    items = read(name)
    assert [(i.kind, i.url) for i in items] == [
        ("html", "https://a.example/a"),
        ("html", "https://b.example/fr"),
    ]
    assert all(i.source == str(INPUTS / name) for i in items)
    assert "The port of Valdora reopened on Monday." in items[0].content
    assert "apr\u00e8s une gr\u00e8ve" in items[1].content  # charset from the HTTP header


@pytest.mark.parametrize(
    ("packed", "plain"),
    [("article.txt.gz", "article.txt"), ("records.jsonl.gz", "records.jsonl"),
     ("feed_rss.xml.gz", "feed_rss.xml")],
)
def test_readers_gzip_is_sniffed_after_decompression(packed, plain):
    def shape(items, name):
        return [(type(i).__name__, i.source.replace(name, "X"), getattr(i, "content", None))
                for i in items]

    assert shape(read(packed), packed) == shape(read(plain), plain)


def test_readers_content_wins_over_a_misleading_extension(tmp_path):
    shutil.copy(INPUTS / "page.html", tmp_path / "saved.txt")
    shutil.copy(INPUTS / "records.jsonl", tmp_path / "dump.txt")
    shutil.copy(INPUTS / "feed_atom.xml", tmp_path / "feed.html")
    shutil.copy(INPUTS / "article.txt", tmp_path / "noext")
    kinds = [(Path(i.source).name, i.kind) for i in read_inputs([str(tmp_path)])
             if isinstance(i, RawDocument)]
    assert kinds == [("dump.txt", "text"), ("dump.txt", "text"), ("dump.txt", "html"),
                     ("lead", "text"),
                     ("feed.html", "html"), ("feed.html", "text"),
                     ("noext", "text"), ("saved.txt", "html")]


def test_readers_directory_is_recursive_sorted_and_skips_hidden():
    tree = str(INPUTS / "tree")
    items = list(read_inputs([tree]))
    assert [(i.source, i.kind) for i in items] == [
        (f"{tree}/a/one.txt", "text"),
        (f"{tree}/b.html", "html"),
    ]


def test_readers_dash_reads_stdin_bytes():
    data = (INPUTS / "records.jsonl").read_bytes()
    items = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert [i.source for i in docs(items)][:3] == ["-", "-", "-"]
    assert [i.source for i in items if isinstance(i, Rejection)] == ["-:5", "-:6", "-:7"]


def test_readers_json_array_larger_than_the_cap_streams_record_by_record(tmp_path):
    body = "word " * 1000
    records = [{"text": f"{i} {body}", "title": f"t{i}"} for i in range(400)]
    path = tmp_path / "big.json"
    path.write_text(json.dumps(records, indent=1))
    assert path.stat().st_size > 1_000_000
    items = list(read_inputs([str(path)], max_article_bytes=50_000))
    assert len(items) == 400 and all(isinstance(i, RawDocument) for i in items)
    assert [i.title for i in items[:3]] == ["t0", "t1", "t2"]


def test_readers_json_record_over_the_cap_is_rejected(tmp_path):
    path = tmp_path / "one-huge.json"
    path.write_text(json.dumps([{"text": "ok"}, {"text": "x" * 300_000}, {"text": "never"}]))
    items = list(read_inputs([str(path)], max_article_bytes=100_000))
    assert items[0].content == "ok"
    assert items[1:] == [Rejection(f"{path}#2", "larger than 100000 bytes")]


def test_readers_jsonl_overlong_line_is_rejected_and_reading_goes_on(tmp_path):
    path = tmp_path / "lines.jsonl"
    lines = [{"text": "first"}, {"text": "y" * 5000}, {"text": "third"}]
    path.write_text("\n".join(json.dumps(r) for r in lines) + "\n")
    items = list(read_inputs([str(path)], max_article_bytes=1000))
    assert [getattr(i, "content", None) or i.error for i in items] == [
        "first", "larger than 1000 bytes", "third"
    ]
    assert items[1].source == f"{path}:2"


def test_readers_json_mapping_of_ids_to_schema_org_records(tmp_path):
    path = tmp_path / "by-id.json"
    path.write_text(json.dumps({
        "a1": {"articleBody": "Body one.", "headline": "One", "datePublished": "2025-01-02",
               "author": [{"name": "Ann Lee"}], "inLanguage": "en"},
        "a2": {"articleBody": "Body two."},
    }))
    one, two = read_inputs([str(path)])
    assert (one.content, one.title, one.published, one.authors, one.language) == (
        "Body one.", "One", "2025-01-02", ["Ann Lee"], "en"
    )
    assert two.content == "Body two."
