"""A user's corrections of a store: delete an article or a story, merge and split stories,
rename a story, set an article's outlet or publication date.

Each correction changes the story membership and the story clusterer's saved state together,
in one grouping transaction (the one ``Pipeline.group`` holds), so a later ``add`` starts
from the corrected state and honours it: a deleted article is gone from the clusterer, a
merged story stays one (its sums are folded), and two stories a user split apart are never
merged again by the clusterer (``StoryClusterer.move``). Then the dossiers of the stories it
touched are rebuilt by the pipeline's own comparison stage (``Pipeline.compare``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from .errors import InvalidCorrection, NotFound
from .models import Article, Dossier, Story
from .pipeline import Pipeline, extract_batch
from .store import ArticleStore

MAX_TITLE = 300
MAX_OUTLET = 200
UNSET = object()  # a field the caller did not name (None clears it)


def delete_article(store: ArticleStore, article_id: str) -> Dossier | None:
    """Remove one article; its story's dossier is rebuilt (None when the story is left empty)."""
    article = store.article(article_id)
    with store.grouping():
        story_id = store.story_of(article_id)
        _move(store, [article], None)
        store.delete_articles([article_id])
        if story_id is not None and not _members(store, story_id):
            store.delete_stories([story_id])
    dossiers = rebuild(store, [story_id] if story_id else [])
    return dossiers[0] if dossiers else None


def delete_story(store: ArticleStore, story_id: str) -> None:
    """Remove a story and every article in it."""
    story = _story(store, story_id)
    with store.grouping():
        _move(store, store.articles(story.article_ids), None)
        store.delete_articles(story.article_ids)
        store.delete_stories([story_id])


def merge_stories(store: ArticleStore, into: str, others: list[str]) -> Dossier:
    """Fold ``others`` into story ``into`` (which keeps its id and any title a user gave it)."""
    others = [o for o in dict.fromkeys(others) if o != into]
    if not others:
        raise InvalidCorrection("name at least one other story to merge into " + repr(into))
    target = _story(store, into)
    gone = [_story(store, o) for o in others]
    moved = [a for s in gone for a in s.article_ids]
    with store.grouping():
        _move(store, store.articles(moved), into)
        store.save_memberships([_dated(store, Story(id=into, article_ids=target.article_ids + moved))])
        store.delete_stories(others)  # emptied by the move; gone even if the store held them empty
    return rebuild(store, [into])[0]


def split_story(store: ArticleStore, story_id: str, article_ids: list[str], title: str | None = None) -> Dossier:
    """Move ``article_ids`` out of a story into a new story; returns the new story's dossier
    (the old one's is rebuilt too). The two are kept apart by later adds."""
    from .group.stories import story_id_for

    story = _story(store, story_id)
    wanted = list(dict.fromkeys(article_ids))
    strangers = [a for a in wanted if a not in story.article_ids]
    if strangers:
        raise InvalidCorrection(f"article {strangers[0]!r} is not in story {story_id!r}")
    if not wanted:
        raise InvalidCorrection("name the articles to split out of the story")
    rest = [a for a in story.article_ids if a not in wanted]
    if not rest:
        raise InvalidCorrection("a split must leave at least one article in the story")
    title = _title(title)
    with store.grouping():
        new_id = story_id_for(min(wanted))
        while store.story(new_id) is not None:
            new_id = story_id_for(new_id)
        _move(store, store.articles(wanted), new_id)
        store.save_memberships([_dated(store, Story(id=story_id, article_ids=rest)),
                                _dated(store, Story(id=new_id, article_ids=wanted))])
        if title:
            store.set_user_title(new_id, title)
    dossiers = {d.story.id: d for d in rebuild(store, [new_id, story_id])}
    return dossiers[new_id]


def rename_story(store: ArticleStore, story_id: str, title: str | None) -> Dossier:
    """Give a story a title that later rebuilds keep (an empty or None title: back to crosswire's)."""
    _story(store, story_id)
    store.set_user_title(story_id, _title(title))
    return rebuild(store, [story_id])[0]


