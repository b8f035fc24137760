"""Outcomes two parties have at once (one side wins as the other loses) and outcomes told
inside a speaker's quotation are not disagreements between outlets.

Texts written for these tests; the real pipeline runs on them.
"""

from __future__ import annotations

from story_texts import one_dossier

LEAD = ("The cup final in Kelby drew a crowd of 30,000 on Sunday, and the match went to extra time "
        "after a late equaliser. ")


def _status(d):
    return [(x.about, sorted(p.value for p in x.positions)) for x in d.discrepancies if x.kind == "status"]


def test_one_side_winning_and_the_other_losing_is_no_conflict(tmp_path):
    d = one_dossier(tmp_path, [LEAD + "The Hawks scored twice in extra time and won the cup final.",
                               LEAD + "The Rams lost the cup final after two goals in extra time.",
                               LEAD + "The Hawks won the cup final with two goals in extra time."], "2015-05-11")
    assert not _status(d), _status(d)


def test_one_side_told_as_winning_and_as_losing_conflicts(tmp_path):
    d = one_dossier(tmp_path, [LEAD + "The Hawks won the cup final in Kelby on Sunday.",
                               LEAD + "The Hawks lost the cup final in Kelby on Sunday."], "2015-05-11")
    assert len(_status(d)) == 1, _status(d)


def test_an_outcome_inside_a_quotation_is_the_speakers_not_the_outlets(tmp_path):
    d = one_dossier(tmp_path, [
        LEAD + "The Hawks won the cup final in Kelby on Sunday.",
        LEAD + '"The Hawks lost the cup final in Kelby on Sunday and nobody here saw it coming," '
               "said Ann Lee, a fan of the Rams.",
    ], "2015-05-11")
    assert not _status(d), _status(d)
