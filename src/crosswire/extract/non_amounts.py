"""Numbers that are no amounts: dates, years, names and model numbers, codes, ordinals, times."""

from __future__ import annotations

import re

from crosswire.extract import numbers as nb
from crosswire.extract import quantity_context as ctx
from crosswire.extract.quantity_atoms import _Atom
from crosswire.extract.unit_match import _INCH, _currency_before, _unit_after
from crosswire.extract.units import _CURRENCY_WORD_RE, _ORDINAL_AFTER, _TIME_AFTER, _UNIT_RE


# "several dozen", "a baker's dozen", "a square dozen": no stated count of twelve
_VAGUE_DOZEN = re.compile(r"(?:\b(?:several|few|many|some|square|half)|'s|’s|-)\s*$", re.IGNORECASE)
_DURATION_AFTER = re.compile(
    r"\s*-?\s*(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centur(?:y|ies))\b"
    r"(?!\s+(?:ago|earlier|later|before|after|from\s+now|hence|back|previously|prior)\b)",
    re.IGNORECASE)
_POINT_WORD = re.compile(r"\b(?:ago|earlier|later|before|after|hence|back|previously|prior)\b",
                         re.IGNORECASE)


def _measured_adjective(text: str, a: _Atom) -> bool:
    """"six-mile", "three-ton": a spelled number joined to a physical unit by a hyphen."""
    if not text.startswith("-", a.end):
        return False
    got = _unit_after(text, a.end, False, False, a.start, a.value)
    return got is not None and got[1] not in (None, "time", "currency", "percent", "data")


_YEAR_PREP = re.compile(r"\b(?:in|since|by|until|till|during|through|before|after|from|year|"
                        r"fiscal|FY|early|late|mid)\s*-?\s*$", re.IGNORECASE)


def _year_with_unit(text: str, a: _Atom, cover: tuple[int, int]) -> bool:
    """"a package of 1500 b": a four-digit number read as a year is an amount when a unit
    symbol (not a lone capital, which may start a name) follows it and no date word leads."""
    if cover != (a.start, a.end) or a.is_words or _YEAR_PREP.search(text, max(0, a.start - 12), a.start):
        return False
    got = _unit_after(text, a.end, False, True, a.start, a.value)
    return got is not None and got[1] not in (None, "time", "currency") \
        and not re.match(r"\s*[A-Z]\b", text[a.end:a.end + 3])


# Words that name a thing by the number after them ("Windows 10 users", "Apollo 11 crew"):
# the number is part of the name, not a count of what follows.
_NAME_HEADS = frozenset(
    "windows apollo boeing airbus route interstate highway section article flight channel formula "
    "chapter gate terminal platform resolution proposition amendment iphone playstation xbox galaxy "
    "pixel ubuntu android ios macos version vision agenda".split())
_NAMED_NUMBER = re.compile(r"(?:(?<=\s)|^)([A-Z][A-Za-z]*)\s+$")
# "a third" as a count ("critically injuring a third"), not a share ("a third of", "by a third")
_SHARE_AFTER = re.compile(r"\s*(?:of|more|less|fewer|as|than|larger|smaller|higher|lower|bigger|cheaper)\b",
                          re.IGNORECASE)
_SHARE_BEFORE = re.compile(r"\b(?:by|about|nearly|almost|over|roughly|than|only|just|around|some|least|"
                           r"most|barely|under|fully|to|and|or)\s+$", re.IGNORECASE)
_SCORE = re.compile(r"\d+\s*[-\u2013]\s*\d+\s+(?:win|victory|defeat|loss|draw|lead|triumph|upset|scoreline)\b",
                    re.IGNORECASE)


# A phone number: a trunk prefix ("0845", "0800") or a country code ("+44") and digit groups.
_PHONE = re.compile(r"(?:\+\d{1,3}|(?<![\d.,])0\d{2,4})(?:[ \u00a0.-]\d{2,8}){1,4}(?![\d.,]\d)")


def _in_phone_number(text: str, a: _Atom) -> bool:
    lo = max(0, a.start - 24)
    return any(m.start() <= a.start and a.end <= m.end() for m in _PHONE.finditer(text, lo, a.end + 24))


