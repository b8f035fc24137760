"""Story clustering over a stream: which articles report the same event.

Each article becomes two sparse unit vectors, weighted by a running IDF: its content words
and adjacent word pairs ("emergency patch", "deep throat"), and its names (the extraction
stage's canonical entities when given, else capitalised spans) with its figures ("6.1",
"33-year-old"). Two earthquakes share "magnitude", "quake", "killed" and often a country or a
minister, so words alone confuse same-kind events; names, figures and word pairs differ.
The opening counts more: words of its first ``LEAD_CHARS`` twice, names and figures of the
lead (headline and first sentence) ``LEAD_NAME_WEIGHT`` times, since a report leads with its
own event's who and where and mentions a sister event's only further down.

The similarity of two groups is average link: the mean cosine over all pairs of members,
which a story computes from the sums of its members' vectors without keeping them (a
centroid's cosine would grow with the story's size and merge sister events). Dates damp
matches months apart, as the mean over member pairs of a time factor; an undated article
counts from the latest full date its opening mentions (a dateline, "on July 28, 2004").
``add`` is incremental and local:

1. blocking: each article looks up its heaviest terms and names in an inverted index
   (capped postings) to get a few candidate stories, never the whole collection;
2. earliest first (by published date, else by the date its opening mentions), it joins the
   most similar candidate that clears ``threshold``, else founds a story;
3. stories touched by the batch are merged best pair first while they clear ``threshold``
   (undoes splits caused by arrival order); a story is compared again only once it has grown
   by ``REGROWTH`` since it last was, so a big story is not re-scored for every new member;
4. one k-means-like sweep: recent members of the touched stories (new or not: their vectors
   are kept for the last ``RECENT_CAP`` articles) move to the story they now fit best;
5. a touched story whose recent members form two groups clearly under the merge bar is split
   (undoes a sister event absorbed one report at a time: each close enough to the story so
   far, the two groups not close to each other). Steps 3 to 5 cost at most ``MOVE_CAP``
   members per touched story.

Two groups whose reports each lead with the same person or organisation, but not the same one
as the other group's (one player's arrest, then a teammate's), are damped towards
``story_features.LEAD_FLOOR``: sister events share words and background names, not their
subject. The subject of a report is the names of its lead it mentions again further down.

A lone article, or a lone-article story, joins an established story (``BIG`` members) at
``ORPHAN`` times the threshold: a short or oddly worded report of an event shares fewer words
with its coverage than a long one. Two lone articles still need the full threshold, so a
sister event (another quake in the same country) is not absorbed one article at a time.

The parameters are fixed values chosen on the ECB+ train topics and checked on its dev
topics: ``eval/clustering.py --sweep`` prints F1 across thresholds (a plateau from about
0.15 to 0.18), in one batch and as shuffled streams.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections import Counter, OrderedDict, defaultdict, deque
from dataclasses import dataclass, field
from datetime import date

from .stopwords import ENGLISH_STOP_WORDS

from ..models import Article, Story
from .story_features import cohesion, lead_conflict, subject_names

MAX_CHARS = 20_000  # articles are hostile input: longer bodies add nothing for clustering
LEAD_CHARS = 400  # the lead (headline + first sentences) names the event: it counts twice
QUERY_TERMS = 12  # rarest terms/names an article looks up in the index
POSTING_CAP = 64  # stories kept per index entry (most recent): bounds the cost per article
MAX_CANDIDATES = 12  # stories scored in full per article
CENTROID_CAP = 600  # terms a story keeps (its heaviest): bounds memory for big stories
DF_CAP = 1_000_000  # distinct terms counted; past it, terms seen once are forgotten (idf ~ max)
PRIOR_DOCS = 100  # pseudo-documents behind the IDF so a tiny set does not zero every weight
LEAD_NAME_WEIGHT = 2  # names and figures of the headline and first sentence say what the report is about
LEAD_MIN_CHARS = 100  # the first sentence ends past this (a headline line alone is not the lead)
TEXT_WEIGHT = 0.5  # similarity = TEXT_WEIGHT * words + (1 - TEXT_WEIGHT) * names
DEFAULT_THRESHOLD = 0.17
MAX_WEEKS = 64  # distinct weeks a story keeps for date comparison
ORPHAN = 0.5  # share of the threshold a lone article needs to join an established story
SMALL = 1  # a story this small is a lone article (or a fragment)
BIG = 5  # members that make a story established
RECENT_CAP = 2_000  # articles whose vectors are kept (in memory) so they can still move
MOVE_CAP = 100  # latest members of a touched story that are reconsidered
SETTLED = 2.0  # a member this close to its own story (times the threshold) stays put
REGROWTH = 1.25  # a story is compared again for merging once it has grown by this factor
SPLIT_MIN = 4  # members each part of a split needs
SPLIT_MARGIN = 0.9  # a split stands only this far under the merge bar (else it would re-merge)
SPLIT_SEEDS = 3  # least typical members tried as the seed of a split
SPLIT_ITERS = 5  # two-means rounds per seed
LEAD_CONFLICT = True  # damp two groups whose reports are about different subjects (story_features)

_NEWS_STOP = {
    "said", "says", "say", "told", "tell", "according", "reported", "report", "reports",
    "news", "year", "years", "week", "day", "days", "time", "people", "new", "just", "like",
    "including", "also", "would", "could", "one", "two", "first", "last", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "percent", "per", "cent", "mr",
    "mrs", "ms", "dr", "st", "jr",
}
STOP = frozenset(ENGLISH_STOP_WORDS) | _NEWS_STOP

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|\d+(?:[.,]\d+)*(?:-[a-z]+(?:-[a-z]+)*)?")
_CAP_SPAN = re.compile(
    r"(?:[A-Z][a-zA-Z'’\-]+|[A-Z]\.){1}(?:\s+(?:of\s+|de\s+|the\s+|al-)?(?:[A-Z][a-zA-Z'’\-]+|[A-Z]\.))*"
)
_FIGURE = re.compile(r"\b\d+(?:[.,]\d+)*(?:-[a-z]+(?:-[a-z]+)*)?\b")
_SENT_START = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")


def _stem(word: str) -> str:
    """A light plural fold ("quakes" -> "quake") that keeps short words and "-ss" intact."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def text_terms(text: str) -> Counter:
    """Content-word counts, the lead counted twice."""
    text = text[:MAX_CHARS]
    counts: Counter = Counter()
    prev, prev_end = None, -1
    for m in _TOKEN.finditer(text):
        w = m.group().lower().replace("’", "'")
        if w in STOP or len(w) < 2:
            prev = None
            continue
        w = _stem(w.removesuffix("'s"))
        weight = 2 if m.start() < LEAD_CHARS else 1
        counts[w] += weight
        # Adjacent content-word pairs ("emergency patch", "deep throat") are far more specific
        # to one event than either word.
        if prev is not None and m.start() - prev_end <= 2:
            counts[prev + "_" + w] += weight
        prev, prev_end = w, m.end()
    return counts


