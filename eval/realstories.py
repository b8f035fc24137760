"""Score crosswire's cross-checking on real multi-outlet stories with a hand-written gold.

Each gold story (``eval/data/realstories/<subtopic>.json``, one ECB+ subtopic: one event told
by several outlets; format in that folder's README) is first checked against the texts by
``realstories_verify`` (a failing gold stops the run, naming the entry). Then its documents go
through the public API the way a user would send them: ``crosswire.Store(tmp).analyze`` on
``RawDocument(source=doc_id, content=text, url=source_url, published=...)`` in a throwaway
store. ECB+ has no publication dates: ``published`` is the date a URL carries
(``/2005/11/28/``, ``/2005/nov/28/``, ``2010-05-05``, ``20100505``), else None. Grouping may
split a story into several dossiers; everything is scored over all of them.

Measures per story (rules in ``realstories_match``'s docstring):
- discrepancy precision (matched predictions / predictions) and recall (matched gold / gold);
  false positives are printed with their about/positions and the trap they fall into, if any;
- core-fact alignment (per core fact, the largest share of its articles one claim aligns);
- copy recall (gold copy pairs joined by a copies/rewrites lineage edge);
- claims, share of single-article claims, claims repeating another claim's text.
Beside ours, in the same run: a same-unit number-pair discrepancy baseline and a TF-IDF
nearest-sentence alignment baseline (``realstories_baselines``). Totals are given for train
and dev stories apart: rules may be tuned on train stories only; dev stories are held out.
Exits non-zero when a figure falls under its floor in ``realstories_floor.json``.

    PYTHONPATH=src python eval/realstories.py [--story ID] [--show] [--no-baseline] [--no-floor]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from common import check_floors, load_floor, print_table  # noqa: E402
from realstories_baselines import numeric_baseline, tfidf_claims  # noqa: E402
from realstories_match import (GoldStory, claim_stats, score_copies, score_core_facts,  # noqa: E402
                               score_discrepancies)
from realstories_verify import GoldError, gold_files, load_docs, verify_all  # noqa: E402

SPLITS = ("train", "dev")
MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
URL_DATES = (
    re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)"),
    re.compile(r"/((?:19|20)\d{2})/([a-z]{3})/(\d{1,2})(?:/|$)", re.IGNORECASE),
    re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)"),
    re.compile(r"(?<![\d=])((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)"),
)


def date_from_url(url: str | None) -> str | None:
    """The ISO date a URL's path carries, or None (ECB+ gives no publication dates)."""
    for pattern in URL_DATES:
        for m in pattern.finditer(url or ""):
            y, mo, d = m.groups()
            month = MONTHS.get(mo.lower()) if mo.isalpha() else int(mo)
            try:
                return date(int(y), month or 0, int(d)).isoformat()
            except ValueError:
                continue
    return None


def run_crosswire(docs: list[dict]) -> list[dict]:
    """crosswire's dossiers (contract dicts) for one story's documents, in a throwaway store."""
    import crosswire
    from crosswire.models import RawDocument

    raw = [RawDocument(source=d["doc_id"], content=d["text"], url=d.get("source_url"),
                       published=date_from_url(d.get("source_url"))) for d in docs]
    with tempfile.TemporaryDirectory() as tmp, crosswire.Store(Path(tmp) / "crosswire.db") as store:
        return [dossier.to_dict() for dossier in store.analyze(raw).stories]


def story_view(dossiers: list[dict]) -> dict:
    """Discrepancies, claims and lineage of all dossiers, article ids turned into doc ids."""
    doc_of = {a["id"]: a["source"] for d in dossiers for a in d.get("articles", [])}

    def doc(x: object) -> object:
        return doc_of.get(x, x)

    discrepancies, claims, lineage = [], [], []
    for d in dossiers:
        for disc in d.get("discrepancies", []):
            positions = [{**p, "articles": [doc(a) for a in p.get("articles", [])]}
                         for p in disc.get("positions", [])]
            discrepancies.append({**disc, "positions": positions})
        for c in d.get("claims", []):
            claims.append({**c, "support": [{**s, "article": doc(s.get("article"))}
                                            for s in c.get("support", [])]})
        for e in d.get("lineage", []):
            lineage.append({**e, "from": doc(e.get("from")), "to": doc(e.get("to"))})
    return {"dossiers": len(dossiers), "discrepancies": discrepancies, "claims": claims,
            "lineage": lineage}


