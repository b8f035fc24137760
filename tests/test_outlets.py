"""The outlet table: names, aliases, domains, the text pattern, and common-word traps."""

from __future__ import annotations

import time

import pytest

from crosswire import outlets
from crosswire.compare.facts import source_key
from crosswire.extract.attributions import extract_attributions
from crosswire.extract.entities import canonical_key, display_name, extract_entities
from crosswire.group.lineage import credited_outlets, find_citations
from crosswire.group.lineage import normalise_outlet as lineage_outlet
from crosswire.models import Article
from crosswire.outlets import OUTLET_PATTERN, OUTLETS, normalise_outlet, outlet_key


def _found(text: str) -> list[str]:
    return [normalise_outlet(m.group(0), credited=True) for m in OUTLET_PATTERN.finditer(text)]


# --------------------------------------------------------------------------- the table


def test_outlets_table_is_one_entry_per_outlet():
    names = [o.name for o in OUTLETS]
    assert 100 <= len(OUTLETS) <= 200
    assert len(set(names)) == len(names)
    assert len({o.key for o in OUTLETS}) == len(OUTLETS)
    for o in OUTLETS:
        assert o.kind in {"wire", "broadcaster", "paper", "magazine", "online"}
        assert normalise_outlet(o.name, credited=True) == o.name
        for alias in o.aliases + o.context_only:
            written = alias if normalise_outlet(alias, credited=True) else "the " + alias
            assert normalise_outlet(written, credited=True) == o.name, alias
        for domain in o.domains:
            assert normalise_outlet(domain) == o.name, domain


@pytest.mark.parametrize("raw,canon", [
    ("the FT", "Financial Times"), ("FT", "Financial Times"), ("ft.com", "Financial Times"),
    ("https://www.ft.com/content/abc", "Financial Times"), ("asia.nikkei.com", "Nikkei"),
    ("Japan's Nikkei newspaper", "Nikkei"), ("Nikkei Asia", "Nikkei"),
    ("SCMP", "South China Morning Post"), ("Hong Kong's South China Morning Post",
                                           "South China Morning Post"),
    ("Guardian", "The Guardian"), ("the Guardian", "The Guardian"),
    ("AP", "Associated Press"), ("The Associated Press", "Associated Press"),
    ("Agence France-Presse", "AFP"), ("Agence France Presse", "AFP"), ("CNN’s", "CNN"),
    ("Reuters'", "Reuters"), ("state news agency Xinhua", "Xinhua"), ("Kyodo News", "Kyodo"),
    ("Yonhap News Agency", "Yonhap"), ("public broadcaster NHK", "NHK"), ("El Pais", "El País"),
    ("L.A. Times", "Los Angeles Times"), ("the New York Times", "New York Times"),
    ("People's Daily", "People's Daily"), ("people.com.cn", "People's Daily"),
    ("Barron's", "Barron's"), ("the Times", "The Times"), ("Bloomberg News", "Bloomberg"),
    ("Time's report", "Time"), ("reuters", "Reuters"),
])
def test_outlets_normalise_names_acronyms_possessives_and_domains(raw, canon):
    assert normalise_outlet(raw) == canon


@pytest.mark.parametrize("raw", [
    "", "a U.S. official", "three people familiar with the matter", "Korea Institute",
    "example.com", "Michael Bloomberg", "co.uk", "x" * 500, "ft", "ani",
])
def test_outlets_unknown_names_are_none(raw):
    assert normalise_outlet(raw) is None


@pytest.mark.parametrize("word,canon", [
    ("People", "People"), ("Time", "Time"), ("Fortune", "Fortune"), ("Mint", "Mint"),
    ("The Sun", "The Sun"), ("the Independent", "The Independent"),
    ("AAP", "Australian Associated Press"), ("Dawn", "Dawn"),
])
def test_outlets_common_word_names_need_a_crediting_context(word, canon):
    assert normalise_outlet(word) is None
    assert normalise_outlet(word, credited=True) == canon
    assert outlets.is_ambiguous(word)


@pytest.mark.parametrize("word", ["Independent", "Australian", "Times", "Economist", "Mail", "Sun"])
def test_outlets_bare_words_of_the_named_outlets_are_never_outlets(word):
    assert normalise_outlet(word, credited=True) is None


@pytest.mark.parametrize("raw,canon", [
    ("People magazine", "People"), ("Time magazine", "Time"), ("business daily Mint", "Mint"),
    ("the Independent newspaper", "The Independent"),
])
def test_outlets_a_descriptor_vouches_for_a_common_word_name(raw, canon):
    assert normalise_outlet(raw) == canon


@pytest.mark.parametrize("word", ["people", "time", "fortune", "the sun", "mint"])
def test_outlets_lower_case_common_words_are_never_outlets(word):
    assert normalise_outlet(word, credited=True) is None


def test_outlets_key_is_shared_by_every_name_of_one_outlet():
    assert outlet_key("the FT") == outlet_key("Financial Times") == outlet_key("ft.com")
    assert outlet_key("Guardian") == outlet_key("The Guardian")
    assert outlet_key("NYT") != outlet_key("FT")
    assert outlets.outlet_by_key(outlet_key("SCMP")).name == "South China Morning Post"


# --------------------------------------------------------------------------- the pattern


