"""The Python API: every interface (CLI, HTTP API, web page) is a shell over these calls."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from . import corrections
from .models import Analysis, Article, Dossier, RawDocument, SearchHit, Story, Upload
from .pipeline import Inputs, Pipeline, Progress, connect_dask
from .store import ArticleStore


class Store:
    """A crosswire store: articles, their claims and the stories they form, in one SQLite file
    or, given a ``postgresql://`` URL, in a PostgreSQL database (``pip install 'crosswire[postgres]'``).

    ``path`` defaults to ``$CROSSWIRE_HOME/crosswire.db`` (``~/.crosswire/crosswire.db``); a
    path given must be in a folder that exists (:class:`crosswire.errors.StoreError` otherwise).
    Several processes may add to one store at once.
    An article is one input from one source (:mod:`crosswire.identity`): adding the same input
    twice stores it once, the same text from another source is another article (a ``copies``
    edge joins them). Stories grow as articles arrive.
    """

    def __init__(self, path: str | os.PathLike | None = None):
        self._store = ArticleStore(path)
        self.path = self._store.db.path

    def analyze(
        self,
        inputs: Iterable[str | os.PathLike | RawDocument | Upload] | str | RawDocument | Upload,
        *,
        progress: Progress | None = None,
        dask: str | None = None,
        stdin: Any = None,
    ) -> Analysis:
        """Ingest ``inputs`` and return a dossier per story.

        Inputs are paths (files, folders, ``"-"`` for stdin), :class:`RawDocument` (text in
        memory) or :class:`Upload` (bytes with a file name, read like a file of that name).

        ``dask`` is ``"local"`` for a LocalCluster or a scheduler address to run cleaning and
        extraction on a Dask cluster.
        """
        client = connect_dask(dask)
        try:
            return Pipeline(self._store, client=client, progress=progress).run(Inputs.of(inputs), stdin=stdin)
        finally:
            if client is not None:
                client.close()

    def add(
        self,
        inputs: Iterable[str | os.PathLike | RawDocument | Upload] | str | RawDocument | Upload,
        *,
        progress: Progress | None = None,
        stdin: Any = None,
    ) -> Analysis:
        """Ingest, extract and group ``inputs`` like :meth:`analyze` (the stories are stored too)."""
        return self.analyze(inputs, progress=progress, stdin=stdin)

    def stories(self) -> list[Story]:
        """Every story in the store, most recent first."""
        return self._store.stories()

    def dossier(self, story_id: str) -> Dossier:
        """The dossier of one story; raises :class:`crosswire.errors.NotFound`."""
        return self._store.dossier(story_id)

    def article(self, article_id: str) -> Article:
        """One stored article; raises :class:`crosswire.errors.NotFound`."""
        return self._store.article(article_id)

    def articles(self) -> list[Article]:
        return self._store.articles()

    # Corrections (:mod:`crosswire.corrections`): each rebuilds the dossiers it touches and
    # keeps the story clusterer's state in step, so a later ``add`` honours it.

    def delete_article(self, article_id: str) -> Dossier | None:
        """Remove an article; returns its story's rebuilt dossier (None if the story is now empty)."""
        return corrections.delete_article(self._store, article_id)

    def delete_story(self, story_id: str) -> None:
        """Remove a story and its articles."""
        corrections.delete_story(self._store, story_id)

    def merge_stories(self, into: str, others: Iterable[str]) -> Dossier:
        """Fold the ``others`` stories into ``into``; returns its rebuilt dossier."""
        return corrections.merge_stories(self._store, into, list(others))

    def split_story(self, story_id: str, article_ids: Iterable[str], *, title: str | None = None) -> Dossier:
        """Move articles out of a story into a new one (kept apart from it by later adds); returns
        the new story's dossier."""
        return corrections.split_story(self._store, story_id, list(article_ids), title)

    def rename_story(self, story_id: str, title: str | None) -> Dossier:
        """Give a story a title that later adds keep (None: crosswire's own again)."""
        return corrections.rename_story(self._store, story_id, title)

    def set_article(self, article_id: str, *, outlet: Any = corrections.UNSET,
                    published: Any = corrections.UNSET) -> Dossier | None:
        """Set an article's outlet and/or publication date (``YYYY-MM-DD``; None clears it)."""
        return corrections.set_article(self._store, article_id, outlet=outlet, published=published)

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Articles and claims holding every word of ``query``, in any order, best first."""
        return self._store.search(query, limit=limit)

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def analyze(
    inputs: Iterable[str | os.PathLike | RawDocument | Upload] | str | RawDocument | Upload,
    *,
    store: Store | None = None,
    progress: Progress | None = None,
    dask: str | None = None,
) -> Analysis:
    """Analyse files, directories or documents into one dossier per story.

    >>> import crosswire
    >>> analysis = crosswire.analyze(["examples/japan-2plus2/"])   # doctest: +SKIP
    >>> analysis.stories[0].to_markdown()                          # doctest: +SKIP
    """
    if store is not None:
        return store.analyze(inputs, progress=progress, dask=dask)
    with Store() as own:
        return own.analyze(inputs, progress=progress, dask=dask)
