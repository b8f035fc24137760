"""Date vocabulary: month and weekday names, regex fragments, and readers of their words."""

from __future__ import annotations

import calendar
import re

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


_OFFSET = {"this": 0, "current": 0, "next": 1, "coming": 1, "upcoming": 1, "following": 1, "last": -1,
           "past": -1, "previous": -1, "prior": -1}
