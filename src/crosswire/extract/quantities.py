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
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from crosswire.extract import numbers as nb
from crosswire.extract import quantity_context as ctx
from crosswire.extract.dates import date_spans
from crosswire.extract.units import (
    _ATOM,
    _CHANGE_VERB,
    _CURRENCY_PREFIX,
    _CURRENCY_WORD_RE,
    _CURRENCY_WORDS,
    _DATE_PREP_BEFORE,
    _LIST_SEP,
    _NOT_COUNT_NOUN,
    _ORDINAL_AFTER,
    _PER_DEN,
    _PER_RE,
    _PLURAL_IRREGULAR,
    _PREFIX_RE,
    _PREFIXED,
    _QUAL_RE,
    _QUALIFIERS,
    _RANGE_SEP,
    _RATE_NAMES,
    _RISKY_SYMBOLS,
    _SENTENCE_WORDS,
    _TIME_AFTER,
    _UNIT_RE,
    _UNITS,
    _YEARLIKE,
    UNIT_CLASS,
    _long_unit,
)
from crosswire.models import QuantityMention

MAX_TEXT = 2_000_000  # articles are hostile input: bound the work
MAX_MENTIONS = 5_000

@dataclass
class _Atom:
    start: int
    end: int
    value: float
    scale: float
    scale_text: str
    is_words: bool
    raw: str
    num_end: int = 0


def _atoms(text: str) -> list[_Atom]:
    out = []
    for m in _ATOM.finditer(text):
        raw = m.group("num")
        if m.group("words"):
            value = nb.words_to_number(raw)
            if re.search(r"and[\s-]+a[\s-]+half$", raw.lower()) and value is not None:
                value += 0.5
        elif m.group("sci"):
            mant, _, power = re.split(r"\s*([x×])\s*", raw, maxsplit=1)
            power = power.replace("\u2212", "-")
            base, exp = power.split("^") if "^" in power else ("10", power[2:])  # "10-5": 10^-5
            if abs(int(exp)) > 300:
                value = None
            elif base == "10":
                value = float(f"{mant}e{int(exp)}")  # 2.48e-05, not 2.4800000000000003e-05
            else:
                value = float(mant) * float(base) ** int(exp)
        elif m.group("sfrac"):
            parts = re.split(r"[\s-]+", raw.lower())
            num = 1 if parts[0] == "a" else nb.UNITS[parts[0]]
            value = num / nb.FRACTION_WORDS[parts[1]]
        else:
            value = _digits_value(raw)
        if value is None:
            continue
        if m.group("neg"):
            value = -value
        scale_txt = (m.group("scale") or "").strip(" -")
        scale = 1.0
        end = m.end()
        if scale_txt:
            single = len(scale_txt) == 1
            if single and (m.group("words") or text[m.end("num"):m.start("scale") + 1].strip() == ""
                           and m.start("scale") != m.end("num")):
                scale_txt, end = "", m.end("num")
            else:
                scale_txt = re.sub(r"\s+", " ", scale_txt)
                scale = nb.SCALE_ABBREV.get(scale_txt, nb.SCALE_ABBREV.get(scale_txt.lower(), 1.0))
        out.append(_Atom(m.start(), end, value, scale, scale_txt, bool(m.group("words")), raw,
                         m.end("num")))
    return out


def _digits_value(raw: str) -> float | None:
    raw = raw.strip()
    for ch, v in nb.VULGAR.items():
        if raw.endswith(ch):
            whole = raw[:-1].strip()
            return (float(whole) if whole else 0.0) + v
    if "/" in raw:
        parts = raw.split()
        num, den = parts[-1].split("/")
        if float(den) == 0:
            return None
        frac = float(num) / float(den)
        return float(parts[0]) + frac if len(parts) == 2 else frac
    return nb.parse_digits(raw)


# --------------------------------------------------------------------------- candidate reading


