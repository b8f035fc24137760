"""The real-stories evaluation: the gold stands on the ECB+ texts, the scoring rules, the floor."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))

import realstories_verify as verify


def test_eval_realstories_every_gold_file_stands_on_its_text():
    paths = verify.gold_files()
    assert paths, "no gold story in eval/data/realstories/"
    stories = verify.verify_all(paths)
    assert {g["story"] for g in stories} == {p.stem for p in paths}


def test_eval_realstories_verifier_names_a_snippet_that_is_not_verbatim(tmp_path):
    gold = verify.read_gold(verify.GOLD_DIR / "20_ecbplus.json")
    gold["core_facts"][0]["articles"]["20_3ecbplus"] = "flattening eight villages and killing 10 people, officials said"
    path = tmp_path / "20_ecbplus.json"
    path.write_text(__import__("json").dumps(gold), encoding="utf-8")
    with pytest.raises(verify.GoldError) as err:
        verify.verify(path)
    assert any("core_facts[0]" in f and "not verbatim" in f for f in err.value.failures)


def test_eval_realstories_verifier_wants_the_value_in_its_snippet():
    assert verify.value_in_snippet("3", "four villages had been destroyed and three people killed")
    assert verify.value_in_snippet("120,000", "home to 120,000 people")
    assert not verify.value_in_snippet("10", "killing at least three people")
    assert verify.value_in_snippet("arrested", "police said they arrest him on Friday")
    assert not verify.value_in_snippet("10:30 a.m.", "gunfire around 10 a.m.")


def test_eval_realstories_verifier_reads_split_thousands_and_two_unit_values():
    assert verify.value_in_snippet("2,000", "falling around 2, 000ft while climbing")
    assert verify.value_in_snippet("2,000 ft (about 600 m)", "fell about 600m while climbing")
    assert verify.value_in_snippet("30 miles / 48 km", "chased him for 48km")
    assert not verify.value_in_snippet("2,000 ft (about 600 m)", "fell about 200ft")


def test_eval_realstories_verifier_rejects_cross_sentence_and_foreign_articles(tmp_path):
    gold = verify.read_gold(verify.GOLD_DIR / "20_ecbplus.json")
    gold["traps"][0]["articles"]["20_1ecbplus"] = (
        "officials say. The 6.1-magnitude quake struck Qeshm island")
    gold["traps"][1]["articles"]["3_1ecb"] = "the man who killed four people in a brazen courthouse escape"
    path = tmp_path / "20_ecbplus.json"
    path.write_text(__import__("json").dumps(gold), encoding="utf-8")
    with pytest.raises(verify.GoldError) as err:
        verify.verify(path)
    text = "\n".join(err.value.failures)
    assert "traps[0]" in text and "more than one sentence" in text
    assert "traps[1]" in text and "not one of the story's articles" in text


def test_eval_realstories_verifier_reports_malformed_json_without_traceback(tmp_path):
    path = tmp_path / "20_ecbplus.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(verify.GoldError) as err:
        verify.verify(path)
    assert "unreadable JSON" in err.value.failures[0]
    assert verify.main([str(path)]) == 1
