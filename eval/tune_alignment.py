"""Choose the aligner's signal weights and bar on ECB+ train (never on dev).

The aligner (:mod:`crosswire.compare.align`) mixes several pairwise signals between sentences of
a story — the static embedding's cosine, a story-local TF-IDF cosine, shared names, the same
figure of the same measure, a shared measure, a shared event trigger, a shared date — and
clusters sentences whose mix clears a bar. This script:

1. extracts every train document once, builds the aligner's units and each signal's matrix;
2. fits a logistic regression on the signals of annotated cross-document sentence pairs
   against the strict same-fact gold of :mod:`ecbplus_events` (the model's coefficients, scaled
   to sum to 1, are the candidate weights);
3. clusters with the aligner's own constrained average link for each candidate weighting and a
   range of bars, and prints the strict/dense pairwise F1 of each, so the weights written into
   ``WEIGHTS``/``THRESHOLD`` are the ones that win on train *as clustered*, not as pairs.

    PYTHONPATH=src .venv/bin/python eval/tune_alignment.py [--limit N] [--cache FILE]

``--cache`` keeps the extractions in a pickle between runs of this script (a tuning loop only;
``eval/claim_alignment.py`` never caches). Dev is left for eval/claim_alignment.py to report.
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from ecbplus_events import load, pairs_of

from crosswire.compare import align as A

SIGNALS = ["embedding", "lexical", "names", "figure", "measure", "trigger", "date"]


def extract(subs, cache: str | None):
    from crosswire.extract.pipeline import Extractor

    if cache and os.path.exists(cache):
        with open(cache, "rb") as fh:
            return pickle.load(fh)
    docs = [d for s in subs for d in s.docs]
    out = {e.id: e for e in Extractor().extract_many([(d["doc_id"], d["text"], None) for d in docs])}
    if cache:
        with open(cache, "wb") as fh:
            pickle.dump(out, fh)
    return out


def story(sub, extractions):
    """Units, signal matrices and each annotated sentence's unit index (or None)."""
    from crosswire.models import Article

    arts = [Article(id=d["doc_id"], source=d["doc_id"], text=d["text"]) for d in sub.docs]
    rank = {a.id: i for i, a in enumerate(arts)}
    units = A.build_units(arts, {a.id: extractions[a.id] for a in arts})
    for i, u in enumerate(units):
        u.pos = i
    parts = A.similarity_parts(units) if units else {}
    where = {}
    for s in sub.sentences:
        lo, hi = s.span
        best, cover = None, 0.0
        for i, u in enumerate(units):
            if u.article != s.doc or u.span is None:
                continue
            a, b = u.span
            c = max(0, min(b, hi) - max(a, lo)) / max(1, hi - lo)
            if c > cover:
                best, cover = i, c
        where[s.key] = best if cover >= 0.5 else None
    return units, parts, where, rank


def clustered_pairs(units, parts, where, rank, weights, threshold, pairs, per_article=1):
    sim = A.combine(units, parts, weights)
    clusters = A.cluster(units, sim, threshold, per_article)
    groups = A.make_claims(units, clusters, sim, rank)
    claim_of: dict[int, int] = {}
    for n, g in enumerate(groups):
        for u in g.units:
            claim_of[u.pos] = n
    out = []
    for p in pairs:
        ia, ib = where.get(p.a.key), where.get(p.b.key)
        out.append(ia is not None and ib is not None and ia in claim_of and claim_of.get(ia) == claim_of.get(ib))
    return out


def f1(pred, gold):
    tp = sum(p and g for p, g in zip(pred, gold))
    fp = sum(p and not g for p, g in zip(pred, gold))
    fn = sum(g and not p for p, g in zip(pred, gold))
    pr = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int)
    ap.add_argument("--cache")
    ap.add_argument("--mix", type=float, nargs="*", default=[0.25, 0.5])
    ap.add_argument("--only-current", action="store_true", help="score the aligner's WEIGHTS alone")
    ap.add_argument("--per-article", type=int, nargs="*", default=[1, 2, 3])
    ap.add_argument("--low", type=float, default=0.12)
    ap.add_argument("--high", type=float, default=0.44)
    ap.add_argument("--step", type=float, default=0.04)
    args = ap.parse_args(argv)
    subs, _, _ = load("train")
    subs = subs[: args.limit] if args.limit else subs
    exs = extract(subs, args.cache)
    stories = []
    X, y = [], []
    for sub in subs:
        units, parts, where, rank = story(sub, exs)
        pairs = pairs_of(sub)
        stories.append((units, parts, where, rank, pairs))
        for p in pairs:
            ia, ib = where.get(p.a.key), where.get(p.b.key)
            if ia is None or ib is None:
                continue
            X.append([float(parts[k][ia, ib]) for k in SIGNALS])
            y.append(p.strict)
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(max_iter=1000, class_weight="balanced").fit(np.array(X), np.array(y))
    coef = np.clip(model.coef_[0], 0, None)
    fitted = {k: round(float(c / coef.sum()), 3) for k, c in zip(SIGNALS, coef)}
    print(f"train pairs {len(y)} ({sum(y)} strict); logistic weights (clipped at 0, sum 1): {fitted}")
    mixes = {"current": dict(A.WEIGHTS), "fitted": fitted,
             "embedding only": {k: float(k == "embedding") for k in SIGNALS},
             "lexical only": {k: float(k == "lexical") for k in SIGNALS}}
    if args.only_current:
        mixes = {"current": dict(A.WEIGHTS)}
    for e in args.mix:  # "0.3": embedding 0.3, lexical 0.7 (the other signals as fitted, scaled in)
        w = {k: fitted[k] for k in SIGNALS}
        rest = w["embedding"] + w["lexical"]
        w["embedding"], w["lexical"] = e * rest, (1 - e) * rest
        mixes[f"emb {e:.2f}"] = w
    print(f"{'weights':16} {'per':>3} {'bar':>5} {'strict P':>8} {'R':>6} {'F1':>6} {'dense F1':>8}")
    for name, w in mixes.items():
        total = sum(w.values())
        w = {k: v / total for k, v in w.items()}
        for per in args.per_article:
            for t in np.arange(args.low, args.high + 1e-9, args.step):
                pred, strict, dense = [], [], []
                for units, parts, where, rank, pairs in stories:
                    if not units:
                        continue
                    pred += clustered_pairs(units, parts, where, rank, w, float(t), pairs, per)
                    strict += [p.strict for p in pairs]
                    dense += [p.dense for p in pairs]
                sp, sr, sf = f1(pred, strict)
                print(f"{name:16} {per:3d} {t:5.2f} {sp:8.3f} {sr:6.3f} {sf:6.3f} {f1(pred, dense)[2]:8.3f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
