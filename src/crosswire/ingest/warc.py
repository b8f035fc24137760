"""WARC archives: one RawDocument per HTML page a record holds."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from crosswire.ingest.feeds import HTML_TYPES
from crosswire.ingest.sniff import decode_text
from crosswire.ingest.streams import (
    CHUNK,
    Item,
    PrefixedStream,
    TooLarge,
    one_line,
    read_capped,
    too_large_reason,
)
from crosswire.models import RawDocument, Rejection

__all__ = ["read_warc"]


def read_warc(source: str, stream: BinaryIO, cap: int) -> Iterator[Item]:
    """HTML pages from a WARC: ``response`` records with status 200 (and HTML ``resource``
    records); every other record is skipped, and a WARC with no page at all is a Rejection."""
    from warcio.archiveiterator import ArchiveIterator

    n = pages = yielded = 0
    records = ArchiveIterator(stream)
    try:
        for record in records:
            n += 1
            if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
                raise EOFError(f"record {n} has an incomplete header")
            item = _warc_record(source, n, record, cap)
            # Drain what the reader left so a record cut short shows, skipped ones included
            # (warcio would skip the rest anyway, so this reads nothing twice).
            while record.raw_stream.read(CHUNK):
                pass
            if getattr(record.raw_stream, "limit", 0) > 0:
                raise EOFError(f"record {n} is cut short")
            if item is not None:
                pages += isinstance(item, RawDocument)
                yielded += 1
                yield item
        if n == 0:
            yield Rejection(source, "WARC holds no complete record")
        elif not yielded:  # every record skipped: the input must not vanish without a word
            yield Rejection(source, f"WARC holds no HTML page ({n} records, none a 200 HTML response)")
        elif not _ends_cleanly(stream, records.get_record_offset() + records.get_record_length()):
            raise EOFError("the archive ends inside a record header")
    except TooLarge:
        raise
    except Exception as exc:  # warcio on a damaged archive raises anything (even AttributeError)
        yield Rejection(source, f"truncated or corrupt WARC after {pages} pages: {one_line(exc)}")


def _ends_cleanly(stream: BinaryIO, end: int) -> bool:
    """Whether only blank lines follow offset ``end`` (the end of the last whole record)."""
    raw = getattr(stream, "raw", None)
    if not isinstance(raw, PrefixedStream):
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
    if ctype.split(";")[0].strip().lower() not in HTML_TYPES:
        return None
    where = f"{source}#{n}"
    try:
        body = read_capped(record.content_stream(), cap)
    except TooLarge:
        return Rejection(where, too_large_reason(cap))
    except (OSError, EOFError, ValueError, zlib.error) as exc:  # a bad Content-Encoding payload
        return Rejection(where, f"unreadable HTTP payload: {one_line(exc)}")
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
