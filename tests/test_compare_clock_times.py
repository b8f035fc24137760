"""Times of day: two articles giving one event different clock times.

Texts written for these tests; the real pipeline (extraction and comparison) runs on them.
"""

from __future__ import annotations

from crosswire.compare.clock_times import agree, clock_times, event_time
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


def test_clock_times_two_bounds_do_not_disagree(tmp_path):
    d = _dossier(tmp_path,
                 "The flames were put out by 7 a.m. on Saturday after crews worked through the night.",
                 "The flames were put out by 6.40am on Saturday after crews worked through the night.")
    assert not _clock(d), [(x.about, [p.value for p in x.positions]) for x in _clock(d)]


def test_clock_times_a_page_stamp_is_not_an_event_time():
    for text in ("UPDATED: SATURDAY, MARCH 5, 2011, 9:36 AM The fire broke out in a storeroom.",
                 "Published: March 5, 2011 9:09 AM The fire broke out in a storeroom.",
                 "Votes counted as of 4:00 p.m. local time showed a clear lead."):
        (t,) = clock_times(text)
        assert not event_time(text, t), text
    text = "The fire broke out at 9:36 AM in a storeroom."
    assert event_time(text, clock_times(text)[0])


def test_clock_times_a_half_hour_may_round_a_few_minutes(tmp_path):
    close = _dossier(tmp_path, "The first emergency call came in at 3:30 a.m., the fire chief said.",
                     "The first emergency call came in at 3:33 a.m., the fire chief said.")
    assert not _clock(close)
    (tmp_path / "apart").mkdir()
    apart = _dossier(tmp_path / "apart", "The first emergency call came in at 3:30 a.m., the fire chief said.",
                     "The first emergency call came in at 3:50 a.m., the fire chief said.")
    assert len(_clock(apart)) == 1
