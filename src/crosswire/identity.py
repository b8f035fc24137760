"""What makes an article one article: one input from one source.

Two outlets running the same wire copy are two articles, not one: a cross-checker has to show
that syndication (they are joined by a ``copies`` edge of score 1.0), so an article's id derives
from its content *and* where it came from. The same input given twice (a re-run, a file named
twice, one page saved under two names) has the same id and is stored once.

Where an article came from is its ``source`` as given, resolved to the real path when it names
a local file (so ``news/a.txt`` and ``/home/me/news/a.txt`` are one input), with its URL and
outlet: records of one feed, JSONL file or WARC archive share the container's ``source`` and are
told apart by the URL or outlet each names. The URL does not replace the source: syndicated
pages often declare the original's URL as canonical, and two outlets' files must not become one
article for it. One page saved under two file names is then two articles, joined by a
``copies`` edge: a duplicate the dossier shows, where the other way an input would vanish.

The content is folded as the old content id folded it (Unicode form, case, spacing), so an
edit of spacing is not a new article. Ids are 16 hex digits of SHA-256: stable across runs,
processes and machines for the same input.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from dataclasses import replace

from .models import Article
from .published import split_published


def _folded(text: str) -> str:
    norm = unicodedata.normalize("NFKC", text).lower()
    return " ".join(norm.split())


def content_hash(text: str) -> str:
    """The id articles had before the source was part of it (the content alone), kept so a
    store written then still recognises its articles."""
    return hashlib.sha256(_folded(text).encode("utf-8")).hexdigest()[:16]


def origin_key(article: Article) -> str:
    """Where an article came from: its resolved source, and the URL and outlet it names."""
    return "\x1f".join((_location(article.source), (article.url or "").strip(), article.outlet or ""))


def _location(source: str) -> str:
    if not source or source == "-":
        return source or ""
    try:
        if os.path.exists(source):
            return os.path.realpath(source)
    except (OSError, ValueError):  # an odd name (NUL byte, too long) is kept as given
        pass
    return source


def article_id(article: Article) -> str:
    """The article's id: its origin and its folded content, hashed."""
    key = origin_key(article) + "\x1e" + _folded(article.text)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def identify(article: Article) -> Article:
    """The cleaned article with its id and its dates in the contract's form (a date, plus the
    date-time apart when the input gave a time of day)."""
    published, published_at = split_published(article.published)
    updated, _ = split_published(article.updated)
    article = replace(article, published=published, updated=updated,
                      published_at=article.published_at or published_at)
    return replace(article, id=article_id(article))
