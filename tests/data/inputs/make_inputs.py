"""Regenerate the binary and compressed input fixtures next to this script (deterministic).

Run: ``.venv/bin/python tests/data/inputs/make_inputs.py``. The text fixtures (``article.txt``,
``page.html``, ``records.jsonl``, feeds, ...) are written by hand and read here as ingredients.
"""

from __future__ import annotations

import gzip
import io
import struct
import tarfile
import zlib
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
BAD = HERE / "bad"



def _png() -> bytes:
    """A real 1x1 grey PNG, built chunk by chunk with correct CRCs."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\x80")) \
        + chunk(b"IEND", b"")


PNG = _png()
# A minimal one-page PDF: real magic, real structure.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

CP1252_TEXT = (
    "Caf\u00e9 owners in Valdora say the strike \u201ccost them dearly\u201d \u2014 "
    "sales fell by a third, the na\u00efve estimate suggests.\n"
)
LATIN1_PAGE = (
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
    "<title>R\u00e9sum\u00e9 of the strike</title></head>"
    "<body><p>Le port de Valdora a rouvert lundi apr\u00e8s une gr\u00e8ve.</p></body></html>\n"
)


def gz(data: bytes) -> bytes:
    """Gzip with a fixed mtime so regeneration gives identical bytes."""
    return gzip.compress(data, mtime=0)


def warc(compress: bool) -> tuple[bytes, int]:
    """A small WARC of mixed records; returns its bytes and the offset of the last HTML page."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    n = 0

    def record(kind: str, uri: str, payload: bytes, http: StatusAndHeaders | None, **kw):
        nonlocal n
        n += 1
        headers = {
            "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{n:012d}>",
            "WARC-Date": "2025-03-03T10:00:00Z",
        }
        rec = writer.create_warc_record(
            uri, kind, payload=io.BytesIO(payload), http_headers=http, warc_headers_dict=headers, **kw
        )
        writer.write_record(rec)

    def resp(status: str, ctype: str, body: bytes) -> StatusAndHeaders:
        return StatusAndHeaders(
            status, [("Content-Type", ctype), ("Content-Length", str(len(body)))], protocol="HTTP/1.1"
        )

    page_a = (
        b"<html><head><title>Valdora reopens</title></head>"
        b"<body><p>The port of Valdora reopened on Monday.</p></body></html>"
    )
    page_b = LATIN1_PAGE.encode("latin-1")
    req = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "a.example")], is_http_request=True)
    record("warcinfo", "", b"software: crosswire make_inputs\r\n", None,
           warc_content_type="application/warc-fields")
    record("request", "https://a.example/a", b"", req)
    record("response", "https://a.example/a", page_a, resp("200 OK", "text/html; charset=utf-8", page_a))
    record("response", "https://a.example/missing", b"<html>gone</html>",
           resp("404 Not Found", "text/html", b"<html>gone</html>"))
    record("response", "https://a.example/logo.png", PNG, resp("200 OK", "image/png", PNG))
    record("response", "https://a.example/old", b"", resp("301 Moved Permanently", "text/html", b""))
    last = out.tell()
    record("response", "https://b.example/fr", page_b,
           resp("200 OK", "text/html; charset=iso-8859-1", page_b))
    return out.getvalue(), last


def tar_of(name: str, data: bytes) -> bytes:
    """A one-file tar with fixed metadata."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        info = tarfile.TarInfo(name)
        info.size, info.mtime = len(data), 0
        tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


def main() -> None:
    BAD.mkdir(exist_ok=True)
    article = (HERE / "article.txt").read_bytes()
    (HERE / "article_cp1252.txt").write_bytes(CP1252_TEXT.encode("cp1252"))
    (HERE / "article_utf16.txt").write_bytes(CP1252_TEXT.encode("utf-16"))  # with BOM
    (HERE / "page_latin1.html").write_bytes(LATIN1_PAGE.encode("latin-1"))
    (HERE / "article.txt.gz").write_bytes(gz(article))
    (HERE / "records.jsonl.gz").write_bytes(gz((HERE / "records.jsonl").read_bytes()))
    (HERE / "feed_rss.xml.gz").write_bytes(gz((HERE / "feed_rss.xml").read_bytes()))
    plain, _ = warc(compress=False)
    (HERE / "pages.warc").write_bytes(plain)
    packed, last = warc(compress=True)
    (HERE / "pages.warc.gz").write_bytes(packed)
    # Cut inside the last page's gzip member: the first page stays readable.
    (BAD / "truncated.warc.gz").write_bytes(packed[: last + (len(packed) - last) // 2])
    whole = gz(article)
    (BAD / "truncated.txt.gz").write_bytes(whole[: len(whole) // 2])
    (BAD / "corrupt.txt.gz").write_bytes(whole[:10] + bytes(b ^ 0x5A for b in whole[10:]))
    (BAD / "nul.bin").write_bytes(b"Some text\x00\x00\x01\x02 then binary" * 4)
    (BAD / "control.txt").write_bytes(bytes(range(1, 9)) * 40 + b"\x0e\x0f\x10\x11" * 40)
    (BAD / "image.png").write_bytes(PNG)
    (BAD / "articles.tar.gz").write_bytes(gz(tar_of("article.txt", article)))
    records = (HERE / "records.jsonl").read_text(encoding="utf-8")
    (HERE / "records_utf16.jsonl").write_bytes(records.encode("utf-16"))
    legacy = '{"text": "Caf\u00e9 owners \u201cpaid dearly\u201d.", "title": "Caf\u00e9s"}\n'
    (HERE / "records_cp1252.jsonl").write_bytes(legacy.encode("cp1252"))
    (BAD / "doc.pdf").write_bytes(PDF)


if __name__ == "__main__":
    main()
