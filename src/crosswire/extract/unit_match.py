"""The unit right after a number: currency signs and words, unit symbols, foot/inch marks, rates."""

from __future__ import annotations

import re

from crosswire.extract import quantity_context as ctx
from crosswire.extract.units import (
    UNIT_CLASS,
    _CURRENCY_PREFIX,
    _CURRENCY_WORDS,
    _CURRENCY_WORD_RE,
    _PER_DEN,
    _PER_RE,
    _PREFIXED,
    _PREFIX_RE,
    _RATE_NAMES,
    _RISKY_SYMBOLS,
    _UNITS,
    _UNIT_RE,
    _long_unit,
)


def _currency_before(text: str, start: int) -> tuple[str, int] | None:
    m = _PREFIX_RE.search(text[max(0, start - 9):start])  # "U.S. $ ", "hk $ "
    if not m:
        return None
    for i, (_, code) in enumerate(_CURRENCY_PREFIX):
        if m.group(f"c{i}") is not None:
            return code, start - (len(m.group(0)))
    return None


_SYMBOL_CODE = {"€": "EUR", "£": "GBP", "¥": "JPY", "$": "USD", "₡": "CRC", "₾": "GEL", "₭": "LAK",
                "₦": "NGN", "₱": "PHP", "₴": "UAH", "₹": "INR", "₩": "KRW", "₽": "RUB",
                "₺": "TRY",
                "₪": "ILS", "₫": "VND", "฿": "THB", "元": "CNY", "円": "JPY", "ரூ": "LKR"}
_SUFFIX_SYMBOL = re.compile(r"\s?(" + "|".join(map(re.escape, _SYMBOL_CODE)) + ")")
_ANGLE_MARK = re.compile(r"['′\"″](?![\w'\"])")
_FEET_TALL = re.compile(r"['\u2032](?=\s*(?:tall|long|high|wide|deep)\b)")  # "a 6' tall man"
_FOOT_MARK = re.compile(r"['\u2032](?=\s?\d{1,2}(?:\.\d+)?[\"\u2033])")
_QUOTE_NEAR = re.compile('["\u201c\u201d]')
# '8"', and in tokenised text '10 " long' (the mark then needs a size word after it)
_INCH_MARK = re.compile(r'["″](?![\w"])|\s["″](?=\s+(?:long|tall|wide|high|deep|thick|across)\b)')
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
            text[max(0, pos - 200):pos] + text[m.end():m.end() + 99])):
        return "in", "length", m.end(), 1.0  # '8"', unless other quotation marks are about
    m = _CURRENCY_WORD_RE.match(text, pos)
    if m:
        for i, (_, code) in enumerate(_CURRENCY_WORDS):
            g = m.group(f"w{i}")
            if g is None:
                continue
            if code == "CODE":
                code = g.upper()
            if g.lower().startswith("pound") and "sterling" not in g.lower() \
                    and not _PENCE_NEXT.match(text, m.end()) and (
                    _POUNDS_OF_GOODS.match(text, m.end()) or not scaled and (
                        g[0] == "-" or not _MONEY_VERB.search(text, max(0, pos - 45), pos)
                        or g.lower().endswith("pound") and _WORD_NEXT.match(text, m.end()))):
                break  # "twenty pound bag", "20 million pounds of beef": mass, not money
            if code == "KRW" and not scaled and not g.lower().startswith("south"):
                break  # "won" is usually the verb
            if code == "franc?":
                return ctx.read_franc(text, pos, m.end()), "currency", m.end(), 1.0
            if code == "MYR-sen":
                if not has_digits:
                    break  # "one sen" is no way to write money; "Sen" the title is capitalised
                return "MYR", "currency", m.end(), 0.01
            if code == "USD-cent":
                return "USD", "currency", m.end(), 0.01
            if code in ("USD-dime", "USD-nickel"):
                return "USD", "currency", m.end(), 0.1 if code == "USD-dime" else 0.05
            if code == "GBP-penny":
                return "GBP", "currency", m.end(), 0.01
            return code, "currency", m.end(), 1.0
    m = _UNIT_RE.match(text, pos) or _title_unit(text, pos)
    if m:
        for i, (_, canon, cls) in enumerate(_UNITS):
            g = m.group(f"u{i}")
            if g is None:
                continue
            sym = g.strip()
            if sym in _RISKY_SYMBOLS and not has_digits:
                return None  # "two m", "a t": letters after a spelled number are words
            if len(sym) == 1 and sym.isupper() and re.match(r"[-\u2011]\d", text[m.end():m.end() + 2]):
                return None  # "5 C-130s", "24703 L-202": a letter before a number is a code
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


_TITLE_WORD = re.compile(r"[ \t-]?[A-Z][A-Za-z]{3,}")
_SPELLED = re.compile(r"[A-Za-z][A-Za-z \t/-]{3,}")


def _title_unit(text: str, pos: int):
    """A unit spelled out in title or upper case ("10 Kilometers per hour", "5 MILES").

    Only whole words of four letters or more: a capital symbol means something else than its
    lower-case one ("MB" is not "mb", "T" is not "t"), a spelled name does not.
    """
    if not _TITLE_WORD.match(text, pos):
        return None
    window = text[pos:pos + 60]
    low = window.lower()
    if len(low) != len(window):
        return None
    m = _UNIT_RE.match(low)
    if not m or not _SPELLED.fullmatch(m.group(0).strip()):
        return None
    return _UNIT_RE.match(text[:pos] + low + text[pos + 60:], pos)


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


# "fined 500 pounds", "costs 20 pounds": a small sum of money, not a weight
_MONEY_VERB = re.compile(
    r"\b(?:fined?|fines|pa(?:y|ys|id|ying)|costs?|costing|worth|sp(?:end|ends|ent|ending)|"
    r"rais(?:e|ed|es|ing)|earn(?:s|ed|ing)?|salary|prices?d?|charg(?:e|ed|es|ing)|donat(?:e|ed|ing)|"
    r"bills?|wages?|award(?:ed)?|ow(?:e|ed|es|ing)|sold\s+for|bought\s+for|compensation|"
    r"fee|ticket|refund(?:ed)?|won|stole|stolen)\b[^.;:]*$", re.IGNORECASE)
# "5 pounds 40 pence": pence after the pounds make them money
_PENCE_NEXT = re.compile(r"[ \t]+(?:and[ \t]+)?(?:\d{1,2}|[a-z]+(?:-[a-z]+)?)[ \t]*(?:pence|p)\b",
                         re.IGNORECASE)
_WORD_NEXT = re.compile(r"\s+(?!of\b|each\b|a\b|an\b|per\b)[a-z]")  # "a 5 pound bag": an adjective
