"""The comparison stage's entry point: one story's articles and extractions to a Dossier."""

from __future__ import annotations

from crosswire.compare.align import align
from crosswire.compare.discrepancies import find_discrepancies
from crosswire.compare.entities import merge_entities, merge_quotes
from crosswire.compare.independence import score_claims
from crosswire.compare.summary import summarize
from crosswire.compare.timeline import build_timeline
from crosswire.models import Article, Dossier, Extraction, LineageEdge, Story


def _rank(story: Story, articles: list[Article]) -> dict[str, int]:
    """Representative order: the origin, then earliest published, then id."""
    order = sorted(
        articles,
        key=lambda a: (a.id != story.origin, (a.published or "9999")[:10], a.id),
    )
    return {a.id: i for i, a in enumerate(order)}


def build_dossier(
    story: Story, articles: list[Article], extractions: dict[str, Extraction], edges: list[LineageEdge]
) -> Dossier:
    """Align claims, score independence, find discrepancies, and build timeline and summary."""
    wanted = set(story.article_ids)
    arts = [a for a in articles if a.id in wanted] if wanted else list(articles)
    ids = {a.id for a in arts}
    lineage = [e for e in edges if e.source in ids]
    rank = _rank(story, arts)
    groups = align(arts, extractions, rank)
    found = find_discrepancies(story, arts, groups, lineage)
    contested = set().union(*(f.claims for f in found)) if found else set()
    claims = [g.claim for g in groups if g.claim is not None]
    score_claims(claims, arts, lineage, contested)
    # most independently supported first, then the order the story tells them in
    groups.sort(key=lambda g: (-g.claim.independent_sources, -g.claim.outlets,
                               min(rank.get(u.article, 1 << 30) * 1000 + u.index for u in g.units), g.claim.id))
    discrepancies = [f.discrepancy for f in found]
    return Dossier(
        story=story,
        articles=arts,
        claims=[g.claim for g in groups],
        discrepancies=discrepancies,
        timeline=build_timeline(groups, arts),
        entities=merge_entities(arts, extractions),
        quotes=merge_quotes(groups),
        lineage=lineage,
        summary=summarize(arts, groups, discrepancies),
    )
