"""Near-duplicates and syndication: which articles copy or rewrite which.

Two blocking indexes keep the search near-linear: MinHash LSH over word 5-gram shingles finds
copies and light edits, and MinHash LSH over each article's set of content words finds
rewrites (same facts reworded, where shingles no longer match). Each candidate pair is then
aligned as text-reuse tools do:

- shared passages: maximal runs of at least ``PASSAGE_MIN`` identical words (the longest is
  the evidence an edge carries); the share of an article inside them is its verbatim share;
- sentence alignment: each sentence of one article matched to its most similar sentence of
  the other by content words, kept only along the longest chain in the same order (a rewrite
  follows its source's order; two independent reports of one event do not).

``copies`` when most of ``from`` is verbatim in ``to``; ``rewrites`` when most of ``from`` is
the same sentences in the same order, reworded. ``score`` is the share of ``from`` borrowed.
"""

from __future__ import annotations

import bisect
import zlib
import re
from datetime import date, datetime, timezone

import numpy as np

from ..models import Article, LineageEdge
from .lineage import credited_outlets, normalise_outlet, sentences

MAX_CHARS = 50_000  # bound per article: syndication shows in the body's first pages
SHINGLE = 5
PASSAGE_MIN = 8  # words in a row that count as a shared passage, not a common phrase
NUM_PERM = 64
LSH_SHINGLE_THRESHOLD = 0.15  # Jaccard over shingles: a copy with light edits stays above
LSH_WORD_THRESHOLD = 0.3  # Jaccard over content words: reworded reports of one text
SENT_MATCH = 0.3  # content-word overlap for two sentences to say the same thing
COPY_SHARE = 0.5  # "most of one is in the other"
REWRITE_SHARE = 0.5
REWRITE_MIN_SENTENCES = 3
MAX_NEIGHBOURS = 20  # candidates aligned per article and per index

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")
_STOP = frozenset(
    "a an the and or but of to in on at for from by with as is are was were be been being it its "
    "this that these those he she they we you i his her their our your has have had do does did "
    "not no will would can could may might should shall than then there here which who whom whose "
    "what when where why how also into over after before about said says told".split()
)


def _fold(word: str) -> str:
    """Fold spelling variants (cancelled/canceled, defence/defense) and plurals."""
    w = word.lower().replace("’", "'").removesuffix("'s")
    w = w.replace("ll", "l")
    for a, b in (("ence", "ense"), ("ise", "ize"), ("yse", "yze"), ("our", "or")):
        if w.endswith(a):
            w = w[: -len(a)] + b
            break
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return w


class _Doc:
    """An article's words (folded, with offsets) and sentences, computed once."""

    def __init__(self, article: Article):
        self.article = article
        self.text = article.text[:MAX_CHARS]
        matches = list(_WORD.finditer(self.text))
        self.words = [_fold(m.group()) for m in matches]
        self.spans = [(m.start(), m.end()) for m in matches]
        self.starts = [s for s, _ in self.spans]
        self.sentences: list[tuple[int, int, frozenset]] = []  # (first word, end word, content)
        for s_lo, s_hi in sentences(self.text):
            lo = bisect.bisect_left(self.starts, s_lo)
            hi = bisect.bisect_left(self.starts, s_hi)
            content = frozenset(w for w in self.words[lo:hi] if w not in _STOP and len(w) > 1)
            if hi - lo >= 4 and content:
                self.sentences.append((lo, hi, content))
        self.content = frozenset().union(*(s[2] for s in self.sentences)) if self.sentences else frozenset()
        n = PASSAGE_MIN
        # Hashes of every run of PASSAGE_MIN words, computed once per article (not per pair).
        self.grams = [hash(tuple(self.words[i:i + n])) for i in range(len(self.words) - n + 1)]
        self.gram_set = frozenset(self.grams)
        self.day = _day(article.published)
        self.moment = _moment(article.published_at)
        self.seen = 0  # rank in the list find_reuse was given (the order the articles arrived)
        self.credits = {name for name, _ in credited_outlets(self.text)}
        self.outlet = normalise_outlet(article.outlet) if article.outlet else None

    def shingles(self) -> set[int]:
        w = self.words
        return {zlib.crc32(" ".join(w[i:i + SHINGLE]).encode("utf-8"))
                for i in range(max(0, len(w) - SHINGLE + 1))}

    def quote(self, lo: int, hi: int) -> str:
        return self.text[self.spans[lo][0]:self.spans[hi - 1][1]]


def _day(value: str | None) -> int | None:
    try:
        return date.fromisoformat(value[:10]).toordinal() if value else None
    except ValueError:
        return None


