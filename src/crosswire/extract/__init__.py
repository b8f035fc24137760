"""Claim extraction: quantities, dates, entities, quotes, attributions and events."""

from crosswire.extract.pipeline import Extractor, extract_records

__all__ = ["Extractor", "extract_records"]
