"""Speed and memory of each stage, in one table.

    python benchmarks/run.py [-n 200] [--group-sizes 1000,10000,100000] [--skip STAGE ...]

About 15 minutes on 2 cores, most of it grouping 100,000 synthetic articles; pass
``--group-sizes 1000,10000`` for a quick run. The add-cost row (issue 13: an add of 1,000
articles into 10k vs 100k stored, ratio <= 1.2) builds both stores first (about 6 minutes;
``--store-sizes 1000,10000`` is quick, ``''`` skips it).

Each stage runs in a fresh process (spawned), so its peak RSS is its own: the figure is
``ru_maxrss`` of that process, models and libraries included. Corpora are real news text:
ECB+ documents (eval/data/ecbplus) for text stages and the Zyte benchmark pages
(eval/data/zyte) for HTML, cycled to N articles. Reference lines run a well-known library on
the same input: trafilatura's bare ``extract()`` for HTML cleaning, a bare spaCy ``nlp.pipe``
for extraction (and for the end-to-end ratio). The same analysis runs once more on a Dask
LocalCluster of two workers, and the demo once cold in a fresh process.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing as mp
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ECB = ROOT / "eval" / "data" / "ecbplus" / "docs.jsonl"
ZYTE = ROOT / "eval" / "data" / "zyte" / "html"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))


def _texts(n: int) -> list[tuple[str, str]]:
    docs = [json.loads(line) for line in ECB.open(encoding="utf-8")]
    return [(f"{docs[i % len(docs)]['doc_id']}#{i}", docs[i % len(docs)]["text"] + f"\n\n(copy {i})") for i in range(n)]


def _pages(n: int) -> list[str]:
    files = sorted(ZYTE.glob("*.html.gz"))
    return [gzip.decompress(files[i % len(files)].read_bytes()).decode("utf-8", "replace") for i in range(n)]


# --------------------------------------------------------------------------- stages (in a child)


def stage_clean_text(n: int) -> int:
    from crosswire.ingest.clean import clean_document
    from crosswire.models import RawDocument

    docs = [RawDocument(source=i, content=t) for i, t in _texts(n)]
    start = time.perf_counter()
    for doc in docs:
        clean_document(doc)
    return time.perf_counter() - start


def stage_clean_html(n: int) -> float:
    from crosswire.ingest.html import extract_html

    pages = _pages(n)
    start = time.perf_counter()
    for page in pages:
        extract_html(page)
    return time.perf_counter() - start


def stage_trafilatura(n: int) -> float:
    import trafilatura

    pages = _pages(n)
    start = time.perf_counter()
    for page in pages:
        trafilatura.extract(page)
    return time.perf_counter() - start


def stage_nlp_pipe(n: int) -> float:
    from crosswire.nlp import load_nlp

    nlp = load_nlp()
    texts = [t for _, t in _texts(n)]
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - start


def stage_extract(n: int) -> float:
    from crosswire.extract.pipeline import Extractor

    extractor = Extractor()
    records = [(i, t, "2015-01-01") for i, t in _texts(n)]
    start = time.perf_counter()
    for _ in extractor.extract_many(records):
        pass
    return time.perf_counter() - start


def stage_group(n: int) -> float:
    from crosswire.group.stories import StoryClusterer
    from crosswire.models import Article

    articles = [Article(id=i, source=i, text=t) for i, t in _texts(n)]
    start = time.perf_counter()
    StoryClusterer().add(articles)
    return time.perf_counter() - start


def stage_compare(n: int) -> float:
    """The comparison stage alone (claim alignment with the embedding model, independence,
    discrepancies, summary) over the N articles' stories (ECB+ subtopics), extraction untimed;
    the model load is timed, as a run pays it."""
    from crosswire.compare import build_dossier
    from crosswire.extract.pipeline import Extractor
    from crosswire.models import Article, Story

    docs = {json.loads(line)["doc_id"]: json.loads(line)["subtopic"] for line in ECB.open(encoding="utf-8")}
    articles = [Article(id=i, source=i, text=t) for i, t in _texts(n)]
    extractions = {e.id: e for e in Extractor().extract_many([(a.id, a.text, None) for a in articles])}
    stories: dict[str, list[Article]] = {}
    for a in articles:
        stories.setdefault(docs[a.id.split("#")[0]], []).append(a)
    start = time.perf_counter()
    for name, members in stories.items():
        build_dossier(Story(id=name, article_ids=[a.id for a in members]), members, extractions, [])
    return time.perf_counter() - start


def _analyze(n: int, dask: str | None = None) -> float:
    from crosswire.api import Store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        for k, (_, text) in enumerate(_texts(n)):
            (folder / f"{k:06d}.txt").write_text(text, encoding="utf-8")
        # warm: the models loaded (in this process, or on every worker) by a two-article run into
        # a throwaway store, so both lines time the steady work and not one-off loads (the cold
        # demo line times those)
        warm = Path(tmp) / "warm"
        warm.mkdir()
        for k, (_, text) in enumerate(_texts(2)):
            (warm / f"{k}.txt").write_text(text, encoding="utf-8")
        with Store(Path(tmp) / "warm.sqlite") as store:
            store.analyze([str(warm)], dask=dask)
        if dask:  # the warm run's one task warmed one worker; warm them all
            from dask.distributed import Client

            from crosswire.pipeline import warm_worker

            with Client(dask) as client:
                client.run(warm_worker)
        start = time.perf_counter()
        with Store(Path(tmp) / "db.sqlite") as store:
            store.analyze([str(folder)], dask=dask)
        return time.perf_counter() - start


def stage_analyze(n: int) -> float:
    return _analyze(n)


def stage_analyze_dask(n: int) -> float:
    """The same run on a LocalCluster of 2 single-threaded worker processes, started and warmed
    before the clock (a long-lived cluster serves many runs). On a real cluster, pass its
    scheduler address to ``crosswire --dask tcp://host:8786``."""
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        return _analyze(n, dask=cluster.scheduler_address)