def set_article(store: ArticleStore, article_id: str, *, outlet=UNSET, published=UNSET) -> Dossier | None:
    """Set an article's outlet and/or publication date (``YYYY-MM-DD``, or with a time of
    day); its claims are extracted again when the date changes (relative dates hang on it) and
    its story's dossier is rebuilt."""
    article = store.article(article_id)
    changes: dict = {}
    if outlet is not UNSET:
        outlet = " ".join(str(outlet or "").split())
        if len(outlet) > MAX_OUTLET:
            raise InvalidCorrection(f"an outlet name is at most {MAX_OUTLET} characters")
        changes["outlet"] = outlet or None
    if published is not UNSET:
        changes["published"], changes["published_at"] = _published(published)
    if not changes:
        raise InvalidCorrection("name what to set: an outlet or a publication date")
    corrected = replace(article, **changes)
    redated = "published" in changes and changes["published"] != article.published
    with store.grouping():
        store.correct_article(corrected)
        story_id = store.story_of(article_id)
        if redated and story_id is not None:
            _redate(store, article, corrected, story_id)
    if redated:
        store.save_extractions(extract_batch([(corrected.id, corrected.text, corrected.published)]))
    dossiers = rebuild(store, [story_id] if story_id else [])
    return dossiers[0] if dossiers else None


def rebuild(store: ArticleStore, story_ids: list[str]) -> list[Dossier]:
    """The dossiers of these stories built again from the store, with the pipeline's comparison."""
    stories = [s for s in (store.story(i) for i in dict.fromkeys(story_ids)) if s is not None and s.article_ids]
    # title=None: crosswire's title is derived again from the members (a user's is kept by the store).
    built = {d.story.id: d for d in Pipeline(store).compare([replace(s, title=None) for s in stories])}
    return [built[s.id] for s in stories if s.id in built]


# --------------------------------------------------------------------------- helpers


def _story(store: ArticleStore, story_id: str) -> Story:
    story = store.story(story_id)
    if story is None:
        raise NotFound(f"no story with id {story_id!r}")
    return story


def _members(store: ArticleStore, story_id: str) -> list[str]:
    story = store.story(story_id)
    return story.article_ids if story else []


def _dated(store: ArticleStore, story: Story) -> Story:
    days = sorted(a.published for a in store.articles(story.article_ids) if a.published)
    return replace(story, first_published=days[0] if days else None, last_published=days[-1] if days else None)


def _move(store: ArticleStore, articles: list[Article], to: str | None) -> None:
    """The clusterer's side of a correction: the rows it needs read, the articles moved, the
    rows changed written (inside the caller's grouping transaction)."""
    from .group.state import open_clusterer, save_clusterer

    clusterer = open_clusterer(store)
    extractions = store.extractions(a.id for a in articles)
    entities = {i: sorted({m.name for m in e.entities}) for i, e in extractions.items()}
    clusterer.move(articles, to, entities)
    save_clusterer(clusterer)


def _redate(store: ArticleStore, before: Article, after: Article, story_id: str) -> None:
    """An article's new date moves its story's dates, in the store and in the clusterer."""
    from .group.state import open_clusterer, save_clusterer

    story = _dated(store, _story(store, story_id))
    store.save_memberships([story])
    clusterer = open_clusterer(store)
    member_dates = [a.published for a in store.articles(story.article_ids)]
    clusterer.redate(before, after, member_dates)
    save_clusterer(clusterer)


def _title(title: str | None) -> str | None:
    title = " ".join(str(title or "").split())
    if len(title) > MAX_TITLE:
        raise InvalidCorrection(f"a title is at most {MAX_TITLE} characters")
    return title or None


def _published(value) -> tuple[str | None, str | None]:
    """(published, published_at) from a date or date-time string; None clears both."""
    text = str(value or "").strip()
    if not text:
        return None, None
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat(), None
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidCorrection(f"not a date: {text[:40]!r} (use YYYY-MM-DD)") from None
    return moment.date().isoformat(), moment.isoformat(timespec="minutes")
