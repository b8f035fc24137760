"""The quantity evaluation gate: ours on quantulum3's tests and the news set stays above its floors."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parent.parent / "eval"


def _load():
    spec = importlib.util.spec_from_file_location("eval_quantities", EVAL / "quantities.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_eval_quantities_floor_file_pins_real_metrics():
    floors = json.loads((EVAL / "quantities_floor.json").read_text())
    assert floors and all(0 < v <= 1 for v in floors.values())
    assert {k.rsplit(".", 1)[0] for k in floors} <= {"quantulum3", "quantulum3-ambiguity", "news"}


def test_eval_quantities_news_gold_is_consistent():
    mod = _load()
    cases = mod.load_news(EVAL / "data" / "news_quantities.jsonl")
    assert 20 <= len(cases) <= 150
    for c in cases:
        for g in c["gold"]:
            assert 0 <= g["start"] < g["end"] <= len(c["text"])


def test_eval_quantities_scorer_counts_overlap_class_and_value():
    mod = _load()
    case = {"text": "It cost $5 billion.", "gold": [{"start": 8, "end": 18, "value": 5e9, "cls": "currency"}]}
    right = [{"start": 8, "end": 18, "value": 5e9, "cls": "currency"}]
    wrong_value = [{"start": 8, "end": 18, "value": 5.0, "cls": "currency"}]
    wrong_class = [{"start": 8, "end": 18, "value": 5e9, "cls": "dimensionless"}]
    assert mod.score([case], [right])["f1"] == 1.0
    assert mod.score([case], [wrong_value])["f1"] == 0.0
    assert mod.score([case], [wrong_class])["f1"] == 0.0


def test_eval_quantities_rate_units_meet_in_one_class():
    mod = _load()
    assert mod.our_class("km/h") == mod.quantulum_class("kilometre per hour") == "speed"
    assert mod.our_class("kg/cm3") == mod.quantulum_class("kilogram per cubic centimetre")
    assert mod.our_class("L/km") == mod.quantulum_class("litre per kilometre") == "volume per length"
    assert mod.our_class("mg/L") != mod.our_class("mg")


def test_eval_quantities_conversion_range_scores_its_midpoint():
    mod = _load()
    text = "an 8- to 16-meter (320- to 640-inch) mirror"
    got = [p["value"] for p in mod.ours(text, None)]
    assert got == [12.0, 480.0]


@pytest.mark.slow
def test_eval_quantities_gate_passes(capsys):
    assert _load().main([]) == 0, capsys.readouterr().out
    out = capsys.readouterr().out
    assert "OURS" in out and "quantulum3" in out
