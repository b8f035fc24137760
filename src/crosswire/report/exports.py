"""Machine exports of a dossier: the claim x article matrix as CSV, and its claims as JSON-LD.

:func:`claim_matrix` is also what the HTML report draws, so the page and the CSV always agree
on which article supports, is silent on, or contradicts which claim.
"""

from __future__ import annotations

import csv
import io
import re

from crosswire.compare.facts import terms
from crosswire.compare.naming import article_names
from crosswire.models import Article, Claim, Discrepancy, Dossier
from crosswire.report.numbering import (
    CONTRADICTS,
    SILENT,
    SUPPORTED,
    Opposition,
    article_refs,
    ordered_articles,
)

__all__ = ["CONTRADICTS", "SILENT", "SUPPORTED", "claim_matrix", "oppositions", "ordered_articles",
           "render_csv", "render_jsonld", "safe_url"]

# Spreadsheet programs execute cells starting with these as formulas; claim texts come from
# hostile articles, so such cells get a leading apostrophe (the OWASP CSV-injection advice).
_FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}(?:-\d{2})?\b")


def safe_url(url: str | None) -> str | None:
    """An article's URL if it is plain http(s); a ``javascript:`` or ``data:`` URL is dropped."""
    if url and re.match(r"^https?://[^\s<>\"']+$", url.strip(), re.I):
        return url.strip()
    return None


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _numbers(text: str) -> set[float]:
    out = set()
    for m in _NUMBER.findall(text):
        try:
            out.add(float(m.replace(",", "")))
        except ValueError:
            continue
    return out


def _value_matches(value: str, claim: Claim) -> bool:
    """Whether a discrepancy position's value is what ``claim`` asserts.

    Word-bounded, so that a position "5%" does not match a claim about "3.5%".
    """
    val = _norm(value)
    if not val:
        return False
    text = _norm(claim.text)
    if re.search(r"(?<![\w.])" + re.escape(val) + r"(?![\w])", text):
        return True
    dates = _ISO_DATE.findall(val)
    if dates:
        # "dated 2025-07-20" is about the claim dated so, not any claim that names the year 2025.
        return bool(claim.date) and any(claim.date.startswith(d) for d in dates)
    nums = _numbers(val)
    if not nums:
        # A word value matches its inflections: position "cancel" is what "has cancelled" says.
        words = terms(value)
        return bool(words) and words <= terms(claim.text)
    claimed = _numbers(text)
    if claim.quantity is not None:
        claimed.add(float(claim.quantity.amount))
    return bool(nums & claimed)


def _aligned_positions(claim: Claim, disc: Discrepancy) -> list[int]:
    """Indexes of the positions of ``disc`` that ``claim`` states, judged by value and evidence."""
    evidence = {_norm(s.evidence) for s in claim.support}
    supporters = {s.article for s in claim.support}
    found = []
    for i, pos in enumerate(disc.positions):
        shares = bool(evidence & {_norm(e) for e in pos.evidence}) or bool(supporters & set(pos.articles))
        if shares and _value_matches(pos.value, claim):
            found.append(i)
    return found


def oppositions(dossier: Dossier) -> dict[str, list[Opposition]]:
    """For each claim id, the discrepancies it sits on one side of, with their other sides.

    A claim that matches several positions of a discrepancy is not about it.
    """
    out: dict[str, list[Opposition]] = {}
    for claim in dossier.claims:
        found = []
        for disc in dossier.discrepancies:
            aligned = _aligned_positions(claim, disc)
            if len(aligned) == 1:
                others = tuple(i for i in range(len(disc.positions)) if i != aligned[0])
                found.append(Opposition(disc, aligned[0], others))
        if not found and claim.status == "contested":
            # Contested, but its side cannot be told from the values: point at the discrepancies
            # its own sentences are quoted in, with every side (``side`` -1: nobody is marked
            # as contradicting it on that evidence alone).
            evidence = {_norm(s.evidence) for s in claim.support}
            found = [Opposition(d, -1, tuple(range(len(d.positions)))) for d in dossier.discrepancies
                     if any(evidence & {_norm(e) for e in p.evidence} for p in d.positions)]
        out[claim.id] = found
    return out


