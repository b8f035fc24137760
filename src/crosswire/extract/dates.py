"""Dates in news text: absolute, partial and relative, resolved against a reference date.

Rule-based: one pass of precompiled patterns finds the spans; each pattern has a resolver that
turns its match into ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or an ISO interval ``START/END``
(inclusive end) given the reference date and the tense of the sentence. The tense (future, past,
ongoing) comes from cue words near the date and, when a spaCy ``Doc`` is given, from the verb
that governs it. A date without year takes the reference's year, moved one year forward or back
when the tense says the event lies on the other side of the reference.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable

from crosswire.extract import numbers as nb
from crosswire.models import DateMention

MAX_TEXT = 2_000_000  # articles are hostile input: bound the work
MAX_MENTIONS = 5_000

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
WEEKDAYS.update({d.lower(): i for i, d in enumerate(calendar.day_abbr)})
WEEKDAYS.update({"tues": 1, "wed": 2, "weds": 2, "thur": 3, "thurs": 3})

_MON = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
        r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?")
_WD = (r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|"
       r"sat(?:urday)?|sun(?:day)?)\b\.?")
_WD_FULL = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:%])"
_ORDW = (r"(?:(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|one|"
         r"two|three|four|five|six|seven|eight|nine)|thirty|twenty|first|second|third|fourth|fifth|"
         r"sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|"
         r"sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)")
_DAY = rf"(?:{_DAYNUM}|{_ORDW}\b)"
_YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d,.]\d)"
_NUMW = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+few|few|several|a\s+couple\s+of|couple\s+of)"
_UNITW = r"(?:days?|weeks?|months?|years?|decades?)"
_SEP = r"\s*(?:-|–|—|to|through|until|till|thru)\s*"
_NOT_QTY = r"(?!\s*(?:million|billion|trillion|thousand|percent|per\s*cent|%|[a-z]{2,}\s+(?:of|per)\b))"


def _rx(p: str) -> re.Pattern:
    return re.compile(p, re.IGNORECASE)


# --------------------------------------------------------------------------- resolution helpers


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


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")[:4] if word.lower().startswith("sept") else
                  word.lower().rstrip(".")[:3] if len(word.rstrip(".")) > 3 else word.lower().rstrip(".")]


def _day(word: str) -> int | None:
    v = nb.ordinal_value(word.strip())
    return v if v and 1 <= v <= 31 else None


def _year(word: str) -> int:
    y = int(word)
    if len(word) == 2:
        y += 2000 if y < 50 else 1900
    return y


def _count(word: str) -> float:
    w = re.sub(r"\s+", " ", word.lower())
    if w.isdigit():
        return int(w)
    if w in ("a few", "few", "several"):
        return 3
    if w in ("a couple of", "couple of"):
        return 2
    return nb.words_to_number(w) or 1


def _shift(ref: dt.date, n: float, unit: str) -> dt.date:
    unit = unit.lower().rstrip("s")
    n = int(n)
    if unit == "day":
        return ref + dt.timedelta(days=n)
    if unit == "week":
        return ref + dt.timedelta(weeks=n)
    if unit == "month":
        return _add_months(ref, n)
    if unit == "decade":
        return _add_months(ref, 120 * n)
    return _add_months(ref, 12 * n)


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


_OFFSET = {"this": 0, "current": 0, "next": 1, "coming": 1, "following": 1, "last": -1,
           "past": -1, "previous": -1, "prior": -1}


# --------------------------------------------------------------------------- resolvers
# Each takes (match, reference or None, tense) and returns a value or None.

Resolver = Callable[[re.Match, "dt.date | None", "str | None"], "str | None"]


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
    d = _safe_date(_rel_year(m, ref) or _infer_year(mon, day, ref, tense), mon, day)
    return _iso(d) if d else None


def _r_md_range(m, ref, tense):
    mon = _month(m["mon"])
    mon2 = _month(m["mon2"]) if m["mon2"] else mon
    d1, d2 = _day(m["d"]), _day(m["d2"])
    if not d1 or not d2:
        return None
    if m["y"]:
        y = _year(m["y"])
    elif ref is None:
        return None
    else:
        y = _rel_year(m, ref) or _infer_year(mon, d1, ref, tense)
    a, b = _safe_date(y, mon, d1), _safe_date(y + (mon2 < mon), mon2, d2)
    return _interval(a, b) if a and b and a <= b else None


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
    if part.startswith(("early", "beginning", "start")):
        return _interval(dt.date(y, mon, 1), dt.date(y, mon, 10))
    if part.startswith("mid"):
        return _interval(dt.date(y, mon, 11), dt.date(y, mon, 20))
    if part.startswith(("late", "end")):
        return _interval(dt.date(y, mon, 21), dt.date(y, mon, last))
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


def _r_year_range(m, ref, tense):
    a = int(m["y"])
    b = m["y2"]
    b = int(b) if len(b) == 4 else a // 100 * 100 + int(b)
    return f"{a}/{b}" if a < b <= a + 100 else None


def _r_decade(m, ref, tense):
    y = int(m["y"])
    if y % 10:
        return None
    return f"{y}/{y + 9}"


def _r_century(m, ref, tense):
    c = nb.ordinal_value(m["c"])
    return f"{(c - 1) * 100:04d}/{(c - 1) * 100 + 99:04d}" if c else None


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
    if mod == "this past":
        return _iso(ref - dt.timedelta(days=(ref.weekday() - wd - 1) % 7 + 1))
    if mod in _OFFSET:
        return _iso(monday + dt.timedelta(days=wd, weeks=_OFFSET[mod]))
    delta = wd - ref.weekday()
    if tense == "future":
        return _iso(ref + dt.timedelta(days=delta % 7))
    if tense == "past" or tense is None:
        return _iso(ref - dt.timedelta(days=(-delta) % 7))
    return _iso(ref + dt.timedelta(days=delta))


def _r_weekday_day(m, ref, tense):
    """"Friday the 13th": that day of the reference month (the month it falls on that weekday)."""
    if ref is None:
        return None
    day = _day(m["d"])
    if not day:
        return None
    wd = WEEKDAYS[m["wd"].lower().rstrip(".")]
    for k in (0, -1, 1, -2, 2):
        base = _add_months(ref.replace(day=1), k)
        d = _safe_date(base.year, base.month, day)
        if d and d.weekday() == wd:
            return _iso(d)
    d = _safe_date(ref.year, ref.month, day)
    return _iso(d) if d else None


def _r_rel_period(m, ref, tense):
    if ref is None:
        return None
    unit = m["unit"].lower()
    value = _period_value(unit, ref, _OFFSET[m["mod"].lower()])
    part = (m["part"] or "").lower()
    if not part or unit not in ("week", "month", "year"):
        return value
    s, e = _span_of(value)
    # "early next month", "late last year": the first or second half of the period
    # (a week splits Monday-Wednesday / Thursday-Sunday).
    cut = s + dt.timedelta(days=2) if unit == "week" else (
        dt.date(s.year, s.month, 15) if unit == "month" else dt.date(s.year, 6, 30))
    if part == "early":
        return _interval(s, cut)
    if part == "mid":
        third = (e - s) / 3
        return _interval(s + third, e - third)
    return _interval(cut + dt.timedelta(days=1), e)


def _r_ago(m, ref, tense):
    if ref is None:
        return None
    n = _count(m["n"]) if m["n"] else None
    unit = m["unit"].lower().rstrip("s")
    if n is None:  # "weeks ago": vague, keep the granularity honest
        d = _shift(ref, -2, unit)
        return f"{d.year:04d}-{d.month:02d}" if unit in ("day", "week") else f"{d.year:04d}"
    d = _shift(ref, -n, unit)
    return _iso(d)


def _r_later(m, ref, tense):
    if ref is None:
        return None
    base = ref
    if m["anchor"] and "tomorrow" in m["anchor"].lower():
        base = ref + dt.timedelta(days=1)
    elif m["anchor"] and "yesterday" in m["anchor"].lower():
        base = ref - dt.timedelta(days=1)
    return _iso(_shift(base, _count(m["n"]), m["unit"]))


def _r_in_future(m, ref, tense):
    """"in two weeks": a date only when the sentence looks ahead ("the most in 10 years" is not)."""
    if tense != "future":
        return _NOT_A_DATE
    return _r_later(m, ref, tense)


_NOT_A_DATE = "\x00"


def _r_month_range(m, ref, tense):
    a, b, y = _month(m["mon"]), _month(m["mon2"]), int(m["y"])
    ya = y - 1 if a > b else y
    return f"{ya:04d}-{a:02d}/{y:04d}-{b:02d}"


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
        base = _add_months(ref.replace(day=1), _OFFSET[m["mod"].lower()])
        y, mon = base.year, base.month
    days = [d for d in range(1, calendar.monthrange(y, mon)[1] + 1) if dt.date(y, mon, d).weekday() == wd]
    k = -1 if n == "last" else (nb.ordinal_value(n) or 1) - 1
    return _iso(dt.date(y, mon, days[k])) if k < len(days) else None


def _r_within(m, ref, tense):
    if ref is None:
        return None
    n = _count(m["n"]) if m["n"] else 1
    unit = m["unit"]
    dirn = (m["dir"] or "").lower()
    if dirn in ("past", "last", "previous", "recent"):
        return _interval(_shift(ref, -n, unit), ref)
    return _interval(ref, _shift(ref, n, unit))


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


def _r_recent(m, ref, tense):
    if ref is None:
        return None
    unit = m["unit"].lower().rstrip("s")
    n = {"day": 7, "week": 28, "month": 90, "year": 730}[unit]
    return _interval(ref - dt.timedelta(days=n), ref)


def _r_earlier_later(m, ref, tense):
    if ref is None:
        return None
    unit, early = m["unit"].lower(), m["el"].lower().startswith("earl")
    if unit == "week":
        s, e = (x for x in _span_of(_week(ref, 0)))
    elif unit == "month":
        s, e = ref.replace(day=1), _month_end(ref.year, ref.month)
    else:
        s, e = dt.date(ref.year, 1, 1), dt.date(ref.year, 12, 31)
    return _interval(s, ref) if early else _interval(ref, e)


def _r_end_of(m, ref, tense):
    if ref is None:
        return None
    unit = m["unit"].lower()
    off = _OFFSET.get((m["mod"] or "this").lower(), 0)
    _, e = _span_of(_period_value(unit, ref, off))
    if unit == "year":
        return f"{e.year:04d}-12"
    if unit == "month":
        return _interval(e.replace(day=21), e)
    return _iso(e)


def _r_quarter(m, ref, tense):
    q = nb.ordinal_value(m["q"]) if not m["q"].isdigit() else int(m["q"])
    if m["q"].lower() in ("final", "last"):
        q = 4
    if not q or not 1 <= q <= 4:
        return None
    if m["y"]:
        y = _year(m["y"])
    elif ref is None:
        return None
    else:
        y = ref.year
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
        base = _add_months(base, _OFFSET[mod])
    elif tense == "future" and day < ref.day:
        base = _add_months(base, 1)
    elif tense != "future" and day > ref.day and not mod:
        base = _add_months(base, -1) if tense == "past" else base
    d = _safe_date(base.year, base.month, day)
    return _iso(d) if d else None


# --------------------------------------------------------------------------- patterns
# Each entry: (trigger kinds it needs, pattern, resolver). Kinds: d digit, m month name,
# w weekday name, r other time words (see _TRIGGER); a pattern runs only on text windows holding
# one of its kinds. Order matters only for equal-length overlaps: the longest match wins.

_PATTERNS: list[tuple[str, re.Pattern, Resolver]] = [
    ("m", _rx(rf"(?P<d>{_DAYNUM})\s*[-/]\s*(?P<mon>{_MON})\s*[-/]\s*(?P<y>{_YEAR})"), _r_mdy),
    ("m", _rx(rf"(?P<y>{_YEAR})\s*[-/]\s*(?P<mon>{_MON})\s*[-/]\s*(?P<d>{_DAYNUM})"), _r_mdy),
    ("m", _rx(rf"(?P<mon>{_MON})\s*(?:-|–|to|through|until)\s*(?P<mon2>{_MON}),?\s*(?P<y>{_YEAR})"), _r_month_range),
    ("d", _rx(rf"(?P<y>{_YEAR})\s*-?\s*Q(?P<q>[1-4])(?P<half>)\b"), lambda m, r, t: _r_quarter(m, r, t)),
    ("w", _rx(rf"(?:the\s+)?(?P<n>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+(?P<wd>{_WD_FULL})\s+"
         rf"(?:of|in)\s+(?:(?P<mod>this|next|last|previous)\s+month|(?P<mon>{_MON})(?:\s+(?P<y>{_YEAR}))?)"),
     _r_nth_weekday),
    ("m", _rx(rf"(?:(?:from|between)\s+)?(?:{_WD},?\s+)?(?P<mon>{_MON})\s*(?P<d>{_DAYNUM}){_SEP}(?:(?P<mon2>{_MON})\s*)?"
         rf"(?P<d2>{_DAYNUM})(?:,?\s*(?P<y>{_YEAR}))?(?:,?\s+(?P<rely>last|next|this)\s+year)?"), _r_md_range),
    ("m", _rx(rf"(?:(?:from|between)\s+)?(?P<d>{_DAYNUM}){_SEP}(?P<d2>{_DAYNUM})\s+(?:of\s+)?(?P<mon>{_MON})(?P<mon2>)"
         rf"(?:,?\s*(?P<y>{_YEAR}))?(?:,?\s+(?P<rely>last|next|this)\s+year)?"), _r_md_range),
    ("m", _rx(rf"(?:{_WD},?\s+)?(?P<mon>{_MON})[\s/-]*(?:the\s+)?(?P<d>{_DAY})\s*,?\s*(?:of\s+)?(?P<y>{_YEAR}|'\d\d)"),
     lambda m, r, t: _r_mdy(_Fix(m, y=m["y"].lstrip("'")), r, t)),
    ("m", _rx(rf"(?:{_WD},?\s+)?(?:the\s+)?(?P<d>{_DAY})\.?\s+(?:of\s+|day\s+of\s+)?(?P<mon>{_MON}),?\s*(?P<y>{_YEAR})"),
     _r_mdy),
    ("d", _rx(r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?<![\d.])(?P<y>(?:1[0-9]|20)\d\d)(?P<s>[-/.])(?P<mo>0?[1-9]|1[0-2])(?P=s)(?P<d>0?[1-9]|[12]\d|3[01])(?![\d])"),
     _r_iso),
    ("d", _rx(r"(?<![\d.])(?P<a>\d{1,2})(?P<sep>[/.-]|\s/\s)(?P<b>\d{1,2})(?:(?P=sep)|,)(?P<y>(?:19|20)\d\d|\d\d)(?![\d/.-]\d)"),
     _r_numeric),
    ("m", _rx(rf"(?:{_WD},?\s+)?(?P<mon>{_MON})(?:[/-]|\s*)(?:the\s+)?(?P<d>{_DAY}){_NOT_QTY}(?!\s*[-–]\s*\d)(?:,?\s+(?P<rely>last|next|this)\s+year)?"), _r_md),
    ("m", _rx(rf"(?:{_WD},?\s+)?(?:the\s+)?(?P<d>{_DAY})\.?(?:\s+of\s+|\s*[-/]?\s*)(?P<mon>{_MON})(?:,?\s+(?P<rely>last|next|this)\s+year)?"), _r_md),
    ("w", _rx(rf"(?P<wd>{_WD}),?\s+the\s+(?P<d>{_DAY})"), _r_weekday_day),
    ("m", _rx(rf"(?:(?P<part>early|mid|late|the\s+(?:end|beginning|start|middle)\s+of)[-\s]+)?"
         rf"(?P<mon>{_MON}),?\s*(?:of\s+)?(?P<y>{_YEAR})"),
     lambda m, r, t: _part_of_month(int(m["y"]), _month(m["mon"]), m["part"])),
    ("m", _rx(rf"(?P<y>{_YEAR})\s*(?:,\s*|[-/]\s*|\s+)(?P<mon>{_MON})(?!\s*\d)"), _r_month_year),
    ("d", _rx(r"(?<![\d.,/-])(?P<y>(?:19|20)\d\d)\s*[-/]\s*(?P<mo>0?[1-9]|1[0-2])(?![\d/.-])(?P<mon>)"), _r_month_year),
    ("d", _rx(r"(?<![\d.,/-])(?P<mo>0?[1-9]|1[0-2])\s*[-/]\s*(?P<y>(?:19|20)\d\d)(?![\d/-])(?P<mon>)"), _r_month_year),
    ("m", _rx(r"(?:(?:(?P<mod>last|next|this|coming|past|previous)\s+)|"
         r"(?P<part>early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)[-\s]+)?"
         r"(?<![\w-])(?P<mon>january|february|march|april|may|june|july|august|september|october|"
         r"november|december|jan\.|feb\.|aug\.|sept?\.|oct\.|nov\.|dec\.)(?![\w-])(?:,?\s+(?P<rely>last|next|this)\s+year)?"), _r_month),
    ("r", _rx(r"(?:fiscal(?:\s+year)?|FY|financial\s+year)\s*'?(?P<y>(?:19|20)?\d\d)\b"), _r_fiscal),
    ("d", _rx(rf"(?:(?P<part>early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)[-\s]+)"
         rf"(?P<y>{_YEAR})"), _r_year),
    ("d", _rx(rf"(?P<lead>\b(?:in|since|by|until|till|from|through|during|before|after|of|for|and|to|year|between)\s)"
         rf"(?P<part>)(?P<y>{_YEAR})(?![-–/]\d)(?!\s+(?:[a-z]+\s+)?(?:people|troops|soldiers|[a-z]+s)\b)"),
     _r_year),
    ("d", _rx(r"(?<![\d$£€¥.,])(?P<y>(?:19|20)\d\d)\s*(?:-|–|/|to|through)\s*(?P<y2>(?:19|20)?\d\d)(?![\d%])"),
     _r_year_range),
    ("d", _rx(r"(?:the\s+)?(?:mid-|early\s+|late\s+)?(?P<y>1[0-9]\d0|20\d0)'?s\b"), _r_decade),
    # "the '70s", "the 70s": a decade of the last century (not "their 70s", an age).
    ("d", _rx(r"the\s+(?:mid-|early\s+|late\s+)?['\u2019]?(?P<y>[2-9]0)'?s\b"),
     lambda m, r, t: _r_decade(_Fix(m, y="19" + m["y"]), r, t)),
    ("r", _rx(r"(?:over|on|at|during|for)\s+the\s+(?P<unit>weekend)"), _r_the_weekend),
    ("r", _rx(r"(?:the\s+)?rest\s+of\s+(?:the\s+|this\s+)?(?P<unit>week|month|year)"), _r_rest_of),
    ("r", _rx(r"the\s+(?P<unit>week|month|year|weekend)\s+after\s+(?:the\s+)?next"),
     lambda m, r, t: _period_value(m["unit"].lower(), r, 2) if r else None),
    ("r", _rx(rf"(?:the\s+)?(?P<c>\d{{1,2}}(?:st|nd|rd|th)|{_ORDW})[\s-]+century"), _r_century),
    ("r", _rx(r"(?:the\s+day\s+(?:before\s+yesterday|after\s+(?:tomorrow|tmrw)))|\b(?:today|tonight|"
         r"yesterday|tomorrow|tmrw|(?:the\s+)?next\s+day|last\s+night|this\s+(?:morning|afternoon|evening))\b"),
     _r_dayword),
    ("w", _rx(rf"(?:(?P<mod>this\s+past|this|next|last|past|coming|previous)\s+)?(?:on\s+)?(?P<wd>{_WD_FULL})"
         rf"(?:\s+(?:morning|afternoon|evening|night))?(?:,?\s+(?:of\s+)?(?P<wk>next|last|this)\s+week)?"),
     _r_weekday),
    ("w", _rx(rf"(?:(?P<mod>this|next|last|past|coming|previous)\s+week\s+(?:on\s+)?)(?P<wd>{_WD_FULL})(?P<wk>)"),
     _r_weekday),
    ("r", _rx(r"(?:(?P<part>early|mid|late)[-\s]+)?(?P<mod>this|next|last|past|coming|previous|current|following)\s+"
         r"(?P<unit>week(?:end)?|month|year|quarter|decade)\b"), _r_rel_period),
    ("r", _rx(rf"(?:(?P<n>{_NUMW})\s+)?(?P<unit>{_UNITW})\s+ago\b"), _r_ago),
    ("r", _rx(rf"(?:in\s+)?(?P<n>{_NUMW})\s+(?P<unit>{_UNITW})\s+(?:from\s+(?P<anchor>now|today|tomorrow|yesterday)|later|hence)\b"),
     _r_later),
    ("r", _rx(rf"\bin\s+(?P<n>{_NUMW})\s+(?P<unit>{_UNITW})(?P<anchor>)(?!\s+(?:ago|of|time|since|before|after))"), _r_in_future),
    ("r", _rx(rf"(?:within|in|over)\s+the\s+(?P<dir>past|last|next|coming|previous)\s+(?:(?P<n>{_NUMW})\s+)?(?P<unit>{_UNITW})"
         rf"|(?:within|(?:the\s+)?(?P<dir2>next|past|last|previous|coming))\s+(?P<n2>{_NUMW})\s+(?P<unit2>{_UNITW})"),
     lambda m, r, t: _r_within(_Fix(m, n=m["n"] or m["n2"], unit=m["unit"] or m["unit2"],
                                    dir=m["dir"] or m["dir2"]), r, t)),
    ("r", _rx(r"(?:in\s+)?recent\s+(?P<unit>days|weeks|months|years)"), _r_recent),
    ("r", _rx(r"(?P<el>earlier|later)\s+(?:this|in\s+the)\s+(?P<unit>week|month|year)"), _r_earlier_later),
    ("r", _rx(r"(?:by\s+)?the\s+end\s+of\s+(?:the\s+|(?P<mod>this|next|last)\s+)?(?P<unit>week|month|year)"), _r_end_of),
    ("r", _rx(rf"(?:the\s+)?(?P<q>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+(?:(?P<half>half)|quarter)"
         rf"(?:(?:\s+of)?\s+(?:fiscal\s+)?(?P<y>{_YEAR}))?"
         rf"(?!\s+of\s+(?:the\s+|a\s+|this\s+)?(?:season|game|match|period|century|contest))"), _r_quarter),
    ("r", _rx(rf"\b(?:Q(?P<q>[1-4])|(?P<half>H)(?P<qh>[12]))(?:\s*|\s+of\s+)(?:FY\s*)?(?P<y>{_YEAR}|'?\d\d)?\b"),
     lambda m, r, t: _r_quarter(_Fix(m, q=m["q"] or m["qh"], y=(m["y"] or "").lstrip("'") or None), r, t)),
    ("r", _rx(rf"(?:(?P<mod>this|next|last|past|coming)\s+)?(?P<s>spring|summer|autumn|fall|winter)"
         rf"(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?(?!\s+(?:of\s+)?[a-z])"), _r_season),
    ("d", _rx(r"\bon\s+the\s+(?P<d>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))(?:\s+of\s+(?P<mod>this|next|last)\s+month)?\b(?![\s-]*(?:of|century|floor|anniversary|time|day|round))"),
     _r_day_only),
]


class _Fix:
    """A match with some groups overridden (lets two notations share one resolver)."""

    def __init__(self, m: re.Match, **over):
        self._m, self._over = m, over
        self.re = m.re

    def __getitem__(self, k):
        return self._over[k] if k in self._over else self._m[k]

    def group(self, *a):
        return self._m.group(*a)


_STANDALONE_MONTH = re.compile(r"^(?:may|march|mar|jan|jun|jul|aug|oct|dec|sept?)$", re.IGNORECASE)
_MONTH_CUE_BEFORE = re.compile(r"\b(?:in|since|by|until|till|from|through|during|before|after|of|"
                               r"last|next|this|early|late|mid|end|beginning|start|on|to|and)\s*-?\s*$",
                               re.IGNORECASE)


def _keep(text: str, m: re.Match, resolver) -> bool:
    """Reject matches that are words, not dates ("may" the verb, "march" the noun)."""
    if resolver is _r_month:
        word = m["mon"]
        if not m["mod"] and not m["part"]:
            if word[0].islower():
                return False
            if word.lower() in ("may", "march", "mar") and not _MONTH_CUE_BEFORE.search(
                    text[max(0, m.start() - 12):m.start()]):
                return False
    if resolver in (_r_md, _r_month) and m["mon"].lower().rstrip(".") in ("may", "march") \
            and m["mon"][0].islower() and not (resolver is _r_md and m["d"][0].isdigit()):
        return False  # "this may take", "the march on": the verb and the noun
    if resolver is _r_weekday and not m.group(0)[0].isupper() and m["mod"] is None:
        return bool(re.search(r"\b(?:on|by|until|since|from|last|next|this)\s+$",
                              text[max(0, m.start() - 8):m.start()], re.IGNORECASE)) or True
    return True


# Every pattern needs one of these words or a digit; scanning only the windows around them keeps
# the forty patterns off the bulk of the text (they would otherwise be tried at every offset).
_TRIGGER = re.compile(
    r"(?P<d>\d)|\b(?:(?P<r>today|tonight|yesterday|tomorrow|tmrw|ago|recent|earlier|later|quarter|"
    r"half|q[1-4]|h[12]|fy|fiscal|financial|spring|summer|autumn|fall|winter|century|week|month|"
    r"year|day|decade|end|morning|afternoon|evening|night)|(?P<m>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|"
    r"(?P<w>mon|tue|wed|thu|fri|sat|sun))",
    re.IGNORECASE,
)
_BEFORE, _AFTER = 40, 55


def _windows(text: str) -> list[tuple[int, int, str]]:
    """Merged (start, end, kinds) windows around trigger words."""
    out: list[list] = []
    for m in _TRIGGER.finditer(text):
        s, e = max(0, m.start() - _BEFORE), min(len(text), m.end() + _AFTER)
        if out and s <= out[-1][1]:
            out[-1][1] = e
            out[-1][2] += m.lastgroup
        else:
            out.append([s, e, m.lastgroup])
    return [(s, e, "".join(set(k))) for s, e, k in out]


@functools.lru_cache(maxsize=8)
def _windows_cached(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple(_windows(text))


@functools.lru_cache(maxsize=8)
def _scan(text: str) -> tuple[tuple[int, int, int, re.Match], ...]:
    """Non-overlapping date matches, longest first: (start, end, pattern index, match)."""
    found = []
    seen = set()
    windows = _windows_cached(text)
    for k, (need, rx, resolver) in enumerate(_PATTERNS):
        for ws, we, kinds in windows:
            if need not in kinds:
                continue
            for m in rx.finditer(text, ws, we):
                if (k, m.start()) in seen:
                    continue
                seen.add((k, m.start()))
                if m.end() > m.start() and _keep(text, m, resolver):
                    s, e = m.start(), m.end()
                    if "lead" in rx.groupindex and m["lead"]:
                        s = m.end("lead")  # the cue word is context, not part of the date
                    while e > s and text[e - 1] in " ,.-":
                        e -= 1
                    found.append((s, e, k, m))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2]))
    taken: list[tuple[int, int, int, re.Match]] = []
    occupied = bytearray(len(text) + 1)  # 1 where a longer match already sits
    for f in found:
        if any(occupied[f[0]:f[1]]) or _embedded_in_word(text, f[0], f[1]):
            continue
        occupied[f[0]:f[1]] = b"\x01" * (f[1] - f[0])
        taken.append(f)
        if len(taken) >= MAX_MENTIONS:
            break
    taken.sort()
    return tuple(taken)


def _embedded_in_word(text: str, s: int, e: int) -> bool:
    return (s > 0 and (text[s - 1].isalnum() or text[s - 1] in "$£€¥")) or \
        (e < len(text) and text[e].isalnum())


def date_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every date-like span, without resolving (used to keep dates out of
    quantities)."""
    return [(s, e) for s, e, _, _ in _scan(text[:MAX_TEXT])]


