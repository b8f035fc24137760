"""Quantity units that depend on the lexicon or on the sentence: SI symbols, pm/am, K, b, marks."""

from __future__ import annotations

import pytest

from crosswire.extract.quantities import UNIT_CLASS, extract_quantities
from crosswire.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _read(text: str, doc=None) -> list[tuple[str, float, str | None]]:
    return [(q.text, q.amount, q.unit) for q in extract_quantities(text, doc)]


@pytest.mark.parametrize(
    ("text", "surface", "amount", "unit"),
    [
        ("The smelter handles about 1,200 tpd of concentrate.", "about 1,200 tpd", 1200, "t/day"),
        ("Planck's constant is near 6.6e-34 Js in these units.", "6.6e-34 Js", 6.6e-34, "J·s"),
        ("The flash delivered 3cds to the sensor.", "3cds", 3, "cd·s"),
        ("The crater formed roughly 250 Ma before the present.", "roughly 250 Ma", 250, "Ma"),
        ("The oldest zircons date back 4.4 Ga on this reckoning.", "4.4 Ga", 4.4, "Ga"),
        ("Half a gigaannum is long; two gigaannums are longer.", "two gigaannums", 2, "Ga"),
        ("The detector recorded 20 fb−1 over the run.", "20 fb−1", 20, "fb-1"),
        ("The bond length is 74 picometres in hydrogen.", "74 picometres", 74, "pm"),
        ("Its disk holds 2 TiB and its cache 64 MiB.", "2 TiB", 2, "TiB"),
        ("A megabyte was a lot of memory then.", "A megabyte", 1, "MB"),
        ("The register holds 2x2^4 bits of state.", "2x2^4 bits", 32, "bit"),
        ("The coin jar held 7 dimes.", "7 dimes", 0.7, "USD"),
        ("Each crater spans 3 arcminutes on the images.", "3 arcminutes", 3, "arcmin"),
        ("He stands 6' tall in his boots.", "6'", 6, "ft"),
        ("The new line runs at 400 kV from the dam.", "400 kV", 400, "kV"),
        ("Each cell gives 3.7 V and stores 2,500 mAh.", "3.7 V", 3.7, "V"),
        ("The alloy yields at 250 MPa under load.", "250 MPa", 250, "MPa"),
        ("The booster produced 7,600 kN of thrust.", "7,600 kN", 7600, "kN"),
        ("Infants need 400 micrograms of folate.", "400 micrograms", 400, "µg"),
        ("Response time is 4ms on the panel.", "4ms", 4, "ms"),
        ("The lamp gives 800 lumens of light.", "800 lumens", 800, "lm"),
        ("The gust raised pressure by 120 Pa inside.", "120 Pa", 120, "Pa"),
    ],
)
def test_extract_quantities_reads_scientific_and_coin_units(text, surface, amount, unit, nlp):
    for doc in (None, nlp(text)):
        got = {s: (a, u) for s, a, u in _read(text, doc)}
        assert surface in got, got
        assert got[surface][0] == pytest.approx(amount)
        assert got[surface][1] == unit


def test_extract_quantities_tells_picometres_from_a_time_of_day():
    assert _read("The lattice spacing is 0.75 pm on average.") == [("0.75 pm", 0.75, "pm")]
    assert _read("Atoms sit 3.142 am apart in the model.") == [("3.142 am", 3.142, "am")]
    assert _read("Doors open at 7 pm and close at 11.45 pm.") == []
    assert _read("She woke at 4.15 am on Monday.") == []
    assert _read("Posted 8: 47pm EDT") == []  # minutes after a colon, however spaced


@pytest.mark.parametrize(
    ("text", "surface", "amount", "unit"),
    [
        ("The superconductor stops resisting below 9.2K, a cold record.", "below 9.2K", 9.2, "K"),
        ("The old minicomputer shipped with 16K of core memory.", "16K", 16, "KiB"),
        ("The band drew 80K fans to the park.", "80K fans", 80_000, "fans"),
    ],
)
def test_extract_quantities_reads_k_by_its_sentence(text, surface, amount, unit):
    assert (surface, amount, unit) in _read(text)


def test_extract_quantities_reads_a_k_without_a_reason_as_a_name():
    assert _read("The console streams 4K video in other words.") == []
    assert _read("She ran the 10K race with her sister.") == []


def test_extract_quantities_reads_b_as_bits_or_barns_by_its_sentence():
    assert ("576 b", 576, "bit") in _read("Each network packet carries 576 b of payload.")
    assert ("about 3 b", 3, "b") in _read("The nuclear cross section is about 3 b at that energy.")
    assert UNIT_CLASS["b"] == "area" and UNIT_CLASS["fb-1"] == "inverse area"
    assert ("2.6 barns", 2.6, "b") in _read("The neutron capture cross section is 2.6 barns.")
    assert ("4 barns", 4, "barns") in _read("The storm flattened 4 barns near the river.")
    # A bare "b" with no reason to be a unit reads as no unit at all.
    assert all(u not in ("bit", "b") for _, _, u in _read("Grade 9 b was moved upstairs."))


