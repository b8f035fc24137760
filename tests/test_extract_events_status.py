"""Events: synonyms fold into one predicate; status tells asserted from negated, planned..."""

from __future__ import annotations

import pytest

from crosswire.extract.attributions import extract_attributions
from crosswire.extract.entities import extract_entities
from crosswire.extract.events import extract_events


def _events(nlp, text):
    doc = nlp(text)
    ents = extract_entities(doc)
    return extract_events(doc, entities=ents, attributions=extract_attributions(text, doc, ents))


def _find(events, predicate):
    return next((e for e in events if e.predicate == predicate), None)


@pytest.mark.parametrize("text", [
    "Brazil cancelled the summit with Argentina.",
    "Brazil canceled the summit with Argentina.",
    "Brazil scrapped the summit with Argentina.",
    "Brazil called off the summit with Argentina.",
    "Brazil pulled out of the summit with Argentina.",
    "Brazil abandoned the summit with Argentina.",
])
def test_extract_events_cancel_synonyms_fold_to_cancel(nlp, text):
    ev = _find(_events(nlp, text), "cancel")
    assert ev is not None and ev.status == "asserted"
    assert "Brazil" in ev.arguments


@pytest.mark.parametrize("text", [
    "Brazil postponed the summit with Argentina.",
    "Brazil delayed the summit with Argentina.",
    "Brazil put off the summit with Argentina.",
    "Brazil rescheduled the summit with Argentina.",
])
def test_extract_events_postpone_is_not_cancel(nlp, text):
    evs = _events(nlp, text)
    assert _find(evs, "postpone") is not None
    assert _find(evs, "cancel") is None


@pytest.mark.parametrize("text", [
    "Washington demanded that Tokyo pay more.", "Washington asked Tokyo to pay more.",
    "Washington urged Tokyo to pay more.", "Washington pushed for a larger payment.",
])
def test_extract_events_demand_synonyms(nlp, text):
    assert _find(_events(nlp, text), "demand") is not None


@pytest.mark.parametrize("text,predicate,status", [
    ("The ministry did not comment on the report.", "comment", "negated"),
    ("The ministry declined to comment on the report.", "comment", "negated"),
    ("Officials said no decision had been made on the date.", "make", "negated"),
    ("The government reportedly cancelled the contract.", "cancel", "reported"),
    ("The contract was cancelled, according to Reuters.", "cancel", "reported"),
    ("Sources said the government cancelled the contract.", "cancel", "reported"),
    ("The leaders are scheduled to meet in Rome on Friday.", "meet", "planned"),
    ("The president is expected to impose new tariffs.", "impose", "planned"),
    ("The committee will raise the rate in June.", "increase", "planned"),
    ("The delegates were due to hold talks on July 1.", "hold", "planned"),
    ("The bank could raise rates again.", "increase", "hypothetical"),
    ("The government is considering new tariffs on steel.", "consider", "hypothetical"),
    ("If talks fail, the union may cancel the deal.", "cancel", "hypothetical"),
    ("The government imposed new tariffs on steel.", "impose", "asserted"),
])
def test_extract_events_status(nlp, text, predicate, status):
    ev = _find(_events(nlp, text), predicate)
    assert ev is not None, [e.predicate for e in _events(nlp, text)]
    assert ev.status == status
    assert ev.sentence == text


def test_extract_events_arguments_carry_objects_and_prepositions(nlp):
    ev = _find(_events(nlp, "Washington asked Tokyo to raise its defense spending to 3.5 percent."),
               "increase")
    assert "defense spending" in " ".join(ev.arguments)
    assert any(a.startswith("to 3.5") for a in ev.arguments)


def test_extract_events_without_model_uses_vocabulary():
    text = "Officials said Brazil called off the summit. Argentina did not comment."
    evs = extract_events(None, text=text)
    assert [(e.predicate, e.status) for e in evs] == [("cancel", "reported"),
                                                      ("comment", "negated")]


def test_extract_events_would_in_reported_speech_is_planned(nlp):
    ev = _find(_events(nlp, "A spokesperson said the talks would resume in May."), "resume")
    assert ev is not None and ev.status == "planned"


def test_events_absolute_clause_with_its_own_subject_is_an_event(nlp):
    # "with X considering Y" is a clause of its own: the consideration is what the sentence reports.
    events = _events(nlp, "Talks stalled this week, with the council reportedly considering new fees on ferry tickets.")
    consider = _find(events, "consider")
    assert consider is not None and consider.status == "hypothetical"
    assert "council" in " ".join(consider.arguments)


@pytest.mark.parametrize("use_model", [True, False])
@pytest.mark.parametrize("text", [
    "The ministry said the talks hadn ’ t been cancelled.",  # a tokenizer's spacing, as in archives
    "The ministry said the talks hadn ' t been cancelled.",
    "The ministry said the talks hadn’t been cancelled.",
    "The ministry said the talks hadn't been cancelled.",
])
def test_extract_events_spaced_contraction_is_a_negation(text, use_model):
    from crosswire.extract.pipeline import Extractor

    if use_model and Extractor().nlp is None:
        pytest.skip("spaCy model not installed")
    ex = Extractor(use_model=use_model).extract("a", text)
    ev = next((e for e in ex.events if e.predicate == "cancel"), None)
    assert ev is not None and ev.status == "negated", ex.events