# --------------------------------------------------------------------------- tense

_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|'ll|shall|scheduled|slated|looming|upcoming|expected\s+to|expected|due\s+(?:to|on|in|by)|"
    r"set\s+to|set\s+for|plans?\s+to|planned|planning|going\s+to|ahead\s+of|next|coming|"
    r"tomorrow|to\s+be\s+held|would\s+(?:be\s+)?(?:hold|take|begin|start|meet)|intends?\s+to|aims?\s+to|"
    r"from\s+now|later\s+this|in\s+the\s+coming|forthcoming|deadline|by\s+the\s+end\s+of)\b",
    re.IGNORECASE,
)
_PAST_CUE = re.compile(
    r"\b(?:ago|last|yesterday|earlier|previously|was|were|had|did|said|announced|held|took|"
    r"met|began|ended|came|went|told|reported|saw|made|gave|signed|agreed|decided|"
    r"[a-z]{3,}ed)\b",
    re.IGNORECASE,
)
_ONGOING_CUE = re.compile(r"\b(?:is|are)\s+(?:\w+ing)\b|\b(?:currently|ongoing|underway|continues?|"
                          r"continuing|this\s+week|so\s+far|now|since)\b", re.IGNORECASE)
_NOT_PAST_ED = {"scheduled", "expected", "planned", "slated", "proposed", "needed", "related",
                "based", "united", "limited", "called", "required", "indeed", "red", "bed",
                "speed", "need", "feed", "embed", "seed", "used"}


