"""The ordered stages of an analysis, run locally or on a Dask cluster.

    read  -> clean -> identify -> store -> extract -> group -> lineage/roles -> compare -> store dossiers

An article is one input from one source (:mod:`crosswire.identity`): identical texts from two
sources are two articles, joined in lineage by a ``copies`` edge; the same input given twice is
one. Every input ends as an article in a story or as a rejection.

Each stage takes and returns the model types of :mod:`crosswire.models`. Cleaning and
extraction are per article and embarrassingly parallel: with a Dask client they run as batches
on the cluster's workers (each worker loads the spaCy pipeline once). Grouping and comparison
work per story on the driver, since a story is small even when the corpus is not.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .errors import InputError
from .identity import article_id, content_hash, identify
from .models import Analysis, Article, Dossier, Extraction, LineageEdge, RawDocument, Rejection, Story, Upload
from .store import ArticleStore

log = logging.getLogger(__name__)

# progress(stage, done, total): called as work advances; total is None when unknown.
Progress = Callable[[str, int, "int | None"], None]

BATCH_SIZE = 64
MIN_DASK_BATCH = 8  # below this a task's transfer and scheduling cost more than its work
# Tasks per worker slot on a cluster: the run ends when the slowest slot's last task does, so
# the idle tail is about one task; at four per slot a 200-article extraction left one of two
# workers idle for the last ~15% of it (25-article tasks of 3-8 s), at eight about half that.
TASKS_PER_SLOT = 8
CLUSTER_STATE_KEY = "story_clusterer"  # the state as one document, in stores before migration 4


def _no_progress(stage: str, done: int, total: int | None) -> None:
    pass


@dataclass
class Inputs:
    """What a run was given: paths (or "-"), in-memory documents (pasted) and uploads (bytes)."""

    paths: list[str] = field(default_factory=list)
    documents: list[RawDocument] = field(default_factory=list)
    uploads: list[Upload] = field(default_factory=list)

    @classmethod
    def of(cls, items: Iterable[Any]) -> Inputs:
        inputs = cls()
        if isinstance(items, (str, os.PathLike, RawDocument, Upload)):
            items = [items]
        for item in items:
            if isinstance(item, RawDocument):
                inputs.documents.append(item)
            elif isinstance(item, Upload):
                inputs.uploads.append(item)
            elif isinstance(item, (str, os.PathLike)):
                inputs.paths.append(os.fspath(item))
            else:
                raise TypeError(f"cannot analyse an input of type {type(item).__name__}")
        return inputs


# --------------------------------------------------------------------------- per-article stages


MIN_PASTE_WORDS = 15  # a text given in memory shorter than this is not an article (a word, a headline)


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html", "<head", "<body", "<article"))


def paste_too_short(text: str) -> str | None:
    """Why a pasted text is too short to be an article, or None ("hi" would make a story for good;
    an empty text is left to "nothing to analyse", a page to the cleaner)."""
    words = len(text.split())
    if 0 < words < MIN_PASTE_WORDS and not looks_like_html(text):
        return (f"too short to be an article ({words} word{'' if words == 1 else 's'}; "
                f"at least {MIN_PASTE_WORDS} are needed)")
    return None


def read(inputs: Inputs, *, stdin=None) -> Iterator[RawDocument | Rejection]:
    from .ingest.readers import read_inputs, read_upload

    for doc in inputs.documents:
        short = paste_too_short(doc.content) if isinstance(doc.content, str) else None
        yield Rejection(source=doc.source, error=short) if short else doc
    for upload in inputs.uploads:
        yield from read_upload(upload.name, upload.data)
    if inputs.paths:
        yield from read_inputs(inputs.paths, stdin=stdin)


def clean_batch(raws: Sequence[RawDocument]) -> list[Article | Rejection]:
    """The cleaning stage over a batch (a module-level function, so Dask can ship it)."""
    from .ingest.clean import clean_document

    out: list[Article | Rejection] = []
    for raw in raws:
        try:
            out.append(clean_document(raw))
        except InputError as exc:
            out.append(Rejection(source=raw.source, error=str(exc)))
        except Exception as exc:  # a bug on one hostile article must not sink the run
            log.debug("cleaning %s failed", raw.source, exc_info=True)
            out.append(Rejection(source=raw.source, error=f"could not clean this input ({type(exc).__name__})"))
    return out


def extract_batch(records: Sequence[tuple[str, str, str | None]]) -> list[Extraction]:
    """The extraction stage over a batch of (id, text, published) records."""
    from .extract.pipeline import Extractor

    return list(_extractor(Extractor).extract_many(records))


_EXTRACTORS: dict[type, Any] = {}


def _extractor(cls):
    # One Extractor (one spaCy pipeline) per process, whether driver or Dask worker.
    if cls not in _EXTRACTORS:
        _EXTRACTORS[cls] = cls()
    return _EXTRACTORS[cls]


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _map_batches(fn, batches: Iterable[list[Any]], client=None) -> Iterator[list[Any]]:
    """Run ``fn`` over batches, on the Dask cluster when a client is given, in order."""
    if client is None:
        for batch in batches:
            yield fn(batch)
        return
    from dask.distributed import as_completed

    futures = [client.submit(fn, batch, pure=False) for batch in batches]
    results: dict[Any, list[Any]] = {}
    for future in as_completed(futures):
        results[future.key] = future.result()
    for future in futures:
        yield results[future.key]


# --------------------------------------------------------------------------- the run


class Pipeline:
    """An analysis over one store. ``client`` is an optional ``dask.distributed.Client``."""

    def __init__(self, store: ArticleStore, *, client=None, progress: Progress | None = None):
        self.store = store
        self.client = client
        self.progress = progress or _no_progress

    def run(self, inputs: Inputs, *, stdin=None) -> Analysis:
        articles, rejected = self.ingest(inputs, stdin=stdin)
        if not articles:
            return Analysis(stories=[], rejected=rejected)
        extractions = self.extract(articles)
        stories = self.group(articles, extractions)
        dossiers = self.compare(stories)
        return Analysis(stories=dossiers, rejected=rejected)

    def _batch_size(self, n: int, *, largest: int = BATCH_SIZE, smallest: int = MIN_DASK_BATCH) -> int:
        """Items per task: ``largest`` locally; on a cluster, small enough that every worker slot
        gets about TASKS_PER_SLOT tasks (a 100-article run in batches of 64 kept one of two
        workers idle), never below ``smallest``."""
        if self.client is None:
            return largest
        try:
            slots = sum(self.client.nthreads().values()) or 1
        except Exception:  # a client that cannot tell: the local size
            return largest
        return max(smallest, min(largest, -(-n // (TASKS_PER_SLOT * slots))))

    # ------------------------------------------------------------- stages

    def ingest(self, inputs: Inputs, *, stdin=None) -> tuple[list[Article], list[Rejection]]:
        """Read, clean and store; returns this run's articles (stored once each) and rejections."""
        rejected: list[Rejection] = []
        raws: list[RawDocument] = []
        for item in read(inputs, stdin=stdin):
            if isinstance(item, Rejection):
                rejected.append(item)
            else:
                raws.append(item)
            self.progress("read", len(raws) + len(rejected), None)

        articles: dict[str, Article] = {}
        done = repeats = 0
        for results in _map_batches(clean_batch, _batches(raws, self._batch_size(len(raws))), self.client):
            for result in results:
                if isinstance(result, Rejection):
                    rejected.append(result)
                    continue
                # Identity on the driver: a source path is resolved where the user gave it,
                # not on a Dask worker that may see another file system.
                article = identify(result)
                if article.id in articles:
                    repeats += 1  # the same input again (same source, same content): one article
                else:
                    articles[article.id] = article
            done += len(results)
            self.progress("clean", done, len(raws))
        articles = self._keep_old_ids(articles)
        new_ids = set(self.store.add_articles(articles.values()))
        # Every input is accounted for: inputs = articles + repeats + rejected.
        log.info("%d inputs: %d articles (%d new), %d repeats of an input given before, %d rejected",
                 len(articles) + repeats + len(rejected), len(articles), len(new_ids), repeats, len(rejected))
        # Stored articles keep the metadata they were first stored with (roles may have grown).
        stored = {a.id: a for a in self.store.articles(articles)}
        return [stored.get(i, a) for i, a in articles.items()], rejected

    def _keep_old_ids(self, articles: dict[str, Article]) -> dict[str, Article]:
        """Articles a store holds under the content-only id ids had before the source was part
        of them keep that id when they are the same input, so a re-run does not store them twice."""
        old: dict[str, list[str]] = {}
        for a in articles.values():
            old.setdefault(content_hash(a.text), []).append(a.id)
        renamed = {}
        for stored in self.store.articles(old):
            same_input = article_id(stored)
            if same_input in old[stored.id]:
                renamed[same_input] = stored.id
        if not renamed:
            return articles
        return {renamed.get(i, i): replace(a, id=renamed[i]) if i in renamed else a for i, a in articles.items()}

    def extract(self, articles: list[Article]) -> dict[str, Extraction]:
        cached = self.store.extractions(a.id for a in articles)
        todo = [(a.id, a.text, a.published) for a in articles if a.id not in cached]
        done = 0
        fresh: list[Extraction] = []
        for results in _map_batches(extract_batch, _batches(todo, self._batch_size(len(todo))), self.client):
            fresh.extend(results)
            done += len(results)
            self.progress("extract", done, len(todo))
        self.store.save_extractions(fresh)
        cached.update({e.id: e for e in fresh})
        return cached

    def group(self, articles: list[Article], extractions: dict[str, Extraction]) -> list[Story]:
        """Assign this run's articles to stories, incrementally over the stored clusterer state."""
        from .group.state import open_clusterer, save_clusterer

        entities = {
            article_id: sorted({m.name for m in extraction.entities})
            for article_id, extraction in extractions.items()
        }
        # Load state -> cluster -> save state and membership in one write transaction that no
        # other writer interleaves with: two runs at once must not both start from the same
        # state (the second save would drop the first run's articles from it). The state is
        # read as the batch needs it and only what changed is written (crosswire.group.state).
        with self.store.grouping():
            clusterer = open_clusterer(self.store)
            touched = clusterer.add(articles, entities=entities)
            touched_ids = {s.id for s in touched}
            self.store.delete_stories(save_clusterer(clusterer))  # stories merged into others
            # Every story holding one of this run's articles, in a stable order.
            holding = {clusterer.story_of(a.id) for a in articles} - {None}
            stories = [clusterer.story(sid) for sid in sorted(touched_ids | holding)]
            self.store.save_memberships(stories)
        self.progress("group", len(articles), len(articles))
        stories = [s for s in stories if s.id in holding]
        return sorted(stories, key=lambda s: (s.id not in touched_ids, s.id))

    def compare(self, stories: list[Story]) -> list[Dossier]:
        """Lineage and comparison per story: the store is read and written here, on the driver;
        the work between (:func:`compare_batch`) runs on the Dask cluster when there is one.

        Another writer may grow a story between grouping and here: a dossier is saved only if
        its story still holds the articles it was built from, else built again from the story as
        stored (three tries; a story merged away is left to the run that merged it)."""
        dossiers = []
        todo = list(stories)
        for attempt in range(COMPARE_TRIES):
            last = attempt == COMPARE_TRIES - 1
            current = [s for s in (self._as_stored(s) for s in todo) if s is not None]
            items = (self._compare_inputs(story) for story in current)
            size = self._batch_size(len(current), largest=COMPARE_BATCH, smallest=1)
            todo = []
            for results in _map_batches(compare_batch, _batches(items, size), self.client):
                for story, articles, dossier in results:
                    self.store.update_articles(articles)
                    if self.store.save_dossier(dossier.story, dossier) or last:
                        dossiers.append(dossier)
                        self.progress("compare", len(dossiers), len(stories))
                    else:
                        todo.append(story)
            if not todo:
                break
        return dossiers

    def _as_stored(self, story: Story) -> Story | None:
        """The story with the articles the store holds for it now, or None if it is gone."""
        stored = self.store.story(story.id)
        if stored is None:
            return None
        if set(stored.article_ids) != set(story.article_ids):
            return replace(story, article_ids=stored.article_ids)
        return story

    def _compare_inputs(self, story: Story) -> CompareInput:
        articles = self.store.articles(story.article_ids)
        extractions = self.store.extractions(story.article_ids)
        # In the order the store first saw them: of two identical undated texts, the one seen
        # first is taken as the source.
        seen = self.store.seen_order(story.article_ids)
        return story, articles, extractions, seen


