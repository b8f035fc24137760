"""The one place that turns the data model into the contract's JSON (and back, for the store).

Field names and shapes follow ``shared/contract/dossier.md``; ``schema/dossier.schema.json``
is the same contract as a JSON Schema, and :func:`validate_analysis` checks a document
against it. Dates leave here as the contract's ISO dates whatever a producer put in the model
(a time of day goes to the added ``published_at``).

Self-check: with ``CROSSWIRE_CHECK_SCHEMA`` set in the environment, every analysis, dossier,
article and story listing made here is validated against the schema as it is made; a document
that breaks it raises ``jsonschema.ValidationError`` and, when the variable names a file, the
failure is also appended to that file (one JSON line), so a caller that swallows the error
still leaves a trace. The test suite sets it for every test (``tests/conftest.py``), so any
output of any test, in process or in a ``crosswire`` subprocess, is held to the contract.
"""

from __future__ import annotations

import functools
import json
import os
from dataclasses import asdict
from importlib import resources
from typing import Any

from ..models import (
    Analysis,
    Article,
    Claim,
    Discrepancy,
    Dossier,
    Entity,
    EntityRole,
    Extraction,
    LineageEdge,
    Position,
    Quantity,
    Quote,
    Rejection,
    Story,
    SummarySentence,
    Support,
    TimelineEntry,
)
from ..published import split_published

ANALYSIS_SCHEMA = "crosswire/analysis@1"
DOSSIER_SCHEMA = "crosswire/dossier@1"

ARTICLE_FIELDS = (
    "id", "source", "outlet", "title", "authors", "published", "url", "language", "role",
    "based_on", "text",
)
# Added to the contract's ARTICLE (the contract allows added fields): the publication date-time
# when the input gave a time of day, else null.
ADDED_ARTICLE_FIELDS = ("published_at",)

CHECK_ENV = "CROSSWIRE_CHECK_SCHEMA"


def _date(value: str | None) -> str | None:
    """The contract's ISO date for whatever date or date-time a model field holds."""
    return split_published(value)[0]


def _article_dict(article: Article) -> dict[str, Any]:
    document = {name: getattr(article, name) for name in ARTICLE_FIELDS}
    published, published_at = split_published(article.published)
    document["published"] = published
    document["published_at"] = article.published_at or published_at
    return document


def article_to_dict(article: Article) -> dict[str, Any]:
    """The ARTICLE of the contract (as ``GET /api/articles/{id}`` answers and the store keeps)."""
    return _checked(_article_dict(article), "article")


def story_to_dict(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.title,
        "origin": story.origin,
        "first_published": _date(story.first_published),
        "last_published": _date(story.last_published),
    }


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "kind": claim.kind,
        "text": claim.text,
        "quantity": asdict(claim.quantity) if claim.quantity else None,
        "date": claim.date,
        "support": [asdict(s) for s in claim.support],
        "outlets": claim.outlets,
        "independent_sources": claim.independent_sources,
        "status": claim.status,
    }


def edge_to_dict(edge: LineageEdge) -> dict[str, Any]:
    return {
        "from": edge.source,
        "to": edge.target,
        "kind": edge.kind,
        "score": edge.score,
        "evidence": edge.evidence,
    }


def dossier_to_dict(dossier: Dossier) -> dict[str, Any]:
    """The DOSSIER of the contract."""
    return _checked(_dossier_dict(dossier), "dossier")


def _dossier_dict(dossier: Dossier) -> dict[str, Any]:
    from .numbering import ordered_articles  # here: crosswire.compare imports this module

    return {
        "schema": DOSSIER_SCHEMA,
        "story": story_to_dict(dossier.story),
        # In reading order, so that articles[n - 1] is the article every other format calls [n].
        "articles": [_article_dict(a) for a in ordered_articles(dossier)],
        "claims": [claim_to_dict(c) for c in dossier.claims],
        "discrepancies": [asdict(d) for d in dossier.discrepancies],
        "timeline": [asdict(t) for t in dossier.timeline],
        "entities": [asdict(e) for e in dossier.entities],
        "quotes": [asdict(q) for q in dossier.quotes],
        "lineage": [edge_to_dict(e) for e in dossier.lineage],
        "summary": [asdict(s) for s in dossier.summary],
    }


def analysis_to_dict(analysis: Analysis) -> dict[str, Any]:
    """The document of ``crosswire analyze --json`` and ``POST /api/analyze``."""
    return _checked({
        "schema": ANALYSIS_SCHEMA,
        "stories": [_dossier_dict(d) for d in analysis.stories],
        "rejected": [asdict(r) for r in analysis.rejected],
    }, "analysis")


def dumps(document: dict[str, Any], *, indent: int | None = 2) -> str:
    return json.dumps(document, ensure_ascii=False, indent=indent)


# --------------------------------------------------------------------------- extraction output

_MENTION_DROP = {"sentence", "alternatives", "upper"}


