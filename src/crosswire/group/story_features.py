"""Features of a report's lead for story clustering: who the report is about.

Two sister events (one player's arrest, then a teammate's; one club's offer, then another's)
share most of their words and background names, so their average-link similarity sits near
the merge bar. What differs is who the lead is about: each report of one event leads with
the same person or organisation, while the sister event's reports lead with another. The
lead-name vector (names of the headline and first sentence only) measures that agreement.
"""

from __future__ import annotations

import math
from collections import Counter

SUBJECT_MIN = 3  # a lead name (counted twice there) mentioned again in the body
SUBJECT_MAX_WORDS = 3  # longer capitalised spans are title-case headlines, not names
_MONTHS = frozenset(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))
LEAD_AGREE = 0.3  # a group whose leads agree at least this much (mean pairwise cosine) is about someone
LEAD_RATIO = 0.6  # cross-group subject agreement under this share of the groups' own is a conflict
LEAD_FLOOR = 0.5  # the strongest damping of a conflict (similarity times this)


def cohesion(sumvec: dict[str, float], n: int) -> float | None:
    """Mean pairwise cosine of ``n`` unit vectors from their sum; None under two vectors."""
    if n < 2:
        return None
    sq = sum(v * v for v in sumvec.values())
    return max(0.0, (sq - n) / (n * (n - 1)))


def lead_conflict(cross: float, own_a: float | None, own_b: float | None) -> float:
    """The factor (LEAD_FLOOR..1) damping two groups whose leads are about different subjects.

    ``cross`` is the mean lead cosine across the groups; ``own_*`` each group's own mean (None
    for a lone article, which counts as agreeing with itself only when the other group agrees).
    Neither group agreeing internally (varied coverage) means no conflict can be read.
    """
    owns = [o for o in (own_a, own_b) if o is not None]
    if not owns or min(owns) < LEAD_AGREE:
        return 1.0
    ref = math.sqrt(owns[0] * owns[1]) if len(owns) == 2 else owns[0]
    ratio = cross / ref
    if ratio >= LEAD_RATIO:
        return 1.0
    return LEAD_FLOOR + (1 - LEAD_FLOOR) * ratio / LEAD_RATIO


def subject_names(names: Counter, lead: Counter) -> Counter:
    """Who a report is about: names of its lead that it mentions again further down.

    ``names`` are the article's name counts (lead ones counted ``SUBJECT_MIN - 1`` times),
    ``lead`` the names of its lead. A name only in the lead is often a headline's title-case
    words or a dateline; months are dates, not subjects.
    """
    return Counter({k: names[k] for k in lead if names.get(k, 0) >= SUBJECT_MIN
                    and k.count(" ") < SUBJECT_MAX_WORDS and k[:3] not in _MONTHS})