def name_terms(text: str, entities: list[str] | None = None, lead_out: Counter | None = None) -> Counter:
    """Names and figures: given entity names, else capitalised spans not opening a sentence.

    Those of the lead count ``LEAD_NAME_WEIGHT`` times: two reports of one event lead with the
    same who and where, while a sister event often shares only the background names.
    """
    text = text[:MAX_CHARS]
    lead = lead_end(text)
    counts: Counter = Counter()
    if entities:
        for name in entities[:500]:
            in_lead = bool(name) and name in text[:lead]
            _add_name(counts, name, LEAD_NAME_WEIGHT if in_lead else 1)
            if in_lead and lead_out is not None:
                _add_name(lead_out, name)
    else:
        for m in _CAP_SPAN.finditer(text):
            span = m.group()
            words = span.split()
            if len(words) == 1 and (span.lower() in STOP or _SENT_START.search(text, max(0, m.start() - 4), m.start())):
                continue  # a capital that only marks a sentence start
            _add_name(counts, span, LEAD_NAME_WEIGHT if m.start() < lead else 1)
            if m.start() < lead and lead_out is not None:
                _add_name(lead_out, span)
    for m in _FIGURE.finditer(text):
        counts["#" + m.group().replace(",", "")] += LEAD_NAME_WEIGHT if m.start() < lead else 1
    return counts


_SENT_END = re.compile(r"[.!?][\"'’”)]*\s|\n")


def lead_end(text: str) -> int:
    """Where the lead ends: the headline and the first sentence of the body (at most LEAD_CHARS)."""
    m = _SENT_END.search(text, LEAD_MIN_CHARS, LEAD_CHARS)
    return m.end() if m else LEAD_CHARS


def _add_name(counts: Counter, name: str, weight: int = 1) -> None:
    """A name, and its last word."""
    words = [w.lower().strip(".'’") for w in name.split()]
    words = [w for w in words if w and w not in STOP]
    if not words:
        return
    if len(words) > 1:
        counts[" ".join(words)] += weight
    # The last word alone as well: "Lohan" then meets "Lindsay Lohan" (every word would let
    # one long title, "Interior Minister Carlos Mendez", outweigh the rest).
    counts[words[-1]] += weight


def _parse_day(value: str | None) -> int | None:
    """Days since epoch of an ISO date (or its date part); None when absent or malformed."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


_MONTHS = {m: i + 1 for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))}
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_FULL_DATE = re.compile(
    r"\b(?:" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)"
    r"|(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+((?:19|20)\d\d))\b", re.IGNORECASE)
DATE_SCAN_CHARS = 3_000  # datelines and "on July 28, 2004" sit near the top


def text_day(text: str) -> int | None:
    """The latest full calendar date the article's opening mentions (its likely writing date)."""
    best = None
    for m in _FULL_DATE.finditer(text[:DATE_SCAN_CHARS]):
        mon, day, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
        try:
            d = date(int(year), _MONTHS[mon.lower()[:3]], int(day)).toordinal()
        except ValueError:
            continue
        best = d if best is None else max(best, d)
    return best