def _moment(value: str | None) -> float | None:
    """A publication date-time as a POSIX timestamp (a time without a zone is taken as UTC)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def _hash32(token: int | str) -> int:
    # Not Python's hash(): it is salted per process, so the pairs LSH puts in front of the
    # aligner (and so the lineage) would change from one run to the next.
    if isinstance(token, int):
        return token & 0xFFFFFFFF
    return zlib.crc32(token.encode("utf-8"))


# MinHash and its banded LSH index, the scheme datasketch uses ("affine32", seed 1), written
# out here: importing datasketch runs its package __init__, whose LSH module imports
# scipy.integrate (about a second of a cold run) only to choose the bands. The hash values,
# bands, buckets and candidate order are datasketch's own, and tests/test_group_dedup.py checks
# them against datasketch 2 (MinHash, MinHashLSH, _optimal_param) so the two cannot drift.
_MAX32 = np.uint32(0xFFFFFFFF)


def _permutations(num_perm: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutations: h -> a*h + b mod 2**32 with odd a."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


_PERM_A, _PERM_B = _permutations(NUM_PERM)


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, as datasketch applies it before the permutations."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def _minhash(tokens: set) -> np.ndarray:
    """The NUM_PERM minimum permuted hashes of the tokens (uint32)."""
    hv = _fmix32(np.array([_hash32(t) for t in tokens], dtype=np.uint32).reshape(-1, 1))
    return np.minimum(np.full(NUM_PERM, _MAX32, dtype=np.uint32), (hv * _PERM_A + _PERM_B).min(axis=0))


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """MinHash estimate of the Jaccard similarity: the share of equal hash values."""
    return float(np.count_nonzero(a == b)) / float(len(a))


# LSH (bands, rows) per Jaccard threshold at NUM_PERM permutations: datasketch's
# _optimal_param(threshold, 64, 0.5, 0.5), which minimises false positives plus false negatives
# by numerical integration (scipy); fixed here, checked against it by a test.
_LSH_BANDS = {LSH_SHINGLE_THRESHOLD: (32, 2), LSH_WORD_THRESHOLD: (21, 3)}


class _BandIndex:
    """A MinHash LSH index: a key is a candidate for a query when one band of rows is equal."""

    def __init__(self, bands: int, rows: int):
        self.ranges = [(i * rows, (i + 1) * rows) for i in range(bands)]
        self.tables: list[dict[bytes, set[int]]] = [{} for _ in range(bands)]

    def _keys(self, hashes: np.ndarray) -> list[bytes]:
        # Big-endian bytes of each band, as datasketch keys its buckets.
        return [bytes(hashes[lo:hi].byteswap().data) for lo, hi in self.ranges]

    def query(self, hashes: np.ndarray) -> list[int]:
        found: set[int] = set()
        for key, table in zip(self._keys(hashes), self.tables):
            found.update(table.get(key, ()))
        return list(found)

    def insert(self, item: int, hashes: np.ndarray) -> None:
        for key, table in zip(self._keys(hashes), self.tables):
            table.setdefault(key, set()).add(item)


def candidate_pairs(docs: list[_Doc]) -> set[tuple[int, int]]:
    """Pairs worth aligning: near-duplicate shingles or near-identical vocabularies."""
    pairs: set[tuple[int, int]] = set()
    for threshold, features in (
        (LSH_SHINGLE_THRESHOLD, lambda d: d.shingles()),
        (LSH_WORD_THRESHOLD, lambda d: d.content),
    ):
        lsh = _BandIndex(*_LSH_BANDS[threshold])
        hashes: dict[int, np.ndarray] = {}
        for i, d in enumerate(docs):
            feats = features(d)
            if not feats:
                continue
            m = _minhash(feats)
            found = lsh.query(m)
            if len(found) > MAX_NEIGHBOURS:
                # Boilerplate or a template shared by many texts: align only the closest ones,
                # so the cost per article stays bounded.
                found = sorted(found, key=lambda j: -_jaccard(m, hashes[j]))[:MAX_NEIGHBOURS]
            for j in found:
                pairs.add((j, i))
            lsh.insert(i, m)
            hashes[i] = m
    return pairs


def shared_passages(a: _Doc, b: _Doc) -> list[tuple[int, int]]:
    """Maximal runs of ``a``'s words that also run in ``b`` (as word ranges of ``a``)."""
    common = a.gram_set & b.gram_set
    if not common:
        return []
    covered = bytearray(len(a.words) + 1)
    for i, g in enumerate(a.grams):
        if g in common:
            covered[i:i + PASSAGE_MIN] = b"\x01" * PASSAGE_MIN
    runs, start = [], None
    for i in range(len(a.words) + 1):
        c = covered[i] if i < len(a.words) else 0
        if c and start is None:
            start = i
        elif not c and start is not None:
            runs.append((start, i))
            start = None
    return runs


