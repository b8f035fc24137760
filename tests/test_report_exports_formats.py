"""CSV claim matrix and JSON-LD claims exports of a dossier."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

from crosswire.models import Claim, Support
from crosswire.report.exports import claim_matrix, render_csv, render_jsonld

sys.path.insert(0, str(Path(__file__).parent / "data" / "web"))
import server as web_helpers  # noqa: E402

sample = web_helpers.load("sample")


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_report_exports_csv_has_one_row_per_claim_and_column_per_article():
    d = sample.build_dossier()
    table = rows(render_csv(d))
    assert table[0][:5] == ["claim_id", "kind", "text", "status", "independent_sources"]
    # Articles in reading order (by publication date), named for a reader, never by id.
    from crosswire.compare.naming import article_names

    names = article_names(d.articles)
    assert table[0][5:] == [f"[{n}] {names[i]}" for n, i in
                            enumerate(["a1f00d", "b2e11c", "c3d22b", "d4c33a", "e5b44f"], start=1)]
    assert not set(table[0][5:]) & {"a1f00d", "b2e11c", "c3d22b", "d4c33a", "e5b44f"}
    assert len(table) == 1 + len(d.claims)
    by_id = {r[0]: r for r in table[1:]}
    assert by_id["c-35pct"][1:5] == ["quantity", "The U.S. asked Japan to spend 3.5% of GDP on defence.",
                                     "contested", "1"]
    assert by_id["c-35pct"][5:] == ["supported", "supported", "contradicts", "silent", "silent"]
    assert by_id["c-date"][3:] == ["corroborated", "2", "supported", "silent", "silent", "supported", "silent"]


def test_report_exports_matrix_does_not_match_a_number_inside_another():
    # "5%" is a position of the numeric discrepancy; the 3.5% claim must not be read as holding it.
    m = claim_matrix(sample.build_dossier())
    assert m["c-5pct"]["a1f00d"] == "contradicts"
    assert m["c-35pct"]["c3d22b"] == "contradicts"
    # The spending claims are not about cancelled-vs-postponed: A4 is silent on them.
    assert m["c-35pct"]["d4c33a"] == "silent"
    assert m["c-cancel"]["d4c33a"] == "contradicts"


def test_report_exports_csv_defuses_spreadsheet_formulas():
    d = sample.build_dossier()
    d.claims.append(Claim(id="c-evil", kind="other", text='=HYPERLINK("http://x","y")',
                          support=[Support("a1f00d", "x")]))
    table = rows(render_csv(d))
    assert table[-1][2] == "'=HYPERLINK(\"http://x\",\"y\")"


def test_report_exports_jsonld_lists_claims_without_a_verdict():
    d = sample.build_dossier()
    doc = render_jsonld(d)
    json.dumps(doc)  # serialisable
    assert doc["@context"] == "https://schema.org"
    items = {r["identifier"]: r for r in doc["@graph"]}
    assert set(items) == {c.id for c in d.claims}
    # a plain Claim: no ClaimReview, no rating, no crosswire as author of anything
    text = json.dumps(doc)
    for word in ("ClaimReview", "reviewRating", "Corroborated", "author", "crosswire"):
        assert word not in text, word
    r = items["c-35pct"]
    assert r["@type"] == "Claim" and r["text"] == d.claims[1].text
    assert "3.5%: Financial Times, Asia Wire; 5%: Pacific Ledger" in r["description"]
    assert [a["publisher"]["name"] for a in r["appearance"]] == ["Financial Times", "Asia Wire"]
    assert r["firstAppearance"]["datePublished"] == "2025-06-20"
    assert "resting on" in items["c-date"]["description"]


def test_report_exports_jsonld_drops_non_http_urls():
    d = sample.build_dossier()
    d.articles[0].url = "javascript:alert(1)"
    text = json.dumps(render_jsonld(d))
    assert "javascript:" not in text
