"""A plain-text article's header dateline gives its publication day even when a time, a
weekday, an ordinal, a zone or a label sits around the date ("7: 00pm UK, Wednesday 05 May
2010", "Published at 12:45, Wednesday, 12 June 2013"); a "Last updated" line gives the update
day, not the publication day; and a dateline that ends on "AM" is not glued to the body's first
line. Lines written for these tests.
"""

from __future__ import annotations

import pytest

from crosswire.ingest.clean import clean_plain_text

BODY = ("Flood water rose through the lower town of Varna overnight, forcing hundreds of families "
        "from their homes, officials said on the morning after the river burst its banks.\n"
        "Rescue boats worked through the night and the army was called in to help.")


@pytest.mark.parametrize("dateline, day", [
    ("7: 00pm UK, Wednesday 05 May 2010", "2010-05-05"),
    ("11: 39am UK, Monday 09 September 2013", "2013-09-09"),
    ("Published at 12:45, Wednesday, 12 June 2013", "2013-06-12"),
    ("8: 56am Monday 10th June 2013", "2013-06-10"),
    ("Friday, Sep 10, 2010 | Updated 8:52 PM EDT", "2010-09-10"),
    ("THURSDAY, DECEMBER 3, 2009, 9:36 AM", "2009-12-03"),
])
def test_header_dateline_gives_the_publication_day(dateline, day):
    found = clean_plain_text(f"River bursts its banks in Varna\n{dateline}\n{BODY}")
    assert found.published == day
    assert not any(dateline in p for p in found.paragraphs), found.paragraphs


def test_last_updated_line_gives_the_update_day_only():
    found = clean_plain_text(f"River bursts its banks in Varna\nLast updated at 11:24, Tuesday, 18 June 2013\n{BODY}")
    assert found.published is None
    assert found.updated == "2013-06-18"
