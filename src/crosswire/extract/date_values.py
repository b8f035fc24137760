"""Date values: ISO strings and intervals, and the calendar arithmetic that makes them."""

from __future__ import annotations

import calendar
import datetime as dt

from crosswire.extract.date_words import _DUR_PART, _count


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _interval(a: dt.date, b: dt.date) -> str:
    return f"{a.isoformat()}/{b.isoformat()}"


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _infer_year(month: int, day: int | None, ref: dt.date, tense: str | None) -> int:
    """Year of a month(-day) given without one: the reference's, moved a year on only when the
    tense puts the event on the other side of the reference by more than a season ("will take
    effect on January 10" read in June is next January; "was scheduled for July 1" read on July
    21 stays this July, so an article can be caught calling a past date future)."""
    def when(y: int) -> dt.date:
        return _safe_date(y, month, day or 1) or dt.date(y, month, 1)

    anchor = ref if day else ref.replace(day=1)
    gap = (when(ref.year) - anchor).days
    if tense == "future" and gap < -_SEASON_DAYS:
        return ref.year + 1
    if tense == "past" and gap > _SEASON_DAYS:
        return ref.year - 1
    if tense is None:
        return min((ref.year - 1, ref.year, ref.year + 1), key=lambda y: abs((when(y) - anchor).days))
    return ref.year


_SEASON_DAYS = 90


def _shift(ref: dt.date, n: float, unit: str) -> dt.date:
    unit = unit.lower().rstrip("s")
    n = int(n)
    if unit == "day":
        return ref + dt.timedelta(days=n)
    if unit == "week":
        return ref + dt.timedelta(weeks=n)
    if unit == "fortnight":
        return ref + dt.timedelta(weeks=2 * n)
    if unit == "month":
        return _add_months(ref, n)
    if unit == "decade":
        return _add_months(ref, 120 * n)
    return _add_months(ref, 12 * n)


def _shift_dur(ref: dt.date, dur: str, sign: int) -> dt.date:
    """``ref`` moved by a compound offset, years and months first ("1 month 21 days ago")."""
    months = days = 0
    for p in _DUR_PART.finditer(dur):
        n, unit = int(_count(p["n"])), p["unit"].lower().rstrip("s")
        if unit in ("year", "month", "decade"):
            months += n * {"year": 12, "month": 1, "decade": 120}[unit]
        else:
            days += n * {"day": 1, "week": 7, "fortnight": 14}[unit]
    return _add_months(ref, sign * months) + dt.timedelta(days=sign * days)


def _week(ref: dt.date, offset: int) -> str:
    monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=offset)
    return _interval(monday, monday + dt.timedelta(days=6))


def _period_value(unit: str, ref: dt.date, offset: int) -> str:
    unit = unit.lower()
    if unit == "week":
        return _week(ref, offset)
    if unit == "weekend":
        sat = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(days=5, weeks=offset)
        return _interval(sat, sat + dt.timedelta(days=1))
    if unit == "month":
        d = _add_months(ref.replace(day=1), offset)
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "quarter":
        q = (ref.month - 1) // 3 + offset
        y, q = ref.year + q // 4, q % 4
        return _interval(dt.date(y, 3 * q + 1, 1), _month_end(y, 3 * q + 3))
    if unit == "decade":
        s = ref.year // 10 * 10 + 10 * offset
        return f"{s}/{s + 9}"
    return f"{ref.year + offset:04d}"


def _span_of(value: str) -> tuple[dt.date, dt.date]:
    """Inclusive first and last day covered by a value (used to merge "X to Y" ranges)."""
    a, _, b = value.partition("/")

    def first(v):
        p = [int(x) for x in v.split("-")]
        return dt.date(p[0], p[1] if len(p) > 1 else 1, p[2] if len(p) > 2 else 1)

    def last(v):
        p = [int(x) for x in v.split("-")]
        if len(p) == 3:
            return dt.date(*p)
        if len(p) == 2:
            return _month_end(p[0], p[1])
        return dt.date(p[0], 12, 31)

    return first(a), last(b or a)


# A resolver's verdict that the match is no date at all (dropped), unlike None (a date
# it cannot place).
_NOT_A_DATE = "\x00"
