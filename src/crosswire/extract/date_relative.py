"""Resolvers of expressions relative to the reference: yesterday, next week, two days ago."""

from __future__ import annotations

import datetime as dt
import re

from crosswire.extract.date_values import (
    _NOT_A_DATE,
    _interval,
    _iso,
    _month_end,
    _period_value,
    _shift,
    _shift_dur,
    _span_of,
    _week,
)
from crosswire.extract.date_words import WEEKDAYS, _OFFSET


# Each resolver takes (match, reference or None, tense) and returns a value or None.


def _r_dayword(m, ref, tense):
    if ref is None:
        return None
    w = re.sub(r"\s+", " ", m.group(0).lower())
    if "before yesterday" in w:
        return _iso(ref - dt.timedelta(days=2))
    if "after tomorrow" in w or "after tmrw" in w:
        return _iso(ref + dt.timedelta(days=2))
    if "yesterday" in w or w.endswith("last night"):
        return _iso(ref - dt.timedelta(days=1))
    if "next day" in w:
        return None  # "the next day" counts from the story's own events, not from publication
    if "tomorrow" in w or "tmrw" in w:
        return _iso(ref + dt.timedelta(days=1))
    return _iso(ref)


def _r_weekday(m, ref, tense):
    if ref is None:
        return None
    wd = WEEKDAYS[m["wd"].lower().rstrip(".")]
    mod = re.sub(r"\s+", " ", (m["mod"] or m["wk"] or "").lower())
    monday = ref - dt.timedelta(days=ref.weekday())
    if mod in ("this past", "past"):  # the most recent one before the reference
        return _iso(ref - dt.timedelta(days=(ref.weekday() - wd - 1) % 7 + 1))
    if mod in ("this coming", "coming", "upcoming", "this upcoming"):  # the next one after it
        return _iso(ref + dt.timedelta(days=(wd - ref.weekday() - 1) % 7 + 1))
    if mod in _OFFSET:
        return _iso(monday + dt.timedelta(days=wd, weeks=_OFFSET[mod]))
    delta = wd - ref.weekday()
    if tense == "future":
        return _iso(ref + dt.timedelta(days=delta % 7))
    if tense == "past" or tense is None:
        return _iso(ref - dt.timedelta(days=(-delta) % 7))
    return _iso(ref + dt.timedelta(days=delta))


def _part_word(part: str | None) -> str:
    """"the beginning of", "earlier" -> early; "the middle of" -> mid; "the end of" -> late."""
    p = re.sub(r"^the\s+", "", (part or "").lower())
    if p.startswith(("early", "earlier", "beginning", "start")):
        return "early"
    if p.startswith(("mid", "middle")):
        return "mid"
    return "late" if p.startswith(("late", "end")) else ""


def _part_of_now(unit: str, part: str, ref: dt.date | None) -> str | None:
    if ref is None:
        return None
    unit = unit.lower()
    value = _period_value(unit, ref, 0)
    if unit == "quarter":  # a quarter's end: its last month
        e = _span_of(value)[1]
        return f"{e.year:04d}-{e.month:02d}"
    return _part_of_period(value, unit, part)


def _r_rel_period(m, ref, tense):
    if ref is None:
        return None
    unit = m["unit"].lower()
    value = _period_value(unit, ref, _OFFSET.get(m["mod"].lower(), 1))
    if m["work"] and unit == "week":  # the working week: Monday to Friday
        s, _ = _span_of(value)
        value = _interval(s, s + dt.timedelta(days=4))
    part = _part_word(m["part"])
    if not part or unit not in ("week", "month", "year"):
        return value
    return _part_of_period(value, unit, part)