def test_extract_quantities_reads_angle_marks_only_with_a_reason():
    # A bracketed restatement sixty times larger: arcminutes and arcseconds.
    # The restatement rides along as the same fact in another unit.
    (tail,) = extract_quantities("The comet's tail spans 1.5' (90\") in the photo.")
    assert (tail.text, tail.amount, tail.unit) == ("1.5'", 1.5, "arcmin")
    assert [(a.text, a.amount, a.unit) for a in tail.alternatives] == [('90"', 90, "arcsec")]
    # After a degree sign.
    assert ("12'", 12, "arcmin") in _read("The buoy sits at 41°12' north.")
    # A sentence about telescopes.
    assert ('4"', 4, "arcsec") in _read("The telescope resolves pairs 4\" apart.")
    # Otherwise a double mark is still inches.
    assert _read('The shelf bracket is 9" deep.') == [('9"', 9, "in")]


def test_extract_quantities_keeps_a_year_but_reads_a_four_digit_amount_with_a_unit():
    assert ("1200 b", 1200, "bit") in _read("The router forwarded a frame of 1200 b over the network.")
    assert _read("The bridge was finished in 1890 and repaired later.") == []


def test_extract_quantities_skips_multipliers_and_run_on_numbers():
    assert _read("Arsenic reached four times the safe level.") == []
    assert _read("Output grew tenfold, then 3 times faster.") == []
    assert _read("the totals were 318 44 euros") == []
    assert _read("Crowds grew to 12 000 people.") == [("12 000 people", 12000, "people")]
    # A second number that modifies the noun is no run-on: twelve casings of 9 mm.
    assert _read("Officers found 12 9-mm casings.") == [("12", 12, None), ("9-mm", 9, "mm")]
    # A bare capital after a whole number is a letter; after a decimal, a unit.
    assert _read("She lives at 12 V Street.") == [("12", 12, None)]
    assert ("0.5 V", 0.5, "V") in _read("The sensor reads 0.5 V at rest.")


@pytest.mark.parametrize(
    ("text", "surface", "amount", "unit"),
    [
        ("the pool is kept at 28 degrees celsius all year", "28 degrees celsius", 28, "°C"),
        ("the oven reached 450 degrees fahrenheit quickly", "450 degrees fahrenheit", 450, "°F"),
        ("water here is 12 degrees c in may", "12 degrees c", 12, "°C"),
        ("the fever hit 103 degrees f overnight", "103 degrees f", 103, "°F"),
        ("the night fell to 3 deg c", "3 deg c", 3, "°C"),
        ("It was a mild 18 Celsius in Oslo.", "18 Celsius", 18, "°C"),
        ("the pavement hit 120 fahrenheit at noon", "120 fahrenheit", 120, "°F"),
        ("the lab kept samples at 4 celcius", "4 celcius", 4, "°C"),
        ("the forecast says 95 degrees farenheit", "95 degrees farenheit", 95, "°F"),
        ("the gas was cooled to 77 degrees Kelvin", "77 degrees Kelvin", 77, "K"),
        ("Set the dial to 60 deg and wait.", "60 deg", 60, "degrees"),
    ],
)
def test_temperature_scales_read_in_any_case_and_common_misspellings(text, surface, amount, unit):
    assert (surface, pytest.approx(amount), unit) in _read(text)


def test_bare_lower_case_c_after_a_number_is_no_temperature():
    assert all(u != "°C" for _, _, u in _read("the vote was 5 c to 3 against"))


def test_title_case_unit_words_are_read():
    assert ("12 Kilometers per hour", 12, "km/h") in _read("It moved at 12 Kilometers per hour.")


@pytest.mark.parametrize(
    ("text", "surface", "amount", "unit"),
    [
        ("The nine-mile loop closes at dusk.", "nine-mile", 9, "mi"),
        ("They bought the four-ton crane in May.", "four-ton", 4, "t"),
        ("The gap is 3 dm wide.", "3 dm", 3, "dm"),
        ("The speed limit is 30kmph in town.", "30kmph", 30, "km/h"),
        ('the blade is 7 " long and sharp', '7 "', 7, "in"),
    ],
)
def test_hyphened_spelled_sizes_and_more_length_spellings(text, surface, amount, unit):
    assert (surface, pytest.approx(amount), unit) in _read(text)


def test_the_before_a_spelled_number_with_a_time_unit_still_skips_it():
    assert _read("The two-year deal was signed.") == []


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("The base received 4 C-130s last year.", "°C"),  # an aircraft code, not Celsius
        ("Order part 5512 L-40 from the catalogue.", "L"),
        ("See entry XK3-250m in the archive.", "m"),  # the tail of a code, not metres
    ],
)
def test_letters_and_numbers_joined_by_hyphens_are_codes_not_units(text, bad):
    assert all(u != bad for _, _, u in _read(text))


@pytest.mark.parametrize(("text", "surface", "amount", "unit"), [
    ("the night fell to - 20 degrees fahrenheit in the hills", "- 20 degrees fahrenheit", -20, "°F"),
    ("how to convert - 5 degrees celsius to fahrenheit", "- 5 degrees celsius", -5, "°C"),
])
def test_a_spaced_minus_sign_makes_a_temperature_negative(text, surface, amount, unit):
    # A tokenised "- 20" is the sign of the reading; only a number before the dash would
    # make it a range ("10 - 20 degrees"), kept as one below.
    assert (surface, pytest.approx(amount), unit) in _read(text)


def test_a_dash_between_two_numbers_is_no_minus_sign():
    assert all(a >= 0 for _, a, _ in _read("the water stays at 10 - 20 degrees celsius all year"))