# A story's comparison inputs: the story, its articles, their extractions and the order the
# store first saw them in.
CompareInput = tuple[Story, list[Article], dict[str, Extraction], dict[str, int]]
COMPARE_BATCH = 4  # stories per Dask task at most: big enough to pay for the transfer, small enough to spread
COMPARE_TRIES = 3


def compare_story(item: CompareInput) -> tuple[Story, list[Article], Dossier]:
    """Lineage (copies, citations, roles) and the dossier of one story; no store needed."""
    from .compare import build_dossier
    from .group.dedup import find_reuse
    from .group.lineage import assign_roles, find_citations

    story, articles, extractions, seen = item
    attributions = {i: e.attributions for i, e in extractions.items()}
    in_order_seen = sorted(articles, key=lambda a: seen.get(a.id, len(seen)))
    edges: list[LineageEdge] = find_reuse(in_order_seen) + find_citations(articles, attributions)
    story, articles = assign_roles(story, articles, edges)
    return story, articles, build_dossier(story, articles, extractions, edges)


def compare_batch(items: Sequence[CompareInput]) -> list[tuple[Story, list[Article], Dossier]]:
    """The comparison stage over a batch of stories (a Dask task, or a plain call)."""
    return [compare_story(item) for item in items]


def warm_worker() -> dict[str, object]:
    """Load, in this process, what every task loads on first use: the spaCy pipeline (one
    Extractor) and the sentence encoder. ``client.run(warm_worker)`` warms every worker of a
    long-lived cluster at once, so no task pays a load (a run warmed by a small analysis warms
    only the worker its one task went to). Returns what is loaded, for the caller to check."""
    from .compare import build_dossier  # noqa: F401  (its imports are a task's first cost too)
    from .embeddings import get_encoder
    from .extract.pipeline import Extractor

    extractor = _extractor(Extractor)
    encoder = get_encoder()
    return {"nlp": extractor.nlp is not None, "encoder": encoder.name}


def connect_dask(address: str | None):
    """A Dask client: ``"local"`` starts a LocalCluster on this machine, else a scheduler address."""
    if not address:
        return None
    from dask.distributed import Client, LocalCluster

    if address == "local":
        cluster = LocalCluster(n_workers=min(4, os.cpu_count() or 1), threads_per_worker=1, processes=True)
        return Client(cluster)
    return Client(address)
