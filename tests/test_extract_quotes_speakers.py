"""Quotes: every attribution form, pronoun speakers, partial quotes, scare quotes rejected."""

from __future__ import annotations


import pytest

from crosswire.extract.entities import extract_entities
from crosswire.extract.quotes import extract_quotes
from crosswire.nlp import load_nlp


def _quotes(nlp, text):
    doc = nlp(text)
    return extract_quotes(text, doc, extract_entities(doc))


@pytest.mark.parametrize("text,quote,speaker", [
    ("“We will not accept these terms,” said Maria Gonzalez, the mayor of the city.",
     "We will not accept these terms", "Maria Gonzalez"),
    ('"The bridge must close for repairs," Governor Alan Price said on Tuesday.',
     "The bridge must close for repairs", "Alan Price"),
    ("Governor Alan Price said \"the bridge must close for repairs by June.\"",
     "the bridge must close for repairs by June.", "Alan Price"),
    ("Governor Alan Price: “The bridge must close for repairs.”",
     "The bridge must close for repairs.", "Alan Price"),
    ("Paul Weber spoke at noon. “Prices will keep rising this year,” said Weber, partner at "
     "Weber Capital.", "Prices will keep rising this year", "Paul Weber"),
])
def test_extract_quotes_speaker_forms(nlp, text, quote, speaker):
    found = {q.text: q.speaker for q in _quotes(nlp, text)}
    assert found.get(quote) == speaker


def test_extract_quotes_pronoun_speaker_is_last_person(nlp):
    text = ("Economist Nadia Rahman studied the data. He said nothing. "
            "She said the slowdown signalled “a deep unease among investors about the outlook”.")
    qs = _quotes(nlp, text)
    assert [q.speaker for q in qs] == ["Nadia Rahman"]


def test_extract_quotes_partial_quote_gets_sentence_speaker(nlp):
    text = ("While Senator Robert Hale attempted to calm the markets, claiming there is "
            "“no crisis or panic” among lenders, the index fell.")
    qs = _quotes(nlp, text)
    assert [(q.text, q.speaker) for q in qs] == [("no crisis or panic", "Robert Hale")]


def test_extract_quotes_one_word_scare_quotes_are_not_quotes(nlp):
    text = ("An official said the summit had been “delayed” and the so-called \"3+3\" format "
            "was under review.")
    assert _quotes(nlp, text) == []


def test_extract_quotes_short_phrase_without_saying_is_not_a_quote(nlp):
    assert _quotes(nlp, "The “America First” approach has introduced new tensions.") == []


def test_extract_quotes_span_sentences_and_paragraphs(nlp):
    text = ("“The port is closed. Nobody knows for how long.\n\n"
            "“We are asking ships to wait offshore,” said harbour master Ines Duarte.")
    qs = _quotes(nlp, text)
    assert qs[0].text.startswith("The port is closed. Nobody knows")
    assert [q.speaker for q in qs] == ["Ines Duarte", "Ines Duarte"]


def test_extract_quotes_offsets_point_into_text(nlp):
    text = "“Costs have doubled since March,” said Kim Novak."
    (q,) = _quotes(nlp, text)
    assert text[q.start:q.end] == q.text


def test_extract_quotes_without_model_finds_said_x(monkeypatch):
    monkeypatch.setenv("CROSSWIRE_NO_MODEL", "1")
    load_nlp.cache_clear()
    try:
        text = "“We expect the vote to pass next week,” said Deputy Minister Karl Brandt."
        qs = extract_quotes(text, None, extract_entities(text))
        assert [(q.text, q.speaker) for q in qs] == [
            ("We expect the vote to pass next week", "Karl Brandt")]
    finally:
        monkeypatch.delenv("CROSSWIRE_NO_MODEL")
        load_nlp.cache_clear()


def test_extract_quotes_straight_single_quotes_and_apostrophes(nlp):
    text = "The allies' budgets grew. 'It is the end of an era,' said Mayor Tom Lee."
    assert [(q.text, q.speaker) for q in _quotes(nlp, text)] == [
        ("It is the end of an era", "Tom Lee")]
