"""Score crosswire's publication dates and bylines beside htmldate and trafilatura.

Three sets of annotated pages (see ``eval/data/metadata/README.md``), no system given the URL:

- ``trafilatura``: 342 pages of trafilatura's evaluation set with its gold date and author;
- ``htmldate``: 188 pages of htmldate's evaluation set (``eval_default.json``) with gold dates;
- ``zyte``: the 45 Zyte benchmark pages whose URL spells the date (that date is the gold).

Each set is split by ``sha1(file name)`` into a part rules were tuned on and a held-out part,
printed side by side. Measures: publication-date accuracy (the same day as the gold, over pages
with a gold date) and author precision/recall/F1 per name (case and spacing normalised, over
every annotated page: a name found on a page whose gold has none is a false positive).

Systems, all in the same run: ``extract_html(html).published`` / ``.authors``; htmldate's
``find_date(html, extensive_search=True)`` with its default ``original_date=False`` and with
``original_date=True``; trafilatura's ``bare_extraction(html, with_metadata=True)`` date and
author. Exits 1 when a figure falls below ``eval/metadata_floor.json`` or when ours falls below
htmldate's dates (the better of its two readings) or trafilatura's author F1 on any part.
Usage: ``python eval/metadata.py [--errors]`` (``--errors`` lists our mistakes on the tuned-on
parts only).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import lzma
import re
import sys
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(EVAL_DIR.parent / "src"))
sys.path.insert(0, str(EVAL_DIR))

from common import check_floors, flat, load_eval, load_floor, prf, print_table  # noqa: E402

DATA = EVAL_DIR / "data" / "metadata"
ZYTE = EVAL_DIR / "data" / "zyte"
SETS = ("trafilatura", "htmldate", "zyte")
PARTS = {"tune": "tuned on", "held": "held out"}
DATE_SYSTEMS = {
    "crosswire": "crosswire extract_html",
    "htmldate": "htmldate find_date(extensive_search=True)",
    "htmldate_original": "htmldate find_date(extensive_search=True, original_date=True)",
    "trafilatura": "trafilatura bare_extraction metadata",
}
AUTHOR_SYSTEMS = {
    "crosswire": "crosswire extract_html",
    "trafilatura": "trafilatura bare_extraction metadata",
}


# ----------------------------------------------------------------------------- the data


def part(file_name: str) -> str:
    """The fixed split, decided before any result was seen: sha1 of the file name, even = tune."""
    return "tune" if int(hashlib.sha1(file_name.encode("utf-8")).hexdigest(), 16) % 2 == 0 \
        else "held"


def load_items() -> list[dict]:
    """Every page to score: set, file, part and gold (``date`` and/or ``authors``)."""
    items = []
    for name in ("trafilatura", "htmldate"):
        gold = json.loads((DATA / name / "gold.json").read_text(encoding="utf-8"))
        for file_name, entry in sorted(gold.items()):
            item = {"set": name, "file": file_name, "part": part(file_name),
                    "date": entry.get("date") or None}
            if "author" in entry:  # annotated, possibly as "no author" (empty)
                item["authors"] = gold_names(entry["author"])
            items.append(item)
    extraction = load_eval("extraction")
    for key, entry in sorted(extraction.load_gold().items()):
        day = extraction.url_date(entry["url"])
        if day:
            items.append({"set": "zyte", "file": key, "part": part(key), "date": day})
    return items


def read_page(item: dict) -> str:
    if item["set"] == "zyte":
        with gzip.open(ZYTE / "html" / f"{item['file']}.html.gz", "rb") as f:
            raw = f.read()
    else:
        raw = lzma.decompress((DATA / item["set"] / "pages" / f"{item['file']}.xz").read_bytes())
    return raw.decode("utf-8", errors="replace")


# Gold bylines (and trafilatura's answer, a string) hold several names joined by these.
_NAME_SPLIT = re.compile(r"\s*(?:;|,|&|\band\b|\bund\b)\s*", re.IGNORECASE)
_BY = re.compile(r"^(?:by|von)\s+", re.IGNORECASE)


def norm_name(name: str) -> str:
    """A name as compared: Unicode-normalised, case-folded, single-spaced, no edge punctuation."""
    text = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(text.split()).strip(" .,;:-–|")


def gold_names(value) -> list[str]:
    """The names of a byline string ("A; B", "Von A und B") or list, normalised."""
    parts = value if isinstance(value, list) else _NAME_SPLIT.split(value or "")
    names = []
    for raw in parts:
        name = norm_name(_BY.sub("", str(raw).strip()))
        if name and name not in names:
            names.append(name)
    return names


# ----------------------------------------------------------------------------- one page


def run_page(item: dict) -> dict:
    """Every system's answer for one page (runs in a worker process)."""
    from htmldate import find_date
    from trafilatura import bare_extraction

    from crosswire.ingest.html import extract_html

    html = read_page(item)
    try:
        ours = extract_html(html)
        ours_date, ours_authors = ours.published, [norm_name(a) for a in ours.authors]
    except Exception as exc:  # an input we refuse scores as no answer, and is reported
        print(f"crosswire refused {item['set']}/{item['file']}: {exc}", file=sys.stderr)
        ours_date, ours_authors = None, []
    theirs = bare_extraction(html, with_metadata=True)
    return {
        **item,
        "dates": {
            "crosswire": ours_date,
            "htmldate": find_date(html, extensive_search=True),
            "htmldate_original": find_date(html, extensive_search=True, original_date=True),
            "trafilatura": getattr(theirs, "date", None),
        },
        "found_authors": {
            "crosswire": list(dict.fromkeys(ours_authors)),
            "trafilatura": gold_names(getattr(theirs, "author", None) or ""),
        },
    }


