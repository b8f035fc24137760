"""Independence: how many independent origins stand behind a claim.

A wire service (AFP, AP, Reuters…) or an outlet's own reporting is one origin. Among a claim's
supporting articles, those that copy, rewrite or cite one another collapse into one origin, and
so do those that credit the same source for this claim (or credit it as their whole basis: an
article based on AFP copy), and an article with the outlet another one credits. Collapsing
follows only the edges among the claim's own supporters, never transitively through the story:
two wires stating the same fact are two origins, even when a third article cites both.
"""

from __future__ import annotations

import re

from crosswire.compare.facts import source_key
from crosswire.models import Article, Claim, LineageEdge
from crosswire.outlets import outlet_key


class UnionFind:
    """Disjoint sets over strings, with path halving."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller name wins so the result does not depend on the order of unions
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


def _src(name: str | None) -> str | None:
    key = source_key(name)
    return f"src:{key}" if key else None


_PAPER_WORDS = re.compile(
    r"\b(?:gazette|times|post|herald|tribune|journal|news|courier|chronicle|telegraph|observer|"
    r"guardian|express|mirror|ledger|bulletin|wire|press|agency|broadcasting|television|radio)\b", re.IGNORECASE)


def _news_organisation(name: str) -> bool:
    """A known outlet, or a capitalised name that calls itself a paper or a wire ("the
    Riverside Gazette"): crediting it in the opening line makes the article its copy."""
    if outlet_key(name, credited=True) is not None:
        return True
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", name) if w.lower() != "the"]
    return len(words) >= 2 and all(w[:1].isupper() for w in words) and bool(_PAPER_WORDS.search(name))


class Independence:
    """The story's lineage, queried per claim over that claim's supporters only."""

    def __init__(self, articles: list[Article], edges: list[LineageEdge]):
        self.ids = {a.id for a in articles}
        self.outlet = {a.id: _src(a.outlet) for a in articles}
        # article -> articles of the story it copies, rewrites or cites
        self.links: dict[str, set[str]] = {a.id: set() for a in articles}
        # article -> outside sources it is based on as a whole (wire copy: "(AFP)", "Reuters reported")
        self.basis: dict[str, set[str]] = {a.id: set() for a in articles}
        by_outlet: dict[str, list[str]] = {}
        for a in articles:
            if self.outlet[a.id]:
                by_outlet.setdefault(self.outlet[a.id], []).append(a.id)
        texts = {a.id: a.text or "" for a in articles}
        for a in articles:
            for b in a.based_on:
                if b in self.ids:
                    self._add(a.id, b, by_outlet)
            for name in a.authors:  # a byline that is a wire: the whole article is its copy
                if _news_organisation(name):
                    self.basis[a.id].add(_src(name))
        for e in edges:
            if e.source not in self.ids:
                continue
            self._add(e.source, e.target, by_outlet)
            if e.target not in self.ids and _news_organisation(e.target):
                # credited in the dateline or the closing line ("(AFP) -", "Reporting by Reuters"):
                # the article is that organisation's copy; a credit for one line inside the text
                # is the claim's business, read from that claim's own sentence
                text = texts.get(e.source, "")
                at = text.find(e.evidence[:80]) if e.evidence else -1
                if e.kind in ("copies", "rewrites") or (at >= 0 and (at < 300 or at > len(text) - 250)):
                    self.basis[e.source].add(_src(e.target))

    def _add(self, a: str, ref: str, by_outlet: dict[str, list[str]]) -> None:
        if ref in self.ids:
            if ref != a:
                self.links[a].add(ref)
            return
        for b in by_outlet.get(_src(ref) or "", ()):  # crediting the FT is crediting the FT's article
            if b != a:
                self.links[a].add(b)

    def origins(self, claim: Claim) -> list[set[str]]:
        """The claim's supporters grouped by origin."""
        arts = list(dict.fromkeys(s.article for s in claim.support))
        uf = UnionFind()
        mine = set(arts)
        for s in claim.support:
            uf.find(s.article)
            credited = _src(s.attributed_to) if s.attributed_to else None
            if credited:
                uf.union(s.article, credited)
            for src in self.basis.get(s.article, ()) - {None}:
                uf.union(s.article, src)
            own = self.outlet.get(s.article)
            if own:
                uf.union(s.article, own)  # a wire's own article and those crediting the wire
        for a in arts:
            for b in self.links.get(a, ()):
                if b in mine:
                    uf.union(a, b)
        groups: dict[str, set[str]] = {}
        for a in arts:
            groups.setdefault(uf.find(a), set()).add(a)
        return list(groups.values())

    def count(self, claim: Claim) -> int:
        """Independent origins among the claim's supporting articles."""
        return len(self.origins(claim))


def score_claims(claims: list[Claim], articles: list[Article], edges: list[LineageEdge], contested: set[str]) -> None:
    """Set ``independent_sources`` and ``status`` on every claim, in place."""
    ind = Independence(articles, edges)
    for c in claims:
        c.independent_sources = ind.count(c)
        if c.id in contested:
            c.status = "contested"
        elif c.independent_sources >= 2:
            c.status = "corroborated"
        else:
            c.status = "single-source"
