"""Quantities in news text: money, percentages, counts and measured amounts.

The engine is rule-based (precompiled regexes over the raw text plus number words), so it runs
without a model; a spaCy ``Doc`` of the same text, when given, sharpens three things: sentence
bounds, the counted noun ("50,000 U.S. troops" -> ``troops``) and the ``measure`` (what is
measured, read off the dependency tree). Years, dates, times, model names ("F-35", "G7") and
ordinals are not quantities and are skipped.

What counts as a quantity (a news claim extractor's choice, not a unit parser's):
- a bare number is reported when it counts something ("51-49", "a crew of 18"), but a year
  ("since 1979", "the 1960s") and a number that is part of a name ("Voyager 2", "Boeing 737",
  "English 101") is not: it is no claim anyone could dispute;
- a length of time is a quantity ("three weeks", "over the past 10 years"), a point in time is a
  date and belongs to the dates extractor ("three weeks ago");
- an age is a quantity in years ("a 33-year-old", "Jane Doe, 41,", "aged 72");
- a rate of a physical unit carries both units ("15 mg/L", "60 miles an hour" -> "mph"), money
  keeps its ISO code ("$80 per barrel" -> USD) so two reports of one price stay comparable;
- amounts are in the unit as written, with scale words applied ("1.5 tonnes" -> 1.5 "t",
  "3.5m people" -> 3,500,000), except pence and cents, which are hundredths of their currency;
- a multiplier is a ratio between amounts, not an amount ("three times the legal limit");
- a symbol that names several units is read from its sentence (``quantity_context``): "2.1 pm"
  is picometres and "2 pm" a time; "4 K" is kelvin only beside heat, "32K word memory" is
  memory, "4K video" a name; "1500 b" is bits on a network and "12 b" barns in physics.

The stages, in order: ``quantity_atoms`` finds the numbers as written, ``non_amounts`` skips
those that are no amounts, ``quantity_read`` (with ``unit_match`` and ``count_nouns``) reads each
into a candidate, ``quantity_ranges`` joins neighbours, ``quantity_measure`` says what is measured.
"""

from __future__ import annotations

import re

from crosswire.extract import numbers as nb
from crosswire.extract.dates import date_spans
from crosswire.extract.non_amounts import _skip_atom
from crosswire.extract.quantity_atoms import _Cand, _atoms
from crosswire.extract.quantity_measure import _measure_doc, _measure_rule, _share_of, _stuff_of
from crosswire.extract.quantity_ranges import _drop_run_on_numbers, _merge_money_parts, _merge_ranges
from crosswire.extract.quantity_read import _HALF_A, _is_age, _qualify, _read
from crosswire.extract.unit_match import _unit_after
from crosswire.extract.units import UNIT_CLASS
from crosswire.models import QuantityMention


MAX_TEXT = 2_000_000  # articles are hostile input: bound the work
MAX_MENTIONS = 5_000


# "a gallon of milk", "a mile away", "not a penny more": one of a unit named by its article. Only
# units whose "a <unit>" is an amount, not an idiom ("a pound" coin, "an inch" given, "a ton of").
_A_UNIT = re.compile(
    r"\b[Aa]n?\s+(?P<u>gallon|lit(?:re|er)|mile|kilomet(?:re|er)|kilogram|tonne|"
    r"penny|cent|dollar|euro|ounce|acre|hectare|kilowatt[- ]hour|(?:kilo|mega|giga|tera|kibi|mebi|"
    r"gibi|tebi)byte)\b(?![- ](?:a|an|per)\b|-)")
_A_UNIT_VALUE = {"penny": (0.01, "GBP"), "cent": (0.01, "USD"), "dollar": (1.0, "USD"),
                 "euro": (1.0, "EUR")}


