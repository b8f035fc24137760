"""Score crosswire's HTML extraction on the Zyte article-extraction benchmark.

Two tables, one run:

1. Body text: ``extract_html(html).text`` against the gold ``articleBody`` of 181 pages with
   the benchmark's metric (token 4-shingle precision/recall/F1, every document weighted
   equally; accuracy = exact token match), next to trafilatura's own ``extract`` with its
   defaults and with ``favor_precision=True``. The metric is checked in the same table on
   the upstream trafilatura 2.0.0 predictions (published F1: 0.958).
2. Publication dates: pages whose URL path carries a full date (``/2019/11/18/``,
   ``2019-11-18``, ``20191118``) have that date as gold. Neither crosswire nor htmldate's
   ``find_date(html, extensive_search=True)`` is given the URL; the second column also removes
   the page's own canonical/og:url links, so no system can read the answer from a URL at all.

Exits 1 when a figure falls below ``eval/extraction_floor.json`` or when crosswire does not
beat both trafilatura baselines and match htmldate. Usage: ``python eval/extraction.py``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(EVAL_DIR.parent / "src"))
sys.path.insert(0, str(EVAL_DIR))

from common import check_floors, load_floor, print_table  # noqa: E402

DATA = EVAL_DIR / "data" / "zyte"
TOKEN = re.compile(r"\w+")
SHINGLE = 4


# ----------------------------------------------------------------------------- the metric


def shingles(text: str) -> Counter:
    """Multiset of 4-token shingles; a text of fewer tokens is one shingle of all of them."""
    tokens = TOKEN.findall(text or "")
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i:i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def document_counts(gold: str, predicted: str) -> tuple[float, float, float]:
    """tp, fp, fn of one document, normalised to sum to 1 so every document weighs the same."""
    true, pred = shingles(gold), shingles(predicted)
    tp = sum(min(n, pred[s]) for s, n in true.items())
    fp = sum(max(0, n - true[s]) for s, n in pred.items())
    fn = sum(max(0, n - pred[s]) for s, n in true.items())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def corpus_scores(gold: dict[str, str], predicted: dict[str, str]) -> dict[str, float]:
    """Benchmark precision, recall, F1 (from the averages) and exact-token accuracy."""
    precisions, recalls, exact = [], [], 0
    for key, true in gold.items():
        pred = predicted.get(key) or ""
        tp, fp, fn = document_counts(true, pred)
        if tp + fp > 0:
            precisions.append(tp / (tp + fp))
        if tp + fn > 0:
            recalls.append(tp / (tp + fn))
        exact += TOKEN.findall(true) == TOKEN.findall(pred)
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"f1": f1, "precision": p, "recall": r, "accuracy": exact / len(gold)}


# ----------------------------------------------------------------------------- the data

_URL_DATES = (
    re.compile(r"/((?:19|20)\d\d)/(\d\d)/(\d\d)(?:/|$)"),
    re.compile(r"/((?:19|20)\d\d)-(\d\d)-(\d\d)(?:[/-]|$)"),
    re.compile(r"(?<!\d)((?:19|20)\d\d)(\d\d)(\d\d)(?!\d)"),
)
# The page's own statements of its URL: removed for the URL-free date column.
_PAGE_URLS = re.compile(
    r"<link\b[^>]*\brel=[\"']?canonical\b[^>]*>"
    r"|<meta\b[^>]*\b(?:property|name)=[\"']?(?:og|twitter):url\b[^>]*>"
    r"|<link\b[^>]*\brel=[\"']?(?:shortlink|amphtml|alternate)\b[^>]*>",
    re.IGNORECASE,
)


def url_date(url: str) -> str | None:
    """The full date a URL path spells out, if any."""
    for pattern in _URL_DATES:
        found = pattern.search(url)
        if found and 1 <= int(found[2]) <= 12 and 1 <= int(found[3]) <= 31:
            return "-".join(found.groups())
    return None


def load_gold() -> dict[str, dict]:
    return json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))


def load_html(key: str) -> str:
    with gzip.open(DATA / "html" / f"{key}.html.gz", "rt", encoding="utf-8", errors="replace") as f:
        return f.read()


def reference_predictions(name: str) -> dict[str, str]:
    raw = json.loads((DATA / "reference_outputs" / f"{name}.json").read_text(encoding="utf-8"))
    raw = raw.get("output", raw)
    return {k: (v or {}).get("articleBody") or "" for k, v in raw.items()}


# ----------------------------------------------------------------------------- one page


def run_page(job: tuple[str, bool]) -> dict:
    """Every system's output for one page (runs in a worker process)."""
    import trafilatura
    from htmldate import find_date

    from crosswire.ingest.html import extract_html

    key, dated = job
    html = load_html(key)
    ours = extract_html(html)
    out = {
        "key": key,
        "crosswire": ours.text,
        "trafilatura": trafilatura.extract(html) or "",
        "trafilatura_precision": trafilatura.extract(html, favor_precision=True) or "",
    }
    if dated:
        bare = _PAGE_URLS.sub("", html)
        out["dates"] = {
            "crosswire": ours.published,
            "htmldate": find_date(html, extensive_search=True),
            "crosswire_no_page_url": extract_html(bare).published,
            "htmldate_no_page_url": find_date(bare, extensive_search=True),
        }
    return out