@dataclass
class _Cand:
    start: int
    end: int
    amount: float
    unit: str | None
    qualifier: str | None = None
    upper: float | None = None
    scaled: bool = False
    currency_prefix: bool = False
    atom: _Atom | None = None


def _currency_before(text: str, start: int) -> tuple[str, int] | None:
    m = _PREFIX_RE.search(text[max(0, start - 6):start])
    if not m:
        return None
    for i, (_, code) in enumerate(_CURRENCY_PREFIX):
        if m.group(f"c{i}") is not None:
            return code, start - (len(m.group(0)))
    return None


_SUFFIX_SYMBOL = re.compile(r"\s?(€|£|¥|\$)")
_SYMBOL_CODE = {"€": "EUR", "£": "GBP", "¥": "JPY", "$": "USD"}
_ANGLE_MARK = re.compile(r"['′\"″](?![\w'\"])")
_FEET_TALL = re.compile(r"['\u2032](?=\s*(?:tall|long|high|wide|deep)\b)")  # "a 6' tall man"
_FOOT_MARK = re.compile(r"['\u2032](?=\s?\d{1,2}(?:\.\d+)?[\"\u2033])")
_QUOTE_NEAR = re.compile('["\u201c\u201d]')
_INCH_MARK = re.compile(r'["″](?![\w"])')
_INCH = re.compile(r"\s+in\b(?=\s*(?:[.,;)]|$|thick|long|wide|tall|deep|high|across))|in\b(?![.'’-]\w)")


def _unit_after(text: str, pos: int, scaled: bool, has_digits: bool, num_start: int = -1,
                value: float = 0.0):
    """(unit, class-or-None, end, multiplier) of a unit right after ``pos``, or None."""
    m = _SUFFIX_SYMBOL.match(text, pos)
    if m and has_digits:
        return _SYMBOL_CODE[m.group(1)], "currency", m.end(), 1.0  # "15€", European style
    m = _ANGLE_MARK.match(text, pos)
    if m and has_digits and num_start >= 0 and ctx.angle_marks(text, num_start, pos, value):
        return ("arcmin" if m.group(0) in "'′" else "arcsec"), "angle", m.end(), 1.0
    m = _FOOT_MARK.match(text, pos) or _FEET_TALL.match(text, pos)
    if m and has_digits:
        return "ft", "length", m.end(), 1.0  # 5'10": feet, then inches
    m = _INCH.match(text, pos) or _INCH_MARK.match(text, pos)
    if m and has_digits and (m.group(0)[-1] not in '"\u2033' or not _QUOTE_NEAR.search(
            text[max(0, pos - 200):pos] + text[pos + 1:pos + 100])):
        return "in", "length", m.end(), 1.0  # '8"', unless other quotation marks are about
    m = _CURRENCY_WORD_RE.match(text, pos)
    if m:
        for i, (_, code) in enumerate(_CURRENCY_WORDS):
            g = m.group(f"w{i}")
            if g is None:
                continue
            if code == "CODE":
                code = g.upper()
            if g.lower().startswith("pound") and "sterling" not in g.lower() and (
                    _POUNDS_OF_GOODS.match(text, m.end()) or not scaled and (
                        g[0] == "-" or not _MONEY_VERB.search(text, max(0, pos - 45), pos)
                        or g.lower().endswith("pound") and _WORD_NEXT.match(text, m.end()))):
                break  # "twenty pound bag", "20 million pounds of beef": mass, not money
            if code == "KRW" and not scaled and not g.lower().startswith("south"):
                break  # "won" is usually the verb
            if code == "USD-cent":
                return "USD", "currency", m.end(), 0.01
            if code in ("USD-dime", "USD-nickel"):
                return "USD", "currency", m.end(), 0.1 if code == "USD-dime" else 0.05
            if code == "GBP-penny":
                return "GBP", "currency", m.end(), 0.01
            return code, "currency", m.end(), 1.0
    m = _UNIT_RE.match(text, pos)
    if m:
        for i, (_, canon, cls) in enumerate(_UNITS):
            g = m.group(f"u{i}")
            if g is None:
                continue
            sym = g.strip()
            if sym in _RISKY_SYMBOLS and not has_digits:
                return None  # "two m", "a t": letters after a spelled number are words
            if sym in ("W", "B", "V") and m.group(0)[0].isspace() and not text.startswith("/", m.end()) \
                    and value == int(value):
                return None  # "5 W", "10 B": street and grade letters more often than units
            if sym in ("in",):
                return None
            if sym == "m" and scaled:
                return None
            if canon in ("K?", "b?", "barn?"):  # the sentence says which unit, if any
                read = {"K?": ctx.read_k, "b?": ctx.read_b, "barn?": ctx.read_barn}[canon](
                    text, pos, m.end())
                return (read[0], read[1], m.end(), 1.0) if read else None
            # Prefixed symbols stay as written ("2.8 GHz", "7.3 MWh"): the scale words of money
            # and counts are what must be normalised, not SI prefixes.
            if canon in _PREFIXED:
                if canon.startswith("bit") and re.fullmatch(r"[kMGT]b(?:ps)?", sym):
                    canon = sym[0] + canon  # "kb" is a kilobit; "Mbps" a megabit per second
                else:
                    canon = sym if not re.search(r"[a-z]{3}", sym) else _long_unit(sym, canon)
            return canon, cls, m.end(), 1.0
    return None