def stage_cold_demo(n: int) -> float:
    """A newcomer's first run: ``crosswire analyze examples/japan-2plus2/`` in a fresh process
    (interpreter start, imports, model loads), into an empty store. ``n`` is ignored."""
    import subprocess

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "crosswire", "--store", str(Path(tmp) / "x.db"), "analyze",
                        str(ROOT / "examples" / "japan-2plus2"), "--out", str(Path(tmp) / "out")],
                       check=True, capture_output=True, timeout=600)
        return time.perf_counter() - start


STAGES = {
    "clean (text)": stage_clean_text,
    "clean (html)": stage_clean_html,
    "  reference: trafilatura.extract": stage_trafilatura,
    "extract": stage_extract,
    "  reference: bare nlp.pipe": stage_nlp_pipe,
    "group (stories)": stage_group,
    "compare (align, discrepancies)": stage_compare,
    "analyze (end to end)": stage_analyze,
    "analyze on Dask (LocalCluster, 2 workers)": stage_analyze_dask,
    "cold demo (crosswire analyze examples/)": stage_cold_demo,
}


def _child(name: str, n: int, queue) -> None:
    try:
        seconds = STAGES[name](n)
        # the largest process of the stage: itself, or a child it waited for (the cold demo's
        # process, the Dask workers)
        rss = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
        queue.put((seconds, rss / 1024, None))
    except Exception as exc:  # report, don't hang the table
        queue.put((None, None, f"{type(exc).__name__}: {exc}"))


def run_stage(name: str, n: int) -> dict:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(name, n, queue))
    proc.start()
    seconds, rss, error = queue.get()
    proc.join()
    return {"stage": name, "n": n, "seconds": seconds, "articles_per_s": (n / seconds) if seconds else None,
            "peak_rss_mb": rss, "error": error}


