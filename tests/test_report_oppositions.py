"""Which articles contradict a claim, and which discrepancy it sits in, as every report shows it."""

from __future__ import annotations

from crosswire.models import Article, Claim, Discrepancy, Dossier, Position, Story, Support
from crosswire.report.exports import claim_matrix, oppositions
from crosswire.report.markdown import render_markdown

CANCEL = "Japan has cancelled the security meeting with the United States."
POSTPONE = "A U.S. official said the talks were postponed."
BOTH = "Japan called off the talks, which a U.S. official described as postponed."


def _dossier(claims: list[Claim], discrepancies: list[Discrepancy]) -> Dossier:
    ids = ["a", "b", "c", "d"]
    arts = [Article(id=i, source=f"{i}.txt", text=f"{CANCEL} {POSTPONE} {BOTH}", outlet=f"Outlet {i.upper()}",
                    published=f"2025-06-2{n}") for n, i in enumerate(ids)]
    return Dossier(story=Story(id="s", article_ids=ids, title="t"), articles=arts, claims=claims,
                   discrepancies=discrepancies)


STATUS = Discrepancy("d-status", "status", "what happened to the talks", [
    Position("cancel", ["a", "b", "c"], [CANCEL, BOTH]),
    Position("postpone", ["c", "d"], [POSTPONE, BOTH]),
])


def test_report_oppositions_word_value_matches_its_inflections():
    claim = Claim("c1", "event", CANCEL, support=[Support("a", CANCEL), Support("b", CANCEL)], status="contested")
    d = _dossier([claim], [STATUS])
    (opp,) = oppositions(d)["c1"]
    assert opp.side == 0 and opp.discrepancy.id == "d-status"
    # d says "postponed" only: it contradicts; c is on both sides: it does not.
    assert claim_matrix(d)["c1"] == {"a": "supported", "b": "supported", "c": "silent", "d": "contradicts"}
    row = next(line for line in render_markdown(d).splitlines() if line.startswith("| Japan has cancelled"))
    assert row.endswith("| contested | [4] ([D1](#d1)) |")


def test_report_oppositions_a_year_is_not_a_dated_position():
    temporal = Discrepancy("d-time", "temporal", "“July 20” called upcoming after the date had passed", [
        Position("described as upcoming (published 2025-07-21)", ["d"], [POSTPONE]),
        Position("dated 2025-07-20", ["a"], [CANCEL]),
    ])
    budget = Claim("c2", "quantity", "The defence budget for fiscal year 2025 is 9.9 trillion yen.", date="2025",
                   support=[Support("a", "The defence budget for fiscal year 2025 is 9.9 trillion yen.")])
    election = Claim("c3", "date", "The election is on July 20, 2025.", date="2025-07-20",
                     support=[Support("a", CANCEL)], status="contested")
    d = _dossier([budget, election], [temporal])
    assert oppositions(d)["c2"] == []
    assert set(claim_matrix(d)["c2"].values()) == {"supported", "silent"}
    assert [o.side for o in oppositions(d)["c3"]] == [1]
    assert claim_matrix(d)["c3"]["d"] == "contradicts"


def test_report_oppositions_markdown_anchors_stay_apart_across_stories():
    import re

    from crosswire.models import Analysis
    from crosswire.report.markdown import render_analysis_markdown

    claim = Claim("c1", "event", CANCEL, support=[Support("a", CANCEL)], status="contested")
    text = render_analysis_markdown(Analysis(stories=[_dossier([claim], [STATUS]), _dossier([claim], [STATUS])]))
    anchors = re.findall(r'<a id="([^"]+)"></a>', text)
    links = re.findall(r"\]\(#([^)]+)\)", text)
    assert len(anchors) == 2 and len(set(anchors)) == 2
    assert set(links) == set(anchors)
