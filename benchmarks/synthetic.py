"""A synthetic news stream of any size with real-looking text, for benchmarks.

Each synthetic story takes one ECB+ story (eval/data/ecbplus) as its template, renames every
capitalised word and changes every figure with a mapping of its own, so story 7 and story 73
built from the same template read alike but name different people, places and numbers (the
"same kind of event, different event" case). Each article samples a handful of the
template's sentences in their order, as outlets retelling one event do. Deterministic.
"""

from __future__ import annotations

import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

import sys

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from crosswire.models import Article  # noqa: E402

ECB = ROOT / "eval" / "data" / "ecbplus" / "docs.jsonl"
_CAP = re.compile(r"\b[A-Z][a-z]{2,}\b")
_NUM = re.compile(r"\b\d+(?:\.\d+)?\b")
_SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vo", "quen", "dar", "sel", "bri", "tor", "nu",
              "zan", "pel", "gro", "fi", "mar", "eth", "os", "wyn", "ul", "cha", "dre", "ix"]
_COMMON_CAPS = {"The", "This", "That", "But", "And", "For", "His", "Her", "They", "When", "After",
                "While", "With", "Its", "Our", "There", "Their", "She", "Police", "Monday",
                "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}


def _templates() -> list[list[str]]:
    by_story: dict[str, list[str]] = {}
    with open(ECB, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            by_story.setdefault(d["subtopic"], []).extend(s for s in d["sentences"] if len(s) > 40)
    return [by_story[k] for k in sorted(by_story)]


def _name(rng: random.Random, syllables: tuple[int, int] = (2, 3)) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(*syllables))).capitalize()


STREAM_STORIES_PER_DAY = 20  # distinct new stories a day in the stream variant


def synthetic_corpus(n: int, seed: int = 0, per_story: tuple[int, int] = (3, 15),
                     stream: bool = False) -> list[Article]:
    """``n`` articles in stories of ``per_story`` articles, dated over a few years, in random order.

    ``stream=True`` makes it read as a feed does, for measuring a store as it grows: the stories
    begin at ``STREAM_STORIES_PER_DAY`` a day (so the span grows with ``n``, where the default
    puts every size into the same ~4 years, ever more stories a day), the articles come in the
    order they were published (shuffled within a day), and names are drawn from a space large
    enough that two unrelated stories rarely share one (with 2-3 of 24 syllables, ~14k names,
    100k articles gave each name some twenty unrelated stories: an index key's postings filled
    with unrelated stories only because the store was large)."""
    rng = random.Random(seed)
    templates = _templates()
    articles: list[Article] = []
    story = 0
    start = date(2020, 1, 1)
    syllables = (3, 4) if stream else (2, 3)
    while len(articles) < n:
        sentences = templates[story % len(templates)]
        names: dict[str, str] = {}
        numbers: dict[str, str] = {}

        def rename(m: re.Match) -> str:
            w = m.group()
            if w in _COMMON_CAPS:
                return w
            return names.setdefault(w, _name(rng, syllables))

        def renumber(m: re.Match) -> str:
            return numbers.setdefault(m.group(), str(rng.randint(2, 999)))

        # A story's own pool of facts: its articles retell overlapping parts of it.
        pool = sorted(rng.sample(range(len(sentences)), min(len(sentences), rng.randint(8, 14))))
        day = start + timedelta(days=story // STREAM_STORIES_PER_DAY if stream else rng.randint(0, 1500))
        size = rng.randint(*per_story)
        for k in range(min(size, n - len(articles))):
            picked = sorted(rng.sample(pool, min(len(pool), rng.randint(4, 8))))
            text = " ".join(_NUM.sub(renumber, _CAP.sub(rename, sentences[i])) for i in picked)
            published = (day + timedelta(days=rng.randint(0, 3))).isoformat()
            aid = f"syn{story:06d}-{k:03d}"
            articles.append(Article(id=aid, source=aid, text=text, published=published))
        story += 1
    rng.shuffle(articles)
    if stream:  # in publication order (the sort is stable: shuffled within a day)
        articles.sort(key=lambda a: a.published)
    return articles


def gold_labels(articles: list[Article]) -> dict[str, str]:
    """The story each synthetic article was generated for."""
    return {a.id: a.id.split("-")[0] for a in articles}
