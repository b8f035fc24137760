"""Lengths of time: how long a stay, a siege or a strike lasted, told differently by two outlets.

Texts written for these tests; the real pipeline runs on them.
"""

from __future__ import annotations

from story_texts import one_dossier

BASE = ("Police in Harlow arrested a 41-year-old man on Sunday after the death of his neighbour, "
        "Margaret Ellis, at her flat on Carter Street. {stay} Officers were called to the flat on "
        "Carter Street at 7am on Sunday by a relative of Mrs Ellis. A post-mortem examination will "
        "be held on Monday, police in Harlow said.")


def _durations(tmp_path, *stays: str):
    d = one_dossier(tmp_path, [BASE.format(stay=s) for s in stays], "2015-02-02")
    return [x for x in d.discrepancies if x.about.startswith("length of time")]


def test_two_lengths_of_one_stay_disagree(tmp_path):
    found = _durations(tmp_path,
                       "Mrs Ellis had been living alone in the flat for the past six years, neighbours said.",
                       "Neighbours said Mrs Ellis had lost her husband before a nine year spell living "
                       "alone in the flat.")
    assert len(found) == 1, [(x.about, [p.value for p in x.positions]) for x in found]
    assert {p.value for p in found[0].positions} == {"6 years", "9 years"}


def test_the_gap_between_two_events_is_no_length_of_a_stay(tmp_path):
    found = _durations(tmp_path,
                       "The death came almost two years after a fire at the same flat, neighbours said.",
                       "It was the first death on Carter Street in more than 25 years, neighbours said.")
    assert found == [], [(x.about, [p.value for p in x.positions]) for x in found]
