"""The claim-alignment evaluation: its ECB+ gold, its evidence mapping, and the pinned floors."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))

from common import check_floors, load_eval, load_floor

ca = load_eval("claim_alignment")
events = ca.gold_data  # the very module the eval reads its gold with

# Two documents of one subtopic. Document a, sentence 0: "Reid entered rehab and thanked fans"
# holds three events: enter (ACT1), thank (ACT2, linked), and "said" (unlinked). Document b,
# sentence 0: "Reid entered rehab" (ACT1); sentence 1: "Reid thanked fans and entered rehab"
# (ACT2, ACT1); sentence 2: "Reid was there", only an entity chain (HUM1) and no event.
DOC_A = """<Document doc_name="9_1ecb.xml">
<token t_id="1" sentence="0" number="0">Reid</token>
<token t_id="2" sentence="0" number="1">entered</token>
<token t_id="3" sentence="0" number="2">rehab</token>
<token t_id="4" sentence="0" number="3">and</token>
<token t_id="5" sentence="0" number="4">thanked</token>
<token t_id="6" sentence="0" number="5">fans</token>
<token t_id="7" sentence="0" number="6">,</token>
<token t_id="8" sentence="0" number="7">she</token>
<token t_id="9" sentence="0" number="8">said</token>
<Markables>
<HUMAN_PART_PER m_id="1"><token_anchor t_id="1"/></HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="2"><token_anchor t_id="2"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="3"><token_anchor t_id="5"/></ACTION_OCCURRENCE>
<ACTION_REPORTING m_id="4"><token_anchor t_id="9"/></ACTION_REPORTING>
<ACTION_OCCURRENCE m_id="20" TAG_DESCRIPTOR="t9_enter_rehab" instance_id="ACT1"/>
<ACTION_OCCURRENCE m_id="21" TAG_DESCRIPTOR="t9_thank" instance_id="ACT2"/>
<HUMAN_PART_PER m_id="22" TAG_DESCRIPTOR="t9_reid" instance_id="HUM1"/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1"><source m_id="2"/><target m_id="20"/></CROSS_DOC_COREF>
<CROSS_DOC_COREF r_id="2"><source m_id="3"/><target m_id="21"/></CROSS_DOC_COREF>
<CROSS_DOC_COREF r_id="3"><source m_id="1"/><target m_id="22"/></CROSS_DOC_COREF>
</Relations>
</Document>"""

DOC_B = """<Document doc_name="9_2ecb.xml">
<token t_id="1" sentence="0" number="0">Reid</token>
<token t_id="2" sentence="0" number="1">entered</token>
<token t_id="3" sentence="0" number="2">rehab</token>
<token t_id="4" sentence="1" number="0">Reid</token>
<token t_id="5" sentence="1" number="1">thanked</token>
<token t_id="6" sentence="1" number="2">fans</token>
<token t_id="7" sentence="1" number="3">and</token>
<token t_id="8" sentence="1" number="4">entered</token>
<token t_id="9" sentence="1" number="5">rehab</token>
<token t_id="10" sentence="2" number="0">Reid</token>
<token t_id="11" sentence="2" number="1">was</token>
<token t_id="12" sentence="2" number="2">there</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="2"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="2"><token_anchor t_id="5"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="3"><token_anchor t_id="8"/></ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="4"><token_anchor t_id="10"/></HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="20" TAG_DESCRIPTOR="t9_enter_rehab" instance_id="ACT1"/>
<ACTION_OCCURRENCE m_id="21" TAG_DESCRIPTOR="t9_thank" instance_id="ACT2"/>
<HUMAN_PART_PER m_id="22" TAG_DESCRIPTOR="t9_reid" instance_id="HUM1"/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1"><source m_id="1"/><source m_id="3"/><target m_id="20"/></CROSS_DOC_COREF>
<CROSS_DOC_COREF r_id="2"><source m_id="2"/><target m_id="21"/></CROSS_DOC_COREF>
<CROSS_DOC_COREF r_id="3"><source m_id="4"/><target m_id="22"/></CROSS_DOC_COREF>
</Relations>
</Document>"""


def _subtopic():
    xml = {"9_1ecb": events.parse_xml("9_1ecb", DOC_A), "9_2ecb": events.parse_xml("9_2ecb", DOC_B)}
    docs = {
        "9_1ecb": {"doc_id": "9_1ecb", "subtopic": "9_ecb", "split_cybulska_vossen_2015": "dev",
                   "sentences": ["Reid entered rehab and thanked fans, she said"]},
        "9_2ecb": {"doc_id": "9_2ecb", "subtopic": "9_ecb", "split_cybulska_vossen_2015": "dev",
                   "sentences": ["Reid entered rehab", "Reid thanked fans and entered rehab", "Reid was there"]},
    }
    for d in docs.values():
        d["text"] = "\n".join(d["sentences"])
    annotated = {("9_1ecb", 0), ("9_2ecb", 0), ("9_2ecb", 1), ("9_2ecb", 2)}
    subs, problems = events.build_subtopics(docs, xml, annotated)
    return subs, problems, docs


def test_eval_claim_alignment_events_of_a_sentence_count_unlinked_mentions_and_skip_entities():
    a = events.parse_xml("9_1ecb", DOC_A)
    got = a.events_in(0)
    assert "ACT1" in got and "ACT2" in got and len(got) == 3  # the unlinked "said" is its own
    assert "HUM1" not in got
    assert events.parse_xml("9_2ecb", DOC_B).events_in(2) == frozenset()


def test_eval_claim_alignment_dense_and_strict_pairs_from_hand_made_xml():
    subs, problems, _ = _subtopic()
    assert problems == [] and len(subs) == 1
    labels = {(p.a.key, p.b.key): (p.dense, p.strict) for p in events.pairs_of(subs[0])}
    # only cross-document pairs: three, never b0-b1 inside one document
    assert len(labels) == 3
    # a0 {ACT1, ACT2, said} vs b0 {ACT1}: one shared, 1 < 0.5 * 3 -> dense only
    assert labels[(("9_1ecb", 0), ("9_2ecb", 0))] == (True, False)
    # a0 vs b1 {ACT2, ACT1}: two shared, 2 >= 0.5 * 3 -> strict too
    assert labels[(("9_1ecb", 0), ("9_2ecb", 1))] == (True, True)
    # a0 vs b2 (same person, no event): an entity chain is not a shared fact
    assert labels[(("9_1ecb", 0), ("9_2ecb", 2))] == (False, False)


def test_eval_claim_alignment_strict_rule_at_its_boundary():
    assert events.gold_label(frozenset("ab"), frozenset("ac")) == (True, True)   # 1 >= 0.5 * 2
    assert events.gold_label(frozenset("abc"), frozenset("a")) == (True, False)  # 1 < 0.5 * 3
    assert events.gold_label(frozenset(), frozenset()) == (False, False)


def test_eval_claim_alignment_sentence_whose_text_differs_from_its_tokens_is_reported():
    xml = {"9_2ecb": events.parse_xml("9_2ecb", DOC_B)}
    doc = {"doc_id": "9_2ecb", "subtopic": "9_ecb", "sentences": ["Reid left rehab", "x", "y"]}
    doc["text"] = "\n".join(doc["sentences"])
    subs, problems = events.build_subtopics({"9_2ecb": doc}, xml, {("9_2ecb", 0), ("9_2ecb", 7)})
    assert subs[0].sentences == [] and len(problems) == 2


def test_eval_claim_alignment_malformed_xml_is_a_clear_error():
    with pytest.raises(events.GoldError):
        events.parse_xml("bad", "<Document><token")


def test_eval_claim_alignment_ecbplus_sentence_numbers_skip_the_url_line():
    assert events.text_index({"doc_id": "1_10ecbplus"}, 1) == 0
    assert events.text_index({"doc_id": "1_10ecb"}, 1) == 1


def test_eval_claim_alignment_evidence_maps_back_by_offsets_despite_other_splits():
    subs, _, docs = _subtopic()
    b = [s for s in subs[0].sentences if s.doc == "9_2ecb"]
    text = docs["9_2ecb"]["text"]
    # crosswire's splitter joined two ECB+ lines into one evidence: both are covered
    spans = ca.evidence_spans(text, "Reid entered rehab Reid thanked fans and entered rehab")
    assert spans == [(0, len("Reid entered rehab\nReid thanked fans and entered rehab"))]
    full, partial = ca.covered(b, spans)
    assert full == {("9_2ecb", 0), ("9_2ecb", 1)} and partial == set()
    # an evidence cutting a sentence short of half of it touches it without mapping it
    full, partial = ca.covered(b, ca.evidence_spans(text, "Reid thanked"))
    assert full == set() and partial == {("9_2ecb", 1)}
    assert ca.evidence_spans(text, "not in the text") == []


def test_eval_claim_alignment_threshold_tuned_for_f1_between_distinct_scores():
    scores = np.array([0.9, 0.8, 0.8, 0.1])
    assert ca.tune_threshold(scores, [True, False, True, False]) == 0.8


def test_eval_claim_alignment_score_counts_pairs_against_both_golds():
    subs, _, _ = _subtopic()
    pairs = events.pairs_of(subs[0])
    s = ca.score([True] * len(pairs), pairs)
    assert s["dense_precision"] == pytest.approx(2 / 3) and s["dense_recall"] == 1.0
    assert s["strict_precision"] == pytest.approx(1 / 3)


def test_eval_claim_alignment_trigger_head_lemma():
    from crosswire.nlp import load_nlp

    nlp = load_nlp(disable=("ner",))
    if nlp is None:
        pytest.skip("spaCy model not installed")
    subs, _, _ = _subtopic()
    a0 = next(s for s in subs[0].sentences if s.key == ("9_1ecb", 0))
    assert ca.trigger_lemmas(nlp, a0) >= {"enter", "thank"}


def test_eval_claim_alignment_url_date():
    assert ca.url_date("http://articles.latimes.com/2013/may/03/local/x") == "2013-05-03"
    assert ca.url_date(None) is None and ca.url_date("http://x.com/2013/xyz/03/") is None


def test_eval_claim_alignment_floors_fail_an_aligner_that_lumps_or_splits_everything():
    """The floors bite both ways: one claim for everything, or no cross-article claim at all."""
    subs, _, _ = events.load("dev")
    pairs = [p for s in subs for p in events.pairs_of(s)]
    floors = {k: v for k, v in load_floor("claim_alignment").items() if k.startswith("dev.")}
    assert floors
    for pred in ([True] * len(pairs), [False] * len(pairs)):
        measured = {f"dev.crosswire.{k}": v for k, v in ca.score(pred, pairs).items()}
        assert check_floors(measured, floors)


@pytest.mark.slow
def test_eval_claim_alignment_dev_meets_pinned_floors():
    assert ca.main(["--split", "dev", "--only", "crosswire"]) == 0


@pytest.mark.parametrize("line", ['{"doc_id": "x"', '["a list"]', '{"doc_id": "x", "text": "t"}'])
def test_eval_claim_alignment_bad_docs_line_is_a_clear_error(tmp_path, line):
    path = tmp_path / "docs.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(events.GoldError, match=":1:"):
        events.read_docs(path)


def test_eval_claim_alignment_missing_data_exits_2_with_one_line(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(events, "TARBALL", tmp_path / "absent.tar.gz")
    assert ca.main(["--only", "baselines"]) == 2
    assert "missing" in capsys.readouterr().err


@pytest.mark.parametrize("cut", [100, 200_000])
def test_eval_claim_alignment_truncated_tarball_is_a_clear_error(tmp_path, cut):
    bad = tmp_path / "cut.tar.gz"
    bad.write_bytes(events.TARBALL.read_bytes()[:cut])
    with pytest.raises(events.GoldError, match="unreadable"):
        events.read_tarball(bad)
