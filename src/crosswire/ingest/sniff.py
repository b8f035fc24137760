"""Content sniffing and robust text decoding for crosswire's input readers.

:func:`sniff` looks at the first bytes of an input (after decompression) and names its kind; the
file extension only breaks ties the bytes cannot (a JSON file whose first line is too long to
see). :func:`decode_text` turns bytes into text without ever raising on a plausible encoding.
"""

from __future__ import annotations

import codecs
import re
from typing import Literal

Kind = Literal[
    "gzip", "bzip2", "xz", "warc", "json", "jsonl", "feed", "html", "text",
    "binary", "empty", "xml-entities", "xml-other",
]

# How many leading bytes the readers hand to :func:`sniff`.
HEAD_BYTES = 64 * 1024

_COMPRESSED = {b"\x1f\x8b": "gzip", b"BZh": "bzip2", b"\xfd7zXZ\x00": "xz"}

# Magic numbers of formats that are never articles; the name goes into the rejection reason.
_MAGIC = [
    (b"%PDF", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or an Office/EPUB document)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "Zstandard archive (recompress with gzip)"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"{\\rtf", "RTF document"),
]

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]

_FEED_ROOTS = {"rss", "feed", "rdf"}
_HTML_TAGS = {
    "html", "head", "body", "meta", "title", "link", "div", "p", "article", "section", "main",
    "header", "nav", "script", "style", "h1", "h2", "h3", "table", "span", "a", "img", "ul",
    "figure", "base",
}
# Skips the XML declaration, processing instructions, comments and a DOCTYPE (with an internal
# subset) to reach the root element's name.
_PROLOG_ITEM = re.compile(
    r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)", re.S | re.I
)
_TAG_NAME = re.compile(r"\s*<([A-Za-z][\w.:-]*)")
_LATE_HTML = re.compile(r"^\s*<(?:!doctype\s+html|html)\b", re.I | re.M)
_CONTROL_BYTES = [bytes([b]) for b in [*range(0, 9), 11, *range(14, 32), 127]]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def bom_encoding(data: bytes) -> str | None:
    """The codec named by a byte-order mark at the start of ``data``, if any."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def binary_kind(head: bytes) -> str | None:
    """A human name for a binary format ("PDF document"), or None if ``head`` may be text."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if head[257:262] == b"ustar":
        return "tar archive (extract it first)"
    if head[4:8] == b"ftyp":
        return "MP4/HEIF media"
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "RIFF media"
    # UTF-16/32 text legitimately holds NULs, but only behind a BOM.
    if b"\x00" in head and bom_encoding(head) not in ("utf-16", "utf-32"):
        return "binary data (NUL bytes)"
    return None


def _head_text(head: bytes) -> str:
    enc = bom_encoding(head)
    return head.decode(enc or "utf-8", errors="replace").lstrip("\ufeff")


def xml_root(text: str) -> tuple[str | None, str]:
    """The root element name of an XML/HTML head (lower-case, prefix dropped) and its prolog."""
    pos = 0
    while True:
        m = _PROLOG_ITEM.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    m = _TAG_NAME.match(text, pos)
    if not m:
        return None, text[:pos]
    return m.group(1).rsplit(":", 1)[-1].lower(), text[:pos]


def _first_line_is_object(head: bytes) -> bool | None:
    """True when the first line is a whole JSON object (JSONL); None when it is not all in view."""
    import json

    nl = head.find(b"\n")
    if nl < 0:
        return None
    try:
        value = json.loads(head[:nl].decode("utf-8-sig", errors="replace"))
    except (ValueError, UnicodeDecodeError):
        return False
    return isinstance(value, dict)


