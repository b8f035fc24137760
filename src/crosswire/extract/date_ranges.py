"""Resolvers of ranges and intervals: day and month spans, year ranges, the past N weeks."""

from __future__ import annotations

import datetime as dt
import re

from crosswire.extract.date_absolute import _rel_year
from crosswire.extract.date_values import (
    _NOT_A_DATE,
    _add_months,
    _infer_year,
    _interval,
    _period_value,
    _safe_date,
    _shift_dur,
    _span_of,
)
from crosswire.extract.date_words import _DUR_PART, _OFFSET, _count, _day, _month, _year


# Each resolver takes (match, reference or None, tense) and returns a value or None.


def _r_md_range(m, ref, tense):
    mon = _month(m["mon"])
    mon2 = _month(m["mon2"]) if m["mon2"] else mon
    first = m["d"] or ("db" in m.re.groupindex and (m["db"] or m["dc"])) or ""
    d1, d2 = _day(first), _day(m["d2"])
    if not d1 or not d2:
        return None
    if m["y"]:
        y = _year(m["y"])
    elif ref is None:
        return None
    else:
        y = _rel_year(m, ref) or _infer_year(mon, d1, ref, tense)
    if d2 < d1 and m["mon2"] is None:  # "April 27 to the 3rd": the 3rd of May
        mon2 = mon % 12 + 1
    elif d2 < d1 and m["mon2"] == "":  # "the 27th to the 3rd of April": the 27th of March
        mon = (mon - 2) % 12 + 1
    a, b = _safe_date(y, mon, d1), _safe_date(y + (mon2 < mon), mon2, d2)
    return _interval(a, b) if a and b and a <= b else None


def _r_year_range(m, ref, tense):
    a = int(m["y"])
    b = m["y2"]
    b = int(b) if len(b) == 4 else a // 100 * 100 + int(b)
    if len(m["y2"]) == 2 and b > a + 10:
        return _NOT_A_DATE  # "2015-32" is no season or fiscal year
    return f"{a}/{b}" if a < b <= a + 100 else None


def _r_quarters(m, ref, tense):
    """"the past two quarters": whole calendar quarters before (or after) the current one."""
    if ref is None:
        return None
    k = int(_count(m["n"]))
    if not 1 <= k <= 40:
        return None
    past = m["dir"].lower() in ("past", "last", "previous")
    first, last = (-k, -1) if past else (1, k)
    return _interval(_span_of(_period_value("quarter", ref, first))[0],
                     _span_of(_period_value("quarter", ref, last))[1])


def _r_month_range(m, ref, tense):
    a, b, y = _month(m["mon"]), _month(m["mon2"]), int(m["y"])
    ya = y - 1 if a > b else y
    return f"{ya:04d}-{a:02d}/{y:04d}-{b:02d}"


_VAGUE_DAYS = {"day": 7, "week": 28, "fortnight": 28, "month": 90, "year": 730, "decade": 3650}


def _r_within(m, ref, tense):
    """"the past three weeks" ends at the reference, "the next five days" starts the day after
    it, "within a year" starts on it; decades count whole calendar decades ("the next decade"
    read in 2018 is 2020-2029)."""
    if ref is None:
        return None
    dirn = (m["dir"] or "").lower()
    if not m["dur"] and m["unit"] and m["unit"].lower().endswith("s") and dirn:
        # "in the coming weeks", "over the past months": as vague as "in recent weeks"
        n = _VAGUE_DAYS.get(m["unit"].lower().rstrip("s"), 730)
        return _interval(ref - dt.timedelta(days=n), ref) if dirn in ("past", "last", "previous") else \
            _interval(ref + dt.timedelta(days=1), ref + dt.timedelta(days=n))
    dur = m["dur"] or f"1 {m['unit']}"
    past = dirn in ("past", "last", "previous", "recent")
    unit = (m["unit"] or "").lower()
    if not m["dur"] and not past and unit in ("week", "month", "year"):
        return _period_value(unit, ref, 1)  # "for the following week": the calendar one
    if m.group(0).lower().startswith("within") and not past:
        return _interval(ref, _shift_dur(ref, dur, 1))
    if re.search(r"decade", dur, re.IGNORECASE) and dirn and not re.search(r"day|week|month|year", dur, re.IGNORECASE):
        k = sum(int(_count(p["n"])) for p in _DUR_PART.finditer(dur)) or 1
        d0 = ref.year // 10 * 10
        return f"{d0 - 10 * k}/{d0 - 1}" if past else f"{d0 + 10}/{d0 + 10 * k + 9}"
    if past:
        return _interval(_shift_dur(ref, dur, -1), ref)
    if dirn:
        return _interval(ref + dt.timedelta(days=1), _shift_dur(ref, dur, 1))
    return _interval(ref, _shift_dur(ref, dur, 1))


def _r_recent(m, ref, tense):
    if ref is None:
        return None
    unit = m["unit"].lower().rstrip("s")
    n = _VAGUE_DAYS[unit]
    return _interval(ref - dt.timedelta(days=n), ref)


def _r_day_range_rel(m, ref, tense):
    """"from 4 to 22 this month", "between 3 and 12 next month": days of a relative month."""
    if ref is None:
        return None
    base = _add_months(ref.replace(day=1), _OFFSET.get(m["mod"].lower(), 0))
    a = _safe_date(base.year, base.month, _day(m["d"]) or 0)
    b = _safe_date(base.year, base.month, _day(m["d2"]) or 0)
    return _interval(a, b) if a and b and a < b else None


def _r_numeric_md_range(m, ref, tense):
    """"10/1-11/7", "5/1-5/7/2020": two month/day dates, the year (if any) after the second."""
    if m["y"]:
        y = _year(m["y"])
    elif ref is None:
        return None
    else:
        y = _infer_year(int(m["a2"]), int(m["b2"]), ref, tense)
    a = _safe_date(y, int(m["a"]), int(m["b"]))
    b = _safe_date(y, int(m["a2"]), int(m["b2"]))
    if a and b and a > b:
        a = _safe_date(y - 1, int(m["a"]), int(m["b"]))
    return _interval(a, b) if a and b else None
