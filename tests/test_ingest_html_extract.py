"""extract_html on small real-looking pages: the body keeps the article and drops the chrome."""

from __future__ import annotations

import pytest

from crosswire.errors import InputTooLarge, UnsupportedInput
from crosswire.ingest.html import (
    MAX_HTML_CHARS,
    HtmlResult,
    clean_lines,
    extract_html,
    split_authors,
)


def page(data_dir, name: str) -> str:
    return (data_dir / "html" / name).read_text(encoding="utf-8")


@pytest.fixture
def full(data_dir) -> HtmlResult:
    return extract_html(page(data_dir, "article_full.html"), url="https://example.org/given")


def test_ingest_html_keeps_every_article_paragraph(full):
    assert len(full.paragraphs) == 5
    assert full.paragraphs[0].startswith("The harbour authority on Tuesday approved")
    assert full.paragraphs[-1].endswith("according to documents seen by the newspaper.")
    assert '"We have waited long enough," said Maria Lopez' in full.text


def test_ingest_html_text_is_paragraphs_joined_by_blank_lines(full):
    assert full.text == "\n\n".join(full.paragraphs)
    assert all(p.strip() == p and "\n\n" not in p for p in full.paragraphs)


@pytest.mark.parametrize("chrome", [
    "Home", "Sign in to your account",                      # navigation menu
    "Harbour authority approves new flood barrier",        # headline
    "By Jane Doe",                                          # byline
    "Photograph: Example Pictures", "old sea wall at dusk",  # caption
    "newsletter", "Get our morning briefing",               # newsletter prompt
    "Related", "Storm surge floods old town",               # related block
    "Share on Facebook", "All rights reserved", "Privacy policy",
])
def test_ingest_html_body_excludes_site_chrome(full, chrome):
    assert chrome not in full.text


@pytest.mark.parametrize("token", [
    "SCRIPT_SECRET_TOKEN", "INLINE_SCRIPT_TOKEN", "FOOTER_SCRIPT_TOKEN", "STYLE_TOKEN",
    "document.write", "trackingConfig",
])
def test_ingest_html_script_and_style_never_reach_text(full, token):
    assert token not in full.text
    assert all(token not in p for p in full.paragraphs)


def test_ingest_html_reads_page_metadata(full):
    assert full.title == "Harbour authority approves new flood barrier"
    assert full.authors == ["Jane Doe", "John Smith"]
    assert full.outlet == "The Daily Example"
    assert full.published == "2024-03-12"
    assert full.updated == "2024-03-14"
    assert full.language == "en"


def test_ingest_html_prefers_canonical_url_over_given_one(full):
    assert full.url == "https://news.example.org/local/2024/harbour-flood-barrier"


def test_ingest_html_drops_chrome_lines_inside_the_article_container(data_dir):
    result = extract_html(page(data_dir, "chrome_inside_body.html"))
    assert result.paragraphs[0].startswith("The national rail operator on Monday ordered")
    assert result.paragraphs[-1].startswith("Union leaders welcomed the purchase")
    assert len(result.paragraphs) == 4
    for chrome in ("Read more", "Reporting by", "Follow us", "Related stories",
                   "Weekend fares cut", "November 19, 2019"):
        assert chrome not in result.text


def test_ingest_html_reads_visible_published_line_over_placeholder_json_ld(data_dir):
    result = extract_html(page(data_dir, "published_line.html"))
    assert result.published == "2019-11-19"
    assert result.authors == []  # "Staff report" names no person


def test_ingest_html_without_evidence_leaves_metadata_empty(data_dir):
    result = extract_html(page(data_dir, "bare_page.html"), url="https://example.org/a")
    assert len(result.paragraphs) == 3
    assert result.outlet is None
    assert result.published is None
    assert result.authors == []
    assert result.url == "https://example.org/a"
    assert result.language == "de"  # guessed from the body's function words


