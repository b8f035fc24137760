"""The story clusterer's state in the store, read and written a batch's worth at a time.

The state is rows (``store.py``, migration 4): one per story (its summed vectors, dates, week
counts and the index keys it is posted under), one per member (story and position), one per
posting (index key, story sequence number), one per term's document frequency, one per pair of stories a user split apart. An add of a
batch reads what the batch needs, never the whole state:

- which of its articles are already clustered (by article id);
- the stored counts of its terms (the IDF of its vectors);
- the postings of its articles' index keys, each key's ``POSTING_CAP`` latest stories (by
  sequence number), and the stories those postings name as candidates, with their members;

and writes the rows it changed. A story's sequence number is its place in the order stories
were made, so each key's latest postings are the ones the in-memory index, rebuilt from the
stories in their saved order, held: a clusterer loaded this way groups as one loaded from the
whole state document did (``tests/test_group_state.py`` checks the two give the same stories).

Stores made before this keep their state as one JSON document under ``LEGACY_KEY`` in the
``state`` table; the first add reads it once, writes the rows and drops it.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable

from .stories import MAX_CANDIDATES, POSTING_CAP, StoryClusterer, _Story, story_from_dict, story_to_dict

LEGACY_KEY = "story_clusterer"  # the state as one document, before migration 4


class _Stories(dict):
    """The clusterer's stories: those loaded or made by this add; a miss is looked up in the store."""

    def __init__(self, state: StoredState):
        super().__init__()
        self._state = state

    def __missing__(self, sid: str) -> _Story:
        story = self._state.load_story(sid)
        if story is None:
            raise KeyError(sid)
        return story

    def get(self, sid, default=None):
        if dict.__contains__(self, sid):
            return dict.__getitem__(self, sid)
        story = self._state.load_story(sid)
        return default if story is None else story

    def __contains__(self, sid) -> bool:
        return dict.__contains__(self, sid) or self._state.load_story(sid) is not None

    def __setitem__(self, sid, story) -> None:
        self._state.gone.discard(sid)
        dict.__setitem__(self, sid, story)

    def __delitem__(self, sid) -> None:
        dict.__delitem__(self, sid)
        self._state.gone.add(sid)
        self._state.dropped.add(sid)

    def pop(self, sid, *default):
        if dict.__contains__(self, sid):
            story = dict.__getitem__(self, sid)
            del self[sid]
            return story
        return dict.pop(self, sid, *default)

    def values(self):
        self._state.load_all()
        return dict.values(self)

    def items(self):
        self._state.load_all()
        return dict.items(self)

    def __iter__(self):
        self._state.load_all()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self._state.load_all()
        return dict.__len__(self)


class _ArticleStory(dict):
    """Article id -> story id: those loaded, else looked up in the store (absent ones remembered)."""

    def __init__(self, state: StoredState):
        super().__init__()
        self._state = state

    def _lookup(self, aid: str) -> str | None:
        if dict.__contains__(self, aid):
            return dict.__getitem__(self, aid)
        if aid in self._state.unclustered:
            return None
        self._state.prefetch_articles([aid])
        return dict.get(self, aid)

    def __missing__(self, aid: str) -> str:
        sid = self._lookup(aid)
        if sid is None:
            raise KeyError(aid)
        return sid

    def get(self, aid, default=None):
        sid = self._lookup(aid)
        return default if sid is None else sid

    def __contains__(self, aid) -> bool:
        return self._lookup(aid) is not None


class _Postings(dict):
    """Index key -> its latest stories (a bounded deque, oldest first), fetched from the store."""

    def __init__(self, state: StoredState):
        super().__init__()
        self._state = state

    def __missing__(self, key: str) -> deque:
        self._state.prefetch_postings([key])
        return dict.__getitem__(self, key)

    def get(self, key, default=None):
        return self[key]


class _Snapshot:
    """A story as it was loaded: what its rows hold, to write only what changed."""

    __slots__ = ("seq", "members", "keys")

    def __init__(self, seq: int, members: tuple[str, ...], keys: list[str]):
        self.seq, self.members, self.keys = seq, members, keys


