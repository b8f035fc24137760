"""`published` from the URL's date and from a dateline the cleaner took for the title."""

from __future__ import annotations

import datetime as dt

import pytest

from crosswire.ingest.clean import clean_document
from crosswire.models import RawDocument
from crosswire.published import dateline_date, fill_published, url_date

BODY = ("Crews from Devon and Somerset Fire and Rescue Service were called to the Waitrose store in "
        "Wellington town centre in the early hours of Sunday morning.\n\nThe fire started in the roof "
        "space and spread quickly, a spokesman for the fire service said. No one was hurt.")


@pytest.mark.parametrize("url,value", [
    ("http://www.itv.com/news/westcountry/story/2013-07-21/wellington-supermarket-fire/", "2013-07-21"),
    ("http://www.kpopstarz.com/articles/30409/20130909/esther-williams-dies.htm", "2013-09-09"),
    ("http://nypost.com/2013/09/09/lindsay-lohan-is-mia/", "2013-09-09"),
    ("http://articles.philly.com/2005-05-24/news/25441279_1_sixers", "2005-05-24"),
    ("https://example.org/news/2013/05/harbour-closed", "2013-05"),
    ("http://example.org/2013-election-results/", None),  # a year in a slug is no day
    ("http://example.org/story/25441279/", None),  # an id is no day
    ("http://example.org/2099/01/01/future", None),  # not after today
    ("http://example.org/story?date=2013-07-21", None),  # only the path dates a page
    (None, None), ("not a url", None),
])
def test_published_url_date(url, value):
    assert url_date(url) == value


@pytest.mark.parametrize("line,value", [
    ("21 July 2013 Last updated at 11:11 GMT", "2013-07-21"),
    ("11 / 28 / 05", "2005-11-28"),
    ("28/11/2005", "2005-11-28"),
    ("Last Updated: Monday, 28 November 2005, 02:24 GMT", "2005-11-28"),
    ("05/06/07", None),  # day and month could be swapped: no guess
    ("Waitrose fire in Wellington town centre tackled", None),
    ("Fire on 21 July 2013 destroys the Wellington Waitrose", None),  # a headline holding a date
    (None, None),
])
def test_published_dateline_date(line, value):
    assert dateline_date(line) == value


@pytest.mark.parametrize("head,url,published", [
    ("21 July 2013 Last updated at 11:11 GMT", "http://www.bbc.co.uk/news/uk-england-somerset-23395104",
     "2013-07-21"),
    ("11 / 28 / 05", None, "2005-11-28"),
    ("Wellington supermarket fire", "http://www.itv.com/news/westcountry/story/2013-07-21/wellington-fire/",
     "2013-07-21"),
])
def test_published_cleaning_fills_published_from_dateline_and_url(head, url, published):
    article = clean_document(RawDocument(source="doc.txt", content=head + "\n\n" + BODY, url=url))
    assert article.published == published
    assert article.title is None or dateline_date(article.title) is None  # a dateline is no title


def test_published_given_date_wins_over_url():
    article = clean_document(RawDocument(source="doc.txt", content="Wellington supermarket fire\n\n" + BODY,
                                         url="http://www.itv.com/news/2013-07-21/wellington-fire/",
                                         published="2013-07-22"))
    assert article.published == "2013-07-22"


def test_published_url_date_is_bounded_by_today():
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert url_date(f"http://example.org/{tomorrow:%Y/%m/%d}/story") is None


@pytest.mark.parametrize("value,day", [
    ("21 July 2013 Last updated at 11:11 GMT", "2013-07-21"), ("11 / 28 / 05", "2005-11-28"), ("05/06/07", None),
])
def test_published_given_as_a_dateline_is_read(value, day):
    from crosswire.published import split_published

    assert split_published(value) == (day, None)


@pytest.mark.parametrize("head,published", [
    ("Posted 11 / 27 / 2005 7:21 AM Updated 11 / 27 / 2005 7:21 AM", "2005-11-27"),
    ("Posted: Nov 27, 2005 8:20 AM ET Last Updated: Nov 27, 2005 8:20 AM ET", "2005-11-27"),
    ("Sunday, May 9, 2010", "2010-05-09"),
    ("9 / 10 / 2010 @ 1: 19PM", None),  # day and month could be swapped: no date, and still no title
    ("11 / 09 / 2010", None),
])
def test_published_a_posted_or_timed_dateline_is_no_title(head, published):
    # real ECB+ pages open with such lines; reports named the articles "Posted 11 / 27 / 2005 ..."
    assert fill_published(None, None, head) == (published, None)


def test_published_cleaning_drops_a_posted_dateline_for_its_date():
    head = "Posted: Nov 27, 2005 8:20 AM ET Last Updated: Nov 27, 2005 8:20 AM ET"
    article = clean_document(RawDocument(source="doc.txt", content=head + "\n\n" + BODY))
    assert (article.title, article.published) == (None, "2005-11-27")


@pytest.mark.parametrize("title", [
    "Ten dead in southern Iran quake", "5.9 Earthquake Jolts Iran", "2 Dead, 1 Wounded in Shooting at NE Phila.",
    "Fire on 21 July 2013 destroys the Wellington Waitrose", "Election 2010", "Budget 2010/11 in numbers",
])
def test_published_a_headline_with_figures_stays_a_title(title):
    assert fill_published(None, None, title) == (None, title)
