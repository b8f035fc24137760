"""A number next to a casualty word is not always a toll: "two men accused of killing" counts the
accused, "a mother of 12" her children.

Texts written for these tests; the real measure reader runs on them.
"""

from __future__ import annotations

from crosswire.compare.measures import measure_of
from crosswire.models import QuantityMention


def _measure(sentence: str, number: str, amount: float, unit: str | None = None):
    start = sentence.index(number)
    q = QuantityMention(number, start, start + len(number), amount, unit, None)
    m = measure_of(q, sentence, start)
    return m.key if m else None


def test_the_accused_are_not_the_dead():
    assert _measure("The trial opened of two men accused of killing a shopkeeper in Varna.", "two men", 2, "men") != "dead"


def test_a_mothers_children_are_not_the_dead():
    assert _measure("Gunmen on a rooftop are accused of killing a mother of 12 in Varna.", "12", 12) != "dead"


def test_a_toll_is_still_a_toll():
    assert _measure("The blast killed 12 people in Varna on Monday.", "12 people", 12, "people") == "dead"
    assert _measure("Two men were killed in the blast in Varna.", "Two men", 2, "men") == "dead"