@pytest.mark.parametrize("text", [
    "Three people familiar with the matter said the talks had stalled.",
    "The deal, according to three people familiar with the matter, is off.",
    "At the time, officials said nothing.",
    "Time is running out for the talks.",
    "He spent some time in Tokyo before the talks.",
    "People reported feeling ill after the meal.",
    "Fortune favours the bold, she said.",
    "The Sun rose over Tokyo as the talks began.",
    "An Independent candidate won the seat.",
    "Results came according to the Independent Electoral Commission.",
    "The coins were struck at the Royal Mint.",
    "The merger was approved, according to Time Warner.",
    "Economist Paul Krugman said growth would slow.",
    "The Nikkei 225 index rose 2% on Friday.",
    "The man was identified according to CCTV footage.",
    "A study by the Reuters Institute found trust fell.",
    "Lawmakers on the Hill were briefed.",
    "Iran's Guardian Council ruled on the law.",
    "Talks Stall, According To People Familiar With The Matter",
    "At The Time Of Writing, According to People Power Party leaders, talks had stalled.",
    "The picture (AP Photo/Jane Doe) shows the port.",
    "Growth will slow, according to Australian officials.",
    "The rating was cut, according to Standard & Poor's.",
    "Profits rose, according to Fortune 500 filings.",
    "She told Independent candidates to wait.",
])
def test_outlets_pattern_traps_find_no_outlet(text):
    assert _found(text) == []


@pytest.mark.parametrize("text,names", [
    ("She told People magazine the wedding was off.", ["People"]),
    ("She told People the wedding was off.", ["People"]),
    ("The ban was lifted, according to Time.", ["Time"]),
    ("The Independent reported that the talks stalled.", ["The Independent"]),
    ("the Sun reported the split on Monday.", ["The Sun"]),
    ("The chief executive told Fortune the plan was sound.", ["Fortune"]),
    ("Sales fell, according to Mint.", ["Mint"]),
    ("Time's report said the deal was done.", ["Time"]),
    ("WASHINGTON (Reuters) - The talks were off.", ["Reuters"]),
    ("Japan's Nikkei newspaper reported it first.", ["Nikkei"]),
    ("The FT and Bloomberg News reported the plan, as did Al-Jazeera.",
     ["Financial Times", "Bloomberg", "Al Jazeera"]),
    ("The People's Daily said the talks went well.", ["People's Daily"]),
])
def test_outlets_pattern_finds_credited_outlets(text, names):
    assert _found(text) == names


def test_outlets_pattern_is_linear_on_hostile_input():
    text = "according to The " * 20_000 + "Reuters Nikkei Time People " * 5_000
    t0 = time.perf_counter()
    list(OUTLET_PATTERN.finditer(text))
    assert time.perf_counter() - t0 < 3.0


# --------------------------------------------------------------------------- every stage agrees


@pytest.mark.parametrize("a,b", [
    ("SCMP", "South China Morning Post"), ("the Guardian", "Guardian"), ("the FT", "Financial Times"),
    ("AP", "Associated Press"), ("Yomiuri", "Yomiuri Shimbun"), ("asahi.com", "Asahi Shimbun"),
])
def test_outlets_every_stage_agrees_on_one_outlet(a, b):
    assert lineage_outlet(a) == lineage_outlet(b) == normalise_outlet(b)
    assert canonical_key(a) == canonical_key(b)
    assert display_name(canonical_key(a), [a]) == normalise_outlet(b)
    assert source_key(a) == source_key(b)


@pytest.mark.parametrize("text", [
    "Three people familiar with the matter said the talks had stalled.",
    "People reported feeling ill after the meal.",
    "At the time, Time was running out, officials said.",
    "Growth will slow, according to Australian officials.",
    "The rating was cut, according to Standard & Poor's.",
])
def test_outlets_lineage_credits_no_common_word(text):
    assert credited_outlets(text) == []


@pytest.mark.parametrize("text,outlet", [
    ("She told People magazine the wedding was off.", "People"),
    ("The Independent reported that the talks stalled.", "The Independent"),
    ("The ban was lifted, according to Time.", "Time"),
])
def test_outlets_lineage_credits_common_word_outlets_in_context(text, outlet):
    assert credited_outlets(text) == [(outlet, text)]


def test_outlets_attributions_keep_people_familiar_apart_from_people_magazine(nlp):
    text = ("The wedding was off, according to three people familiar with the matter. "
            "The singer told People magazine the wedding was off.")
    doc = nlp(text)
    sources = [a.source for a in extract_attributions(text, doc, extract_entities(doc))]
    assert "three people familiar with the matter" in sources
    assert "People" in sources
    assert sources.count("People") == 1


def test_outlets_entities_make_no_outlet_of_time_or_people(nlp):
    text = "At the time, three people familiar with the matter said Time was short."
    ents = extract_entities(nlp(text))
    assert not [m for m in ents if m.name in {"Time", "People"}]


def test_outlets_article_from_an_outlet_domain_is_the_credited_outlet():
    ft = Article(id="ft", source="https://www.ft.com/content/x", text="Japan scrapped the talks.",
                 outlet="ft.com", published="2025-06-20")
    copy = Article(id="b", source="b", text="Japan scrapped the talks, according to the FT.",
                   published="2025-06-21")
    edges = find_citations([ft, copy], {})
    assert [(e.source, e.target) for e in edges] == [("b", "ft")]
    assert source_key("ft.com") == source_key("the FT")
