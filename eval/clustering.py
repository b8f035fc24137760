"""Score story clustering on ECB+ (772 news documents, gold label ``subtopic``).

Prints B-cubed precision / recall / F1, ARI and NMI for crosswire's ``StoryClusterer`` at its
default threshold, beside a TF-IDF cosine average-link baseline (at the baseline's own
oracle-tuned threshold, which flatters it), and the sensitivity of our F1 to the threshold.
The clusterer's parameters were chosen on the ``train`` topics of the standard split
(Cybulska & Vossen 2015); F1 is also printed on the ``dev`` topics alone (each split
clustered on its own). Exits non-zero when our B-cubed F1 on train+dev falls under the floor
pinned in ``clustering_floor.json``.

    PYTHONPATH=src python eval/clustering.py [--sweep] [--no-baseline] [--no-floor]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from crosswire.group.stories import DEFAULT_THRESHOLD, StoryClusterer
from crosswire.models import Article

DATA = HERE / "data" / "ecbplus" / "docs.jsonl"
FLOOR = HERE / "clustering_floor.json"


def load_docs(path: Path = DATA) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def to_articles(docs: list[dict]) -> list[Article]:
    return [Article(id=d["doc_id"], source=d["doc_id"], text=d["text"]) for d in docs]


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster) against gold."""
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for item, c in pred.items():
        by_pred[c].add(item)
    for item, c in gold.items():
        by_gold[c].add(item)
    p = r = 0.0
    for item in gold:
        pc, gc = by_pred[pred[item]], by_gold[gold[item]]
        inter = len(pc & gc)
        p += inter / len(pc)
        r += inter / len(gc)
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def scores(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    items = sorted(gold)
    p, r, f = bcubed(pred, gold)
    y_true = [gold[i] for i in items]
    y_pred = [pred[i] for i in items]
    return {
        "b3_p": p, "b3_r": r, "b3_f1": f,
        "ari": adjusted_rand_score(y_true, y_pred),
        "nmi": normalized_mutual_info_score(y_true, y_pred),
        "clusters": len(set(y_pred)),
    }


def run_ours(docs: list[dict], threshold: float = DEFAULT_THRESHOLD, order_seed: int | None = None,
             batch: int | None = None) -> dict[str, str]:
    """Cluster with StoryClusterer; ``batch`` feeds the stream in chunks to test incrementality."""
    articles = to_articles(docs)
    if order_seed is not None:
        random.Random(order_seed).shuffle(articles)
    clusterer = StoryClusterer(threshold=threshold)
    step = batch or len(articles)
    for i in range(0, len(articles), step):
        clusterer.add(articles[i:i + step])
    return {aid: s.id for s in clusterer.stories() for aid in s.article_ids}


def split_f1(docs: list[dict], threshold: float = DEFAULT_THRESHOLD, order_seed: int | None = None,
             batch: int | None = None) -> dict[str, float]:
    """B-cubed F1 per split, each split clustered on its own (dev never sees train)."""
    out = {}
    for name in ("train", "dev"):
        part = [d for d in docs if d.get("split_cybulska_vossen_2015") == name]
        if part:
            gold = {d["doc_id"]: d["subtopic"] for d in part}
            out[name] = bcubed(run_ours(part, threshold, order_seed, batch), gold)[2]
    return out


def baseline_matrix(docs: list[dict]):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_distances

    x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(d["text"] for d in docs)
    return cosine_distances(x)


def run_baseline(docs: list[dict], dist, threshold: float) -> dict[str, str]:
    """TF-IDF cosine, average-link agglomerative clustering cut at cosine ``threshold``."""
    from sklearn.cluster import AgglomerativeClustering

    labels = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1 - threshold
    ).fit_predict(dist)
    return {d["doc_id"]: str(lab) for d, lab in zip(docs, labels)}


def fmt(name: str, s: dict[str, float]) -> str:
    return (f"{name:<48} P={s['b3_p']:.3f} R={s['b3_r']:.3f} F1={s['b3_f1']:.3f} "
            f"ARI={s['ari']:.3f} NMI={s['nmi']:.3f} clusters={s['clusters']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sweep", action="store_true", help="also print F1 across thresholds")
    ap.add_argument("--no-floor", action="store_true", help="do not check the pinned floor")
    ap.add_argument("--no-baseline", action="store_true", help="score ours only (the gate)")
    args = ap.parse_args(argv)

    docs = load_docs()
    gold = {d["doc_id"]: d["subtopic"] for d in docs}
    print(f"ECB+ train+dev: {len(docs)} docs, {len(set(gold.values()))} gold stories")

    t0 = time.perf_counter()
    ours = scores(run_ours(docs), gold)
    elapsed = time.perf_counter() - t0
    print(fmt(f"crosswire StoryClusterer (t={DEFAULT_THRESHOLD})", ours) + f"  [{elapsed:.1f}s]")
    per = split_f1(docs)
    print("  by split, each clustered alone: " + "  ".join(f"{k} F1={v:.3f}" for k, v in per.items()))
    if not args.no_baseline:
        # A stream arrives in pieces: fed in batches (shuffled) must score about the same.
        for seed in (1, 2):
            print(fmt(f"  same, shuffled, batches of 50 (seed {seed})",
                      scores(run_ours(docs, batch=50, order_seed=seed), gold)))
        dist = baseline_matrix(docs)
        base = {t: scores(run_baseline(docs, dist, t), gold) for t in [i / 100 for i in range(5, 60, 5)]}
        t_best = max(base, key=lambda t: base[t]["b3_f1"])
        print(fmt(f"baseline TF-IDF avg-link, oracle t={t_best:.2f}", base[t_best]))
        at_ours = scores(run_baseline(docs, dist, DEFAULT_THRESHOLD), gold)
        print(fmt(f"baseline TF-IDF avg-link, t={DEFAULT_THRESHOLD} (our default)", at_ours))

    if args.sweep:
        dist = baseline_matrix(docs)
        print("threshold sensitivity, B3 F1 (ours: one batch, train / dev alone; shuffled stream of"
              " batches of 50, seeds 1 and 2 | baseline):")
        for t in [0.12, 0.14, 0.15, 0.16, 0.17, 0.18, 0.19, 0.20, 0.22]:
            o = scores(run_ours(docs, threshold=t), gold)["b3_f1"]
            at_t = split_f1(docs, threshold=t)
            streams = [scores(run_ours(docs, t, seed, 50), gold)["b3_f1"] for seed in (1, 2)]
            b = scores(run_baseline(docs, dist, t), gold)["b3_f1"]
            print(f"  t={t:.2f}  ours={o:.3f} (train {at_t['train']:.3f}, dev {at_t['dev']:.3f})"
                  f"  stream={streams[0]:.3f},{streams[1]:.3f}  baseline={b:.3f}")

    if args.no_floor:
        return 0
    floor = json.loads(FLOOR.read_text())
    got = {
        "b3_f1": ours["b3_f1"],
        "dev_b3_f1": per.get("dev", 0.0),
        # A shuffled stream (seed 1, batches of 50) is the harder, order-dependent case.
        "stream_b3_f1": scores(run_ours(docs, batch=50, order_seed=1), gold)["b3_f1"],
    }
    failed = [k for k in got if k in floor and got[k] < floor[k]]
    for k, value in got.items():
        if k in floor:
            print(f"{'FAIL' if k in failed else 'ok'}: {k} {value:.3f} vs floor {floor[k]}",
                  file=sys.stderr if k in failed else sys.stdout)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
