"""Resolvers of absolute dates: named days, months, years, decades, quarters and seasons."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from crosswire.extract import numbers as nb
from crosswire.extract.date_values import (
    _add_months,
    _infer_year,
    _interval,
    _iso,
    _month_end,
    _period_value,
    _safe_date,
)
from crosswire.extract.date_words import WEEKDAYS, _OFFSET, _day, _month, _year


# Each resolver takes (match, reference or None, tense) and returns a value or None.


def _r_mdy(m, ref, tense):
    d = _safe_date(_year(m["y"]), _month(m["mon"]), _day(m["d"]) or 0)
    return _iso(d) if d else None


def _rel_year(m, ref: dt.date) -> int | None:
    """The year named right after a date: "June 30 last year", "March next year"."""
    rely = m["rely"] if "rely" in m.re.groupindex else None
    return ref.year + _OFFSET[rely.lower()] if rely else None


def _r_md(m, ref, tense):
    mon, day = _month(m["mon"]), _day(m["d"])
    if not day or ref is None:
        return None
    y = _rel_year(m, ref) or _infer_year(mon, day, ref, tense)
    d = _safe_date(y, mon, day)
    if d is None and (mon, day) == (2, 29):  # the nearest leap year, on the tense's side
        step = 1 if tense == "future" else -1
        d = next(dt.date(y + step * k, 2, 29) for k in range(1, 8) if calendar.isleap(y + step * k))
    return _iso(d) if d else None


def _r_numeric(m, ref, tense):
    a, b, y = int(m["a"]), int(m["b"]), _year(m["y"])
    month, day = (a, b) if a <= 12 and not (m["sep"].strip() == "." and b <= 12) else (b, a)
    d = _safe_date(y, month, day)
    return _iso(d) if d else None


def _r_iso(m, ref, tense):
    d = _safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    return _iso(d) if d else None


def _r_month_year(m, ref, tense):
    mon = _month(m["mon"]) if m["mon"] else int(m["mo"])
    return f"{int(m['y']):04d}-{mon:02d}" if 1 <= mon <= 12 else None


def _r_month(m, ref, tense):
    mon = _month(m["mon"])
    mod = (m["mod"] or "").lower()
    if ref is None:
        return None
    if _rel_year(m, ref):
        return _part_of_month(_rel_year(m, ref), mon, m["part"])
    if mod in ("this", "current"):
        return _part_of_month(ref.year, mon, m["part"])
    if mod in _OFFSET:
        t = "future" if _OFFSET[mod] > 0 else "past"
        y = _infer_year(mon, None, ref + dt.timedelta(days=1 if t == "future" else -1), t)
        if y == ref.year and mon == ref.month:
            y += _OFFSET[mod]
    else:
        y = _infer_year(mon, None, ref, tense)
    return _part_of_month(y, mon, m["part"])


def _part_of_month(y: int, mon: int, part: str | None) -> str:
    part = re.sub(r"^the\s+", "", (part or "").lower())
    last = calendar.monthrange(y, mon)[1]
    # Halves, as for "early next month"; "mid-" is the ten days around the 15th.
    if part.startswith(("early", "beginning", "start")):
        return _interval(dt.date(y, mon, 1), dt.date(y, mon, 15))
    if part.startswith("mid"):
        return _interval(dt.date(y, mon, 10), dt.date(y, mon, 20))
    if part.startswith(("late", "end")):
        return _interval(dt.date(y, mon, 16), dt.date(y, mon, last))
    return f"{y:04d}-{mon:02d}"


def _r_year(m, ref, tense):
    y = int(m["y"]) if len(m["y"]) == 4 else _year(m["y"])
    part = re.sub(r"^the\s+", "", (m["part"] or "").lower())
    if part.startswith(("early", "beginning", "start")):
        return f"{y:04d}-01/{y:04d}-04"
    if part.startswith("mid"):  # "mid-2025", "the middle of 2025"
        return f"{y:04d}-05/{y:04d}-08"
    if part.startswith(("late", "end")):
        return f"{y:04d}-09/{y:04d}-12"
    return f"{y:04d}"


def _r_decade(m, ref, tense):
    y = int(m["y"])
    if y % 10:
        return None
    return f"{y}/{y + 9}"


_DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
                 "seventies": 70, "eighties": 80, "nineties": 90, "tens": 10}


def _r_decade_words(m, ref, tense):
    """"the seventies", "the nineteen eighties", "the noughties", "the twenty-tens"."""
    dw = re.sub(r"\s+", " ", m["dw"].lower())
    if dw in ("noughties", "two thousands"):
        return "2000/2009"
    c = {"eighteen": 1800, "nineteen": 1900, "twenty": 2000}.get((m["c"] or "").lower())
    if c is None:
        if dw == "tens":
            return None  # "the tens" alone is a number
        c = 1900
    y = c + _DECADE_WORDS[dw]
    return f"{y}/{y + 9}"


def _r_century(m, ref, tense):
    c = nb.ordinal_value(m["c"])
    return f"{(c - 1) * 100:04d}/{(c - 1) * 100 + 99:04d}" if c else None


def _r_weekday_day(m, ref, tense):
    """"Friday the 13th": that day of the reference month (the month it falls on that weekday)."""
    if ref is None:
        return None
    day = _day(m["d"])
    if not day:
        return None
    wd = WEEKDAYS[m["wd"].lower().rstrip(".")]
    for k in sorted(range(-14, 15), key=abs):
        base = _add_months(ref.replace(day=1), k)
        d = _safe_date(base.year, base.month, day)
        if d and d.weekday() == wd:
            return _iso(d)
    d = _safe_date(ref.year, ref.month, day)
    return _iso(d) if d else None


def _r_nth_weekday(m, ref, tense):
    wd = WEEKDAYS[m["wd"].lower()]
    n = m["n"].lower()
    if m["mon"]:
        mon = _month(m["mon"])
        if m["y"]:
            y = int(m["y"])
        elif ref is None:
            return None
        else:
            y = _infer_year(mon, None, ref, tense)
    elif ref is None:
        return None
    else:
        base = _add_months(ref.replace(day=1), _OFFSET.get((m["mod"] or "this").lower(), 0))
        y, mon = base.year, base.month
    days = [d for d in range(1, calendar.monthrange(y, mon)[1] + 1) if dt.date(y, mon, d).weekday() == wd]
    k = -1 if n == "last" else (nb.ordinal_value(n) or 1) - 1
    return _iso(dt.date(y, mon, days[k])) if k < len(days) else None


def _r_quarter(m, ref, tense):
    q = nb.ordinal_value(m["q"]) if not m["q"].isdigit() else int(m["q"])
    if m["q"].lower() in ("final", "last"):
        q = 4
        if not m["y"] and not m["half"] and ref is not None and not _rel_year(m, ref):  # "sales in the last quarter"
            return _period_value("quarter", ref, -1)
    if not q or not 1 <= q <= 4:
        return None
    if m["y"]:
        y = _year(m["y"])
    elif ref is None:
        return None
    else:
        y = _rel_year(m, ref) or ref.year
    if m["half"]:
        if q > 2:
            return None
        return _interval(dt.date(y, 6 * q - 5, 1), _month_end(y, 6 * q))
    return _interval(dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q))


_SEASON = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def _r_season(m, ref, tense):
    start = _SEASON[m["s"].lower()]
    if m["y"]:
        y = _year(m["y"])
    elif ref is None:
        return None
    else:
        mod = (m["mod"] or "").lower()
        y = ref.year + (_OFFSET.get(mod, 0) if mod else 0)
        if not mod:
            y = _infer_year(start, None, ref, tense)
    e = _add_months(dt.date(y, start, 1), 2)
    return f"{y:04d}-{start:02d}/{e.year:04d}-{e.month:02d}"


def _r_numeric_md(m, ref, tense):
    """"on 4/22", "22/04": month/day (day/month when the first number cannot be a month)."""
    if ref is None:
        return None
    a, b = int(m["a"]), int(m["b"])
    month, day = (a, b) if a <= 12 else (b, a)
    if month > 12 or not 1 <= day <= 31:
        return None
    d = _safe_date(_infer_year(month, day, ref, tense), month, day)
    return _iso(d) if d else None


def _r_fiscal(m, ref, tense):
    return f"{_year(m['y']):04d}"


def _r_day_only(m, ref, tense):
    if ref is None:
        return None
    day = _day(m["d"])
    if not day:
        return None
    mod = (m["mod"] or "").lower()
    base = ref.replace(day=1)
    if mod:
        base = _add_months(base, _OFFSET.get(mod, 0))
    elif tense == "future" and day < ref.day:
        base = _add_months(base, 1)
    elif tense != "future" and day > ref.day and not mod:
        base = _add_months(base, -1) if tense == "past" else base
    d = _safe_date(base.year, base.month, day)
    return _iso(d) if d else None