def sniff(head: bytes, name: str = "") -> Kind:
    """Name the kind of an input from its first bytes; ``name`` (a file name) breaks ties."""
    lname = name.lower()
    for magic, kind in _COMPRESSED.items():
        if head.startswith(magic):
            return kind  # type: ignore[return-value]
    if head.startswith(b"WARC/"):
        return "warc"
    if binary_kind(head):
        return "binary"
    text = _head_text(head)
    stripped = text.lstrip()
    if not stripped.strip("\u200b\u00a0"):
        return "empty"
    first = stripped[0]
    json_ext = lname.endswith((".json", ".jsonl", ".ndjson", ".jsonlines"))
    lines_ext = lname.endswith((".jsonl", ".ndjson", ".jsonlines"))
    # Markdown copied from a page may start with "[Home](/)", so a bracket alone is not JSON.
    after = stripped[1:].lstrip()[:1]
    if first == "[" and (after in ("{", "]") or json_ext):
        return "json"
    if first == "{" and (after in ('"', "}") or json_ext):
        is_line = _first_line_is_object(head.lstrip())
        if is_line or (is_line is None and lines_ext):
            return "jsonl"
        return "json"
    if json_ext:
        return "jsonl" if lines_ext else "json"
    if first == "<":
        root, _ = xml_root(stripped)
        # Entity declarations only live in a DTD; an escaped mention in a body would read
        # "&lt;!ENTITY", so any literal one in the head is a declaration (billion laughs).
        if "<!ENTITY" in stripped.upper():
            return "xml-entities"
        if root in _FEED_ROOTS:
            return "feed"
        if root in _HTML_TAGS:
            return "html"
        if stripped.startswith("<?xml"):
            return "xml-other"
    # Junk before the markup (a saved page behind a stray line): an <html> or DOCTYPE opening a
    # line early on still makes a page; a mention inside a sentence does not.
    if _LATE_HTML.search(stripped[:2048]):
        return "html"
    return "text"


def _meta_charset(data: bytes) -> str | None:
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", data[:4096], re.I)
    if not m:
        m = re.search(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", data[:512], re.I)
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def decode_text(data: bytes, declared: str | None = None, html: bool = False) -> str:
    """Decode bytes: BOM, declared/meta charset, UTF-8, charset detection, then cp1252.

    Raises UnicodeDecodeError when no encoding fits or the result is mostly control characters
    (binary data without a telling magic number).
    """
    enc = bom_encoding(data)
    if enc:
        text = data.decode(enc, errors="replace")
        return _checked(text.lstrip("\ufeff"), data)
    # Without a BOM every plausible text encoding keeps control bytes rare, whatever a detector
    # might guess for them (charset_normalizer calls control-byte soup UTF-16).
    sample = data[:20000]
    if sum(sample.count(b) for b in _CONTROL_BYTES) > len(sample) // 20:
        raise UnicodeDecodeError("text", data[:1], 0, 1, "mostly control bytes")
    for candidate in (declared, _meta_charset(data) if html else None):
        if not candidate:
            continue
        try:
            return _checked(data.decode(candidate), data)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return _checked(data.decode("utf-8"), data)
    except UnicodeDecodeError:
        pass
    # Short snippets defeat statistical detection (it reads "Café" as cp1257 as happily as
    # cp1252). Legacy Western text decoded as cp1252 is mostly ASCII letters; Cyrillic or Greek
    # decoded the same way is nearly all accented letters, so the ratio tells them apart.
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _mostly_ascii_letters(western):
        return _checked(western, data)
    from charset_normalizer import from_bytes

    # Detection on the first MB is as good as on all of it and bounded in time.
    matches = from_bytes(data[: 1 << 20])
    best = matches.best()
    if best is not None and best.encoding:
        # Short texts tie between code pages (cp1250/cp1252/cp1257 read "café" alike); Western
        # European cp1252 is by far the likeliest for news copied from the web, so it wins ties.
        tied = {
            m.encoding for m in matches if m.chaos <= best.chaos and m.coherence >= best.coherence
        }
        encoding = "cp1252" if "cp1252" in tied else best.encoding
        if encoding.startswith(("utf_16", "utf_32")):  # never without a BOM (handled above)
            encoding = "cp1252"
        try:
            return _checked(data.decode(encoding), data)
        except (LookupError, UnicodeDecodeError):
            pass
    return _checked(data.decode("cp1252"), data)


def _mostly_ascii_letters(text: str) -> bool:
    letters = [c for c in text[:100_000] if c.isalpha()]
    foreign = sum(1 for c in letters if ord(c) > 127)
    return bool(letters) and foreign < 0.15 * len(letters)


def _checked(text: str, data: bytes) -> str:
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) > len(sample) // 20:
        raise UnicodeDecodeError("text", data[:1], 0, 1, "mostly control characters")
    return text
