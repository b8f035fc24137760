"""Entities: canonical names, roles from titles and appositions, surname and pronoun links."""

from __future__ import annotations

import pytest

from crosswire.extract.entities import canonical_key, extract_entities


def _people(nlp, text):
    return [m for m in extract_entities(nlp(text)) if m.type == "person"]


def _role(mentions, name):
    return next((m.role for m in mentions if m.name == name and m.role), None)


@pytest.mark.parametrize("text,name,role", [
    ("Defense Secretary Laura Kimball met the delegation on Friday.",
     "Laura Kimball", "Defense Secretary"),
    ("The talks included US secretary of state Daniel Ortega-Reyes and others.",
     "Daniel Ortega-Reyes", "US secretary of state"),
    ("Prime Minister Kenji Morita rejected the request.", "Kenji Morita", "Prime Minister"),
    ("State Department spokesperson Helen Marsh declined to comment.",
     "Helen Marsh", "State Department spokesperson"),
    ("The figure was disputed, as noted by security expert Arun Patel.",
     "Arun Patel", "security expert"),
])
def test_extract_entities_role_from_title_before_name(nlp, text, name, role):
    assert _role(_people(nlp, text), name) == role


@pytest.mark.parametrize("text,name,role", [
    ("The plan was drafted by Martin Keller, the third-most senior official at the Treasury, "
     "and approved in May.", "Martin Keller", "third-most senior official at the Treasury"),
    ("\"It is a risky bet,\" said Oliver Grant, an energy expert at the Brookings Institution.",
     "Oliver Grant", "energy expert at the Brookings Institution"),
    ("Sarah Lindqvist, a former senior EU trade negotiator, said the deal was close.",
     "Sarah Lindqvist", "former senior EU trade negotiator"),
])
def test_extract_entities_role_from_apposition(nlp, text, name, role):
    assert _role(_people(nlp, text), name) == role


def test_extract_entities_apposition_after_surname_resolves_to_full_name(nlp):
    text = ("Thomas Whitfield spoke first. \"This cannot wait,\" said Whitfield, partner at "
            "The Harbor Group, a consultancy.")
    people = _people(nlp, text)
    later = [m for m in people if m.text == "Whitfield"]
    assert later and later[0].name == "Thomas Whitfield"
    assert later[0].role == "partner at The Harbor Group"


def test_extract_entities_surname_and_pronoun_resolve_to_full_name(nlp):
    text = ("Finance Minister Ingrid Solberg presented the budget on Monday. "
            "Solberg said spending would rise. She said taxes would not.")
    people = _people(nlp, text)
    assert {m.name for m in people} == {"Ingrid Solberg"}
    assert any(m.text == "Solberg" for m in people)
    assert any(m.text == "She" for m in people)


def test_extract_entities_one_entity_across_spellings(nlp):
    text = ("The FT reported the plan on Monday. The Financial Times said the U.S. would object, "
            "and the United States did. The US embassy declined to comment.")
    ents = extract_entities(nlp(text))
    assert {m.name for m in ents if m.text in {"FT", "Financial Times"}} == {"Financial Times"}
    assert {m.name for m in ents if m.text in {"U.S.", "United States", "US"}} == {"United States"}


def test_extract_entities_title_words_are_not_entities(nlp):
    text = "U.S. Secretary of State Marta Lindgren will travel to Seoul."
    ents = extract_entities(nlp(text))
    assert not any(m.text == "State" for m in ents)


@pytest.mark.parametrize("a,b", [
    ("U.S.", "United States"), ("the US", "U.S."), ("defence ministry", "Defense Ministry"),
    ("the FT", "Financial Times"), ("Japan's Nikkei newspaper", "Japan's Nikkei"),
    ("Nikkei newspaper", "Nikkei"), ("Mr. Smith", "Smith"), ("NATO", "Nato"),
])
def test_canonical_key_merges_spellings(a, b):
    assert canonical_key(a) == canonical_key(b)


def test_canonical_key_keeps_different_names_apart():
    assert canonical_key("New York Times") != canonical_key("Financial Times")
    assert canonical_key("United Kingdom") != canonical_key("United States")


def test_extract_entities_honorific_is_no_role_and_job_at_institution_is(nlp):
    text = "Dr. Helen Cho, a virologist at Stanford University, said the data were incomplete."
    assert _role(_people(nlp, text), "Helen Cho") == "virologist at Stanford University"


def test_extract_entities_lowercase_person_span_is_not_a_name(nlp):
    text = "“Ships must wait offshore,” said harbour master Ines Duarte."
    assert {m.name for m in _people(nlp, text)} == {"Ines Duarte"}
