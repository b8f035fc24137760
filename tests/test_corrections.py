"""Corrections of a store through the Python API: delete, merge, split, rename, set an article's
outlet and date. Each rebuilds the dossiers it touches, and the story clusterer's saved state
follows, so the next ``add`` honours the correction instead of undoing it."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

import crosswire
from crosswire.errors import InvalidCorrection, NotFound
from crosswire.report.json import dossier_to_dict, validate_dossier

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "examples" / "japan-2plus2"
WEB_ARTICLES = Path(__file__).parent / "data" / "web" / "articles"

# A further report of the demo's story (written for this test): it joins the Japan story.
JAPAN_MORE = (
    "Japan calls off 2+2 security talks with Washington\n\n"
    "Tokyo, 21 June 2025. Japan has called off the annual two-plus-two security meeting with the "
    "United States after the Trump administration demanded that Tokyo raise its defence spending "
    "to 3.5 percent of GDP, officials said. Defence minister Gen Nakatani and foreign minister "
    "Takeshi Iwaya had been due to meet Marco Rubio and Pete Hegseth in Washington on July 1. "
    "Japan cancelled the meeting after Elbridge Colby pressed for higher defence spending, the "
    "Financial Times reported, and Tokyo said the increase would be decided domestically.")
# A further report of the bridge closure (tests/data/web/articles/bridge.jsonl).
BRIDGE_MORE = (
    "Old river bridge shuts for a year of repairs\n\n"
    "The old river bridge will close to traffic for repairs, the city council said, after "
    "inspectors found corroded steel cables. Drivers will be diverted over the new bridge while "
    "engineers replace the cables and the deck; the council expects the old bridge to reopen next "
    "year, and buses will take the ring road while the work goes on, officials said.")


@pytest.fixture(scope="module")
def analysed_db(tmp_path_factory) -> Path:
    """The demo corpus and the test articles (three stories) analysed once, into a file copied per test."""
    path = tmp_path_factory.mktemp("corrections") / "seed.db"
    with crosswire.Store(path) as store:
        store.analyze([DEMO, WEB_ARTICLES])
    return path


@pytest.fixture
def store(analysed_db, tmp_path):
    copy = tmp_path / "crosswire.db"
    shutil.copy(analysed_db, copy)
    with crosswire.Store(copy) as s:
        yield s


def _story_with(store, word: str):
    found = [s for s in store.stories() if word.lower() in (s.title or "").lower()]
    assert len(found) == 1, [s.title for s in store.stories()]
    return found[0]


def _clusterer_members(store) -> dict[str, list[str]]:
    state = store._store.cluster_state()
    return {s["id"]: sorted(s["members"]) for s in state["stories"]}


def _consistent(store) -> None:
    """The store's stories, their dossiers and the clusterer's saved state agree."""
    stories = {s.id: sorted(s.article_ids) for s in store.stories()}
    assert _clusterer_members(store) == stories
    for story_id, members in stories.items():
        dossier = store.dossier(story_id)
        assert sorted(a.id for a in dossier.articles) == members
        validate_dossier(dossier_to_dict(dossier))


def test_corrections_delete_article_rebuilds_its_dossier_and_the_clusterer_forgets_it(store):
    harbour = _story_with(store, "strike")
    gone, kept = harbour.article_ids
    dossier = store.delete_article(gone)
    assert [a.id for a in dossier.articles] == [kept]
    with pytest.raises(NotFound):
        store.article(gone)
    assert all(gone not in members for members in _clusterer_members(store).values())
    assert all(h.id != gone for h in store.search("Rotterdam strike"))
    _consistent(store)
    # The last article of a story: the story goes too.
    assert store.delete_article(kept) is None
    assert harbour.id not in {s.id for s in store.stories()}
    _consistent(store)


def test_corrections_delete_story_removes_it_and_its_articles(store):
    bridge = _story_with(store, "bridge")
    store.delete_story(bridge.id)
    assert bridge.id not in {s.id for s in store.stories()}
    for article_id in bridge.article_ids:
        with pytest.raises(NotFound):
            store.article(article_id)
    with pytest.raises(NotFound):
        store.dossier(bridge.id)
    assert store.search("bridge repairs") == []
    _consistent(store)


def test_corrections_merge_is_kept_by_the_next_add(store):
    harbour, bridge = _story_with(store, "strike"), _story_with(store, "bridge")
    merged = store.merge_stories(harbour.id, [bridge.id])
    assert merged.story.id == harbour.id
    assert sorted(a.id for a in merged.articles) == sorted(harbour.article_ids + bridge.article_ids)
    assert bridge.id not in {s.id for s in store.stories()}
    _consistent(store)
    store.analyze([crosswire.RawDocument(source="bridge-more.txt", content=BRIDGE_MORE)])
    after = {s.id: s for s in store.stories()}
    assert set(harbour.article_ids + bridge.article_ids) <= set(after[harbour.id].article_ids)
    assert bridge.id not in after  # the merged-away story is not founded again
    _consistent(store)


def test_corrections_split_is_not_merged_back_by_the_next_add(store):
    japan = _story_with(store, "japan")
    out = sorted(japan.article_ids)[:2]
    new = store.split_story(japan.id, out, title="Two reports apart")
    assert sorted(a.id for a in new.articles) == out and new.story.title == "Two reports apart"
    assert sorted(a.id for a in store.dossier(japan.id).articles) == sorted(set(japan.article_ids) - set(out))
    _consistent(store)
    store.analyze([crosswire.RawDocument(source="japan-more.txt", content=JAPAN_MORE)])
    stories = {s.id: s for s in store.stories()}
    # The new report may join either side, but the two are not folded back into one story.
    assert new.story.id in stories and japan.id in stories
    assert set(out) <= set(stories[new.story.id].article_ids)
    assert set(japan.article_ids) - set(out) <= set(stories[japan.id].article_ids)
    assert stories[new.story.id].title == "Two reports apart"
    _consistent(store)


def test_corrections_rename_outlives_the_next_add(store):
    bridge = _story_with(store, "bridge")
    assert store.rename_story(bridge.id, "  Bridge   closure ").story.title == "Bridge closure"
    store.analyze([crosswire.RawDocument(source="bridge-more.txt", content=BRIDGE_MORE)])
    assert store.dossier(bridge.id).story.title == "Bridge closure"
    assert {s.id: s.title for s in store.stories()}[bridge.id] == "Bridge closure"
    # An empty title gives the story crosswire's own title back.
    assert store.rename_story(bridge.id, "").story.title not in (None, "Bridge closure")


def test_corrections_set_article_outlet_and_date(store):
    bridge = _story_with(store, "bridge")
    article_id = bridge.article_ids[0]
    dossier = store.set_article(article_id, outlet="City Gazette", published="2025-04-02")
    article = next(a for a in dossier.articles if a.id == article_id)
    assert (article.outlet, article.published) == ("City Gazette", "2025-04-02")
    stored = store.article(article_id)
    assert (stored.outlet, stored.published) == ("City Gazette", "2025-04-02")
    assert "2025-04-02" in (store.stories()[0].first_published, *(s.first_published for s in store.stories()))
    store.set_article(article_id, outlet=None)
    assert store.article(article_id).outlet is None and store.article(article_id).published == "2025-04-02"


def test_corrections_refuse_what_cannot_be_done_and_change_nothing(store):
    japan, bridge = _story_with(store, "japan"), _story_with(store, "bridge")
    before = {s.id: sorted(s.article_ids) for s in store.stories()}
    with pytest.raises(InvalidCorrection):
        store.split_story(japan.id, japan.article_ids)  # nothing would be left
    with pytest.raises(InvalidCorrection):
        store.split_story(japan.id, [bridge.article_ids[0]])  # not in that story
    with pytest.raises(InvalidCorrection):
        store.merge_stories(japan.id, [japan.id])
    with pytest.raises(InvalidCorrection):
        store.set_article(japan.article_ids[0], published="next Tuesday")
    with pytest.raises(InvalidCorrection):
        store.rename_story(japan.id, "x" * 301)
    for call in (lambda: store.delete_article("nope"), lambda: store.delete_story("nope"),
                 lambda: store.merge_stories("nope", [japan.id]), lambda: store.merge_stories(japan.id, ["nope"]),
                 lambda: store.rename_story("nope", "t"), lambda: store.set_article("nope", outlet="x")):
        with pytest.raises(NotFound):
            call()
    assert {s.id: sorted(s.article_ids) for s in store.stories()} == before


def test_corrections_search_finds_article_text_and_claims_words_in_any_order(store):
    hits = store.search("Rotterdam dockers")
    assert hits and {h.kind for h in hits} <= {"article", "claim"}
    assert store.search("dockers Rotterdam") and store.search("DOCKERS rotterdam")
    harbour = _story_with(store, "strike")
    assert {h.story_id for h in hits} == {harbour.id}
    assert any(h.kind == "claim" for h in store.search("Japan cancelled meeting"))
    for hostile in ('"', 'NEAR(a b', 'a* OR -b', "') ; DROP TABLE articles; --", "^", "", "   "):
        store.search(hostile)  # never an error
    assert len(store.articles()) == 9


def _clusterer_story(store, story_id: str) -> dict:
    return next(s for s in store._store.cluster_state()["stories"] if s["id"] == story_id)


def test_corrections_delete_article_takes_its_terms_out_of_the_clusterer_counts(store):
    from collections import Counter

    from crosswire.group.stories import name_terms, text_terms

    harbour = _story_with(store, "strike")
    gone = harbour.article_ids[0]
    article = store.article(gone)
    extraction = store._store.extractions([gone])[gone]
    text = "\n".join(x for x in (article.title, article.text) if x)
    own = {*text_terms(text), *name_terms(text, sorted({m.name for m in extraction.entities}), Counter())}
    before = store._store.cluster_state()
    store.delete_article(gone)
    after = store._store.cluster_state()
    assert after["n_docs"] == before["n_docs"] - 1
    expected = {t: n - (t in own) for t, n in before["df"].items() if n - (t in own) > 0}
    assert after["df"] == expected
    assert all(gone not in s["members"] for s in after["stories"])
    _consistent(store)


def test_corrections_set_article_date_moves_the_clusterer_story_dates(store):
    bridge = _story_with(store, "bridge")
    article_id = bridge.article_ids[0]
    others = sorted(store.article(a).published for a in bridge.article_ids[1:])
    store.set_article(article_id, published="2030-01-15")
    story = _clusterer_story(store, bridge.id)
    assert story["last"] == "2030-01-15" and story["first"] == others[0]
    week = date(2030, 1, 15).toordinal()
    assert str(week - week % 7) in story["weeks"]
    assert {s.id: s.last_published for s in store.stories()}[bridge.id] == "2030-01-15"
    # Back inside the others' span: the story's dates shrink back to theirs.
    store.set_article(article_id, published=others[0])
    story = _clusterer_story(store, bridge.id)
    assert (story["first"], story["last"]) == (others[0], others[-1])
    assert str(week - week % 7) not in story["weeks"]
    _consistent(store)
