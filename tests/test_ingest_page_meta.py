"""Publication dates and bylines of HTML pages: the failures seen on held-out news pages."""

from __future__ import annotations

import pytest

from crosswire.ingest.html import extract_html, split_authors

BODY = "<p>The ferry between the two islands resumed on Tuesday after three weeks of repairs.</p>" * 6


def page(head: str = "", body: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}<article><h1>Ferry resumes</h1>{BODY}</article></body></html>"


def ld(**fields) -> str:
    import json

    return ('<script type="application/ld+json">'
            + json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", **fields})
            + "</script>")


# ------------------------------------------------------------------------------ dates


def test_page_meta_a_time_labelled_last_updated_is_not_the_published_date():
    html = page(body="<p>Last Updated: <time>March 5, 2024</time></p>"
                     "<p>Published: <time>March 1, 2024</time></p>")
    assert extract_html(html).published == "2024-03-01"


def test_page_meta_an_updated_time_never_beats_the_declared_published_date():
    html = page(head=ld(datePublished="2024-03-01T09:00:00+01:00",
                        dateModified="2024-03-05T10:00:00+01:00"),
                body='<div class="meta"><span>Updated</span> <time>March 5, 2024</time></div>')
    assert extract_html(html).published == "2024-03-01"


def test_page_meta_another_items_time_does_not_beat_the_pages_metadata():
    html = page(head='<meta property="article:published_time" content="2024-03-01T08:00:00Z">'
                     + ld(datePublished="2024-03-01T08:00:00Z"),
                body='<section class="more-stories"><div><h3>Older story</h3>'
                     '<time datetime="2024-02-20">Feb 20, 2024</time></div></section>')
    assert extract_html(html).published == "2024-03-01"


def test_page_meta_placeholder_declared_date_gives_way_to_the_visible_line():
    html = page(head=ld(datePublished="0001-01-01T00:00:00Z"),
                body='<div class="publish-date">Published 11:11 PM EST Nov 19, 2019</div>')
    assert extract_html(html).published == "2019-11-19"


# ------------------------------------------------------------------------------ authors


def test_page_meta_visible_byline_wins_over_a_login_word_in_the_metadata():
    html = page(head='<meta name="author" content="Log In">',
                body='<div class="byline">By Erin Cunningham</div>')
    assert extract_html(html).authors == ["Erin Cunningham"]


def test_page_meta_keeps_every_author_of_the_byline_when_the_metadata_names_one():
    html = page(head='<meta name="author" content="Jane Doe">',
                body='<p class="byline">By Jane Doe, Ali Khan and Mei Lin</p>')
    assert extract_html(html).authors == ["Jane Doe", "Ali Khan", "Mei Lin"]


def test_page_meta_reads_every_json_ld_author_and_skips_the_organisation():
    html = page(head=ld(author=[{"@type": "Person", "name": "Jane Doe"},
                                {"@type": "Person", "name": "Ali Khan"},
                                {"@type": "Organization", "name": "Daily Example"}]))
    assert extract_html(html).authors == ["Jane Doe", "Ali Khan"]


def test_page_meta_the_outlet_is_no_author():
    html = page(head='<meta property="og:site_name" content="The Daily Example">'
                     '<meta name="author" content="The Daily Example">')
    assert extract_html(html).authors == []


def test_page_meta_a_declared_one_word_name_is_kept_but_not_the_sites_domain():
    assert extract_html(page(head='<meta name="author" content="Steffi">')).authors == ["Steffi"]
    html = page(head='<link rel="canonical" href="https://seglerblog.example.de/a">'
                     '<meta name="author" content="Seglerblog">')
    assert extract_html(html).authors == []


def test_page_meta_reads_a_german_byline_with_its_date():
    html = page(body='<div class="metaInfo">Ein Artikel von <strong>Pamela Sladky</strong>'
                     ' | 27.01.2022 - 12:45</div>')
    assert extract_html(html).authors == ["Pamela Sladky"]


