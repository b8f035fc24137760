"""The extraction evaluation gate: crosswire's HTML extraction stays above its pinned floors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "eval"))

import extraction  # noqa: E402


def test_eval_extraction_metric_scores_perfect_and_empty_predictions():
    gold = {"a": "one two three four five six", "b": "short text"}
    perfect = extraction.corpus_scores(gold, dict(gold))
    assert perfect == {"f1": 1.0, "precision": 1.0, "recall": 1.0, "accuracy": 1.0}
    empty = extraction.corpus_scores(gold, {})
    assert empty["recall"] == 0.0 and empty["accuracy"] == 0.0


def test_eval_extraction_metric_reproduces_published_trafilatura_figure():
    gold = {k: v["articleBody"] for k, v in extraction.load_gold().items()}
    scores = extraction.corpus_scores(gold, extraction.reference_predictions("trafilatura"))
    assert round(scores["f1"], 3) == 0.958
    assert round(scores["precision"], 3) == 0.938
    assert round(scores["recall"], 3) == 0.978


@pytest.mark.parametrize("url, day", [
    ("https://a.example/2019/11/18/story/", "2019-11-18"),
    ("https://a.example/story/2019-11-19/title", "2019-11-19"),
    ("https://a.example/cells-20191115/", "2019-11-15"),
    ("https://a.example/news/story-565107452.html", None),
])
def test_eval_extraction_gold_dates_come_from_url_paths(url, day):
    assert extraction.url_date(url) == day


@pytest.mark.slow
def test_eval_extraction_gate_passes_its_floor():
    run = subprocess.run([sys.executable, str(ROOT / "eval" / "extraction.py")],
                         capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "extraction gate: passed" in run.stdout