_STRONG_FUTURE = re.compile(
    r"(?:\b(?:scheduled|slated|set\s+(?:to|for)|due|planned|expected|poised|looming|upcoming|"
    r"ahead\s+of|forthcoming|deadline|will|shall|to\s+be\s+held)|'ll)\b[^.;]{0,30}$",
    re.IGNORECASE,
)


def _tense_rule(sentence: str, rel: int) -> str | None:
    """Tense from cue words: a future marker just before the date ("scheduled for", "looming
    on", "ahead of the"), else the cue nearest the date, past winning ties."""
    if _STRONG_FUTURE.search(sentence[max(0, rel - 40):rel]):
        return "future"
    lo = max(0, rel - 80)
    window = sentence[lo:rel + 60]
    fut = [m.start() + lo for m in _FUTURE_CUE.finditer(window)]
    past = [m.start() + lo for m in _PAST_CUE.finditer(window)
            if m.group(0).lower() not in _NOT_PAST_ED]
    if fut or past:
        df = min((abs(p - rel) for p in fut), default=10**6)
        dp = min((abs(p - rel) for p in past), default=10**6)
        return "future" if df < dp else "past"
    if _ONGOING_CUE.search(window):
        return "ongoing"
    return None


def _tense_doc(doc, start: int, end: int, sentence: str, rel: int) -> str | None:
    """Tense from the verb that governs the date, with the cue words as tie-breaker."""
    lex = _tense_rule(sentence, rel)
    if _STRONG_FUTURE.search(sentence[max(0, rel - 40):rel]):
        return "future"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return lex
    tok = span.root
    hops = 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head is not tok and hops < 6:
        tok = tok.head
        hops += 1
    if tok.pos_ not in ("VERB", "AUX"):
        return lex
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in auxes}
    if words & {"will", "'ll", "shall", "wo"} or tok.lemma_ in ("schedule", "slate"):
        return "future"
    if "to" in words and tok.head is not tok and tok.head.lemma_ in (
            "expect", "plan", "schedule", "set", "aim", "intend", "hope", "want", "go", "due"):
        return "future"
    if tok.tag_ == "VBD" or (words & {"had", "has", "have", "did", "was", "were"} and tok.tag_ == "VBN"):
        return "past"
    if tok.tag_ == "VBG" and words & {"is", "are", "am", "'re", "'s"}:
        return "ongoing"
    return lex


