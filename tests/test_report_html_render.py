"""The HTML dossier: every section, drawn charts, working citations, self-contained, and inert."""

from __future__ import annotations

import base64
import hashlib
import re
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from crosswire.models import Article, Dossier, LineageEdge, Story, TimelineEntry
from crosswire.report.html import STYLE_CSP_SOURCE, render_analysis_html, render_html

sys.path.insert(0, str(Path(__file__).parent / "data" / "web"))
import server as web_helpers  # noqa: E402

sample = web_helpers.load("sample")


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of <style> blocks."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


@pytest.fixture
def dossier() -> Dossier:
    return sample.build_dossier()


def test_report_html_has_every_section(dossier):
    html = render_html(dossier)
    for section in ("summary", "matrix", "discrepancies", "timeline", "lineage", "entities", "quotes", "articles"):
        assert f'id="{section}"' in html
    assert dossier.story.title in html
    assert "Elbridge Colby" in html and "Under Secretary of Defense for Policy" in html
    assert "Our defence budget is decided by Japan, not by others," in html


def test_report_html_citations_link_to_articles(dossier):
    tags = parse(render_html(dossier))
    ids = {a["id"] for _, a in tags.tags if "id" in a}
    cites = [a for t, a in tags.tags if t == "a" and a.get("class") == "cite"]
    assert len(cites) >= 10
    for a in cites:
        assert a["href"].startswith("#") and a["href"][1:] in ids


def test_report_html_matrix_marks_support_silence_and_contradiction(dossier):
    html = render_html(dossier)
    matrix = html[html.index('id="matrix"'):html.index('id="discrepancies"')]
    rows = dict(re.findall(r'<tr id="(claim-\d+)"(.*?)</tr>', matrix, re.S))
    assert len(rows) == len(dossier.claims)
    # The 3.5% claim: supported by A1 and A2, contradicted by A3 (which says 5%), A4/A5 silent.
    row = rows["claim-2"]
    cells = re.findall(r'<td class="cell (\w+)"', row)
    assert cells == ["supported", "supported", "contradicts", "silent", "silent"]
    assert "contested" in row and ">1</td>" in row  # status and independent sources


def test_report_html_matrix_puts_contested_first_and_folds_the_long_tail(dossier):
    from crosswire.models import Claim, Support
    from crosswire.report import html as report_html

    extra = [Claim(id=f"x{i}", kind="other", text=f"Filler claim {i}.", support=[Support("e5b44f", "x")])
             for i in range(report_html.MATRIX_ROWS + 5)]
    dossier.claims = extra + dossier.claims
    html = render_html(dossier)
    shown, folded = html.split('<details class="more-claims">')
    statuses = re.findall(r'<tr id="claim-\d+" class="row-([\w-]+)"', shown)
    assert len(statuses) == report_html.MATRIX_ROWS
    assert statuses[:4] == ["contested"] * 4 and statuses[4] == "corroborated"
    assert f"{len(dossier.claims) - report_html.MATRIX_ROWS} more claims" in folded
    assert folded.count('<tr id="claim-') == len(dossier.claims) - report_html.MATRIX_ROWS


def test_report_html_discrepancies_side_by_side_with_evidence(dossier):
    html = render_html(dossier)
    part = html[html.index('id="discrepancies"'):html.index('id="timeline"')]
    assert part.count('class="position"') == 4
    assert re.search(r"<blockquote>Tokyo scrapped the talks when the U.S. pressed for defence spending of 5% of GDP\."
                     r' <a class="cite" href="#article-3"[^>]*>\[3\]</a></blockquote>', part)
    assert "A cancellation and a postponement are different outcomes." in part


def test_report_html_draws_timeline_and_lineage_as_svg(dossier):
    tags = parse(render_html(dossier))
    svgs = [a for t, a in tags.tags if t == "svg"]
    assert {s["class"] for s in svgs} == {"chart timeline-chart", "chart lineage-graph"}
    circles = [a for t, a in tags.tags if t == "circle" and a.get("class", "").startswith("event")]
    assert len(circles) == len(dossier.timeline)
    html = render_html(dossier)
    graph = html[html.index('class="chart lineage-graph"'):]
    graph = graph[:graph.index("</svg>")]
    # Five articles plus the outside outlet; three labelled edges.
    assert graph.count('<g class="node') == 6
    assert graph.count('<g class="edge') == 3
    assert "copies 62%" in graph and "rewrites 35%" in graph and ">cites<" in graph


def test_report_html_lineage_puts_sources_left_of_borrowers(dossier):
    html = render_html(dossier)
    xs = {m.group(2): float(m.group(1)) for m in re.finditer(
        r'<rect x="([\d.]+)"[^>]*/>\s*<text[^>]*>(\[\d\])', html)}
    assert xs["[1]"] < xs["[2]"] and xs["[1]"] < xs["[3]"]


