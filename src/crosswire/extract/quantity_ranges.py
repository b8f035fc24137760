"""Neighbouring candidates: ranges ("3 to 5 percent"), one unit for a list, run-on digits."""

from __future__ import annotations

import re

from crosswire.extract.quantity_atoms import _Cand, _scaled
from crosswire.extract.units import UNIT_CLASS, _CHANGE_VERB, _LIST_SEP, _RANGE_SEP, _YEARLIKE


def _merge_ranges(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Join "3 to 5 percent", "$10-$20 million", "between 44 and 50 mg" into one range."""
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        if i + 1 < len(cands):
            n = cands[i + 1]
            gap = text[c.end:n.start]
            sep = _RANGE_SEP.fullmatch(gap)
            word = sep.group(0).strip().lower() if sep else ""
            # The unit comes after the second number ("3 to 5 percent"); two bare numbers joined
            # by a hyphen are a score or a vote ("51-49"), not a range.
            units_fit = c.unit == n.unit or (c.unit is None and n.unit is not None)
            if sep and units_fit and n.qualifier is None \
                    and not (word in ("-", "–", "—") and c.unit is None and n.unit is None):
                lead = text[max(0, c.start - 60):c.start]
                between = re.search(r"\bbetween\s+$", lead, re.IGNORECASE)
                from_change = re.search(r"\bfrom\s+$", lead, re.IGNORECASE) and _CHANGE_VERB.search(lead)
                year_like = c.atom and re.fullmatch(r"(?:19|20)\d\d", c.atom.raw) and c.unit is None
                if (word != "and" or between) and not from_change and not year_like \
                        and (word != "-" or c.atom is None or not c.atom.is_words):
                    lo, hi = c.amount, n.amount
                    if n.scaled and not c.scaled and c.atom:
                        lo = _scaled(c.atom.value, n.atom.scale) if n.atom else lo
                    if n.unit and c.unit is None and n.atom and n.amount and c.atom:
                        lo = c.atom.value * (n.amount / (n.atom.value or 1)) if n.atom.value else lo
                    if hi < lo <= 0 and not from_change:
                        lo, hi = hi, lo  # "from -18 °C to -34 °C": a range of cold, listed warm first
                    if hi >= lo:
                        r = _Cand(c.start, n.end, lo, c.unit or n.unit, c.qualifier, hi,
                                  c.scaled or n.scaled, c.currency_prefix or n.currency_prefix,
                                  c.atom)
                        if between:
                            r.start = c.start - len(between.group(0))
                        out.append(r)
                        i += 2
                        continue
        out.append(c)
        i += 1
    # "45 and 50 mg", "5, 6 or 7 percent": the unit is said once, after the last number.
    for k in range(len(out) - 2, -1, -1):
        c, n = out[k], out[k + 1]
        if c.unit is None and c.atom is not None and not c.atom.is_words and c.atom.scale == 1 \
                and not _YEARLIKE.fullmatch(c.atom.raw) and n.unit in UNIT_CLASS \
                and n.atom is not None and n.atom.scale == 1 and n.upper is None \
                and _LIST_SEP.fullmatch(text[c.end:n.start]):
            c.unit = n.unit
    return out


def _drop_run_on_numbers(text: str, cands: list[_Cand]) -> list[_Cand]:
    """"245 23 yen": two digit strings side by side with no unit or mark between are no
    number anyone wrote (a thousands group has three digits); neither can be read safely."""
    bad: set[int] = set()
    for k in range(len(cands) - 1):
        c, n = cands[k], cands[k + 1]
        if c.atom is None or n.atom is None or c.atom.is_words or n.atom.is_words \
                or c.unit is not None or c.scaled or c.currency_prefix or n.currency_prefix \
                or n.qualifier is not None or re.match(r"\s*-", text[n.atom.end:n.atom.end + 3]):
            continue  # "12 9-mm shell casings": the second number is a modifier of the noun
        if c.end == c.atom.end and re.fullmatch(r"[ \t]+", text[c.end:n.start]) \
                and re.fullmatch(r"\d+", c.atom.raw) and re.match(r"\d", n.atom.raw):
            bad.update((k, k + 1))
    return [c for k, c in enumerate(cands) if k not in bad] if bad else cands


_SUB_UNIT_END = re.compile(r"(?:cents?|pence|penny|pennies|sen)$", re.IGNORECASE)
_MAJOR_UNIT_END = re.compile(r"(?:dollars?|pounds?|euros?|ringgit)$", re.IGNORECASE)
_PHRASE_END = re.compile(r"\s*(?:[.,;:!?)]|$|and\b)")


def _merge_money_parts(text: str, cands: list[_Cand]) -> list[_Cand]:
    """"3 dollars 50 cents", "thirteen dollars and forty-five cents": one sum, said in two units."""
    out: list[_Cand] = []
    for c in cands:
        p = out[-1] if out else None
        if p is not None and p.unit == c.unit and p.upper is None and c.upper is None \
                and c.qualifier is None and not p.scaled and p.amount == int(p.amount) \
                and 0 < c.amount < 1 and _MAJOR_UNIT_END.search(text, p.start, p.end) \
                and _SUB_UNIT_END.search(text, c.start, c.end) \
                and re.fullmatch(r"[ \t]+(?:and[ \t]+)?", text[p.end:c.start]):
            out[-1] = _Cand(p.start, c.end, float(f"{p.amount + c.amount:.12g}"), p.unit,
                            p.qualifier, None, False, p.currency_prefix, p.atom)
            continue
        if p is not None and c.unit is None and p.upper is None and c.upper is None \
                and c.qualifier is None and not p.scaled and not c.scaled \
                and p.amount == int(p.amount) and c.amount == int(c.amount) \
                and 1 <= c.amount < 100 and _MAJOR_UNIT_END.search(text, p.start, p.end) \
                and re.fullmatch(r"[ \t]+(?:and[ \t]+)?", text[p.end:c.start]) \
                and _PHRASE_END.match(text, c.end):
            # "thirteen dollars forty five", "four pounds twenty,": the hundredths said
            # without their unit, closing the phrase (a counted noun after them would not).
            out[-1] = _Cand(p.start, c.end, float(f"{p.amount + c.amount / 100:.12g}"), p.unit,
                            p.qualifier, None, False, p.currency_prefix, p.atom)
            continue
        out.append(c)
    return out
