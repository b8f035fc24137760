"""The command line, run as a user runs it: a real process, a real store, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from crosswire.report.json import validate_analysis


def run(args, home, stdin=None, timeout=600):
    env = {**os.environ, "CROSSWIRE_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "crosswire", *args], input=stdin, capture_output=True,
                          env=env, timeout=timeout)


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory, demo_dir):
    home = tmp_path_factory.mktemp("home")
    return home, run(["analyze", str(demo_dir), "--json"], home)


@pytest.fixture(scope="module")
def demo_dir():
    from pathlib import Path

    return Path(__file__).resolve().parent.parent / "examples" / "japan-2plus2"


@pytest.mark.slow
def test_cli_analyze_demo_prints_one_valid_json_document(demo_run):
    _, proc = demo_run
    assert proc.returncode == 0, proc.stderr.decode()
    doc = json.loads(proc.stdout)
    validate_analysis(doc)
    assert doc["rejected"] == []
    assert sum(len(s["articles"]) for s in doc["stories"]) == 5
    assert b"Traceback" not in proc.stderr


@pytest.mark.slow
def test_cli_second_analysis_adds_nothing_to_the_store(demo_run, demo_dir):
    home, first = demo_run
    from crosswire.store import ArticleStore

    store = ArticleStore(home / "crosswire.db")
    before = store.count_articles()
    second = run(["analyze", str(demo_dir), "--json"], home)
    assert second.returncode == 0
    assert store.count_articles() == before == 5
    ids = lambda p: sorted(a["id"] for s in json.loads(p.stdout)["stories"] for a in s["articles"])  # noqa: E731
    assert ids(first) == ids(second)
    listing = run(["stories", "--json"], home)
    assert len(json.loads(listing.stdout)["stories"]) >= 1


def test_cli_rejects_bad_inputs_and_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("The council of Eastvale voted on Tuesday to scrap its plan for a light-rail line, "
                    "citing costs that had more than doubled to $2.4 billion, officials said.")
    binary = tmp_path / "image.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    proc = run(["analyze", str(good), str(binary), str(empty), str(tmp_path / "missing.txt"), "--json"], tmp_path / "h")
    assert proc.returncode == 0, proc.stderr.decode()
    doc = json.loads(proc.stdout)
    validate_analysis(doc)
    rejected = {r["source"] for r in doc["rejected"]}
    assert rejected == {str(binary), str(empty), str(tmp_path / "missing.txt")}
    assert all(r["error"] and "\n" not in r["error"] for r in doc["rejected"])


def test_cli_nothing_analysable_exits_1_without_traceback(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    proc = run(["analyze", str(empty), "--json"], tmp_path / "h")
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["stories"] == []
    assert b"Traceback" not in proc.stderr


def test_cli_reads_stdin(tmp_path):
    text = ("The council of Eastvale voted on Tuesday to scrap its plan for a light-rail line, citing costs "
            "that had more than doubled to $2.4 billion, officials said.").encode()
    proc = run(["analyze", "-", "--json"], tmp_path / "h", stdin=text)
    assert proc.returncode == 0, proc.stderr.decode()
    doc = json.loads(proc.stdout)
    assert doc["stories"][0]["articles"][0]["source"] == "-"


def test_cli_unknown_story_exits_3(tmp_path):
    proc = run(["dossier", "nope"], tmp_path / "h")
    assert proc.returncode == 3
    assert proc.stderr.decode().startswith("crosswire: no story")
    assert b"Traceback" not in proc.stderr


@pytest.mark.parametrize("command", ["analyze", "add", "stories", "dossier", "export", "extract", "serve"])
def test_cli_every_command_has_help(tmp_path, command):
    proc = run([command, "--help"], tmp_path)
    assert proc.returncode == 0 and b"Usage:" in proc.stdout


def test_cli_version(tmp_path):
    proc = run(["--version"], tmp_path)
    assert proc.returncode == 0 and b"crosswire, version" in proc.stdout


@pytest.mark.parametrize("command", [["stories"], ["add", "x.txt"], ["dossier", "s1"]])
def test_cli_store_in_a_missing_folder_is_a_clear_error(tmp_path, command):
    (tmp_path / "x.txt").write_text("The mayor of Eastvale resigned on Friday after a vote of no confidence.")
    missing = tmp_path / "nonexistent" / "dir"
    proc = subprocess.run([sys.executable, "-m", "crosswire", "--store", str(missing / "x.db"), *command],
                          capture_output=True, cwd=tmp_path, timeout=600,
                          env={**os.environ, "CROSSWIRE_HOME": str(tmp_path / "h")})
    assert proc.returncode == 4, proc.stderr.decode()
    assert proc.stderr.decode().startswith("crosswire: cannot open the store") and b"no such folder" in proc.stderr
    assert b"Traceback" not in proc.stderr
    assert not (tmp_path / "nonexistent").exists()
