"""Number words, digit strings and sentence bounds shared by the quantity and date extractors.

Everything here is pure string work over precompiled tables: no model, no I/O.
"""

from __future__ import annotations

import bisect
import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}
# Abbreviated scales as news writes them after a number: "$6.3bn", "£300m", "5k".
SCALE_ABBREV = {
    "k": 1e3, "K": 1e3, "thousand": 1e3, "m": 1e6, "M": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6,
    "million": 1e6, "b": 1e9, "B": 1e9, "bn": 1e9, "bln": 1e9, "billion": 1e9, "t": 1e12,
    "T": 1e12, "tn": 1e12, "trn": 1e12, "trillion": 1e12, "lakh": 1e5, "crore": 1e7,
    "lakh crore": 1e12,
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}
# Denominators of spelled fractions: "one sixth", "two thirds", "three halves".
FRACTION_WORDS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}
VULGAR = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅛": 0.125}

_WORD_ALT = "|".join(sorted([*UNITS, *TENS, "hundred", "thousand", "million", "billion",
                             "trillion", "dozen"], key=len, reverse=True))
# A run of number words ("two hundred and forty", "twenty-one", "a hundred and two").
NUMBER_WORDS_RE = (
    rf"(?:\b(?:a|an)\s+(?=(?:hundred|thousand|million|billion|trillion|dozen)\b))?"
    rf"\b(?:{_WORD_ALT})\b(?:(?:\s*-\s*|\s+(?:and\s+|&\s+)?|,\s+)(?:{_WORD_ALT})\b){{0,8}}"
)
_WORD_TOKEN = re.compile(rf"\b(?:{_WORD_ALT}|a|an)\b", re.IGNORECASE)


def words_to_number(phrase: str) -> float | None:
    """Value of a spelled-out number ("two hundred and forty", "twenty-one"); None if not one."""
    total = 0.0
    current = 0.0
    seen = False
    for word in _WORD_TOKEN.findall(phrase.lower()):
        if word in ("a", "an"):
            current = current or 1
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        else:  # thousand and larger close a group
            total += (current or 1) * SCALES[word]
            current = 0
        seen = True
    return total + current if seen else None


def parse_digits(raw: str) -> float | None:
    """Value of a digit string with thousands separators: "1,500,000", "10 000", "2.80"."""
    s = raw.strip().replace("\u2212", "-").replace("\u2009", "").replace("\u202f", "")
    if re.fullmatch(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
        s = s.replace(",", "")
    elif re.fullmatch(r"[-+]?\d{1,3}(?: \d{3})+(?:\.\d+)?", s):
        s = s.replace(" ", "")
    try:
        return float(s)
    except ValueError:
        return None


def ordinal_value(word: str) -> int | None:
    """Day number of an ordinal: "21st" -> 21, "twenty-first" -> 21, "third" -> 3."""
    w = word.lower().replace("-", " ").strip()
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", w)
    if m:
        return int(m.group(1))
    parts = w.split()
    if len(parts) == 1:
        return ORDINALS.get(w) or UNITS.get(w) or TENS.get(w)
    if len(parts) == 2 and parts[0] in TENS:
        tail = ORDINALS.get(parts[1]) or UNITS.get(parts[1])
        return TENS[parts[0]] + tail if tail and tail < 10 else None
    return None


# --------------------------------------------------------------------------- sentences

def sentence_bounds(text: str, doc=None) -> list[tuple[int, int]]:
    """(start, end) of each sentence: the one splitter every extractor shares (see entities)."""
    from crosswire.extract.entities import sentence_spans

    return sentence_spans(text, doc)


MAX_SENTENCE = 1000  # a "sentence" longer than this is run-on debris: quote a window of it


class SentenceIndex:
    """Finds the sentence holding a character offset, by bisection."""

    def __init__(self, text: str, doc=None):
        self.text = text
        self.bounds = sentence_bounds(text, doc)
        self._starts = [b[0] for b in self.bounds]
        self._cache: dict[tuple[int, int], str] = {}

    def around(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return (0, len(self.text))
        return self.bounds[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Bounds of the sentence(s) holding ``start:end``, clipped to a window when huge."""
        s0, _ = self.around(start)
        _, e1 = self.around(max(start, end - 1))
        e1 = max(e1, end)
        if e1 - s0 > MAX_SENTENCE:
            s0 = max(s0, start - MAX_SENTENCE // 2)
            e1 = min(e1, max(end, s0 + MAX_SENTENCE))
        return s0, e1

    def sentence(self, start: int, end: int | None = None) -> str:
        """The verbatim sentence around ``start:end``; repeated calls share one string."""
        key = self.span(start, start + 1 if end is None else end)
        got = self._cache.get(key)
        if got is None:
            got = self._cache[key] = self.text[key[0]:key[1]]
        return got
