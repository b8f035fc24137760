"""Timeline dates keep the precision of their words, and the story's own main event is on it."""

from __future__ import annotations

import re

import pytest

import crosswire
from crosswire.compare.timeline import REPORTED, timeline_date
from crosswire.models import RawDocument

BODY = [
    "The port authority of Valmora has closed the northern harbour after a chemical spill, officials said.",
    "The new safety demand was made in recent weeks by inspectors from the national maritime agency.",
    "A report on the spill will be released next week, the agency said.",
    "At the end of July, the harbour will reopen to cargo ships if tests are clean.",
    "Fishermen said the closure would cost them dearly during the summer season.",
]


def _doc(outlet: str, published: str, extra: str) -> RawDocument:
    return RawDocument(source=f"{outlet.lower().replace(' ', '-')}.txt", outlet=outlet, published=published,
                       title="Valmora harbour closed after chemical spill", content="\n\n".join(BODY + [extra]))


@pytest.fixture(scope="module")
def dossier(tmp_path_factory):
    docs = [_doc("Harbor Gazette", "2025-06-20", "Local shops reported fewer visitors on the seafront."),
            _doc("Valley Times", "2025-06-21", "The mayor asked the government for emergency funds.")]
    with crosswire.Store(tmp_path_factory.mktemp("timeline") / "crosswire.db") as store:
        (d,) = store.analyze(docs).stories
    return d


def _entry(d, words: str):
    return [t for t in d.timeline if words in t.text]


def test_compare_timeline_vague_expressions_get_no_false_day(dossier):
    # "in recent weeks" (late May to June 20) is no day, no month: it has no point at all.
    assert not _entry(dossier, "in recent weeks")
    # "next week" (June 23-29) and "at the end of July" are placed at their month, not a day.
    assert [t.date for t in _entry(dossier, "released next week")] == ["2025-06"]
    assert [t.date for t in _entry(dossier, "end of July")] == ["2025-07"]
    assert all(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", t.date) for t in dossier.timeline)


def test_compare_timeline_has_the_story_main_event_at_first_report(dossier):
    first = dossier.articles[0].id if dossier.articles[0].published == "2025-06-20" else dossier.articles[1].id
    main = [t for t in dossier.timeline if t.text.startswith(REPORTED)]
    assert len(main) == 1
    assert "closed the northern harbour" in main[0].text
    assert main[0].date == "2025-06-20" and main[0].articles == [first]


@pytest.mark.parametrize("value,expected", [
    ("2025-06-20", "2025-06-20"), ("2025-06", "2025-06"), ("2025", "2025"),
    ("2025-06-15/2025-06-17", "2025-06-15"),  # an explicit short range: its first day
    ("2025-06-23/2025-06-29", "2025-06"),  # a week inside one month
    ("2025-07-16/2025-07-31", "2025-07"),  # the end of July
    ("2025-05-23/2025-06-20", None),  # in recent weeks, across two months: no point
    ("2025-06-30/2025-07-06", None),  # a week across two months
    ("2025-07-01/2025-12-31", "2025"),  # the second half of the year
    ("2025-03/2025-05", "2025"), ("2024-11/2025-02", None),
    ("2025-06-20/2025-06-01", None), (None, None),
])
def test_compare_timeline_date_precision(value, expected):
    assert timeline_date(value) == expected


def test_compare_timeline_keeps_a_figure_whole(tmp_path):
    text = ("Thieves struck the Riviera again on Sunday, police in Nice said. "
            "In May, thieves stole £910,000 worth of jewellery from an employee of a Swiss firm in Cannes. "
            "Police have made no arrests in either case.")
    docs = [RawDocument(source=f"{o}.txt", outlet=o, published="2013-07-29", title="Riviera jewel theft",
                        content=text) for o in ("Riviera Post", "Coast Daily")]
    with crosswire.Store(tmp_path / "crosswire.db") as store:
        (d,) = store.analyze(docs).stories
    (may,) = [t for t in d.timeline if t.date == "2013-05"]
    assert "£910,000 worth of jewellery" in may.text
    assert not re.search(r"£910(?!,000)", may.text)


def test_compare_timeline_html_claim_dates_keep_their_precision(dossier):
    from crosswire.report.html import render_html

    page = render_html(dossier)
    assert "about 2025-05-23" not in page  # "in recent weeks" is no day
    assert "about 2025-06-23" not in page and "about 2025-07-16" not in page
    assert "about 2025-07<" in page or "about 2025-07</p>" in page
