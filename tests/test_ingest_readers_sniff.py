"""Content sniffing and text decoding behind read_inputs."""

from __future__ import annotations

import pytest

from crosswire.ingest.sniff import decode_text, sniff


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"<p>A fragment of a page.</p>", "html"),
        (b"\xef\xbb\xbf<html><body>x</body></html>", "html"),
        (b'<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x">\n'
         b'<html xmlns="http://www.w3.org/1999/xhtml">', "html"),
        (b"saved from a browser\n<!DOCTYPE html>\n<html>", "html"),
        (b"# Title\n\nThe tag <html> starts every page.", "text"),
        (b"<Reuters> Ships left port on Monday.", "text"),
        (b"[Home](/) [News](/news)\n\nShips left port.", "text"),
        (b"{Photo: AP} Ships left port.", "text"),
        (b"[1, 2, 3]", "text"),
        (b'[ {"text": "a"} ]', "json"),
        (b'{\n  "text": "pretty-printed"\n}', "json"),
        (b'{"text": "one line, no newline"}', "json"),
        (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        (b"<!-- generator -->\n<rss version=\"2.0\"><channel>", "feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">', "feed"),
        (b'<?xml version="1.0"?><urlset><url/></urlset>', "xml-other"),
        (b'<!DOCTYPE rss [<!ENTITY a "b">]><rss>', "xml-entities"),
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b"BZh91AY&SY", "bzip2"),
        (b"\xfd7zXZ\x00\x00", "xz"),
        (b"%PDF-1.7", "binary"),
        (b" \n\t\xc2\xa0", "empty"),
        (b"", "empty"),
    ],
)
def test_sniff_names_the_kind_from_content(head, kind):
    assert sniff(head) == kind


@pytest.mark.parametrize(
    ("head", "name", "kind"),
    [
        (b'{"text": "long first line, out of view"', "dump.jsonl", "jsonl"),
        (b"not json at all", "broken.json", "json"),
        (b"plain words", "notes.txt", "text"),
    ],
)
def test_sniff_extension_only_breaks_ties(head, name, kind):
    assert sniff(head, name) == kind


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Café owners “paid dearly” — naïve.", "cp1252"),
        ("Привет, мир! Это статья о порте.", "cp1251"),
        ("Καλημέρα κόσμε, άρθρο για το λιμάνι", "cp1253"),
        ("日本はワシントンでの安全保障協議を中止した", "shift_jis"),
        ("Ships left port.", "utf-16"),
        ("Ünïcödé and ASCII", "utf-8"),
    ],
)
def test_decode_text_recovers_the_original(text, encoding):
    assert decode_text(text.encode(encoding)) == text


def test_decode_text_honours_html_meta_charset():
    page = '<meta charset="iso-8859-15"><p>Prix: 5 €</p>'.encode("iso-8859-15")
    assert "5 €" in decode_text(page, html=True)


def test_decode_text_refuses_control_character_soup():
    with pytest.raises(UnicodeDecodeError):
        decode_text(bytes(range(1, 9)) * 100)
