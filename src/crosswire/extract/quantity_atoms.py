"""Numbers as written (digits, words, fractions, powers) and candidate quantities read from them."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from crosswire.extract import numbers as nb
from crosswire.extract.units import _ATOM


@dataclass
class _Atom:
    """One number as written: its span, value, scale word ("3.5m") and whether it is spelled."""

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


def _scaled(value: float, scale: float) -> float:
    """value * scale without binary noise: 8.2 * 1e12 is 8199999999999.999, "8.2e12" is not."""
    if scale == 1:
        return value
    k = round(math.log10(scale))
    return float(f"{value!r}e{k}") if 10 ** k == scale else value * scale


@dataclass
class _Cand:
    """A candidate quantity: its span, amount and unit, qualifier, and upper end if a range."""

    start: int
    end: int
    amount: float
    unit: str | None
    qualifier: str | None = None
    upper: float | None = None
    scaled: bool = False
    currency_prefix: bool = False
    atom: _Atom | None = None
