"""The contract's JSON: field names, and the schema the project keeps."""

from __future__ import annotations

import jsonschema
import pytest

from crosswire.models import Analysis, Article, Dossier, Extraction, QuantityMention, Rejection, Story
from crosswire.report.json import analysis_to_dict, extraction_to_dict, validate_analysis


def _analysis() -> Analysis:
    article = Article(id="a1", source="x.txt", text="Some text.", role="origin")
    dossier = Dossier(story=Story(id="s1", article_ids=["a1"], origin="a1"), articles=[article])
    return Analysis(stories=[dossier], rejected=[Rejection("bad.bin", "binary file")])


def test_report_json_follows_the_contract_field_names():
    doc = analysis_to_dict(_analysis())
    assert doc["schema"] == "crosswire/analysis@1"
    dossier = doc["stories"][0]
    assert set(dossier) == {"schema", "story", "articles", "claims", "discrepancies", "timeline", "entities",
                            "quotes", "lineage", "summary"}
    # The contract's ARTICLE, plus the added published_at (the contract allows added fields).
    assert set(dossier["articles"][0]) == {"id", "source", "outlet", "title", "authors", "published", "url",
                                           "language", "role", "based_on", "text", "published_at"}
    validate_analysis(doc)


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d["stories"][0].pop("lineage"),
        lambda d: d["stories"][0]["articles"][0].update(role="boss"),
        lambda d: d["stories"][0]["story"].update(first_published="20 June"),
        lambda d: d.update(schema="crosswire/analysis@2"),
        lambda d: d["rejected"][0].pop("error"),
    ],
)
def test_report_json_schema_rejects_broken_documents(breakage):
    doc = analysis_to_dict(_analysis())
    breakage(doc)
    with pytest.raises(jsonschema.ValidationError):
        validate_analysis(doc)


def test_report_json_extraction_line_has_offsets_and_contract_fields():
    ext = Extraction(id="r1", quantities=[QuantityMention("3.5%", 10, 14, 3.5, "%", "defence spending", None, sentence="s")])
    line = extraction_to_dict(ext)
    assert set(line) == {"id", "quantities", "dates", "entities", "quotes", "attributions", "events"}
    q = line["quantities"][0]
    assert (q["text"], q["start"], q["end"], q["amount"], q["unit"]) == ("3.5%", 10, 14, 3.5, "%")
    assert "sentence" not in q
    assert extraction_to_dict(Extraction(id="r2", error="no text")) == {"id": "r2", "error": "no text"}
