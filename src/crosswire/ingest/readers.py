"""Input readers: every file, directory, archive or stream a user has, as RawDocuments.

:func:`read_inputs` picks the reader by content sniffing (:mod:`crosswire.ingest.sniff`), not by
extension, and never raises: an input that cannot be read becomes a :class:`Rejection` with a
one-line reason and the run goes on.

``source`` choice. A RawDocument's ``source`` is the path exactly as the user gave it (``-`` for
stdin; for a directory, the given directory joined with the relative file name). Records inside a
container (JSON/JSONL, feed, WARC) keep the container path as ``source`` and carry their own
URL in ``url``; the one exception is a JSON record with its own non-empty ``source`` field
(crosswire's own format), which is honoured as given. A Rejection for one record names it with a
suffix: ``path:LINE`` for a JSONL line (``path:LINE#K`` inside an envelope on that line),
``path#N`` (1-based) for the Nth record of a JSON document, feed entry or WARC record; a
Rejection without suffix concerns the whole input (for a truncated archive it comes after the
records that could be read). Text content keeps its characters; only line ends become ``\n``.

What each input becomes (the kind is sniffed from the bytes; the extension only breaks ties):

    input                           yields                                          source
    plain text / Markdown           one RawDocument(kind="text")                    path
    HTML page                       one RawDocument(kind="html", url=canonical/og)  path
    JSONL (one object per line)     a RawDocument per line; bad line -> Rejection   path | path:LINE
    JSON array / object / envelope  a RawDocument per record (streamed)             path | path#N
    RSS 2.0 / Atom / RDF feed       a RawDocument per entry (html or text body)     path | path#N
    WARC (.warc, .warc.gz)          a RawDocument(kind="html") per 200 HTML page    path | path#N
    .gz / .bz2 / .xz of any above   as the decompressed content                     path
    directory                       its files, recursively, sorted, hidden skipped  dir/relative
    ``-``                           stdin (bytes), sniffed like a file              -
    missing, unreadable, binary, empty, undecodable, XML with entities, other XML,
    malformed JSON, over ``max_article_bytes``, truncated/corrupt archive, dir loop -> Rejection

JSON records take crosswire's fields (text, title, source, url, published, outlet, authors,
language, html), news-please's (maintext, date_publish, source_domain, description) and
schema.org's (articleBody, headline, datePublished, inLanguage, author objects). A record with
text is kind "text"; with html only, kind "html"; with only a description, that is its text.

Bounds: no article body over ``max_article_bytes`` (after decompression) is ever held whole;
every read is chunked against that cap, so a gzip bomb costs at most the cap in memory. JSON
arrays and JSONL are streamed record by record; a feed document is capped at the same size.
Nothing an input names (a feed entry's link, a canonical URL) is ever fetched.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import json
import lzma
import os
import re
import stat
import sys
import time
import zlib
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timezone
from html import unescape
from typing import Any, BinaryIO

from crosswire.ingest.sniff import HEAD_BYTES, Kind, binary_kind, bom_encoding, decode_text, sniff
from crosswire.models import RawDocument, Rejection

__all__ = ["read_inputs", "record_to_document"]

Item = RawDocument | Rejection

_MAX_DEPTH = 64  # directory nesting; deeper trees are almost certainly loops via bind mounts
_MAX_NESTING = 3  # compression layers (a .gz of a .gz of ...)
_CHUNK = 64 * 1024
_DECOMPRESSORS = {"gzip": gzip.GzipFile, "bzip2": bz2.BZ2File, "xz": lzma.LZMAFile}


class _TooLarge(Exception):
    """Internal: a capped read found more than the cap."""


def read_inputs(
    paths: Iterable[str],
    *,
    stdin: BinaryIO | None = None,
    max_article_bytes: int = 20_000_000,
) -> Iterator[RawDocument | Rejection]:
    """Stream RawDocuments (and Rejections) from files, directories, archives or ``-`` (stdin)."""
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]  # one path, not an iterable of one-character paths
    for given in paths:
        try:
            path = os.fsdecode(given)
        except TypeError:
            yield Rejection(repr(given)[:100], "not a path")
            continue
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stream("-", "", stream, max_article_bytes)
        else:
            yield from _read_path(path, max_article_bytes, set(), 0, explicit=True)


def read_upload(name: str, data: bytes, *, max_article_bytes: int = 20_000_000) -> Iterator[RawDocument | Rejection]:
    """Read uploaded bytes exactly as a file called ``name`` would be read; ``source`` is ``name``."""
    yield from _read_stream(name, name, io.BytesIO(data), max_article_bytes)


# --------------------------------------------------------------------------- files, directories


def _read_path(path: str, cap: int, ancestors: set, depth: int, explicit: bool) -> Iterator[Item]:
    try:
        st = os.stat(path)
    except ValueError:  # an embedded NUL byte
        yield Rejection(path, "not a valid path")
        return
    except FileNotFoundError:
        yield Rejection(path, "no such file or directory")
        return
    except PermissionError:
        yield Rejection(path, "permission denied")
        return
    except OSError as exc:
        yield Rejection(path, f"cannot read: {_os_reason(exc)}")
        return
    if stat.S_ISDIR(st.st_mode):
        yield from _read_dir(path, st, cap, ancestors, depth)
    elif stat.S_ISREG(st.st_mode) or explicit:
        # An explicit argument may be a pipe (``<(zcat x.gz)``); inside a directory walk a FIFO
        # or device could block forever, so only regular files are read there.
        try:
            handle = open(path, "rb")  # noqa: SIM115 - closed in finally below
        except PermissionError:
            yield Rejection(path, "permission denied")
            return
        except OSError as exc:
            yield Rejection(path, f"cannot read: {_os_reason(exc)}")
            return
        try:
            yield from _read_stream(path, os.path.basename(path), handle, cap)
        finally:
            handle.close()
    else:
        yield Rejection(path, "not a regular file")


def _read_dir(
    path: str, st: os.stat_result, cap: int, ancestors: set, depth: int
) -> Iterator[Item]:
    key = (st.st_dev, st.st_ino)
    if key in ancestors:
        yield Rejection(path, "directory loop (a link back to a parent directory)")
        return
    if depth >= _MAX_DEPTH:
        yield Rejection(path, f"directory nesting deeper than {_MAX_DEPTH}")
        return
    try:
        names = sorted(n for n in os.listdir(path) if not n.startswith("."))
    except PermissionError:
        yield Rejection(path, "permission denied")
        return
    except OSError as exc:
        yield Rejection(path, f"cannot list directory: {_os_reason(exc)}")
        return
    inner = ancestors | {key}
    for name in names:
        yield from _read_path(os.path.join(path, name), cap, inner, depth + 1, explicit=False)


def _os_reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


# --------------------------------------------------------------------------- streams


_READ_ERRORS = (EOFError, OSError, zlib.error, lzma.LZMAError)


class _Prefixed(io.RawIOBase):
    """A raw stream that replays already-read ``head`` bytes before the rest of ``rest``.

    A read error (a truncated gzip member, an I/O error) ends the stream like EOF and is kept in
    ``error``: readers consume what was readable, and the caller then reports the damage. Raising
    instead would lose data a BufferedReader had half-filled, and warcio takes EOFError for a
    clean end of archive.
    """

    def __init__(self, head: bytes, rest: BinaryIO, error: BaseException | None = None):
        self._head = memoryview(head)
        self._rest = rest
        self.error = error
        self.total = 0  # bytes handed out, and the last few of them (a WARC's end is checked)
        self.tail = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:  # type: ignore[override]
        if self._head.nbytes:
            n = min(len(buf), self._head.nbytes)
            buf[:n] = self._head[:n]
            self._head = self._head[n:]
            return self._count(buf, n)
        if self.error is not None:
            return 0
        try:
            data = self._rest.read(len(buf))
        except _READ_ERRORS as exc:
            self.error = exc
            return 0
        n = len(data)
        buf[:n] = data
        return self._count(buf, n)

    def _count(self, buf, n: int) -> int:
        self.total += n
        self.tail = (self.tail + bytes(buf[max(0, n - 64):n]))[-64:]
        return n


def _peek(stream: BinaryIO) -> tuple[bytes, io.BufferedReader]:
    """Read the head of a stream for sniffing and give back a stream that still starts there."""
    head = b""
    error = None
    read = getattr(stream, "read1", stream.read)  # read1 hands over partial data before an error
    while len(head) < HEAD_BYTES:  # pipes and decompressors return short reads
        try:
            chunk = read(HEAD_BYTES - len(head))
        except _READ_ERRORS as exc:
            error = exc
            break
        if not chunk:
            break
        head += chunk
    return head, io.BufferedReader(_Prefixed(head, stream, error), buffer_size=_CHUNK)


def _stream_error(stream: BinaryIO) -> BaseException | None:
    return getattr(getattr(stream, "raw", None), "error", None)


def _read_capped(stream: BinaryIO, cap: int) -> bytes:
    """Read a whole stream in chunks, stopping (with _TooLarge) as soon as it exceeds ``cap``.

    A read error re-raises here: a whole-file article cut short is not an article.
    """
    buf = bytearray()
    while True:
        chunk = stream.read(min(_CHUNK, cap + 1 - len(buf)))
        if not chunk:
            error = _stream_error(stream)
            if error is not None:
                raise error
            return bytes(buf)
        buf += chunk
        if len(buf) > cap:
            raise _TooLarge


def _too_large(cap: int) -> str:
    if cap >= 1_000_000:
        return f"larger than {cap // 1_000_000} MB"
    return f"larger than {cap} bytes"


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:300]


def _read_stream(
    source: str, name: str, stream: BinaryIO, cap: int, layers: tuple[str, ...] = ()
) -> Iterator[Item]:
    """Sniff one input stream and hand it to its reader; no exception leaves this generator."""
    compressed = layers[-1] if layers else None
    buffered = None
    reported = False
    try:
        head, buffered = _peek(stream)
        kind = sniff(head, name)
        if kind in _DECOMPRESSORS:
            if len(layers) >= _MAX_NESTING:
                yield Rejection(source, f"more than {_MAX_NESTING} nested compression layers")
                return
            inner_name = re.sub(r"\.(gz|tgz|bz2|xz)$", "", name, flags=re.I)
            inner = _DECOMPRESSORS[kind](fileobj=buffered, mode="rb")
            yield from _read_stream(source, inner_name, inner, cap, (*layers, kind))
            return
        for item in _dispatch(source, kind, head, buffered, cap):
            error = _stream_error(buffered)
            if error is not None and isinstance(item, Rejection) and item.source == source:
                # A container's own complaint ("malformed JSON") after a read error is a
                # symptom; the read error is the cause.
                item = _read_failure(source, compressed, error)
                reported = True
            yield item
        error = _stream_error(buffered)
        if error is not None and not reported:
            yield _read_failure(source, compressed, error)
    except _TooLarge:
        yield Rejection(source, _too_large(cap))
    except _READ_ERRORS as exc:
        yield _read_failure(source, compressed, exc)
    except Exception as exc:  # the contract: one line per bad input, never a traceback
        yield Rejection(source, f"unreadable input: {type(exc).__name__}: {_one_line(exc)}")


def _read_failure(source: str, compressed: str | None, exc: BaseException) -> Rejection:
    if compressed:
        return Rejection(source, f"truncated or corrupt {compressed} data: {_one_line(exc)}")
    if isinstance(exc, OSError) and not isinstance(exc, gzip.BadGzipFile):
        return Rejection(source, f"cannot read: {_one_line(exc)}")
    return Rejection(source, f"truncated or corrupt input: {_one_line(exc)}")


def _dispatch(source: str, kind: Kind, head: bytes, stream: BinaryIO, cap: int) -> Iterator[Item]:
    if kind == "binary":
        yield Rejection(source, f"not an article: {binary_kind(head)}")
    elif kind == "empty":
        rest = _read_capped(stream, cap)
        if _blank(rest):
            yield Rejection(source, "empty or whitespace-only input")
        else:  # the head was blank but more follows: a page or text with a long blank lead
            later = sniff(rest.lstrip()[:HEAD_BYTES])
            yield from _single(source, "html" if later == "html" else "text", rest)
    elif kind == "xml-entities":
        yield Rejection(source, "XML with entity declarations (possible entity-expansion bomb)")
    elif kind == "xml-other":
        yield Rejection(source, "XML document that is neither an RSS/Atom feed nor HTML")
    elif kind == "warc":
        yield from _read_warc(source, stream, cap)
    elif kind == "feed":
        yield from _read_feed(source, _read_capped(stream, cap))
    elif kind in ("json", "jsonl"):
        if bom_encoding(head) in ("utf-16", "utf-32"):
            # The JSON readers parse UTF-8; a rare UTF-16 export is transcoded whole (capped).
            data = decode_text(_read_capped(stream, cap)).encode("utf-8")
            stream = io.BufferedReader(_Prefixed(data, io.BytesIO()))
            kind = "jsonl" if sniff(data[:HEAD_BYTES]) == "jsonl" else "json"
        reader = _read_jsonl if kind == "jsonl" else _read_json
        yield from reader(source, stream, cap)
    else:
        yield from _single(source, kind, _read_capped(stream, cap))


def _blank(data: bytes) -> bool:
    try:
        return _blank_text(decode_text(data))
    except UnicodeDecodeError:
        return False


def _blank_text(text: str) -> bool:
    return not text.strip().strip("\u200b\u00a0\ufeff").strip()


def _single(source: str, kind: str, data: bytes) -> Iterator[Item]:
    """One whole-file article: plain text/Markdown or an HTML page."""
    try:
        text = decode_text(data, html=kind == "html")
    except UnicodeDecodeError:
        yield Rejection(source, "binary or undecodable content, not text")
        return
    if _blank_text(text):
        yield Rejection(source, "empty or whitespace-only input")
        return
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if kind == "html":
        yield RawDocument(source=source, content=text, kind="html", url=canonical_url(text))
    else:
        yield RawDocument(source=source, content=text, kind="text")


_TAG = re.compile(r"<(link|meta)\b([^>]*)>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def canonical_url(html: str) -> str | None:
    """The page's own URL from ``<link rel=canonical>`` or ``og:url`` (absolute http(s) only)."""
    found: dict[str, str] = {}
    for m in _TAG.finditer(html[:HEAD_BYTES]):
        attrs = {a.lower(): unescape(b or c or d) for a, b, c, d in _ATTR.findall(m.group(2))}
        if m.group(1).lower() == "link" and "canonical" in attrs.get("rel", "").lower().split():
            found.setdefault("canonical", attrs.get("href", ""))
        elif attrs.get("property", attrs.get("name", "")).lower() == "og:url":
            found.setdefault("og", attrs.get("content", ""))
    for key in ("canonical", "og"):
        url = found.get(key, "").strip()
        if re.match(r"https?://[^\s/]+", url):
            return url
    return None