def claim_matrix(dossier: Dossier) -> dict[str, dict[str, str]]:
    """For each claim id, each article id's stance: ``supported``, ``silent`` or ``contradicts``.

    An article contradicts a claim when a discrepancy has the claim on one side and the article
    on another (:func:`oppositions`).
    """
    article_ids = [a.id for a in dossier.articles]
    opposed = oppositions(dossier)
    matrix: dict[str, dict[str, str]] = {}
    for claim in dossier.claims:
        supporters = {s.article for s in claim.support}
        row = {aid: SUPPORTED if aid in supporters else SILENT for aid in article_ids}
        for opp in opposed[claim.id]:
            if opp.side < 0:
                continue
            for aid in opp.opposing_articles(supporters):
                if aid in row:
                    row[aid] = CONTRADICTS
        matrix[claim.id] = row
    return matrix


def _cell(text: str | None) -> str:
    text = text or ""
    return "'" + text if text.startswith(_FORMULA_LEAD) else text


def render_csv(dossier: Dossier) -> str:
    """The claim matrix: one row per claim, one column per article (in reading order)."""
    refs = article_refs(dossier)
    articles = [r.article for r in refs.values()]
    matrix = claim_matrix(dossier)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    # The fixed columns keep the JSON field names; each article column is "[n] name", the label
    # the Markdown and HTML reports give that article.
    writer.writerow(["claim_id", "kind", "text", "status", "independent_sources",
                     *(_cell(f"{refs[a.id].label} {refs[a.id].name}") for a in articles)])
    for claim in dossier.claims:
        row = matrix[claim.id]
        writer.writerow([_cell(claim.id), claim.kind, _cell(claim.text), claim.status,
                         claim.independent_sources, *(row[a.id] for a in articles)])
    return buf.getvalue()


def _appearance(article: Article) -> dict:
    item: dict = {"@type": "NewsArticle", "identifier": article.id}
    if safe_url(article.url):
        item["url"] = safe_url(article.url)
    if article.title:
        item["headline"] = article.title
    if article.published:
        item["datePublished"] = article.published
    if article.outlet:
        item["publisher"] = {"@type": "Organization", "name": article.outlet}
    return item


def _description(claim: Claim, discs: list[Discrepancy], by_id: dict[str, Article]) -> str:
    """What the articles do with a claim, in counts and sides: never a verdict on it."""
    names = article_names(list(by_id.values()))
    told = (f"Stated by {claim.outlets} article{'s' if claim.outlets != 1 else ''} resting on "
            f"{claim.independent_sources} independent source{'s' if claim.independent_sources != 1 else ''}.")
    parts = [told]
    for disc in discs:
        sides = "; ".join(
            f"{p.value}: " + ", ".join(names.get(a, a) for a in p.articles)
            for p in disc.positions)
        parts.append(f"Articles disagree ({disc.about}): {sides}.")
    return " ".join(parts)


def render_jsonld(dossier: Dossier) -> dict:
    """The dossier's claims as plain schema.org ``Claim`` items: the claim's words, where it
    appeared (each article, the first one), and a description in counts and sides.

    Not ``ClaimReview``: crosswire reviews no claim, and an item with crosswire as author and
    "Corroborated" as a rating reads as a fact-check verdict to those who collect ClaimReview.
    """
    by_id = {a.id: a for a in dossier.articles}
    items = []
    for claim in dossier.claims:
        discs = [d for d in dossier.discrepancies if len(_aligned_positions(claim, d)) == 1]
        appearances = [_appearance(by_id[s.article]) for s in claim.support if s.article in by_id]
        dated = sorted((a for a in appearances if "datePublished" in a), key=lambda a: a["datePublished"])
        item: dict = {
            "@type": "Claim",
            "identifier": claim.id,
            "text": claim.text,
            "appearance": appearances,
            "description": _description(claim, discs, by_id),
            "about": {"@type": "Thing", "name": dossier.story.title or dossier.story.id,
                      "identifier": dossier.story.id},
        }
        if dated:
            item["firstAppearance"] = dated[0]
        items.append(item)
    return {"@context": "https://schema.org", "@graph": items}
