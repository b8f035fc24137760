"""How a reader is told which article says what: by outlet, else title, else file name.

Internal ids are for machines; every human-facing string (summary, discrepancy notes, Markdown,
HTML, CSV headers) names articles through :func:`article_names`.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlparse

from crosswire.models import Article

_HEX_ID = re.compile(r"^[0-9a-f]{12,}$")


def _clip(text: str, n: int) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "\u2026"


def _file_name(source: str | None) -> str | None:
    if not source or source == "-":
        return None
    path = urlparse(source).path if "://" in source else source
    base = os.path.basename(path.rstrip("/\\")) or None
    if base and _HEX_ID.match(os.path.splitext(base)[0]):
        return None
    return base


def article_name(article: Article) -> str:
    """One article's name for a reader."""
    if article.outlet:
        return article.outlet
    if article.title and article.title.strip():
        return "\u201c" + _clip(article.title, 60) + "\u201d"
    base = _file_name(article.source)
    if base:
        return base
    if article.url:
        host = urlparse(article.url).hostname
        if host:
            return host.removeprefix("www.")
    return "an untitled article"


def article_names(articles: list[Article]) -> dict[str, str]:
    """Every article's name, unique within the story (two Reuters pieces are told apart)."""
    names = {a.id: article_name(a) for a in articles}
    taken = list(names.values())
    for a in articles:
        if taken.count(names[a.id]) > 1 and a.outlet and a.title and a.title.strip():
            names[a.id] = f"{a.outlet} (\u201c{_clip(a.title, 40)}\u201d)"
    used: dict[str, int] = {}
    for a in articles:
        n = names[a.id]
        used[n] = used.get(n, 0) + 1
        if used[n] > 1:
            names[a.id] = f"{n} #{used[n]}"
    return names


def name_list(ids: list[str], names: dict[str, str], limit: int = 4) -> str:
    """"A, B and C" / "A, B, C, D and 3 others"."""
    labels = list(dict.fromkeys(names.get(i, "an article") for i in ids))
    if len(labels) > limit:
        rest = len(labels) - limit
        return ", ".join(labels[:limit]) + f" and {rest} other{'s' if rest > 1 else ''}"
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]
