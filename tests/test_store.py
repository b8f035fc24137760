"""The SQLite store: migrations, idempotent adds, stories and dossiers round-trip."""

from __future__ import annotations

import sqlite3

import pytest

from crosswire.errors import NotFound, StoreError
from crosswire.models import (
    Article, Claim, Discrepancy, Dossier, Extraction, LineageEdge, Position, Quantity,
    QuantityMention, Story, Support,
)
from crosswire.report.json import dossier_to_dict, validate_dossier
from crosswire.store import MIGRATIONS, ArticleStore


def _article(i: int, text: str = "Body text of the article number {i} with enough words.") -> Article:
    return Article(id=f"a{i}", source=f"/tmp/{i}.txt", text=text.format(i=i), outlet="Wire", published="2025-01-0%d" % i)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """The same suite on both backends: a SQLite file and a database on a throwaway PostgreSQL."""
    where = request.getfixturevalue("postgres_url") if request.param == "postgresql" else tmp_path / "db.sqlite"
    s = ArticleStore(where)
    yield s
    s.close()


def test_store_adds_an_article_once(store):
    assert store.add_articles([_article(1), _article(2)]) == ["a1", "a2"]
    assert store.add_articles([_article(1)]) == []
    assert store.count_articles() == 2
    assert store.article("a1").text.startswith("Body text")


def test_store_migrations_are_recorded_and_not_rerun(tmp_path):
    path = tmp_path / "db.sqlite"
    ArticleStore(path).close()
    ArticleStore(path).close()
    rows = sqlite3.connect(path).execute("SELECT id, name FROM migrations").fetchall()
    assert rows == [(n, name) for n, (name, _sql) in enumerate(MIGRATIONS, start=1)]
    assert rows[:2] == [(1, "create articles, extractions, stories"),
                        (2, "queryable dossier tables: claims, supports, discrepancies, positions, lineage edges")]


def test_store_unknown_ids_raise_not_found(store):
    with pytest.raises(NotFound):
        store.article("nope")
    with pytest.raises(NotFound):
        store.dossier("nope")


def test_store_unwritable_path_is_a_store_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError):
        ArticleStore(blocker / "sub" / "db.sqlite")


def test_store_named_file_in_a_missing_folder_is_a_store_error_and_makes_no_folder(tmp_path):
    with pytest.raises(StoreError, match="no such folder"):
        ArticleStore(tmp_path / "nonexistent" / "dir" / "x.db")
    assert not (tmp_path / "nonexistent").exists()


def test_store_default_home_is_created_when_missing(tmp_path, monkeypatch):
    monkeypatch.setenv("CROSSWIRE_HOME", str(tmp_path / "new" / "home"))
    ArticleStore().close()
    assert (tmp_path / "new" / "home" / "crosswire.db").is_file()


def test_store_seen_order_is_the_order_articles_were_first_stored(store):
    store.add_articles([_article(3), _article(1)])
    store.add_articles([_article(2), _article(3)])
    ranks = store.seen_order(["a1", "a2", "a3", "missing"])
    assert sorted(ranks, key=ranks.get) == ["a3", "a1", "a2"]


def test_store_extractions_round_trip(store):
    store.add_articles([_article(1)])
    mention = QuantityMention(text="$70 billion", start=0, end=11, amount=7e10, unit="USD",
                              alternatives=[QuantityMention(text="9.9 trillion yen", start=1, end=2, amount=9.9e12, unit="JPY")])
    store.save_extractions([Extraction(id="a1", quantities=[mention], sentences=[(0, 10)])])
    got = store.extractions(["a1", "missing"])
    assert list(got) == ["a1"]
    assert got["a1"].quantities[0].alternatives[0].unit == "JPY"
    assert got["a1"].sentences == [(0, 10)]


def test_store_dossier_round_trips_and_validates(store):
    articles = [_article(1), _article(2)]
    store.add_articles(articles)
    story = Story(id="s1", article_ids=["a1", "a2"], title="T", origin="a1", first_published="2025-01-01",
                  last_published="2025-01-02")
    claim = Claim(id="c1", kind="quantity", text="3.5% of GDP", quantity=Quantity(3.5, "%", "defence spending", None),
                  support=[Support("a1", "Body text", None), Support("a2", "Body text", "Wire")],
                  independent_sources=1, status="contested")
    dossier = Dossier(
        story=story, articles=articles, claims=[claim],
        discrepancies=[Discrepancy("d1", "status", "the meeting", [Position("cancelled", ["a1"], ["x"]),
                                                                   Position("postponed", ["a2"], ["y"])])],
        lineage=[LineageEdge("a2", "a1", "copies", 0.8, "Body text")],
    )
    store.save_story(story, dossier)
    back = store.dossier("s1")
    assert dossier_to_dict(back) == dossier_to_dict(dossier)
    validate_dossier(dossier_to_dict(back))
    assert [s.id for s in store.stories()] == ["s1"]
    assert store.stories()[0].article_ids == ["a1", "a2"]