def score_story(gold: dict, docs: list[dict], view: dict, baseline: bool) -> dict:
    story = GoldStory(gold, {d["doc_id"]: d["sentences"] for d in docs})
    disc = score_discrepancies(view["discrepancies"], story)
    copies_hit, copies = score_copies(view["lineage"], story)
    result = {"story": gold["story"], "split": gold["split"], "articles": len(docs),
              "dossiers": view["dossiers"], **claim_stats(view["claims"]), "disc": disc,
              "core": score_core_facts(view["claims"], story),
              "copies_hit": copies_hit, "copies": copies}
    if baseline:
        result["base_disc"] = score_discrepancies(numeric_baseline(docs), story)
        result["base_core"] = score_core_facts(tfidf_claims(docs), story)
    return result


def ratio(n: int, d: int) -> float:
    return n / d if d else 0.0


def mean(xs: list[float]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def totals(results: list[dict], baseline: bool) -> dict:
    """Pooled figures over stories: precision and recall over all predictions / gold entries,
    core alignment averaged over all core facts, copy recall over all copy pairs."""
    d = [r["disc"] for r in results]
    out = {
        "disc_p": ratio(sum(x["tp_pred"] for x in d), sum(x["pred"] for x in d)),
        "disc_r": ratio(sum(x["tp_gold"] for x in d), sum(x["gold"] for x in d)),
        "core": mean([v for r in results for v in r["core"]]),
        "copy_r": ratio(sum(r["copies_hit"] for r in results), sum(r["copies"] for r in results)),
        "pred": sum(x["pred"] for x in d), "gold": sum(x["gold"] for x in d),
        "trap_hits": sum(x["trap_hits"] for x in d),
    }
    if baseline:
        b = [r["base_disc"] for r in results]
        out["base_disc_p"] = ratio(sum(x["tp_pred"] for x in b), sum(x["pred"] for x in b))
        out["base_disc_r"] = ratio(sum(x["tp_gold"] for x in b), sum(x["gold"] for x in b))
        out["base_core"] = mean([v for r in results for v in r["base_core"]])
    return out


def positions_text(disc: dict) -> str:
    return " | ".join(f"{p.get('value')!s}: {', '.join(map(str, p.get('articles', [])))}"
                      for p in disc.get("positions", []))


def print_false_positives(r: dict, show: bool) -> None:
    for pred, traps in r["disc"]["false_positives"]:
        trap = f"  [trap: {'; '.join(traps)}]" if traps else ""
        print(f"  FP {r['story']}: {str(pred.get('about', ''))[:90]}{trap}")
        print(f"       {positions_text(pred)[:200]}")
        if show:
            for p in pred.get("positions", []):
                for a, e in zip(p.get("articles", []), p.get("evidence", [])):
                    print(f"         {a}: {str(e)[:160]}")
    if show:
        for pred, abouts, stray in r["disc"]["true_positives"]:
            extra = f"  [stray positions: {', '.join(stray)}]" if stray else ""
            print(f"  TP {r['story']}: {str(pred.get('about', ''))[:70]}  = gold: {'; '.join(abouts)}{extra}")
            print(f"       {positions_text(pred)[:200]}")
        for g in r["disc"]["missed"]:
            print(f"  FN {r['story']}: {g['about']}  ({' | '.join(p['value'] for p in g['positions'])})")


def row(r: dict, baseline: bool) -> list[object]:
    d = r["disc"]
    cells = [r["story"], r["split"], r["articles"], r["dossiers"], r["claims"], r["single"],
             r["repeated"], d["pred"], ratio(d["tp_pred"], d["pred"]), ratio(d["tp_gold"], d["gold"]),
             d["trap_hits"], mean(r["core"]), f"{r['copies_hit']}/{r['copies']}"]
    if baseline:
        b = r["base_disc"]
        cells += [b["pred"], ratio(b["tp_pred"], b["pred"]), ratio(b["tp_gold"], b["gold"]),
                  mean(r["base_core"])]
    return cells


HEADER = ["story", "split", "arts", "dossiers", "claims", "single", "repeated", "disc", "P", "R",
          "trapFP", "core", "copies"]
BASE_HEADER = ["b.disc", "b.P", "b.R", "b.core"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--story", help="score one gold story (its subtopic id, e.g. 20_ecbplus)")
    ap.add_argument("--show", action="store_true", help="print false positives with evidence and the missed gold")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--no-floor", action="store_true")
    args = ap.parse_args(argv)
    baseline = not args.no_baseline

    docs = load_docs()
    try:
        stories = verify_all(gold_files(), docs)
    except GoldError as exc:
        print(f"the gold fails its check ({len(exc.failures)}):", file=sys.stderr)
        for line in exc.failures:
            print("  " + line, file=sys.stderr)
        return 2
    if args.story:
        stories = [g for g in stories if g["story"] == args.story]
        if not stories:
            print(f"no gold story {args.story!r} in eval/data/realstories/", file=sys.stderr)
            return 2
    if not stories:
        print("no gold story in eval/data/realstories/", file=sys.stderr)
        return 2

    started = time.perf_counter()
    results = []
    for gold in stories:
        members = [docs[a] for a in gold["articles"]]
        t0 = time.perf_counter()
        try:
            dossiers = run_crosswire(members)
        except Exception as exc:  # a crash of crosswire is a finding, reported by story, not a traceback
            print(f"crosswire failed on {gold['story']}: {type(exc).__name__}: {exc} "
                  f"(rerun with --story {gold['story']} to debug)", file=sys.stderr)
            return 1
        view = story_view(dossiers)
        results.append(score_story(gold, members, view, baseline))
        results[-1]["seconds"] = time.perf_counter() - t0
    elapsed = time.perf_counter() - started

    print("Real multi-outlet stories (ECB+ subtopics, hand-written gold): crosswire's dossiers "
          "vs the gold.\nRules may be tuned on TRAIN stories only; DEV stories are held out "
          "(not looked at when tuning).")
    print("\nFalse positives (predicted discrepancies matching no gold discrepancy):")
    for r in results:
        print_false_positives(r, args.show)
    header = HEADER + (BASE_HEADER if baseline else [])
    print_table("Per story (P/R: discrepancy precision/recall; core: core-fact alignment; "
                "b.*: baselines)", header, [row(r, baseline) for r in results])

    measured: dict[str, float] = {}
    rows = []
    for split in SPLITS + ("all",):
        part = [r for r in results if split == "all" or r["split"] == split]
        if not part:
            continue
        t = totals(part, baseline)
        label = {"train": "train (tuned on)", "dev": "dev (held out)", "all": "all"}[split]
        cells = [label, len(part), t["pred"], t["gold"], t["disc_p"], t["disc_r"], t["trap_hits"],
                 t["core"], t["copy_r"]]
        if baseline:
            cells += [t["base_disc_p"], t["base_disc_r"], t["base_core"]]
        rows.append(cells)
        measured.update({f"{split}.{k}": t[k] for k in ("disc_p", "disc_r", "core", "copy_r")})
    print_table("Totals (pooled over stories)",
                ["split", "stories", "pred", "gold", "P", "R", "trapFP", "core", "copy R"]
                + (["b.P", "b.R", "b.core"] if baseline else []), rows)
    per_story = ", ".join(f"{r['story']} {r['seconds']:.1f}s" for r in results)
    print(f"\n{len(results)} stories in {elapsed:.1f} s ({per_story})")

    if args.no_floor or args.story:
        return 0
    failures = check_floors(measured, load_floor("realstories"))
    for f in failures:
        print(f"BELOW FLOOR: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