def aligned_sentences(a: _Doc, b: _Doc) -> list[int]:
    """Sentences of ``a`` that match a sentence of ``b`` along the longest same-order chain."""
    matches = []  # (sentence of a, best sentence of b)
    theirs = [(j, cb, len(cb)) for j, (_, _, cb) in enumerate(b.sentences) if len(cb) >= 3]
    for i, (_, _, ca) in enumerate(a.sentences):
        na = len(ca)
        if na < 3:
            continue
        best, best_sim = None, SENT_MATCH
        for j, cb, nb in theirs:
            sim = len(ca & cb) / (na if na < nb else nb)
            if sim >= best_sim:
                best, best_sim = j, sim
        if best is not None:
            matches.append((i, best))
    # Longest strictly increasing subsequence of b-indices: the part told in the same order.
    tails, tails_at, parent = [], [], [-1] * len(matches)
    for k, (_, j) in enumerate(matches):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tails_at.append(k)
        else:
            tails[pos], tails_at[pos] = j, k
        parent[k] = tails_at[pos - 1] if pos else -1
    chain, k = [], tails_at[-1] if tails_at else -1
    while k != -1:
        chain.append(matches[k][0])
        k = parent[k]
    return chain[::-1]


def _direction(a: _Doc, b: _Doc, share_a: float, share_b: float) -> tuple[_Doc, _Doc]:
    """(copier, source): the one crediting the other's outlet; the later one; the one that drops a
    credit; else the one borrowing more."""
    if b.outlet and b.outlet in a.credits:
        return a, b
    if a.outlet and a.outlet in b.credits:
        return b, a
    if a.day is not None and b.day is not None and a.day != b.day:
        return (a, b) if a.day > b.day else (b, a)
    if bool(a.credits) != bool(b.credits):
        # Whoever copies text credited elsewhere and leaves the credit out is the re-post.
        return (b, a) if a.credits else (a, b)
    if abs(share_a - share_b) < 1e-9:
        # The same text twice (two outlets running one wire copy): the later-published one
        # copies the earlier; at the same time or undated, the one that arrived later copies
        # the one seen first. An id would be an arbitrary answer.
        if a.moment is not None and b.moment is not None and a.moment != b.moment:
            return (a, b) if a.moment > b.moment else (b, a)
        return (a, b) if a.seen > b.seen else (b, a)
    return (a, b) if (share_a, a.article.id) >= (share_b, b.article.id) else (b, a)


def compare(a: _Doc, b: _Doc) -> LineageEdge | None:
    """The reuse edge between two articles, if one copies or rewrites the other."""
    if not a.words or not b.words or not a.content or not b.content:
        return None
    # Cheap gate before aligning: a copy or a rewrite shares most of the shorter one's words.
    if len(a.content & b.content) / min(len(a.content), len(b.content)) < SENT_MATCH:
        return None
    runs_a, runs_b = shared_passages(a, b), shared_passages(b, a)
    verb_a = sum(hi - lo for lo, hi in runs_a) / len(a.words)
    verb_b = sum(hi - lo for lo, hi in runs_b) / len(b.words)
    chain_a, chain_b = aligned_sentences(a, b), aligned_sentences(b, a)
    share_a = _sentence_share(a, chain_a, runs_a)
    share_b = _sentence_share(b, chain_b, runs_b)
    frm, to = _direction(a, b, max(verb_a, share_a), max(verb_b, share_b))
    verb, share, chain, runs = (
        (verb_a, share_a, chain_a, runs_a) if frm is a else (verb_b, share_b, chain_b, runs_b)
    )
    if verb >= COPY_SHARE:
        kind = "copies"
        score = verb
    elif a.credits & b.credits:
        # Two reports crediting the same outlet follow its order because they share a source,
        # not because one rewrote the other: their cites edges already say so.
        return None
    elif share >= REWRITE_SHARE and len(chain) >= REWRITE_MIN_SENTENCES:
        kind = "rewrites"
        score = share
    else:
        return None
    if runs:
        lo, hi = max(runs, key=lambda r: r[1] - r[0])
        evidence = frm.quote(lo, hi)
    else:
        lo, hi, _ = frm.sentences[chain[0]]
        evidence = frm.quote(lo, hi)
    return LineageEdge(source=frm.article.id, target=to.article.id, kind=kind,
                       score=round(score, 3), evidence=evidence.strip())


def _sentence_share(d: _Doc, chain: list[int], runs: list[tuple[int, int]]) -> float:
    """Share of ``d``'s words in aligned sentences or verbatim passages."""
    covered = bytearray(len(d.words))
    for i in chain:
        lo, hi, _ = d.sentences[i]
        covered[lo:hi] = b"\x01" * (hi - lo)
    for lo, hi in runs:
        covered[lo:hi] = b"\x01" * (hi - lo)
    return sum(covered) / len(d.words) if d.words else 0.0


def find_reuse(articles: list[Article]) -> list[LineageEdge]:
    """Copies and rewrites among ``articles``, each with the share borrowed and the evidence.

    ``articles`` come in the order they arrived: of two identical texts with nothing else to
    tell them apart, the earlier in the list is taken as the source.
    """
    docs = [_Doc(a) for a in {a.id: a for a in articles}.values()]
    for rank, doc in enumerate(docs):
        doc.seen = rank
    edges = []
    for i, j in sorted(candidate_pairs(docs)):
        edge = compare(docs[i], docs[j])
        if edge is not None:
            edges.append(edge)
    return edges