# ----------------------------------------------------------------------------- the run


def evaluate(workers: int = 2) -> dict[str, float]:
    """Run every system on every page, print both tables, return the measured figures."""
    gold = load_gold()
    gold_dates = {k: d for k, v in gold.items() if (d := url_date(v["url"]))}
    started = time.monotonic()
    jobs = [(key, key in gold_dates) for key in gold]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pages = list(pool.map(run_page, jobs, chunksize=4))
    elapsed = time.monotonic() - started

    bodies = {k: v["articleBody"] for k, v in gold.items()}
    systems = {
        "crosswire extract_html": "crosswire",
        "trafilatura.extract (defaults)": "trafilatura",
        "trafilatura.extract (favor_precision)": "trafilatura_precision",
    }
    scores = {label: corpus_scores(bodies, {p["key"]: p[field] for p in pages})
              for label, field in systems.items()}
    scores["trafilatura 2.0.0 upstream output (metric check, published 0.958)"] = corpus_scores(
        bodies, reference_predictions("trafilatura"))
    import trafilatura

    print_table(
        f"Body text, Zyte benchmark ({len(bodies)} pages, trafilatura {trafilatura.__version__}, "
        f"{elapsed:.0f}s)",
        ["system", "F1", "precision", "recall", "accuracy"],
        [[label, *(s[m] for m in ("f1", "precision", "recall", "accuracy"))]
         for label, s in scores.items()],
    )

    dated = [p for p in pages if "dates" in p]
    date_acc = {
        name: sum(p["dates"][name] == gold_dates[p["key"]] for p in dated) / len(dated)
        for name in ("crosswire", "htmldate", "crosswire_no_page_url", "htmldate_no_page_url")
    }
    print_table(
        f"Publication date, {len(dated)} pages whose URL spells the date (URL never given)",
        ["system", "page as is", "page URL links removed"],
        [
            ["crosswire extract_html().published", date_acc["crosswire"],
             date_acc["crosswire_no_page_url"]],
            ["htmldate find_date(extensive_search=True)", date_acc["htmldate"],
             date_acc["htmldate_no_page_url"]],
        ],
    )
    ours = scores["crosswire extract_html"]
    return {
        "f1": ours["f1"],
        "precision": ours["precision"],
        "recall": ours["recall"],
        "accuracy": ours["accuracy"],
        "baseline_f1_defaults": scores["trafilatura.extract (defaults)"]["f1"],
        "baseline_f1_precision": scores["trafilatura.extract (favor_precision)"]["f1"],
        "date_accuracy": date_acc["crosswire"],
        "date_accuracy_no_page_url": date_acc["crosswire_no_page_url"],
        "htmldate_accuracy": date_acc["htmldate"],
        "htmldate_accuracy_no_page_url": date_acc["htmldate_no_page_url"],
        "seconds": elapsed,
    }


def gate(measured: dict[str, float]) -> list[str]:
    """Failures against the pinned floors and against the baselines of the same run."""
    floors = {k: v for k, v in load_floor("extraction").items() if not k.startswith("_")}
    failures = check_floors(measured, floors)
    for baseline in ("baseline_f1_defaults", "baseline_f1_precision"):
        if measured["f1"] <= measured[baseline]:
            failures.append(f"F1 {measured['f1']:.4f} does not beat {baseline} "
                            f"{measured[baseline]:.4f}")
    for ours, theirs in (("date_accuracy", "htmldate_accuracy"),
                         ("date_accuracy_no_page_url", "htmldate_accuracy_no_page_url")):
        if measured[ours] < measured[theirs]:
            failures.append(f"{ours} {measured[ours]:.3f} < {theirs} {measured[theirs]:.3f}")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    args = parser.parse_args(argv)
    measured = evaluate(args.workers)
    failures = gate(measured)
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    print("\nextraction gate:", "FAILED" if failures else "passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
