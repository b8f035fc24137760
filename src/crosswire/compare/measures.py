"""What a figure counts: the vocabulary of measures news reports compare.

A quantity alone ("24", "200 people") says little about what it measures; the words around it
do ("24 dead", "injuring 200", "a death toll of 11"). :func:`measure_of` reads them and names
the measure in plain words, so two reports' figures are compared only when they count the same
thing — the dead with the dead, never the dead with the injured — and a discrepancy can say
what it is about ("number of people killed") rather than a stem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosswire.extract.units import UNIT_CLASS
from crosswire.models import QuantityMention

_ISO_CURRENCY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Measure:
    """A measured thing: ``key`` compares, ``label`` is what a reader is told."""

    key: str
    label: str


# (key, label, cue words). A cue is a word within a few words of the number, the predicate of
# the event whose argument holds the number, or the quantity's own measure phrase. Order
# matters: the first class whose cue is found wins ("killed" before "people").
_CLASSES: list[tuple[str, str, tuple[str, ...]]] = [
    ("dead", "number of people killed", (
        "dead", "death", "deaths", "died", "die", "dies", "dying", "kill", "killed", "killing", "kills",
        "fatalities", "fatality", "lives", "bodies", "perished", "toll", "murdered", "drowned",
    )),
    ("injured", "number of people injured", (
        "injured", "injuring", "injure", "injures", "injuries", "wounded", "wounding", "wound", "hurt",
        "hospitalised", "hospitalized", "casualties",
    )),
    ("missing", "number of people missing", ("missing", "unaccounted")),
    ("arrested", "number of people arrested", (
        "arrested", "arrest", "arrests", "arresting", "detained", "detain", "detaining", "custody",
        "apprehended", "captured", "capture", "nabbed",
    )),
    ("evacuated", "number of people evacuated or displaced", (
        "evacuated", "evacuate", "evacuating", "evacuation", "displaced", "homeless", "fled", "flee",
    )),
    ("rescued", "number of people rescued", ("rescued", "rescue", "rescuing", "saved")),
    ("crowd", "number of people protesting", (
        "marched", "march", "marches", "marchers", "marching", "protesters", "protestors", "demonstrators",
        "rally", "rallied", "rallies", "protest", "protests", "protested", "protesting", "demonstration",
        "demonstrations", "demonstrated", "crowd", "crowds", "streets",
    )),
    ("population", "population", ("population", "inhabitants", "populated", "home")),
    ("magnitude", "magnitude", ("magnitude", "richter")),
    ("depth", "depth", ("depth", "deep")),
    ("prison", "prison term", (
        "prison", "jail", "jailed", "sentence", "sentenced", "imprisonment", "behind bars", "probation",
    )),
    ("age", "age", ("age", "aged", "year-old", "years old")),
    ("votes", "vote count", ("votes", "vote", "voted", "ballots")),
    ("seats", "number of seats", ("seats", "seat")),
    ("buildings", "number of buildings damaged or destroyed", (
        "houses", "homes", "buildings", "structures", "dwellings",
    )),
]
_CUE = {w: (k, label) for k, label, words in _CLASSES for w in words}
_WORD = re.compile(r"[a-z][a-z\-]*")
_ASIDE = re.compile(r"^\s*\([^()]{0,30}\d[^()]{0,30}\)")
# the place a distance is told from: "... (700 miles) south-east of Tehran, the capital"
_PLACE_AFTER = re.compile(
    r"\s*(?:[a-z\-]+\s+){0,2}?(?:of|from)\s+(?:the\s+)?((?:[A-Z][\w'\u2019\-]*)(?:\s+[A-Z][\w'\u2019\-]*){0,2})")
_BREAK = re.compile(r"[,;:()]|\b(?:and|or|but|while|whereas|as well as)\b")
_CASUAL = ("dead", "injured", "missing", "arrested", "evacuated", "rescued")
_COUNTS = _CASUAL + ("votes", "seats", "buildings", "population", "crowd")
_PROTESTERS = ("protesters", "protestors", "demonstrators", "marchers")
# "20,000 people took to the streets": the crowd verb is past the number's first words
_TO_THE_STREETS = re.compile(r"^\s*(?:[a-z]+\s+){0,2}?(?:took|take|takes|taking|poured|pour|flooded|spilled)\s+(?:in)?to\s+the\s+streets")
_DIRECTIONS = frozenset("north south east west northeast northwest southeast southwest north-east north-west "
                        "south-east south-west from away off".split())
_TERMS = ("years", "year", "months", "month", "days", "day", "weeks", "week")
_DURATIONS = _TERMS + ("hours", "hour", "minutes", "minute")
_BUILDINGS = ("houses", "homes", "buildings", "structures", "dwellings", "house", "home", "building")


def _is_count(unit: str) -> bool:
    """A head count: no unit, or a plain noun ("people", "pirates"), not a unit of measure."""
    return not unit or (unit not in UNIT_CLASS and unit != "%" and not _ISO_CURRENCY.match(unit)
                        and unit not in _TERMS and unit != "magnitude")


def _cue(words: list[str]) -> tuple[str, str] | None:
    for w in words:
        hit = _CUE.get(w)
        if hit:
            return hit
    return None


_KIN = frozenset("mother father parent grandmother grandfather family mom mum dad".split())
_AGENT_CUES = frozenset("accused charged suspected convicted arrested jailed sentenced blamed who".split())


def measure_of(q: QuantityMention, sentence: str, start: int, predicate: str | None = None) -> Measure | None:
    """The measure ``q`` counts in ``sentence`` (``start``: offset of ``q`` in it), or None.

    ``predicate`` is the lemma of the event whose argument holds the number ("kill" for
    "killing at least five people"), the strongest cue there is.
    """
    unit = q.unit or ""
    measure = (q.measure or "").lower()
    if unit == "magnitude" or "magnitude" in measure:
        return Measure("magnitude", "magnitude")
    if measure == "age" or (unit in ("years", "year") and "age" in measure.split()):
        return Measure("age", "age")
    # a cue belongs to the number's own phrase: a comma or a conjunction starts another one
    # ("seven villages and killing 10 people": "killing" counts the people, not the villages)
    rest = sentence[start + len(q.text):start + len(q.text) + 60].lower()
    # a conversion in brackets ("1,150 kilometers (700 miles) southeast of") is the same figure:
    # the words after it are the figure's own
    rest = _ASIDE.sub("", rest, count=1)[:40]
    after = _WORD.findall(_BREAK.split(rest, 1)[0])[:4]
    before = _WORD.findall(_BREAK.split(sentence[max(0, start - 40):start].lower())[-1])[-4:]
    if predicate and float(q.amount).is_integer():
        hit = _cue([predicate.lower(), predicate.lower() + "ed"])
        if hit and hit[0] in _CASUAL:
            # the parser may hang "wounding two others" on "killing" (a conjunction of verbs):
            # another toll's cue in the number's own phrase says what it counts
            local = _cue(list(reversed(before))) or _cue(after[:2])
            if local and local[0] in _CASUAL and local[0] != hit[0]:
                return Measure(*local)
            return Measure(*hit)
    if len(before) >= 2 and before[-1] == "of" and before[-2] in _KIN:
        return None  # "killing a mother of 12": her children are counted, not the dead
    own = _WORD.findall(measure)
    # the words right after the number first ("24 dead"), then its measure, then those before
    # ("a death toll of 11", "killing at least five")
    hit = _cue(after[:2]) or _cue(own) or _cue(list(reversed(before)))
    if hit is None and not _AGENT_CUES & set(after[:2]):
        # "two men accused of killing": the number counts who did it, not whom it befell
        hit = _cue(after[2:])
    if hit is None and (_TO_THE_STREETS.match(rest) or unit.lower() in _PROTESTERS):
        hit = _CUE["streets"]  # "... took to the streets", "5,000 protesters"
    if hit and hit[0] == "prison" and unit not in _TERMS:
        hit = None  # "sentenced 23 people" counts people, not a term
    if hit and hit[0] in _COUNTS and not _is_count(unit):
        hit = None  # "15 miles", "170,000-square-foot": a length or an area is not a head count
    if hit and hit[0] in _COUNTS and not float(q.amount).is_integer():
        hit = None  # "a 6.7-strength quake killed 26,000": a head count is a whole number
    if hit and hit[0] in ("magnitude", "depth") and unit and _is_count(unit):
        hit = None  # "a 5.9 magnitude quake leveled seven villages": the villages are counted
    if hit and hit[0] == "buildings" and unit.lower() not in _BUILDINGS:
        hit = None
    if hit:
        return Measure(*hit)
    if UNIT_CLASS.get(unit) == "length" and any(w in _DIRECTIONS for w in after[:3]):
        # "1,500 km south of Tehran": a distance from a named place is keyed by that place, so
        # only distances from one place are set against each other
        place = _PLACE_AFTER.match(_ASIDE.sub("", sentence[start + len(q.text):start + len(q.text) + 100], count=1))
        if place:
            return Measure(f"distance:{place.group(1).lower()}", f"distance from {place.group(1)}")
        return Measure("distance", "distance")
    if _ISO_CURRENCY.match(unit):
        what = f" ({measure})" if measure else ""
        # the currency is the key: what the sum is for is told by the sentences, which must agree
        return Measure(f"money:{unit}", f"amount of money{what}")
    if unit == "%":
        # like a sum, a share is keyed by its unit alone: the extractor reads a measure phrase in
        # one telling ("stocks plunged 5.4 per cent") and none in another ("stocks closed down 3.9
        # percent"), so only nearly the same sentence can say two shares are one (discrepancies._related)
        return Measure("percent", f"percentage ({measure})" if measure else "percentage")
    if unit in _DURATIONS:
        # one key for every length of time: the extractor's measure phrase for it is whatever
        # words are near ("a four year spell", "with his mum for the past three years"); which
        # stay two durations are one is for the sentences to tell (discrepancies._related)
        return Measure("duration", "length of time")
    if measure and unit:
        return Measure(f"{unit}:{measure}", f"{measure} ({unit})")
    if unit:
        return Measure(f"count:{unit.lower()}", f"number of {unit.lower()}")
    return None


# Factors to one base unit per class, so "200ft" and "about 60m" are one figure.
_FACTORS = {
    "km": 1000, "m": 1, "cm": 0.01, "mm": 0.001, "mi": 1609.344, "ft": 0.3048, "yd": 0.9144, "in": 0.0254,
    "nmi": 1852, "km/h": 1, "mph": 1.609344, "knots": 1.852, "kg": 1, "g": 0.001, "t": 1000, "lb": 0.45359237,
    "km2": 1e6, "m2": 1, "ha": 1e4, "acres": 4046.856, "mi2": 2.589988e6, "ft2": 0.09290304,
}
# durations, in days
_FACTORS.update({u: f for names, f in ((("years", "year"), 365.25), (("months", "month"), 30.44),
                                        (("weeks", "week"), 7), (("days", "day"), 1),
                                        (("hours", "hour"), 1 / 24), (("minutes", "minute"), 1 / 1440))
                 for u in names})


def in_base_unit(amount: float, unit: str | None) -> tuple[str, float] | None:
    """(class, amount in the class's base unit) for a convertible unit, else None."""
    factor = _FACTORS.get(unit or "")
    if factor is None:
        return None
    return UNIT_CLASS.get(unit, "time" if unit in _DURATIONS else unit or ""), amount * factor
