"""ECB+ through the whole pipeline: no input vanishes, identical texts are joined by copies edges.

The full count over all 772 train/dev documents takes minutes on two cores; it is
``eval/ingest_accounting.py`` with no arguments. The gate here runs the topics that hold ECB+'s
identical pairs (7, 21 and 24), which is where inputs used to vanish.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))
from common import load_eval  # noqa: E402

accounting = load_eval("ingest_accounting")


def test_eval_ingest_accounting_reports_a_lost_input():
    result = {"inputs": 3, "articles": 1, "rejected": 1, "vanished": ["x"], "doubled": [], "stored": 1,
              "stored_after_rerun": 1, "identical_pairs": 1, "identical_pairs_joined": 0, "unjoined": [("a", "b")]}
    problems = accounting.failures(result)
    assert len(problems) == 3 and "3 inputs in, 1 articles + 1 rejections out" in problems[0]


def test_eval_ingest_accounting_duplicate_topics_are_in_train_and_dev():
    docs = accounting.load_docs({7, 21, 24})
    assert {d["split_cybulska_vossen_2015"] for d in docs} == {"train", "dev"}


@pytest.mark.slow
def test_eval_ingest_accounting_ecbplus_duplicate_topics_lose_nothing():
    docs = accounting.load_docs({7, 21, 24})
    result = accounting.account(docs)
    assert accounting.failures(result) == []
    assert result["inputs"] == len(docs) == result["articles"] + result["rejected"]
    assert result["identical_pairs"] == 4 == result["identical_pairs_joined"]
    # a headline alone (24_10ecb, 13 words) is rejected as too short to be an article, and said so
    assert result["rejected"] == sum(len(d["text"].split()) < 15 for d in docs)
    assert result["content_only_articles"] == len(docs) - 4 - result["rejected"]  # what the old identity kept
