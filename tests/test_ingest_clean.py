"""The plain-text cleaner: chrome out, prose in, metadata recovered."""

from __future__ import annotations

import re

import pytest

from crosswire.ingest.clean import clean_document, clean_plain_text, normalise_text
from crosswire.errors import UnsupportedInput
from crosswire.models import RawDocument

CHROME = re.compile(
    r"^(Menu|Search|Close)$|Sign up|Welcome to|All rights reserved|Copyright|©|Wikimedia|Getty|"
    r"Follow the topics|Market Data|Categories|External Links|Further Reading|\]\(|\*\*|^\s*[*•-]\s",
    re.I | re.M,
)


def test_clean_wire_copy_removes_chrome_and_keeps_prose(data_dir):
    result = clean_plain_text((data_dir / "clean" / "wire_copy.txt").read_text())
    body = "\n".join(result.paragraphs)
    assert not CHROME.search(body), body
    assert result.paragraphs[0].startswith("Exports through the port of Northport")
    assert result.paragraphs[-1] == "Talks are scheduled to resume on Thursday."
    assert "Related stories" not in body and "Northport union elects" not in body
    # the caption and the headline are not body text
    assert "Photo:" not in body and "Harbour Strike Halts" not in body


def test_clean_rejoins_number_broken_across_lines(data_dir):
    result = clean_plain_text((data_dir / "clean" / "wire_copy.txt").read_text())
    assert "asking for a 9.5 percent raise" in "\n".join(result.paragraphs)


def test_clean_strips_markdown_debris():
    assert normalise_text("asked [Japan](#) to pay **4 percent** and *5% of GDP*") == (
        "asked Japan to pay 4 percent and 5% of GDP"
    )
    assert normalise_text("see [the report](https://x.org/a_(b)) now") == "see the report now"


def test_clean_recovers_header_metadata(data_dir):
    result = clean_plain_text((data_dir / "clean" / "wire_copy.txt").read_text())
    assert result.title == "Harbour Strike Halts Exports at Northport for Third Day"
    assert result.authors == ["Maria Lindqvist", "Tom O'Reilly"]
    assert result.published == "2024-03-04"
    assert result.outlet == "Baltic Wire"


def test_clean_drops_further_reading_block_and_headings(data_dir):
    result = clean_plain_text((data_dir / "clean" / "blog_repost.md").read_text())
    body = "\n".join(result.paragraphs)
    assert "Further Reading" not in body and "Transit Weekly" not in body
    assert result.headings == ["The Decision and Its Background"]
    assert len(result.paragraphs) == 3
    # no evidence of an outlet: None, never a guess
    assert result.outlet is None and result.title is None and result.published is None


def test_clean_document_gives_stable_content_id():
    a = clean_document(RawDocument(source="a.txt", content="Menu\n\nThe mayor of Eastvale resigned on Friday after a vote of no confidence in the council."))
    b = clean_document(RawDocument(source="b.txt", content="The mayor of Eastvale resigned on Friday after a vote of no confidence in the council.\n\nClose"))
    assert a.id == b.id and a.source == "a.txt" and b.source == "b.txt"
    assert a.language == "en"


def test_clean_document_without_text_is_rejected():
    with pytest.raises(UnsupportedInput):
        clean_document(RawDocument(source="x.txt", content="Menu\n\nSearch\n\nClose"))


# ---------------------------------------------------------------- the demo corpus

DEMO_EXPECTED = {
    "000": dict(outlet=None, published="2025-07-21", authors=[],
                title="Japan Cancels Key Security Talks Following U.S. Defense-Spending Pressure"),
    "001": dict(outlet=None, published=None, authors=[], title=None),
    "002": dict(outlet="EconoTimes", published=None, authors=[],
                title="Japan Cancels Security Talks with U.S. Amid Defense Budget Dispute"),
    "003": dict(outlet="PEN", published=None, authors=[], title=None),
    "004": dict(outlet="Financial Times", published="2025-06-20",
                authors=["Demetri Sevastopulo", "Leo Lewis", "Henry Foy"],
                title="Japan scraps US meeting after Washington demands more defence spending"),
}


@pytest.mark.parametrize("prefix", sorted(DEMO_EXPECTED))
def test_clean_demo_article_metadata_and_body(demo_dir, prefix):
    path = next(demo_dir.glob(f"{prefix}_*.txt"))
    article = clean_document(RawDocument(source=str(path), content=path.read_text()))
    for field, expected in DEMO_EXPECTED[prefix].items():
        assert getattr(article, field) == expected, field
    assert not CHROME.search(article.text)
    assert "\n\npercent" not in article.text and "Planned 2+2 Meeting Scrapped" not in article.text
    assert not article.text.startswith("ISLAMABAD")
