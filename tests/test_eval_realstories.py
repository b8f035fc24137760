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


# ---------------------------------------------------------------- scoring rules on hand-made dossiers

import realstories_match as match  # noqa: E402

SENTENCES = {
    "a": ["The quake killed 10 people and injured 80 on Sunday.", "Officials said 10 people died in all."],
    "b": ["The quake killed three people, the governor said.", "Three strong aftershocks followed."],
    "c": ["Ten people were killed and 50 injured by the quake."],
}
GOLD = {
    "discrepancies": [{
        "about": "death toll", "kind": "numeric",
        "positions": [
            {"value": "10", "articles": {"a": "The quake killed 10 people and injured 80",
                                         "c": "Ten people were killed and 50 injured by the quake."}},
            {"value": "3", "articles": {"b": "The quake killed three people, the governor said."}}]}],
    "traps": [{"about": "aftershocks vs dead", "why": "different measures",
               "articles": {"b": "Three strong aftershocks followed.",
                            "a": "The quake killed 10 people and injured 80"}}],
    "core_facts": [{"fact": "the quake killed 10", "articles": {
        "a": "The quake killed 10 people and injured 80",
        "b": "The quake killed three people, the governor said.",
        "c": "Ten people were killed and 50 injured by the quake."}}],
    "copies": [{"a": "a", "b": "c", "passage": "..."}, {"a": "b", "b": "c", "passage": "..."}],
}


def story():
    return match.GoldStory(GOLD, SENTENCES)


def disc(*positions):
    return {"about": "x", "positions": [{"value": v, "articles": [a for a, _ in arts], "evidence": [e for _, e in arts]}
                                        for v, arts in positions]}


def test_eval_realstories_match_split_by_gold_values_matches():
    pred = disc(("10 people", [("a", SENTENCES["a"][0]), ("c", SENTENCES["c"][0])]),
                ("3 people", [("b", SENTENCES["b"][0])]))
    assert match.matches(pred, GOLD["discrepancies"][0], story())


def test_eval_realstories_match_a_position_mixing_gold_values_does_not_match():
    pred = disc(("10", [("a", SENTENCES["a"][0]), ("b", SENTENCES["b"][0])]),
                ("50", [("c", SENTENCES["c"][0])]))
    assert not match.matches(pred, GOLD["discrepancies"][0], story())


def test_eval_realstories_match_one_gold_value_on_both_sides_does_not_match():
    pred = disc(("10", [("a", SENTENCES["a"][0])]), ("ten", [("c", SENTENCES["c"][0])]))
    assert not match.matches(pred, GOLD["discrepancies"][0], story())


def test_eval_realstories_match_needs_the_evidence_and_the_value():
    # a's sentence holds its snippet, but the predicted value 80 cannot stand for its toll of 10
    pred = disc(("80 injured", [("a", SENTENCES["a"][0])]), ("3", [("b", SENTENCES["b"][0])]))
    assert not match.matches(pred, GOLD["discrepancies"][0], story())
    pred = disc(("10", [("a", "An unrelated sentence about the weather.")]), ("3", [("b", SENTENCES["b"][0])]))
    assert not match.matches(pred, GOLD["discrepancies"][0], story())


def test_eval_realstories_match_a_figure_restated_in_another_sentence_is_placed():
    pred = disc(("10 people", [("a", SENTENCES["a"][1])]), ("3", [("b", SENTENCES["b"][0])]))
    assert match.matches(pred, GOLD["discrepancies"][0], story())


def test_eval_realstories_match_counts_false_positives_and_trap_hits():
    good = disc(("10", [("a", SENTENCES["a"][0])]), ("3", [("b", SENTENCES["b"][0])]))
    trap = disc(("3 aftershocks", [("b", SENTENCES["b"][1])]), ("80 injured", [("a", SENTENCES["a"][0])]))
    scored = match.score_discrepancies([good, trap], story())
    assert (scored["pred"], scored["tp_pred"], scored["gold"], scored["tp_gold"]) == (2, 1, 1, 1)
    assert scored["trap_hits"] == 1 and scored["false_positives"][0][1] == ["aftershocks vs dead"]


def test_eval_realstories_match_lists_stray_positions_of_a_true_positive():
    pred = disc(("10", [("a", SENTENCES["a"][0])]), ("3", [("b", SENTENCES["b"][0])]),
                ("12 people", [("c", "More than a dozen people died in another quake in China.")]))
    scored = match.score_discrepancies([pred], story())
    assert scored["tp_pred"] == 1 and scored["true_positives"][0][2] == ["12 people"]


