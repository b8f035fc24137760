"""Quantity extraction: crosswire vs quantulum3 on the same cases, in the same run.

Sets: quantulum3's own English tests (``eval/data/quantulum3/quantities.json``, and the
``quantities.ambiguity.json`` unit-disambiguation set, reported but not gated) and a small set of
news sentences with gold written for crosswire (``eval/data/news_quantities.jsonl``).

Metric (the data set README's): micro precision / recall / F1 over (sentence, value, unit class,
span) tuples. A prediction matches a gold quantity when it is in the same sentence, its span
overlaps the gold surface, its unit falls in the same coarse class (currency, percent, length,
mass, time, ..., dimensionless; counted nouns such as "troops" are dimensionless counts) and its
value is equal within 1e-6 relative (a range counts as its midpoint, as quantulum3 reports it).
A rate's class is built from its parts ("kg/cm3" and "kilogram per cubic centimetre" are both
density; "USD/h" and "dollar per hour" both "currency per time").

Known, deliberate misses on quantulum3's set: crosswire does not report years ("since 1979")
nor numbers inside names ("Voyager 2", "English 101", "Intel Core i7 860") as quantities, keeps
money rates in the ISO code ("$15.4/hour" is USD), reads pence and cents as hundredths of their
currency ("one hundred cents" is 1 USD, "3 dimes" 0.3 USD) and never reads "($99.99)" as
negative. It also multiplies counting words out ("a dozen eggs" is 12 eggs, where the gold has
1 dozen), keeps a change as two values ("reduced from 44 mg to 50 mg"), and files units by
physics where quantulum3's table does not (a barn is an area, "fb−1" an inverse area; its
table says length). Those gold items count against us here; they are the contract, not bugs.

OURS runs ``crosswire.extract.quantities.extract_quantities`` on the raw sentence with the spaCy
doc from ``crosswire.nlp.load_nlp()`` (the path ``crosswire extract`` takes). Exit status 1 when
ours falls under a floor in ``eval/quantities_floor.json``.

    PYTHONPATH=src .venv/bin/python eval/quantities.py [--no-baseline] [--show-errors]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from crosswire.extract.quantities import UNIT_CLASS, extract_quantities
from crosswire.nlp import load_nlp

sys.path.insert(0, str(HERE))
from common import check_floors, flat, load_floor, prf  # noqa: E402

DATA = HERE / "data"

# A rate's class is "<class> per <class>"; the few with a name of their own (in quantulum3's
# table too) take it, so "km/h" and "kilometre per hour" or "kg/cm3" and "kilogram per cubic
# metre" meet in one class however each tool spells the unit.
_RATE_CLASS = {("length", "time"): "speed", ("mass", "volume"): "density",
               ("data storage", "time"): "data transfer rate"}


def _rate(num: str, den: str) -> str:
    return _RATE_CLASS.get((num, den), f"{num} per {den}")


def our_class(unit: str | None) -> str:
    if unit is None:
        return "dimensionless"
    if unit not in UNIT_CLASS and "/" in unit:
        num, den = unit.split("/", 1)
        return _rate(our_class(num), our_class(den))
    if unit in UNIT_CLASS:
        cls = UNIT_CLASS[unit]
        return "data storage" if cls == "data" else cls
    if len(unit) == 3 and unit.isupper():
        return "currency"
    return "dimensionless"  # a counted noun: "troops", "people"


# Derived units quantulum3 builds on the fly have no entry in its unit table.
_DERIVED = {"watt hour": "energy", "megawatt hour": "energy", "kilowatt hour": "energy"}


def quantulum_class(unit_name: str) -> str:
    """Coarse class of a quantulum3 unit name (gold and baseline go through the same table)."""
    from quantulum3 import load

    if unit_name in ("percentage", "percent", "percentage point"):
        return "percent"
    if unit_name in _DERIVED:
        return _DERIVED[unit_name]
    names = load.units("en_US").names
    u = names.get(unit_name) or names.get(unit_name.lower())
    if u is None and " per " in unit_name:  # derived on the fly: "dollar per hour"
        num, den = unit_name.split(" per ", 1)
        return _rate(quantulum_class(num), quantulum_class(den))
    # A unit outside the table is its own class.
    return u.entity.name if u is not None else unit_name


def load_quantulum(path: Path) -> list[dict]:
    cases = []
    for item in json.loads(path.read_text(encoding="utf-8")):
        text = item["req"]
        gold, cursor = [], 0
        for r in item["res"]:
            s = text.find(r["surface"], cursor)
            if s < 0:
                s = text.find(r["surface"])
            e = s + len(r["surface"])
            cursor = e
            gold.append({"start": s, "end": e, "value": float(r["value"]),
                         "cls": quantulum_class(r["unit"])})
        cases.append({"text": text, "gold": gold})
    return cases


def load_news(path: Path) -> list[dict]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        text = rec["text"]
        gold = []
        for g in rec["quantities"]:
            s = text.find(g["surface"])
            assert s >= 0, (g["surface"], text)
            value = (g["amount"] + g["upper"]) / 2 if g.get("upper") is not None else g["amount"]
            gold.append({"start": s, "end": s + len(g["surface"]), "value": float(value),
                         "cls": our_class(g.get("unit")), "unit": g.get("unit"),
                         "qualifier": g.get("qualifier")})
        cases.append({"text": text, "gold": gold})
    return cases


def ours(text: str, doc) -> list[dict]:
    out = []
    for q in extract_quantities(text, doc):
        value = (q.amount + q.upper) / 2 if q.upper is not None else q.amount
        out.append({"start": q.start, "end": q.end, "value": value, "cls": our_class(q.unit),
                    "unit": q.unit, "qualifier": q.qualifier})
        for a in q.alternatives:  # a conversion is still a quantity on the page
            value = (a.amount + a.upper) / 2 if a.upper is not None else a.amount
            out.append({"start": a.start, "end": a.end, "value": value,
                        "cls": our_class(a.unit), "unit": a.unit, "qualifier": a.qualifier})
    return out


def baseline(text: str) -> list[dict]:
    from quantulum3 import classifier, parser

    classifier.USE_CLF = False  # its pickled classifier does not load with this scikit-learn
    out = []
    try:
        found = parser.parse(text)
    except Exception:  # noqa: BLE001 - a crash on one case is a miss, not the end of the run
        return out
    for q in found:
        out.append({"start": q.span[0], "end": q.span[1], "value": float(q.value),
                    "cls": quantulum_class(q.unit.name)})
    return out


def _match(p: dict, g: dict) -> bool:
    if p["cls"] != g["cls"] or not (p["start"] < g["end"] and g["start"] < p["end"]):
        return False
    return abs(p["value"] - g["value"]) <= 1e-6 * max(1.0, abs(g["value"]))


def score(cases: list[dict], preds: list[list[dict]], show: str | None = None) -> dict:
    tp = n_pred = n_gold = 0
    for case, pred in zip(cases, preds):
        n_pred += len(pred)
        n_gold += len(case["gold"])
        used = set()
        for g in case["gold"]:
            hit = next((i for i, p in enumerate(pred) if i not in used and _match(p, g)), None)
            if hit is not None:
                used.add(hit)
                tp += 1
        if show and (len(used) != len(case["gold"]) or len(used) != len(pred)):
            t = case["text"]
            print(f"[{show}] {t!r}\n   gold={[(t[g['start']:g['end']], g['value'], g['cls']) for g in case['gold']]}"
                  f"\n   pred={[(t[p['start']:p['end']], p['value'], p['cls']) for p in pred]}",
                  file=sys.stderr)
    p, r, f = prf(tp, n_pred, tp, n_gold)
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "pred": n_pred, "gold": n_gold}


def qualifier_accuracy(cases: list[dict], preds: list[list[dict]]) -> tuple[int, int]:
    """Among matched news quantities: how many carry the gold unit and qualifier exactly."""
    ok = n = 0
    for case, pred in zip(cases, preds):
        for g in case["gold"]:
            p = next((p for p in pred if _match(p, g)), None)
            if p is not None:
                n += 1
                ok += p["unit"] == g["unit"] and p["qualifier"] == g["qualifier"]
    return ok, n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-baseline", action="store_true", help="skip quantulum3")
    ap.add_argument("--show-errors", choices=["ours", "baseline"], default=None)
    args = ap.parse_args(argv)
    nlp = load_nlp()
    sets = {
        "quantulum3": load_quantulum(DATA / "quantulum3" / "quantities.json"),
        "quantulum3-ambiguity": load_quantulum(DATA / "quantulum3" / "quantities.ambiguity.json"),
        "news": load_news(DATA / "news_quantities.jsonl"),
    }
    results: dict[str, dict] = {}
    rows = []
    for name, cases in sets.items():
        t0 = time.perf_counter()
        docs = list(nlp.pipe(c["text"] for c in cases)) if nlp is not None else [None] * len(cases)
        mine = [ours(c["text"], d) for c, d in zip(cases, docs)]
        t_ours = time.perf_counter() - t0
        results[name] = score(cases, mine, "ours" if args.show_errors == "ours" else None)
        rows.append((name, "OURS", results[name], t_ours))
        if not args.no_baseline:
            t0 = time.perf_counter()
            base = [baseline(c["text"]) for c in cases]
            t_base = time.perf_counter() - t0
            rows.append((name, "quantulum3", score(cases, base, "baseline" if args.show_errors == "baseline" else None), t_base))
        if name == "news":
            ok, n = qualifier_accuracy(cases, mine)
            results["news"]["unit_qualifier_exact"] = ok / n if n else 0.0
    print(f"{'set':<22} {'system':<11} {'P':>6} {'R':>6} {'F1':>6}  {'tp/pred/gold':>14} {'seconds':>8}")
    for name, system, r, t in rows:
        print(f"{name:<22} {system:<11} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f}  "
              f"{r['tp']:>4}/{r['pred']:>4}/{r['gold']:>4} {t:8.2f}")
    print(f"news: OURS exact unit+qualifier on matched quantities: "
          f"{results['news']['unit_qualifier_exact']:.3f}")
    failed = check_floors(flat(results), load_floor("quantities"))
    for f in failed:
        print("BELOW FLOOR:", f)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
