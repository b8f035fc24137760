"""Independence: how many independent origins stand behind a claim.

Articles linked by a lineage edge (cites, copies, rewrites) are one origin, and so are articles
that credit the same outside source ("the FT" and "Financial Times" are one) or an article and
the outlet it credits. Union-find over article ids and ``src:`` source keys does the collapsing.
"""

from __future__ import annotations

from crosswire.compare.align import source_key
from crosswire.models import Article, Claim, LineageEdge


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


def _src(name: str) -> str | None:
    key = source_key(name)
    return f"src:{key}" if key else None


class Independence:
    """Story-wide lineage links, queried per claim with that claim's attributions."""

    def __init__(self, articles: list[Article], edges: list[LineageEdge]):
        self.ids = {a.id for a in articles}
        self.base = UnionFind()
        for a in articles:
            self.base.find(a.id)
            if a.outlet and _src(a.outlet):
                self.base.union(a.id, _src(a.outlet))  # crediting the FT is crediting its article
            for b in a.based_on:
                self._link(a.id, b)
        for e in edges:
            self._link(e.source, e.target)

    def _node(self, ref: str) -> str | None:
        return ref if ref in self.ids else _src(ref)

    def _link(self, a: str, b: str) -> None:
        na, nb = self._node(a), self._node(b)
        if na and nb:
            self.base.union(na, nb)

    def count(self, claim: Claim) -> int:
        """Independent origins among the claim's supporting articles."""
        uf = UnionFind()
        uf.parent = dict(self.base.parent)
        for s in claim.support:
            src = _src(s.attributed_to) if s.attributed_to else None
            if src:
                uf.union(s.article, src)
        return len({uf.find(s.article) for s in claim.support})

    def same_origin(self, a: str, b: str) -> bool:
        return self.base.find(a) == self.base.find(b)


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
