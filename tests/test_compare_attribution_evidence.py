"""Attribution discrepancies rest on what the articles write, not on our reading of context:
a speaker each sentence names, the same quotation, and one source named two ways is one.

Texts written for these tests; the real pipeline runs on them.
"""

from __future__ import annotations

from story_texts import one_dossier

LEAD = ("The city council of Riverton voted on Tuesday to close the Elm Street library at the end of "
        "the year, after a budget review found a shortfall of two million dollars. ")
QUOTE = "This library has served our families for ninety years and closing it is a grave mistake"


def _attributions(d):
    return [(x.about, sorted(p.value for p in x.positions)) for x in d.discrepancies
            if x.kind == "attribution"]


def test_quotation_credited_to_two_named_speakers_disagrees(tmp_path):
    d = one_dossier(tmp_path, [
        LEAD + f'"{QUOTE}," Maria Lopez said at the meeting.',
        LEAD + f'"{QUOTE}," Daniel Ortega said at the meeting.',
    ], "2014-05-06")
    assert len(_attributions(d)) == 1, _attributions(d)


def test_speaker_read_from_a_pronoun_is_not_set_against_a_named_one(tmp_path):
    d = one_dossier(tmp_path, [
        LEAD + f'"{QUOTE}," Maria Lopez said at the meeting.',
        LEAD + 'Daniel Ortega, the mayor, defended the vote before the council. '
        f'Maria Lopez, a librarian, spoke next. "{QUOTE}," he said.',
    ], "2014-05-06")
    assert not _attributions(d), _attributions(d)


def test_short_exclamations_are_not_one_quotation(tmp_path):
    d = one_dossier(tmp_path, [
        LEAD + '"Oh my god!" Maria Lopez said when the result was read out.',
        LEAD + '"Oh, God!" Daniel Ortega said when the result was read out.',
    ], "2014-05-06")
    assert not _attributions(d), _attributions(d)


def test_source_credited_by_title_and_by_name_is_one_source(tmp_path):
    statement = ("The library will stay open on Saturdays until its last day and its books will go "
                 "to the two branch libraries")
    d = one_dossier(tmp_path, [
        LEAD + f"{statement}, according to the North Valley fire chief, Helen Marsh.",
        LEAD + f"{statement}, according to Helen Marsh.",
    ], "2014-05-06")
    assert not [x for x in d.discrepancies if x.kind == "attribution"], _attributions(d)
