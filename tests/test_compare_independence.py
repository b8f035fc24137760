"""Independent sources: copies, citations and shared credited sources collapse into one."""

from __future__ import annotations

from test_compare_align import claim_with, dossier, load_case

from crosswire.compare import build_dossier
from crosswire.compare.independence import Independence
from crosswire.models import Article, Claim, LineageEdge, Support


def _arts(*ids, outlets=None):
    outlets = outlets or {}
    return [Article(id=i, source=i, text="x", outlet=outlets.get(i)) for i in ids]


def _claim(*support):
    return Claim(id="c", kind="other", text="t", support=[Support(a, "e", src) for a, src in support])


def test_compare_independence_five_outlets_one_scoop_is_one_source():
    arts = _arts("ft", "a", "b", "c", "d", outlets={"ft": "Financial Times"})
    edges = [LineageEdge("a", "Financial Times", "cites"), LineageEdge("b", "ft", "rewrites")]
    claim = _claim(("ft", None), ("a", None), ("b", None), ("c", "the FT"), ("d", "FT"))
    assert Independence(arts, edges).count(claim) == 1


def test_compare_independence_separate_reporting_counts_twice():
    arts = _arts("a", "b")
    assert Independence(arts, []).count(_claim(("a", None), ("b", None))) == 2
    assert Independence(arts, []).count(_claim(("a", "a U.S. official"), ("b", "A US official"))) == 1
    assert Independence(arts, []).count(_claim(("a", "Reuters"), ("b", "Nikkei"))) == 2


def test_compare_independence_copy_chain_is_transitive():
    arts = _arts("a", "b", "c")
    edges = [LineageEdge("b", "a", "copies"), LineageEdge("c", "b", "copies")]
    assert Independence(arts, edges).count(_claim(("a", None), ("b", None), ("c", None))) == 1


def test_compare_independence_status_on_dossier_claims():
    d = dossier("independent.json")
    closed = claim_with(d, "event", lambda c: "close" in c.text)
    # north and its copy are one origin; south and east report on their own
    assert closed.outlets == 4
    assert closed.independent_sources == 3
    # the East Bulletin dates the closure September 7: the claim is contested
    assert closed.status == "contested"


def test_compare_independence_citation_edge_to_outlet_collapses_into_its_article():
    d = dossier("hearing.json")
    hearing = claim_with(d, "event", lambda c: c.date == "2024-03-08")
    # wire cites the Valley Courier (courier's outlet); repost credits nobody
    assert hearing.independent_sources == 2


def test_compare_independence_without_edges_copy_counts_as_separate():
    story, arts, exs, _ = load_case("independent.json")
    d = build_dossier(story, arts, exs, [])
    closed = claim_with(d, "event", lambda c: "close" in c.text)
    assert closed.independent_sources == 4
