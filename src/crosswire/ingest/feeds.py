"""RSS 2.0, Atom and RDF feeds: one RawDocument per entry, nothing fetched."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from crosswire.ingest.records import iso_date
from crosswire.ingest.streams import Item, one_line
from crosswire.models import RawDocument, Rejection

__all__ = ["HTML_TYPES", "read_feed"]

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_feed(source: str, data: bytes) -> Iterator[Item]:
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
        why = f": {one_line(parsed['bozo_exception'])}" if parsed.get("bozo") else ""
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
    kind = "html" if (best.get("type") or "text/html") in HTML_TYPES else "text"
    return best["value"].strip(), kind
