"""Rebuild an Extraction from the plain dict the store keeps (``dataclasses.asdict`` of it)."""

from __future__ import annotations

from typing import Any

from ..models import (
    AttributionMention,
    DateMention,
    EntityMention,
    EventMention,
    Extraction,
    QuantityMention,
    QuoteMention,
)


def _quantity(data: dict[str, Any]) -> QuantityMention:
    data = dict(data)
    data["alternatives"] = [_quantity(a) for a in data.get("alternatives", [])]
    return QuantityMention(**data)


def extraction_from_dict(data: dict[str, Any]) -> Extraction:
    return Extraction(
        id=data["id"],
        quantities=[_quantity(q) for q in data.get("quantities", [])],
        dates=[DateMention(**d) for d in data.get("dates", [])],
        entities=[EntityMention(**e) for e in data.get("entities", [])],
        quotes=[QuoteMention(**q) for q in data.get("quotes", [])],
        attributions=[AttributionMention(**a) for a in data.get("attributions", [])],
        events=[EventMention(**e) for e in data.get("events", [])],
        sentences=[tuple(s) for s in data.get("sentences", [])],
        error=data.get("error"),
    )
