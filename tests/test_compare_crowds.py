"""Crowd sizes: one march counted differently; marches in two cities are two counts.

Texts written for these tests; the real pipeline runs on them.
"""

from __future__ import annotations

from crosswire.compare.measures import measure_of
from crosswire.extract.quantities import extract_quantities
from story_texts import one_dossier

BASE = ("Tens of thousands of teachers marched against pay cuts in Portugal on Saturday, the third "
        "such protest since the government announced its budget in October. {crowd} The teachers' "
        "union said further strikes would follow in December if the cuts were not withdrawn. The "
        "education ministry said the budget would not be changed.")


def _crowds(tmp_path, *crowds: str):
    d = one_dossier(tmp_path, [BASE.format(crowd=c) for c in crowds], "2012-11-10")
    return [x for x in d.discrepancies if x.about.startswith("number of people protesting")]


def test_crowd_words_give_the_crowd_measure():
    for sentence, crowd in (("As many as 20,000 people took to the streets of Lisbon.", True),
                            ("About 5,000 protesters gathered outside parliament.", True),
                            ("Some 8,000 people marched through Porto.", True),
                            ("Police arrested 12 protesters.", False),  # the arrested, not the crowd
                            ("After rallying in two separate demonstrations, unionists marched on.", False)):
        (q,) = extract_quantities(sentence)
        m = measure_of(q, sentence, sentence.index(q.text))
        assert (m is not None and m.key == "crowd") == crowd, (sentence, m)


def test_one_march_counted_twice_disagrees(tmp_path):
    found = _crowds(tmp_path, "Police said 20,000 people marched through Lisbon to the parliament building.",
                    "Police said 60,000 people marched through Lisbon to the parliament building.")
    assert len(found) == 1, [(x.about, [p.value for p in x.positions]) for x in found]


def test_marches_in_two_cities_or_a_national_total_are_not_one_count(tmp_path):
    found = _crowds(tmp_path, "Police said 20,000 people marched through Lisbon to the parliament building.",
                    "Police said 60,000 people marched through Porto to the city hall.",
                    "The union said 90,000 people marched nationwide, in Lisbon, Porto and nine other cities.")
    assert found == [], [(x.about, [p.value for p in x.positions]) for x in found]
