"""Load on the real server: GETs at concurrency 16-64 with POST /api/analyze beside them.

    python benchmarks/load.py [--concurrency 16,64] [--posters 4,8] [--seconds 10] [--store PATH]

Starts ``crosswire serve`` in its own process on a free loopback port over a copy of the
demo store (examples/japan-2plus2, analysed first), then for each (concurrency, posters) pair
runs, for ``--seconds`` (and at most ``--max-requests`` GETs): ``concurrency`` clients looping
over GET /api/stories, GET /api/stories/{id} (JSON dossier), GET /api/stories/{id}?format=html
and GET /stories/{id} (the page), and ``posters`` clients each POSTing 5 real news articles
(ECB+, eval/data/ecbplus) to /api/analyze in a loop. Prints req/s, p50/p99 latency and errors
per kind, the server's RSS at start and end, and checks after the run that every stored
article is in exactly one story and in the story clusterer's state.

Clients run on asyncio in this process (bare keep-alive sockets for the GETs, httpx for the
POSTs); on a 2-core machine they share the cores
with the server, so the figures are a floor of what the server does alone.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "examples" / "japan-2plus2"
ECB = ROOT / "eval" / "data" / "ecbplus" / "docs.jsonl"
sys.path.insert(0, str(ROOT / "src"))
from crosswire.pipeline import MIN_PASTE_WORDS  # noqa: E402


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def children_rss_mb(pid: int) -> float:
    """RSS of the server's worker processes (analysis and render), children of ``pid``."""
    total = 0.0
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            try:
                total += rss_mb(int(child))
            except (OSError, ValueError):
                pass
    return total


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def ecb_batches(size: int = 5):
    docs = [json.loads(line) for line in ECB.open(encoding="utf-8")]
    # A text under the server's bound is refused (422, too short to be an article): not load.
    docs = [d for d in docs if len(" ".join(d["sentences"]).split()) >= MIN_PASTE_WORDS]
    for i in range(0, len(docs), size):
        yield [{"text": " ".join(d["sentences"]), "source": f"ecb-{d['doc_id']}"} for d in docs[i:i + size]]