class StoredState:
    """The rows of one store behind one clusterer, for the length of one grouping transaction."""

    def __init__(self, store, clusterer: StoryClusterer, meta: dict):
        self.store = store
        self.clusterer = clusterer
        self.meta = dict(meta)
        self.loaded: dict[str, _Snapshot] = {}
        self.missing: set[str] = set()  # story ids the store does not hold
        self.gone: set[str] = set()  # stories deleted in this add (not to be loaded again)
        self.dropped: set[str] = set()  # every story deleted in this add, even if made again since
        self.unclustered: set[str] = set()  # article ids the store's clusterer does not hold
        self.touched: set[str] = set()  # stories an add changed
        self.df_stored: dict[str, int] = {}
        self.df_delta: Counter = Counter()
        self.pruned = False
        self.all_loaded = False
        # Pairs of stories a user split apart: few (one per correction), so read whole.
        self.apart: set[tuple[str, str]] = set(store.cluster_apart())
        clusterer._apart = {frozenset(p) for p in self.apart}
        # Work done, for the benchmark: rows read.
        self.work: Counter = Counter()
        clusterer._stories = _Stories(self)
        clusterer._article_story = _ArticleStory(self)
        clusterer._index = _Postings(self)
        clusterer._state = self

    # ------------------------------------------------------------------ reading

    def load_story(self, sid: str) -> _Story | None:
        if dict.__contains__(self.clusterer._stories, sid):
            return dict.__getitem__(self.clusterer._stories, sid)
        if sid in self.gone or sid in self.missing:
            return None
        self.load_stories([sid])
        return dict.get(self.clusterer._stories, sid)

    def load_stories(self, ids: Iterable[str]) -> None:
        stories = self.clusterer._stories
        wanted = [i for i in dict.fromkeys(ids)
                  if not dict.__contains__(stories, i) and i not in self.gone and i not in self.missing]
        if not wanted:
            return
        rows = self.store.cluster_stories(wanted)
        self.work["stories"] += len(rows)
        for d in rows:
            story = story_from_dict(d, own=True)
            dict.__setitem__(stories, story.id, story)
            self.loaded[story.id] = _Snapshot(d["seq"], tuple(story.members), d["keys"])
            for aid in story.members:
                # An article's place as this add left it wins over the store's (a story loaded
                # late, after one of its members moved, must not move it back).
                if not dict.__contains__(self.clusterer._article_story, aid):
                    dict.__setitem__(self.clusterer._article_story, aid, story.id)
        self.missing.update(set(wanted) - {d["id"] for d in rows})

    def load_all(self) -> None:
        """Every stored story (for ``stories()`` and exports; an add never needs this)."""
        if not self.all_loaded:
            self.all_loaded = True
            self.load_stories(self.store.cluster_story_ids())

    def prefetch_articles(self, article_ids: Iterable[str]) -> None:
        known = self.clusterer._article_story
        wanted = [i for i in dict.fromkeys(article_ids)
                  if not dict.__contains__(known, i) and i not in self.unclustered]
        if not wanted:
            return
        found = self.store.cluster_story_of(wanted)
        self.work["members"] += len(found)
        for aid, sid in found.items():
            dict.__setitem__(known, aid, sid)
        self.unclustered.update(set(wanted) - set(found))

    def prefetch_postings(self, keys: Iterable[str]) -> None:
        index = self.clusterer._index
        wanted = [k for k in dict.fromkeys(keys) if not dict.__contains__(index, k)]
        if not wanted:
            return
        for key, ids in self.store.cluster_postings(wanted, POSTING_CAP).items():
            self.work["postings"] += len(ids)
            dict.__setitem__(index, key, deque(ids, maxlen=POSTING_CAP))

    def prefetch_candidates(self, key_lists: list[list[str]]) -> None:
        """The postings of these keys, and the stories each list's lookup will score, in bulk."""
        self.prefetch_postings(k for keys in key_lists for k in keys)
        index, wanted = self.clusterer._index, []
        for keys in key_lists:
            hits: Counter = Counter()
            for k in keys:
                hits.update(dict.__getitem__(index, k))
            # Before this add changes anything every posted story exists, so the first
            # MAX_CANDIDATES are the ones ``_candidates`` scores; later misses load one by one.
            wanted.extend(sid for sid, _ in hits.most_common(MAX_CANDIDATES))
        self.load_stories(wanted)

    def prefetch_ranked(self, ids: list[str], wanted: int) -> None:
        """The stories a candidate walk over ``ids`` (best first) reaches before it has
        ``wanted`` existing ones, read together rather than one query per miss."""
        stories = self.clusterer._stories
        while True:
            found, unknown = 0, []
            for sid in dict.fromkeys(ids):
                if dict.__contains__(stories, sid):
                    found += 1
                elif sid not in self.gone and sid not in self.missing:
                    unknown.append(sid)
                    found += 1  # may exist: the walk reaches past it only if it does not
                if found >= wanted:
                    break
            if not unknown:
                return
            self.load_stories(unknown)

    def load_df(self, batch: Counter) -> None:
        """The stored counts of the batch's terms into the clusterer's (otherwise empty) df."""
        for t, n in self._fetch_df(batch):
            if not n:
                self.meta["terms"] += 1  # a term the store has never counted
        self.df_delta.update(batch)

    def need_df(self, terms: Iterable[str]) -> None:
        """The stored counts of ``terms`` into the clusterer's df, not counting them again (a
        correction re-making an article's vector)."""
        self._fetch_df(terms)

    def _fetch_df(self, terms: Iterable[str]) -> list[tuple[str, int]]:
        """Read the stored counts of the terms not read yet into the clusterer's df; returns them."""
        wanted = [t for t in dict.fromkeys(terms) if t not in self.df_stored]
        stored = self.store.cluster_df(wanted)
        self.work["terms"] += len(wanted)
        out = []
        for t in wanted:
            n = stored.get(t, 0)
            self.df_stored[t] = n
            if n:
                self.clusterer.df[t] = n
            out.append((t, n))
        return out

    def df_size(self) -> int:
        return self.meta["terms"]

    def prune_df(self) -> None:
        self.pruned = True

    # ------------------------------------------------------------------ writing

    def save(self) -> list[str]:
        """Write the rows this add changed; returns the ids of stored stories it deleted."""
        c = self.clusterer
        stories = self._stories_dict()
        rows, members, keys_new, keys_gone = [], [], [], []
        placed: dict[str, str] = {}
        for snap_id, snap in self.loaded.items():
            for aid in snap.members:
                placed[aid] = snap_id
        now_in: set[str] = set()
        for sid, story in stories.items():  # in the order made: new stories get the next numbers
            now_in.update(story.members)
            snap = self.loaded.get(sid)
            new = snap is None or sid in self.dropped  # made in this add (or deleted and made again)
            if not new and sid not in self.touched and tuple(story.members) == snap.members:
                continue
            if new:
                seq = self.meta["next_seq"]
                self.meta["next_seq"] += 1
                if snap is not None:
                    keys_gone.extend((k, snap.seq) for k in snap.keys)
                old_keys: set[str] = set()
            else:
                seq, old_keys = snap.seq, set(snap.keys)
            keys = c._keys(story.terms, story.names)
            keys_gone.extend((k, seq) for k in old_keys - set(keys))
            keys_new.extend((k, seq, sid) for k in keys if k not in old_keys)
            row = story_to_dict(story)
            row.update(seq=seq, keys=keys)
            rows.append(row)
            members.extend((aid, sid) for aid in story.members if placed.get(aid) != sid)
        deleted = [sid for sid in self.dropped if sid in self.loaded and sid not in stories]
        for sid in deleted:
            keys_gone.extend((k, self.loaded[sid].seq) for k in self.loaded[sid].keys)
        forgotten = [aid for aid in placed if aid not in now_in]
        self.store.save_cluster(rows, members, deleted, forgotten, keys_new, keys_gone)
        self.store.add_cluster_df({t: n for t, n in self.df_delta.items() if n})
        self.meta["terms"] -= sum(1 for t, n in self.df_delta.items()
                                  if n < 0 and self.df_stored.get(t, 0) + n <= 0 < self.df_stored.get(t, 0))
        apart = {tuple(sorted(p)) for p in c._apart}
        self.store.save_cluster_apart(sorted(apart - self.apart), sorted(self.apart - apart))
        if self.pruned:
            self.meta["terms"] = self.store.prune_cluster_df(1)
        self.meta["n_docs"] = c.n_docs
        self.store.set_cluster_meta(self.meta)
        self.work["written"] += len(rows) + len(members) + len(keys_new) + len(keys_gone) + len(self.df_delta)
        return sorted(deleted)

    def _stories_dict(self) -> dict[str, _Story]:
        return dict(dict.items(self.clusterer._stories))


