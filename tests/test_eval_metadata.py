"""The metadata evaluation: its split, its name matching and scores, and the pinned floors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "eval"))

from common import load_eval  # noqa: E402

metadata = load_eval("metadata")


def test_eval_metadata_split_is_fixed_by_file_name():
    assert metadata.part("a.html") == metadata.part("a.html")
    parts = {metadata.part(f"page{i}.html") for i in range(20)}
    assert parts == {"tune", "held"}


def test_eval_metadata_gold_names_split_and_normalise_bylines():
    assert metadata.gold_names("Von Roland Brockmann und Sebastian Drescher") == [
        "roland brockmann", "sebastian drescher"]
    assert metadata.gold_names(["Jan  Lukas Strozyk", "NDR"]) == ["jan lukas strozyk", "ndr"]
    assert metadata.gold_names("Luana Patriolino; Raphael Felice") == [
        "luana patriolino", "raphael felice"]
    assert metadata.gold_names("") == []


def test_eval_metadata_author_scores_count_names_on_pages_without_gold_as_errors():
    pages = [
        {"authors": ["jane doe", "ali khan"], "found_authors": {"x": ["jane doe"]}},
        {"authors": [], "found_authors": {"x": ["the outlet"]}},
        {"found_authors": {"x": ["not annotated"]}},  # unannotated pages are not scored
    ]
    p, r, f = metadata.author_scores(pages, "x")
    assert (p, r) == (0.5, 0.5) and f == 0.5


def test_eval_metadata_date_accuracy_is_over_pages_with_a_gold_date():
    pages = [{"date": "2020-01-02", "dates": {"x": "2020-01-02"}},
             {"date": "2020-01-03", "dates": {"x": "2020-01-04"}},
             {"date": None, "dates": {"x": "2020-01-05"}}]
    assert metadata.date_accuracy(pages, "x") == 0.5


def test_eval_metadata_every_gold_page_is_stored():
    items = metadata.load_items()
    assert {i["set"] for i in items} == {"trafilatura", "htmldate", "zyte"}
    for item in items[::25]:
        assert "<" in metadata.read_page(item)


@pytest.mark.slow
def test_eval_metadata_gate_passes_its_floors():
    run = subprocess.run([sys.executable, str(ROOT / "eval" / "metadata.py")],
                         capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "metadata gate: passed" in run.stdout