# --------------------------------------------------------------------------- public


def extract_dates(text: str, reference: dt.date | None = None, doc=None) -> list[DateMention]:
    """Every date in ``text`` with its ISO value (resolved against ``reference``) and tense."""
    text = text[:MAX_TEXT]
    if isinstance(reference, dt.datetime):
        reference = reference.date()
    if doc is not None and (len(doc.text) != len(text) or not doc.has_annotation("DEP")):
        doc = None  # another text (offsets would not line up) or no parse to read
    sents = nb.SentenceIndex(text, doc)
    out: list[DateMention] = []
    for s, e, k, m in _scan(text):
        s0, _ = sents.span(s, e)
        sentence = sents.sentence(s, e)
        rel = s - s0
        tense = _tense_doc(doc, s, e, sentence, rel) if doc is not None else _tense_rule(sentence, rel)
        tense = _tense_from_date_words(m.group(0)) or tense
        try:
            value = _PATTERNS[k][2](m, reference, tense)
        except (ValueError, KeyError, OverflowError, StopIteration, IndexError):
            value = None
        if value == _NOT_A_DATE:
            continue
        out.append(DateMention(text=text[s:e], start=s, end=e, value=value, tense=tense,
                               sentence=sentence))
    return _merge_ranges(text, out)


def _tense_from_date_words(surface: str) -> str | None:
    w = surface.lower()
    if re.search(r"\b(?:ago|yesterday|last|past|previous|earlier)\b", w):
        return "past"
    if re.search(r"\b(?:tomorrow|next|coming|from now|later|hence)\b", w):
        return "future"
    return None


