"""Timeline: the story's dated events, sorted, each citing its articles and claims."""

from __future__ import annotations

from crosswire.compare.align import ClaimGroup, _clip
from crosswire.models import TimelineEntry


def _start(value: str) -> str:
    """An interval is placed at its start; the contract wants YYYY-MM-DD, YYYY-MM or YYYY."""
    return value.split("/")[0][:10]


def build_timeline(groups: list[ClaimGroup]) -> list[TimelineEntry]:
    entries = []
    for g in groups:
        if g.kind != "date" or not g.facts or not g.facts[0].date or g.claim is None:
            continue
        rep = g.facts[0]
        text = rep.snippet if len(rep.snippet.split()) >= 3 else rep.evidence
        entries.append(TimelineEntry(
            date=_start(rep.date),
            text=_clip(text, 200),
            articles=g.articles,
            claims=[g.claim.id],
        ))
    # Sorting by string is chronological: "2025" < "2025-06" < "2025-06-15" < "2025-07".
    entries.sort(key=lambda e: (e.date, -len(e.articles), e.text))
    return entries