# ----------------------------------------------------------------------------- scoring


def date_accuracy(pages: list[dict], system: str) -> float:
    dated = [p for p in pages if p.get("date")]
    return sum(p["dates"][system] == p["date"] for p in dated) / len(dated) if dated else 0.0


def author_scores(pages: list[dict], system: str) -> tuple[float, float, float]:
    """Per-name precision, recall, F1 summed over the annotated pages."""
    tp = n_pred = n_gold = 0
    for p in pages:
        if "authors" not in p:
            continue
        found, gold = set(p["found_authors"][system]), set(p["authors"])
        tp += len(found & gold)
        n_pred += len(found)
        n_gold += len(gold)
    return prf(tp, n_pred, tp, n_gold)


def evaluate(workers: int = 2, errors: bool = False) -> dict[str, float]:
    items = load_items()
    started = time.monotonic()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pages = list(pool.map(run_page, items, chunksize=4))
    elapsed = time.monotonic() - started
    import htmldate
    import trafilatura

    print(f"Metadata on {len(pages)} pages (trafilatura {trafilatura.__version__}, htmldate "
          f"{htmldate.__version__}, {elapsed:.0f}s). No system is given the page's URL.")
    print("Parts: 'tuned on' = pages crosswire's rules were chosen on; 'held out' = pages not "
          "looked at. The trafilatura and htmldate pages come from those libraries' own "
          "repositories, which were built on them: the baselines may be favoured there. The "
          "Zyte pages' dates were used to tune earlier crosswire rules on both parts.")
    results: dict[str, dict] = {}
    for name in SETS:
        in_set = [p for p in pages if p["set"] == name]
        by_part = {k: [p for p in in_set if p["part"] == k] for k in PARTS}
        counts = {k: sum(1 for p in v if p.get("date")) for k, v in by_part.items()}
        rows = [[label, *(date_accuracy(by_part[k], system) for k in PARTS)]
                for system, label in DATE_SYSTEMS.items()]
        print_table(f"Publication date accuracy (same day), {name} set",
                    ["system", *(f"{PARTS[k]} ({counts[k]})" for k in PARTS)], rows)
        for k in PARTS:
            results[f"{name}_{k}"] = {
                f"date_{system}": date_accuracy(by_part[k], system) for system in DATE_SYSTEMS}
        if not any("authors" in p for p in in_set):
            continue
        rows = []
        for system, label in AUTHOR_SYSTEMS.items():
            row = [label]
            for k in PARTS:
                p, r, f = author_scores(by_part[k], system)
                row += [p, r, f]
                results[f"{name}_{k}"].update({f"author_{system}_p": p, f"author_{system}_r": r,
                                               f"author_{system}_f1": f})
            rows.append(row)
        annotated = {k: sum(1 for p in v if "authors" in p) for k, v in by_part.items()}
        print_table(f"Author precision / recall / F1 per name, {name} set",
                    ["system", *(f"{m} {PARTS[k]} ({annotated[k]})" for k in PARTS
                                 for m in ("P", "R", "F1"))], rows)
    if errors:
        print_errors([p for p in pages if p["part"] == "tune"])
    return flat(results)


def print_errors(pages: list[dict]) -> None:
    """Our mistakes on the tuned-on parts (never on the held-out ones), with the baselines'."""
    print("\nOur mistakes on the tuned-on parts:")
    for p in pages:
        d = p["dates"]
        if p.get("date") and d["crosswire"] != p["date"]:
            print(f"  date {p['set']}/{p['file']}: gold {p['date']} ours {d['crosswire']} "
                  f"htmldate {d['htmldate']}/{d['htmldate_original']} traf {d['trafilatura']}")
        if "authors" in p and set(p["found_authors"]["crosswire"]) != set(p["authors"]):
            print(f"  author {p['set']}/{p['file']}: gold {p['authors']} ours "
                  f"{p['found_authors']['crosswire']} traf {p['found_authors']['trafilatura']}")


# ----------------------------------------------------------------------------- the gate


def gate(measured: dict[str, float]) -> list[str]:
    """Failures against the floors and against the baselines of the same run, part by part."""
    failures = check_floors(measured, load_floor("metadata"))
    for name in SETS:
        for k in PARTS:
            key = f"{name}_{k}"
            # htmldate's better reading of the two (default, or original_date=True).
            theirs = max(measured[f"{key}.date_htmldate"],
                         measured[f"{key}.date_htmldate_original"])
            if measured[f"{key}.date_crosswire"] < theirs:
                failures.append(f"{key}: date accuracy {measured[f'{key}.date_crosswire']:.3f} "
                                f"< htmldate {theirs:.3f}")
            ours, theirs = (measured.get(f"{key}.author_{s}_f1") for s in
                            ("crosswire", "trafilatura"))
            if ours is not None and ours < theirs:
                failures.append(f"{key}: author F1 {ours:.3f} < trafilatura {theirs:.3f}")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--errors", action="store_true",
                        help="list our mistakes on the tuned-on parts")
    args = parser.parse_args(argv)
    measured = evaluate(args.workers, args.errors)
    failures = gate(measured)
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    print("\nmetadata gate:", "FAILED" if failures else "passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