class Connection:
    """A bare HTTP/1.1 keep-alive GET client: a fraction of httpx's CPU per request, so on a
    shared 2-core machine the figures measure the server rather than the client."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def get(self, path: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        try:
            head = await self.reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                           if line.lower().startswith(b"content-length:")), None)
            if length is None:
                raise ConnectionError("no Content-Length")
            body = await self.reader.readexactly(length)
            if b"connection: close" in head.lower():
                await self.close()
            return status, body
        except Exception:
            await self.close()
            raise

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


async def run_level(url: str, story: str, concurrency: int, posters: int, seconds: float,
                    max_requests: int, batches) -> dict[str, dict]:
    paths = {"stories": "/api/stories", "dossier": f"/api/stories/{story}",
             "dossier.html": f"/api/stories/{story}?format=html", "page": f"/stories/{story}"}
    kinds = list(paths)
    results = {k: {"lat": [], "errors": 0, "why": {}} for k in [*kinds, "analyze"]}

    def failed(kind: str, why: str) -> None:
        results[kind]["errors"] += 1
        results[kind]["why"][why] = results[kind]["why"].get(why, 0) + 1
    deadline = time.monotonic() + seconds
    issued = 0
    limits = httpx.Limits(max_connections=concurrency + posters, max_keepalive_connections=concurrency + posters)

    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        host, port = url.removeprefix("http://").split(":")

        async def getter(n: int) -> None:
            nonlocal issued
            i = n
            conn = Connection(host, int(port))
            while time.monotonic() < deadline and issued < max_requests:
                issued += 1
                kind = kinds[i % len(kinds)]
                i += 1
                started = time.perf_counter()
                try:
                    status, body = await conn.get(paths[kind])
                    why = None if status == 200 else f"HTTP {status}: {body[:120].decode(errors='replace')}"
                except (OSError, ValueError, asyncio.IncompleteReadError) as exc:
                    why = type(exc).__name__
                results[kind]["lat"].append(time.perf_counter() - started)
                if why:
                    failed(kind, why)
            await conn.close()

        async def poster() -> None:
            while time.monotonic() < deadline:
                batch = next(batches, None)
                if batch is None:
                    return
                started = time.perf_counter()
                try:
                    r = await client.post("/api/analyze", json={"articles": batch})
                    why = None if r.status_code == 200 else f"HTTP {r.status_code}: {r.text[:120]}"
                except httpx.HTTPError as exc:
                    why = type(exc).__name__
                results["analyze"]["lat"].append(time.perf_counter() - started)
                if why:
                    failed("analyze", why)

        started = time.monotonic()
        await asyncio.gather(*[getter(n) for n in range(concurrency)], *[poster() for _ in range(posters)])
        elapsed = time.monotonic() - started
    for r in results.values():
        r["seconds"] = elapsed
    return results


def check_store(path: Path) -> str:
    from crosswire.store import ArticleStore

    store = ArticleStore(path)
    try:
        articles = sorted(a.id for a in store.articles())
        members = sorted(a for s in store.stories() for a in s.article_ids)
        state = store.cluster_state() or {"stories": []}
        in_state = sorted(m for s in state["stories"] for m in s["members"])
    finally:
        store.close()
    problems = []
    if members != articles:
        problems.append(f"{len(set(articles) - set(members))} articles in no story, "
                        f"{len(members) - len(set(members))} in two")
    if in_state != articles:
        problems.append(f"{len(set(articles) - set(in_state))} articles missing from the clusterer's state")
    return f"{len(articles)} articles: " + ("; ".join(problems) if problems else
                                           "each in exactly one story and in the clusterer's state")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--concurrency", default="16,64", help="GET clients per level (comma list)")
    ap.add_argument("--posters", default="4,8", help="POST /api/analyze clients beside them (comma list)")
    ap.add_argument("--seconds", type=float, default=10.0, help="length of each level")
    ap.add_argument("--max-requests", type=int, default=20000, help="GETs per level at most")
    ap.add_argument("--store", help="serve this store (copied first); default: the demo corpus, analysed")
    args = ap.parse_args()
    levels = [(int(c), int(p)) for c in args.concurrency.split(",") for p in args.posters.split(",")]

    work = Path(tempfile.mkdtemp(prefix="crosswire-load-"))
    db = work / "crosswire.db"
    env = {**os.environ, "CROSSWIRE_HOME": str(work)}
    cli = [sys.executable, "-m", "crosswire", "--store", str(db)]
    if args.store:
        shutil.copyfile(args.store, db)
    else:
        subprocess.run([*cli, "add", str(DEMO)], env=env, check=True, capture_output=True, timeout=600)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = (work / "server.log").open("wb")
    server = subprocess.Popen([*cli, "serve", "--port", str(port)], env=env, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                stories = httpx.get(url + "/api/stories", timeout=2).json()["stories"]
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start")
                time.sleep(0.2)
        story = stories[0]["id"]
        httpx.get(f"{url}/stories/{story}", timeout=30)
        rss_start, workers_start, workers_levels = rss_mb(server.pid), children_rss_mb(server.pid), []
        print(f"server pid {server.pid} on {url}, store {db}; RSS at start {rss_start:.0f} MB")
        print(f"{'clients':>7} {'posts':>5} {'kind':<13} {'requests':>8} {'req/s':>8} {'p50 ms':>8} "
              f"{'p99 ms':>8} {'errors':>6}")
        batches = ecb_batches()
        total_errors, worst_get_p99, rss_levels = 0, 0.0, []
        for concurrency, posters in levels:
            results = asyncio.run(run_level(url, story, concurrency, posters, args.seconds,
                                            args.max_requests, batches))
            for kind, r in results.items():
                n = len(r["lat"])
                p50, p99 = percentile(r["lat"], 0.5) * 1000, percentile(r["lat"], 0.99) * 1000
                total_errors += r["errors"]
                if kind != "analyze" and n:
                    worst_get_p99 = max(worst_get_p99, p99)
                print(f"{concurrency:>7} {posters:>5} {kind:<13} {n:>8} {n / r['seconds']:>8.1f} "
                      f"{p50:>8.1f} {p99:>8.1f} {r['errors']:>6}"
                      + "".join(f"  [{count} x {why}]" for why, count in r["why"].items()))
            rss_levels.append(rss_mb(server.pid))
            workers_levels.append(children_rss_mb(server.pid))
        rss_end = rss_mb(server.pid)
        print(f"server RSS: start {rss_start:.0f} MB, after each level "
              f"{', '.join(f'{x:.0f}' for x in rss_levels)} MB, end {rss_end:.0f} MB")
        print(f"its workers' RSS: start {workers_start:.0f} MB, after each level "
              f"{', '.join(f'{x:.0f}' for x in workers_levels)} MB")
        print(f"errors: {total_errors}; worst GET p99: {worst_get_p99:.1f} ms (goal: 0 errors, under 200 ms)")
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    log.close()
    text = (work / "server.log").read_text(errors="replace")
    if "Traceback" in text:  # what a 500 was, for whoever reads the figures
        print("server log (tracebacks):\n" + text[text.index("Traceback"):][-4000:])
    print("store after the run:", check_store(db))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
