"""The quote evaluation gate: ours on PolNeAR train and dev stays above its floors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parent.parent / "eval"
sys.path.insert(0, str(EVAL))
from common import check_floors, flat, load_eval, load_floor  # noqa: E402


def _load():
    return load_eval("quotes")


def test_eval_quotes_floor_file_pins_real_metrics():
    floors = json.loads((EVAL / "quotes_floor.json").read_text())
    assert floors and all(0 < v <= 1 for v in floors.values())
    assert {k.rsplit(".", 1)[0] for k in floors} <= {"crosswire.train", "crosswire.dev"}


def test_eval_quotes_data_has_train_and_dev_only():
    rows = _load().load()
    assert {r["split"] for r in rows} == {"train", "dev"}
    assert sum(r["split"] == "dev" for r in rows) == 84
    for r in rows:
        for att in r["attributions"]:
            for a, b in att["content"]:
                assert 0 <= a < b <= len(r["text"])


def test_eval_quotes_gold_name_is_the_head_not_the_modifier():
    mod = _load()
    assert mod.head_name("Trump attorney Alan Garten") == "Alan Garten"
    assert mod.head_name("Ryan\u2019s spokeswoman, AshLee Strong") == "AshLee Strong"
    assert mod.head_name("Rep. Jerry Nadler") == "Jerry Nadler"
    assert mod.head_name("Matt Borges, chairman of the Ohio Republican Party") == "Matt Borges"
    assert mod.head_name("White House press secretary Josh Earnest") == "Josh Earnest"
    assert mod.head_name("he") is None
    assert mod.same_person("Hillary Clinton", "Clinton")
    assert not mod.same_person("Donald Trump", "Alan Garten")


def test_eval_quotes_scorer_counts_overlap_and_speaker():
    mod = _load()
    gold = [[{"start": 1, "end": 10, "source": [12, 17], "name": "Smith"}]]
    right = [[{"start": 1, "end": 10, "speaker": "Ann Smith", "speaker_span": None}]]
    wrong = [[{"start": 1, "end": 10, "speaker": "Bob Jones", "speaker_span": None}]]
    miss = [[{"start": 20, "end": 30, "speaker": "Ann Smith", "speaker_span": None}]]
    assert mod.score(gold, right)["f1"] == 1.0 and mod.score(gold, right)["speaker_acc"] == 1.0
    assert mod.score(gold, wrong)["speaker_acc"] == 0.0
    assert mod.score(gold, miss)["f1"] == 0.0
    ignored = [[{"start": 20, "end": 30, "source": None, "name": None, "ignore": True}]]
    assert mod.score(ignored, miss)["n_pred"] == 0  # a partial quote is neither right nor wrong


def test_eval_quotes_quoted_spans_know_archive_and_guillemet_marks():
    mod = _load()
    text = "He said ''we will win the race.'' Then: \u00abNous gagnerons.\u00bb"
    got = [text[a:b] for a, b in mod.quoted_spans(text)]
    assert got == ["we will win the race.", "Nous gagnerons."]


@pytest.mark.slow
def test_eval_quotes_above_floors(nlp):
    mod = _load()
    results = mod.run(mod.load(), nlp, baseline=False)
    measured = flat({k: {m: v for m, v in r.items() if m in ("precision", "recall", "f1", "speaker_acc")}
                     for k, r in results.items()})
    assert check_floors(measured, load_floor("quotes")) == []


def test_eval_quotes_gold_name_skips_a_place_before_a_title():
    mod = _load()
    assert mod.head_name("California Rep. Duncan Hunter\u2019s chief of staff, Joe Kasper,") == "Joe Kasper"
    assert mod.head_name("New Hampshire Sen. Kelly Ayotte\u2019s campaign") == "Kelly Ayotte"


def test_eval_quotes_gold_name_drops_a_coreference_chain_ending_on_a_place_or_date():
    mod = _load()
    assert mod.gold_name("he", "United States", "LOCATION") is None
    assert mod.gold_name("he", "Thursday", "DATE") is None
    assert mod.gold_name("he", "Michael Mukasey", "PERSON") == "Michael Mukasey"
    assert mod.gold_name("Paul Ryan", "Republican", "MISC") == "Paul Ryan"


def test_eval_quotes_data_keeps_the_corenlp_type_of_coreference_names():
    rows = _load().load()
    typed = [a for r in rows for a in r["attributions"] if a.get("source_coref")]
    assert typed and all(a.get("source_coref_ner") for a in typed)
