"""The demo rendered in every format: the same [n] per article, the same names, the same marks.

Each format is read back the way a reader would see it (the Markdown's tables and source list,
the HTML's matrix and article list, the CSV header and cells, the JSON article order), and the
formats are compared with one another rather than with a hard-coded answer.
"""

from __future__ import annotations

import csv
import html as htmllib
import io
import json
import re

import pytest

import crosswire
from conftest import DEMO
from crosswire.report.exports import render_csv
from crosswire.report.html import render_html
from crosswire.report.json import dossier_to_dict
from crosswire.report.markdown import render_markdown

_MD_UNESCAPE = re.compile(r"\\([\\`*_{}\[\]<>()#+!|~])")
_MARK = {"\u25cf": "supported", "\u2715": "contradicts", "\u00b7": "silent"}


def md_text(s: str) -> str:
    return " ".join(_MD_UNESCAPE.sub(r"\1", s).split())


def html_text(s: str) -> str:
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", s)).split())


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    with crosswire.Store(tmp_path_factory.mktemp("formats") / "crosswire.db") as store:
        (dossier,) = store.analyze([str(DEMO)]).stories
    return {"dossier": dossier, "md": render_markdown(dossier), "html": render_html(dossier),
            "csv": list(csv.reader(io.StringIO(render_csv(dossier)))), "json": dossier_to_dict(dossier)}


def md_sources(md: str) -> dict[int, tuple[str, str]]:
    """[n] -> (name, where) from the Markdown's "Sources" list."""
    part = md[md.index("## Sources"):]
    out = {}
    for m in re.finditer(r"^\[(\d+)\] (.+?): .* \((.+)\)$", part, re.M):
        out[int(m.group(1))] = (md_text(m.group(2)), md_text(m.group(3)))
    return out


def md_article_rows(md: str) -> dict[int, str]:
    part = md[md.index("## Articles"):md.index("## Claims")]
    return {int(m.group(1)): md_text(m.group(2)) for m in re.finditer(r"^\| \[(\d+)\] \| (.+?) \|", part, re.M)}


def html_articles(page: str) -> dict[int, tuple[str, str]]:
    """[n] -> (name, source) from the HTML's article list."""
    part = page[page.index('<section id="articles"'):]
    out = {}
    for m in re.finditer(r'<li id="article-(\d+)".*?<span class="label">\[(\d+)\]</span>.*?'
                         r'<strong class="outlet">(.*?)</strong>.*?<p class="meta">(.*?)</p>', part, re.S):
        assert m.group(1) == m.group(2)  # the anchor and the label agree
        meta = html_text(m.group(4)).split(" · ")
        out[int(m.group(2))] = (html_text(m.group(3)), meta[-1] if len(meta) == 1 else
                                next(x for x in meta if not x.startswith(("by ", "based on"))))
    return out


def md_matrix(md: str) -> tuple[list[str], dict[str, list[str]]]:
    part = md[md.index("## Claims"):md.index("## Discrepancies")]
    lines = [line for line in part.splitlines() if line.startswith("| ")]
    header = [c.strip() for c in lines[0].strip("|").split(" | ")]
    rows = {}
    for line in lines[1:]:
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
        rows[md_text(cells[0])] = [_MARK[c] for c in cells[1:len(header) - 3]]
    return header, rows


def html_matrix(page: str) -> tuple[list[str], dict[str, list[str]]]:
    part = page[page.index('<section id="matrix"'):page.index('<section id="discrepancies"')]
    head = part[part.index("<thead>"):part.index("</thead>")]
    header = [html_text(h) for h in re.findall(r"<th scope=\"col\"[^>]*>(.*?)</th>", head, re.S)]
    labels = re.findall(r">(\[\d+\])</a>", head)
    rows = {}
    for m in re.finditer(r'<tr id="claim-\d+".*?<summary><span class="kind">\w+</span>(.*?)</summary>(.*?)</tr>',
                         part, re.S):
        rows[html_text(m.group(1))] = re.findall(r'<td class="cell (\w+)"', m.group(2))
    return header + labels, rows


def test_report_formats_number_and_name_every_article_alike(demo):
    d, md, page, table, doc = demo["dossier"], demo["md"], demo["html"], demo["csv"], demo["json"]
    n = len(d.articles)
    sources = md_sources(md)
    assert sorted(sources) == list(range(1, n + 1))
    # Markdown: the articles table and the sources list give each number the same name.
    assert md_article_rows(md) == {k: name for k, (name, _) in sources.items()}
    # HTML: the article list gives each number the same name and the same source file.
    assert html_articles(page) == sources
    # CSV: the article columns are "[n] name" in the same order.
    assert table[0][5:] == [f"[{k}] {sources[k][0]}" for k in range(1, n + 1)]
    # JSON: articles[n - 1] is the article the other formats call [n].
    assert [a["source"] for a in doc["articles"]] == [sources[k][1] for k in range(1, n + 1)]
    # Names are for readers: no format falls back to an internal id.
    assert not {a.id for a in d.articles} & {name for name, _ in sources.values()}


def test_report_formats_mark_support_contradiction_and_silence_alike(demo):
    md, page, table = demo["md"], demo["html"], demo["csv"]
    md_head, md_rows = md_matrix(md)
    html_head, html_rows = html_matrix(page)
    csv_rows = {" ".join(r[2].split()): r[5:] for r in table[1:]}
    assert md_rows and md_rows == csv_rows == html_rows
    assert any("contradicts" in marks for marks in md_rows.values())  # the demo has contradictions
    # One vocabulary: the same column names in Markdown and HTML, and a legend in both.
    for head in (md_head, html_head):
        assert "independent sources" in head and "sources" not in head and "Indep." not in head
    assert md_head[1:1 + len(md_rows[next(iter(md_rows))])] == [f"[{k}]" for k in range(1, len(table[0]) - 4)]
    for text in (md, html_text(page)):
        assert re.search(r"\u25cf supports; \u2715 contradicts .*\u00b7 silent", text)


def test_report_formats_cite_summary_and_contradictions_alike(demo):
    d, md, page, doc = demo["dossier"], demo["md"], demo["html"], demo["json"]
    number = {a["id"]: i for i, a in enumerate(doc["articles"], start=1)}
    md_summary = re.findall(r"^- .*? ((?:\[\d+\])+)$", md[md.index("## Summary"):md.index("## Articles")], re.M)
    html_summary = re.findall(r"<li>.*?((?:<a class=\"cite\"[^>]*>\[\d+\]</a>)+)</li>",
                              page[page.index('id="summary"'):page.index('id="matrix"')])
    want = ["".join(f"[{k}]" for k in sorted(number[c] for c in s["citations"])) for s in doc["summary"]]
    assert md_summary == want
    assert [html_text(h) for h in html_summary] == want
    # A contested claim lists who contradicts it and links its discrepancy, in Markdown and HTML.
    md_head, _ = md_matrix(md)
    assert md_head[-1] == "contradicted by"
    assert re.search(r"\| (?:\[\d+\])+ \(\[D\d\]\(#d\d\)", md)
    for x in range(1, len(d.discrepancies) + 1):
        assert f'<a id="d{x}"></a>' in md and f'id="disc-{x}"' in page
    opened = re.findall(r'<div class="opposing">.*?</div>', page, re.S)
    assert opened and all('class="disc-link" href="#disc-' in o and "<li>" in o for o in opened)
