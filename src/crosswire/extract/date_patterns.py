"""Date pattern tables and their resolvers: vocabulary, regex fragments, and one resolver per
pattern turning a match into an ISO value given the reference date and the sentence's tense."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

from crosswire.extract import numbers as nb

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
         r"two|three|four|five|six|seven|eight|nine)\b|(?:thirty|twenty)(?![- ][a-z])|first|second|third|fourth|fifth|"
         r"sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|"
         r"sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)")
_DAY = rf"(?:{_DAYNUM}|{_ORDW}\b)"
_YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d,.]\d)"
_NUMW = (r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
         r"thirty|forty|fifty|sixty|ninety|a\s+few|few|several|a\s+couple(?:\s+of)?|couple(?:\s+of)?)")
_UNITW = r"(?:days?|weeks?|fortnights?|months?|years?|decades?)"
# "two weeks and three days", "1 month, 21 days", "2 years 1 month 21 days": one compound offset.
_DUR = rf"(?:{_NUMW})\s*{_UNITW}(?:\s*,?\s*(?:and\s+)?(?:{_NUMW})\s*{_UNITW}){{0,3}}"
_DUR_PART = re.compile(rf"(?P<n>{_NUMW})\s*(?P<unit>{_UNITW})", re.IGNORECASE)
_SEP = r"\s*(?:-|–|—|to|through|until|till|thru)\s*"
_TENS_W = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNIT_W = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEEN_W = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_UPTO99_W = rf"(?:{_TENS_W}(?:[\s-]+{_UNIT_W})?|{_TEEN_W}|{_UNIT_W})"
# "nineteen seventy-eight", "nineteen oh one", "two thousand and eighteen", "twenty twenty".
_YEAR_W = (rf"(?:(?:seventeen|eighteen|nineteen|twenty)\s+(?:hundred\s+(?:and\s+)?{_UPTO99_W}|(?:oh|zero)\s+{_UNIT_W}|"
           rf"{_TENS_W}(?:[\s-]+{_UNIT_W})?|{_TEEN_W})|two\s+thousand(?:\s+(?:and\s+)?{_UPTO99_W})?)\b")
# After a bare day ("on the 3rd"): no noun may follow ("on the 3rd attempt", "the 17th Door").
_NO_NOUN = (r"(?!\s*-?\s*(?!(?:and|to|through|till|until|or|at|in|when|with|as|for|from|after|before|but|"
            r"the|this|that|he|she|they|we|it|i)\b)[A-Za-z])")
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
    if not word.strip("'").isdigit():
        return _spelled_year(word)
    word = word.strip("'")
    y = int(word)
    if len(word) == 2:
        y += 2000 if y < 50 else 1900
    return y


def _spelled_year(words: str) -> int:
    w = re.sub(r"[\s-]+", " ", words.lower().replace(" and ", " ")).strip()
    if w.startswith("two thousand"):
        return 2000 + int(nb.words_to_number(w[12:]) or 0) if w[12:].strip() else 2000
    head, _, rest = w.partition(" ")
    rest = re.sub(r"^(?:hundred|oh|zero)\s+", "", rest)
    return int(nb.words_to_number(head) or 0) * 100 + int(nb.words_to_number(rest) or 0)


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


_OFFSET = {"this": 0, "current": 0, "next": 1, "coming": 1, "upcoming": 1, "following": 1, "last": -1,
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
    y = _rel_year(m, ref) or _infer_year(mon, day, ref, tense)
    d = _safe_date(y, mon, day)
    if d is None and (mon, day) == (2, 29):  # the nearest leap year, on the tense's side
        step = 1 if tense == "future" else -1
        d = next(dt.date(y + step * k, 2, 29) for k in range(1, 8) if calendar.isleap(y + step * k))
    return _iso(d) if d else None


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


def _r_year_range(m, ref, tense):
    a = int(m["y"])
    b = m["y2"]
    b = int(b) if len(b) == 4 else a // 100 * 100 + int(b)
    if len(m["y2"]) == 2 and b > a + 10:
        return _NOT_A_DATE  # "2015-32" is no season or fiscal year
    return f"{a}/{b}" if a < b <= a + 100 else None


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
        base = _add_months(ref.replace(day=1), _OFFSET.get((m["mod"] or "this").lower(), 0))
        y, mon = base.year, base.month
    days = [d for d in range(1, calendar.monthrange(y, mon)[1] + 1) if dt.date(y, mon, d).weekday() == wd]
    k = -1 if n == "last" else (nb.ordinal_value(n) or 1) - 1
    return _iso(dt.date(y, mon, days[k])) if k < len(days) else None


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
    n = _VAGUE_DAYS[unit]
    return _interval(ref - dt.timedelta(days=n), ref)


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


def _r_day_range_rel(m, ref, tense):
    """"from 4 to 22 this month", "between 3 and 12 next month": days of a relative month."""
    if ref is None:
        return None
    base = _add_months(ref.replace(day=1), _OFFSET.get(m["mod"].lower(), 0))
    a = _safe_date(base.year, base.month, _day(m["d"]) or 0)
    b = _safe_date(base.year, base.month, _day(m["d2"]) or 0)
    return _interval(a, b) if a and b and a < b else None


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


def _easter(y: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(y, month, day + 1)


def _nth_weekday(y: int, month: int, wd: int, n: int) -> dt.date:
    """The n-th (or, for -1, the last) given weekday of a month."""
    if n < 0:
        last = _month_end(y, month)
        return last - dt.timedelta(days=(last.weekday() - wd) % 7)
    first = dt.date(y, month, 1)
    return first + dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))


# Holidays of the English-speaking news: fixed days, US Monday holidays, and Easter's moveables.
_HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "christmas eve": lambda y: dt.date(y, 12, 24), "christmas": lambda y: dt.date(y, 12, 25),
    "boxing day": lambda y: dt.date(y, 12, 26), "new year's eve": lambda y: dt.date(y, 12, 31),
    "new year": lambda y: dt.date(y, 1, 1), "valentine's day": lambda y: dt.date(y, 2, 14),
    "st patrick's day": lambda y: dt.date(y, 3, 17), "independence day": lambda y: dt.date(y, 7, 4),
    "halloween": lambda y: dt.date(y, 10, 31), "veterans day": lambda y: dt.date(y, 11, 11),
    "armistice day": lambda y: dt.date(y, 11, 11), "remembrance day": lambda y: dt.date(y, 11, 11),
    "may day": lambda y: dt.date(y, 5, 1), "labour day": lambda y: dt.date(y, 5, 1),
    "earth day": lambda y: dt.date(y, 4, 22), "juneteenth": lambda y: dt.date(y, 6, 19),
    "april fools' day": lambda y: dt.date(y, 4, 1), "all saints' day": lambda y: dt.date(y, 11, 1),
    "bastille day": lambda y: dt.date(y, 7, 14), "canada day": lambda y: dt.date(y, 7, 1),
    "martin luther king day": lambda y: _nth_weekday(y, 1, 0, 3),
    "presidents day": lambda y: _nth_weekday(y, 2, 0, 3),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "columbus day": lambda y: _nth_weekday(y, 10, 0, 2),
    "mother's day": lambda y: _nth_weekday(y, 5, 6, 2),
    "father's day": lambda y: _nth_weekday(y, 6, 6, 3),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "black friday": lambda y: _nth_weekday(y, 11, 3, 4) + dt.timedelta(days=1),
    "cyber monday": lambda y: _nth_weekday(y, 11, 3, 4) + dt.timedelta(days=4),
    "easter": _easter, "good friday": lambda y: _easter(y) - dt.timedelta(days=2),
    "easter monday": lambda y: _easter(y) + dt.timedelta(days=1),
    "ash wednesday": lambda y: _easter(y) - dt.timedelta(days=46),
    "pentecost": lambda y: _easter(y) + dt.timedelta(days=49),
}
_HOLIDAY_RX = (r"(?P<h>christmas(?:\s+(?:eve|day))?|xmas|boxing\s+day|new\s+year['’]?s?(?:\s+(?:eve|day))?|"
               r"valentine['’]?s?\s+day|(?:st\.?|saint)\s+patrick['’]?s?(?:\s+day)?|independence\s+day|"
               r"hall?owe['’]?en|veterans['’]?\s+day|armistice\s+day|remembrance\s+day|may\s+day|"
               r"labou?r\s+day|earth\s+day|juneteenth|april\s+fools['’]?\s+day|all\s+saints['’]?\s+day|"
               r"bastille\s+day|canada\s+day|(?:martin\s+luther\s+king(?:\s+jr\.?)?|mlk)\s+day|"
               r"presidents['’]?\s+day|memorial\s+day|columbus\s+day|mother['’]?s\s+day|"
               r"father['’]?s\s+day|thanks\s?giving(?:\s+day)?|black\s+friday|cyber\s+monday|"
               r"easter(?:\s+(?:sunday|monday))?|good\s+friday|ash\s+wednesday|pentecost)")


def _holiday_key(name: str) -> str:
    w = re.sub(r"\s+", " ", name.lower().replace("’", "'"))
    w = re.sub(r"^(?:st\.?|saint) patrick'?s?(?: day)?$", "st patrick's day", w)
    w = re.sub(r"^(?:martin luther king(?: jr\.?)?|mlk) day$", "martin luther king day", w)
    w = re.sub(r"^new year'?s?(?: day)?$", "new year", w)
    w = re.sub(r"^new year'?s? eve$", "new year's eve", w)
    w = re.sub(r"^thanks ?giving(?: day)?$", "thanksgiving", w)
    w = {"xmas": "christmas", "christmas day": "christmas", "thanksgiving day": "thanksgiving",
         "easter sunday": "easter", "hallowe'en": "halloween", "haloween": "halloween",
         "labour day": "labour day", "veterans' day": "veterans day", "presidents' day": "presidents day",
         "mothers day": "mother's day", "fathers day": "father's day"}.get(w, w)
    w = re.sub(r"^valentine'?s? day$", "valentine's day", w)
    w = re.sub(r"^(april fools|all saints)'? day$", lambda k: k[1] + "' day", w)
    return w


def _r_holiday(m, ref, tense):
    """"Christmas", "Thanksgiving 2023", "next Easter", "last new year's day"."""
    rule = _HOLIDAYS.get(_holiday_key(m["h"]))
    if rule is None:
        return None
    if m["y"]:
        return _iso(rule(_year(m["y"])))
    if ref is None:
        return None
    mod = (m["mod"] or "").lower()
    if mod in ("next", "following", "coming", "upcoming"):
        return _iso(next(rule(y) for y in (ref.year, ref.year + 1) if rule(y) > ref))
    if mod in ("last", "previous", "past"):
        return _iso(next(rule(y) for y in (ref.year, ref.year - 1) if rule(y) < ref))
    if mod == "this":
        return _iso(rule(ref.year))
    day = rule(ref.year)
    y = _infer_year(day.month, day.day, ref, tense)
    return _iso(rule(y))


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


def _r_week_number(m, ref, tense):
    if ref is None:
        return None
    try:
        monday = dt.date.fromisocalendar(ref.year, int(m["wn"]), 1)
    except ValueError:  # week 53 of a year with 52
        return None
    return _interval(monday, monday + dt.timedelta(days=6))


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


# --------------------------------------------------------------------------- patterns
# Each entry: (trigger kinds it needs, pattern, resolver). Kinds: d digit, m month name,
# w weekday name, h holiday name, r other time words (see dates._TRIGGER); a pattern runs only
# on text windows holding one of its kinds. Order matters only for equal-length overlaps: the longest match wins.

_PATTERNS: list[tuple[str, re.Pattern, Resolver]] = [
    ("m", _rx(rf"(?P<d>{_DAYNUM})\s*[-/]\s*(?P<mon>{_MON})\s*[-/]\s*(?P<y>{_YEAR})"), _r_mdy),
    ("m", _rx(rf"(?P<y>{_YEAR})\s*[-/]\s*(?P<mon>{_MON})\s*[-/]\s*(?P<d>{_DAYNUM})"), _r_mdy),
    ("m", _rx(rf"(?P<mon>{_MON})\s*(?:-|–|to|through|until)\s*(?P<mon2>{_MON}),?\s*(?P<y>{_YEAR})"), _r_month_range),
    ("d", _rx(rf"(?P<y>{_YEAR})\s*-?\s*Q(?P<q>[1-4])(?P<half>)\b"), lambda m, r, t: _r_quarter(m, r, t)),
    ("w", _rx(rf"(?:the\s+)?(?P<n>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+(?P<wd>{_WD_FULL})\s+"
         rf"(?:of|in)\s+(?:(?P<mod>this|next|last|previous)\s+month|(?P<mon>{_MON})(?:\s+(?P<y>{_YEAR}))?)"),
     _r_nth_weekday),
    # "the second Sunday": of the reference's month
    ("w", _rx(rf"(?:the\s+)?(?P<n>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?P<wd>{_WD_FULL})(?P<mon>)(?P<mod>)"
         rf"(?!\s+(?:of|in|after|before|since|following|prior)\b)"), _r_nth_weekday),
    ("m", _rx(rf"(?:(?:from|between)\s+)?(?:{_WD},?\s+)?(?P<mon>{_MON})\s*(?:the\s+)?(?P<d>{_DAY}){_SEP}(?:(?P<mon2>{_MON})\s*)?"
         rf"(?:the\s+)?(?P<d2>{_DAY})(?:,?\s*(?P<y>{_YEAR}))?(?:,?\s+(?P<rely>last|next|this)\s+year)?"), _r_md_range),
    ("m", _rx(rf"(?:from\s+(?:the\s+)?(?P<d>{_DAY}){_SEP}|between\s+(?:the\s+)?(?P<db>{_DAY})\s+and\s+|(?P<dc>{_DAYNUM}){_SEP})"
         rf"(?:the\s+)?(?P<d2>{_DAY})\s+(?:of\s+)?(?P<mon>{_MON})(?P<mon2>)"
         rf"(?:,?\s*(?P<y>{_YEAR}))?(?:,?\s+(?P<rely>last|next|this)\s+year)?"), _r_md_range),
    ("m", _rx(rf"(?:{_WD},?\s+)?(?P<mon>{_MON})[\s/-]*(?:the\s+)?(?P<d>{_DAY})(?:\s*,?\s*(?:(?:of|in)\s+)?|[-/])(?P<y>{_YEAR}|'\d\d|{_YEAR_W})"),
     lambda m, r, t: _r_mdy(_Fix(m, y=m["y"].lstrip("'")), r, t)),
    ("m", _rx(rf"(?:{_WD},?\s+)?(?:the\s+)?(?P<d>{_DAY})\.?\s+(?:of\s+|day\s+of\s+)?(?P<mon>{_MON}),?\s*(?:(?:of|in)\s+)?(?P<y>{_YEAR}|{_YEAR_W})"),
     _r_mdy),
    ("d", _rx(r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?<![\d.])(?P<y>(?:1[0-9]|20)\d\d)(?P<s>[-/.])(?P<mo>0?[1-9]|1[0-2])(?P=s)(?P<d>0?[1-9]|[12]\d|3[01])(?![\d])"),
     _r_iso),
    ("d", _rx(r"(?<![\d.])(?:(?<!\d-)(?=\d{1,2}-)|(?!\d{1,2}-))(?P<a>\d{1,2})(?P<sep>[/.-]|\s/\s)(?P<b>\d{1,2})(?:(?P=sep)|,)(?P<y>(?:19|20)\d\d|\d\d)(?![\d/.-]\d)"),
     _r_numeric),
    ("m", _rx(rf"(?:{_WD},?\s+)?(?P<mon>{_MON})(?:[/-]|\s*|,\s*(?=\d{{1,2}}(?:st|nd|rd|th)\b))(?:the\s+)?(?P<d>{_DAY}){_NOT_QTY}(?!\s*[-–]\s*\d)(?:,?\s+(?P<rely>last|next|this)\s+year)?"), _r_md),
    ("m", _rx(rf"(?:{_WD},?\s+)?(?:the\s+)?(?P<d>{_DAY})\.?(?:\s+of\s+|\s*[-/]?\s*)(?P<mon>{_MON})(?:,?\s+(?P<rely>last|next|this)\s+year)?"), _r_md),
    ("w", _rx(rf"(?P<wd>{_WD}),?\s+(?:the\s+(?P<d>{_DAY})|(?P<d1>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)|{_ORDW}\b|"
         rf"(?:[12]\d|3[01]|0?[1-9])(?=\s*(?:[,.;!?)]|$))))"),
     lambda m, r, t: _r_weekday_day(_Fix(m, d=m["d"] or m["d1"]), r, t)),
    ("m", _rx(rf"(?:(?P<part>early|mid|late|the\s+(?:end|beginning|start|middle)\s+of)[-\s]+)?"
         rf"(?P<mon>{_MON})(?:,?\s*(?:(?:of|in)\s+)?|[-/])(?P<y>{_YEAR}|{_YEAR_W})"),
     lambda m, r, t: _part_of_month(_year(m["y"]), _month(m["mon"]), m["part"])),
    ("m", _rx(rf"(?P<y>{_YEAR})\s*(?:,\s*|[-/]\s*|\s+)(?P<mon>{_MON})(?!\s*\d)"), _r_month_year),
    # "2016-04" (a month), but "2002 - 03" and "the 2002-03 season" are two years (see _keep)
    ("d", _rx(r"(?<![\d.,/-])(?P<y>(?:19|20)\d\d)\s*[-/]\s*(?P<mo>0?[1-9]|1[0-2])(?![\d/-]|\.\d)(?P<mon>)"
         r"(?!\s+(?:season|school|academic|fiscal|financial|term|campaign|budget|winter|year)\b)"), _r_month_year),
    ("d", _rx(r"(?<![\d.,/-])(?P<mo>0?[1-9]|1[0-2])\s*[-/]\s*(?P<y>(?:19|20)\d\d)(?![\d/-])(?P<mon>)"), _r_month_year),
    ("m", _rx(r"(?:(?:(?P<mod>last|next|this|coming|past|previous)\s+)|"
         r"(?P<part>early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)[-\s]+)?"
         r"(?:(?<=mid-)|(?<![\w-]))(?P<mon>january|february|march|april|may|june|july|august|september|october|"
         r"november|december|jan\.|feb\.|aug\.|sept?\.|oct\.|nov\.|dec\.|(?P<abbr>jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec))(?![\w-])(?:,?\s+(?P<rely>last|next|this)\s+year)?"), _r_month),
    ("r", _rx(r"(?:fiscal(?:\s+year)?|FY|financial\s+year)\s*'?(?P<y>(?:19|20)?\d\d)\b"), _r_fiscal),
    ("d", _rx(rf"(?:(?P<part>early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)[-\s]+)"
         rf"(?P<y>{_YEAR})(?!['\u2019]?s\b)"), _r_year),
    ("d", _rx(rf"(?P<lead>\b(?:in|since|by|until|till|from|through|during|before|after|of|for|and|to|year|between)\s)"
         rf"(?P<part>)(?P<y>{_YEAR})(?![-–/]\d)(?!\s+(?:[a-z]+\s+)?(?:people|troops|soldiers|[a-z]+s)\b)"),
     _r_year),
    ("d", _rx(r"(?<![\d$£€¥.,])(?<!\d-)(?P<y>(?:19|20)\d\d)\s*(?:-|–|~|/|to|through)\s*(?P<y2>(?:19|20)?\d\d)(?![\d%])(?!-\d)"),
     _r_year_range),
    ("d", _rx(r"(?:the\s+)?(?:mid\s*-\s*|early\s+|late\s+)?(?P<y>1[0-9]\d0|20\d0)['\u2019]?s\b"), _r_decade),
    # "the '70s", "the 70s": a decade of the last century (not "their 70s", an age).
    ("d", _rx(r"the\s+(?:mid-|early\s+|late\s+)?['\u2019]?(?P<y>[2-9]0)'?s\b"),
     lambda m, r, t: _r_decade(_Fix(m, y="19" + m["y"]), r, t)),
    ("d", _rx(r"(?<![\w'])['\u2019]?(?P<y>[2-9]0)['\u2019]s\b"), lambda m, r, t: _r_decade(_Fix(m, y="19" + m["y"]), r, t)),
    ("r", _rx(r"the\s+(?:(?P<c>nineteen|eighteen|twenty)[\s-]+)?(?:mid[\s-]|early\s+|late\s+)?(?P<dw>twenties|thirties|forties|"
         r"fifties|sixties|seventies|eighties|nineties|tens|noughties|two\s+thousands)\b"), _r_decade_words),
    ("r", _rx(r"(?:over|on|at|during|for)\s+the\s+(?P<unit>weekend)"), _r_the_weekend),
    ("r", _rx(r"(?:the\s+)?(?:rest|remainder|remaining)\s+(?:of\s+)?(?:the\s+|this\s+|my\s+)?(?P<unit>week|month|year)\b"),
     _r_rest_of),
    ("r", _rx(r"\b(?:(?:the\s+)?year[-\s]to[-\s]date|YTD)\b"),
     lambda m, r, t: _interval(dt.date(r.year, 1, 1), r) if r else None),
    ("r", _rx(r"the\s+(?P<unit>week|month|year|weekend)\s+after\s+(?:the\s+)?next"),
     lambda m, r, t: _period_value(m["unit"].lower(), r, 2) if r else None),
    ("r", _rx(rf"(?:the\s+)?(?P<c>\d{{1,2}}(?:st|nd|rd|th)|{_ORDW})[\s-]+century"), _r_century),
    ("r", _rx(r"(?:the\s+day\s+(?:before\s+yesterday|after\s+(?:tomorrow|tmrw)))|\b(?:today|tonight|"
         r"yesterday|tomorrow|tmrw|(?:the\s+)?next\s+day|last\s+night|this\s+(?:morning|afternoon|evening))\b"),
     _r_dayword),
    ("w", _rx(rf"(?:(?P<mod>this\s+past|this\s+(?:up)?coming|this|next|last|past|(?:up)?coming|previous|following)\s+)?(?:on\s+)?(?P<wd>{_WD_FULL})"
         rf"(?:\s+(?:morning|afternoon|evening|night))?(?:,?\s+(?:of\s+)?(?P<wk>next|last|this)\s+week)?"),
     _r_weekday),
    ("w", _rx(rf"(?:(?P<mod>this|next|last|past|coming|previous)\s+week\s+(?:on\s+)?)(?P<wd>{_WD_FULL})(?P<wk>)"),
     _r_weekday),
    ("r", _rx(r"(?:(?P<part>early|mid|late|earlier(?!\s+this)|(?:the\s+)?(?:beginning|start|end|middle)\s+of(?:\s+the)?)[-\s]+)?"
         r"(?P<mod>this|next|last|past|coming|upcoming|previous|current|following)\s+"
         r"(?:(?:fiscal|financial|calendar|school|academic)\s+)?(?P<work>work(?:ing)?\s*)?"
         r"(?P<unit>week(?:end)?|month|year|quarter|decade)\b"), _r_rel_period),
    ("r", _rx(rf"(?:the\s+)?(?P<dir>past|last|previous|next|coming|following)\s+(?P<n>{_NUMW})\s+quarters\b"), _r_quarters),
    ("r", _rx(rf"(?:(?P<dur>{_DUR})|(?P<unit>{_UNITW}))\s+ago\b"), _r_ago),
    ("r", _rx(rf"(?:(?P<within>within|(?:in\s+)?less\s+than)\s+(?:the\s+next\s+)?|in\s+)?(?P<dur>{_DUR})\s+(?:(?:from|after|before)\s+(?P<anchor>now|today|tomorrow|tmrw|yesterday)"
         rf"|later|hence|in\s+the\s+future)\b"), _r_later),
    ("r", _rx(rf"\bin\s+(?P<dur>{_DUR})(?P<anchor>)(?!\s+(?:ago|of|time|since|before|after))"), _r_in_future),
    ("r", _rx(rf"(?:within|in|over|during|for)\s+the\s+(?P<dir>past|last|next|coming|upcoming|previous|following)\s+"
         rf"(?:(?P<dur>{_DUR})|(?P<unit>{_UNITW}))"
         rf"|(?:within|(?:the\s+)?(?P<dir2>next|past|last|previous|coming|upcoming|following))\s+(?P<dur2>{_DUR})"),
     lambda m, r, t: _r_within(_Fix(m, dur=m["dur"] or m["dur2"], dir=m["dir"] or m["dir2"]), r, t)),
    ("r", _rx(r"(?:in\s+)?recent\s+(?P<unit>days|weeks|months|years)"), _r_recent),
    ("r", _rx(r"(?P<el>earlier|later)\s+(?:this|in\s+the)\s+(?P<unit>week|month|year)"), _r_earlier_later),
    ("r", _rx(r"(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+|(?P<mod>this|next|last)\s+)?(?P<unit>week|month|year)\b"), _r_end_of),
    ("r", _rx(rf"(?:the\s+)?(?P<q>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+(?:(?P<half>half)|quarter)"
         rf"(?:(?:\s+of)?\s+(?:fiscal\s+)?(?P<y>{_YEAR})|\s+of\s+(?P<rely>next|last|this)\s+(?:fiscal\s+)?year)?"
         rf"(?!\s+of\s+(?!(?:fiscal\s+)?(?:\d|the\s+(?:fiscal\s+)?year|this\s+year|fiscal)))"), _r_quarter),
    ("r", _rx(rf"\b(?:Q(?P<q>[1-4])|(?P<half>H)(?P<qh>[12]))(?:\s*|\s+of\s+)(?:FY\s*)?(?P<y>{_YEAR}|'?\d\d)?\b"),
     lambda m, r, t: _r_quarter(_Fix(m, q=m["q"] or m["qh"], y=(m["y"] or "").lstrip("'") or None), r, t)),
    ("r", _rx(rf"(?:(?P<mod>this|next|last|past|coming)\s+)?(?P<s>spring|summer|autumn|fall|winter)"
         rf"(?:\s+(?:of\s+)?(?P<y>{_YEAR})|(?!\s+(?:of\s+)?[a-z]))"), _r_season),
    ("d", _rx(rf"\bon\s+the\s+(?P<d>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))(?:\s+of\s+(?P<mod>this|next|last)\s+month\b|{_NO_NOUN})"),
     _r_day_only),
    # "the 20th of next month", "the 15th day of the month", "the 21st this month"
    ("r", _rx(rf"(?:the\s+)?(?P<d>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)|{_ORDW}\b)(?:\s+day)?\s+(?:of\s+)?"
         rf"(?P<mod>this|next|last|the)\s+month\b"), _r_day_only),
    # "for the 27th", "until the 3rd", "on the twenty-first": a day of the month by itself.
    ("d", _rx(rf"(?P<lead>\b(?:on|for|by|until|till|since|before|after|from|around|of)\s)the\s+"
         rf"(?P<d>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th){_NO_NOUN}|"
         rf"(?:[12]\d|3[01]|0?[1-9])(?=\s*(?:[.!?]|$))|{_ORDW}(?=\s*(?:[.!?]|$)))(?P<mod>)"), _r_day_only),
    ("r", _rx(rf"(?:(?:from|between)\s+)?(?:the\s+)?(?P<d>{_DAYNUM}|{_ORDW}\b)\s*(?:-|to|till|until|through|and)\s*(?:the\s+)?"
         rf"(?P<d2>{_DAYNUM}|{_ORDW}\b)\s+(?:of\s+|in\s+)?(?P<mod>this|next|last)\s+month\b"), _r_day_range_rel),
    # "on 4/22", "until 22/04", "friday 5/12": a month and day without year, after a cue.
    ("d", _rx(rf"(?P<lead>\b(?:on|by|until|till|since|from|before|after|between|to|through|due|dated|{_WD_FULL}),?\s+)"
         r"(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)(?![\d/])"), _r_numeric_md),
    ("d", _rx(rf"(?<![\d/.])(?P<a>[01]?\d)/(?P<b>[0-3]?\d)\s*(?:-|to|through|until)\s*(?P<a2>[01]?\d)/(?P<b2>[0-3]?\d)"
         rf"(?:(?:/|,\s*)(?P<y>{_YEAR}))?(?![\d/])"), _r_numeric_md_range),
    ("hr", _rx(rf"(?:(?P<mod>next|last|this|previous|following|coming|upcoming|past)\s+)?{_HOLIDAY_RX}"
         rf"(?:,?\s+(?:of\s+)?(?P<y>{_YEAR})|(?!\s+(?!(?:day|eve|weekend|holidays?|break|period|season|and|or|to|"
         rf"through|until|in|on|at|of|this|that|last|next|with|when|for|is|was|were|will|would|he|she|they|we|it|i)\b)[a-z]))"),
     _r_holiday),
    ("r", _rx(rf"(?P<lead>\b(?:in|since|by|until|till|from|through|during|before|after|of|year)\s)(?P<part>)(?P<y>{_YEAR_W})"),
     _r_year),
    # "20161016": a compact date (file names, datelines)
    ("d", _rx(r"(?<![\d.,])(?P<y>(?:19|20)\d\d)(?P<mo>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?![\d.,])"), _r_iso),
    # "week 31": an ISO week of the reference's year ("week 3 of 2027" is composed in dates.py)
    ("r", _rx(r"\b(?:the\s+)?week\s+(?P<wn>[1-9]|[1-4]\d|5[0-3])\b(?!\s*(?:of|in|[-:.,]\s*\d)\b)"), _r_week_number),
    # "by year-end", "at month-end", "mid-month", "midweek": parts of the current period
    ("r", _rx(r"\b(?:(?P<unit>year|month|quarter)[-\s]end|mid[-\s]?(?P<unit2>week|month|year))\b"),
     lambda m, r, t: _part_of_now(m["unit"] or m["unit2"], "late" if m["unit"] else "mid", r)),
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


