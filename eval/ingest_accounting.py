"""Ingest loses nothing on ECB+ train/dev: inputs in = articles + rejections out.

ECB+ holds documents whose cleaned text is identical to another's (the same wire copy under two
sites or two datelines: 7_10ecbplus and 7_9ecbplus, 21_8ecb and 21_12ecb, 21_1ecbplus and
21_9ecbplus, 24_3ecbplus and 24_9ecbplus). Each document goes through the whole pipeline
(``crosswire.Store.analyze``, a fresh store) as one input named by its doc id, with its source
URL. The check:

- every input is an article in exactly one story or a rejection (none vanishes, none doubles);
- every pair of inputs with identical cleaned text is joined by a ``copies`` edge of score 1.0;
- a re-run of the same inputs adds no article.

Beside it, in the same run, the identity crosswire had before (an article per distinct cleaned
text) and how many inputs that lost. This is a check of an invariant, not a tuned measure: no
parameter was chosen on this data. Exits non-zero when the check fails.

    PYTHONPATH=src .venv/bin/python eval/ingest_accounting.py               # all 772 documents
    PYTHONPATH=src .venv/bin/python eval/ingest_accounting.py --topics 7,21,24
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "ecbplus" / "docs.jsonl"


def load_docs(topics: set[int] | None = None) -> list[dict]:
    docs = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [d for d in docs if topics is None or d["topic"] in topics]


def account(docs: list[dict], *, rerun: bool = True) -> dict:
    """Run ``docs`` through the pipeline in a fresh store; the accounting of inputs and twins."""
    import crosswire
    from crosswire.identity import content_hash

    raws = [crosswire.RawDocument(source=d["doc_id"], content=d["text"], url=d.get("source_url")) for d in docs]
    with tempfile.TemporaryDirectory() as tmp, crosswire.Store(Path(tmp) / "db.sqlite") as store:
        t0 = time.perf_counter()
        analysis = store.analyze(raws)
        seconds = time.perf_counter() - t0
        placed: dict[str, int] = defaultdict(int)  # input -> times it is an article in a story
        story_of, text_of, copies = {}, {}, set()
        for dossier in analysis.stories:
            for article in dossier.articles:
                placed[article.source] += 1
                story_of[article.id], text_of[article.id] = dossier.story.id, article.text
            copies |= {frozenset((e.source, e.target)) for e in dossier.lineage
                       if e.kind == "copies" and e.score == 1.0}
        rejected = {r.source for r in analysis.rejected}
        stored = len(store.articles())
        if rerun:
            store.analyze(raws)
        again = len(store.articles())

    by_text: dict[str, list[str]] = defaultdict(list)
    for article_id, text in text_of.items():
        by_text[content_hash(text)].append(article_id)
    twins = [(a, b) for ids in by_text.values() for i, a in enumerate(ids) for b in ids[i + 1:]]
    joined = [p for p in twins if frozenset(p) in copies]
    inputs = [d["doc_id"] for d in docs]
    return {
        "inputs": len(inputs),
        "articles": sum(placed.values()),
        "rejected": len(rejected),
        "vanished": sorted(i for i in inputs if not placed.get(i) and i not in rejected),
        "doubled": sorted(i for i, n in placed.items() if n > 1),
        "stored": stored,
        "stored_after_rerun": again,
        "identical_pairs": len(twins),
        "identical_pairs_joined": len(joined),
        "unjoined": sorted(tuple(sorted(p)) for p in twins if p not in joined),
        "content_only_articles": len(by_text),
        "seconds": round(seconds, 1),
    }


def failures(result: dict) -> list[str]:
    out = []
    if result["articles"] + result["rejected"] != result["inputs"]:
        out.append(f"{result['inputs']} inputs in, {result['articles']} articles + {result['rejected']} rejections out")
    if result["vanished"]:
        out.append(f"inputs in no story and not rejected: {result['vanished'][:10]}")
    if result["doubled"]:
        out.append(f"inputs in two stories: {result['doubled'][:10]}")
    if result["stored_after_rerun"] != result["stored"]:
        out.append(f"a re-run stored {result['stored_after_rerun'] - result['stored']} more articles")
    if result["identical_pairs_joined"] != result["identical_pairs"]:
        out.append(f"identical pairs without a copies edge of score 1.0: {result['unjoined'][:10]}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--topics", help="comma-separated ECB+ topics (default: all of train and dev)")
    args = ap.parse_args(argv)
    topics = {int(t) for t in args.topics.split(",")} if args.topics else None
    docs = load_docs(topics)
    splits = sorted({d["split_cybulska_vossen_2015"] for d in docs})
    result = account(docs)
    from common import print_table

    print(f"ECB+ {'+'.join(splits)}{' topics ' + args.topics if topics else ''}: {len(docs)} documents "
          f"(no rule was tuned on this check), pipeline {result['seconds']} s")
    print_table("inputs in against articles and rejections out", ["identity", "inputs", "articles", "rejected",
                                                                  "lost"], [
        ["crosswire (source + content)", result["inputs"], result["articles"], result["rejected"],
         result["inputs"] - result["articles"] - result["rejected"]],
        ["baseline: one article per distinct text", result["inputs"], result["content_only_articles"],
         result["rejected"], result["inputs"] - result["content_only_articles"] - result["rejected"]],
    ])
    print(f"\nidentical pairs joined by a copies edge of score 1.0: {result['identical_pairs_joined']} / "
          f"{result['identical_pairs']}; stored {result['stored']}, after a re-run {result['stored_after_rerun']}")
    problems = failures(result)
    for problem in problems:
        print(f"FAIL: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
