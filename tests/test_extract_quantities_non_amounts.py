"""Numbers that belong to a name, a count told as "a third", a score: no amounts (issue 14's
extra amounts). Sentences written for these tests."""

from __future__ import annotations

import pytest

from crosswire.extract.quantities import extract_quantities


def _amounts(sentence: str) -> list[tuple[float, str | None]]:
    return [(q.amount, q.unit) for q in extract_quantities(sentence)]


@pytest.mark.parametrize("sentence,wrong", [
    ("Police seized six AK 47 rifles during the raid.", 47),
    ("Windows 10 users must update their machines.", 10),
    ("Boeing 737 jets were grounded worldwide.", 737),
    ("Apollo 11 astronauts landed on the moon.", 11),
    ("About 20 people died in the MH 17 crash.", 17),
])
def test_extract_quantities_a_number_closing_a_name_is_no_amount(sentence, wrong):
    assert wrong not in [a for a, _ in _amounts(sentence)]


def test_extract_quantities_names_keep_the_counts_beside_them():
    assert (6, None) in _amounts("Police seized six AK 47 rifles during the raid.")
    assert (20, "people") in _amounts("About 20 people died in the MH 17 crash.")
    assert (100, "USD") in _amounts("USD 100 was paid to each family.")
    assert (20000, "people") in _amounts("In Athens 20,000 people marched on parliament.")


def test_extract_quantities_a_third_person_is_no_share():
    got = _amounts("She is accused of killing two co-workers and critically injuring a third at the plant.")
    assert got == [(2, "co-workers")]


@pytest.mark.parametrize("sentence", ["Prices fell by a third last year.", "A third of the houses collapsed."])
def test_extract_quantities_a_third_as_a_share_stays(sentence):
    assert [round(a, 3) for a, _ in _amounts(sentence)] == [0.333]


def test_extract_quantities_a_score_is_no_amount():
    assert _amounts("She scored 3 goals in the 2-1 win.") == [(3, "goals")]


@pytest.mark.parametrize("sentence", [
    "Anyone with information is asked to call police on 0845 125 2222 or Crimestoppers on 0800 555 111.",
    "Readers can reach the newsroom on +44 20 7946 0958 until midnight.",
])
def test_extract_quantities_a_phone_number_is_no_amount(sentence):
    assert _amounts(sentence) == []