def time_factor(day_a: int | None, day_b_first: int | None, day_b_last: int | None) -> float:
    """Down-weight a match far in time; unknown dates neither help nor hurt."""
    if day_a is None or day_b_first is None:
        return 1.0
    gap = max(0, day_b_first - day_a, day_a - (day_b_last if day_b_last is not None else day_b_first))
    if gap <= 7:
        return 1.0
    # Stories run for weeks; only months apart becomes doubtful (0.8 at ~60 days).
    return max(0.6, 1.0 - (gap - 7) / 250)


@dataclass
class _Story:
    id: str
    members: list[str]
    terms: dict[str, float] = field(default_factory=dict)
    names: dict[str, float] = field(default_factory=dict)
    first: int | None = None
    last: int | None = None
    first_published: str | None = None
    last_published: str | None = None
    days: Counter = field(default_factory=Counter)  # members per week (ordinal of its first day)
    checked: int = 0  # members it had when last compared with its candidates for a merge
    selfsum: float = 0.0  # sum of the members' similarity to themselves (1, or less without names)
    lead: dict[str, float] = field(default_factory=dict)  # sum of the members' subject-name unit vectors
    leadn: int = 0  # members with subject names

    def absorb_lead(self, lead: dict[str, float], n: int, sign: int = 1) -> None:
        for t, v in lead.items():
            self.lead[t] = self.lead.get(t, 0.0) + sign * v
        self.leadn += sign * n
        if sign < 0:
            self.lead = {t: v for t, v in self.lead.items() if v > 1e-9}
        if len(self.lead) > 2 * CENTROID_CAP:
            self.lead = dict(sorted(self.lead.items(), key=lambda kv: -kv[1])[:CENTROID_CAP])

    def absorb(self, terms: dict[str, float], names: dict[str, float]) -> None:
        for t, v in terms.items():
            self.terms[t] = self.terms.get(t, 0.0) + v
        for t, v in names.items():
            self.names[t] = self.names.get(t, 0.0) + v
        if len(self.terms) > 2 * CENTROID_CAP:
            self.terms = dict(sorted(self.terms.items(), key=lambda kv: -kv[1])[:CENTROID_CAP])
        if len(self.names) > 2 * CENTROID_CAP:
            self.names = dict(sorted(self.names.items(), key=lambda kv: -kv[1])[:CENTROID_CAP])

    def add_days(self, days: Counter) -> None:
        self.days.update(days)
        if len(self.days) > MAX_WEEKS:  # bounds the pairwise date comparison
            self.days = Counter(dict(self.days.most_common(MAX_WEEKS)))

    def date(self, day: int | None, iso: str | None) -> None:
        if day is None:
            return
        if self.first is None or day < self.first:
            self.first, self.first_published = day, iso
        if self.last is None or day > self.last:
            self.last, self.last_published = day, iso

    def take(self, article_id: str, single: "_Story", day: int | None, iso: str | None) -> None:
        """Add one article (its own one-member vector ``single``) to this story."""
        self.members.append(article_id)
        self.absorb(single.terms, single.names)
        self.absorb_lead(single.lead, single.leadn)
        self.add_days(single.days)
        self.date(day, iso)
        self.selfsum += single.selfsum


def story_id_for(founder_id: str) -> str:
    """A story's id, stable across runs: derived from its founding (earliest) article's id."""
    return "s" + hashlib.sha1(founder_id.encode("utf-8")).hexdigest()[:15]


