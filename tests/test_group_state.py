"""The story clusterer's state as store tables (crosswire.group.state): an add reads what its
batch needs and writes what changed, groups exactly as the whole-document state did, and a store
holding the old document is migrated once. Real SQLite files and a real PostgreSQL server."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from crosswire.group.state import LEGACY_KEY, open_clusterer, save_clusterer
from crosswire.group.stories import StoryClusterer
from crosswire.models import Article
from crosswire.pipeline import Pipeline
from crosswire.store import ArticleStore

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import synthetic_corpus  # noqa: E402
from test_store import store  # noqa: E402,F401  (the store suite's fixture: both backends)


def _batches(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _add(store: ArticleStore, batch: list[Article]):
    with store.grouping():
        clusterer = open_clusterer(store)
        touched = clusterer.add(batch)
        save_clusterer(clusterer)
    return clusterer, touched


def test_group_state_tables_group_a_stream_exactly_as_the_state_document_did(store):
    corpus = synthetic_corpus(700, seed=7)
    document = None
    for batch in _batches(corpus, 100):
        # The old way: the whole state read, the batch added, the whole state written.
        whole = StoryClusterer.from_state(json.loads(json.dumps(document))) if document else StoryClusterer()
        expected = whole.add(batch)
        document = whole.to_state()
        _, touched = _add(store, batch)
        assert touched == expected
    stored = store.cluster_state()
    assert stored["n_docs"] == document["n_docs"] == 700
    assert stored["df"] == document["df"]
    # The same stories, in the same order (the order postings keep), with the same sums.
    assert stored["stories"] == json.loads(json.dumps(document["stories"]))


def test_group_state_add_reads_its_candidates_not_the_store(tmp_path):
    corpus = synthetic_corpus(3200, seed=9)
    store = ArticleStore(tmp_path / "db.sqlite")
    for batch in _batches(corpus[:3000], 500):
        _add(store, batch)
    stored = len(store.cluster_story_ids())
    clusterer, _ = _add(store, corpus[3000:3020])
    work = clusterer._state.work
    # 20 new articles score at most 12 candidates each (24 fetched): a share of the stories.
    assert stored > 300
    assert 0 < work["stories"] <= 20 * 24 and work["stories"] < stored // 2
    assert work["members"] == 0  # no article of the batch was clustered before
    # Writes: the touched stories' rows, the new members, their postings and the batch's terms.
    assert work["written"] < 20 * 200
    store.close()


def test_group_state_old_document_is_migrated_once_and_adds_go_on_from_it(store):
    corpus = synthetic_corpus(300, seed=4)
    whole = StoryClusterer()
    whole.add(corpus[:200])
    store.set_state(LEGACY_KEY, whole.to_state())
    _add(store, corpus[200:])  # the first add on the old store migrates it, then adds
    assert store.get_state(LEGACY_KEY) is None
    # As the old add did: the document read back, the batch added.
    reread = StoryClusterer.from_state(json.loads(json.dumps(whole.to_state())))
    reread.add(corpus[200:])
    assert store.cluster_state()["stories"] == json.loads(json.dumps(reread.to_state()["stories"]))
    in_state = [m for s in store.cluster_state()["stories"] for m in s["members"]]
    assert sorted(in_state) == sorted(a.id for a in corpus)


def test_group_state_pipeline_keeps_store_stories_and_clusterer_state_alike(store):
    corpus = synthetic_corpus(240, seed=2)
    store.add_articles(corpus)
    pipeline = Pipeline(store)
    for batch in _batches(corpus, 60):
        pipeline.group(batch, {})
    pipeline.group(corpus[:10], {})  # articles already grouped: their stories, nothing moves
    state = store.cluster_state()
    assert {s["id"]: sorted(s["members"]) for s in state["stories"]} == {
        s.id: sorted(s.article_ids) for s in store.stories()}
    members = [m for s in state["stories"] for m in s["members"]]
    assert sorted(members) == sorted(a.id for a in corpus)
    # Each article's row in the members table names its story.
    assert store.cluster_story_of(members) == {m: s["id"] for s in state["stories"] for m in s["members"]}


def test_group_state_store_backed_clusterer_lists_every_stored_story(store):
    corpus = synthetic_corpus(120, seed=3)
    _add(store, corpus[:60])
    with store.grouping():
        clusterer = open_clusterer(store)
        assert {s.id for s in clusterer.stories()} == set(store.cluster_story_ids())
        with pytest.raises(TypeError):
            clusterer.to_state()  # its df holds one batch's terms: not a whole state


@pytest.mark.parametrize("version", [2, 3])
def test_group_state_store_at_an_older_version_migrates_with_its_state_and_splits(tmp_path, monkeypatch, version):
    import sqlite3

    import crosswire.store as store_module
    from crosswire.store import MIGRATIONS

    corpus = synthetic_corpus(300, seed=5)
    whole = StoryClusterer()
    whole.add(corpus[:200])
    a, b = sorted(s.id for s in whole.stories())[:2]
    whole._apart = {frozenset((a, b))}
    path = tmp_path / "old.sqlite"
    monkeypatch.setattr(store_module, "MIGRATIONS", MIGRATIONS[:version])
    old = ArticleStore(path)
    old.set_state(LEGACY_KEY, whole.to_state())  # the state as such a store kept it
    old.close()
    monkeypatch.setattr(store_module, "MIGRATIONS", MIGRATIONS)
    store = ArticleStore(path)
    rows = sqlite3.connect(path).execute("SELECT id FROM migrations").fetchall()
    assert [r[0] for r in rows] == list(range(1, len(MIGRATIONS) + 1))
    _add(store, corpus[200:])
    reread = StoryClusterer.from_state(json.loads(json.dumps(whole.to_state())))
    reread.add(corpus[200:])
    expected = json.loads(json.dumps(reread.to_state()))
    state = store.cluster_state()
    assert state["stories"] == expected["stories"] and state["df"] == expected["df"]
    assert state["apart"] == expected["apart"] != []  # the stories a user split stay apart
    store.close()


def test_group_state_story_vectors_read_back_exactly_whatever_their_terms(store):
    # Terms holding the separators of the packed form (a hostile text's control characters),
    # an empty term, an empty vector: each row reads back as written, weights to the last bit.
    vectors = [
        ({"quake": 0.1 + 0.2, "toll": 1 / 3}, {"qeshm": 2 ** -40}, {}),
        ({"a\x1fb": 0.5, "c\x1ed": 0.25, "\x1de": 0.125}, {"": 1.0}, {"[x": 3.0}),
        ({}, {}, {}),
    ]
    rows = [{"id": f"s{i}", "seq": i, "first": None, "last": None, "selfsum": 1.0, "leadn": 0,
             "members": [f"a{i}"], "weeks": {}, "keys": [], "terms": t, "names": n, "lead": lead}
            for i, (t, n, lead) in enumerate(vectors)]
    with store.grouping():
        store.save_cluster(rows, [(f"a{i}", f"s{i}") for i in range(len(rows))], [], [], [], [])
    back = {d["id"]: d for d in store.cluster_stories([r["id"] for r in rows])}
    for r in rows:
        assert [back[r["id"]][f] for f in ("terms", "names", "lead")] == [r["terms"], r["names"], r["lead"]]
