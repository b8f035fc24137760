"""Vague dates keep their vagueness: a week, a month part or a range, never a made-up day."""

from __future__ import annotations

import datetime as dt

import pytest

from crosswire.extract.dates import extract_dates

REF = dt.date(2025, 6, 20)  # a Friday


def _only(text: str):
    (d,) = extract_dates(text, REF)
    return d


@pytest.mark.parametrize("text,value", [
    ("The bill is to be voted on Thursday, officials said.", "2025-06-26"),
    ("The bill, to be voted on Thursday, faces a fight in the upper house.", "2025-06-26"),
    ("Ministers are to meet on Thursday in Brussels.", "2025-06-26"),
    ("The council will vote on Thursday.", "2025-06-26"),
    # what already happened stays in the past
    ("The law was passed on Thursday.", "2025-06-19"),
    ("She became the first woman to be elected on Thursday.", "2025-06-19"),
])
def test_extract_dates_weekday_still_to_come_is_the_coming_one(text, value):
    assert _only(text).value == value


@pytest.mark.parametrize("text,start,end", [
    ("The demand was made in recent weeks by Elbridge Colby.", None, "2025-06-20"),
    ("A communiqué will be released next week.", "2025-06-23", "2025-06-29"),
    ("At the end of July, the harbour will reopen.", None, None),
])
def test_extract_dates_vague_expressions_are_intervals(text, start, end):
    d = _only(text)
    assert d.value and "/" in d.value
    a, b = d.value.split("/")
    assert start is None or a == start
    assert end is None or b == end
    if "July" in text:
        assert a.startswith("2025-07-") and b == "2025-07-31" and a != b
