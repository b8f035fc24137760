"""JSON and JSONL records (crosswire's, news-please's and schema.org's fields) as RawDocuments."""

from __future__ import annotations

import codecs
import json
import re
import time
from collections.abc import Iterator
from datetime import date, datetime, timezone
from typing import Any, BinaryIO

from crosswire.ingest.sniff import decode_text
from crosswire.ingest.streams import CHUNK, Item, TooLarge, stream_error, too_large_reason
from crosswire.models import RawDocument, Rejection

__all__ = ["iso_date", "read_json", "read_jsonl", "record_to_document"]


def read_jsonl(source: str, stream: BinaryIO, cap: int) -> Iterator[Item]:
    """One record per line; a bad line is rejected as ``path:LINE`` and reading goes on."""
    yielded = 0
    for item in _jsonl_items(source, stream, cap):
        yielded += 1
        yield item
    if not yielded and stream_error(stream) is None:
        # Only blank lines or empty envelopes ({"articles": []}): the input must not vanish.
        yield Rejection(source, "JSONL holds no records")


def _jsonl_items(source: str, stream: BinaryIO, cap: int) -> Iterator[Item]:
    lineno = 0
    while True:
        raw = stream.readline(cap + 1)
        if not raw:
            return
        lineno += 1
        if not raw.endswith(b"\n") and stream_error(stream) is not None:
            return  # a line cut by a read error: the caller reports the error itself
        if len(raw) > cap and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the overlong line
                raw = stream.readline(CHUNK)
            yield Rejection(f"{source}:{lineno}", too_large_reason(cap))
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


def read_json(source: str, stream: BinaryIO, cap: int) -> Iterator[Item]:
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
    except TooLarge:
        yield Rejection(f"{source}#{n + 1}" if parser.in_array else source, too_large_reason(cap))
    else:
        if n == 0:  # an empty document, array or envelope ({"articles": []})
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

    def _more(self, at_least: int = CHUNK) -> bool:
        if self._eof:
            return False
        # Drop what is parsed so memory stays near one record, then grow geometrically so a big
        # record is re-parsed O(log n) times rather than once per chunk.
        self._buf = self._buf[self._pos:]
        self._pos = 0
        room = self._cap + 1 - len(self._buf)
        if room <= 0:
            raise TooLarge
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
