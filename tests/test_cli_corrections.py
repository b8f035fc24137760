"""The correction and search commands of the CLI, as a user runs them (subprocesses on a real store)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "examples" / "japan-2plus2"
WEB_ARTICLES = Path(__file__).parent / "data" / "web" / "articles"


def _crosswire(store: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "crosswire", "--store", str(store), *args], capture_output=True,
                          text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli-corrections") / "crosswire.db"
    added = _crosswire(path, "add", str(DEMO), str(WEB_ARTICLES))
    assert added.returncode == 0, added.stderr
    return path


def _stories(store: Path) -> dict[str, dict]:
    listed = _crosswire(store, "stories", "--json")
    assert listed.returncode == 0, listed.stderr
    return {s["id"]: s for s in json.loads(listed.stdout)["stories"]}


def _titled(store: Path, word: str) -> dict:
    return next(s for s in _stories(store).values() if word in (s["title"] or "").lower())


def test_cli_search_finds_words_in_any_order_and_exits_1_on_no_hit(store):
    found = _crosswire(store, "search", "dockers", "Rotterdam")
    assert found.returncode == 0, found.stderr
    kind, _id, story_id, snippet = found.stdout.splitlines()[0].split("\t")
    assert kind in ("article", "claim") and story_id == _titled(store, "strike")["id"] and snippet
    as_json = json.loads(_crosswire(store, "search", "Rotterdam", "dockers", "--json").stdout)
    assert as_json["hits"] and as_json["query"] == "Rotterdam dockers"
    none = _crosswire(store, "search", '"NEAR(', "zzqx")
    assert none.returncode == 1 and none.stdout == "" and "Traceback" not in none.stderr


@pytest.mark.slow  # a subprocess per correction, each loading the pipeline: about 45 s
def test_cli_corrections_rename_split_merge_set_and_delete(store):
    japan = _titled(store, "japan")
    renamed = _crosswire(store, "rename", japan["id"], "Talks called off")
    assert renamed.returncode == 0, renamed.stderr
    assert renamed.stdout.split("\t")[0] == japan["id"] and _stories(store)[japan["id"]]["title"] == "Talks called off"

    out = sorted(japan["articles"])[0]
    split = _crosswire(store, "split", japan["id"], out, "--title", "One apart")
    assert split.returncode == 0, split.stderr
    new_id, count, title = split.stdout.strip().split("\t")
    assert (count, title) == ("1", "One apart") and _stories(store)[new_id]["articles"] == [out]

    merged = _crosswire(store, "merge", japan["id"], new_id)
    assert merged.returncode == 0, merged.stderr
    assert sorted(_stories(store)[japan["id"]]["articles"]) == sorted(japan["articles"]) and new_id not in _stories(store)

    set_ = _crosswire(store, "set-article", out, "--outlet", "Kyodo", "--published", "2025-06-20")
    assert set_.returncode == 0, set_.stderr
    dossier = json.loads(_crosswire(store, "dossier", japan["id"]).stdout)
    article = next(a for a in dossier["articles"] if a["id"] == out)
    assert (article["outlet"], article["published"]) == ("Kyodo", "2025-06-20")

    deleted = _crosswire(store, "delete-article", out)
    assert deleted.returncode == 0, deleted.stderr
    assert out not in _stories(store)[japan["id"]]["articles"]
    bridge = _titled(store, "bridge")
    assert _crosswire(store, "delete-story", bridge["id"]).returncode == 0
    assert bridge["id"] not in _stories(store)


def test_cli_corrections_errors_are_one_line_with_their_exit_codes(store):
    japan = _titled(store, "talks") if any("talks" in (s["title"] or "").lower() for s in _stories(store).values()) \
        else next(iter(_stories(store).values()))
    unknown = _crosswire(store, "delete-article", "nope")
    assert unknown.returncode == 3 and "no article" in unknown.stderr
    assert _crosswire(store, "merge", "nope", japan["id"]).returncode == 3
    bad = _crosswire(store, "split", japan["id"], *japan["articles"])
    assert bad.returncode == 2 and "at least one article" in bad.stderr and "Traceback" not in bad.stderr
    assert _crosswire(store, "set-article", japan["articles"][0]).returncode == 2
    date = _crosswire(store, "set-article", japan["articles"][0], "--published", "soon")
    assert date.returncode == 2 and "not a date" in date.stderr