# --------------------------------------------------------------------------- JSON and JSONL


def _read_jsonl(source: str, stream: BinaryIO, cap: int) -> Iterator[Item]:
    """One record per line; a bad line is rejected as ``path:LINE`` and reading goes on."""
    lineno = 0
    while True:
        raw = stream.readline(cap + 1)
        if not raw:
            return
        lineno += 1
        if not raw.endswith(b"\n") and _stream_error(stream) is not None:
            return  # a line cut by a read error: the caller reports the error itself
        if len(raw) > cap and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the overlong line
                raw = stream.readline(_CHUNK)
            yield Rejection(f"{source}:{lineno}", _too_large(cap))
            continue
        if lineno == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        try:
            value = json.loads(_decode_line(raw))
        except UnicodeDecodeError:
            yield Rejection(f"{source}:{lineno}", "line is not text")
            continue
        except json.JSONDecodeError as exc:
            reason = f"malformed JSON at column {exc.colno}: {_msg(exc)}"
            yield Rejection(f"{source}:{lineno}", reason)
            continue
        except RecursionError:
            yield Rejection(f"{source}:{lineno}", "JSON nested too deeply")
            continue
        records = _unwrap(value)
        if records is None:
            yield _record_item(value, source, f"{source}:{lineno}")
        for k, record in enumerate(records or [], 1):
            yield _record_item(record, source, f"{source}:{lineno}#{k}")