def _named_number(text: str, a: _Atom) -> bool:
    """"AK 47 rifles", "Windows 10 users", "MH 370": a number closing a name."""
    if a.is_words or not re.fullmatch(r"\d{1,4}", a.raw):
        return False
    m = _NAMED_NUMBER.search(text, max(0, a.start - 24), a.start)
    if not m:
        return False
    word = m.group(1)
    if _currency_before(text, a.start) is not None:
        return False  # "USD 100", "Rs 500"
    caps = word.isupper() and 1 < len(word) <= 4 and word not in ("US", "UK", "EU", "UN", "USA")
    return caps or word.lower() in _NAME_HEADS


def _skip_atom(text: str, a: _Atom, date_cover) -> bool:
    before = text[max(0, a.start - 2):a.start]
    after = text[a.end:a.end + 12]
    if _named_number(text, a):
        return True
    if not a.is_words and _in_phone_number(text, a):
        return True  # "call 0845 125 2222", "+44 20 7946 0958"
    if a.raw.lower() in ("a third", "a quarter", "a fourth", "a fifth") and not _SHARE_AFTER.match(text, a.end) \
            and not _SHARE_BEFORE.search(text, max(0, a.start - 10), a.start):
        return True  # "killing two co-workers and injuring a third": the third of them
    if _SCORE.match(text, a.start) or _SCORE.search(text, max(0, a.start - 8), a.end + 30) \
            and re.search(r"\d\s*[-\u2013]\s*$", text[max(0, a.start - 4):a.start]):
        return True  # "a 2-1 win": a score
    if re.match(r"\s*(?:-\s*)?plus\b", after, re.IGNORECASE) \
            or re.search(r"\bplus\s*-?\s*$", text[max(0, a.start - 6):a.start], re.IGNORECASE):
        return True  # "two-plus-two": a name for a format, not an amount
    cover = date_cover(a.start, a.end)
    if cover and (not _DURATION_AFTER.match(text, a.end) or _POINT_WORD.search(text, *cover)) \
            and not _year_with_unit(text, a, cover):
        return True  # a date; but "(the last) three weeks" is a length of time, a quantity
    if not a.is_words:
        if before.endswith(("^", ":")):
            return True  # an exponent ("km^2") or the minutes of a time ("7:41")
        if re.fullmatch(r"0\d+", a.raw):
            return True  # "0845": a code or a phone number, not an amount
        if re.search(r"[A-Za-z][-\u2212]?$", before) and _currency_before(text, a.start) is None \
                and not _MAGNITUDE_BEFORE.search(text, max(0, a.start - 12), a.start):
            return True  # F-35, G7, COVID-19, MH17
        if re.search(r"\b[A-Za-z]+\d+[-\u2212]$", text[max(0, a.start - 12):a.start]):
            return True  # "SCP2-173", "A320-200": the second part of a code
        if re.match(r"[+×x*^]\d|\+", after) or re.search(r"\d\+$", before):
            return True  # 2+2, 4x4
        if _ORDINAL_AFTER.match(after) \
                or _TIME_AFTER.match(after) and not ctx.pm_is_length(text, a.start, a.end, a.raw):
            return True  # "21st", "7 pm"; but "2.123 pm" is no clock time: picometres
        if re.match(r"[A-Za-z]{2,}", after) and not _UNIT_RE.match(text, a.end) and not _INCH.match(after) \
                and not _CURRENCY_WORD_RE.match(after):
            return True  # 5G, 3D, 737MAX
    else:
        low = a.raw.lower()
        if low.split()[0].split("-")[0] in nb.SCALES or low == "dozen" and _VAGUE_DOZEN.search(
                text, max(0, a.start - 12), a.start):
            return True  # "several hundred years", "hundred" alone: not a stated amount
        if low in ("one", "a", "an") or low.startswith("one ") and a.scale == 1 and "hundred" not in low \
                and "thousand" not in low:
            return False  # decided later: needs a unit
        if a.scale == 1 and re.search(r"\b(?:the|this|that|no|any|every|each|some)\s+$",
                                      text[max(0, a.start - 6):a.start], re.IGNORECASE) \
                and not _measured_adjective(text, a):
            return True  # "the two", "that one"; but "the six-mile trip" measures the trip
    return False


_MAGNITUDE_BEFORE = re.compile(r"\b[Mm]agnitude(?:\s*-\s*|\s+(?:of\s+)?)$")
