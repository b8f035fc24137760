"""Fit and choose the aligner's match model on ECB+ train (never on dev).

The aligner (:mod:`crosswire.compare.align`) clusters a story's sentences on a learned match
probability: a logistic combination of pairwise signals (the static embedding's cosine, a
story-local TF-IDF cosine and its square root, shared names, the same figure of the same
measure, a shared measure, a shared event trigger, a shared date, clashing dates, the lengths of
the two sentences, the events the busier one states, both sentences leading their articles).
This script:

1. extracts every document once, builds the aligner's units and each signal's matrix;
2. with ``--fit``, fits the logistic regression (numpy Newton steps with a small L2 penalty) on
   the signals of annotated cross-document sentence pairs of **train** against the strict
   same-fact gold of :mod:`ecbplus_events`;
3. clusters the train stories with the aligner's own constrained average link for a range of
   bars and per-article caps and keeps the one with the best clustered strict F1 on train;
4. writes weights, bar and cap to ``src/crosswire/data/alignment/match.json`` (``--write``),
   which the aligner reads at import: nothing is trained at run time.

Dev is scored for the chosen setting only, as a report (it chooses nothing); the full
measurement stays with ``eval/claim_alignment.py``.

    PYTHONPATH=src .venv/bin/python eval/tune_alignment.py [--fit [--write]] [--limit N] [--cache DIR]

Without ``--fit`` the shipped model is scored over the same grid. ``--cache`` keeps the
extractions in pickles between runs of this script (a tuning loop only).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from claim_alignment import url_date
from ecbplus_events import load, pairs_of

from crosswire.compare import align as A

FEATURES = ["embedding", "lexical", "lexical_sqrt", "names", "trigger", "date", "date_conflict",
            "length_max", "length_min", "events_max", "both_lead", "figure", "measure",
            "shared_length_max", "shared_length_min", "shared_events_max", "shared_both_lead"]
L2 = 1.0


def extract(split, subs, cache: str | None):
    from crosswire.extract.pipeline import Extractor

    path = os.path.join(cache, f"ecbplus-{split}.pkl") if cache else None
    if path and os.path.exists(path):
        with open(path, "rb") as fh:
            return pickle.load(fh)
    docs = [d for s in subs for d in s.docs]
    out = {e.id: e for e in Extractor().extract_many(
        [(d["doc_id"], d["text"], url_date(d.get("source_url"))) for d in docs])}
    if path:
        with open(path, "wb") as fh:
            pickle.dump(out, fh)
    return out


def story(sub, extractions):
    """Units, signal matrices, each annotated sentence's unit index (or None), the rank."""
    from crosswire.models import Article

    arts = [Article(id=d["doc_id"], source=d["doc_id"], text=d["text"], url=d.get("source_url"),
                    published=url_date(d.get("source_url"))) for d in sub.docs]
    # the dossier's representative order: earliest published, then id
    order = sorted(arts, key=lambda a: ((a.published or "9999")[:10], a.id))
    rank = {a.id: i for i, a in enumerate(order)}
    units = A.build_units(order, {a.id: extractions[a.id] for a in arts})
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
    return units, parts, where, rank, pairs_of(sub)


def clustered_pairs(units, parts, where, rank, match, pairs):
    """For each gold pair: are its two sentences in one claim of the aligner's clustering?"""
    link = A.combine(units, parts)
    clusters = A.cluster(units, A.match_score(parts, link, match), match["threshold"], match["per_article"])
    groups = A.make_claims(units, clusters, link, rank)
    claim_of: dict[int, int] = {}
    for n, g in enumerate(groups):
        for u in g.units:
            claim_of[u.pos] = n
    out = []
    for p in pairs:
        ia, ib = where.get(p.a.key), where.get(p.b.key)
        out.append(ia is not None and ib is not None and ia in claim_of and claim_of.get(ia) == claim_of.get(ib))
    return out


def prf(pred, gold):
    tp = sum(p and g for p, g in zip(pred, gold))
    fp = sum(p and not g for p, g in zip(pred, gold))
    fn = sum(g and not p for p, g in zip(pred, gold))
    pr = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)


def scored(stories, match):
    """(strict P, R, F1) and dense F1 of the clustered claims over the stories' gold pairs."""
    pred, strict, dense = [], [], []
    for units, parts, where, rank, pairs in stories:
        pred += clustered_pairs(units, parts, where, rank, match, pairs) if units else [False] * len(pairs)
        strict += [p.strict for p in pairs]
        dense += [p.dense for p in pairs]
    return prf(pred, strict), prf(pred, dense)[2]