def _decode_line(raw: bytes) -> str:
    """JSON Lines are UTF-8 by spec, but exports from old tools are sometimes cp1252."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return decode_text(raw)


def _read_json(source: str, stream: BinaryIO, cap: int) -> Iterator[Item]:
    """A JSON array of records, one record object, ``{"articles": [...]}``, or several of these
    concatenated; arrays are streamed element by element so only one record is held at a time."""
    parser = _JsonStream(stream, cap)
    n = 0
    try:
        for value, in_array in parser.values():
            records = None if in_array else _unwrap(value)
            for record in [value] if records is None else records:
                n += 1
                yield _record_item(record, source, f"{source}#{n}")
    except json.JSONDecodeError as exc:
        where = f" after {n} records" if n else ""
        at = f"at line {exc.lineno} column {exc.colno}"
        yield Rejection(source, f"malformed JSON{where} {at}: {_msg(exc)}")
    except RecursionError:
        yield Rejection(f"{source}#{n + 1}", "JSON nested too deeply")
    except _TooLarge:
        yield Rejection(f"{source}#{n + 1}" if parser.in_array else source, _too_large(cap))
    if n == 0 and parser.empty:
        yield Rejection(source, "JSON holds no records")


def _msg(exc: json.JSONDecodeError) -> str:
    return re.sub(r"\s+at$", "", exc.msg)


class _JsonStream:
    """Incremental JSON reader: top-level values, and the elements of top-level arrays."""

    def __init__(self, stream: BinaryIO, cap: int):
        self._stream = stream
        self._cap = cap
        self._decoder = json.JSONDecoder()
        self._text = codecs.getincrementaldecoder("utf-8-sig")()
        self._buf = ""
        self._pos = 0
        self._eof = False
        self.empty = True
        self.in_array = False

    def _more(self, at_least: int = _CHUNK) -> bool:
        if self._eof:
            return False
        # Drop what is parsed so memory stays near one record, then grow geometrically so a big
        # record is re-parsed O(log n) times rather than once per chunk.
        self._buf = self._buf[self._pos:]
        self._pos = 0
        room = self._cap + 1 - len(self._buf)
        if room <= 0:
            raise _TooLarge
        data = self._stream.read(min(max(at_least, len(self._buf)), room))
        self._eof = not data
        try:
            self._buf += self._text.decode(data, final=self._eof)
        except UnicodeDecodeError:
            # Not UTF-8 after all (an old cp1252 export): read the rest as cp1252.
            self._text = codecs.getincrementaldecoder("cp1252")(errors="replace")
            self._buf += self._text.decode(data, final=self._eof)
        return not self._eof

    def _skip_ws(self) -> str:
        while True:
            while self._pos < len(self._buf) and self._buf[self._pos] in " \t\r\n":
                self._pos += 1
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if not self._more():
                return ""

    def _value(self) -> Any:
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                # An error near the buffer's end may only mean the record goes on in the next
                # chunk; one earlier is a real syntax error and reading on would only cost time.
                maybe_cut = exc.pos >= len(self._buf) - 16 or exc.msg.startswith("Unterminated")
                if maybe_cut and self._more():
                    continue
                raise exc from None
            # A number at the buffer's end may continue in the next chunk.
            if end == len(self._buf) and not self._eof and self._more():
                continue
            self._pos = end
            return value

    def _fail(self, msg: str) -> json.JSONDecodeError:
        return json.JSONDecodeError(msg, self._buf, self._pos)

    def values(self) -> Iterator[tuple[Any, bool]]:
        while True:
            ch = self._skip_ws()
            if not ch:
                return
            self.empty = False
            if ch != "[":
                yield self._value(), False
                continue
            self._pos += 1
            self.in_array = True
            if self._skip_ws() == "]":
                self._pos += 1
                self.in_array = False
                continue
            while True:
                if not self._skip_ws():
                    raise self._fail("unterminated array")
                yield self._value(), True
                sep = self._skip_ws()
                self._pos += 1
                if sep == "]":
                    self.in_array = False
                    break
                if sep != ",":
                    self._pos -= 1
                    raise self._fail("expected ',' or ']' between records")


def _unwrap(value: Any) -> list | None:
    """The records inside a top-level object that is not itself a record, else None: an
    ``{"articles": [...]}`` envelope (the HTTP API body) or a mapping of ids to records."""
    if not isinstance(value, dict) or _has_body(value):
        return None
    if isinstance(value.get("articles"), list):
        return value["articles"]
    inner = list(value.values())
    if inner and all(isinstance(v, dict) for v in inner) and any(_has_body(v) for v in inner):
        return inner
    return None


_BODY_KEYS = ("text", "maintext", "articleBody", "html", "description")


def _has_body(record: dict) -> bool:
    return any(isinstance(record.get(k), str) and record[k].strip() for k in _BODY_KEYS)


def _record_item(value: Any, container: str, where: str) -> Item:
    if not isinstance(value, dict):
        return Rejection(where, f"record is a JSON {type(value).__name__}, not an object")
    doc = record_to_document(value, container)
    if doc is None:
        return Rejection(where, "record has no text, maintext, articleBody, html or description")
    return doc


def _str(record: dict, *keys: str) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def record_to_document(record: dict, container: str) -> RawDocument | None:
    """Map a JSON record (crosswire's or news-please's field names) to a RawDocument, or None."""
    text = _str(record, "text", "maintext", "articleBody")
    kind = "text"
    if text is None:
        text = _str(record, "html")
        kind = "html"
    if text is None:
        # news-please's description is a lead paragraph: thin, but better than dropping the record.
        text = _str(record, "description")
        kind = "text"
    if text is None:
        return None
    authors = record.get("authors", record.get("author"))
    if not isinstance(authors, list):
        authors = [authors]
    # schema.org (JSON-LD) authors are objects with a name.
    names = [a.get("name") if isinstance(a, dict) else a for a in authors]
    return RawDocument(
        source=_str(record, "source") or container,
        content=text,
        kind=kind,  # type: ignore[arg-type]
        title=_str(record, "title", "headline"),
        url=_str(record, "url"),
        outlet=_str(record, "outlet", "source_domain"),
        authors=[a.strip() for a in names if isinstance(a, str) and a.strip()],
        published=iso_date(_str(record, "published", "date_publish", "datePublished")),
        language=_str(record, "language", "inLanguage"),
    )


def iso_date(value: str | time.struct_time | None) -> str | None:
    """ISO 8601 for a parseable date (struct_time is taken as UTC); other strings pass as given."""
    if value is None:
        return None
    if isinstance(value, time.struct_time):
        try:
            return datetime(*value[:6], tzinfo=timezone.utc).isoformat()
        except (ValueError, OverflowError):
            return None
    value = value.strip()
    try:
        if len(value) == 10:  # a bare date stays a date: no invented midnight
            return date.fromisoformat(value).isoformat()
        return datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        return value  # the cleaner's date parser gets another go at it


# --------------------------------------------------------------------------- feeds


_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _read_feed(source: str, data: bytes) -> Iterator[Item]:
    """RSS/Atom entries as articles; entry links are kept as ``url`` and never fetched."""
    import feedparser
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    # feedparser's own XML parser would expand entities, so a document declaring any is refused
    # before it gets there; defusedxml also catches declarations the byte search cannot see
    # (a UTF-16 feed).
    if re.search(rb"<!ENTITY", data, re.I):
        yield Rejection(source, "XML with entity declarations (possible entity-expansion bomb)")
        return
    try:
        fromstring(data)
    except DefusedXmlException:
        yield Rejection(source, "XML with entity declarations or external references")
        return
    except (ParseError, ValueError):
        pass  # malformed but entity-free: feedparser's lenient parser may still read it
    parsed = feedparser.parse(io.BytesIO(data))
    feed = parsed.get("feed", {})
    outlet = _clean(feed.get("title"))
    language = _clean(feed.get("language"))
    entries = parsed.get("entries", [])
    if not entries:
        why = f": {_one_line(parsed['bozo_exception'])}" if parsed.get("bozo") else ""
        yield Rejection(source, f"feed has no entries{why}")
        return
    for n, entry in enumerate(entries, 1):
        body, kind = _entry_body(entry)
        if not body:
            yield Rejection(f"{source}#{n}", "feed entry has no content or summary")
            continue
        authors = [_clean(a.get("name")) for a in entry.get("authors", []) if isinstance(a, dict)]
        if not any(authors) and _clean(entry.get("author")):
            authors = [_clean(entry.get("author"))]
        yield RawDocument(
            source=source,
            content=body,
            kind=kind,  # type: ignore[arg-type]
            title=_clean(entry.get("title")),
            url=_clean(entry.get("link")),
            outlet=outlet,
            authors=[a for a in authors if a],
            published=iso_date(entry.get("published_parsed") or entry.get("updated_parsed")),
            language=language,
        )


def _clean(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _entry_body(entry: Any) -> tuple[str | None, str]:
    """The fullest body of a feed entry (content before summary) and its kind."""
    candidates = [c for c in entry.get("content", []) if isinstance(c, dict)]
    if entry.get("summary_detail"):
        candidates.append(entry["summary_detail"])
    elif entry.get("summary"):
        candidates.append({"value": entry["summary"], "type": "text/html"})
    best = max(candidates, key=lambda c: len(c.get("value") or ""), default=None)
    if not best or not (best.get("value") or "").strip():
        return None, "text"
    kind = "html" if (best.get("type") or "text/html") in _HTML_TYPES else "text"
    return best["value"].strip(), kind


# --------------------------------------------------------------------------- WARC


def _read_warc(source: str, stream: BinaryIO, cap: int) -> Iterator[Item]:
    """HTML pages from a WARC: ``response`` records with status 200 (and HTML ``resource``
    records); every other record is skipped silently."""
    from warcio.archiveiterator import ArchiveIterator

    n = pages = 0
    records = ArchiveIterator(stream)
    try:
        for record in records:
            n += 1
            if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
                raise EOFError(f"record {n} has an incomplete header")
            item = _warc_record(source, n, record, cap)
            # Drain what the reader left so a record cut short shows, skipped ones included
            # (warcio would skip the rest anyway, so this reads nothing twice).
            while record.raw_stream.read(_CHUNK):
                pass
            if getattr(record.raw_stream, "limit", 0) > 0:
                raise EOFError(f"record {n} is cut short")
            if item is not None:
                pages += isinstance(item, RawDocument)
                yield item
        if n == 0:
            yield Rejection(source, "WARC holds no complete record")
        elif not _ends_cleanly(stream, records.get_record_offset() + records.get_record_length()):
            raise EOFError("the archive ends inside a record header")
    except _TooLarge:
        raise
    except Exception as exc:  # warcio on a damaged archive raises anything (even AttributeError)
        yield Rejection(source, f"truncated or corrupt WARC after {pages} pages: {_one_line(exc)}")


def _ends_cleanly(stream: BinaryIO, end: int) -> bool:
    """Whether only blank lines follow offset ``end`` (the end of the last whole record)."""
    raw = getattr(stream, "raw", None)
    if not isinstance(raw, _Prefixed):
        return True
    left = raw.total - end
    return left <= len(raw.tail) and not raw.tail[len(raw.tail) - left:].strip()


def _warc_record(source: str, n: int, record: Any, cap: int) -> Item | None:
    if record.rec_type == "response":
        http = record.http_headers
        if http is None or http.get_statuscode() != "200":
            return None
        ctype = http.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        ctype = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    if ctype.split(";")[0].strip().lower() not in _HTML_TYPES:
        return None
    where = f"{source}#{n}"
    try:
        body = _read_capped(record.content_stream(), cap)
    except _TooLarge:
        return Rejection(where, _too_large(cap))
    except (OSError, EOFError, ValueError, zlib.error) as exc:  # a bad Content-Encoding payload
        return Rejection(where, f"unreadable HTTP payload: {_one_line(exc)}")
    charset = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", ctype, re.I)
    try:
        html = decode_text(body, declared=charset.group(1) if charset else None, html=True)
    except UnicodeDecodeError:
        return Rejection(where, "binary or undecodable content, not text")
    if not html.strip():
        return Rejection(where, "empty page")
    return RawDocument(
        source=source,
        content=html,
        kind="html",
        url=record.rec_headers.get_header("WARC-Target-URI"),
    )
