"""Counts of things ("four bridges", "three strong aftershocks"): one thing counted differently is
a discrepancy; statistics lines, parts of a run and unlike sentences are not.

Texts written for these tests; the real pipeline runs on them.
"""

from __future__ import annotations

from story_texts import one_dossier

FLOOD = ("Floods swept through Hunan province in southern China on Tuesday after three days of heavy "
         "rain, forcing the evacuation of riverside towns. {count} Rescue teams were sent from "
         "Changsha, and the provincial weather office warned that more rain was expected on Thursday.")

MATCH = ("Lionel Duarte signed a new three-year contract with Porto on Monday, the club said, ending "
         "months of talks with his agent. {count} The club's president said the forward was the "
         "heart of the team and would be its captain next season.")


def _counts(tmp_path, base: str, *counts: str, noun: str):
    d = one_dossier(tmp_path, [base.format(count=c) for c in counts], "2013-06-18")
    return [x for x in d.discrepancies if x.about.startswith(f"number of {noun}")]


def _show(found):
    return [(x.about, [p.value for p in x.positions]) for x in found]


def test_one_count_told_around_the_same_words_disagrees(tmp_path):
    found = _counts(tmp_path, FLOOD,
                    "The governor of Hunan said four bridges had been swept away by the river.",
                    "Five bridges had been swept away, the governor of Hunan said.", noun="bridges")
    assert len(found) == 1, _show(found)
    assert sorted(p.value for p in found[0].positions) == ["4 bridges", "5 bridges"]


def test_the_same_counted_phrase_in_two_tellings_disagrees(tmp_path):
    found = _counts(tmp_path, FLOOD,
                    "The flood wave was followed by three small dams bursting upstream of Changsha, officials said.",
                    "State radio reported that at least four small dams burst upstream of the city.", noun="dams")
    assert len(found) == 1, _show(found)


def test_lines_of_statistics_are_not_one_count(tmp_path):
    # a season and a career: counts a sentence pins to a period, not facts of the story
    found = _counts(tmp_path, MATCH,
                    "Duarte scored 14 goals in 30 games last season.",
                    "Duarte has scored 61 goals in 190 games for the club.", noun="")
    found = [x for x in found if x.about.startswith(("number of goals", "number of games"))]
    assert found == [], _show(found)


def test_a_part_of_a_run_is_not_the_count(tmp_path):
    found = _counts(tmp_path, MATCH,
                    "In the cup final Duarte completed 28 of 41 passes.",
                    "In the cup final Duarte completed his first 17 passes.", noun="passes")
    assert found == [], _show(found)


def test_a_bare_noun_in_unlike_sentences_counts_two_things(tmp_path):
    found = _counts(tmp_path, FLOOD,
                    "Two boats capsized near Yueyang on Tuesday morning.",
                    "The army sent five boats to the villages cut off by the water.", noun="boats")
    assert found == [], _show(found)


def test_counts_of_people_or_of_time_are_left_to_their_own_measures(tmp_path):
    found = _counts(tmp_path, FLOOD,
                    "Around 1,000 people were housed in tents by the governor of Hunan.",
                    "The governor of Hunan said 2,000 people were waiting to be housed.", noun="people")
    assert found == [], _show(found)
