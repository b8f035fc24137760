"""Rough edges of issue 12 item 5, each as a user meets it (a real process, a real store, real server)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

import crosswire
from crosswire.web import create_app

sys.path.insert(0, str(Path(__file__).parent / "data" / "web"))
import server as web_helpers  # noqa: E402

BODY = ("The council of Eastvale voted on Tuesday to scrap its plan for a light-rail line, citing costs "
        "that had more than doubled to $2.4 billion, officials said. The vote was seven to two, and the "
        "mayor said the city would now study a bus corridor instead.")


def run(args, home, timeout=300):
    env = {**os.environ, "CROSSWIRE_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "crosswire", *args], capture_output=True, env=env,
                          timeout=timeout, text=True)


@pytest.fixture(scope="module")
def one_article(tmp_path_factory):
    """One article analysed with --store given after the subcommand."""
    home = tmp_path_factory.mktemp("rough")
    (home / "eastvale.txt").write_text("Eastvale scraps light rail\n\n" + BODY + "\n", encoding="utf-8")
    db = home / "mine.db"
    proc = run(["analyze", str(home / "eastvale.txt"), "--store", str(db), "--out", str(home / "out")], home)
    return home, db, proc


def test_store_option_is_accepted_after_the_subcommand(one_article):
    home, db, proc = one_article
    assert proc.returncode == 0, proc.stderr
    assert db.exists() and not (home / "crosswire.db").exists()
    listed = run(["stories", "--store", str(db)], home)
    assert listed.returncode == 0 and "Eastvale" in listed.stdout


def test_counts_are_singular_for_one(one_article):
    home, db, proc = one_article
    assert "1 story from 1 article (0 inputs rejected)" in proc.stderr
    md = (home / "out" / "dossier.md").read_text()
    assert "1 article ·" in md and "1 articles" not in md


def test_origin_is_not_said_twice(one_article):
    home, _, _ = one_article
    md = (home / "out" / "dossier.md").read_text()
    assert "origin (origin)" not in md


def test_export_names_files_by_story_title_and_writes_an_index(one_article):
    home, db, _ = one_article
    out = home / "export"
    proc = run(["export", "--out", str(out), "--format", "md", "--format", "json", "--store", str(db)], home)
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == ["eastvale-scraps-light-rail.json", "eastvale-scraps-light-rail.md", "index.md"]
    index = (out / "index.md").read_text()
    assert "Eastvale scraps light rail" in index and "(eastvale-scraps-light-rail.md)" in index
    story_id = run(["stories", "--store", str(db)], home).stdout.split("\t")[0]
    assert story_id in index


def test_export_slugs_are_safe_and_unique():
    from crosswire.cli import story_slugs

    slugs = story_slugs([("a1", "Quake: 5 dead"), ("b2", "Quake: 5 dead"), ("c3", None), ("d4", "../../etc/passwd"),
                         ("e5", "Ünïcödé — 東京 talks"), ("f6", "x" * 300)])
    assert slugs == ["quake-5-dead", "quake-5-dead-2", "story-c3", "etc-passwd", "unicode-talks", "x" * 60]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    store = crosswire.Store(tmp_path_factory.mktemp("paste") / "crosswire.db")
    with web_helpers.running_server(create_app(store)) as url, httpx.Client(base_url=url, timeout=120) as c:
        yield c, store


def test_a_one_word_paste_is_refused_with_a_reason(client):
    c, store = client
    answer = c.post("/api/analyze", json={"articles": [{"text": "hi"}]})
    assert answer.status_code == 422
    assert "too short to be an article" in answer.json()["error"]
    form = c.post("/analyze", data={"text": "hi there"}, headers={"Accept": "text/html"})
    assert form.status_code == 422 and "too short to be an article" in form.text
    assert store.stories() == [] and store.articles() == []


def test_the_http_api_never_fetches_a_url_it_is_given(client):
    from local_http import LocalServer, Route, article_html

    c, _ = client
    with LocalServer() as site:
        site.routes["/page"] = Route(article_html("Eastvale", [BODY]))
        answer = c.post("/api/analyze", json={"articles": [{"text": BODY, "url": site.base + "/page"}]})
        form = c.post("/analyze", data={"text": site.base + "/page"}, headers={"Accept": "text/html"})
    assert answer.status_code == 200 and form.status_code == 422
    assert site.log == []


def test_extract_of_a_text_file_is_one_clear_error(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("just some notes\nline two\nline three\n")
    proc = run(["extract", str(notes)], tmp_path)
    assert proc.returncode == 1 and proc.stdout == ""  # nothing could be read (EXIT_CODES)
    assert proc.stderr.count("\n") == 1 and "line 1 is not a JSON object" in proc.stderr and "JSONL" in proc.stderr


def test_serve_refuses_an_impossible_port_as_a_wrong_argument(tmp_path):
    proc = run(["--store", str(tmp_path / "s.db"), "serve", "--port", "99999"], tmp_path)
    assert proc.returncode == 2 and "--port" in proc.stderr
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr


def test_help_shows_the_exit_codes_one_a_line(tmp_path):
    proc = run(["--help"], tmp_path)
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert any(line.strip().startswith("70  internal error") for line in lines), proc.stdout
    assert any(line.strip().startswith("3  unknown story or article id") for line in lines)


def test_add_with_a_missing_url_list_is_a_wrong_argument(tmp_path):
    proc = run(["--store", str(tmp_path / "s.db"), "add", "--urls", str(tmp_path / "nope.txt")], tmp_path)
    assert proc.returncode == 2 and "cannot read the URL list" in proc.stderr and "Traceback" not in proc.stderr
