"""Benchmark the grouping stage (story clustering, reuse detection, citations) by corpus size.

    PYTHONPATH=src python benchmarks/bench_group.py [--sizes 1000,10000,100000] [--stages ...]

Stages: ``stories`` (clustering, fed as a stream in batches of 1,000 as the store would, so
the figure includes the incremental path); ``lineage`` (reuse and citations inside each
story, as the pipeline runs them, over the stories the clusterer found; clustering time not
counted); ``reuse`` and ``citations`` (over the whole corpus at once: the LSH index at its
largest, a stress test rather than the pipeline's path). Each (stage, size) runs in its own
process so ``peak_rss_mb`` is that run's own peak. Prints a table and, for each size, the
per-article cost over the size before it (near 1 means near-linear).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

STAGES = ("stories", "lineage", "reuse", "citations")
DEFAULT_STAGES = ("stories", "lineage")
BATCH = 1000


def _run(stage: str, n: int, queue) -> None:
    from crosswire.group.dedup import find_reuse
    from crosswire.group.lineage import find_citations
    from crosswire.group.stories import StoryClusterer
    from synthetic import gold_labels, synthetic_corpus

    articles = synthetic_corpus(n)
    extra: dict = {}
    t0 = time.perf_counter()
    if stage == "stories":
        clusterer = StoryClusterer()
        batch_seconds = []
        tail_from = max(0, len(articles) - 5 * BATCH)
        for i in range(0, len(articles), BATCH):
            if i == tail_from:
                clusterer.work.clear()
            # CPU time of this process: a wall clock would count whatever else the machine runs.
            t = time.process_time()
            clusterer.add(articles[i:i + BATCH])
            batch_seconds.append(time.process_time() - t)
        # Cost per article once stories have filled (the last five batches): a total over a
        # short run is dominated by the cheap warm-up, which hides whether the steady cost grows.
        tail = batch_seconds[-5:]
        extra["steady_cpu_ms_per_article"] = round(1000 * sum(tail) / (len(tail) * BATCH), 3)
        # The same steady cost as work done (similarities and term lookups per article): free of
        # the machine's load, so the growth with size can be read even on a busy machine.
        done = len(articles) - tail_from
        extra["steady_lookups_per_article"] = round(clusterer.work["lookups"] / done)
        extra["steady_similarities_per_article"] = round(clusterer.work["similarities"] / done, 1)
        stories = clusterer.stories()
        extra.update(stories=len(stories), gold_stories=len(set(gold_labels(articles).values())))
        pred = {aid: s.id for s in stories for aid in s.article_ids}
        extra["b3_f1"] = round(_bcubed_f1(pred, gold_labels(articles)), 3)
    elif stage == "lineage":
        clusterer = StoryClusterer()
        for i in range(0, len(articles), BATCH):
            clusterer.add(articles[i:i + BATCH])
        by_id = {a.id: a for a in articles}
        groups = [[by_id[aid] for aid in s.article_ids] for s in clusterer.stories()]
        t0 = time.perf_counter()  # the clustering above is the "stories" stage's figure
        edges = 0
        for group in groups:
            if len(group) > 1:
                edges += len(find_reuse(group)) + len(find_citations(group, {}))
        extra = {"edges": edges, "stories": len(groups)}
    elif stage == "reuse":
        extra = {"edges": len(find_reuse(articles))}
    else:
        extra = {"edges": len(find_citations(articles, {}))}
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put({"stage": stage, "n": n, "seconds": round(seconds, 2),
               "articles_per_s": round(n / seconds, 1) if seconds else None,
               "peak_rss_mb": round(peak, 1), **extra})


def _bcubed_f1(pred: dict[str, str], gold: dict[str, str]) -> float:
    from collections import defaultdict

    bp, bg = defaultdict(set), defaultdict(set)
    for k, v in pred.items():
        bp[v].add(k)
    for k, v in gold.items():
        bg[v].add(k)
    p = sum(len(bp[pred[k]] & bg[gold[k]]) / len(bp[pred[k]]) for k in gold) / len(gold)
    r = sum(len(bp[pred[k]] & bg[gold[k]]) / len(bg[gold[k]]) for k in gold) / len(gold)
    return 2 * p * r / (p + r)


def bench_group(sizes=(1000, 10000, 100000), stages=DEFAULT_STAGES) -> list[dict]:
    """Rows {stage, n, seconds, articles_per_s, peak_rss_mb} for each stage and size."""
    ctx = mp.get_context("spawn")
    rows = []
    for stage in stages:
        for n in sizes:
            queue = ctx.Queue()
            proc = ctx.Process(target=_run, args=(stage, n, queue))
            proc.start()
            rows.append(queue.get())
            proc.join()
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--stages", default=",".join(DEFAULT_STAGES), help="of " + ", ".join(STAGES))
    args = ap.parse_args(argv)
    sizes = tuple(int(x) for x in args.sizes.split(","))
    rows = bench_group(sizes, tuple(args.stages.split(",")))
    print(f"{'stage':<10} {'n':>8} {'seconds':>9} {'art/s':>9} {'peak MB':>8}  extra")
    for r in rows:
        extra = {k: v for k, v in r.items() if k not in ("stage", "n", "seconds", "articles_per_s", "peak_rss_mb")}
        print(f"{r['stage']:<10} {r['n']:>8} {r['seconds']:>9.2f} {r['articles_per_s']:>9.1f} "
              f"{r['peak_rss_mb']:>8.1f}  {extra}")
    for line in growth(rows):
        print(line)
    return 0


def growth(rows: list[dict]) -> list[str]:
    """Per-article cost of each size over the size before it (near 1: near-linear growth)."""
    lines = []
    for stage in dict.fromkeys(r["stage"] for r in rows):
        mine = sorted((r for r in rows if r["stage"] == stage), key=lambda r: r["n"])
        for small, big in zip(mine, mine[1:]):
            ratios = [f"time {big['seconds'] / big['n'] / (small['seconds'] / small['n']):.2f}"]
            for key in ("steady_cpu_ms_per_article", "steady_lookups_per_article"):
                if small.get(key):
                    ratios.append(f"{key.removeprefix('steady_')} {big[key] / small[key]:.2f}")
            lines.append(f"{stage}: per article at {big['n']} / at {small['n']}: " + ", ".join(ratios))
    return lines
    return 0


if __name__ == "__main__":
    sys.exit(main())