def test_report_html_standalone_loads_nothing_external(dossier):
    html = render_html(dossier)
    tags = parse(html)
    assert not [a for t, a in tags.tags if "src" in a]
    assert not [t for t, _ in tags.tags if t in ("link", "iframe", "img", "object", "embed")]
    assert [a.get("type") for t, a in tags.tags if t == "script"] == ["application/ld+json"]
    # The inline stylesheet is exactly the one STYLE_CSP_SOURCE allows.
    (css,) = tags.styles
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert STYLE_CSP_SOURCE == f"'sha256-{digest}'"
    assert "default-src 'none'" in html


def test_report_html_fragment_is_not_a_page(dossier):
    html = render_html(dossier, standalone=False)
    assert html.lstrip().startswith("<article")
    assert "<html" not in html and "<style" not in html and "<script" not in html


def hostile() -> Dossier:
    d = sample.build_dossier()
    evil = '<script>alert(1)</script><img src=x onerror=alert(1)>'
    d.story.title = "Title " + evil
    a = d.articles[0]
    a.title, a.outlet, a.text, a.paragraphs = evil, evil, evil, [evil]
    a.url = "javascript:alert(1)"
    d.claims[0].text = evil
    d.claims[0].support[0].evidence = evil
    d.discrepancies[0].positions[0].value = evil
    d.quotes[0].text = '</script><script>alert(1)</script>'
    d.lineage.append(LineageEdge(a.id, evil, "cites", None, evil))
    d.timeline[0].text = evil
    return d


def test_report_html_escapes_article_derived_strings():
    html = render_html(hostile())
    assert "<script>alert" not in html
    assert "<img" not in html and "onerror=alert(1)>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:" not in html
    tags = parse(html)
    assert not [a for t, a in tags.tags if any(k.startswith("on") for k in a)]
    assert [t for t, _ in tags.tags].count("script") == 1  # only the JSON-LD block


def test_report_html_analysis_page_indexes_stories_with_unique_ids():
    analysis = sample.build_analysis()
    html = render_analysis_html(analysis)
    tags = parse(html)
    ids = [a["id"] for _, a in tags.tags if "id" in a]
    assert len(ids) == len(set(ids))
    index = [a["href"] for t, a in tags.tags if t == "a" and a.get("href", "").endswith("-story")]
    assert index == ["#s1-story", "#s2-story"]
    assert "broken.bin" in html and "binary content" in html
    assert html.count('class="dossier"') == 2


def test_report_html_renders_an_empty_and_undated_dossier():
    d = Dossier(Story("s", ["x"]), [Article("x", "x.txt", "Text.")])
    html = render_html(d)
    assert "No claims were extracted." in html and "No dated events." in html
    assert "<svg" in html  # the lone article is still drawn


def test_report_html_timeline_orders_slots_and_marks_long_gaps():
    d = Dossier(Story("s", ["x"]), [Article("x", "x.txt", "T.", published="2024-02-11")],
                timeline=[TimelineEntry("2024-02-10/2024-02-12", "An interval."),
                          TimelineEntry("2019", "A year."), TimelineEntry("2024-02", "A month."),
                          TimelineEntry("2024-02-09", "A day."), TimelineEntry("bogus", "Unparseable.")])
    html = render_html(d)
    assert html.count('<circle class="event approx"') == 2  # the year and the month
    assert html.count('<circle class="event"') == 2
    labels = re.findall(r'<text class="tick-label"[^>]*>([^<]+)</text>', html)
    assert labels == ["2019", "2024-02", "2024-02-09", "2024-02-10/2024-02-12", "2024-02-11"]
    assert html.count('<g class="break">') == 1  # 2019 to 2024 is a long silence
    assert "Unparseable." in html  # still listed, just not placed on the axis


def test_report_html_bounds_huge_stories():
    arts = [Article(f"a{i}", f"{i}.txt", "Text.", outlet=f"Outlet {i}", published=f"2025-01-{i % 28 + 1:02d}")
            for i in range(400)]
    edges = [LineageEdge(f"a{i}", f"a{(i * 7) % 400}", "copies", 0.5, "x") for i in range(1, 1500)]
    edges.append(LineageEdge("a0", "a1", "cites", None, "cycle"))
    d = Dossier(Story("big", [a.id for a in arts]), arts, lineage=edges)
    start = time.perf_counter()
    html = render_html(d)
    assert time.perf_counter() - start < 5
    assert "The graph shows the first 60 nodes" in html
    graph = html[html.index('class="chart lineage-graph"'):]
    assert graph[:graph.index("</svg>")].count('<g class="node') == 60
