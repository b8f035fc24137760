"""Two `crosswire add` processes on one store at once: both finish, nothing lost or duplicated.

Every article ends stored once, in exactly one story, and in the story clusterer's state (so a
later article can still join its story). Real processes, a real SQLite file (and a real
PostgreSQL server when one can be started, see tests/postgres_server.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def write_corpus(folder: Path, n: int, seed: int) -> list[Path]:
    """``n`` synthetic news articles (benchmarks/synthetic.py) as text files in ``folder``."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import synthetic_corpus

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, article in enumerate(synthetic_corpus(n, seed=seed)):
        path = folder / f"{seed}_{i:03d}.txt"
        path.write_text(article.text, encoding="utf-8")
        paths.append(path)
    return paths


def add_command(store: str, folder: Path) -> list[str]:
    return [sys.executable, "-m", "crosswire", "--store", store, "add", str(folder)]


def check_store(store: str, expected_sources: set[str]) -> None:
    """The invariants a store keeps whatever happened to its writers."""
    from crosswire.store import ArticleStore

    s = ArticleStore(store)
    try:
        if getattr(s.db, "dialect", "sqlite") == "sqlite":
            assert s.db.query("PRAGMA integrity_check")[0][0] == "ok"
        rows = s.db.query("SELECT id, source FROM articles")
        ids = [r[0] for r in rows]
        assert len(ids) == len(set(ids))
        sources = Counter(os.path.basename(r[1]) for r in rows)
        assert sources == Counter({os.path.basename(p): 1 for p in expected_sources}), "articles lost or stored twice"
        membership = Counter(r[0] for r in s.db.query("SELECT article_id FROM story_articles"))
        assert {i for i, c in membership.items() if c > 1} == set(), "articles in more than one story"
        assert set(ids) - set(membership) == set(), "stored articles in no story"
        listed = s.stories()
        assert sum(len(st.article_ids) for st in listed) == len(ids)
        state = s.cluster_state()
        in_state = Counter(a for st in state["stories"] for a in st["members"])
        assert {i for i, c in in_state.items() if c > 1} == set(), "articles twice in the clusterer state"
        assert set(ids) - set(in_state) == set(), "articles in stories but missing from the clusterer state"
        # The stored stories are the clusterer's stories.
        assert {st.id: sorted(st.article_ids) for st in listed} == {
            st["id"]: sorted(st["members"]) for st in state["stories"]}
    finally:
        s.close()


def run_two_adds(store: str, tmp_path: Path, n: int = 40) -> set[str]:
    a = write_corpus(tmp_path / "a", n, seed=1)
    b = write_corpus(tmp_path / "b", n, seed=2)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    procs = [subprocess.Popen(add_command(store, tmp_path / d), env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for d in ("a", "b")]
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        assert "Traceback" not in err
    return {str(p) for p in a + b}


@pytest.mark.slow
def test_two_concurrent_adds_on_one_sqlite_store_lose_nothing(tmp_path):
    store = str(tmp_path / "store.db")
    expected = run_two_adds(store, tmp_path)
    check_store(store, expected)


@pytest.mark.slow
def test_two_concurrent_adds_on_one_postgresql_store_lose_nothing(tmp_path, postgres_url):
    expected = run_two_adds(postgres_url, tmp_path)
    check_store(postgres_url, expected)
