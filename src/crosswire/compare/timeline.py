"""Timeline: the story's dated facts, sorted, each citing its articles and claims.

A date keeps the precision its words have. Extraction reads "next week", "at the end of July" or
"in recent weeks" as an interval; the contract's timeline dates are a day, a month or a year, so
an interval is placed at the finest of those that holds all of it ("at the end of July" -> the
month) and an interval that no month or year holds well ("in recent weeks" across two months)
gets no point at all rather than a made-up day. The story's own main event — what most articles
report, usually undated in its own sentence ("Japan has cancelled the meeting") — is placed at
the first day an article reported it.
"""

from __future__ import annotations

import datetime as dt
import re

from crosswire.compare.align import ClaimGroup
from crosswire.compare.facts import clip
from crosswire.models import Article, TimelineEntry

# An explicit short range ("June 15-17") is placed at its first day; anything longer is vaguer.
MAX_DAY_SPAN = 3
# An interval within one year is placed at the year only when it covers a good part of it
# ("the second half of 2025"), not when it is a few weeks that happen to straddle two months.
MIN_YEAR_SPAN = 90
REPORTED = "first reported: "


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None


def timeline_date(value: str | None) -> str | None:
    """The contract date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) that honestly holds ``value``.

    ``value`` is an extracted date: one of those forms or an ISO interval ``START/END``.
    """
    if not value:
        return None
    if "/" not in value:
        return value[:10]
    start, _, end = value.partition("/")
    a, b = _day(start), _day(end)
    if a is None or b is None:  # "2024-03/2024-05": a month range
        if start[:4] == end[:4] and len(start) >= 4:
            return start[:7] if start[:7] == end[:7] else start[:4]
        return None
    if b < a:
        return None
    if (b - a).days < MAX_DAY_SPAN:
        return a.isoformat()
    if (a.year, a.month) == (b.year, b.month):
        return a.isoformat()[:7]
    if a.year == b.year and (b - a).days >= MIN_YEAR_SPAN:
        return str(a.year)
    return None


# A clause cut at the comma of "£910,000" ends in the middle of a number: the rest of the figure
# and of its clause, up to the next clause mark.
_CUT_FIGURE = re.compile(r"(?<=\d)(?:,\d{3}(?!\d))+(?:\.\d+)?[^,;:\u2014\u2013()]*")


def _whole(snippet: str, evidence: str) -> str:
    """``snippet`` with a figure the clause splitter cut in two made whole again."""
    at = evidence.find(snippet)
    if at < 0 or not snippet[-1:].isdigit():
        return snippet
    m = _CUT_FIGURE.match(evidence, at + len(snippet))
    return (snippet + m.group(0)).rstrip(" .") if m else snippet


def _main_event(groups: list[ClaimGroup], articles: list[Article]) -> TimelineEntry | None:
    """The most widely reported event claim, placed at its first publication day."""
    published = {a.id: a.published[:10] for a in articles if a.published and _day(a.published)}
    events = [g for g in groups if g.claim and g.kind == "event" and g.claim.outlets >= 2]
    if not events:
        return None
    # What most articles tell, in their headline or lead (what a story is about), comes first.
    best = min(events, key=lambda g: (-g.claim.outlets, -sum(1 for u in g.units if u.index <= 2),
                                      -g.claim.independent_sources, min(u.index for u in g.units), g.claim.id))
    days = sorted(published[s.article] for s in best.claim.support if s.article in published)
    if not days:
        return None
    arts = list(dict.fromkeys(s.article for s in best.claim.support if published.get(s.article) == days[0]))
    return TimelineEntry(date=days[0], text=clip(REPORTED + best.claim.text, 200), articles=arts,
                         claims=[best.claim.id])


def build_timeline(groups: list[ClaimGroup], articles: list[Article] | None = None) -> list[TimelineEntry]:
    entries = []
    for g in groups:
        c = g.claim
        if c is None:
            continue
        dated = [f for f in g.facts if f.kind == "date" and f.date]
        if not dated:
            continue
        # The claim's date is the one most of its articles give; place it at its honest precision.
        by_value: dict[str, list] = {}
        for f in dated:
            by_value.setdefault(f.date, []).append(f)
        value = max(by_value, key=lambda v: (len({f.article for f in by_value[v]}),
                                             c.date is not None and timeline_date(v) == c.date, v))
        when = timeline_date(value)
        if when is None:
            continue
        rep = by_value[value][0]
        text = _whole(rep.snippet, rep.evidence) if len(rep.snippet.split()) >= 3 else c.text
        arts = list(dict.fromkeys(f.article for f in by_value[value]))
        entries.append(TimelineEntry(date=when, text=clip(text, 200), articles=arts, claims=[c.id]))
    main = _main_event(groups, articles or [])
    if main is not None and not any(main.claims == e.claims and main.date == e.date for e in entries):
        entries.append(main)
    # Sorting by string is chronological: "2025" < "2025-06" < "2025-06-15" < "2025-07".
    entries.sort(key=lambda e: (e.date, -len(e.articles), e.text))
    return entries
