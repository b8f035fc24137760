"""The learned match score of the aligner and the fit that produces its weights."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from crosswire.compare import align as A
from crosswire.compare.facts import ArticleView, date_facts, event_facts
from crosswire.extract.numbers import sentence_bounds
from crosswire.models import Article, DateMention, Extraction

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))


def _units(texts_by_article: dict[str, list[str]], dates: dict[str, list[tuple[str, str]]] | None = None):
    """Real units (the aligner's own builder) of small articles, one sentence per text."""
    articles, exs = [], {}
    for aid, sents in texts_by_article.items():
        text = " ".join(sents)
        ex = Extraction(id=aid, sentences=sentence_bounds(text))
        for surface, value in (dates or {}).get(aid, []):
            s = text.index(surface)
            ex.dates.append(DateMention(surface, s, s + len(surface), value))
        articles.append(Article(id=aid, source=f"{aid}.txt", text=text))
        exs[aid] = ex
    units = A.build_units(articles, exs)
    for i, u in enumerate(units):
        u.pos = i
    return units


def test_compare_align_match_shipped_model_reads_every_signal_it_weighs():
    units = _units({"a": ["Rescuers pulled four miners alive from the flooded shaft on Monday."],
                    "b": ["Four miners were pulled alive from a flooded shaft, rescuers said."]})
    parts = A.similarity_parts(units)
    assert set(A.MATCH["weights"]) <= set(parts)
    assert 0.0 <= A.MATCH["probability_weight"] <= 1.0 and A.MATCH["per_article"] >= 1
    p = A.match_probability(parts)
    assert p.shape == (len(units), len(units)) and ((p > 0) & (p < 1)).all()


def test_compare_align_match_shape_counts_only_with_shared_words():
    # two short lines of one story sharing no word: their shortness must not make them a pair
    units = _units({"a": ["Rain fell all night."], "b": ["Schools stay shut today."]})
    parts = A.similarity_parts(units)
    assert parts["length_max"][0, 1] > 0
    for k in ("shared_length_max", "shared_length_min", "shared_events_max", "shared_both_lead"):
        assert parts[k][0, 1] == 0.0


def test_compare_align_match_date_conflict_only_for_two_different_dates():
    units = _units(
        {"a": ["The bridge reopened to traffic on March 3 after repairs."],
         "b": ["The bridge reopened to traffic on March 5 after repairs."],
         "c": ["The bridge reopened to traffic on March 3, officials said."],
         "d": ["The bridge reopened to traffic after long repairs."]},
        dates={"a": [("March 3", "2025-03-03")], "b": [("March 5", "2025-03-05")],
               "c": [("March 3", "2025-03-03")]})
    conflict = A.similarity_parts(units)["date_conflict"]
    by = {u.article: u.pos for u in units}
    assert conflict[by["a"], by["b"]] == 1.0  # two days
    assert conflict[by["a"], by["c"]] == 0.0  # the same day
    assert conflict[by["a"], by["d"]] == 0.0  # one sentence gives no date


def test_compare_align_match_score_blends_probability_and_floors_at_link():
    units = _units({"a": ["The council approved the new budget late on Tuesday evening."],
                    "b": ["Late on Tuesday the council voted the new budget through."]})
    parts = A.similarity_parts(units)
    link = A.combine(units, parts)
    p = A.match_probability(parts)
    base = dict(A.MATCH)
    only_link = A.match_score(parts, link, {**base, "probability_weight": 0.0, "link_weight": 1.0,
                                            "link_floor_weight": 0.0})
    assert np.allclose(only_link, link)
    only_p = A.match_score(parts, link, {**base, "probability_weight": 1.0, "link_weight": 0.0,
                                         "link_floor_weight": 0.0})
    assert np.allclose(only_p, p)
    floored = A.match_score(parts, link, {**base, "probability_weight": 0.0, "link_weight": 0.0,
                                          "link_floor_weight": 2.0})
    assert np.allclose(floored, 2.0 * link)


def test_compare_align_match_learned_weights_join_a_paraphrase_and_keep_a_stray_out():
    units = _units({
        "a": ["Rescuers pulled four miners alive from the flooded shaft near Tula on Monday.",
              "The mine's owner has been fined twice for safety breaches."],
        "b": ["Four miners were pulled alive from the flooded shaft near Tula on Monday, rescuers said.",
              "Local football fans celebrated a cup win in the town square."],
    })
    match = {**A.MATCH, "probability_weight": 1.0, "link_weight": 0.0, "link_floor_weight": 0.0,
             "threshold": 0.2, "per_article": 3}
    parts = A.similarity_parts(units)
    clusters = A.cluster(units, A.match_score(parts, A.combine(units, parts), match),
                         match["threshold"], match["per_article"])
    texts = [sorted(units[i].text[:12] for i in c) for c in clusters]
    assert ["Four miners ", "Rescuers pul"] in texts
    assert ["Local footba"] in texts and ["The mine's o"] in texts


def test_eval_tune_alignment_fit_logistic_recovers_known_weights():
    import tune_alignment as tune
    rng = np.random.default_rng(0)
    X = rng.normal(size=(4000, 2))
    true = np.array([2.0, -1.0])
    y = (rng.random(4000) < 1 / (1 + np.exp(-(X @ true + 0.5)))).astype(float)
    w = tune.fit_logistic(X, y, l2=0.0)
    assert np.allclose(w[:2], true, atol=0.2) and abs(w[2] - 0.5) < 0.2
