"""Timeline and summary of a dossier built from hand-annotated stories."""

from __future__ import annotations

import re

from test_compare_align import dossier


def test_compare_timeline_sorted_and_formatted():
    d = dossier("hearing.json")
    dates = [t.date for t in d.timeline]
    assert dates == sorted(dates)
    assert all(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", x) for x in dates)
    assert {"2024-03-08", "2024-03-20"} <= set(dates)


def test_compare_timeline_entries_cite_articles_and_claims():
    d = dossier("hearing.json")
    claim_ids = {c.id for c in d.claims}
    entry = next(t for t in d.timeline if t.date == "2024-03-08")
    assert set(entry.articles) == {"courier", "wire", "repost"}
    assert entry.claims and set(entry.claims) <= claim_ids


def test_compare_summary_cites_articles_in_every_sentence():
    d = dossier("hearing.json")
    ids = {a.id for a in d.articles}
    assert 3 <= len(d.summary) <= 6
    for s in d.summary:
        assert s.text and s.citations and set(s.citations) <= ids


def test_compare_summary_core_first_then_flags():
    d = dossier("hearing.json")
    first = d.summary[0]
    assert len(first.citations) >= 2  # corroborated core comes first
    flags = " ".join(s.text for s in d.summary[1:])
    assert "disagree" in flags or "single source" in flags
