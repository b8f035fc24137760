"""The Recognizers-Text NumberWithUnit gate: ours stays above its floors; the matching rule holds."""

from __future__ import annotations

import json
import sys
from pathlib import Path

EVAL = Path(__file__).resolve().parent.parent / "eval"
sys.path.insert(0, str(EVAL))
from common import load_eval  # noqa: E402


def _load():
    return load_eval("quantities_recognizers")


def test_recognizers_gold_offsets_and_counts_are_intact():
    mod = _load()
    sizes = {}
    for model in mod.SETS:
        cases, skipped = mod.load_set(model)
        sizes[model] = (len(cases), sum(len(c["gold"]) for c in cases), skipped["cases"])
        for c in cases:
            for g in c["gold"]:
                assert 0 <= g["start"] < g["end"] <= len(c["text"])
                assert g["cls"] in mod.SCOPE[model]
    assert sizes == {"currency": (121, 125, 7), "dimension": (78, 71, 14), "temperature": (32, 32, 1)}


def test_recognizers_match_needs_overlap_class_value_and_currency():
    mod = _load()
    # Spans in "the price ranges between c $ 16.4 million and 50 cents".
    cad = {"unit": "Canadian dollar", "isoCurrency": "CAD", "value": "16400000"}
    cls, code, factor = mod.gold_unit(cad, "currency")
    gold = {"start": 25, "end": 41, "cls": cls, "code": code, "value": 16.4e6 * factor}
    right = {"start": 27, "end": 41, "cls": "currency", "code": "CAD", "value": 16.4e6}
    assert mod.match(right, gold)
    assert not mod.match({**right, "code": "USD"}, gold)  # "$" read as US dollars
    assert mod.match({**right, "code": "USD"}, gold, strict=False)
    assert not mod.match({**right, "value": 16.4}, gold)  # scale word lost
    assert not mod.match({**right, "start": 46, "end": 54}, gold)  # no overlap
    assert not mod.match({**right, "cls": "dimensionless"}, gold)
    # Gold cents are hundredths of a US dollar, as crosswire reports them.
    cls, code, factor = mod.gold_unit({"unit": "Cent", "value": "50"}, "currency")
    cents = {"start": 46, "end": 54, "cls": cls, "code": code, "value": 50 * factor}
    assert mod.match({"start": 46, "end": 54, "cls": "currency", "code": "USD", "value": 0.5}, cents)
    assert not mod.match({"start": 46, "end": 54, "cls": "currency", "code": "USD", "value": 50.0}, cents)
    # A bare "Dollar" is USD; a pound in the dimension set is a mass, not sterling.
    assert mod.gold_unit({"unit": "Dollar"}, "currency")[1] == "USD"
    assert mod.gold_unit({"unit": "Pound", "subtype": "Weight"}, "dimension")[0] == "mass"
    assert mod.gold_unit({"unit": "Gallon", "subtype": "Weight"}, "dimension")[0] == "volume"


def test_recognizers_score_counts_only_in_scope_predictions_once():
    mod = _load()
    case = {"text": "sales rose 6 % to $ 1.45 billion .",
            "gold": [{"start": 18, "end": 32, "cls": "currency", "code": "USD", "value": 1.45e9}]}
    hit = {"start": 18, "end": 32, "cls": "currency", "code": "USD", "value": 1.45e9}
    pct = {"start": 11, "end": 14, "cls": "percent", "code": None, "value": 6.0}
    r = mod.score("currency", [case], [[hit, pct, dict(hit)]])
    assert (r["tp"], r["pred"], r["gold"]) == (1, 2, 1)  # the percent is out of scope; a duplicate is not


def test_recognizers_ours_stays_above_floors():
    mod = _load()
    from crosswire.nlp import load_nlp

    floors = json.loads((EVAL / "quantities_recognizers_floor.json").read_text())
    nlp = load_nlp()
    measured = {}
    for model in mod.SETS:
        r, _, _ = mod.run_ours(model, nlp)
        measured.update({f"{model}.{k}": r[k] for k in ("precision", "recall", "f1")})
    assert [k for k in floors if not k.startswith("_")], "no floors pinned"
    below = {k: (round(measured[k], 3), v) for k, v in floors.items()
             if not k.startswith("_") and measured[k] < v}
    assert not below, below