def _per_after(text: str, pos: int, unit: str) -> tuple[str, int] | None:
    """A physical unit made a rate by "per <unit>" or "/<unit>": ("mg/L", end) or None.

    Money keeps its ISO code ("$80 per barrel" is a price in USD): the contract names currencies
    by code, and a rate-of-money unit would stop two reports of one price from being compared.
    """
    if unit not in UNIT_CLASS or UNIT_CLASS[unit] in ("percent", "speed", "flow") or "/" in unit:
        return None
    dens: list[str] = []
    end = pos
    while len(dens) < 2:  # "20 J/m^2 per year": at most two denominators
        m = _PER_RE.match(text, end)
        if not m:
            break
        den = next(d for i, (_, d) in enumerate(_PER_DEN) if m.group(f"d{i}") is not None)
        if den == unit or den in dens:
            break
        dens.append(den)
        end = m.end()
    if not dens:
        return None
    rate = "/".join([unit, *dens])
    return _RATE_NAMES.get(rate, rate), end


# "<n> million pounds of <x>" weighs x unless x is a kind of money.
_POUNDS_OF_GOODS = re.compile(
    r"\s+of\s+(?!(?:the\s+|its\s+|their\s+|new\s+|public\s+|extra\s+|additional\s+)?"
    r"(?:taxpayers?|public|funding|funds?|investment|money|debts?|aid|savings|spending|cash|"
    r"revenues?|sales|damages|loss(?:es)?|profits?|bonds?|contracts?|cuts|support|compensation|"
    r"assets|grants?|loans?|fines?|fees?|income|capital|equity|shares|stock|bonus(?:es)?|"
    r"subsid(?:y|ies)|budget|donations?|winnings|prize|debt|business|orders|deals?|value)\b)"
    r"[a-z]", re.IGNORECASE)
# "several dozen", "a baker's dozen", "a square dozen": no stated count of twelve
_VAGUE_DOZEN = re.compile(r"(?:\b(?:several|few|many|some|square|half)|'s|’s|-)\s*$", re.IGNORECASE)
_DURATION_AFTER = re.compile(
    r"\s*-?\s*(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centur(?:y|ies))\b"
    r"(?!\s+(?:ago|earlier|later|before|after|from\s+now|hence|back|previously|prior)\b)",
    re.IGNORECASE)
_POINT_WORD = re.compile(r"\b(?:ago|earlier|later|before|after|hence|back|previously|prior)\b",
                         re.IGNORECASE)
