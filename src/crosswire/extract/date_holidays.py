"""Holidays of the English-speaking news and the resolver that dates them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from crosswire.extract.date_values import _infer_year, _iso, _month_end
from crosswire.extract.date_words import _year


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
