"""Every discrepancy crosswire reports on ECB+ train subtopics, with its values, articles and
evidence, for a person to read: which would a careful fact-checker sign?

This is how precision rules are found without tuning on gold or on held-out data: it runs only
on the train split (Cybulska & Vossen 2015) of ``eval/data/ecbplus/docs.jsonl`` and reads no
annotation. Subtopics with hand-written gold in ``eval/data/realstories`` are marked, since
``eval/realstories.py`` scores them already. Never point it at dev.

    PYTHONPATH=src .venv/bin/python scripts/review_discrepancies.py [--subtopics 19_ecb,29_ecbplus] [--skip-gold]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "eval"))

from realstories import run_crosswire, story_view  # noqa: E402

DOCS = ROOT / "eval" / "data" / "ecbplus" / "docs.jsonl"
GOLD = ROOT / "eval" / "data" / "realstories"


def train_subtopics() -> dict[str, list[dict]]:
    by: dict[str, list[dict]] = defaultdict(list)
    with open(DOCS, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d["split_cybulska_vossen_2015"] == "train":
                by[d["subtopic"]].append(d)
    return dict(sorted(by.items(), key=lambda kv: (int(kv[0].split("_")[0]), kv[0])))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--subtopics", help="comma-separated subtopic ids (train only)")
    ap.add_argument("--skip-gold", action="store_true", help="leave out subtopics that have gold")
    args = ap.parse_args(argv)
    gold = {p.stem for p in GOLD.glob("*.json")}
    stories = train_subtopics()
    wanted = set(args.subtopics.split(",")) if args.subtopics else set(stories)
    unknown = wanted - set(stories)
    if unknown:
        print(f"not train subtopics: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    total = 0
    for st, docs in stories.items():
        if st not in wanted or (args.skip_gold and st in gold):
            continue
        view = story_view(run_crosswire(docs))
        total += len(view["discrepancies"])
        mark = " [gold]" if st in gold else ""
        print(f"=== {st}{mark} ({len(docs)} docs, {view['dossiers']} dossiers, "
              f"{len(view['discrepancies'])} discrepancies)")
        for disc in view["discrepancies"]:
            print(f"  [{disc.get('kind')}] {disc.get('about')}")
            for p in disc.get("positions", []):
                print(f"     {p.get('value')!s}: {', '.join(map(str, p.get('articles', [])))}")
                for a, e in zip(p.get("articles", []), p.get("evidence", [])):
                    print(f"        {a}: {str(e)[:200]}")
        sys.stdout.flush()
    print(f"{total} discrepancies")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
