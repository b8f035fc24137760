"""Following feeds: poll RSS/Atom feeds and OPML lists, fetch each new entry's page once.

A watch argument is a feed or an OPML list, given as an http(s) URL or a local file. Each poll
reads every feed (an OPML list names its feeds by ``xmlUrl``; lists within lists are not
followed), fetches the page of each entry link it has not seen, and adds those pages to the
store, where they join their stories. The entry URLs seen are kept in the store (state key
``watch.seen``), so no URL is fetched twice, across polls and across runs: a page fetched, refused
or missing (4xx) is never asked for again; a transient failure (5xx, timeout) is tried again on
later polls, at most ``MAX_TRIES`` times in all.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

from crosswire.ingest.fetch import Fetcher, documents_from, is_url
from crosswire.models import RawDocument, Rejection

__all__ = ["MAX_TRIES", "PollResult", "Watcher", "parse_every"]

SEEN_KEY = "watch.seen"
MAX_TRIES = 3
MAX_FEED_BYTES = 10_000_000


def parse_every(text: str) -> float:
    """``"10m"`` -> 600.0; units s, m, h (a bare number is seconds); ValueError when unreadable."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", text or "", re.I)
    if not match:
        raise ValueError(f"{text!r} is not a duration (say 30s, 10m or 1h)")
    seconds = float(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[match.group(2).lower()]
    if seconds < 1:
        raise ValueError(f"{text!r} is shorter than one second")
    return seconds


@dataclass
class PollResult:
    number: int
    feeds: int = 0
    entries: int = 0
    new: int = 0
    documents: list[RawDocument] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    seen: dict[str, dict] = field(default_factory=dict)  # what the store is to remember once added

    def line(self, stories: int, articles: int) -> str:
        stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
        return (f"poll {self.number} at {stamp}: {plural(self.feeds, 'feed')}, {plural(self.entries, 'entry')}, "
                f"{self.new} new, {plural(articles, 'article')} added to {plural(stories, 'story')}, "
                f"{len(self.rejected)} rejected")


def plural(count: int, word: str) -> str:
    """``1 story``, ``2 stories``, ``0 articles``."""
    if count == 1:
        return f"{count} {word}"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return f"{count} {word[:-1]}ies"
    return f"{count} {word}s"


class Watcher:
    """Polls ``sources`` (feed or OPML, URL or file) with ``fetcher``; remembers seen URLs in ``store``."""

    def __init__(self, store, sources: list[str], fetcher: Fetcher):
        self.store = store  # a crosswire.store.ArticleStore (get_state/set_state)
        self.sources = list(sources)
        self.fetcher = fetcher
        self.polls = 0

    def _seen(self) -> dict[str, dict]:
        seen = self.store.get_state(SEEN_KEY)
        return seen if isinstance(seen, dict) else {}

    def poll(self) -> PollResult:
        """One pass over every feed; returns the new pages read (not yet added) and rejections.

        Call :meth:`remember` once the pages are stored: an interrupted run forgets nothing it
        did not store."""
        self.polls += 1
        result = PollResult(self.polls)
        seen = self._seen()
        links: list[str] = []
        for feed_data, source in self._feeds(result):
            result.feeds += 1
            for link in _entry_links(feed_data, source, result):
                if link not in links:
                    links.append(link)
        result.entries = len(links)
        for link in links:
            mark = seen.get(link)
            if mark and (mark.get("status") != "retry" or mark.get("tries", 0) >= MAX_TRIES):
                continue
            result.new += 1
            tries = (mark or {}).get("tries", 0) + 1
            got = self.fetcher.fetch(link)
            if isinstance(got, Rejection):
                result.rejected.append(got)
                status = "retry" if link in self.fetcher.transient_failures else "rejected"
                self.fetcher.transient_failures.discard(link)
            else:
                status = "fetched"
                for item in documents_from(got):
                    (result.rejected if isinstance(item, Rejection) else result.documents).append(item)
            seen[link] = {"status": status, "tries": tries,
                          "at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        result.seen = seen
        return result

    def remember(self, result: PollResult) -> None:
        """Keep the URLs ``result`` fetched as seen (after their pages were added to the store)."""
        self.store.set_state(SEEN_KEY, result.seen)

    # ----------------------------------------------------------------- feeds

    def _read(self, source: str, result: PollResult) -> bytes | None:
        if is_url(source):
            got = self.fetcher.fetch(source)
            if isinstance(got, Rejection):
                result.rejected.append(got)
                return None
            return got.content
        try:
            with open(source, "rb") as handle:
                data = handle.read(MAX_FEED_BYTES + 1)
        except OSError as exc:
            result.rejected.append(Rejection(source, f"cannot read: {exc.strerror or exc}"))
            return None
        if len(data) > MAX_FEED_BYTES:
            result.rejected.append(Rejection(source, f"feed over {MAX_FEED_BYTES:,} bytes"))
            return None
        return data

    def _feeds(self, result: PollResult):
        for source in self.sources:
            data = self._read(source, result)
            if data is None:
                continue
            opml = _opml_feeds(data)
            if opml is None:
                yield data, source
                continue
            if not opml:
                result.rejected.append(Rejection(source, "OPML list names no feeds (no xmlUrl)"))
            for feed in opml:
                feed_data = self._read(feed, result)
                if feed_data is not None:
                    yield feed_data, feed


def _safe_xml(data: bytes):
    """The parsed root, or None; raises ValueError for XML with entities (never expanded)."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    if re.search(rb"<!ENTITY", data, re.I):
        raise ValueError("XML with entity declarations (possible entity-expansion bomb)")
    try:
        return fromstring(data)
    except DefusedXmlException:
        raise ValueError("XML with entity declarations or external references") from None
    except (ParseError, ValueError):
        return None


def _opml_feeds(data: bytes) -> list[str] | None:
    """Feed URLs of an OPML document, or None when ``data`` is not OPML."""
    if b"<opml" not in data[:4096].lower():
        return None
    try:
        root = _safe_xml(data)
    except ValueError:
        return []
    if root is None or root.tag.rsplit("}", 1)[-1].lower() != "opml":
        return None
    urls = []
    for outline in root.iter():
        if outline.tag.rsplit("}", 1)[-1].lower() == "outline":
            url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
            if is_url(url) and url not in urls:
                urls.append(url)
    return urls


def _entry_links(data: bytes, source: str, result: PollResult) -> list[str]:
    import feedparser

    try:
        _safe_xml(data)
    except ValueError as exc:
        result.rejected.append(Rejection(source, str(exc)))
        return []
    parsed = feedparser.parse(io.BytesIO(data))
    entries = parsed.get("entries", [])
    if not entries and not parsed.get("feed"):
        result.rejected.append(Rejection(source, "not an RSS or Atom feed"))
        return []
    links = []
    for n, entry in enumerate(entries, 1):
        link = (entry.get("link") or "").strip()
        if is_url(link):
            links.append(link)
        else:
            result.rejected.append(Rejection(f"{source}#{n}", "feed entry has no http(s) link"))
    return links
