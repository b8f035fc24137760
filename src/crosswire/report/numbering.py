"""One numbering and one vocabulary for every report format (JSON, Markdown, HTML, CSV).

An article is ``[n]`` everywhere, numbered in reading order (:func:`ordered_articles`) and named
by :func:`crosswire.compare.naming.article_names` (outlet, else title, else file name). A
discrepancy is ``D<n>`` in the order the dossier lists it. Each report draws its labels, column
names and stance marks from here, so the Markdown's [2] is the HTML's [2] and the CSV's "[2] …".
"""

from __future__ import annotations

from dataclasses import dataclass

from crosswire.compare.naming import article_names
from crosswire.models import Article, Discrepancy, Dossier

SUPPORTED = "supported"
SILENT = "silent"
CONTRADICTS = "contradicts"

# Column names a reader sees, the same in Markdown and HTML (the CSV keeps the JSON field names).
COL_CLAIM = "claim"
COL_STATUS = "status"
COL_INDEPENDENT = "independent sources"
COL_CONTRADICTED = "contradicted by"

MARKS = {SUPPORTED: "\u25cf", CONTRADICTS: "\u2715", SILENT: "\u00b7"}
LEGEND = (f"{MARKS[SUPPORTED]} supports; {MARKS[CONTRADICTS]} contradicts (holds another side of a "
          f"discrepancy about it); {MARKS[SILENT]} silent (does not mention it)")
INDEPENDENT_NOTE = ("Independent sources: the origins left after collapsing articles that cite, copy "
                    "or rewrite one another or credit the same source")


@dataclass(frozen=True)
class Ref:
    """An article as every report shows it."""

    n: int
    article: Article
    name: str

    @property
    def label(self) -> str:
        return f"[{self.n}]"


def ordered_articles(dossier: Dossier) -> list[Article]:
    """Articles in reading order: by publication date (undated last), then by id."""
    return sorted(dossier.articles, key=lambda a: (a.published is None, a.published or "", a.id))


def article_refs(dossier: Dossier) -> dict[str, Ref]:
    """Every article's number and name, keyed by id, in reading order."""
    names = article_names(dossier.articles)
    return {a.id: Ref(i, a, names[a.id]) for i, a in enumerate(ordered_articles(dossier), start=1)}


def discrepancy_labels(dossier: Dossier) -> dict[str, str]:
    """``D1``, ``D2``, … by the dossier's own order of its discrepancies."""
    return {d.id: f"D{i}" for i, d in enumerate(dossier.discrepancies, start=1)}


@dataclass(frozen=True)
class Opposition:
    """One discrepancy a claim sits on one side of, with the other sides."""

    discrepancy: Discrepancy
    side: int  # index of the claim's own position
    others: tuple[int, ...]  # indexes of the opposing positions

    def opposing_articles(self, supporters: set[str]) -> list[str]:
        """Articles on another side only: an article that supports the claim, or that the
        discrepancy places on the claim's side too, does not contradict it."""
        own = set(self.discrepancy.positions[self.side].articles) if self.side >= 0 else set()
        out = [a for i in self.others for a in self.discrepancy.positions[i].articles
               if a not in supporters and a not in own]
        return list(dict.fromkeys(out))