def test_store_memberships_keep_each_article_in_one_story(store):
    store.add_articles([_article(1), _article(2), _article(3)])
    store.save_memberships([Story(id="s1", article_ids=["a1", "a2"]), Story(id="s2", article_ids=["a3"])])
    # a2 moves to s2; s1 keeps a1; then a1 moves too and s1, left empty, goes.
    store.save_memberships([Story(id="s2", article_ids=["a3", "a2"])])
    assert {s.id: s.article_ids for s in store.stories()} == {"s1": ["a1"], "s2": ["a2", "a3"]}
    store.save_memberships([Story(id="s2", article_ids=["a1", "a2", "a3"])])
    assert {s.id: s.article_ids for s in store.stories()} == {"s2": ["a1", "a2", "a3"]}


def test_store_dossier_of_a_story_changed_since_is_not_saved(store):
    articles = [_article(1), _article(2)]
    store.add_articles(articles)
    store.save_memberships([Story(id="s1", article_ids=["a1", "a2"])])
    stale = Story(id="s1", article_ids=["a1"])
    assert store.save_dossier(stale, Dossier(story=stale, articles=articles[:1])) is False
    with pytest.raises(NotFound):
        store.dossier("s1")
    fresh = Story(id="s1", article_ids=["a2", "a1"], title="T")
    assert store.save_dossier(fresh, Dossier(story=fresh, articles=articles)) is True
    assert store.dossier("s1").story.title == "T"
    assert store.story("s1").article_ids == ["a1", "a2"]


