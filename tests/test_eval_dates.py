"""The date evaluation gate: ours on Recognizers-Text date specs stays above its floors."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parent.parent / "eval"


def _load():
    spec = importlib.util.spec_from_file_location("eval_dates", EVAL / "dates.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


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
