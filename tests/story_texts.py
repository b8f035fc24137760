"""Build the one dossier of a few short texts written for a test (the real pipeline runs on them)."""

from __future__ import annotations

import crosswire
from crosswire.models import RawDocument


def one_dossier(tmp_path, texts, published: str, titles=None):
    """Analyse ``texts`` (one article each, named outlet0.txt, outlet1.txt, ...) into a fresh
    store and return the single dossier they make."""
    raw = [RawDocument(source=f"outlet{i}.txt", content=t, published=published,
                       **({"title": titles[i]} if titles else {}))
           for i, t in enumerate(texts)]
    with crosswire.Store(tmp_path / "crosswire.db") as store:
        (d,) = store.analyze(raw).stories
    return d
