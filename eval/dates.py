"""Date extraction: crosswire vs dateparser on Microsoft Recognizers-Text English date specs.

Cases: ``DateExtractor`` (spans only), ``DateParser``, ``DatePeriodParser`` and the cases of
``DateTimeModel`` and ``MergedParser`` whose gold results are all dates or date ranges (cases
with times, durations or sets are out of scope and left out; cases with no gold result stay in,
they test false alarms). Files are read with ``encoding="utf-8-sig"`` (some carry a BOM).

Metrics (the data set README's): span precision / recall / F1, a prediction matching a gold span
when they overlap; and resolved-value accuracy against the case's reference date over the
matched gold spans that have a resolvable gold value (``value acc``), plus the same count over
all such gold spans (``value e2e``, which also charges misses). A value is right when the
interval it covers (first day, last day) equals the gold's future or past resolution (gold
range ends are exclusive and are converted). OURS runs ``extract_dates`` with the spaCy doc from
``crosswire.nlp.load_nlp()``; the BASELINE is ``dateparser.search.search_dates`` with
``RELATIVE_BASE`` set to the reference date. Exit status 1 when ours falls under a floor in
``eval/dates_floor.json``.

    PYTHONPATH=src .venv/bin/python eval/dates.py [--no-baseline] [--show-errors ours|baseline]
        [--failures N [--kind miss|value|false]]

``--failures N`` prints ours' first N failing gold spans of one kind (missed spans, wrong values,
or false alarms) with what we predicted, to find general gaps.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import re
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from crosswire.extract.dates import extract_dates
from crosswire.nlp import load_nlp

sys.path.insert(0, str(HERE))
from common import check_floors, flat, load_floor, prf  # noqa: E402

DATA = HERE / "data" / "recognizers_datetime" / "DateTime"
DEFAULT_REF = "2016-11-07T00:00:00"  # the reference most spec files use; DateExtractor has none
DATE_TYPES = {"date", "daterange", "datetimeV2.date", "datetimeV2.daterange"}


def _d(s: str) -> dt.date:
    return dt.date.fromisoformat(s[:10])


def _gold_values(result: dict) -> list[tuple[dt.date, dt.date]]:
    """Acceptable (first day, last day) intervals of one gold result; [] when unresolvable."""
    out = []
    val = result.get("Value") or result.get("Resolution") or {}
    for key in ("FutureResolution", "PastResolution"):
        r = val.get(key) or {}
        if "date" in r:
            out.append((_d(r["date"]), _d(r["date"])))
        elif "startDate" in r and "endDate" in r:
            out += _range(r["startDate"], r["endDate"], val.get("Timex", ""))
    for v in val.get("values", []) if isinstance(val, dict) else []:
        if "value" in v and len(v["value"]) == 10:
            out.append((_d(v["value"]), _d(v["value"])))
        elif "start" in v and "end" in v:
            out += _range(v["start"], v["end"], v.get("timex", ""))
    return [iv for iv in out if iv[0].year > 1]


_NAMED_RANGE = re.compile(r"^\(([^,]+),([^,]+),P\d+([YMW])\)$")


def _range(start: str, end: str, timex: str = "") -> list[tuple[dt.date, dt.date]]:
    """Recognizers ends ranges exclusively: a month is [1st, 1st of next month), and an explicit
    "November 19-20" or "2014-2018" also stops before its last named day. crosswire reads named
    ends inclusively, so both readings are accepted: for a range between two named months, years
    or weeks (timex "(2014-01-01,2018-01-01,P4Y)", both ends on a month, year or week boundary)
    the inclusive reading of its last named end runs to the end of that month, year or week."""
    a, b = _d(start), _d(end)
    out = [(a, b - dt.timedelta(days=1)), (a, b)]
    named = _NAMED_RANGE.match(timex or "")
    if named and a.day == b.day == 1:
        if named[3] == "M":
            out.append((a, dt.date(b.year, b.month, calendar.monthrange(b.year, b.month)[1])))
        elif named[3] == "Y" and a.month == b.month == 1:
            out.append((a, dt.date(b.year, 12, 31)))
    if named and named[3] == "W" and a.weekday() == b.weekday() == 0:  # "from week 31 to week 35"
        out.append((a, b + dt.timedelta(days=6)))
    return out


def load_cases() -> list[dict]:
    cases = []
    for name in ("DateExtractor", "DateParser", "DatePeriodParser", "DateTimeModel", "MergedParser"):
        for c in json.loads((DATA / f"{name}.json").read_text(encoding="utf-8-sig")):
            results = c.get("Results", [])
            if any(r.get("Type", r.get("TypeName")) not in DATE_TYPES for r in results):
                continue  # times, durations, sets: not what extract_dates is for
            ref = (c.get("Context") or {}).get("ReferenceDateTime", DEFAULT_REF)
            gold = []
            for r in results:
                start = r["Start"]
                end = start + r["Length"] if "Length" in r else r["End"] + 1
                gold.append({"start": start, "end": end, "values": _gold_values(r)})
            cases.append({"file": name, "text": c["Input"], "ref": _d(ref), "gold": gold,
                          "supported": not c.get("NotSupported")})
    return cases


def interval_of(value: str | None) -> tuple[dt.date, dt.date] | None:
    """(first day, last day) covered by an ISO value: date, month, year or START/END."""
    if not value:
        return None
    import calendar

    def first(v):
        p = [int(x) for x in v.split("-")]
        return dt.date(p[0], p[1] if len(p) > 1 else 1, p[2] if len(p) > 2 else 1)

    def last(v):
        p = [int(x) for x in v.split("-")]
        if len(p) == 3:
            return dt.date(*p)
        if len(p) == 2:
            return dt.date(p[0], p[1], calendar.monthrange(p[0], p[1])[1])
        return dt.date(p[0], 12, 31)

    a, _, b = value.partition("/")
    try:
        return first(a), last(b or a)
    except ValueError:
        return None


def ours(case: dict, doc) -> list[dict]:
    return [{"start": m.start, "end": m.end, "value": interval_of(m.value), "text": m.text}
            for m in extract_dates(case["text"], case["ref"], doc)]


def baseline(case: dict) -> list[dict]:
    from dateparser.search import search_dates

    ref = dt.datetime.combine(case["ref"], dt.time())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found = search_dates(case["text"], languages=["en"],
                                 settings={"RELATIVE_BASE": ref}) or []
        except Exception:  # noqa: BLE001 - a crash on one case is a miss
            found = []
    out, cursor = [], 0
    for surface, when in found:
        s = case["text"].find(surface, cursor)
        if s < 0:
            s = case["text"].find(surface)
        cursor = s + len(surface)
        out.append({"start": s, "end": s + len(surface), "value": (when.date(), when.date()),
                    "text": surface})
    return out


def _fmt(iv) -> str | None:
    return f"{iv[0]}/{iv[1]}" if iv else None


def score(cases: list[dict], preds: list[list[dict]], show: str | None = None) -> dict:
    n_pred = n_gold = tp_gold = tp_pred = 0
    val_ok = val_n_matched = val_n = 0
    for case, pred in zip(cases, preds):
        n_pred += len(pred)
        n_gold += len(case["gold"])
        tp_pred += sum(any(p["start"] < g["end"] and g["start"] < p["end"] for g in case["gold"])
                       for p in pred)
        bad = False
        for g in case["gold"]:
            hits = [p for p in pred if p["start"] < g["end"] and g["start"] < p["end"]]
            tp_gold += bool(hits)
            if g["values"]:
                val_n += 1
                if hits:
                    val_n_matched += 1
                    if any(h["value"] in g["values"] for h in hits):
                        val_ok += 1
                    else:
                        bad = True
            bad = bad or not hits
        if show and (bad or len(pred) != len(case["gold"])):
            t = case["text"]
            print(f"[{show}] {case['file']} ref={case['ref']} {t!r}\n"
                  f"   gold={[(t[g['start']:g['end']], [f'{a}/{b}' for a, b in g['values'][:2]]) for g in case['gold']]}\n"
                  f"   pred={[(p['text'], _fmt(p['value'])) for p in pred]}",
                  file=sys.stderr)
    p, r, f = prf(tp_pred, n_pred, tp_gold, n_gold)
    return {"precision": p, "recall": r, "f1": f, "pred": n_pred, "gold": n_gold,
            "value_acc": val_ok / val_n_matched if val_n_matched else 0.0,
            "value_e2e": val_ok / val_n if val_n else 0.0, "value_ok": val_ok,
            "value_matched": val_n_matched, "value_gold": val_n}


def failures(cases: list[dict], preds: list[list[dict]], kind: str) -> list[str]:
    """One line per failing gold span (or false alarm for ``false``): what, where, what we said."""
    out = []
    for case, pred in zip(cases, preds):
        t = case["text"]
        got = [(p["text"], _fmt(p["value"])) for p in pred]
        if kind == "false":
            for p in pred:
                if not any(p["start"] < g["end"] and g["start"] < p["end"] for g in case["gold"]):
                    out.append(f"FALSE {case['file']} ref={case['ref']} {p['text']!r} in {t!r} -> {_fmt(p['value'])}")
            continue
        for g in case["gold"]:
            hits = [p for p in pred if p["start"] < g["end"] and g["start"] < p["end"]]
            span = t[g["start"]:g["end"]]
            if kind == "miss" and not hits:
                out.append(f"MISS {case['file']} ref={case['ref']} {span!r} in {t!r}")
            elif kind == "value" and hits and g["values"] and not any(h["value"] in g["values"] for h in hits):
                gold = sorted({f"{a}/{b}" for a, b in g["values"]})
                out.append(f"VALUE {case['file']} ref={case['ref']} {span!r} in {t!r}\n"
                           f"   gold={gold} pred={got}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-baseline", action="store_true", help="skip dateparser")
    ap.add_argument("--show-errors", choices=["ours", "baseline"], default=None)
    ap.add_argument("--failures", type=int, default=0, metavar="N",
                    help="print ours' first N failures of --kind")
    ap.add_argument("--kind", choices=["miss", "value", "false"], default="value")
    args = ap.parse_args(argv)
    nlp = load_nlp()
    cases = load_cases()
    subsets = {"all": cases, "supported": [c for c in cases if c["supported"]]}
    t0 = time.perf_counter()
    docs = list(nlp.pipe(c["text"] for c in cases)) if nlp is not None else [None] * len(cases)
    mine = [ours(c, d) for c, d in zip(cases, docs)]
    t_ours = time.perf_counter() - t0
    systems = [("OURS", mine, t_ours)]
    if not args.no_baseline:
        t0 = time.perf_counter()
        base = [baseline(c) for c in cases]
        systems.append(("dateparser", base, time.perf_counter() - t0))
    results = {}
    print(f"{len(cases)} cases ({sum(len(c['gold']) for c in cases)} gold dates)")
    print(f"{'subset':<10} {'system':<11} {'P':>6} {'R':>6} {'F1':>6} {'value acc':>10} "
          f"{'value e2e':>10} {'seconds':>8}")
    for sub, sub_cases in subsets.items():
        idx = [i for i, c in enumerate(cases) if c in sub_cases] if sub != "all" else range(len(cases))
        for system, preds, secs in systems:
            show = args.show_errors if sub == "all" and args.show_errors == system.lower().replace("dateparser", "baseline") else None
            r = score([cases[i] for i in idx], [preds[i] for i in idx], show)
            if system == "OURS":
                results[sub] = r
            print(f"{sub:<10} {system:<11} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} "
                  f"{r['value_acc']:10.3f} {r['value_e2e']:10.3f} {secs if sub == 'all' else 0:8.2f}")
    if args.failures:
        found = failures(cases, mine, args.kind)
        print(f"\n{len(found)} {args.kind} failures (first {args.failures}):")
        for line in found[:args.failures]:
            print(line)
    failed = check_floors(flat(results), load_floor("dates"))
    for f in failed:
        print("BELOW FLOOR:", f)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