def extraction_to_dict(extraction: Extraction) -> dict[str, Any]:
    """One line of ``crosswire extract`` output, as the contract's EXTRACTION section says."""
    if extraction.error:
        return {"id": extraction.id, "error": extraction.error}

    def items(mentions, extra=()):
        out = []
        for mention in mentions:
            item = asdict(mention)
            for key in _MENTION_DROP - set(extra):
                item.pop(key, None)
            out.append(item)
        return out

    quantities = items(extraction.quantities, extra=("alternatives", "upper"))
    for item in quantities:
        for alt in item.get("alternatives", []):
            for key in _MENTION_DROP - {"upper"}:  # a range's conversion is a range too
                alt.pop(key, None)
    return {
        "id": extraction.id,
        "quantities": quantities,
        "dates": items(extraction.dates),
        "entities": items(extraction.entities),
        "quotes": items(extraction.quotes),
        "attributions": items(extraction.attributions, extra=("sentence",)),
        "events": items(extraction.events),
    }


# --------------------------------------------------------------------------- back from JSON


def dossier_from_dict(data: dict[str, Any]) -> Dossier:
    """Rebuild a Dossier from its contract JSON (the store keeps dossiers this way)."""
    story = data["story"]
    articles = [article_from_dict(a) for a in data["articles"]]
    return Dossier(
        story=Story(
            id=story["id"],
            article_ids=[a.id for a in articles],
            title=story.get("title"),
            origin=story.get("origin"),
            first_published=story.get("first_published"),
            last_published=story.get("last_published"),
        ),
        articles=articles,
        claims=[
            Claim(
                id=c["id"],
                kind=c["kind"],
                text=c["text"],
                quantity=Quantity(**c["quantity"]) if c.get("quantity") else None,
                date=c.get("date"),
                support=[Support(**s) for s in c["support"]],
                independent_sources=c["independent_sources"],
                status=c["status"],
            )
            for c in data["claims"]
        ],
        discrepancies=[
            Discrepancy(
                id=d["id"],
                kind=d["kind"],
                about=d["about"],
                positions=[Position(**p) for p in d["positions"]],
                note=d.get("note", ""),
            )
            for d in data["discrepancies"]
        ],
        timeline=[TimelineEntry(**t) for t in data["timeline"]],
        entities=[
            Entity(
                name=e["name"],
                type=e["type"],
                aliases=e.get("aliases", []),
                roles=[EntityRole(**r) for r in e.get("roles", [])],
            )
            for e in data["entities"]
        ],
        quotes=[Quote(**q) for q in data["quotes"]],
        lineage=[
            LineageEdge(source=e["from"], target=e["to"], kind=e["kind"], score=e["score"], evidence=e["evidence"])
            for e in data["lineage"]
        ],
        summary=[SummarySentence(**s) for s in data["summary"]],
    )


def article_from_dict(data: dict[str, Any]) -> Article:
    article = Article(**{k: data.get(k) for k in ARTICLE_FIELDS + ADDED_ARTICLE_FIELDS})
    article.authors = article.authors or []
    article.based_on = article.based_on or []
    # A store written before dates were split may hold a date-time in ``published``.
    published, published_at = split_published(article.published)
    article.published, article.published_at = published, article.published_at or published_at
    article.updated = data.get("updated")
    article.paragraphs = article.text.split("\n\n") if article.text else []
    return article


def rejection_from_dict(data: dict[str, Any]) -> Rejection:
    return Rejection(source=data["source"], error=data["error"])


# --------------------------------------------------------------------------- validation


@functools.lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    text = resources.files("crosswire.schema").joinpath("dossier.schema.json").read_text("utf-8")
    return json.loads(text)


@functools.lru_cache(maxsize=None)
def _validator(definition: str):
    """A validator for the whole document (``analysis``) or one of the schema's ``$defs``,
    built once: ``jsonschema.validate`` re-checks the schema itself on every call."""
    import jsonschema

    schema = load_schema()
    if definition != "analysis":
        schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"}
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def _validate(document: dict[str, Any], definition: str) -> None:
    import jsonschema

    error = jsonschema.exceptions.best_match(_validator(definition).iter_errors(document))
    if error is not None:
        raise error


def validate_analysis(document: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``document`` follows the contract."""
    _validate(document, "analysis")


def validate_dossier(document: dict[str, Any]) -> None:
    _validate(document, "dossier")


def validate_article(document: dict[str, Any]) -> None:
    _validate(document, "article")


def validate_story_listing(document: dict[str, Any]) -> None:
    _validate(document, "story_listing")


def _checked(document: dict[str, Any], definition: str) -> dict[str, Any]:
    """``document``, validated first when ``CROSSWIRE_CHECK_SCHEMA`` asks for it (see above)."""
    target = os.environ.get(CHECK_ENV)
    if not target:
        return document
    import jsonschema

    try:
        _validate(document, definition)
    except jsonschema.ValidationError as exc:
        if target not in ("1", "true", "yes"):
            where = "/".join(str(p) for p in exc.absolute_path)
            with open(target, "a", encoding="utf-8") as log:
                log.write(json.dumps({"definition": definition, "path": where, "error": exc.message[:500]}) + "\n")
        raise
    return document


def stories_to_dict(stories: list[Story]) -> dict[str, Any]:
    """The listing of ``GET /api/stories`` and ``crosswire stories --json``."""
    return _checked({
        "stories": [
            {
                "id": s.id,
                "title": s.title,
                "articles": list(s.article_ids),
                "first_published": _date(s.first_published),
                "last_published": _date(s.last_published),
            }
            for s in stories
        ]
    }, "story_listing")


def search_to_dict(query: str, hits: list) -> dict[str, Any]:
    """The answer of ``GET /api/search`` and ``crosswire search --json``: the hits, best first."""
    return {"query": query, "hits": [asdict(h) for h in hits]}