def pair_matrix(stories, features):
    """Signals and strict gold of the annotated cross-document pairs both mapped to a unit."""
    X, y = [], []
    for units, parts, where, rank, pairs in stories:
        for p in pairs:
            ia, ib = where.get(p.a.key), where.get(p.b.key)
            if ia is None or ib is None:
                continue
            X.append([float(parts[k][ia, ib]) for k in features])
            y.append(float(p.strict))
    return np.array(X), np.array(y)


def fit_logistic(X: np.ndarray, y: np.ndarray, l2: float = L2, iters: int = 100) -> np.ndarray:
    """Weights (last one the intercept) of an L2-penalised logistic regression, by Newton steps."""
    Xb = np.hstack([X, np.ones((len(X), 1))])
    w = np.zeros(Xb.shape[1])
    penalty = l2 * np.eye(Xb.shape[1])
    penalty[-1, -1] = 0.0  # the intercept is not shrunk
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(Xb @ w)))
        grad = Xb.T @ (p - y) + penalty @ w
        hess = (Xb * (p * (1 - p))[:, None]).T @ Xb + penalty
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return w


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fit", action="store_true", help="fit the logistic weights on train pairs")
    ap.add_argument("--write", action="store_true", help="write the chosen model to the aligner's file")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--cache", help="a folder for extraction pickles (tuning loops only)")
    ap.add_argument("--bars", type=float, nargs="*", default=[0.12, 0.16, 0.2, 0.24, 0.28, 0.32])
    ap.add_argument("--per-article", type=int, nargs="*", default=[3, 5])
    ap.add_argument("--probability-weight", type=float, nargs="*", default=[0.25, 0.5, 1.0],
                    help="share of the learned probability in the clustering score (the rest: the link mix)")
    ap.add_argument("--link-floor", action="store_true",
                    help="the clustering score is never under the link mix scaled to the bar")
    ap.add_argument("--note", default="", help="a sentence added to the written file's note")
    ap.add_argument("--drop", nargs="*", default=[], choices=FEATURES, help="signals left out of the fit")
    args = ap.parse_args(argv)
    splits = {}
    for split in ("train", "dev"):
        subs, _, _ = load(split)
        subs = subs[: args.limit] if args.limit else subs
        exs = extract(split, subs, args.cache)
        splits[split] = [story(sub, exs) for sub in subs]
    if args.fit:
        features = [k for k in FEATURES if k not in args.drop]
        X, y = pair_matrix(splits["train"], features)
        w = fit_logistic(X, y)
        base = {"weights": {k: round(float(c), 4) for k, c in zip(features, w[:-1])},
                "intercept": round(float(w[-1]), 4)}
        print(f"train pairs {len(y)} ({int(y.sum())} strict); logistic weights: {base}")
    else:
        base = {"weights": dict(A.MATCH["weights"]), "intercept": A.MATCH["intercept"]}
    base["features_dropped"] = list(args.drop)
    print(f"{'prob':>4} {'per':>3} {'bar':>5} {'strict P':>8} {'R':>6} {'F1':>6} {'dense F1':>8}   (train)")
    best = None
    for beta in args.probability_weight:
        for per in args.per_article:
            for t in args.bars:
                # the link mix scaled so that its own bar lands on the probability's
                match = {**base, "threshold": float(t), "per_article": int(per), "probability_weight": beta,
                         "link_weight": round((1 - beta) * float(t) / A.THRESHOLD, 4),
                         "link_floor_weight": round(float(t) / A.THRESHOLD, 4) if args.link_floor else 0.0}
                (sp, sr, sf), df = scored(splits["train"], match)
                print(f"{beta:4.2f} {per:3d} {t:5.2f} {sp:8.3f} {sr:6.3f} {sf:6.3f} {df:8.3f}", flush=True)
                if best is None or sf > best[0] + 1e-9:
                    best = (sf, match, (sp, sr, sf, df))
    _, match, tr = best
    (dp, dr, dfs), dd = scored(splits["dev"], match)
    print(f"chosen on train: probability weight {match['probability_weight']}, per-article {match['per_article']}, bar {match['threshold']:.2f}: "
          f"train strict P {tr[0]:.3f} R {tr[1]:.3f} F1 {tr[2]:.3f} dense F1 {tr[3]:.3f}; "
          f"dev (report only) strict P {dp:.3f} R {dr:.3f} F1 {dfs:.3f} dense F1 {dd:.3f}")
    if args.write:
        note = (f"Fitted by eval/tune_alignment.py --fit on ECB+ train ({len(splits['train'])} subtopics; "
                f"strict gold of eval/ecbplus_events.py); bar and per-article cap chosen on train "
                f"clustered strict F1 {tr[2]:.3f} (dense {tr[3]:.3f}). Dev, not used to choose: "
                f"strict F1 {dfs:.3f} (dense {dd:.3f}). {args.note}").strip()
        out = {"_note": note, **match}
        A.MATCH_FILE.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {A.MATCH_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
