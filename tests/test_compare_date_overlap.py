"""Two dates of one fact agree when one may hold the other or an interval meets a period."""

from __future__ import annotations


def test_an_interval_meeting_a_year_is_one_date():
    from crosswire.compare.discrepancies import _dates_agree

    assert _dates_agree("2010-09/2011-01", "2010")
    assert _dates_agree("2011", "2010-09/2011-01")
    assert not _dates_agree("2010-09/2011-01", "2012")
    assert not _dates_agree("2010", "2011")
