"""Reading one number into a candidate quantity: its unit or counted noun, an age, its qualifier."""

from __future__ import annotations

import re

from crosswire.extract import quantity_context as ctx
from crosswire.extract.count_nouns import _count_noun_doc, _count_noun_rule
from crosswire.extract.non_amounts import _MAGNITUDE_BEFORE
from crosswire.extract.quantity_atoms import _Atom, _Cand, _scaled
from crosswire.extract.unit_match import _currency_before, _per_after, _unit_after
from crosswire.extract.units import (
    UNIT_CLASS,
    _CURRENCY_WORD_RE,
    _DATE_PREP_BEFORE,
    _QUALIFIERS,
    _QUAL_RE,
    _SENTENCE_WORDS,
    _YEARLIKE,
)


_PLUS_MINUS = re.compile(r"\s*(?:±|\+/-|\+-)\s*(?:\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|\.\d+)")


_TALLY_AFTER = re.compile(r"\s*(?:[-–]|to)\s*\d{1,3}\b(?![-–.,]\d)")


def _after_named_body(doc, word_start: int, a: _Atom) -> bool:
    """"the Senate 51-49": the parse puts the name and the number in separate entities, the
    name a body (ORG, GPE, NORP) and the number not a product or title ("Boeing 737")."""
    if doc is None:
        return False
    word = doc.char_span(word_start, word_start + 1, alignment_mode="expand")
    num = doc.char_span(a.start, a.num_end or a.end, alignment_mode="expand")
    if word is None or num is None or not len(word) or not len(num):
        return False
    w, n = word[0], num[0]
    if w.ent_type_ not in ("ORG", "GPE", "NORP") or n.ent_iob_ == "I":
        return False
    return n.ent_type_ in ("", "CARDINAL", "DATE", "QUANTITY") \
        and _TALLY_AFTER.match(doc.text, a.end) is not None


# "3.5m people", "2bn users", "5m euros": a scale letter before a counted plural or a currency.
_COUNTED_AFTER = re.compile(
    r"\s+(?:(?:[A-Z][\w.]*|new|more|young|old|local|foreign|active|other|registered)\s+)?"
    r"(?!(?:metres|meters|miles|feet|tall|high|long|wide|deep)\b)"
    r"(?:[a-z]{3,}[^s\W]s|people|children|men|women|euros|dollars|pounds|yen|yuan)\b")


_TIMES_PER = re.compile(r"\s+times\s+(?:per|a|an|each|every)\s+(day|week|month|year|hour|minute)\b",
                        re.IGNORECASE)
_MULTIPLIER = re.compile(
    r"\s*-?\s*(?:times|fold)\s+(?:the|as|that|those|more|less|fewer|higher|lower|larger|"
    r"smaller|bigger|greater|faster|slower|longer|over|its|their|his|her)\b", re.IGNORECASE)
_MINUS_BEFORE = re.compile(r"\bminus\s+$")
_HALF_A = re.compile(r"\b[Hh]alf\s+$")
_AGED_BEFORE = re.compile(r"\b(?:aged|age)\s+$", re.IGNORECASE)
_NAME_COMMA_BEFORE = re.compile(
    r"(?:\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Ww]hose)\s+"
    r"(?P<kin>(?!(?:year|month|week|day|time|end|case|total|number|sum|rate|figure)s?,)[a-z]{3,})"
    r"|\b[A-Z][a-z][\w'’-]*),\s$")


def _is_age(text: str, a: _Atom, doc) -> bool:
    """An age given bare: "aged 72", or the news apposition "Jane Doe, 33, said"."""
    if not re.fullmatch(r"\d{1,3}", a.raw) or not 0 < a.value < 120:
        return False
    if _AGED_BEFORE.search(text, max(0, a.start - 6), a.start):
        return True
    m = _NAME_COMMA_BEFORE.search(text, max(0, a.start - 30), a.start)
    if not m or text[a.end:a.end + 1] != ",":
        return False
    if doc is None or m.group("kin"):
        return True
    prev = doc.char_span(a.start - 3, a.start - 2, alignment_mode="expand")
    return prev is not None and len(prev) > 0 and (prev[-1].pos_ == "PROPN" or prev[-1].ent_type_ == "PERSON")


def _spaced_minus(text: str, start: int) -> int | None:
    """Where a minus sign written apart from its number ("to - 20 degrees") starts. A dash
    after a number is a range ("10 - 20"), one glued to a word a prefix ("mid-20")."""
    m = re.search(r"-\s*$", text[max(0, start - 3):start])
    if not m:
        return None
    dash = max(0, start - 3) + m.start()
    if dash > 0 and not text[dash - 1].isspace():
        return None
    before = text[:dash].rstrip()
    return dash if not before or not (before[-1].isdigit() or before[-1] in "%°") else None