@pytest.mark.parametrize("byline, names", [
    ("Ben Silverman Games Editor", ["Ben Silverman"]),
    ("By Ben Silverman, Senior Staff Writer", ["Ben Silverman"]),
    ("Joshua Sokol May", ["Joshua Sokol"]),
    ("Theresa May", ["Theresa May"]),
    ("Jane Doe; JANE DOE; jane doe", ["Jane Doe"]),
    ("CLARA LÖW, SIDDHARTH PRAKASH & KLAUS JACOB", ["Clara Löw", "Siddharth Prakash", "Klaus Jacob"]),
    ("Ebb Org", []),
    ("Diego Armando Maradona", ["Diego Armando Maradona"]),
    ("Über Steffi", []),
    ("Veröffentlicht von Cem Basman", ["Cem Basman"]),
    ("Projektleiterin der HSS in Tunesien", []),
    ("Anonymous Contributor", []),
    ("'Luana Patriolino", ["Luana Patriolino"]),
])
def test_page_meta_trims_bylines_to_person_names(byline, names):
    assert split_authors(byline) == names


@pytest.mark.parametrize("byline, names", [
    ("Christoph von Eichhorn", ["Christoph von Eichhorn"]),
    ("Von Christoph von Eichhorn", ["Christoph von Eichhorn"]),
    ("Analysis by Chris Cillizza", ["Chris Cillizza"]),
    ("Emily Co", ["Emily Co"]),
])
def test_page_meta_keeps_name_particles_and_short_surnames(byline, names):
    assert split_authors(byline) == names


def test_page_meta_the_librarys_one_word_answer_is_kept_only_when_it_is_the_whole_answer():
    from crosswire.ingest.bylines import page_authors
    from trafilatura.utils import load_html

    tree = load_html(page())
    assert page_authors(tree, library_author="Steffi") == ["Steffi"]
    assert page_authors(tree, library_author="example.de, Frankfurt, Germany") == []


def test_page_meta_a_utc_stamp_gives_way_to_the_outlets_dateline_one_day_earlier():
    html = page(head='<meta property="article:published_time" content="2019-11-19T07:03:25+00:00">'
                     + ld(datePublished="2019-11-19T07:03:25+00:00"),
                body='<div class="dateline">November 18, 2019</div>')
    assert extract_html(html).published == "2019-11-18"


def test_page_meta_a_local_stamp_keeps_its_day_over_a_dateline_one_day_off():
    html = page(head=ld(datePublished="2019-11-19T07:03:25+01:00"),
                body='<div class="dateline">November 18, 2019</div>')
    assert extract_html(html).published == "2019-11-19"


@pytest.mark.parametrize("line", [
    "<p>Klimaneutralität von Unternehmen</p>",
    "<p><em>Photo by Jane Doe</em></p>",
    "<p>Die Ausstellung von Maria von Ungarn</p>",
])
def test_page_meta_a_line_with_von_or_by_inside_is_no_byline(line):
    assert extract_html(page(body=line)).authors == []


def test_page_meta_a_shown_full_name_completes_a_declared_first_name():
    html = page(head='<meta name="author" content="Henry">',
                body='<div class="author-name">Von Henry Steinhau</div>')
    assert extract_html(html).authors == ["Henry Steinhau"]


def test_page_meta_an_address_in_the_author_tag_is_no_author():
    html = page(head='<meta name="author" content="example.de, Frankfurt, Germany">')
    assert extract_html(html).authors == []


def test_page_meta_the_outlet_named_with_its_article_and_beside_a_title_is_no_author():
    html = page(head='<meta property="og:site_name" content="Achtsam durch die Krise | Die FURCHE">'
                     '<meta name="author" content="Die Furche">')
    assert extract_html(html).authors == []


