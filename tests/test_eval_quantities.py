"""The quantity evaluation gate: ours on quantulum3's tests and the news set stays above its floors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parent.parent / "eval"
sys.path.insert(0, str(EVAL))
from common import load_eval  # noqa: E402


def _load():
    return load_eval("quantities")


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


def _cli_items(record: dict) -> list[tuple]:
    out = []
    for q in record["quantities"]:
        for item in (q, *q.get("alternatives", [])):
            upper = item.get("upper")
            value = (item["amount"] + upper) / 2 if upper is not None else item["amount"]
            out.append((item["start"], item["end"], round(value, 6), item["unit"]))
    return sorted(out)


def test_eval_quantities_scores_what_crosswire_extract_prints(tmp_path):
    # The scorer calls extract_quantities in-process for speed; this holds it to the CLI's output
    # on every scored sentence, so the figures are those of `crosswire extract`.
    import subprocess
    import sys

    from crosswire.nlp import load_nlp

    mod = _load()
    cases = (mod.load_quantulum(EVAL / "data" / "quantulum3" / "quantities.json")
             + mod.load_news(EVAL / "data" / "news_quantities.jsonl"))
    src = tmp_path / "cases.jsonl"
    src.write_text("".join(json.dumps({"id": str(i), "text": c["text"]}) + "\n" for i, c in enumerate(cases)),
                   encoding="utf-8")
    cli = Path(sys.executable).with_name("crosswire")
    out = subprocess.run([str(cli), "extract", str(src)], capture_output=True, text=True, check=True).stdout
    printed = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in printed] == [str(i) for i in range(len(cases))]
    nlp = load_nlp()
    for case, record in zip(cases, printed):
        scored = sorted((p["start"], p["end"], round(p["value"], 6), p["unit"]) for p in mod.ours(case["text"], nlp(case["text"])))
        assert _cli_items(record) == scored, case["text"]
