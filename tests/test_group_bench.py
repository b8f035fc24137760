"""The grouping benchmark runs end to end on a small synthetic stream."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))


def test_group_synthetic_corpus_is_deterministic_and_sized():
    from synthetic import gold_labels, synthetic_corpus

    a, b = synthetic_corpus(150), synthetic_corpus(150)
    assert len(a) == 150 and [x.text for x in a] == [x.text for x in b]
    assert 10 <= len(set(gold_labels(a).values())) <= 50


@pytest.mark.slow
def test_group_bench_rows_have_the_promised_fields():
    from bench_group import bench_group

    rows = bench_group(sizes=(200,), stages=("stories", "lineage", "reuse", "citations"))
    assert [r["stage"] for r in rows] == ["stories", "lineage", "reuse", "citations"]
    for r in rows:
        assert r["n"] == 200 and r["seconds"] > 0 and r["articles_per_s"] > 0 and r["peak_rss_mb"] > 0
    assert rows[0]["b3_f1"] > 0.8


def test_group_bench_growth_compares_each_size_with_the_one_before():
    from bench_group import growth

    rows = [
        {"stage": "stories", "n": 1000, "seconds": 1.0, "steady_cpu_ms_per_article": 1.0, "steady_lookups_per_article": 100},
        {"stage": "stories", "n": 10000, "seconds": 20.0, "steady_cpu_ms_per_article": 2.0, "steady_lookups_per_article": 300},
    ]
    (line,) = growth(rows)
    assert "10000 / at 1000" in line and "time 2.00" in line
    assert "cpu_ms_per_article 2.00" in line and "lookups_per_article 3.00" in line
