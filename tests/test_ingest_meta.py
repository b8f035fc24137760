"""Metadata recognisers: each reads only what a line proves."""

from __future__ import annotations

import pytest

from crosswire.ingest import meta


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Published JUN 20 2025", ("published", "2025-06-20")),
        ("Updated JUN 20 2025, 19:51", ("updated", "2025-06-20")),
        ("July 21, 2025", ("published", "2025-07-21")),
        ("Posted on Monday, 3 March 2024", ("published", "2024-03-03")),
        ("Last updated: 2023-11-02T10:00:00Z", ("updated", "2023-11-02")),
        ("Sept. 9, 2021 at 5:30 p.m. EDT", ("published", "2021-09-09")),
    ],
)
def test_meta_reads_date_lines(line, expected):
    assert meta.parse_date_line(line) == expected


@pytest.mark.parametrize("line", ["The talks were due on July 1, 2025 in Washington.", "February 30, 2024", "2+2"])
def test_meta_ignores_dates_inside_prose_and_impossible_dates(line):
    assert meta.parse_date_line(line) is None


@pytest.mark.parametrize(
    "line, authors",
    [
        ("By Jane Smith", ["Jane Smith"]),
        ("By Jane Smith and Ali Khan", ["Jane Smith", "Ali Khan"]),
        ("Demetri Sevastopulo in Washington, **Leo Lewis** in Tokyo and **Henry Foy** in Brussels",
         ["Demetri Sevastopulo", "Leo Lewis", "Henry Foy"]),
        ("By Mary-Kate O'Neil, staff writer", ["Mary-Kate O'Neil"]),
    ],
)
def test_meta_reads_bylines(line, authors):
    assert meta.parse_byline(line) == authors


@pytest.mark.parametrize("line", ["Trade Tensions and Domestic Politics", "Political and Strategic Context",
                                  "Japan Cancels Talks", "By the way, nothing happened."])
def test_meta_does_not_take_headings_for_bylines(line):
    assert meta.parse_byline(line) is None


@pytest.mark.parametrize(
    "line, outlet",
    [
        ("Copyright The Financial Times Limited 2025. All rights reserved.", "Financial Times"),
        ("© 2024 Baltic Wire Ltd. All rights reserved.", "Baltic Wire"),
        ("Copyright © 2019 The Washington Post Company", "Washington Post Company"),
        ("(c) Reuters 2023", "Reuters"),
    ],
)
def test_meta_reads_outlet_from_copyright(line, outlet):
    assert meta.outlet_from_copyright(line) == outlet


def test_meta_reads_dateline_and_welcome_and_url():
    assert meta.split_dateline("ISLAMABAD (PEN) : Japan has called off talks.") == ("ISLAMABAD", "PEN", "Japan has called off talks.")
    assert meta.split_dateline("WASHINGTON (Reuters) - The Senate voted.")[1] == "Reuters"
    assert meta.split_dateline("Japan (and Korea) said no.") is None
    assert meta.outlet_from_welcome("Welcome to EconoTimes") == "EconoTimes"
    assert meta.outlet_from_url("https://www.ft.com/content/abc") == "Financial Times"
    assert meta.outlet_from_url("https://asia.nikkei.com/Politics/x") == "Nikkei"
    assert meta.outlet_from_url("https://www.example.org/news/1") == "example.org"
    assert meta.outlet_from_url("not a url") is None


def test_meta_content_id_ignores_case_and_spacing():
    assert meta.content_id("Hello  World\n") == meta.content_id("hello world")
    assert meta.content_id("Hello World") != meta.content_id("Hello Word")