# "fined 500 pounds", "costs 20 pounds": a small sum of money, not a weight
_MONEY_VERB = re.compile(
    r"\b(?:fined?|fines|pa(?:y|ys|id|ying)|costs?|costing|worth|sp(?:end|ends|ent|ending)|"
    r"rais(?:e|ed|es|ing)|earn(?:s|ed|ing)?|salary|prices?d?|charg(?:e|ed|es|ing)|donat(?:e|ed|ing)|"
    r"bills?|wages?|award(?:ed)?|ow(?:e|ed|es|ing)|sold\s+for|bought\s+for|compensation|"
    r"fee|ticket|refund(?:ed)?|won|stole|stolen)\b[^.;:]*$", re.IGNORECASE)
_WORD_NEXT = re.compile(r"\s+(?!of\b|each\b|a\b|an\b|per\b)[a-z]")  # "a 5 pound bag": an adjective
_PLUS_MINUS = re.compile(r"\s*(?:±|\+/-|\+-)\s*(?:\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|\.\d+)")
_NEXT_WORDS = re.compile(r"[ \t]+([A-Za-z][\w.&'-]*)")


def _count_noun_rule(text: str, pos: int, amount: float) -> tuple[str, int] | None:
    """Counted noun after a bare number without a parse: "three people", "38,000 U.S. service
    members": the first plural-looking word within three words, modifiers skipped."""
    for k in range(3):
        m = _NEXT_WORDS.match(text, pos)
        if not m:
            return None
        word = m.group(1)
        low = word.lower().rstrip(".")
        if low in _NOT_COUNT_NOUN or low in _VERBISH or low.endswith("ing") and k == 0:
            return None
        plural = low in _PLURAL_IRREGULAR or (low.endswith("s") and not low.endswith("ss")
                                              and not word[0].isupper() and len(low) > 3)
        if plural:
            # "3 people." ends a sentence; "U.S." keeps its dot
            return low, m.end() - (word.endswith(".") and word.count(".") == 1)
        if k == 0 and amount == 1 and low in _ONE_NOUNS:
            return low, m.end()
        pos = m.end()
    return None


# Nouns that "one"/"a single" counts in news ("one person was killed"); any other singular
# noun after "one" is a determiner use ("one place", "one day").
_ONE_NOUNS = {"person", "man", "woman", "child", "boy", "girl", "soldier", "officer", "civilian",
              "worker", "student", "patient", "journalist", "migrant", "refugee", "victim"}


def _count_ok(noun: str, plural: bool, number_text: str) -> bool:
    if plural or noun in _PLURAL_IRREGULAR:
        return True
    return number_text.strip().lower() in ("one", "1", "a single", "single") and noun in _ONE_NOUNS


