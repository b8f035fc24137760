"""Attributions: each way an article credits a source, and hedges that credit nobody."""

from __future__ import annotations

import pytest

from crosswire.extract.attributions import UNATTRIBUTED, extract_attributions
from crosswire.extract.entities import extract_entities
from crosswire.nlp import load_nlp


def _sources(nlp, text):
    doc = nlp(text)
    return [a.source for a in extract_attributions(text, doc, extract_entities(doc))]


@pytest.mark.parametrize("text,expected", [
    ("The port will close, according to the Financial Times.", ["Financial Times"]),
    ("The port will close, according to reports by the Financial Times and Nikkei.",
     ["Financial Times", "Nikkei"]),
    ("The closure, reported by the Wall Street Journal and other major outlets, surprised traders.",
     ["Wall Street Journal"]),
    ("The closure was first reported by the FT on Monday.", ["Financial Times"]),
    ("Bloomberg cited sources saying the port would close.", ["Bloomberg"]),
    ("The port will close, according to three people familiar with the matter.",
     ["three people familiar with the matter"]),
    ("Sources familiar with the matter said the port would close.",
     ["sources familiar with the matter"]),
    ("A U.S. official confirmed the port would close.", ["a U.S. official"]),
    ("One senior Korean official said the port would close.", ["one senior Korean official"]),
    ("The New York Times reported that the port would close.", ["New York Times"]),
    ("The FT also reported that the port would close.", ["Financial Times"]),
    ("Costs could rise further, as noted by trade expert Lena Fischer.", ["Lena Fischer"]),
])
def test_extract_attributions_credits_each_source(nlp, text, expected):
    assert _sources(nlp, text) == expected


def test_extract_attributions_told_outlet_credits_outlet_and_speaker(nlp):
    sources = _sources(nlp, "A port official told Reuters the closure was temporary.")
    assert "Reuters" in sources and "a port official" in sources


@pytest.mark.parametrize("text", [
    "The minister reportedly ordered the port closed.",
    "The minister is said to have ordered the port closed.",
])
def test_extract_attributions_hedge_without_source_is_unattributed(nlp, text):
    doc = nlp(text)
    (a,) = extract_attributions(text, doc, extract_entities(doc))
    assert a.source == UNATTRIBUTED
    assert a.sentence == text


def test_extract_attributions_hedge_with_source_keeps_the_source(nlp):
    assert _sources(nlp, "The minister reportedly ordered it, according to Reuters.") == ["Reuters"]


def test_extract_attributions_sentence_is_verbatim(nlp):
    text = "Trade fell sharply. The port will close, according to the FT.\n\nShips wait."
    doc = nlp(text)
    (a,) = extract_attributions(text, doc, extract_entities(doc))
    assert a.sentence == "The port will close, according to the FT."
    assert text[a.start:a.end] == a.text


def test_extract_attributions_without_model(monkeypatch):
    monkeypatch.setenv("CROSSWIRE_NO_MODEL", "1")
    load_nlp.cache_clear()
    try:
        text = "The port will close, according to reports by the Financial Times and Nikkei."
        found = extract_attributions(text, None, extract_entities(text))
        assert [a.source for a in found] == ["Financial Times", "Nikkei"]
    finally:
        monkeypatch.delenv("CROSSWIRE_NO_MODEL")
        load_nlp.cache_clear()