@pytest.mark.parametrize("block", [
    '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": ["2020"],'
    ' "author": {"name": ["x"]}, "publisher": "P"}</script>',
    '<script type="application/ld+json">{"@type": {"a": 1}, "author": 7, "@graph": 3}</script>',
    '<script type="application/ld+json">{not json</script>',
    '<script type="application/ld+json">' + "[" * 5000 + "]" * 5000 + "</script>",
    '<meta property="article:published_time" content="2020-02-30T00:00:00Z">'
    '<meta name="author" content="">',
])
def test_page_meta_malformed_metadata_never_crashes(block):
    result = extract_html(page(head=block))
    assert result.published is None or result.published >= "1995-01-01"
    assert isinstance(result.authors, list)


@pytest.mark.parametrize("byline, names", [
    ("Tom Krisher, AP Auto Writer", ["Tom Krisher"]),
    ("STEVE PEOPLES, AP National Political Writer", ["Steve Peoples"]),
    ("The Russian and Syrian defense ministries", []),
    ("Finian Cunningham. Sputnik International", ["Finian Cunningham"]),
    ("Sean Martin Sean Martin", ["Sean Martin"]),
    ("Jeff FoustMonday, November 18, 2019", ["Jeff Foust"]),
    ("Bruce Y. Lee", ["Bruce Y. Lee"]),
])
def test_page_meta_trims_agency_titles_repeats_and_glued_days(byline, names):
    assert split_authors(byline) == names


def test_page_meta_the_inner_byline_naming_more_authors_wins_over_its_section():
    html = page(body='<div class="byline-section"><span class="author">Lisa Kaczke and Trevor J.'
                     ' Mitchell</span> <span>Sioux Falls Argus Leader Published 10:02 AM EST Nov'
                     ' 19, 2019</span></div>')
    assert extract_html(html).authors == ["Lisa Kaczke", "Trevor J. Mitchell"]


def test_page_meta_a_byline_of_linked_names_keeps_them_all():
    html = page(body='<div class="byline">By <a class="author" href="/a">Jane Doe</a> and'
                     ' <a class="author" href="/b">Ali Khan</a></div>')
    assert extract_html(html).authors == ["Jane Doe", "Ali Khan"]


def test_page_meta_an_all_capitals_name_before_its_title_is_kept():
    assert split_authors("JANE DOE STAFF WRITER") == ["Jane Doe"]


def test_page_meta_a_declared_acronym_alone_is_no_author():
    assert extract_html(page(head='<meta name="author" content="KWCHCIK">')).authors == []


def test_page_meta_an_outlet_glued_after_the_last_name_is_cut():
    assert split_authors("LISA MASCARO; ERIC TUCKER Associated Press") == ["Lisa Mascaro", "Eric Tucker"]


def test_page_meta_reads_the_article_a_web_page_holds_as_its_main_entity():
    import json

    block = json.dumps({"@context": "https://schema.org", "@type": "WebPage",
                        "mainEntity": {"@type": "NewsArticle", "datePublished": "2021-06-02",
                                       "author": {"@type": "Person", "name": "Mei Lin"}}})
    html = page(head=f'<script type="application/ld+json">{block}</script>')
    result = extract_html(html)
    assert (result.published, result.authors) == ("2021-06-02", ["Mei Lin"])


def test_page_meta_reads_a_byline_in_a_list_of_the_articles_facts():
    html = page(body='<ul class="meta"><li><span class="meta-label">von Alexander Rosenkranz'
                     '</span></li><li>3. März 2022</li></ul>')
    assert extract_html(html).authors == ["Alexander Rosenkranz"]


def test_page_meta_reads_the_links_to_author_pages_as_the_byline():
    html = page(body='<span><a href="/ueber-uns/autoren/Clara-Loew">Clara Löw</a>, '
                     '<a href="/ueber-uns/autoren/Siddharth-Prakash">Siddharth Prakash</a> &amp; '
                     '<a href="/ueber-uns/autoren/Klaus-Jacob">Klaus Jacob</a></span>')
    assert extract_html(html).authors == ["Clara Löw", "Siddharth Prakash", "Klaus Jacob"]


def test_page_meta_a_link_to_a_topic_page_of_a_person_is_no_byline():
    html = page(body='<p><a href="https://example.org/topics/people/donald-trump.html">Donald'
                     ' Trump</a></p>')
    assert extract_html(html).authors == []