_JOIN = re.compile(r"\s*(?:-|–|—|to|until|till|through|thru|and)\s*", re.IGNORECASE)
_LEAD = re.compile(r"(?:from|between)\s+$", re.IGNORECASE)


def _merge_ranges(text: str, dates: list[DateMention]) -> list[DateMention]:
    """"from June 1 to June 5", "between 2015 and 2018": two dates joined into one interval."""
    out: list[DateMention] = []
    i = 0
    while i < len(dates):
        a = dates[i]
        if i + 1 < len(dates):
            b = dates[i + 1]
            sep = _JOIN.fullmatch(text[a.end:b.start])
            lead = _LEAD.search(text[max(0, a.start - 9):a.start])
            word = sep.group(0).strip().lower() if sep else ""
            if sep and a.value and b.value and (word != "and" or (lead and "between" in lead.group(0).lower())):
                (s1, _), (_, e2) = _span_of(a.value), _span_of(b.value)
                if s1 <= e2:
                    start = a.start - len(lead.group(0)) if lead else a.start
                    same_grain = "/" not in a.value + b.value and len(a.value) == len(b.value)
                    value = f"{a.value}/{b.value}" if same_grain else _interval(s1, e2)
                    out.append(DateMention(text=text[start:b.end], start=start, end=b.end,
                                           value=value, tense=a.tense or b.tense,
                                           sentence=a.sentence))
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out