@pytest.mark.parametrize("byline, names", [
    ("By Jane Doe and John Smith", ["Jane Doe", "John Smith"]),
    ("By A. B. Cee, Dee Eff & Gee Aitch", ["A. B. Cee", "Dee Eff", "Gee Aitch"]),
    ("Analysis by Chris Cillizza", ["Chris Cillizza"]),
    ("Jill Disis, CNN Business", ["Jill Disis"]),
    ("Carrie Arnold November 15, 2019", ["Carrie Arnold"]),
    ("Reuters Staff", []),
    ("Ludwig van Beethoven", ["Ludwig van Beethoven"]),
    (None, []),
])
def test_ingest_html_splits_bylines_into_person_names(byline, names):
    assert split_authors(byline) == names


def test_ingest_html_rejects_oversized_input():
    with pytest.raises(InputTooLarge):
        extract_html("<p>" + "x" * MAX_HTML_CHARS + "</p>")


@pytest.mark.parametrize("html", ["", "   \n "])
def test_ingest_html_rejects_empty_input(html):
    with pytest.raises(UnsupportedInput):
        extract_html(html)


def test_ingest_html_page_without_article_gives_empty_body():
    result = extract_html("<html><head><title>T</title></head><body>"
                          "<script>var articleText = 'not an article';</script></body></html>")
    assert result.text == "" and result.paragraphs == []


def test_ingest_html_joins_article_split_in_sibling_chunks(data_dir):
    result = extract_html(page(data_dir, "split_article.html"))
    assert len(result.paragraphs) == 6
    assert result.paragraphs[3].startswith("Public health researchers welcomed")
    assert result.paragraphs[-1].endswith("when their street is due.")
    assert "Advertisement" not in result.text and "inbox" not in result.text
    assert result.authors == ["Sam Reed"]


def test_ingest_html_does_not_join_a_sibling_chunk_that_is_another_story(data_dir):
    result = extract_html(page(data_dir, "next_story_below.html"))
    assert len(result.paragraphs) == 3
    assert "Public health researchers" not in result.text


@pytest.mark.parametrize("line", [
    "By noon, the fire was out.",
    "On 12 March 2024 the minister resigned.",
])
def test_ingest_html_keeps_short_opening_sentences(line):
    body = [("p", line), ("p", "The rest of the article follows here with more detail.")]
    assert clean_lines(body, title="Minister resigns")[0] == line


@pytest.mark.parametrize("line", [
    "Minister resigns", "By Jane Doe", "November 19, 2019", "Updated: 12 March 2024 10:02",
])
def test_ingest_html_drops_headline_byline_and_dateline_above_the_article(line):
    body = [("p", line), ("p", "The minister resigned on Tuesday after a week of protests.")]
    assert clean_lines(body, title="Minister resigns") == [body[1][1]]


def test_ingest_html_reads_a_fragment_such_as_a_feed_entry():
    fragment = ('<p>The minister resigned on Tuesday.</p><p>Her deputy takes over.</p>'
                '<script>alert("FRAGMENT_SCRIPT")</script>')
    result = extract_html(fragment)
    assert result.paragraphs == ["The minister resigned on Tuesday.", "Her deputy takes over."]


def test_ingest_html_reads_xhtml_with_an_encoding_declaration(data_dir):
    root = '<html xmlns="http://www.w3.org/1999/xhtml">'
    xhtml = ('<?xml version="1.0" encoding="utf-8"?>\n'
             + page(data_dir, "bare_page.html").replace("<html>", root))
    assert len(extract_html(xhtml).paragraphs) == 3


def test_ingest_html_keeps_quoted_social_post_but_not_share_buttons(data_dir):
    result = extract_html(page(data_dir, "embedded_post.html"))
    assert "The point of the campaign is to get people talking about the crisis" in result.text
    assert result.paragraphs[-1].startswith("State officials said a second phase")
    assert "Share on Twitter" not in result.text and "widgets.js" not in result.text


def test_ingest_html_published_skips_an_earlier_updated_line():
    html = ("<html><body><article><h1>Ferry service resumes</h1>"
            "<time>Updated November 21, 2019</time><time>November 19, 2019</time>"
            + "<p>The ferry between the two islands resumed on Tuesday after repairs.</p>" * 8
            + "</article></body></html>")
    assert extract_html(html).published == "2019-11-19"