def test_eval_realstories_core_fact_alignment_takes_the_best_single_claim():
    claims = [{"text": "t", "support": [{"article": "a", "evidence": SENTENCES["a"][0]},
                                        {"article": "c", "evidence": SENTENCES["c"][0]}]},
              {"text": "u", "support": [{"article": "b", "evidence": SENTENCES["b"][0]}]}]
    assert match.score_core_facts(claims, story()) == [2 / 3]
    assert match.score_core_facts([], story()) == [0.0]


def test_eval_realstories_copy_recall_counts_copies_and_rewrites_either_way():
    lineage = [{"from": "c", "to": "a", "kind": "rewrites"}, {"from": "b", "to": "c", "kind": "cites"}]
    assert match.score_copies(lineage, story()) == (1, 2)


def test_eval_realstories_claim_stats_single_and_repeated():
    claims = [{"text": "Ten  dead", "support": [{"article": "a"}]},
              {"text": "ten dead", "support": [{"article": "b"}, {"article": "c"}]},
              {"text": "other", "support": [{"article": "a"}, {"article": "a"}]}]
    assert match.claim_stats(claims) == {"claims": 3, "single": 2 / 3, "repeated": 2}


# ---------------------------------------------------------------- the runner's helpers

from common import load_eval  # noqa: E402


def test_eval_realstories_date_from_url_reads_the_common_shapes():
    rs = load_eval("realstories")
    assert rs.date_from_url("http://articles.latimes.com/2005/nov/28/world/fg-quake28") == "2005-11-28"
    assert rs.date_from_url("http://www.foxnews.com/story/2007/04/11/detroit-office") == "2007-04-11"
    assert rs.date_from_url("http://x.net/view/20100505-268325/Deadly") == "2010-05-05"
    assert rs.date_from_url("http://usatoday30.usatoday.com/news/world/2005-11-27-iran-quake_x.htm") == "2005-11-27"
    assert rs.date_from_url("http://news.bbc.co.uk/2/hi/middle_east/4475546.stm") is None
    assert rs.date_from_url(None) is None


def test_eval_realstories_story_view_turns_article_ids_into_doc_ids():
    rs = load_eval("realstories")
    dossier = {"articles": [{"id": "h1", "source": "a"}, {"id": "h2", "source": "b"}],
               "discrepancies": [{"positions": [{"value": "1", "articles": ["h1"], "evidence": ["e"]}]}],
               "claims": [{"text": "t", "support": [{"article": "h2", "evidence": "e"}]}],
               "lineage": [{"from": "h1", "to": "Reuters", "kind": "cites"}]}
    view = rs.story_view([dossier])
    assert view["discrepancies"][0]["positions"][0]["articles"] == ["a"]
    assert view["claims"][0]["support"][0]["article"] == "b"
    assert (view["lineage"][0]["from"], view["lineage"][0]["to"]) == ("a", "Reuters")


def test_eval_realstories_number_pair_baseline_pairs_values_of_one_unit():
    import realstories_baselines as base
    docs = [{"doc_id": "a", "sentences": ["The quake killed 10 people."]},
            {"doc_id": "b", "sentences": ["The quake killed three people and 2 cows."]}]
    pred = base.numeric_baseline(docs)
    assert len(pred) == 1 and [p["articles"] for p in pred[0]["positions"]] == [["b"], ["a"]]


def test_eval_realstories_unknown_story_is_a_clear_error(capsys):
    assert load_eval("realstories").main(["--story", "99_nope", "--no-floor"]) == 2
    assert "no gold story '99_nope'" in capsys.readouterr().err


def test_eval_realstories_verifier_wants_a_measure_per_discrepancy(tmp_path):
    gold = verify.read_gold(verify.GOLD_DIR / "20_ecbplus.json")
    del gold["discrepancies"][1]["measure"]
    path = tmp_path / "20_ecbplus.json"
    path.write_text(__import__("json").dumps(gold), encoding="utf-8")
    with pytest.raises(verify.GoldError) as err:
        verify.verify(path)
    assert err.value.failures == ["20_ecbplus: discrepancies[1] (magnitude of the main quake): measure missing"]


@pytest.mark.slow
def test_eval_realstories_meets_pinned_floor():
    assert load_eval("realstories").main(["--no-baseline"]) == 0
