"""The altered-copy generator and the discrepancy evaluation gate."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parent.parent / "eval"
sys.path.insert(0, str(EVAL))

import make_altered as ma

TEXT = (
    "The Lakeside festival was cancelled on Friday after 14 vendors withdrew, according to "
    "the Lakeside Tribune. Organisers said a volunteer was arrested on March 3 for theft."
)


def _by_kind(copies):
    return {c.alteration: c for c in copies}


def test_eval_make_altered_is_seeded():
    a = ma.make_altered("d1", TEXT, "2020-03-10", seed=5)
    b = ma.make_altered("d1", TEXT, "2020-03-10", seed=5)
    assert [(c.alteration, c.text, c.published) for c in a] == [(c.alteration, c.text, c.published) for c in b]


def test_eval_make_altered_plants_each_kind():
    copies = _by_kind(ma.make_altered("d1", TEXT, "2020-03-10", seed=5))
    assert copies["number"].expected == "numeric" and "14 vendors" not in copies["number"].text
    assert "postponed" in copies["status"].text and "cancelled" not in copies["status"].text
    assert "was not arrested" in copies["negate"].text
    assert copies["date"].text != TEXT and copies["date"].expected == "temporal"
    assert "Lakeside Tribune" not in copies["swap_source"].text
    assert "according to" not in copies["drop_source"].text and copies["drop_source"].expected is None
    assert copies["control"].expected is None


def test_eval_make_altered_stale_moves_publication_after_upcoming_event():
    copies = _by_kind(ma.make_altered("d1", TEXT, "2020-03-01", seed=5, future_dates=["2020-03-03"]))
    stale = copies["stale"]
    assert stale.text == TEXT and stale.published > "2020-03-03" and stale.expected == "anachronism"


def test_eval_make_altered_restricts_to_given_spans():
    start = TEXT.index("14")
    rng = random.Random(1)
    _, detail = ma.alter_number(TEXT, rng, [(start, start + 2)])
    assert detail.startswith("14 ->")
    assert ma.alter_number(TEXT, rng, []) is None


@pytest.mark.slow
def test_eval_discrepancies_gate_passes_floors():
    import discrepancies

    assert discrepancies.main(["--docs", "60"]) == 0
