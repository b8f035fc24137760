"""The dossier as Markdown: for a terminal, a ticket or a pull request.

Every string from an article is escaped so that it cannot open a link, an image, raw HTML or
a table cell of its own when the Markdown is rendered.
"""

from __future__ import annotations

import re

from ..models import Analysis, Dossier
from .exports import claim_matrix, oppositions
from .numbering import (
    COL_CLAIM,
    COL_CONTRADICTED,
    COL_INDEPENDENT,
    COL_STATUS,
    CONTRADICTS,
    INDEPENDENT_NOTE,
    LEGEND,
    MARKS,
    article_refs,
    discrepancy_labels,
)

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md_escape(text: str | None) -> str:
    """Escape Markdown and HTML metacharacters; fold newlines so a cell stays one cell."""
    if not text:
        return ""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def render_markdown(dossier: Dossier, *, prefix: str = "") -> str:
    """One dossier; ``prefix`` keeps its anchors apart from other stories' in one document."""
    refs = article_refs(dossier)
    ordered = list(refs.values())
    labels = {aid: r.label for aid, r in refs.items()}
    disc_labels = discrepancy_labels(dossier)
    story = dossier.story
    out: list[str] = [f"# {md_escape(story.title) or 'Untitled story'}", ""]
    span = " – ".join(d for d in (story.first_published, story.last_published) if d)
    facts = [plural(len(dossier.articles), "article"), plural(len(dossier.claims), "claim"),
             plural(len(dossier.discrepancies), "discrepancy", "discrepancies")]
    if span:
        facts.append(span)
    out += [" · ".join(facts), ""]

    def cite(ids: list[str]) -> str:
        ordered_ids = sorted(dict.fromkeys(ids), key=lambda i: (refs[i].n if i in refs else len(refs) + 1, i))
        return "".join(labels.get(i, f"[{md_escape(i)}]") for i in ordered_ids)  # an outside source by name

    def disc_link(disc_id: str) -> str:
        label = disc_labels[disc_id]
        return f"[{label}](#{prefix}{label.lower()})"

    if dossier.summary:
        out += ["## Summary", ""]
        out += [f"- {md_escape(s.text)} {cite(s.citations)}" for s in dossier.summary]
        out.append("")

    out += ["## Articles", "", "| # | name | title | published | role | based on |", "|---|---|---|---|---|---|"]
    for r in ordered:
        a = r.article
        based = ", ".join(labels.get(b, md_escape(b)) for b in a.based_on)
        role = "origin" if a.id == story.origin and a.role == "origin" else a.role
        if a.id == story.origin and a.role != "origin":
            role += ", origin of the story"
        out.append(
            f"| {r.label} | {md_escape(r.name)} | {md_escape(a.title) or '—'} | "
            f"{a.published or '—'} | {role} | {based or '—'} |"
        )
    out.append("")

    if dossier.claims:
        matrix = claim_matrix(dossier)
        opposed = oppositions(dossier)
        out += ["## Claims", "", f"{md_escape(LEGEND)}. {md_escape(INDEPENDENT_NOTE)}.", "",
                f"| {COL_CLAIM} | " + " | ".join(r.label for r in ordered)
                + f" | {COL_INDEPENDENT} | {COL_STATUS} | {COL_CONTRADICTED} |",
                "|---|" + "---|" * len(ordered) + "---|---|---|"]
        for claim in dossier.claims:
            row = matrix[claim.id]
            cells = " | ".join(MARKS[row[r.article.id]] for r in ordered)
            against = [aid for aid in refs if row[aid] == CONTRADICTS]
            links = ", ".join(disc_link(o.discrepancy.id) for o in opposed[claim.id])
            contra = (cite(against) + (f" ({links})" if links else "")) if against else (links or "—")
            out.append(f"| {md_escape(claim.text)} | {cells} | {claim.independent_sources} | {claim.status} "
                       f"| {contra} |")
        out.append("")

    if dossier.discrepancies:
        out += ["## Discrepancies", ""]
        for d in dossier.discrepancies:
            label = disc_labels[d.id]
            out.append(f'<a id="{prefix}{label.lower()}"></a>')
            out.append(f"### {label} · {d.kind}: {md_escape(d.about)}")
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
    for r in ordered:
        a = r.article
        where = md_escape(a.url or a.source)
        out.append(f"{r.label} {md_escape(r.name)}: {md_escape(a.title) or '—'} ({where})")
    out.append("")
    return "\n".join(out)


def plural(n: int, one: str, many: str | None = None) -> str:
    """"1 article", "2 articles"."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def render_analysis_markdown(analysis: Analysis) -> str:
    parts = [render_markdown(d, prefix=f"s{i}-" if len(analysis.stories) > 1 else "")
             for i, d in enumerate(analysis.stories, start=1)]
    if analysis.rejected:
        lines = ["# Rejected inputs", ""]
        lines += [f"- `{md_escape(r.source)}`: {md_escape(r.error)}" for r in analysis.rejected]
        parts.append("\n".join(lines) + "\n")
    return "\n---\n\n".join(parts) if parts else "No stories.\n"