def _read(text: str, a: _Atom, doc) -> _Cand | None:
    if a.is_words and a.raw.lower() == "zero" and text[max(0, a.start - 9):a.start].lower() == "absolute ":
        return _Cand(a.start - 9, a.end, 0.0, "K", atom=a)  # a temperature, named
    cur = _currency_before(text, a.start)
    if len(a.scale_text) == 1 and not cur and a.scale_text != "k" \
            and not _COUNTED_AFTER.match(text, a.end):
        # "573.15K", "300m", "1500b": a unit symbol, not a scale, unless money comes first. A
        # "K" that no sentence word makes kelvin or memory is a thousand before a counted noun
        # ("80K fans") and otherwise a name like "5G" ("4K video", "the 10K race").
        if a.scale_text == "K" and not ctx.read_k(text, a.num_end, a.end):
            if _count_noun_rule(text, a.end, 2.0) is None:
                return None
        else:
            a = _Atom(a.start, a.num_end, a.value, 1.0, "", a.is_words, a.raw, a.num_end)
    start = cur[1] if cur else a.start
    amount = _scaled(a.value, a.scale)
    if _MINUS_BEFORE.search(text, max(0, start - 7), start) and amount > 0:
        amount, start = -amount, text.rindex("minus", max(0, start - 7), start)  # "minus 5C"
    half = _HALF_A.search(text, max(0, a.start - 6), a.start) if a.is_words else None
    if half and a.raw.lower().split()[0] in ("a", "an"):
        amount, start = amount / 2, half.start()  # "half a million people"
    has_digits = not a.is_words
    unit = None
    end = a.end
    if cur:
        unit = cur[0]
        # "$6.3 billion dollars" / "US$ 5 bn USD" would repeat the unit: swallow it.
        m = _CURRENCY_WORD_RE.match(text, end)
        if m and m.group(0).strip().lower() in ("dollars", "usd", "dollar"):
            end = m.end()
    else:
        # "2,000.45±0.01 pounds": the uncertainty is part of the reading, the unit follows it.
        pm = _PLUS_MINUS.match(text, end) if has_digits else None
        if pm:
            end = pm.end()
        got = _unit_after(text, end, a.scale != 1, has_digits, a.start, a.value)
        if got:
            unit, _, end, mult = got
            amount = float(f"{amount * mult:.12g}") if mult != 1 else amount  # 3 * 0.1 is 0.3
            per = _per_after(text, end, unit)
            if per:
                unit, end = per
            elif UNIT_CLASS.get(unit) == "time" and text.startswith("-old", end):
                end += 4  # "a 33-year-old man": an age
            if UNIT_CLASS.get(unit) == "temperature" and amount > 0:
                dash = _spaced_minus(text, start)
                if dash is not None:
                    amount, start = -amount, dash  # "convert - 20 degrees fahrenheit"
    if unit is None and has_digits:
        mag = _MAGNITUDE_BEFORE.search(text, max(0, start - 20), start)
        if mag and a.value <= 10:  # "a magnitude 6.1 earthquake", "magnitude-7.0"
            unit, start = "magnitude", mag.start()
        elif a.scale == 1 and _is_age(text, a, doc):
            unit = "years"  # "John Smith, 33, was", "aged 72": an age
    if unit is None:
        freq = _TIMES_PER.match(text, end)
        if freq:  # "four times per week", "three times a day": a frequency
            unit, end = f"times/{freq.group(1).lower()}", freq.end()
        elif _MULTIPLIER.match(text, end):
            return None  # "three times the legal limit": a ratio between amounts, not an amount
    if unit is None:
        noun = _count_noun_doc(doc, a.start, a.end) if doc is not None else None
        if noun is None and doc is None:
            noun = _count_noun_rule(text, a.end, amount)
        if noun and _YEARLIKE.fullmatch(a.raw) and (
                not noun[0].endswith("s") or _DATE_PREP_BEFORE.search(text[max(0, a.start - 12):a.start])):
            return None  # "the 2025 meeting", "in 2024 elections": a year, not a count
        if noun:
            unit = noun[0]
            end = noun[1]
    # Spelled "one"/"a" alone is a pronoun or article far more often than a number.
    if a.is_words and unit is None and (a.value == 1 and a.scale == 1):
        return None
    if unit is None and not cur and has_digits and a.scale == 1:
        if _YEARLIKE.fullmatch(a.raw):
            return None  # a bare year
        cap_before = re.search(r"\b([A-Z][\w.]*)\s+$", text[max(0, a.start - 25):a.start])
        if cap_before and cap_before.group(1).lower().rstrip(".") not in _SENTENCE_WORDS \
                and not _after_named_body(doc, cap_before.start(1) + max(0, a.start - 25), a):
            return None  # "Article 5", "Boeing 737", "Voyager 2": a name, not an amount
    return _qualify(text, _Cand(start, end, amount, unit, scaled=a.scale != 1,
                                currency_prefix=bool(cur), atom=a))


# "edged up to 4.1%": "up" belongs to the verb; "to" only marks the new level.
_VERB_UP = re.compile(r"\b(?:\w+ed|rose|went|grew|crept|shot|is|are|was|were|has|have)\s+$",
                      re.IGNORECASE)
# "50 billion euros over four years": "over" spans a period there, it does not bound an amount.
_PERIOD_OVER = re.compile(r"\b(?:for|of|after|lasted|lasting|took|taking|spent|aged|than)\s+$",
                          re.IGNORECASE)


def _qualify(text: str, c: _Cand) -> _Cand:
    """Take "about", "more than", "up to" ... right before the quantity into it."""
    q = _QUAL_RE.search(text[max(0, c.start - 30):c.start])
    if q:
        head = text[max(0, c.start - len(q.group(0)) - 20):c.start - len(q.group(0))]
        word = q.group(0).split()[0].lower()
        if word == "up" and _VERB_UP.search(head):
            return c
        if word == "over" and UNIT_CLASS.get(c.unit or "") == "time" and not _PERIOD_OVER.search(head):
            return c
        for i, (_, label) in enumerate(_QUALIFIERS):
            if q.group(f"q{i}") is not None:
                c.qualifier = label
                c.start -= len(q.group(0))
                break
    return c