def _one_unit(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Quantities of one unit said with an article ("a gallon", "half a mile", "a penny")."""
    out = []
    ends = {c.end for c in cands}
    for m in _A_UNIT.finditer(text):
        if len(out) >= MAX_MENTIONS:
            break
        k = m.start()
        while k > 0 and text[k - 1] in " \t":
            k -= 1
        if k in ends:
            continue  # "1.91 euros a litre": the rate of the amount before
        if re.search(r"(?:\d|%|\b(?:per|times|twice|once|thrice))\s*$", text[max(0, m.start() - 12):m.start()]):
            continue  # "$4 a gallon", "twice a month": a rate, not one of a unit
        word = m.group("u").lower().replace(" ", "-")
        amount, unit = _A_UNIT_VALUE.get(word, (1.0, None))
        if unit is None:
            got = _unit_after(text, m.start("u") - 1, False, True)
            if got is None:
                continue
            unit = got[0]
        start, end = m.start(), m.end()
        half = _HALF_A.search(text, max(0, start - 6), start)
        if half:
            amount, start = amount / 2, half.start()  # "half a mile"
        elif text.startswith(" and a half", end):
            amount, end = amount * 1.5, end + 11  # "a mile and a half"
        out.append(_qualify(text, _Cand(start, end, amount, unit)))
    return out


# --------------------------------------------------------------------------- public


def extract_quantities(text: str, doc=None) -> list[QuantityMention]:
    """Every quantity in ``text``, with offsets, base-unit amount, unit, qualifier and measure."""
    text = text[:MAX_TEXT]
    if doc is not None and (len(doc.text) != len(text) or not doc.has_annotation("DEP")):
        doc = None  # another text (offsets would not line up) or no parse to read
    spans = date_spans(text)
    starts = [s for s, _ in spans]

    def date_cover(s: int, e: int) -> tuple[int, int] | None:
        import bisect

        i = bisect.bisect_right(starts, s) - 1
        return next((spans[j] for j in (i, i + 1)
                     if 0 <= j < len(spans) and spans[j][0] < e and s < spans[j][1]), None)

    cands: list[_Cand] = []
    for a in _atoms(text)[:MAX_MENTIONS]:
        if cands and a.start < cands[-1].end:
            continue  # already read as part of the previous quantity ("5 ± 0.1 kg", "a 5 km/h")
        if _skip_atom(text, a, date_cover):
            continue
        c = _read(text, a, doc)
        if c is not None:
            cands.append(c)
    cands = _drop_run_on_numbers(text, cands)
    ones = _one_unit(text, cands)
    if ones:
        merged: list[_Cand] = []
        for c in sorted(cands + ones, key=lambda c: (c.start, -c.end)):
            if not merged or c.start >= merged[-1].end:
                merged.append(c)  # "a mile and a half" holds "a half": one quantity, not two
        cands = merged
    cands = _merge_ranges(text, _merge_money_parts(text, cands))
    sents = nb.SentenceIndex(text, doc)
    out: list[QuantityMention] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        m = _to_mention(text, c, doc, sents)
        # "9.9 trillion yen ($70 billion)": the bracketed amount is the same fact in another unit.
        j = i + 1
        while j < len(cands) and re.fullmatch(r"\s*[(\[]\s*(?:or\s+|about\s+|around\s+|roughly\s+)?",
                                              text[c.end:cands[j].start]) \
                and re.match(r"\s*[)\]]", text[cands[j].end:]) and cands[j].unit \
                and c.unit and cands[j].unit != c.unit:
            m.alternatives.append(_to_mention(text, cands[j], doc, sents))
            j += 1
        out.append(m)
        i = j
    return out


def _to_mention(text: str, c: _Cand, doc, sents: nb.SentenceIndex) -> QuantityMention:
    s0, _ = sents.span(c.start, c.end)
    measure = _measure_doc(doc, c) if doc is not None else _measure_rule(text, c, s0)
    share = _share_of(text, c, doc)
    if share:
        measure = f"{measure}, {share}" if measure and measure != share else share
    if measure is None and c.unit and (c.unit in UNIT_CLASS or "/" in c.unit) \
            and UNIT_CLASS.get(c.unit) not in ("percent", "time"):
        measure = _stuff_of(text, c)  # "300 millimetres of rain", "5 pounds of flour"
    if c.unit == "years" and (
            text.startswith("-old", c.end - 4) or c.atom is not None and _is_age(text, c.atom, None)):
        measure = "age"
    if measure and len(measure) > 80:
        measure = measure[:80]
    return QuantityMention(
        text=text[c.start:c.end], start=c.start, end=c.end, amount=float(c.amount), unit=c.unit,
        measure=measure or None, qualifier=c.qualifier, upper=c.upper,
        sentence=sents.sentence(c.start, c.end),
    )
