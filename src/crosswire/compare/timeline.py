"""Timeline: the story's dated facts, sorted, each citing its articles and claims."""

from __future__ import annotations

from crosswire.compare.align import ClaimGroup
from crosswire.compare.facts import clip
from crosswire.models import TimelineEntry


def _start(value: str) -> str:
    """An interval is placed at its start; the contract wants YYYY-MM-DD, YYYY-MM or YYYY."""
    return value.split("/")[0][:10]


def build_timeline(groups: list[ClaimGroup]) -> list[TimelineEntry]:
    entries = []
    for g in groups:
        c = g.claim
        if c is None or not c.date:
            continue
        dated = [f for f in g.facts if f.kind == "date" and f.date and _start(f.date) == c.date]
        if not dated:
            continue
        rep = dated[0]
        text = rep.snippet if len(rep.snippet.split()) >= 3 else c.text
        arts = list(dict.fromkeys(f.article for f in dated))
        entries.append(TimelineEntry(date=c.date, text=clip(text, 200), articles=arts, claims=[c.id]))
    # Sorting by string is chronological: "2025" < "2025-06" < "2025-06-15" < "2025-07".
    entries.sort(key=lambda e: (e.date, -len(e.articles), e.text))
    return entries
