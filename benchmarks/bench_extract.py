"""Extraction throughput against a bare ``nlp.pipe`` pass of the same pipeline and texts.

    python benchmarks/bench_extract.py [N]   # the demo corpus repeated N times (default 20)

Goal: full extraction takes at most 1.5x the bare parse.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from crosswire.extract import Extractor
from crosswire.nlp import load_nlp

DEMO = Path(__file__).resolve().parent.parent / "examples" / "japan-2plus2"


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _best_of(repeat: int, run) -> float:
    """The fastest of ``repeat`` runs: the least disturbed by the rest of the machine."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - t)
    return best


def bench_extract(texts: list[str], batch_size: int = 32, repeat: int = 2) -> list[dict]:
    """Rows {stage, articles_per_s, peak_rss_mb, ratio_vs_nlp_pipe} for bare parse and extraction."""
    nlp = load_nlp()
    rows = []
    records = [(str(i), s, None) for i, s in enumerate(texts)]
    if nlp is not None:
        list(nlp.pipe(texts[:2]))  # warm up: first-call allocations are not throughput
        base = _best_of(repeat, lambda: [None for _ in nlp.pipe(texts, batch_size=batch_size)])
        rows.append({"stage": "nlp.pipe", "seconds": base, "peak_rss_mb": _peak_rss_mb()})
    ex = Extractor(nlp)

    def run_extract():
        for e in ex.extract_many(records, batch_size):
            assert e.error is None, e.error

    rows.append({"stage": "extract" if nlp is not None else "extract (no model)",
                 "seconds": _best_of(repeat, run_extract), "peak_rss_mb": _peak_rss_mb()})
    ex_rules = Extractor(use_model=False)
    t = time.perf_counter()
    for e in ex_rules.extract_many((str(i), s, None) for i, s in enumerate(texts)):
        pass
    rows.append({"stage": "extract (rule-based)", "seconds": time.perf_counter() - t,
                 "peak_rss_mb": _peak_rss_mb()})
    base = rows[0]["seconds"] if nlp is not None else None
    for r in rows:
        r["articles_per_s"] = round(len(texts) / r["seconds"], 1)
        r["ratio_vs_nlp_pipe"] = round(r["seconds"] / base, 2) if base else None
        r["peak_rss_mb"] = round(r["peak_rss_mb"], 1)
        r.pop("seconds")
    return rows


def main(argv: list[str]) -> None:
    n = int(argv[1]) if len(argv) > 1 else 20
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEMO.glob("*.txt"))] * n
    print(f"{len(texts)} articles ({sum(map(len, texts))} characters)")
    print(f"{'stage':24} {'articles/s':>10} {'peak RSS MB':>12} {'x nlp.pipe':>10}")
    for r in bench_extract(texts):
        ratio = "" if r["ratio_vs_nlp_pipe"] is None else f"{r['ratio_vs_nlp_pipe']:.2f}"
        print(f"{r['stage']:24} {r['articles_per_s']:>10} {r['peak_rss_mb']:>12} {ratio:>10}")


if __name__ == "__main__":
    main(sys.argv)
