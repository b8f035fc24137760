"""What a figure counts, read from the words around it, and the discrepancies that follow from it.

Texts written for these tests; the real pipeline (extraction and comparison) runs on them.
"""

from __future__ import annotations

import pytest

import crosswire
from crosswire.compare.measures import measure_of
from crosswire.extract.quantities import extract_quantities
from crosswire.models import RawDocument


def _measures(sentence: str) -> dict[float, str | None]:
    out = {}
    for q in extract_quantities(sentence):
        m = measure_of(q, sentence, q.start)
        out[q.amount] = m.key if m else None
    return out


def test_measures_a_cue_counts_the_figure_of_its_own_phrase():
    got = _measures("The quake caused major destruction in seven villages and killing 10 people.")
    assert got[10] == "dead"
    assert got[7] != "dead"


def test_measures_a_head_count_is_a_whole_number():
    got = _measures("A 6.7-strength quake killed more than 26,000 people in the city in 2003.")
    assert got[26000] == "dead"
    assert got.get(6.7) != "dead"


def test_measures_counted_things_are_not_a_magnitude():
    got = _measures("A 5.9 magnitude earthquake has leveled seven villages in the south.")
    assert got[5.9] == "magnitude"
    assert got[7] == "count:villages"


def test_measures_share_without_a_measure_phrase_is_still_a_share():
    assert _measures("Markets reacted with alarm as stocks closed down 3.9 percent.")[3.9] == "percent"


def _dossier(tmp_path, *texts: str):
    raw = [RawDocument(source=f"outlet{i}.txt", content=t, published="2010-05-06") for i, t in enumerate(texts)]
    with crosswire.Store(tmp_path / "crosswire.db") as store:
        (d,) = store.analyze(raw).stories
        return d


LEAD = ("Riots broke out in the capital on Wednesday as thousands of workers marched against spending cuts "
        "and three bank employees died in a fire.\n")


@pytest.mark.parametrize("a,b,values,label", [
    ("Markets reacted with alarm as the country's stocks closed down 3.9 percent on the day.",
     "Markets reacted to the violence with alarm as the country's stocks plunged 5.4 per cent on the day.",
     {"3.9%", "5.4%"}, "percentage"),
])
def test_measures_shares_and_counts_of_one_fact_disagree(tmp_path, a, b, values, label):
    d = _dossier(tmp_path, LEAD + a, LEAD + b)
    found = [x for x in d.discrepancies if x.kind == "numeric"]
    assert [{p.value for p in x.positions} for x in found] == [values]
    assert found[0].about.startswith(label)  # the measure in plain words, no key
    assert not found[0].about.startswith(("percent:", "count:"))


def test_measures_counts_of_things_are_left_out(tmp_path):
    # which seizure, which villages, is more than a sentence tells: tried within one claim, this
    # paired the magazines of two different raids on held-out stories (eval/realstories.py)
    d = _dossier(tmp_path,
                 LEAD + "Police said they seized six rifles, 12 magazines and about 300 rounds during the raid.",
                 LEAD + "Police said they seized six rifles, 31 magazines and 923 rounds in the operation.")
    assert [x for x in d.discrepancies if x.kind == "numeric"] == []


def test_measures_two_shares_of_different_things_are_no_discrepancy(tmp_path):
    d = _dossier(tmp_path,
                 LEAD + "Official figures showed that prices rose 3 percent over the year, the statistics office said.",
                 LEAD + "Official figures showed that wages rose 5 percent over the year, the statistics office said.")
    assert [x for x in d.discrepancies if x.kind == "numeric"] == []


def test_measures_time_elapsed_told_two_ways_disagrees(tmp_path):
    d = _dossier(tmp_path,
                 LEAD + "The suspect's mother returned to her home town 12 weeks ago after four years in the south.",
                 LEAD + "The suspect and his mother had moved back to the town around six weeks ago, neighbours said.")
    (x,) = [x for x in d.discrepancies if x.kind == "numeric"]
    assert {p.value for p in x.positions} == {"12 weeks ago", "around 6 weeks ago"}
    assert x.about.startswith("time elapsed")


def test_measures_time_elapsed_within_a_third_agrees(tmp_path):
    # reports a day apart count "two days ago" and "three days ago" from their own day
    d = _dossier(tmp_path,
                 LEAD + "The suspect's mother returned to her home town two days ago after four years in the south.",
                 LEAD + "The suspect and his mother had moved back to the town three days ago, neighbours said.")
    assert [x for x in d.discrepancies if x.kind == "numeric"] == []


