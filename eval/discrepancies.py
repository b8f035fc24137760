"""Discrepancy detection and copy collapsing on real news texts with planted changes.

Takes a seeded sample of ECB+ documents (``eval/data/ecbplus/docs.jsonl`` when present, else
the shared copy), makes altered copies with :mod:`make_altered` (a changed number, a swapped
status verb, a negation, a moved date, a publication date after an event the text calls
upcoming, a swapped or dropped attribution, and an unchanged control), and analyses each
original together with one copy as a two-article story: the real extraction stage, lineage
edges from ``group.dedup.find_reuse`` and ``group.lineage.find_citations``, then
``build_dossier``.

Printed per discrepancy kind (temporal split into ``temporal`` dates and ``anachronism``):
precision (of the reported discrepancies of that kind, the share on copies planted with it) and
recall (of the copies planted with it, the share where it is reported). ``collapse`` is the
share of pairs whose claims supported by both original and copy count one independent source
(also shown without lineage edges, for scale).
Exit status 1 when a measure falls under its floor in ``eval/discrepancies_floor.json``.

The changed number or date is one the extraction stage found in the original, so the figures
measure this stage; ``--end-to-end`` lifts that restriction (extraction misses count too).

    PYTHONPATH=src .venv/bin/python eval/discrepancies.py [--docs 60] [--seed 13] [--show N]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from common import check_floors, load_floor, print_table
from make_altered import Altered, make_altered

from crosswire.compare import build_dossier
from crosswire.extract.pipeline import Extractor
from crosswire.models import Article, Story

DATA = [HERE / "data" / "ecbplus" / "docs.jsonl", Path("/work/shared/eval-data/ecbplus_train_dev/docs.jsonl")]
KINDS = ["numeric", "status", "temporal", "anachronism", "attribution"]
DEFAULT_PUBLISHED = "2012-06-15"  # ECB+ carries no dates: one fixed reference for every original
_URL_DATE = re.compile(r"/(20\d\d)/(\d\d|[a-z]{3})/(\d\d)/")
_MON = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}


def load_docs() -> list[dict]:
    for path in DATA:
        if path.exists():
            return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    raise SystemExit("no ECB+ docs.jsonl found")


def published_of(doc: dict) -> str:
    """The date in the document's URL when there is one, else the fixed reference."""
    m = _URL_DATE.search(doc.get("source_url") or "")
    if m:
        month = int(m.group(2)) if m.group(2).isdigit() else _MON.get(m.group(2), 0)
        if 1 <= month <= 12:
            return f"{m.group(1)}-{month:02d}-{m.group(3)}"
    return DEFAULT_PUBLISHED


def lineage(articles: list[Article], extractions: dict) -> list:
    edges = []
    try:
        from crosswire.group.dedup import find_reuse

        edges += find_reuse(articles)
    except ImportError:
        pass
    try:
        from crosswire.group.lineage import find_citations

        edges += find_citations(articles, {i: e.attributions for i, e in extractions.items()})
    except ImportError:
        pass
    return edges


def predicted_kinds(dossier, copy_id: str) -> set[str]:
    """Kinds of the discrepancies that put the copy on a side of its own."""
    out = set()
    for d in dossier.discrepancies:
        if not any(copy_id in p.articles for p in d.positions):
            continue
        kind = d.kind
        if kind == "temporal" and "upcoming" in d.positions[0].value:
            if d.positions[0].articles != [copy_id]:
                continue
            kind = "anachronism"
        out.add(kind)
    return out


def collapsed(dossier, a: str, b: str) -> bool | None:
    shared = [c for c in dossier.claims if {s.article for s in c.support} >= {a, b}]
    if not shared:
        return None
    return all(c.independent_sources == 1 for c in shared)


