"""`crosswire add URL…` and `crosswire watch` as a user runs them (a real process, a real store)
against a real HTTP server on a loopback port (tests/local_http.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from local_http import QUAKE, LocalServer, Route, article_html, rss

FLOOD = [
    "Floods in the Po valley forced 2,000 people from their homes on Sunday after the river burst its banks "
    "near Ferrara, the civil protection agency said.",
    "Regional officials said two people were missing and that rail lines between Bologna and Venice were closed.",
    "Forecasters warned that more rain was expected on Monday across Emilia-Romagna and the Veneto.",
]


def run(args, home, timeout=300):
    env = {**os.environ, "CROSSWIRE_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "crosswire", *args], capture_output=True, env=env,
                          timeout=timeout, text=True)


@pytest.fixture
def server():
    with LocalServer() as s:
        s.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"})
        s.routes["/news/quake"] = Route(article_html("Quake hits Qeshm", QUAKE))
        s.routes["/news/flood"] = Route(article_html("Floods in the Po valley", FLOOD, published="2024-05-12"))
        s.routes["/feed.xml"] = Route(rss(s.base, ["/news/quake"]), headers={"Content-Type": "application/rss+xml"})
        yield s


def test_add_fetches_urls_and_url_files_into_stories(server, tmp_path):
    listed = tmp_path / "urls.txt"
    listed.write_text(f"# today\n{server.base}/news/flood\n{server.base}/missing\nnot-a-url\n")
    proc = run(["--store", str(tmp_path / "s.db"), "add", "--timeout", "2",
                server.base + "/news/quake", "--urls", str(listed)], tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 2 and {line.split("\t")[2] for line in lines} == {"Quake hits Qeshm", "Floods in the Po valley"}
    assert f"rejected {server.base}/missing: HTTP 404" in proc.stderr
    assert f"rejected {listed}:4: not an http(s) URL" in proc.stderr
    assert "Traceback" not in proc.stderr
    dossier = run(["--store", str(tmp_path / "s.db"), "dossier", lines[0].split("\t")[0]], tmp_path)
    assert server.base + "/news/" in dossier.stdout  # the article's source is its URL


def test_add_of_only_failing_urls_is_an_error_not_a_traceback(server, tmp_path):
    server.routes["/down"] = Route(b"", fail_times=99)
    proc = run(["--store", str(tmp_path / "s.db"), "add", "--timeout", "1",
                server.base + "/down", server.base + "/private/x", "http://127.0.0.1:9/"], tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "HTTP 500" in proc.stderr and "robots.txt" in proc.stderr and "could not connect" in proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr


def test_watch_once_picks_up_a_new_entry_and_never_fetches_a_url_twice(server, tmp_path):
    db = str(tmp_path / "s.db")
    first = run(["--store", db, "watch", "--once", "--timeout", "1", server.base + "/feed.xml"], tmp_path)
    assert first.returncode == 0, first.stderr
    assert "poll 1 at" in first.stderr and "1 feed, 1 entry, 1 new, 1 article added to 1 story" in first.stderr
    assert first.stdout.count("\t") == 2 and "Quake hits Qeshm" in first.stdout
    server.routes["/feed.xml"] = Route(rss(server.base, ["/news/quake", "/news/flood"]))
    second = run(["--store", db, "watch", "--once", "--timeout", "1", server.base + "/feed.xml"], tmp_path)
    assert second.returncode == 0, second.stderr
    assert "2 entries, 1 new, 1 article added to 1 story" in second.stderr
    assert "Floods in the Po valley" in second.stdout
    assert server.hits("/news/quake") == 1 and server.hits("/news/flood") == 1


def test_watch_survives_404_500_hanging_and_refused_entries_and_reads_opml(server, tmp_path):
    server.routes["/down"] = Route(b"", fail_times=99)
    server.routes["/hang"] = Route(article_html("x", QUAKE), hang=4)
    server.routes["/feed.xml"] = Route(rss(server.base, ["/missing", "/down", "/hang", "/private/p", "/news/quake"]))
    opml = tmp_path / "list.opml"
    opml.write_text(f'<?xml version="1.0"?><opml version="2.0"><body><outline text="wire" '
                    f'xmlUrl="{server.base}/feed.xml"/><outline text="gone" xmlUrl="{server.base}/nofeed"/></body></opml>')
    db = str(tmp_path / "s.db")
    proc = run(["--store", db, "watch", "--once", "--timeout", "1", str(opml)], tmp_path)
    assert proc.returncode == 0, proc.stderr
    for reason in ("HTTP 404", "HTTP 500", "timed out", "robots.txt"):
        assert reason in proc.stderr
    assert "Traceback" not in proc.stderr and "Quake hits Qeshm" in proc.stdout
    assert server.hits("/private/p") == 0
    again = run(["--store", db, "watch", "--once", "--timeout", "1", str(opml)], tmp_path)
    assert again.returncode == 0, again.stderr
    assert server.hits("/missing") == 1 and server.hits("/news/quake") == 1  # a definite answer: never asked again


def test_watch_refuses_a_bad_interval(tmp_path):
    proc = run(["--store", str(tmp_path / "s.db"), "watch", "--every", "soon", "feed.xml"], tmp_path)
    assert proc.returncode == 2 and "--every" in proc.stderr and "Traceback" not in proc.stderr


def _sigint_default() -> None:
    # a child inherits an ignored SIGINT, and Python then installs no KeyboardInterrupt handler:
    # the watcher under test must start as a terminal would start it, whatever the test runner did
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.slow
def test_watch_polls_until_ctrl_c_and_takes_a_new_entry_at_the_next_poll(server, tmp_path):
    env = {**os.environ, "CROSSWIRE_HOME": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "-m", "crosswire", "--store", str(tmp_path / "s.db"), "watch",
                             "--every", "1s", "--timeout", "1", server.base + "/feed.xml"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
                            preexec_fn=_sigint_default)
    try:
        lines = []
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            lines.append(line)
            if line.startswith("poll 1 "):
                server.routes["/feed.xml"] = Route(rss(server.base, ["/news/quake", "/news/flood"]))
            if line.startswith("poll 2 "):
                break
        assert any("1 new, 1 article added" in line for line in lines if line.startswith("poll 2 ")), lines
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "stopped after" in err and "Traceback" not in err
    assert server.hits("/news/flood") == 1 and server.hits("/news/quake") == 1


def test_watcher_remembers_urls_only_once_told_they_are_stored(server, tmp_path):
    from crosswire.ingest.fetch import Fetcher
    from crosswire.ingest.watch import Watcher
    from crosswire.store import ArticleStore

    store = ArticleStore(tmp_path / "s.db")
    with Fetcher(timeout=1, per_host_interval=0) as fetcher:
        interrupted = Watcher(store, [server.base + "/feed.xml"], fetcher).poll()  # never remembered
        assert [d.source for d in interrupted.documents] == [server.base + "/news/quake"]
        watcher = Watcher(store, [server.base + "/feed.xml"], fetcher)
        again = watcher.poll()
        assert again.new == 1 and server.hits("/news/quake") == 2
        watcher.remember(again)
        assert Watcher(store, [server.base + "/feed.xml"], fetcher).poll().new == 0
    assert server.hits("/news/quake") == 2
    store.close()