def _part_of_period(value: str, unit: str, part: str) -> str:
    s, e = _span_of(value)
    # "early next month", "late last year": the first or second half of the period
    # (a week splits Monday-Wednesday / Thursday-Sunday).
    cut = s + dt.timedelta(days=2) if unit == "week" else (
        dt.date(s.year, s.month, 15) if unit == "month" else dt.date(s.year, 6, 30))
    if part == "early":
        return _interval(s, cut)
    if part == "mid":
        if unit == "week":  # Tuesday to Friday
            return _interval(s + dt.timedelta(days=1), s + dt.timedelta(days=4))
        if unit == "month":  # as "mid-March"
            return _interval(s.replace(day=10), s.replace(day=20))
        return _interval(dt.date(s.year, 5, 1), dt.date(s.year, 8, 31))  # as "mid-2025"
    return _interval(cut + dt.timedelta(days=1), e)


def _r_ago(m, ref, tense):
    if ref is None:
        return None
    if m["dur"]:
        return _iso(_shift_dur(ref, m["dur"], -1))
    unit = m["unit"].lower().rstrip("s")  # "weeks ago": vague, keep the granularity honest
    d = _shift(ref, -2, unit)
    return f"{d.year:04d}-{d.month:02d}" if unit in ("day", "week", "fortnight") else f"{d.year:04d}"


_ANCHOR_DAYS = {"now": 0, "today": 0, "tomorrow": 1, "tmrw": 1, "yesterday": -1}


def _r_later(m, ref, tense):
    if ref is None:
        return None
    anchor = (m["anchor"] or "now").lower()
    base = ref + dt.timedelta(days=_ANCHOR_DAYS.get(anchor, 0))
    sign = -1 if "before" in m.group(0).lower() else 1
    end = _shift_dur(base, m["dur"], sign)
    if "within" in m.re.groupindex and m["within"]:  # "within 2 weeks from today": the span
        return _interval(min(base, end), max(base, end))
    return _iso(end)


def _r_in_future(m, ref, tense):
    """"in two weeks": a date only when the sentence looks ahead ("the most in 10 years" is not)."""
    if tense != "future":
        return _NOT_A_DATE
    return _r_later(m, ref, tense)


def _r_the_weekend(m, ref, tense):
    """"over the weekend": the one just past, unless the sentence looks ahead."""
    if ref is None:
        return None
    if tense == "future":
        return _period_value("weekend", ref, 0 if ref.weekday() < 5 else 1)
    return _period_value("weekend", ref, 0 if ref.weekday() >= 5 else -1)


def _r_rest_of(m, ref, tense):
    if ref is None:
        return None
    _, e = _span_of(_period_value(m["unit"].lower(), ref, 0))
    return _interval(ref, e)


def _r_earlier_later(m, ref, tense):
    if ref is None:
        return None
    # "earlier this month": from the start to the reference, but no further than the first half
    # (read on the 28th it is the 1st-15th); "later this year" likewise from the second half on.
    unit, early = m["unit"].lower(), m["el"].lower().startswith("earl")
    if unit == "week":
        s, e = (x for x in _span_of(_week(ref, 0)))
        cut = s + dt.timedelta(days=2)
    elif unit == "month":
        s, e = ref.replace(day=1), _month_end(ref.year, ref.month)
        cut = ref.replace(day=15)
    else:
        s, e = dt.date(ref.year, 1, 1), dt.date(ref.year, 12, 31)
        cut = dt.date(ref.year, 6, 30)
    if early:
        return _interval(s, min(ref, cut))
    return _interval(max(ref, cut + dt.timedelta(days=1)), e)


def _r_end_of(m, ref, tense):
    if ref is None:
        return None
    unit = m["unit"].lower()
    off = _OFFSET.get((m["mod"] or "this").lower(), 0)
    _, e = _span_of(_period_value(unit, ref, off))
    if unit == "year":  # the second half, as "late this year" (Recognizers reads both so)
        return f"{e.year:04d}-07/{e.year:04d}-12"
    if unit == "month":
        return _interval(e.replace(day=16), e)
    return _interval(e - dt.timedelta(days=3), e)  # a week's end: Thursday to Sunday


def _r_week_number(m, ref, tense):
    if ref is None:
        return None
    try:
        monday = dt.date.fromisocalendar(ref.year, int(m["wn"]), 1)
    except ValueError:  # week 53 of a year with 52
        return None
    return _interval(monday, monday + dt.timedelta(days=6))
