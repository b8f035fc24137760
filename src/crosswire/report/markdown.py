"""The dossier as Markdown: for a terminal, a ticket or a pull request.

Every string from an article is escaped so that it cannot open a link, an image, raw HTML or
a table cell of its own when the Markdown is rendered.
"""

from __future__ import annotations

import re

from ..compare.naming import article_names
from ..models import Analysis, Dossier

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md_escape(text: str | None) -> str:
    """Escape Markdown and HTML metacharacters; fold newlines so a cell stays one cell."""
    if not text:
        return ""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))




def _count(n: int, word: str) -> str:
    """``1 article``, ``2 articles``, ``1 discrepancy``, ``0 discrepancies``."""
    if n == 1:
        return f"{n} {word}"
    return f"{n} {word[:-1]}ies" if word.endswith("y") else f"{n} {word}s"


def render_markdown(dossier: Dossier) -> str:
    labels = {a.id: f"[{n}]" for n, a in enumerate(dossier.articles, start=1)}
    names = article_names(dossier.articles)
    story = dossier.story
    out: list[str] = [f"# {md_escape(story.title) or 'Untitled story'}", ""]
    span = " – ".join(d for d in (story.first_published, story.last_published) if d)
    facts = [_count(len(dossier.articles), "article"), _count(len(dossier.claims), "claim"),
             _count(len(dossier.discrepancies), "discrepancy")]
    if span:
        facts.append(span)
    out += [" · ".join(facts), ""]

    def cite(ids: list[str]) -> str:
        return "".join(labels.get(i, f"[{md_escape(i)}]") for i in ids)  # an outside source by name

    if dossier.summary:
        out += ["## Summary", ""]
        out += [f"- {md_escape(s.text)} {cite(s.citations)}" for s in dossier.summary]
        out.append("")

    out += ["## Articles", "", "| # | outlet | title | published | role | based on |", "|---|---|---|---|---|---|"]
    for a in dossier.articles:
        based = ", ".join(labels.get(b, md_escape(b)) for b in a.based_on)
        origin = " (origin)" if a.id == story.origin and a.role != "origin" else ""
        out.append(
            f"| {labels[a.id]} | {md_escape(a.outlet) or '—'} | {md_escape(a.title) or '—'} | "
            f"{a.published or '—'} | {a.role}{origin} | {based or '—'} |"
        )
    out.append("")

    if dossier.claims:
        out += ["## Claims", "",
                "| claim | " + " | ".join(labels[a.id] for a in dossier.articles) + " | sources | status |",
                "|---|" + "---|" * len(dossier.articles) + "---|---|"]
        for claim in dossier.claims:
            supporters = {s.article for s in claim.support}
            cells = " | ".join("●" if a.id in supporters else "·" for a in dossier.articles)
            out.append(f"| {md_escape(claim.text)} | {cells} | {claim.independent_sources} | {claim.status} |")
        out.append("")

    if dossier.discrepancies:
        out += ["## Discrepancies", ""]
        for d in dossier.discrepancies:
            out.append(f"### {d.kind}: {md_escape(d.about)}")
            if d.note:
                out.append(f"_{md_escape(d.note)}_")
            out.append("")
            for p in d.positions:
                out.append(f"- **{md_escape(p.value)}** {cite(p.articles)}")
                out += [f"  > {md_escape(e)}" for e in p.evidence[:3]]
            out.append("")

    if dossier.timeline:
        out += ["## Timeline", ""]
        out += [f"- **{t.date}** {md_escape(t.text)} {cite(t.articles)}" for t in dossier.timeline]
        out.append("")

    if dossier.entities:
        out += ["## People and organisations", ""]
        for e in dossier.entities:
            roles = "; ".join(f"{md_escape(r.role)} {cite(r.articles)}" for r in e.roles)
            out.append(f"- **{md_escape(e.name)}** ({e.type})" + (f": {roles}" if roles else ""))
        out.append("")

    if dossier.quotes:
        out += ["## Quotes", ""]
        for q in dossier.quotes:
            out.append(f"- “{md_escape(q.text)}” — {md_escape(q.speaker) or 'unknown'} {cite(q.articles)}")
        out.append("")

    if dossier.lineage:
        out += ["## Lineage", ""]
        for edge in dossier.lineage:
            score = f" ({edge.score:.0%})" if edge.score is not None else ""
            out.append(
                f"- {labels.get(edge.source, md_escape(edge.source))} **{edge.kind}** "
                f"{labels.get(edge.target, md_escape(edge.target))}{score}: “{md_escape(edge.evidence)}”"
            )
        out.append("")

    out += ["## Sources", ""]
    for a in dossier.articles:
        where = md_escape(a.url or a.source)
        out.append(f"{labels[a.id]} {md_escape(names[a.id])}: {md_escape(a.title) or '—'} ({where})")
    out.append("")
    return "\n".join(out)


def render_analysis_markdown(analysis: Analysis) -> str:
    parts = [render_markdown(d) for d in analysis.stories]
    if analysis.rejected:
        lines = ["# Rejected inputs", ""]
        lines += [f"- `{md_escape(r.source)}`: {md_escape(r.error)}" for r in analysis.rejected]
        parts.append("\n".join(lines) + "\n")
    return "\n---\n\n".join(parts) if parts else "No stories.\n"