@pytest.mark.parametrize("amount", [float("inf"), float("nan"), 1e308 * 10])
def test_measures_an_unbounded_amount_reads_without_error(amount):
    # found by the volume fuzz run: int(inf) raised OverflowError out of the comparison stage
    from crosswire.models import QuantityMention

    q = QuantityMention("9" * 400, 6, 406, amount, "people")
    m = measure_of(q, "Police " + "9" * 400 + " people were killed.", 7, predicate="kill")
    assert m is None or m.key != "dead"


def test_measures_a_distance_reads_past_its_conversion_in_brackets():
    # the direction word comes after the bracketed conversion: it still makes the figure a distance
    got = _measures("The island, located 1,150 kilometers (700 miles) southeast of the capital, has a port.")
    assert got[1150] == "distance"
    assert _measures("The town lies 940 miles south of the capital.")[940] == "distance"


QUAKE = ("A strong earthquake struck the island of Norvik on Sunday, destroying several villages, officials said.\n")


def test_measures_distances_from_one_place_disagree_and_another_town_is_left_out(tmp_path):
    d = _dossier(tmp_path,
                 QUAKE + "Norvik, located 1,150 kilometers (700 miles) southeast of Valdora, has a busy fishing port.\n"
                 "The last big quake hit Tarsk, a town of 15,000 people, 602 miles southeast of Valdora.",
                 QUAKE + "Norvik, a small island with a busy fishing port, lies 1,500 kilometers south of Valdora.")
    found = [x for x in d.discrepancies if x.kind == "numeric"]
    assert len(found) == 1, [(x.about, [p.value for p in x.positions]) for x in found]
    values = " | ".join(sorted(p.value for p in found[0].positions))
    assert "1150" in values.replace(",", "") and "1500" in values.replace(",", "") and "602" not in values
    assert found[0].about.startswith("distance from Valdora")


def test_one_disagreement_told_in_two_claims_is_reported_once(tmp_path):
    # two pairs of outlets disagree on the same toll (10 vs three) in two unrelated sentences:
    # one discrepancy, each value with all four of its articles, not the same dispute twice
    lead = "A strong earthquake struck the southern island on Sunday, flattening homes across the region.\n"
    d = _dossier(tmp_path,
                 lead + "Officials said the earthquake killed 10 people in the villages near the coast.",
                 lead + "Officials said the earthquake killed three people in the villages near the coast.",
                 lead + "Rescue teams pulled the bodies of ten victims from the rubble of the old mosque.",
                 lead + "Rescue teams pulled the bodies of three victims from the rubble of the old mosque.")
    tolls = [x for x in d.discrepancies if x.kind == "numeric"]
    assert len(tolls) == 1, [(x.about, [p.value for p in x.positions]) for x in tolls]
    assert sorted(len(p.articles) for p in tolls[0].positions) == [2, 2]


def _population(amount: float, qualifier: str | None = None):
    from crosswire.compare.facts import Fact
    from crosswire.models import QuantityMention

    q = QuantityMention(str(amount), 0, 6, amount, None, "population", qualifier)
    return Fact("quantity", "a", "", (0, 6), (0, 6), None, frozenset(), frozenset(), frozenset(), quantity=q)


def test_a_bound_is_compatible_with_a_figure_yet_not_the_same_value():
    # "more than 100,000" agrees with 120,000 and with 200,000; grouped as one value with them it
    # joined two figures that disagree, and which disagreement was reported followed article order
    from crosswire.compare.discrepancies import _same_figure, _same_value

    bound, low, high = _population(100000, "more than"), _population(120000), _population(200000)
    assert _same_value(bound, low, "population") and _same_value(bound, high, "population")
    assert not _same_figure(bound, low, "population") and not _same_figure(bound, high, "population")
    assert _same_figure(bound, _population(100000, "more than"), "population")
    assert not _same_figure(low, high, "population")


def test_measures_own_phrase_cue_wins_over_the_parsers_predicate():
    # the parser may hang "two others" on "killing" (a conjunction of verbs); the words of the
    # number's own phrase say it counts the wounded
    from crosswire.models import QuantityMention
    s = "A woman opened fire at a factory last night, killing two workers and wounding two others."
    i = s.index("two others")
    q = QuantityMention("two others", i, i + 10, 2.0, None, "others")
    assert measure_of(q, s, i, predicate="kill").key == "injured"
    j = s.index("two workers")
    w = QuantityMention("two workers", j, j + 11, 2.0, "workers", None)
    assert measure_of(w, s, j, predicate="kill").key == "dead"