def open_clusterer(store) -> StoryClusterer:
    """The store's clusterer, its state to be read as an add needs it. Call inside
    ``store.grouping()`` and end with :func:`save_clusterer` in the same transaction.

    A store holding the state as one document (before migration 4) has it written as rows
    first, once; a store with no state yet starts an empty clusterer."""
    meta = store.cluster_meta()
    if meta is None:
        legacy = store.get_state(LEGACY_KEY)
        old = StoryClusterer.from_state(legacy) if legacy else StoryClusterer()
        _write_all(store, old)
        if legacy:
            store.delete_state(LEGACY_KEY)
        meta = store.cluster_meta()
    clusterer = StoryClusterer(threshold=meta["threshold"], text_weight=meta["text_weight"])
    clusterer.n_docs = int(meta["n_docs"])
    StoredState(store, clusterer, meta)
    return clusterer


def save_clusterer(clusterer: StoryClusterer) -> list[str]:
    """Write what the clusterer's adds changed; returns the ids of stories merged away."""
    if clusterer._state is None:
        raise TypeError("not a store-backed clusterer (see open_clusterer)")
    return clusterer._state.save()


def _write_all(store, clusterer: StoryClusterer) -> None:
    """A whole in-memory clusterer as rows (the one-off migration of the old document)."""
    meta = {"threshold": clusterer.threshold, "text_weight": clusterer.text_weight,
            "n_docs": clusterer.n_docs, "next_seq": 0, "terms": 0}
    with store.grouping():
        store.set_cluster_meta(meta)
        state = StoredState(store, StoryClusterer(clusterer.threshold, clusterer.text_weight), meta)
        for sid, story in clusterer._stories.items():
            dict.__setitem__(state.clusterer._stories, sid, story)
        state.clusterer.n_docs = clusterer.n_docs
        state.df_delta = Counter(clusterer.df)
        state.meta["terms"] = len(clusterer.df)
        state.clusterer._apart = set(clusterer._apart)
        state.save()


__all__ = ["LEGACY_KEY", "open_clusterer", "save_clusterer"]
