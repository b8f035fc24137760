"""Bounded input streams shared by every reader: capped reads, sniffable heads, read errors."""

from __future__ import annotations

import io
import lzma
import zlib
from typing import BinaryIO

from crosswire.ingest.sniff import HEAD_BYTES
from crosswire.models import RawDocument, Rejection

__all__ = [
    "CHUNK",
    "READ_ERRORS",
    "Item",
    "PrefixedStream",
    "TooLarge",
    "one_line",
    "peek",
    "read_capped",
    "stream_error",
    "too_large_reason",
]

Item = RawDocument | Rejection

CHUNK = 64 * 1024


class TooLarge(Exception):
    """Internal: a capped read found more than the cap."""


READ_ERRORS = (EOFError, OSError, zlib.error, lzma.LZMAError)


class PrefixedStream(io.RawIOBase):
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
        except READ_ERRORS as exc:
            self.error = exc
            return 0
        n = len(data)
        buf[:n] = data
        return self._count(buf, n)

    def _count(self, buf, n: int) -> int:
        self.total += n
        self.tail = (self.tail + bytes(buf[max(0, n - 64):n]))[-64:]
        return n


def peek(stream: BinaryIO) -> tuple[bytes, io.BufferedReader]:
    """Read the head of a stream for sniffing and give back a stream that still starts there."""
    head = b""
    error = None
    read = getattr(stream, "read1", stream.read)  # read1 hands over partial data before an error
    while len(head) < HEAD_BYTES:  # pipes and decompressors return short reads
        try:
            chunk = read(HEAD_BYTES - len(head))
        except READ_ERRORS as exc:
            error = exc
            break
        if not chunk:
            break
        head += chunk
    return head, io.BufferedReader(PrefixedStream(head, stream, error), buffer_size=CHUNK)


def stream_error(stream: BinaryIO) -> BaseException | None:
    return getattr(getattr(stream, "raw", None), "error", None)


def read_capped(stream: BinaryIO, cap: int) -> bytes:
    """Read a whole stream in chunks, stopping (with TooLarge) as soon as it exceeds ``cap``.

    A read error re-raises here: a whole-file article cut short is not an article.
    """
    buf = bytearray()
    while True:
        chunk = stream.read(min(CHUNK, cap + 1 - len(buf)))
        if not chunk:
            error = stream_error(stream)
            if error is not None:
                raise error
            return bytes(buf)
        buf += chunk
        if len(buf) > cap:
            raise TooLarge


def too_large_reason(cap: int) -> str:
    if cap >= 1_000_000:
        return f"larger than {cap // 1_000_000} MB"
    return f"larger than {cap} bytes"


def one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:300]