def _count_noun_doc(doc, start: int, end: int) -> tuple[str, int] | None:
    """Counted noun from the parse: the noun the number modifies ("nummod")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for tok in span:
        head = tok.head
        if tok.dep_ in ("nummod", "quantmod", "compound") and head.i > tok.i and head not in span \
                and head.pos_ in ("NOUN",) and head.i - span.end < 4:
            low = head.text.lower()
            if tok.like_num and not _count_ok(low, head.tag_ in ("NNS", "NNPS"), span.text):
                return None
            between = doc[span.end:head.i]
            if low in _NOT_COUNT_NOUN or head.ent_type_ in ("DATE", "TIME") or any(
                    t.like_num or t.is_punct or t.lower_ in ("and", "or", "to", "of") for t in between):
                return None  # "45 and 50 mg ethanol": the noun belongs to the other number
            return low, head.idx + len(head.text)
    return None


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


def _skip_atom(text: str, a: _Atom, date_cover) -> bool:
    before = text[max(0, a.start - 2):a.start]
    after = text[a.end:a.end + 12]
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
                                      text[max(0, a.start - 6):a.start], re.IGNORECASE):
            return True  # "the two", "that one"
    return False


def _scaled(value: float, scale: float) -> float:
    """value * scale without binary noise: 8.2 * 1e12 is 8199999999999.999, "8.2e12" is not."""
    if scale == 1:
        return value
    k = round(math.log10(scale))
    return float(f"{value!r}e{k}") if 10 ** k == scale else value * scale


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


_MAGNITUDE_BEFORE = re.compile(r"\b[Mm]agnitude(?:\s*-\s*|\s+(?:of\s+)?)$")
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


# --------------------------------------------------------------------------- measure

_DET = re.compile(r"^(?:the|a|an|its|their|his|her|our|this|that|these|those|[A-Z]\w+'s|"
                  r"[A-Z]\w+’s)\s+", re.IGNORECASE)
_OF_AFTER = re.compile(r"\s+of\s+((?:[\w'-]+\s+){0,4}[\w'-]+)")
_VERBISH = {"come", "comes", "came", "go", "goes", "went", "rose", "fell", "said", "says", "has",
            "have", "had", "do", "does", "did", "can", "could", "may", "might", "should"}
_NP_STOP = {"and", "or", "but", "which", "that", "with", "to", "in", "on", "at", "by", "for",
            "from", "is", "was", "were", "are", "will", "would", "be", "as", "than", "while"}


def _clean_np(s: str) -> str:
    s = re.sub(r"\s+", " ", s).strip(" ,.;:")
    while True:
        t = _DET.sub("", s)
        if t == s:
            return s
        s = t


def _share_of(text: str, c: _Cand, doc=None) -> str | None:
    """"3.5 percent of GDP" -> "share of GDP"."""
    if c.unit != "%":
        return None
    m = _OF_AFTER.match(text, c.end)
    if not m:
        return None
    np_ = None
    if doc is not None:
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        of = doc.char_span(c.end, m.start(1), alignment_mode="expand")
        if span is not None and of is not None:
            objs = [t for t in of if t.lower_ == "of" for t in t.children if t.dep_ == "pobj"]
            if objs:
                o = objs[0]
                lo = min([o.i] + [t.left_edge.i for t in o.lefts if t.dep_ in ("compound", "amod")])
                np_ = _clean_np(" ".join(t.text for t in doc[lo:o.i + 1]))
    if np_ is None:
        words = []
        for w in m.group(1).split():
            if w.lower() in _NP_STOP or w.lower() in _VERBISH:
                break
            words.append(w)
        np_ = _clean_np(" ".join(words))
    np_ = re.sub(r"(?i)\bgross domestic product\b", "GDP", np_)
    return f"share of {np_}" if np_ else None


_OF_STOP = {"last", "next", "this", "worth", "each", "every", "a", "an", "per", "valued", "said",
            "estimated", "according", "over", "into", "across", "since", "during", "after"}


def _stuff_of(text: str, c: _Cand) -> str | None:
    """What a physical amount is of: "20 million pounds of beef" -> "beef"."""
    m = _OF_AFTER.match(text, c.end)
    if not m:
        return None
    words: list[str] = []
    for w in m.group(1).split()[:3]:
        low = w.lower().strip(",.;:")
        if low in _NP_STOP or low in _VERBISH or low in _OF_STOP or not w[:1].isalpha():
            break
        words.append(w.strip(",.;:"))
        if w[-1] in ",.;:":
            break
    np_ = _clean_np(" ".join(words))
    return np_ or None


def _np_text(tok, exclude: frozenset = frozenset()) -> str:
    """A noun with its compounds/adjectives and a trailing "for/of <np>" ("budget for fiscal 2025")."""
    left = [t for t in tok.lefts if t.dep_ in ("compound", "amod", "nmod") and t.pos_ != "NUM"
            and t.i not in exclude and not any(x.like_num for x in t.subtree)
            and t.ent_type_ not in ("MONEY", "PERCENT", "CARDINAL", "QUANTITY")]
    lo = min([tok.i] + [t.left_edge.i for t in left])
    words = [t.text for t in tok.doc[lo:tok.i + 1]
             if t.dep_ not in ("det", "poss", "case") and t.i not in exclude]
    for p in tok.rights:
        if p.dep_ == "prep" and p.lower_ in ("for", "of", "in") and p.i == tok.i + 1:
            objs = [o for o in p.children if o.dep_ == "pobj"]
            if objs and not any(t.like_num or t.ent_type_ in ("MONEY", "PERCENT", "QUANTITY")
                                for t in objs[0].subtree if t.ent_type_ != "DATE"):
                o = objs[0]
                span = tok.doc[o.left_edge.i:o.right_edge.i + 1]
                if len(span) <= 5:
                    words.append(" ".join(t.text for t in span if t.dep_ not in ("det", "poss")))
    return _clean_np(" ".join(words))


_MEASURE_VERBS = {
    "be", "reach", "total", "stand", "amount", "rise", "fall", "increase", "decrease", "grow",
    "jump", "drop", "climb", "raise", "cut", "boost", "lift", "lower", "hike", "double", "set",
    "exceed", "top", "hit", "account", "equal", "represent", "cost", "slip", "surge", "plunge",
    "decline", "soar", "expand", "shrink", "remain", "come", "average", "near", "approach",
    "estimate", "put", "fix", "cap", "limit", "bring", "push", "keep", "hold",
}
_NOT_MEASURE_ENT = ("GPE", "ORG", "PERSON", "NORP", "MONEY", "PERCENT", "CARDINAL", "QUANTITY",
                    "LOC", "FAC")


def _measure_doc(doc, c: _Cand) -> str | None:
    span = doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None:
        return None
    inside = {t.i for t in span}
    root = span.root
    head = root.head
    # "25% tariff", "a 9.9 trillion yen budget": the quantity modifies a noun.
    if root.dep_ in ("compound", "amod", "nummod", "nmod") and head.i not in inside \
            and head.pos_ == "NOUN" and head.i > root.i:
        return _np_text(head, frozenset(inside))
    hops = 0
    while head.pos_ == "ADP" and head.head is not head and hops < 3:
        head = head.head
        hops += 1
    if head.pos_ == "NOUN" and head.i not in inside and hops and head.lower_ not in _NOT_COUNT_NOUN:
        return _np_text(head)  # "spending of $5 billion"
    if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in _MEASURE_VERBS:
        kids = [k for k in head.children if k.i not in inside]
        for dep in ("dobj", "nsubjpass", "nsubj"):
            fit = [k for k in kids if k.dep_ == dep and k.pos_ == "NOUN"
                   and k.ent_type_ not in _NOT_MEASURE_ENT]
            if fit:  # two clauses may share a root: take the noun nearest the quantity
                return _np_text(min(fit, key=lambda k: abs(k.i - root.i)))
    return None


def _measure_rule(text: str, c: _Cand, sent_start: int) -> str | None:
    """Without a parse: "<np> (to|at|of|is|was|reached ...) <quantity>" gives the measure."""
    lead = text[sent_start:c.start]
    m = re.search(r"\b((?:[a-z][\w-]*\s+){0,1}[a-z][\w-]*)\s+(?:to|at|of|is|was|were|are|"
                  r"will\s+be|reached|hit|totaled|totalled|stood\s+at|amounted\s+to)\s*$", lead)
    if m:
        np_ = _clean_np(m.group(1))
        words = [w for w in np_.split() if w.lower() not in _NOT_COUNT_NOUN]
        return " ".join(words) or None
    m = re.match(r"\s+([a-z][\w-]*)", text[c.end:])
    if m and c.unit in ("%",) and m.group(1) not in _NP_STOP and m.group(1) not in _NOT_COUNT_NOUN:
        return m.group(1)  # "25% tariff"
    return None


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
    cands = _merge_ranges(text, cands)
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
