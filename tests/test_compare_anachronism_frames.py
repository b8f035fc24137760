"""Anachronisms ("upcoming" events whose date has passed) only where the article's own voice
looks forward to that date: not a past event the clause dates itself ("founded in 2012"), not
words inside a quotation.

Texts written for these tests; the real pipeline runs on them.
"""

from __future__ import annotations

from story_texts import one_dossier

LEAD = ("Voters in Norland go to the polls in December to elect a new parliament, the election "
        "commission said on Thursday, and campaigning opens next month. ")


def _stale(d):
    return [x.about for x in d.discrepancies if "called upcoming" in x.about]


def test_a_date_of_a_past_event_in_a_future_sentence_is_not_stale(tmp_path):
    d = one_dossier(tmp_path, [
        LEAD + "The Green Union party, founded in 2012, will be seeking seats in the December election.",
        LEAD + "Six parties have registered, the commission said.",
    ], "2014-09-26")
    assert not _stale(d), _stale(d)


def test_a_date_inside_a_quotation_keeps_the_speakers_frame(tmp_path):
    d = one_dossier(tmp_path, [
        LEAD + 'Its leader once promised: "We will win this seat in 2013, and then the next one."',
        LEAD + "Six parties have registered, the commission said.",
    ], "2014-09-26")
    assert not _stale(d), _stale(d)


def test_the_articles_own_future_for_a_past_date_is_stale(tmp_path):
    d = one_dossier(tmp_path, [
        LEAD + "The Green Union party will hold its first congress in March 2013.",
        LEAD + "Six parties have registered, the commission said.",
    ], "2014-09-26")
    assert len(_stale(d)) == 1, _stale(d)

