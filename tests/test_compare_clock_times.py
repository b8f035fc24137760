"""Times of day: two articles giving one event different clock times.

Texts written for these tests; the real pipeline (extraction and comparison) runs on them.
"""

from __future__ import annotations

from crosswire.compare.clock_times import agree, clock_times
from story_texts import one_dossier

FIRE = ("A large fire destroyed the Dunmore furniture warehouse on Mill Road in Kelby on Friday night. "
        "{when} "
        "More than 40 firefighters from six stations fought the flames for most of the night. "
        "Police said the cause of the fire at the Dunmore warehouse was not yet known and "
        "that nobody had been hurt. Mill Road was closed to traffic until Saturday morning.")


def _dossier(tmp_path, *whens: str):
    return one_dossier(tmp_path, [FIRE.format(when=w) for w in whens], "2011-03-05")


def _clock(d):
    return [x for x in d.discrepancies if x.kind == "temporal" and x.about.startswith("time of day")]


def test_clock_times_read_am_pm_24_hour_and_zones():
    got = [(t.minutes, t.zone, t.low, t.high) for t in clock_times(
        "It broke out at 8.49pm, was reported at about 2045 GMT, spread at 9 p.m. and ended at 23:10.")]
    assert got[0][:2] == (20 * 60 + 49, None)
    assert got[1][:2] == (20 * 60 + 45, "UTC") and got[1][2] < got[1][0] < got[1][3]
    assert got[2][:2] == (21 * 60, None)
    assert got[3][:2] == (23 * 60 + 10, None)
    # no clock: a score, a price, a ratio, a bare hour without am/pm
    assert clock_times("The team won 8.49 to 7, shares rose 2.45, and the bus came at 10.") == []


def test_clock_times_qualifiers_widen_the_time():
    about, after = clock_times("about 8.40pm"), clock_times("shortly after 8:30 p.m.")
    assert not agree(about[0], clock_times("8.49pm")[0])
    assert agree(after[0], clock_times("just after 8: 30pm")[0])
    assert agree(clock_times("around 9pm")[0], clock_times("8.49pm")[0])


def test_clock_times_one_event_two_times_is_a_discrepancy(tmp_path):
    d = _dossier(tmp_path,
                 "The blaze broke out at 9.10pm and spread quickly through the roof.",
                 "The fire broke out shortly before 9.40pm, witnesses said.",
                 "The fire broke out around 9pm on Friday and quickly spread.")
    (x,) = _clock(d)
    values = {p.value for p in x.positions}
    assert values == {"9.10pm", "shortly before 9.40pm"}, values
    assert all(len(p.articles) == 1 for p in x.positions)
    assert "outlet2" not in " ".join(x.note)  # "around 9pm" agrees with both


def test_clock_times_agreeing_or_other_zone_or_other_event_is_not(tmp_path):
    # the same time told two ways; a time in GMT beside one in local time (the offset is unknown);
    # the time the police were called is not the time the fire broke out
    d = _dossier(tmp_path,
                 "The blaze broke out at 9.10pm and spread quickly through the roof.",
                 "The fire broke out at about 9.10 p.m., witnesses said.",
                 "The fire broke out at 2140 GMT on Friday and quickly spread.",
                 "Police were called to the warehouse at 9.45pm by a neighbour.")
    assert _clock(d) == [], [(x.about, [p.value for p in x.positions]) for x in _clock(d)]


def test_clock_times_an_article_telling_both_times_is_no_side(tmp_path):
    d = _dossier(tmp_path,
                 "The blaze broke out at 9.10pm. A neighbour said the fire broke out at 9.40pm.",
                 "The fire broke out at 9.40pm, witnesses said.")
    assert _clock(d) == []
