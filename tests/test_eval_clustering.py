"""The clustering evaluation: its metric, and the pinned floor on ECB+."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))

import clustering


def test_eval_clustering_bcubed_perfect_and_lumped():
    gold = {"a": "1", "b": "1", "c": "2", "d": "2"}
    assert clustering.bcubed(gold, gold) == (1.0, 1.0, 1.0)
    p, r, f = clustering.bcubed({k: "x" for k in gold}, gold)
    assert (p, r) == (0.5, 1.0) and abs(f - 2 / 3) < 1e-9


def test_eval_clustering_bcubed_singletons():
    gold = {"a": "1", "b": "1", "c": "2", "d": "2"}
    p, r, _ = clustering.bcubed({k: k for k in gold}, gold)
    assert (p, r) == (1.0, 0.5)


@pytest.mark.slow
def test_eval_clustering_ecbplus_meets_pinned_floor():
    assert clustering.main(["--no-baseline"]) == 0


def test_eval_clustering_split_f1_scores_each_split_alone():
    docs = [d for d in clustering.load_docs() if d["topic"] in (2, 28)]
    per = clustering.split_f1(docs)
    assert set(per) == {"train", "dev"} and all(0.0 < v <= 1.0 for v in per.values())
