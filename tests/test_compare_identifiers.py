"""Telephone numbers retold with a digit changed. Texts written for these tests; the real
pipeline (extraction and comparison) runs on them."""

from __future__ import annotations

import crosswire
from crosswire.compare.identifiers import phone_numbers
from crosswire.models import RawDocument

STORY = ("Detectives in Kelby are appealing for witnesses after a van was driven into the front of the "
         "Dunmore jewellers on Mill Road early on Sunday morning and three men escaped with watches. "
         "{appeal} The shop's owner said the raiders had taken less than two minutes.")


def _dossier(tmp_path, *appeals):
    raw = [RawDocument(source=f"outlet{i}.txt", content=STORY.format(appeal=a), published="2013-09-09")
           for i, a in enumerate(appeals)]
    with crosswire.Store(tmp_path / "x.db") as store:
        (d,) = store.analyze(raw).stories
        return d


def _phones(d):
    return [x for x in d.discrepancies if x.about.startswith("telephone number")]


def test_identifiers_phone_numbers_read_by_digits_after_a_call_word():
    got = phone_numbers("Anyone with information should call police on 0845 125 2222 or Crimestoppers on 0800 555111.")
    assert [p.digits for p in got] == ["08451252222", "0800555111"]
    # figures that are no telephone numbers: a sum, a year range, a count, no call word
    assert phone_numbers("Call it 1,250 000 or 2010-2012; they counted 12 000 people.") == []
    assert phone_numbers("The road 0845 125 2222 is closed.") == []


def test_identifiers_a_digit_dropped_is_a_discrepancy(tmp_path):
    d = _dossier(tmp_path,
                 "Anyone with information is asked to call police on 0845 125 2222 or Crimestoppers on 0800 555 111.",
                 "Anyone with information is asked to call police on 0845 125 222 or Crimestoppers on 0800 555111.",
                 "Anyone with information is asked to contact police on 0845 125 2222 or Crimestoppers on 0800 555 111.")
    (x,) = _phones(d)
    assert {p.value: len(p.articles) for p in x.positions} == {"0845 125 2222": 2, "0845 125 222": 1}


def test_identifiers_two_lines_or_one_number_spaced_apart_are_not(tmp_path):
    d = _dossier(tmp_path,
                 "Anyone with information is asked to call police on 0845 125 2222 or Crimestoppers on 0800 555 111.",
                 "Anyone with information is asked to call police on 0845125 2222 or Crimestoppers on 0800 555111.",
                 "Anyone with information is asked to call police on 0845 125 2222.")
    assert _phones(d) == []
