"""Outcome disagreements (cancelled vs postponed) name whom each side credits, and the articles
that tell both sides. Texts written for these tests; the real pipeline runs on them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import crosswire
from crosswire.models import RawDocument

# the two articles in either order: their order follows ids, which follow the folder's path
_BOTH = re.compile(r"(?:PEN and EconoTimes|EconoTimes and PEN) tell both")
LEAD = "Japan and the United States were to hold security talks in Washington on July 1 this year.\n"


def _status(tmp_path, *texts: str):
    raw = [RawDocument(source=f"outlet{i}.txt", content=t, published="2025-06-21") for i, t in enumerate(texts)]
    with crosswire.Store(tmp_path / "crosswire.db") as store:
        (d,) = store.analyze(raw).stories
        return [x for x in d.discrepancies if x.kind == "status"]


def test_compare_outcomes_note_names_whom_each_side_credits(tmp_path):
    (x,) = _status(
        tmp_path,
        LEAD + "Tokyo cancelled the meeting after Washington demanded more defence spending, the Financial Times "
               "reported.\nOfficials in Tokyo said the decision to cancel the meeting was also related to the elections.",
        LEAD + "Japan has cancelled the meeting after pressure from Washington on defence spending, according to the "
               "Financial Times.\nWhile a U.S. official told Reuters the talks were postponed, no formal reason was given.",
    )
    assert "crediting a U.S. official" in x.note, x.note
    assert "crediting officials in Tokyo" in x.note, x.note


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = Path(__file__).resolve().parent.parent / "examples" / "japan-2plus2"
    with crosswire.Store(tmp_path_factory.mktemp("demo") / "demo.db") as store:
        (d,) = store.analyze([str(folder)]).stories
        return d


@pytest.mark.slow
def test_compare_outcomes_demo_articles_on_both_sides_are_said_to_tell_both(demo):
    # PEN and EconoTimes tell "cancelled" (crediting the FT) and "postponed" (a U.S. official)
    two_sided = [x for x in demo.discrepancies if x.kind == "status"
                 and set(x.positions[0].articles) & set(x.positions[1].articles)]
    assert two_sided, [x.note for x in demo.discrepancies]
    for x in two_sided:
        assert _BOTH.search(x.note), x.note


@pytest.mark.slow
def test_compare_outcomes_demo_summary_tells_an_article_once(demo):
    (line,) = [s.text for s in demo.summary if s.text.startswith("Accounts disagree on what happened")]
    assert _BOTH.search(line) and "tell both cancel and postpone" in line, line
    assert line.count("PEN") == 1, line
