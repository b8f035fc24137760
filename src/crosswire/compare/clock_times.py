"""Times of day: two articles giving one event different clock times.

"the blaze broke out about 8.40pm" and "broke out in the roof of the store at 8.49pm" cannot both
be right. A clock time in a sentence is tied to the event verb nearest before it in its clause
(the extractor's trigger, "break"); two articles' times of one trigger in one story are one
slot. What keeps a fact-checker's trust:
- a time is a span, not a point: "about 8.40pm" is 8.36-8.44, "around 9pm" half an hour either
  side, "shortly after 8:30 p.m." 8.30-8.50; two times agree when their spans meet, and a loose
  time that agrees with both sides is no side of its own;
- a time in a named zone ("2045 GMT") is compared only with times in that zone: the offset of
  an unzoned, local time is not known;
- a sentence with two times (a range, a sequence) ties neither; a time in brackets converts the
  one before it; two sentences dated on different days tell two events;
- an article that gives two disagreeing times for the trigger knows both and takes no side.
Read from the text, like the elapsed times of :mod:`crosswire.compare.discrepancies`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosswire.compare.align import ClaimGroup, Unit
from crosswire.compare.facts import stem

_ZONES = {"gmt": "UTC", "utc": "UTC", "z": "UTC", "bst": "BST", "cet": "CET", "cest": "CEST",
          "edt": "EDT", "est": "EST", "cdt": "CDT", "cst": "CST", "pdt": "PDT", "pst": "PST",
          "jst": "JST", "ist": "IST", "aest": "AEST"}
_ZONE = r"(?:\s*(?P<zone>GMT|UTC|BST|CEST|CET|EDT|EST|CDT|CST|PDT|PST|JST|IST|AEST|local\s+time)\b)?"
_QUAL = (r"(?:(?P<qual>about|around|approximately|roughly|some|circa|shortly\s+after|just\s+after|soon\s+after|"
         r"shortly\s+before|just\s+before|after|before)\s+(?:at\s+)?)?")
# "8.49pm", "8:30 p.m.", "8: 30pm" (a tokenizer's space), "9pm", "9 p.m."
_TWELVE = re.compile(
    _QUAL + r"(?<![\d.:,])(?P<h>1[0-2]|0?[1-9])(?:\s*[:.]\s*(?P<m>[0-5]\d))?\s*(?P<ap>[ap])\.?\s?m\b\.?" + _ZONE,
    re.IGNORECASE)
# "23:10", "08:30" (24-hour with a colon), "2045 GMT", "20.45 GMT", "1630 hrs"
_TWENTY_FOUR = re.compile(
    _QUAL + r"(?<![\d.:,$£€])(?:(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)(?=\s*(?:GMT|UTC|BST|CET|CEST|EDT|EST|hrs|local\s+time)\b)"
    r"|(?P<h2>[01]?\d|2[0-3])\s*(?P<sep>[:.])\s*(?P<m2>[0-5]\d)(?![\d:]|\.\d))(?:\s*hrs\b)?" + _ZONE,
    re.IGNORECASE)
_AFTER = ("shortly after", "just after", "soon after", "after")
_BEFORE = ("shortly before", "just before", "before")


@dataclass(frozen=True)
class ClockTime:
    """A time of day read from a sentence: minutes after midnight and the span it may mean."""

    text: str
    start: int
    end: int
    minutes: int
    zone: str | None  # None: unzoned or "local time"
    low: int
    high: int


def _slack(minutes: int, loose: bool) -> int:
    """How far a time told as "about" may be from its figure: the rounder, the looser. Even told
    plainly, a time on the half hour is often a rounding ("3:30 a.m." for a call logged at 3:33)."""
    if not loose:
        return 4 if minutes % 30 == 0 else 1
    m = minutes % 60
    if m == 0:
        return 30
    if m == 30:
        return 15
    if m % 15 == 0:
        return 10
    return 4 if m % 5 == 0 else 2


def _read(match: re.Match, hour: int, minute: int) -> ClockTime:
    qual = re.sub(r"\s+", " ", (match.group("qual") or "").lower())
    zone_word = re.sub(r"\s+", " ", (match.group("zone") or "").lower())
    zone = _ZONES.get(zone_word) if zone_word and zone_word != "local time" else None
    t = hour * 60 + minute
    if qual in _AFTER:
        low, high = t, t + 20
    elif qual in _BEFORE:
        low, high = t - 20, t
    else:
        s = _slack(t, bool(qual))
        low, high = t - s, t + s
    return ClockTime(re.sub(r"\s+", " ", match.group(0).strip()), match.start(), match.end(), t, zone, low, high)


def clock_times(text: str) -> list[ClockTime]:
    """Every time of day a text writes, in text order ("8.49pm", "about 2045 GMT", "23:10")."""
    text = text[:5000]
    out: list[ClockTime] = []
    for m in _TWELVE.finditer(text):
        hour, minute = int(m.group("h")), int(m.group("m") or 0)
        pm = m.group("ap").lower() == "p"
        hour = (hour % 12) + (12 if pm else 0)
        out.append(_read(m, hour, minute))
    for m in _TWENTY_FOUR.finditer(text):
        if any(t.start <= m.start() < t.end or m.start() <= t.start < m.end() for t in out):
            continue
        if m.group("h") is not None:
            hour, minute = int(m.group("h")), int(m.group("m"))
        else:
            hour, minute = int(m.group("h2")), int(m.group("m2"))
            raw_hour = m.group("h2")
            # "20.45" with no zone is a number; "10:30" with no zone may be either half of the day
            if m.group("sep") == "." and not m.group("zone"):
                continue
            if not m.group("zone") and hour <= 12 and not raw_hour.startswith("0"):
                continue
        out.append(_read(m, hour, minute))
    return sorted(out, key=lambda t: t.start)


# "extinguished by 7 a.m.", "as of 4 p.m.", "until 9pm": a bound or a checkpoint of a running count,
# not the time the event happened; two bounds never contradict each other
_BOUND_BEFORE = re.compile(r"\b(?:by|as\s+of|until|till|through|since|from|between|no\s+later\s+than)\s+(?:about\s+|around\s+)?$",
                           re.IGNORECASE)
# "UPDATED: TUESDAY, MARCH 12, 2013, 9:36 AM", "Published: April 16, 2013 9:09 AM": when the page was
# stamped, not when anything happened
_STAMP_BEFORE = re.compile(r"(?:\b(?:19|20)\d\d\W{0,3}|\b(?:updated|posted|published|modified|last\s+updated)\b[^.]{0,40})$",
                           re.IGNORECASE)


def event_time(text: str, t: ClockTime) -> bool:
    """Whether a time of day in a sentence may be the time of an event it tells."""
    before = text[max(0, t.start - 60):t.start]
    return not (_BOUND_BEFORE.search(before) or _STAMP_BEFORE.search(before))


def agree(a: ClockTime, b: ClockTime) -> bool:
    """Whether two times may be one: same zone class and meeting spans."""
    if a.zone != b.zone:
        return True  # not comparable: never a disagreement
    return a.low <= b.high and b.low <= a.high


def width(t: ClockTime) -> int:
    return t.high - t.low


_SPEECH = {stem("say"), stem("tell")}


def _trigger(u: Unit, t: ClockTime) -> str | None:
    """The event verb a time belongs to: the nearest before it in its clause, else right after it."""
    at = u.span[0] + t.start
    events = [f for f in u.facts if f.kind == "event" and f.predicate and f.predicate not in _SPEECH]
    before = [f for f in events if f.mention[1] <= at and at - f.mention[1] <= 80
              and not re.search(r"[;.!?]", u.text[f.mention[1] - u.span[0]:t.start])]
    if before:
        return max(before, key=lambda f: f.mention[1]).predicate
    after = [f for f in events if f.mention[0] >= u.span[0] + t.end and f.mention[0] - (u.span[0] + t.end) <= 40]
    return min(after, key=lambda f: f.mention[0]).predicate if after else None


def _day(u: Unit) -> str | None:
    days = {f.date for f in u.facts if f.kind == "date" and f.date}
    return next(iter(days)) if len(days) == 1 else None


@dataclass
class ClockSlot:
    """One event the articles time differently: its trigger and each time with the sentences telling it."""

    trigger: str
    sides: list[tuple[ClockTime, list[Unit]]]
    groups: list[ClaimGroup]


def clock_slots(groups: list[ClaimGroup]) -> list[ClockSlot]:
    """Events of a story that two articles give disagreeing times of day."""
    told: dict[tuple[str, str | None], list[tuple[ClockTime, Unit, ClaimGroup]]] = {}
    for g in groups:
        if g.claim is None:
            continue
        for u in g.units:
            if u.span is None:
                continue
            times = [t for t in clock_times(u.text) if "(" not in u.text[max(0, t.start - 2):t.start]]
            if len(times) != 1:
                continue  # none, or a range / a sequence: no one time of one event
            trigger = _trigger(u, times[0]) if event_time(u.text, times[0]) else None
            if trigger:
                told.setdefault((trigger, times[0].zone), []).append((times[0], u, g))
    out = []
    for (trigger, _), items in told.items():
        days = {d[:10] for d in (_day(u) for _, u, _ in items) if d and len(d) >= 10 and "/" not in d}
        if len(days) > 1:
            continue  # dated on different days: more than one event with this verb
        per_article: dict[str, list[tuple[ClockTime, Unit, ClaimGroup]]] = {}
        for item in items:
            per_article.setdefault(item[1].article, []).append(item)
        chosen = []
        for its in per_article.values():
            if any(not agree(a[0], b[0]) for a in its for b in its):
                continue  # the article tells both: no side
            chosen.append(min(its, key=lambda it: width(it[0])))
        if len(chosen) < 2:
            continue
        sides: list[tuple[ClockTime, list[Unit]]] = []
        involved: list[ClaimGroup] = []
        for t, u, g in sorted(chosen, key=lambda it: (width(it[0]), it[1].pos)):
            meets = [side for side in sides if agree(side[0], t)]
            if len(meets) > 1:
                continue  # loose enough to agree with both sides: no side of its own
            if meets:
                meets[0][1].append(u)
            else:
                sides.append((t, [u]))
            if g not in involved:
                involved.append(g)
        if len(sides) >= 2:
            out.append(ClockSlot(trigger, sides, involved))
    return out
