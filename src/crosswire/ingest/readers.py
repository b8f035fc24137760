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

This module sniffs and dispatches, and reads whole-file text and HTML; the formats live in
``records`` (JSON/JSONL), ``feeds`` and ``warc``, the bounded reads they share in ``streams``.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from html import unescape
from typing import BinaryIO

from crosswire.ingest.feeds import read_feed
from crosswire.ingest.records import read_json, read_jsonl
from crosswire.ingest.sniff import HEAD_BYTES, Kind, binary_kind, bom_encoding, decode_text, sniff
from crosswire.ingest.streams import (
    READ_ERRORS,
    Item,
    PrefixedStream,
    TooLarge,
    one_line,
    peek,
    read_capped,
    stream_error,
    too_large_reason,
)
from crosswire.ingest.warc import read_warc
from crosswire.models import RawDocument, Rejection

__all__ = ["canonical_url", "read_inputs", "read_upload"]

_MAX_DEPTH = 64  # directory nesting; deeper trees are almost certainly loops via bind mounts
_MAX_NESTING = 3  # compression layers (a .gz of a .gz of ...)
# GzipFile takes the stream as fileobj=, BZ2File and LZMAFile as their first argument.
_DECOMPRESSORS = {"gzip": lambda f: gzip.GzipFile(fileobj=f, mode="rb"),
                  "bzip2": lambda f: bz2.BZ2File(f, mode="rb"), "xz": lambda f: lzma.LZMAFile(f, mode="rb")}


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



def _read_stream(
    source: str, name: str, stream: BinaryIO, cap: int, layers: tuple[str, ...] = ()
) -> Iterator[Item]:
    """Sniff one input stream and hand it to its reader; no exception leaves this generator."""
    compressed = layers[-1] if layers else None
    buffered = None
    reported = False
    try:
        head, buffered = peek(stream)
        kind = sniff(head, name)
        if kind in _DECOMPRESSORS:
            if len(layers) >= _MAX_NESTING:
                yield Rejection(source, f"more than {_MAX_NESTING} nested compression layers")
                return
            inner_name = re.sub(r"\.(gz|tgz|bz2|xz)$", "", name, flags=re.I)
            inner = _DECOMPRESSORS[kind](buffered)
            yield from _read_stream(source, inner_name, inner, cap, (*layers, kind))
            return
        for item in _dispatch(source, kind, head, buffered, cap):
            error = stream_error(buffered)
            if error is not None and isinstance(item, Rejection) and item.source == source:
                # A container's own complaint ("malformed JSON") after a read error is a
                # symptom; the read error is the cause.
                item = _read_failure(source, compressed, error)
                reported = True
            yield item
        error = stream_error(buffered)
        if error is not None and not reported:
            yield _read_failure(source, compressed, error)
    except TooLarge:
        yield Rejection(source, too_large_reason(cap))
    except READ_ERRORS as exc:
        yield _read_failure(source, compressed, exc)
    except Exception as exc:  # the contract: one line per bad input, never a traceback
        yield Rejection(source, f"unreadable input: {type(exc).__name__}: {one_line(exc)}")


def _read_failure(source: str, compressed: str | None, exc: BaseException) -> Rejection:
    if compressed:
        return Rejection(source, f"truncated or corrupt {compressed} data: {one_line(exc)}")
    if isinstance(exc, OSError) and not isinstance(exc, gzip.BadGzipFile):
        return Rejection(source, f"cannot read: {one_line(exc)}")
    return Rejection(source, f"truncated or corrupt input: {one_line(exc)}")


def _dispatch(source: str, kind: Kind, head: bytes, stream: BinaryIO, cap: int) -> Iterator[Item]:
    if kind == "binary":
        yield Rejection(source, f"not an article: {binary_kind(head)}")
    elif kind == "empty":
        rest = read_capped(stream, cap)
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
        yield from read_warc(source, stream, cap)
    elif kind == "feed":
        yield from read_feed(source, read_capped(stream, cap))
    elif kind in ("json", "jsonl"):
        if bom_encoding(head) in ("utf-16", "utf-32"):
            # The JSON readers parse UTF-8; a rare UTF-16 export is transcoded whole (capped).
            data = decode_text(read_capped(stream, cap)).encode("utf-8")
            stream = io.BufferedReader(PrefixedStream(data, io.BytesIO()))
            kind = "jsonl" if sniff(data[:HEAD_BYTES]) == "jsonl" else "json"
        reader = read_jsonl if kind == "jsonl" else read_json
        yield from reader(source, stream, cap)
    else:
        yield from _single(source, kind, read_capped(stream, cap))


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