def run(n_docs: int, seed: int, show: int, end_to_end: bool = False) -> dict[str, float]:
    t0 = time.time()
    docs = [d for d in load_docs() if 400 <= len(d["text"]) <= 6000]
    random.Random(seed).shuffle(docs)
    docs = docs[:n_docs]
    extractor = Extractor()
    originals = {d["doc_id"]: (d["text"], published_of(d)) for d in docs}
    ex_orig = {e.id: e for e in extractor.extract_many([(i, t, p) for i, (t, p) in originals.items()])}

    variants: list[Altered] = []
    for i, (text, pub) in originals.items():
        future = [m.value for m in ex_orig[i].dates if m.tense == "future" and m.value and m.value[:10] > pub]
        ex = ex_orig[i]
        spans = None if end_to_end else [(q.start, q.end) for q in ex.quantities]
        dspans = None if end_to_end else [(d.start, d.end) for d in ex.dates if d.value]
        variants += make_altered(i, text, pub, seed, future, spans, dspans)
    copy_ids = [f"{v.doc_id}~{v.alteration}" for v in variants]
    ex_copy = {e.id: e for e in extractor.extract_many(
        [(cid, v.text, v.published) for cid, v in zip(copy_ids, variants)])}

    tp = {k: 0 for k in KINDS}
    fp = {k: 0 for k in KINDS}
    fn = {k: 0 for k in KINDS}
    planted = {k: 0 for k in KINDS}
    collapse_hits = collapse_total = bare_hits = 0
    shown = 0
    for cid, v in zip(copy_ids, variants):
        text, pub = originals[v.doc_id]
        arts = [Article(id=v.doc_id, source=v.doc_id, text=text, published=pub),
                Article(id=cid, source=cid, text=v.text, published=v.published)]
        exs = {v.doc_id: ex_orig[v.doc_id], cid: ex_copy[cid]}
        edges = lineage(arts, exs)
        story = Story(id=f"s-{cid}", article_ids=[v.doc_id, cid], origin=v.doc_id)
        dossier = build_dossier(story, arts, exs, edges)
        got = predicted_kinds(dossier, cid)
        want = v.expected
        if want:
            planted[want] += 1
            if want in got:
                tp[want] += 1
            else:
                fn[want] += 1
        for k in got - {want}:
            fp[k] += 1
        c = collapsed(dossier, v.doc_id, cid)
        if c is not None:
            collapse_total += 1
            collapse_hits += c
            # the same pair with no lineage edges: only shared credited sources can collapse it
            bare = collapsed(build_dossier(story, arts, exs, []), v.doc_id, cid)
            bare_hits += bool(bare)
        if shown < show and (got - {want} or (want and want not in got)):
            shown += 1
            print(f"[{v.alteration}] {v.doc_id}: {v.detail}; expected {want}, got {sorted(got)}", file=sys.stderr)

    rows, measured = [], {}
    for k in KINDS:
        p = tp[k] / (tp[k] + fp[k]) if tp[k] + fp[k] else None
        r = tp[k] / planted[k] if planted[k] else None
        rows.append([k, planted[k], tp[k], fp[k], fn[k], "-" if p is None else p, "-" if r is None else r])
        if p is not None:
            measured[f"{k}_precision"] = p
        if r is not None:
            measured[f"{k}_recall"] = r
    measured["collapse"] = collapse_hits / collapse_total if collapse_total else 0.0
    print_table(
        f"Discrepancies on {len(docs)} ECB+ documents x {len(variants)} altered copies (seed {seed})",
        ["kind", "planted", "tp", "fp", "fn", "precision", "recall"], rows,
    )
    print(f"\ncollapse (copy counted with its original as one source): {measured['collapse']:.3f} "
          f"of {collapse_total} pairs ({bare_hits / max(collapse_total, 1):.3f} without lineage edges)")
    real_pair_alarms(extractor, seed)
    print(f"time: {time.time() - t0:.1f}s")
    return measured


def real_pair_alarms(extractor: Extractor, seed: int, n_pairs: int = 15) -> None:
    """Informational: discrepancies reported between two real reports of one ECB+ event.

    These are unlabelled (real reports do disagree), so no precision is claimed; the rate tells
    how talkative the detectors are on genuinely independent articles.
    """
    by_sub: dict[str, list[dict]] = {}
    for d in load_docs():
        if 400 <= len(d["text"]) <= 6000:
            by_sub.setdefault(d["subtopic"], []).append(d)
    subs = sorted(k for k, v in by_sub.items() if len(v) >= 2)
    random.Random(seed).shuffle(subs)
    pairs = [random.Random(f"{seed}:{s}").sample(by_sub[s], 2) for s in subs[:n_pairs]]
    docs = {d["doc_id"]: d for pair in pairs for d in pair}
    exs = {e.id: e for e in extractor.extract_many(
        [(i, d["text"], published_of(d)) for i, d in docs.items()])}
    counts: dict[str, int] = {}
    for a, b in pairs:
        arts = [Article(id=d["doc_id"], source=d["doc_id"], text=d["text"], published=published_of(d))
                for d in (a, b)]
        pair_ex = {x.id: exs[x.id] for x in arts}
        dossier = build_dossier(Story(id="s", article_ids=[x.id for x in arts]), arts, pair_ex, lineage(arts, pair_ex))
        for k in {d.kind for d in dossier.discrepancies}:
            counts[k] = counts.get(k, 0) + 1
    rates = ", ".join(f"{k} {v / len(pairs):.2f}" for k, v in sorted(counts.items())) or "none"
    print(f"real report pairs of one event ({len(pairs)}): share of pairs with a discrepancy of each kind: {rates}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=60)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--show", type=int, default=0, help="print up to N misses and false alarms")
    ap.add_argument("--end-to-end", action="store_true",
                    help="alter any number or date, not only those the extractor finds (no floors)")
    args = ap.parse_args(argv)
    measured = run(args.docs, args.seed, args.show, args.end_to_end)
    if args.end_to_end:
        return 0
    failures = check_floors(measured, load_floor("discrepancies"))
    for f in failures:
        print(f"FLOOR: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