class StoryClusterer:
    """Incremental story clustering; ``add`` touches only the stories the new articles join."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, text_weight: float = TEXT_WEIGHT):
        self.threshold = threshold
        self.text_weight = text_weight
        self.n_docs = 0
        self.df: Counter = Counter()
        self._stories: dict[str, _Story] = {}
        self._article_story: dict[str, str] = {}
        self._index: dict[str, deque] = defaultdict(lambda: deque(maxlen=POSTING_CAP))
        self._alias: dict[str, str] = {}  # merged story id -> the id that absorbed it
        # Pairs of stories a user split apart: never merged again by ``add`` (see ``move``).
        self._apart: set[frozenset[str]] = set()
        # Vectors of the most recent articles (not persisted): only these may still move.
        self._recent: OrderedDict[str, tuple[_Story, list[str]]] = OrderedDict()
        # The store this clusterer's state lives in, when it is loaded a batch's worth at a time
        # (crosswire.group.state); None when the whole state is in memory.
        self._state = None
        # Work done, for benchmarks: similarity evaluations and term lookups they made. A count,
        # unlike a timing, does not move with the machine's load.
        self.work: Counter = Counter()

    # ------------------------------------------------------------------ weights

    def idf(self, term: str) -> float:
        return math.log((self.n_docs + PRIOR_DOCS + 1) / (self.df.get(term, 0) + 1))

    def vectorise(self, counts: Counter) -> dict[str, float]:
        """Sublinear TF times the current IDF, L2-normalised; frozen once the article is in."""
        idf = self.idf
        vec = {t: (1.0 + math.log(c)) * idf(t) for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}

    @staticmethod
    def _dot(a: dict[str, float], b: dict[str, float]) -> float:
        if len(a) > len(b):
            a, b = b, a
        return sum(v * b[t] for t, v in a.items() if t in b)

    def similarity(self, a: _Story, b: _Story) -> float:
        """Average-link similarity: the mean cosine over all pairs of members of ``a`` and ``b``.

        Members are unit vectors, so the mean pairwise cosine is the dot product of the two
        sums divided by the pair count: no member vectors need to be kept. Average link rather
        than centroid cosine because a centroid's cosine grows with the story's size (the
        shared vocabulary of a kind of event piles up) and would merge sister events.
        """
        pairs = len(a.members) * len(b.members) or 1
        self.work["similarities"] += 1
        self.work["lookups"] += min(len(a.terms), len(b.terms)) + min(len(a.names), len(b.names))
        s = self.text_weight * self._dot(a.terms, b.terms) / pairs
        s += (1 - self.text_weight) * self._dot(a.names, b.names) / pairs
        s *= self._time(a, b)
        if LEAD_CONFLICT and s > 0 and min(a.leadn, b.leadn) >= 2:
            s *= self._lead_factor(a, b)
        return s

    def _lead_factor(self, a: _Story, b: _Story) -> float:
        """Damping for two groups each agreeing on who their leads are about, but not with each other."""
        if not a.leadn or not b.leadn or a is b:
            return 1.0
        self.work["lookups"] += len(a.lead) + len(b.lead) + min(len(a.lead), len(b.lead))
        cross = self._dot(a.lead, b.lead) / (a.leadn * b.leadn)
        return lead_conflict(cross, cohesion(a.lead, a.leadn), cohesion(b.lead, b.leadn))

    @staticmethod
    def _time(a: _Story, b: _Story) -> float:
        """Mean time factor over member pairs; pairs with an undated side count as 1."""
        pairs = len(a.members) * len(b.members) or 1
        known = sum(a.days.values()) * sum(b.days.values())
        if not known:
            return 1.0
        acc = 0.0
        for da, ca in a.days.items():
            for db, cb in b.days.items():
                acc += ca * cb * time_factor(da, db, db)
        return (acc + pairs - known) / pairs

    # ------------------------------------------------------------------ blocking

    def _keys(self, terms: dict[str, float], names: dict[str, float]) -> list[str]:
        """The most specific index keys of an article or story: its heaviest terms and names."""
        scored = [(v, "t:" + t) for t, v in terms.items()]
        scored += [(v, "n:" + t) for t, v in names.items()]
        scored.sort(reverse=True)
        return [k for _, k in scored[:QUERY_TERMS]]

    def _candidates(self, keys: list[str]) -> list[_Story]:
        hits: Counter = Counter()
        for k in keys:
            posting = self._index.get(k)
            if posting:
                hits.update(set(posting))
        ranked = hits.most_common(MAX_CANDIDATES * 2)
        if self._state is not None:  # the stories this walk will name, read in one go
            self._state.prefetch_ranked([self._resolve(sid) for sid, _ in ranked], MAX_CANDIDATES)
        out = []
        seen = set()
        for sid, _ in ranked:
            while sid in self._alias:  # postings may still name a story merged since
                sid = self._alias[sid]
            story = self._stories.get(sid)
            if story is not None and sid not in seen:
                seen.add(sid)
                out.append(story)
                if len(out) >= MAX_CANDIDATES:
                    break
        return out

    def _resolve(self, sid: str) -> str:
        while sid in self._alias:
            sid = self._alias[sid]
        return sid

    def _post(self, keys: list[str], sid: str) -> None:
        for k in keys:
            posting = self._index[k]
            if not posting or posting[-1] != sid:
                posting.append(sid)

    # ------------------------------------------------------------------ public API

    def add(self, articles: list[Article], entities: dict[str, list[str]] | None = None) -> list[Story]:
        """Assign new articles to stories (existing or new); return the stories touched."""
        entities = entities or {}
        if self._state is not None:  # which of them the store's clusterer already holds
            self._state.prefetch_articles(a.id for a in articles)
        fresh = [a for a in articles if a.id not in self._article_story]
        fresh = list({a.id: a for a in fresh}.values())
        feats = []
        batch_df: Counter = Counter()
        for a in fresh:
            text = "\n".join(x for x in (a.title, a.text) if x)
            lead: Counter = Counter()
            terms, names = text_terms(text), name_terms(text, entities.get(a.id), lead)
            batch_df.update(terms.keys())
            batch_df.update(names.keys())
            feats.append((a, terms, names, _parse_day(a.published), text_day(text), lead))
        if self._state is not None:  # the stored counts of this batch's terms only
            self._state.load_df(batch_df)
        self.df.update(batch_df)
        self.n_docs += len(fresh)
        # Earliest first so a story is founded (and named) by its earliest report, an undated one
        # by the date its opening mentions (reports of a sister event a year later then come
        # after the first event's story is established, not interleaved with it); undated last.
        feats.sort(key=lambda f: (next((d for d in f[3:5] if d is not None), math.inf), f[0].id))
        if (len(self.df) if self._state is None else self._state.df_size()) > DF_CAP:
            self.df = Counter({t: c for t, c in self.df.items() if c > 1})
            if self._state is not None:
                self._state.prune_df()

        # The IDF is fixed for the rest of the batch: every article's vectors and keys first, so a
        # store-backed clusterer can fetch the candidates of the whole batch at once.
        singles = []
        for a, terms, names, day, mentioned, lead in feats:
            single = _Story(id=story_id_for(a.id), members=[a.id],
                            terms=self.vectorise(terms), names=self.vectorise(names))
            subject = subject_names(names, lead)
            if subject:
                single.absorb_lead(self.vectorise(subject), 1)
            single.date(day, a.published)
            single.selfsum = self.similarity(single, single)
            # For comparing dates, an undated article counts from the date it mentions.
            when = day if day is not None else mentioned
            if when is not None:
                single.days[when - when % 7] = 1  # by week: the time factor is flat within one
            singles.append((a, day, single, self._keys(single.terms, single.names)))
        if self._state is not None:
            self._state.prefetch_candidates([keys for *_, keys in singles])

        touched: set[str] = set()
        for a, day, single, keys in singles:
            best, best_sim = None, self.threshold
            for story in self._candidates(keys):
                sim = self.similarity(single, story)
                if sim >= best_sim:
                    best, best_sim = story, sim
            if best is None:
                # A copy: ``single`` must stay this article's own vector (kept in ``_recent``).
                best = _Story(id=single.id, members=[a.id], terms=dict(single.terms),
                              names=dict(single.names), days=Counter(single.days), selfsum=single.selfsum,
                              lead=dict(single.lead), leadn=single.leadn)
                best.date(day, a.published)
                self._stories[best.id] = best
            else:
                best.take(a.id, single, day, a.published)
            self._article_story[a.id] = best.id
            self._post(keys, best.id)
            touched.add(best.id)
            self._recent[a.id] = (single, keys)
        while len(self._recent) > RECENT_CAP:
            self._recent.popitem(last=False)
        touched = self._merge(touched)
        # Recent members of the touched stories may move too, not only this batch's articles:
        # in a stream a story's early members were placed on little evidence.
        movable = [(aid, *self._recent[aid]) for sid in sorted(touched) if sid in self._stories
                   for aid in self._stories[sid].members[-MOVE_CAP:] if aid in self._recent]
        touched = self._reassign(movable, touched)
        touched = self._split(touched)
        if self._state is not None:
            self._state.touched.update(touched)
        return [self._public(self._stories[s]) for s in sorted(touched) if s in self._stories]

    def _merge(self, touched: set[str]) -> set[str]:
        """Average-link merging of touched stories with their candidates, best pair first.

        The single pass above depends on arrival order (an early article may found a story
        that a later one would have joined); agglomerating best-first over the blocked
        candidate pairs is the order-free correction, and stays local to what was touched.
        """
        heap: list[tuple[float, str, str, int, int]] = []
        version: Counter = Counter()

        def push(sid: str) -> None:
            story = self._stories[sid]
            story.checked = len(story.members)
            for other in self._candidates(self._keys(story.terms, story.names)):
                if other.id != sid:
                    sim = self.similarity(story, other)
                    if sim >= self._bar(story, other):
                        heapq.heappush(heap, (-sim, sid, other.id, version[sid], version[other.id]))

        if self._state is not None:
            self._state.prefetch_candidates([self._keys(s.terms, s.names) for s in map(self._stories.get, touched)
                                             if s is not None and len(s.members) >= REGROWTH * s.checked])
        for sid in sorted(touched):
            # A story already compared with its candidates at nearly its present size cannot have
            # come much closer to them (one more member moves an average link by about 1/n):
            # re-checking it only once it has grown by a share keeps the cost per article flat
            # as stories grow, instead of re-scoring every big story each time it is touched.
            story = self._stories[sid]
            if len(story.members) >= REGROWTH * story.checked:
                push(sid)
        while heap:
            _, a, b, va, vb = heapq.heappop(heap)
            if a not in self._stories or b not in self._stories or version[a] != va or version[b] != vb:
                continue
            if frozenset((a, b)) in self._apart:
                continue  # a user split these: the next add must not undo it
            keep, gone = self._older(self._stories[a], self._stories[b])
            self._fold(keep, gone)
            touched.discard(gone.id)
            touched.add(keep.id)
            version[keep.id] += 1
            push(keep.id)
        return touched

    def _bar(self, a: _Story, b: _Story) -> float:
        """The similarity two stories need to merge: lower for a lone article and an established story."""
        small, big = sorted((len(a.members), len(b.members)))
        if small <= SMALL and big >= BIG:
            return ORPHAN * self.threshold
        return self.threshold

    def _reassign(self, movable: list, touched: set[str]) -> set[str]:
        """One k-means-like sweep: an article moves to the story it now fits best.

        Greedy assignment and merging decide with the stories as they were at the time; once
        everything is placed, an article may sit better elsewhere. A lone article needs less
        to join an established story (see ``ORPHAN``).
        """
        for aid, single, keys in movable:
            own = self._stories[self._article_story[aid]]
            n = len(own.members)
            if n == 1:
                stay = None
            else:  # mean similarity to the other members, leaving itself out
                stay = (self.similarity(single, own) * n - self.similarity(single, single)) / (n - 1)
                if stay >= SETTLED * self.threshold:
                    continue  # well inside its story: no other can be much closer
            best, best_sim = None, stay if stay is not None else 0.0
            for story in self._candidates(keys):
                if story is not own:
                    sim = self.similarity(single, story)
                    if sim > best_sim and sim >= self._bar(own, story):
                        best, best_sim = story, sim
            if best is None:
                continue
            own.members.remove(aid)
            own.absorb({t: -v for t, v in single.terms.items()}, {t: -v for t, v in single.names.items()})
            own.absorb_lead(single.lead, single.leadn, -1)
            own.days.subtract(single.days)
            own.days = +own.days
            own.selfsum -= single.selfsum
            if not own.members:
                del self._stories[own.id]
                touched.discard(own.id)
            best.members.append(aid)
            best.absorb(single.terms, single.names)
            best.absorb_lead(single.lead, single.leadn)
            best.add_days(single.days)
            best.date(single.first, single.first_published)
            best.selfsum += single.selfsum
            self._article_story[aid] = best.id
            self._post(keys, best.id)
            touched.add(best.id)
        return touched

    def _split(self, touched: set[str]) -> set[str]:
        """Split a touched story in two when its recent members form two groups that would not merge.

        Joining one article at a time, a story can absorb a sister event (the next quake in the
        same region) report by report, each close enough to the story so far; as two groups
        they are clearly under the merge bar. The part holding the founder keeps the story's id.
        """
        for sid in sorted(touched):
            story = self._stories.get(sid)
            if story is None or len(story.members) < 2 * SPLIT_MIN:
                continue
            part = self._bisect(story)
            if part is None:
                continue
            rest, group = part
            if story.members[0] in group.members:
                rest, group = group, rest
            new_id = story_id_for(group.members[0])
            while new_id in self._stories:
                new_id = story_id_for(new_id)
            self._alias.pop(new_id, None)
            group.id = new_id
            story.members = rest.members
            story.terms, story.names, story.days = rest.terms, rest.names, rest.days
            story.selfsum = rest.selfsum
            story.lead, story.leadn = rest.lead, rest.leadn
            dates = (story.first, story.first_published, story.last, story.last_published)
            for part in (story, group):
                # Dates from the members' kept vectors; a part holding older members (the one
                # that does not keep the founder may, when the founder is recent) keeps the
                # story's dates, since those members' own dates are no longer kept.
                if all(aid in self._recent for aid in part.members):
                    part.first = part.last = part.first_published = part.last_published = None
                    for aid in part.members:
                        part.date(self._recent[aid][0].first, self._recent[aid][0].first_published)
                else:
                    part.first, part.first_published, part.last, part.last_published = dates
            for aid in group.members:
                self._article_story[aid] = new_id
            self._stories[new_id] = group
            self._post(self._keys(group.terms, group.names), new_id)
            touched.add(new_id)
        return touched

    @staticmethod
    def _group(singles: list[_Story]) -> _Story:
        """A story made of the given one-article stories."""
        g = _Story(id="", members=[])
        for x in singles:
            g.members.extend(x.members)
            g.absorb(x.terms, x.names)
            g.absorb_lead(x.lead, x.leadn)
            g.add_days(x.days)
            g.selfsum += x.selfsum
        return g

    @staticmethod
    def _minus(story: _Story, part: _Story) -> _Story:
        """``story`` without the members of ``part`` (sums subtracted; capped terms clamp at 0)."""
        gone = set(part.members)
        out = _Story(id=story.id, members=[m for m in story.members if m not in gone])
        for attr in ("terms", "names"):
            have, less = getattr(story, attr), getattr(part, attr)
            setattr(out, attr, {t: v - less.get(t, 0.0) for t, v in have.items() if v - less.get(t, 0.0) > 1e-9})
        out.days = +(story.days - part.days)
        out.selfsum = story.selfsum - part.selfsum
        out.lead = {t: v - part.lead.get(t, 0.0) for t, v in story.lead.items() if v - part.lead.get(t, 0.0) > 1e-9}
        out.leadn = story.leadn - part.leadn
        return out

    def _loo(self, x: _Story, group: _Story) -> float:
        """Mean similarity of member ``x`` to the other members of ``group``."""
        k = len(group.members)
        if k < 2:
            return 0.0
        return (self.similarity(x, group) * k - x.selfsum) / (k - 1)

    def _bisect(self, story: _Story) -> tuple[_Story, _Story] | None:
        """The best two-way split of a story's recent members clearly under the merge bar, if any.

        Two-means with average link (each member goes to the part whose other members it is
        closer to), seeded in turn by the least typical members; members whose vectors are no
        longer kept stay in the remainder. Cost: bounded by ``MOVE_CAP`` members.
        """
        singles = [self._recent[aid][0] for aid in story.members[-MOVE_CAP:] if aid in self._recent]
        if len(singles) < 2 * SPLIT_MIN:
            return None
        typical = sorted(singles, key=lambda x: self._loo(x, story))
        best, best_score = None, SPLIT_MARGIN
        for seed in typical[:SPLIT_SEEDS]:
            group_ids = {seed.members[0]}
            for _ in range(SPLIT_ITERS):
                group = self._group([x for x in singles if x.members[0] in group_ids])
                rest = self._minus(story, group)
                if not group.members or not rest.members:
                    break
                new_ids = set()
                for x in singles:
                    inside = x.members[0] in group_ids
                    sg = self._loo(x, group) if inside else self.similarity(x, group)
                    sr = self.similarity(x, rest) if inside else self._loo(x, rest)
                    if sg > sr:
                        new_ids.add(x.members[0])
                if new_ids == group_ids or not new_ids:
                    break
                group_ids = new_ids
            group = self._group([x for x in singles if x.members[0] in group_ids])
            rest = self._minus(story, group)
            if len(group.members) < SPLIT_MIN or len(rest.members) < SPLIT_MIN:
                continue
            score = self.similarity(group, rest) / self._bar(group, rest)
            if score < best_score:
                best, best_score = (rest, group), score
        return best

    @staticmethod
    def _older(a: _Story, b: _Story) -> tuple[_Story, _Story]:
        """The story founded first keeps its id (dated before undated, then by id)."""
        ka = (a.first is None, a.first or 0, a.id)
        kb = (b.first is None, b.first or 0, b.id)
        return (a, b) if ka <= kb else (b, a)

    def _fold(self, keep: _Story, gone: _Story) -> None:
        keep.absorb(gone.terms, gone.names)
        keep.absorb_lead(gone.lead, gone.leadn)
        keep.add_days(gone.days)
        keep.members.extend(gone.members)
        keep.selfsum += gone.selfsum
        if gone.first is not None:
            keep.date(gone.first, gone.first_published)
            keep.date(gone.last, gone.last_published)
        for aid in gone.members:
            self._article_story[aid] = keep.id
        self._post(self._keys(gone.terms, gone.names), keep.id)
        del self._stories[gone.id]
        self._alias[gone.id] = keep.id
        # Kept apart from what ``gone`` was kept apart from (and no longer from ``keep``).
        self._apart = {frozenset(keep.id if x == gone.id else x for x in pair) for pair in self._apart}
        self._apart = {pair for pair in self._apart if len(pair) == 2}

    def move(self, articles: list[Article], to: str | None, entities: dict[str, list[str]] | None = None) -> None:
        """A user's correction: take ``articles`` out of their stories and put them in story
        ``to`` (an existing story, or a new one of that id), or forget them when ``to`` is None.

        A story whose every member moves is folded into ``to`` (its sums move exactly: a merge).
        Otherwise each article's vector is made again with today's IDF and subtracted (its own
        was not kept), and the story it left is kept apart from ``to`` from then on, so the
        merging step of a later ``add`` does not undo a split. Moved articles leave the
        recent set, so the re-assignment sweep does not move them back."""
        entities = entities or {}
        feats = {}
        for a in articles:
            text = "\n".join(x for x in (a.title, a.text) if x)
            lead: Counter = Counter()
            terms, names = text_terms(text), name_terms(text, entities.get(a.id), lead)
            feats[a.id] = (terms, names, lead)
        if self._state is not None:  # the stored counts of these articles' terms, to vectorise them
            self._state.need_df({t for terms, names, _ in feats.values() for t in (*terms, *names)})
        ids = {a.id for a in articles}
        left: set[str] = set()
        for sid in {self._article_story[i] for i in ids if i in self._article_story}:
            story = self._stories[sid]
            if to is not None and sid != to and to in self._stories and set(story.members) <= ids:
                self._fold(self._stories[to], story)  # a whole story merged
                self._apart.discard(frozenset((sid, to)))
                ids -= set(story.members)
                left.add(to)
        forget: list[tuple[dict, dict]] = []
        for a in articles:
            if a.id not in ids:
                continue
            sid = self._article_story.pop(a.id, None)
            self._recent.pop(a.id, None)
            terms, names, lead = feats[a.id]
            single = _Story(id="", members=[a.id], terms=self.vectorise(terms), names=self.vectorise(names))
            subject = subject_names(names, lead)
            if subject:
                single.absorb_lead(self.vectorise(subject), 1)
            single.selfsum = self.similarity(single, single)
            day = _parse_day(a.published)
            single.date(day, a.published)
            if day is not None:
                single.days[day - day % 7] = 1
            if sid is not None and sid in self._stories:
                own = self._stories[sid]
                if a.id in own.members:
                    own.members.remove(a.id)
                rest = self._minus(own, single)
                own.terms, own.names, own.days = rest.terms, rest.names, rest.days
                own.selfsum, own.lead, own.leadn = max(0.0, rest.selfsum), rest.lead, max(0, rest.leadn)
                if not own.members:
                    del self._stories[sid]
                left.add(sid)
            if to is None:
                if sid is not None:  # it was counted when it was added
                    forget.append((terms, names))
                continue
            target = self._stories.get(to)
            if target is None:
                target = self._stories[to] = _Story(id=to, members=[])
                self._alias.pop(to, None)
            target.take(a.id, single, day, a.published)
            self._article_story[a.id] = to
            self._post(self._keys(single.terms, single.names), to)
        if to is not None:
            self._apart |= {frozenset((sid, to)) for sid in left if sid != to and sid in self._stories}
        # A forgotten article no longer counts in the document frequencies (after its vector was
        # made again above with the counts it was added under).
        for terms, names in forget:
            self._uncount({*terms, *names})
            self.n_docs = max(0, self.n_docs - 1)
        if self._state is not None:
            self._state.touched.update(sid for sid in left | {to} if sid is not None)

    def _uncount(self, terms: set[str]) -> None:
        """One document fewer holding each of ``terms`` (a term counted nowhere is forgotten)."""
        for t in terms:
            n = self.df.get(t, 0)
            if n <= 0:
                continue  # forgotten already (a pruned term)
            if n == 1:
                del self.df[t]
            else:
                self.df[t] = n - 1
            if self._state is not None:
                self._state.df_delta[t] -= 1

    def redate(self, before: Article, after: Article, member_dates: list[str | None]) -> None:
        """A user's correction of an article's date: its story's week counts move from the old
        date to the new, and its dates become the span of ``member_dates`` (every member's)."""
        sid = self._article_story.get(before.id)
        if sid is None or sid not in self._stories:
            return
        story = self._stories[sid]
        self._recent.pop(before.id, None)  # its kept vector holds the old date
        for article, step in ((before, -1), (after, 1)):
            text = "\n".join(x for x in (article.title, article.text) if x)
            when = _parse_day(article.published)
            when = when if when is not None else text_day(text)
            if when is not None:
                story.days[when - when % 7] += step
        story.days = +story.days
        story.first = story.last = story.first_published = story.last_published = None
        for iso in member_dates:
            story.date(_parse_day(iso), iso)
        if self._state is not None:
            self._state.touched.add(sid)

    def stories(self) -> list[Story]:
        return [self._public(s) for s in sorted(self._stories.values(), key=lambda s: s.id)]

    def story_of(self, article_id: str) -> str | None:
        return self._article_story.get(article_id)

    def story(self, story_id: str) -> Story:
        """One story as it stands (KeyError if there is none)."""
        return self._public(self._stories[story_id])

    @staticmethod
    def _public(s: _Story) -> Story:
        return Story(
            id=s.id,
            article_ids=list(s.members),
            first_published=s.first_published,
            last_published=s.last_published,
        )

    # ------------------------------------------------------------------ persistence

    def to_state(self) -> dict:
        """A JSON-able snapshot; the index is rebuilt from the story centroids on load."""
        if self._state is not None:  # its df holds this batch's terms only
            raise TypeError("a store-backed clusterer is saved by crosswire.group.state.save_clusterer")
        return {
            "version": 1,
            "threshold": self.threshold,
            "text_weight": self.text_weight,
            "n_docs": self.n_docs,
            "df": dict(self.df),
            "stories": [story_to_dict(s) for s in self._stories.values()],
            "apart": sorted(sorted(pair) for pair in self._apart),
        }

    @classmethod
    def from_state(cls, state: dict) -> StoryClusterer:
        if state.get("version") != 1:
            raise ValueError(f"unknown story-clusterer state version: {state.get('version')!r}")
        self = cls(threshold=state["threshold"], text_weight=state["text_weight"])
        self.n_docs = int(state["n_docs"])
        self.df = Counter(state["df"])
        for d in state["stories"]:
            s = story_from_dict(d)
            self._stories[s.id] = s
            for aid in s.members:
                self._article_story[aid] = s.id
            self._post(self._keys(s.terms, s.names), s.id)
        self._apart = {frozenset(pair) for pair in state.get("apart", []) if len(set(pair)) == 2}
        return self


def story_to_dict(s: _Story) -> dict:
    """A story of the clusterer as JSON-able values (the state document's, and a stored row's)."""
    return {
        "id": s.id, "members": s.members, "terms": s.terms, "names": s.names,
        "first": s.first_published, "last": s.last_published,
        "weeks": {str(d): c for d, c in s.days.items()},
        "selfsum": s.selfsum,
        "lead": s.lead, "leadn": s.leadn,
    }


def story_from_dict(d: dict, own: bool = False) -> _Story:
    """A story from ``story_to_dict``'s shape; ``own``: take its lists and dicts as they are
    (freshly decoded ones nobody else holds) instead of copying them."""
    keep = (lambda x: x) if own else dict
    s = _Story(id=d["id"], members=d["members"] if own else list(d["members"]),
               terms=keep(d["terms"]), names=keep(d["names"]))
    s.date(_parse_day(d["first"]), d["first"])
    s.date(_parse_day(d["last"]), d["last"])
    s.days = Counter({int(w): c for w, c in d.get("weeks", {}).items()})
    s.selfsum = float(d.get("selfsum", len(s.members)))
    s.lead, s.leadn = keep(d.get("lead", {})), int(d.get("leadn", 0))
    return s


def cluster_articles(articles: list[Article], entities: dict[str, list[str]] | None = None,
                     threshold: float = DEFAULT_THRESHOLD) -> list[Story]:
    """Cluster a whole set at once (one ``add`` on a fresh clusterer)."""
    clusterer = StoryClusterer(threshold=threshold)
    clusterer.add(articles, entities)
    return clusterer.stories()
