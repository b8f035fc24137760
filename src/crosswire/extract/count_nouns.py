"""The noun a bare number counts ("three people"), from the parse or by rule."""

from __future__ import annotations

import re

from crosswire.extract.quantity_measure import _VERBISH
from crosswire.extract.units import _NOT_COUNT_NOUN, _PLURAL_IRREGULAR


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
