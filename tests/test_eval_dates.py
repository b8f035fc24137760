"""The date evaluation gate: ours on Recognizers-Text date specs stays above its floors."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parent.parent / "eval"
sys.path.insert(0, str(EVAL))
from common import load_eval  # noqa: E402


def _load():
    return load_eval("dates")


def test_eval_dates_floor_file_pins_real_metrics():
    floors = json.loads((EVAL / "dates_floor.json").read_text())
    assert floors and all(0 < v <= 1 for v in floors.values())


def test_eval_dates_reads_the_specs_with_their_bom_and_reference():
    cases = _load().load_cases()
    assert len(cases) > 500
    assert all(isinstance(c["ref"], dt.date) for c in cases)
    assert any(g["values"] for c in cases for g in c["gold"])


def test_eval_dates_interval_of_covers_dates_months_years_and_ranges():
    mod = _load()
    d = dt.date
    assert mod.interval_of("2025-06-20") == (d(2025, 6, 20), d(2025, 6, 20))
    assert mod.interval_of("2024-02") == (d(2024, 2, 1), d(2024, 2, 29))
    assert mod.interval_of("2025") == (d(2025, 1, 1), d(2025, 12, 31))
    assert mod.interval_of("2025-06-15/2025-06-17") == (d(2025, 6, 15), d(2025, 6, 17))
    assert mod.interval_of(None) is None


@pytest.mark.slow
def test_eval_dates_gate_passes(capsys):
    assert _load().main([]) == 0, capsys.readouterr().out
    out = capsys.readouterr().out
    assert "OURS" in out and "dateparser" in out


def test_eval_dates_accepts_the_inclusive_reading_of_named_month_and_year_ranges():
    mod = _load()
    d = dt.date
    years = mod._range("2014-01-01", "2018-01-01", "(2014-01-01,2018-01-01,P4Y)")
    assert (d(2014, 1, 1), d(2018, 12, 31)) in years
    months = mod._range("2018-03-01", "2018-05-01", "(XXXX-03-01,XXXX-05-01,P2M)")
    assert (d(2018, 3, 1), d(2018, 5, 31)) in months
    # a rolling span ("next 3 months") is not a named range: no month is added to its end
    rolling = mod._range("2016-11-08", "2017-02-08", "(2016-11-08,2017-02-08,P3M)")
    assert (d(2016, 11, 8), d(2017, 2, 28)) not in rolling


def test_eval_dates_lists_failures_by_kind():
    mod = _load()
    case = {"file": "x", "text": "Talks on July 1 and in 2020.", "ref": dt.date(2025, 1, 1),
            "gold": [{"start": 9, "end": 15, "values": [(dt.date(2025, 7, 1), dt.date(2025, 7, 1))]},
                     {"start": 23, "end": 27, "values": []}]}
    pred = [{"start": 9, "end": 15, "value": (dt.date(2024, 7, 1), dt.date(2024, 7, 1)), "text": "July 1"},
            {"start": 0, "end": 5, "value": None, "text": "Talks"}]
    assert len(mod.failures([case], [pred], "value")) == 1
    assert len(mod.failures([case], [pred], "miss")) == 1
    assert len(mod.failures([case], [pred], "false")) == 1
