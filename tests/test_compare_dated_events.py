"""Two sentences of one claim may date two different events: "In 1994, she left the
hospital" and "Beginning in the 1970s, she battled illness" give two dates of a life, not two
dates of one event. A temporal discrepancy needs both dates next to the same event; the same
event given two dates still disagrees.

Texts written for these tests; the real pipeline runs on them.
"""

from __future__ import annotations

from story_texts import one_dossier

OBIT = ("Mara Delgrave, the stage actress who starred in a string of musicals, has died at 81, her "
        "family said on Sunday. {x} She is survived by a daughter and two grandsons.")


def temporal(d):
    return [x for x in d.discrepancies if x.kind == "temporal"]


def test_dates_of_two_events_in_one_claim_do_not_disagree(tmp_path):
    d = one_dossier(tmp_path, [
        OBIT.format(x="In 1994, she left a private clinic in Oregon after being diagnosed with severe depression."),
        OBIT.format(x="Beginning in the 1970s, she battled severe depression and was diagnosed in Oregon."),
    ], "2016-03-07")
    assert temporal(d) == [], [(x.about, [p.value for p in x.positions]) for x in temporal(d)]


def test_one_event_given_two_dates_still_disagrees(tmp_path):
    d = one_dossier(tmp_path, [
        OBIT.format(x="In 1994, she left a private clinic in Oregon after being diagnosed with severe depression."),
        OBIT.format(x="In 1996, she left a private clinic in Oregon after being diagnosed with severe depression."),
    ], "2016-03-07")
    assert len(temporal(d)) == 1
