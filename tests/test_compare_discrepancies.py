"""Discrepancies on small hand-annotated stories: numeric, status, temporal, attribution."""

from __future__ import annotations

import datetime as dt

from test_compare_align import dossier, load_case

from crosswire.compare import build_dossier
from crosswire.compare.discrepancies import named_source, reference_dates
from crosswire.models import Article, LineageEdge, Story


def _of(d, kind, pred=lambda x: True):
    return [x for x in d.discrepancies if x.kind == kind and pred(x)]


def _values(x):
    return {p.value for p in x.positions}


def _holders(x, value_part):
    return next(p.articles for p in x.positions if value_part in p.value)


def test_compare_discrepancies_numeric_different_values():
    d = dossier("independent.json")
    (x,) = _of(d, "numeric")
    assert set(_holders(x, "15 million")) == {"east"}
    assert {"north", "south", "copy"} <= set(_holders(x, "12 million"))
    for p in x.positions:
        assert len(p.evidence) == len(p.articles) and all(p.evidence)


def test_compare_discrepancies_numeric_baseline_request_vs_level():
    d = dossier("hearing.json")
    base = _of(d, "numeric", lambda x: any("earlier" in v for v in _values(x)))
    assert base, [x.positions for x in d.discrepancies]
    x = base[0]
    assert _holders(x, "earlier demand") == ["courier", "wire"]
    assert _holders(x, "earlier level") == ["repost"]


def test_compare_discrepancies_status_cancelled_vs_postponed():
    d = dossier("hearing.json")
    (x,) = _of(d, "status")
    assert set(_holders(x, "cancel")) == {"courier", "wire", "repost"}
    assert _holders(x, "postpone") == ["wire"]
    assert any("postponed" in e for p in x.positions for e in p.evidence)


def test_compare_discrepancies_contested_claims_marked():
    d = dossier("hearing.json")
    contested = [c for c in d.claims if c.status == "contested"]
    assert any(c.kind == "event" and "postpone" in c.text for c in contested)


def test_compare_discrepancies_temporal_dates_disagree():
    d = dossier("independent.json")
    xs = _of(d, "temporal")
    assert any(_values(x) == {"2023-09-09", "2023-09-07"} for x in xs)


def test_compare_discrepancies_anachronism_own_publication_date():
    d = dossier("hearing.json")
    late = _of(d, "temporal", lambda x: "upcoming" in x.positions[0].value)
    assert [x.positions[0].articles for x in late] == [["repost"]]
    assert "looming" in late[0].positions[0].evidence[0]


def test_compare_discrepancies_anachronism_reference_from_lineage():
    # An undated article that cites a source published on March 10 cannot call March 8 upcoming.
    story, arts, exs, edges = load_case("hearing.json")
    courier = next(a for a in arts if a.id == "courier")
    courier.published = "2024-03-10"
    wire = next(a for a in arts if a.id == "wire")
    wire.published = None
    # the wire's own text calls March 8 "set for": make it future-looking
    exs["wire"].dates[0].tense = "future"
    wire.text = wire.text.replace("that had been set for", "at the upcoming session on")
    d0 = exs["wire"].dates[0]
    d0.start = wire.text.index("March 8")
    d0.end = d0.start + len("March 8")
    for m in exs["wire"].quantities + exs["wire"].events + exs["wire"].attributions + exs["wire"].entities:
        m.start = wire.text.index(m.text)
        m.end = m.start + len(m.text)
    from crosswire.extract.numbers import sentence_bounds
    exs["wire"].sentences = sentence_bounds(wire.text)
    d = build_dossier(story, arts, exs, edges)
    late = _of(d, "temporal", lambda x: "upcoming" in x.positions[0].value and x.positions[0].articles == ["wire"])
    assert late and "Valley Courier" in late[0].positions[0].value


def test_compare_discrepancies_past_schedule_is_not_anachronism():
    d = dossier("hearing.json")
    # the re-post says March 8 was "originally planned": past, not upcoming
    assert not _of(d, "temporal", lambda x: "2024-03-08" in x.positions[1].value)


def test_compare_discrepancies_attribution_swapped_source():
    d = dossier("independent.json")
    xs = _of(d, "attribution")
    assert xs
    vals = set().union(*(_values(x) for x in xs))
    assert {"Transport Agency", "Port Office"} <= vals


def test_compare_discrepancies_single_article_figures_are_not_discrepancies():
    text = "Sales rose 4% in May. Costs rose 9% in May."
    arts = [Article(id="a", source="a", text=text), Article(id="b", source="b", text="Nothing here at all, really.")]
    from crosswire.models import Extraction, QuantityMention
    ex = Extraction(id="a", quantities=[
        QuantityMention("4%", text.index("4%"), text.index("4%") + 2, 4.0, "%", None),
        QuantityMention("9%", text.index("9%"), text.index("9%") + 2, 9.0, "%", None),
    ])
    d = build_dossier(Story(id="s", article_ids=["a", "b"]), arts, {"a": ex}, [])
    assert not d.discrepancies


def test_compare_discrepancies_reference_dates_take_max_of_lineage():
    arts = [Article(id="a", source="a", text="", published="2024-01-05", outlet="Alpha"),
            Article(id="b", source="b", text="", published="2024-01-01"),
            Article(id="c", source="c", text="")]
    edges = [LineageEdge("b", "Alpha", "cites"), LineageEdge("c", "b", "copies")]
    refs = reference_dates(Story(id="s", article_ids=["a", "b", "c"]), arts, edges)
    assert refs["a"][0] == dt.date(2024, 1, 5)
    assert refs["b"][0] == dt.date(2024, 1, 5)
    assert refs["c"][0] == dt.date(2024, 1, 5)


def test_compare_discrepancies_named_source_skips_anonymous():
    assert named_source("Reuters") and named_source("the Financial Times")
    assert named_source("a U.S. official") is None
    assert named_source("three people familiar with the matter") is None


def test_compare_discrepancies_status_imposed_vs_under_consideration():
    d = dossier("tariffs.json")
    xs = _of(d, "status", lambda x: any("impose" in v for v in _values(x)))
    assert xs and _holders(xs[0], "impose") == ["gazette"] and _holders(xs[0], "consider") == ["courier"]


def test_compare_discrepancies_status_asserted_vs_negated():
    d = dossier("tariffs.json")
    xs = _of(d, "status", lambda x: any("resign" in v for v in _values(x)))
    assert xs and {v for v in _values(xs[0])} == {"resign", "did not resign"}