def test_store_grouping_transactions_of_two_connections_do_not_interleave(store):
    """The second writer's grouping waits for the first's to commit, then sees its state."""
    import threading

    other = ArticleStore(store.db.path)  # a second connection (a PostgreSQL URL has no password here)
    store.set_state("k", {"n": 0})
    seen = []

    def bump(s):
        with s.grouping():
            n = s.get_state("k")["n"]
            seen.append(n)
            threading.Event().wait(0.3)  # hold the transaction: a racing writer would read n too
            s.set_state("k", {"n": n + 1})

    threads = [threading.Thread(target=bump, args=(s,)) for s in (store, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(seen) == [0, 1]
    assert other.get_state("k") == {"n": 2}
    other.close()


# The README's example queries ("Querying the store"), run as written.
ONE_OUTLET_CLAIMS = """
SELECT c.story_id, c.claim_id, c.text
FROM claims c JOIN supports s ON s.story_id = c.story_id AND s.claim_id = c.claim_id
GROUP BY c.story_id, c.claim_id, c.text
HAVING count(DISTINCT s.outlet) = 1 AND min(s.outlet) = ?
ORDER BY c.story_id, c.claim_id
"""
OUTLET_DISAGREEMENTS = """
SELECT d.story_id, d.about, p.value, p.article_id
FROM positions p JOIN discrepancies d ON d.story_id = p.story_id AND d.discrepancy_id = p.discrepancy_id
WHERE p.outlet = ?
ORDER BY d.story_id, d.about
"""


def _two_outlet_dossier(story_id: str = "s1") -> tuple[Story, Dossier]:
    a1 = Article(id="a1", source="/tmp/1.txt", text="Body one.", outlet="Kyodo", published="2025-01-01")
    a2 = Article(id="a2", source="/tmp/2.txt", text="Body two.", outlet="Reuters", published="2025-01-02")
    story = Story(id=story_id, article_ids=["a1", "a2"], title="T")
    claims = [
        Claim(id="c1", kind="quantity", text="3.5% of GDP", quantity=Quantity(3.5, "%", "defence spending", None),
              support=[Support("a1", "3.5% of GDP", None)], independent_sources=1, status="single-source"),
        Claim(id="c2", kind="event", text="the ministers met",
              support=[Support("a1", "met", None), Support("a2", "met", "Kyodo")], independent_sources=2,
              status="corroborated"),
    ]
    discrepancies = [Discrepancy("d1", "status", "the meeting", [Position("cancelled", ["a1"], ["x"]),
                                                                Position("postponed", ["a2"], ["y"])])]
    lineage = [LineageEdge("a2", "a1", "cites", None, "Kyodo reported")]
    return story, Dossier(story=story, articles=[a1, a2], claims=claims, discrepancies=discrepancies,
                          lineage=lineage)


def test_store_dossier_is_written_as_queryable_tables(store):
    story, dossier = _two_outlet_dossier()
    store.add_articles(dossier.articles)
    store.save_story(story, dossier)
    assert store.db.query(ONE_OUTLET_CLAIMS, ("Kyodo",)) == [("s1", "c1", "3.5% of GDP")]
    assert store.db.query(ONE_OUTLET_CLAIMS, ("Reuters",)) == []
    assert store.db.query(OUTLET_DISAGREEMENTS, ("Reuters",)) == [("s1", "the meeting", "postponed", "a2")]
    assert store.db.query("SELECT source, target, kind FROM lineage_edges") == [("a2", "a1", "cites")]
    assert store.db.query("SELECT amount, unit, status FROM claims WHERE claim_id = 'c1'") == [(3.5, "%", "single-source")]
    # Saving again replaces the rows (no duplicates); deleting the story removes them.
    store.save_story(story, dossier)
    assert store.db.query("SELECT count(*) FROM supports")[0][0] == 3
    store.delete_stories(["s1"])
    for table in ("claims", "supports", "discrepancies", "positions", "lineage_edges"):
        assert store.db.query(f"SELECT count(*) FROM {table}")[0][0] == 0, table


def test_store_reads_do_not_wait_for_another_threads_write_transaction(store):
    """A web server's GET must not queue behind an analysis holding the grouping transaction."""
    import threading
    import time

    store.add_articles([_article(1)])
    inside, release = threading.Event(), threading.Event()

    def hold():
        with store.grouping():
            store.set_state("k", {"n": 1})
            inside.set()
            release.wait(20)

    writer = threading.Thread(target=hold)
    writer.start()
    try:
        assert inside.wait(20)
        started = time.monotonic()
        assert store.count_articles() == 1
        assert store.get_state("k") is None  # not committed yet: readers see the last commit
        waited = time.monotonic() - started
    finally:
        release.set()
        writer.join(20)
    assert waited < 5, f"a read waited {waited:.1f} s for another thread's write transaction"
    assert store.get_state("k") == {"n": 1}


QUAKE = ("A strong earthquake struck Qeshm island in southern Iran on Sunday, killing three people "
         "and damaging hundreds of homes, officials said.")


def test_store_search_matches_words_in_any_order_across_articles_and_claims(store):
    store.add_articles([_article(1, QUAKE), _article(2), _article(3, "Earthquakes are common in the Gulf.")])
    story, dossier = _two_outlet_dossier()
    dossier.claims[0].text = "Three people were killed on Qeshm island"
    store.save_story(story, dossier)
    hits = store.search("earthquake Qeshm")
    assert [(h.kind, h.id) for h in hits] == [("article", "a1")]  # every word, in any order
    assert [h.id for h in store.search("Qeshm earthquake")] == ["a1"]
    assert "Qeshm" in hits[0].text
    assert {h.id for h in store.search("earthquakes")} == {"a1", "a3"}  # stemmed
    claims = [h for h in store.search("killed Qeshm") if h.kind == "claim"]
    assert [(h.id, h.story_id) for h in claims] == [(dossier.claims[0].id, story.id)]
    for hostile in ('"', '"Qeshm', "NEAR(earthquake Qeshm)", "Qeshm*", "a OR b AND NOT c", "'; DROP TABLE x; --",
                    "(", "^", "\\", "", "quake:*  & | !", "x" * 5000):
        store.search(hostile)  # the user's words never reach the engine as syntax
    assert [h.id for h in store.search('"Qeshm" AND earthquake')] == ["a1"]  # AND is only a word here


def test_store_search_migration_indexes_the_articles_of_an_older_store(tmp_path, monkeypatch):
    import crosswire.store as store_module

    path = tmp_path / "old.sqlite"
    monkeypatch.setattr(store_module, "MIGRATIONS", MIGRATIONS[:2])
    old = ArticleStore(path)
    old.db.execute("INSERT INTO articles (id, source, document) VALUES (?, ?, ?)",
                   ("a1", "x", '{"id": "a1", "title": "Quake", "text": "' + QUAKE + '"}'))
    old.close()
    monkeypatch.setattr(store_module, "MIGRATIONS", MIGRATIONS)
    with_search = ArticleStore(path)
    assert [h.id for h in with_search.search("Qeshm earthquake")] == ["a1"]
    with_search.close()


def _rebuild_steps(path, n_articles: int) -> int:
    """SQLite VM steps (in hundreds) one dossier rebuild and one story delete take in a store of
    ``n_articles`` searchable articles."""
    s = ArticleStore(path)
    filler = "Filler report {i} about harbour cranes, tides and the weather at the port."
    s.add_articles([_article(i, filler) for i in range(10, 10 + n_articles)])
    story, dossier = _two_outlet_dossier()
    s.add_articles(dossier.articles)
    s.save_story(story, dossier)
    other, other_dossier = _two_outlet_dossier("s2")
    s.save_story(other, other_dossier)
    steps = [0]

    def tick():
        steps[0] += 1
        return 0

    s.db._conn.set_progress_handler(tick, 100)
    s.save_story(story, dossier)  # a rebuild: its claim search rows replaced
    s.delete_stories(["s2"])
    s.delete_articles(["a10"])
    s.db._conn.set_progress_handler(None, 100)
    assert [h.story_id for h in s.search("ministers met")] == ["s1"]  # one claim row, s2's gone
    assert not [h for h in s.search("Filler report 10") if h.id == "a10"]
    s.close()
    return steps[0]


def test_store_search_rows_are_replaced_without_reading_the_whole_search_table(tmp_path):
    # search_text's story_id and ref are FTS5 UNINDEXED columns: deleting by them scanned every
    # article's row, so each rebuild, story delete or article delete cost in proportion to the store.
    small = _rebuild_steps(tmp_path / "small.sqlite", 20)
    large = _rebuild_steps(tmp_path / "large.sqlite", 2000)
    assert large < small * 1.5 + 20, (small, large)


def test_store_postgresql_search_rows_are_found_by_story_through_an_index(postgres_url):
    s = ArticleStore(postgres_url)
    try:
        with s.db.transaction() as db:
            db.execute("SET LOCAL enable_seqscan = off")
            plans = [" ".join(r[0] for r in db.execute(
                "EXPLAIN DELETE FROM search_text WHERE kind = 'claim' AND story_id = ?", ("s1",)).fetchall()),
                " ".join(r[0] for r in db.execute(
                    "EXPLAIN DELETE FROM search_text WHERE kind = 'article' AND ref = ?", ("a1",)).fetchall())]
        # An index lookup on the column itself (the (kind, ref) index, read whole for kind = 'claim',
        # is no better than a scan).
        assert "Index Cond" in plans[0] and "story_id" in plans[0].split("Index Cond", 1)[1], plans
        assert "Index Cond" in plans[1] and "ref" in plans[1].split("Index Cond", 1)[1], plans
    finally:
        s.close()


def test_store_search_rows_of_an_older_store_are_still_replaced_after_migration(tmp_path, monkeypatch):
    import crosswire.store as store_module

    path = tmp_path / "old.sqlite"
    monkeypatch.setattr(store_module, "MIGRATIONS", MIGRATIONS[:4])
    old = ArticleStore(path)
    story, dossier = _two_outlet_dossier()
    for a in dossier.articles:  # as the code of that store wrote them
        old.db.execute("INSERT INTO articles (id, source, document) VALUES (?, ?, ?)",
                       (a.id, a.source, '{"id": "%s", "text": "%s"}' % (a.id, a.text)))
        old.db.execute("INSERT INTO search_text (body, kind, ref, story_id) VALUES (?, 'article', ?, '')",
                       (a.text, a.id))
    old.db.execute("INSERT INTO search_text (body, kind, ref, story_id) VALUES ('the ministers met', 'claim', 'c2', 's1')")
    old.db.execute("INSERT INTO stories (id, title) VALUES ('s1', 'T')")
    old.db.execute("INSERT INTO claims (story_id, claim_id, kind, text, independent_sources, status) VALUES ('s1', 'c2', 'event', 'x', 1, 'single-source')")
    old.close()
    monkeypatch.setattr(store_module, "MIGRATIONS", MIGRATIONS)
    new = ArticleStore(path)
    new.save_story(story, dossier)  # the old claim row is found through the migrated mapping and replaced
    assert [(h.kind, h.story_id) for h in new.search("ministers met")] == [("claim", "s1")]
    new.delete_articles(["a1"])
    assert [h.id for h in new.search("Body one")] == []
    new.close()
