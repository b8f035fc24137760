"""Telephone numbers retold with a digit changed: "call police on 0845 125 2222" / "on 0845 125 222".

An appeal's number is copied from article to article; one that drops or changes a digit sends
readers to a wrong line, and no reading of the story makes both right. Numbers are compared
within one claim (the same appeal told by several articles), by their digits only ("0800 555111"
and "0800 555 111" are one number), and only when they are one or two edits apart: two numbers
further apart are two lines (the police and Crimestoppers), not a disagreement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from crosswire.compare.align import ClaimGroup, Unit

_CALL = re.compile(r"\b(?:call|calls|calling|phone|telephone|tel|contact|ring|dial|hotline|helpline|number|text)\b",
                   re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w.,/-])(?:\+\d{1,3}[\s-]?)?(?:\(\d{2,5}\)|\d{2,5})(?:[\s-]\d{2,7}){1,3}(?![\w.,/-]\d|\w)")
MIN_DIGITS, MAX_DIGITS = 8, 14


@dataclass(frozen=True)
class Phone:
    text: str
    digits: str


def phone_numbers(text: str) -> list[Phone]:
    """The telephone numbers a sentence gives: digit groups of 8-14 digits after a call word."""
    text = text[:5000]
    if not _CALL.search(text):
        return []
    out = []
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if MIN_DIGITS <= len(digits) <= MAX_DIGITS and (digits[0] == "0" or m.group(0).startswith(("+", "("))):
            out.append(Phone(m.group(0).strip(), digits))
    return out


@dataclass
class PhoneSlot:
    group: ClaimGroup
    sides: list[tuple[Phone, list[Unit]]]


def phone_slots(groups: list[ClaimGroup]) -> list[PhoneSlot]:
    """Per claim, pairs of numbers one or two digits apart that different articles give."""
    out = []
    for g in groups:
        if g.claim is None or len(g.articles) < 2:
            continue
        told: dict[str, tuple[Phone, list[Unit]]] = {}
        by_article: dict[str, set[str]] = {}
        for u in g.units:
            for p in phone_numbers(u.text):
                told.setdefault(p.digits, (p, []))[1].append(u)
                by_article.setdefault(u.article, set()).add(p.digits)
        numbers = sorted(told)
        for i, a in enumerate(numbers):
            for b in numbers[i + 1:]:
                if not 1 <= Levenshtein.distance(a, b) <= 2:
                    continue
                # an article giving both knows both: it takes no side
                sides = [(told[d][0], [u for u in told[d][1] if not {a, b} <= by_article[u.article]]) for d in (a, b)]
                if all(units for _, units in sides):
                    out.append(PhoneSlot(g, sides))
    return out
