"""Money in any case and in tokenised text: currency names, country-letter dollars, signs."""

from __future__ import annotations

import pytest

from crosswire.extract.quantities import extract_quantities


def _money(text: str) -> list[tuple[str, float, str | None]]:
    return [(q.text, q.amount, q.unit) for q in extract_quantities(text, None)]


@pytest.mark.parametrize(
    ("text", "surface", "amount", "unit"),
    [
        # names in lower case, as in lower-cased or tokenised corpora
        ("the fund raised 40 million australian dollars last year .", "40 million australian dollars",
         4e7, "AUD"),
        ("she paid 25 us dollars for the ticket", "25 us dollars", 25, "USD"),
        ("rent went up to 900 canadian dollars a month", "900 canadian dollars", 900, "CAD"),
        ("the club was fined 50,000 swiss francs on friday", "50,000 swiss francs", 50000, "CHF"),
        ("a meal there costs 80 rmb at most", "80 rmb", 80, "CNY"),
        ("the grant of 300 chinese yuan was paid", "300 chinese yuan", 300, "CNY"),
        # names of currencies the euro replaced, still in archives
        ("Nokia paid 310 million Finnish markka for the plant.", "310 million Finnish markka", 3.1e8, "FIM"),
        ("The stake was valued at 2.4 billion pesetas.", "2.4 billion pesetas", 2.4e9, "ESP"),
        ("They issued 75 million Dutch guilders of notes.", "75 million Dutch guilders", 7.5e7, "NLG"),
        # a sub-unit: a hundredth of the ringgit
        ("A bus fare rose by 20 sen in Kuala Lumpur.", "20 sen", 0.2, "MYR"),
        # signs after the number
        ("The hostel charges 9,000 ₡ a night.", "9,000 ₡", 9000, "CRC"),
        ("A taxi ride was 15₾ from the airport.", "15₾", 15, "GEL"),
        ("The noodle soup sells for 20,000 ₭ downtown.", "20,000 ₭", 20000, "LAK"),
        ("Tea is 12元 at the station.", "12元", 12, "CNY"),
        ("She spent ₾ 40 on books.", "₾ 40", 40, "GEL"),
    ],
)
def test_currency_names_and_signs_read_in_any_case(text, surface, amount, unit):
    assert (surface, pytest.approx(amount), unit) in _money(text)


@pytest.mark.parametrize(
    ("text", "surface", "amount", "unit"),
    [
        ("the deal is worth c $ 45 million to the miner", "c $ 45 million", 4.5e7, "CAD"),
        ("sales reached hk $ 3.2 billion in 1990 .", "hk $ 3.2 billion", 3.2e9, "HKD"),
        ("the bid of nz $ 12 a share lapsed", "nz $ 12", 12, "NZD"),
        ("the bid of NZ$12 a share lapsed", "NZ$12", 12, "NZD"),
        ("exports earned Hk$ 800 million", "Hk$ 800 million", 8e8, "HKD"),
        ("a bond worth A$250 million was sold", "A$250 million", 2.5e8, "AUD"),
        ("the loan was US $ 30 million", "US $ 30 million", 3e7, "USD"),
        ("the charge was C$ 1.2 billion", "C$ 1.2 billion", 1.2e9, "CAD"),
    ],
)
def test_country_letters_before_dollar_sign_name_the_currency(text, surface, amount, unit):
    assert (surface, pytest.approx(amount), unit) in _money(text)


@pytest.mark.parametrize(
    ("text", "surface", "amount"),
    [
        ("He won a $ 5 million contract.", "$ 5 million", 5e6),  # "a" the article, not Australia
        ("A $20 fee applies to late filings.", "$20", 20),
        ("It cost us $9 million to fix.", "$9 million", 9e6),  # "us" the pronoun
        ("The company's $7 million loss widened.", "$7 million", 7e6),
        ("the firm 's $ 4 million charge", "$ 4 million", 4e6),  # tokenised possessive
    ],
)
def test_letters_that_are_words_leave_a_bare_dollar_as_usd(text, surface, amount):
    assert (surface, pytest.approx(amount), "USD") in _money(text)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("A Paris court fined the bank 3 million francs.", "FRF"),
        ("Prices in Brussels stood at 40 francs a kilo.", "BEF"),
        ("The Geneva firm earned 12 million francs.", "CHF"),
        ("Farmers in Senegal sell a sack for 9,000 francs.", "XOF"),
        ("The deal was priced at 500 million francs.", "CHF"),  # no place: the franc in use most
    ],
)
def test_bare_francs_take_the_country_the_sentence_names(text, unit):
    assert [q.unit for q in extract_quantities(text, None)] == [unit]


@pytest.mark.parametrize(
    "text",
    [
        "Real Madrid 2 Real Sociedad 1 was the score.",  # a capitalised name is no currency
        "The committee, chaired by Sen. Warner, met 3 times.",
        "Team B won 4 games in a row.",
    ],
)
def test_capitalised_names_are_not_read_as_currency(text):
    assert not [q for q in extract_quantities(text, None) if q.unit and len(q.unit) == 3
                and q.unit.isupper()]


@pytest.mark.parametrize(
    ("text", "surface", "amount", "unit"),
    [
        ("a coffee costs 4 dollars 75 cents here", "4 dollars 75 cents", 4.75, "USD"),
        ("the fare was twelve dollars and ten cents", "twelve dollars and ten cents", 12.10, "USD"),
        ("the pint was 5 pounds 40 pence", "5 pounds 40 pence", 5.40, "GBP"),
    ],
)
def test_a_sum_in_a_unit_and_its_hundredths_is_one_amount(text, surface, amount, unit):
    assert _money(text) == [(surface, pytest.approx(amount), unit)]


def test_separate_sums_are_not_joined_across_a_comma():
    assert [a for _, a, _ in _money("it fell 2 dollars, then 50 cents")] == [2, 0.5]


def test_lower_case_iso_codes_after_the_number_are_currencies():
    assert ("40 usd", 40, "USD") in _money("the visa fee is 40 usd at the border")
    assert all(u != "CAD" for _, _, u in _money("they paid 5 cad each"))  # "cad" is a word


@pytest.mark.parametrize(("text", "surface", "amount"), [
    ("it only cost thirteen dollars forty five", "thirteen dollars forty five", 13.45),
    ("The bus fare is now five dollars fifty.", "five dollars fifty", 5.5),
    ("A pint costs four pounds twenty, up from three.", "four pounds twenty", 4.2),
    ("The token costs one dollar and five and nothing else.", "one dollar and five", 1.05),
])
def test_hundredths_said_without_their_unit_end_the_sum(text, surface, amount):
    # "thirteen dollars forty five" is one price: the bare number after the currency word
    # and before the end of the phrase is its cents, not a second amount.
    got = _money(text)
    assert any(s == surface and a == pytest.approx(amount) for s, a, _ in got), got


@pytest.mark.parametrize("text", [
    "He paid 20 dollars 30 times over the year.",
    "They spent 40 dollars each, 12 of them on the first day.",
    "The fund lost 5 dollars 2015 and gained 3 in 2016.",
    "They paid 40 dollars and 12 more on the door.",
])
def test_a_number_after_a_sum_that_counts_something_else_stays_apart(text):
    assert all(a == int(a) for _, a, _ in _money(text))