def print_table(rows: list[dict], title: str) -> None:
    print(f"\n{title}")
    print(f"{'stage':<42} {'n':>7} {'seconds':>9} {'articles/s':>11} {'peak RSS MB':>12}")
    for r in rows:
        if r.get("error"):
            print(f"{r['stage']:<42} {r['n']:>7}   error: {r['error']}")
            continue
        print(f"{r['stage']:<42} {r['n']:>7} {r['seconds']:>9.2f} {r['articles_per_s']:>11.1f} {r['peak_rss_mb']:>12.0f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=200, help="articles per stage (default 200)")
    parser.add_argument("--group-sizes", default="1000,10000,100000",
                        help="corpus sizes for grouping at scale (default 1000,10000,100000; '' skips)")
    parser.add_argument("--store-sizes", default="10000,100000",
                        help="stored articles for the add-cost row (benchmarks/bench_store.py; '' skips)")
    parser.add_argument("--skip", action="append", default=[], help="skip stages whose name contains this")
    args = parser.parse_args(argv)

    rows = [run_stage(name, args.n) for name in STAGES if not any(s in name for s in args.skip)]
    print_table(rows, f"crosswire stages on {args.n} articles (each in a fresh process)")
    by_name = {r["stage"]: r for r in rows}
    ext, ref = by_name.get("extract"), by_name.get("  reference: bare nlp.pipe")
    if ext and ref and ext["seconds"] and ref["seconds"]:
        print(f"\nextraction / bare nlp.pipe time ratio: {ext['seconds'] / ref['seconds']:.2f} (goal <= 1.5)")
    cmp_, e2e = by_name.get("compare (align, discrepancies)"), by_name.get("analyze (end to end)")
    if cmp_ and e2e and cmp_.get("seconds") and e2e.get("seconds"):
        print(f"comparison / end to end time: {cmp_['seconds'] / e2e['seconds']:.1%} (goal <= 10%)")
    if e2e and ref and e2e.get("seconds") and ref.get("seconds"):
        print(f"end to end / bare nlp.pipe time ratio: {e2e['seconds'] / ref['seconds']:.2f} (goal <= 1.3)")
    dask = by_name.get("analyze on Dask (LocalCluster, 2 workers)")
    if e2e and dask and e2e.get("seconds") and dask.get("seconds"):
        print(f"LocalCluster (2 workers) speed-up over one local process: {e2e['seconds'] / dask['seconds']:.2f}x "
              f"(goal >= 1.6x on 2 cores)")
    cold = by_name.get("cold demo (crosswire analyze examples/)")
    if cold and cold.get("seconds"):
        print(f"cold demo run: {cold['seconds']:.1f} s (goal < 3 s)")
    html, traf = by_name.get("clean (html)"), by_name.get("  reference: trafilatura.extract")
    if html and traf and html["seconds"] and traf["seconds"]:
        print(f"html cleaning / trafilatura.extract time ratio: {html['seconds'] / traf['seconds']:.2f}")

    if args.store_sizes:
        from benchmarks.bench_store import measure, ratio_line

        store_rows = [measure(int(n), 1000) for n in args.store_sizes.split(",")]
        print("\nadd cost: the next 1,000 articles of a synthetic feed grouped into a store of N "
              "(fastest of 3, fresh copies; benchmarks/bench_store.py)")
        for r in store_rows:
            print(f"  {r['stored']:>7} stored: {r['seconds']:.2f} s wall, {r['cpu']:.2f} s cpu")
        print(ratio_line(store_rows))

    if args.group_sizes:
        from benchmarks.bench_group import bench_group, growth

        sizes = tuple(int(s) for s in args.group_sizes.split(","))
        group_rows = bench_group(sizes=sizes)
        print_table(group_rows, "grouping at scale (synthetic corpus, benchmarks/synthetic.py)")
        for line in growth(group_rows):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
