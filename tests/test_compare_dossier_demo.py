"""The comparison stage on real extraction output: a small story of my own and the demo corpus."""

from __future__ import annotations

import pytest

from crosswire.compare import build_dossier
from crosswire.models import Article, Extraction, LineageEdge, Story



def _extract(articles: list[Article]) -> dict[str, Extraction]:
    """Run the real extraction stage."""
    from crosswire.extract.pipeline import Extractor

    recs = [(a.id, a.text, a.published) for a in articles]
    return {ex.id: ex for ex in Extractor().extract_many(recs)}


def _group(story: Story, articles: list[Article], exs: dict[str, Extraction]):
    """The grouping stage's lineage edges and roles, as the lead's pipeline draws them."""
    from crosswire.group.dedup import find_reuse
    from crosswire.group.lineage import assign_roles, find_citations

    edges = find_reuse(articles) + find_citations(articles, {i: e.attributions for i, e in exs.items()})
    story, articles = assign_roles(story, articles, edges)
    return story, articles, edges


@pytest.mark.slow
def test_compare_dossier_small_story_real_extraction():
    texts = {
        "a": ("2024-05-02", ("The Riverside school board cancelled its vote on the new budget on Tuesday, "
                             "the Riverside Gazette reported. The board wants a 6% increase in teacher pay.")),
        "b": ("2024-05-03", ("The Riverside school board called off its vote on the new budget, according to "
                             "the Riverside Gazette. The board wants a 6 per cent increase in teacher pay.")),
        "c": ("2024-05-03", ("Riverside's school board has postponed its budget vote, officials said. "
                             "The board is seeking an 8% increase in teacher pay.")),
    }
    arts = [Article(id=k, source=k, text=t, published=p) for k, (p, t) in texts.items()]
    # the edges the lineage stage draws from "the Riverside Gazette reported"
    edges = [LineageEdge(i, "Riverside Gazette", "cites", evidence=texts[i][1].split(". ")[0]) for i in ("a", "b")]
    d = build_dossier(Story(id="s", article_ids=list(texts)), arts, _extract(arts), edges)
    six = [c for c in d.claims if c.kind == "quantity" and c.quantity and c.quantity.amount == 6]
    # "wants a 6%" and "is seeking an 8%" are one fact told with two figures: one claim, contested
    assert six and {"a", "b"} <= {s.article for s in six[0].support}
    numeric = [x for x in d.discrepancies if x.kind == "numeric"]
    assert numeric
    held = {p.value: set(p.articles) for p in numeric[0].positions}
    assert held.get("6%") == {"a", "b"} and held.get("8%") == {"c"}
    # a and b both credit the Riverside Gazette in their opening line: one origin; c is its own
    assert six[0].independent_sources == 2


DEMO_META = {"000": ("2025-07-21", None), "004": ("2025-06-20", "Financial Times")}


def _demo_articles(demo_dir) -> list[Article]:
    arts = []
    for f in sorted(demo_dir.glob("*.txt")):
        pub, outlet = DEMO_META.get(f.name[:3], (None, None))
        arts.append(Article(id=f.name[:3], source=str(f), text=f.read_text(encoding="utf-8"),
                            published=pub, outlet=outlet))
    return arts


@pytest.fixture(scope="module")
def demo():
    from pathlib import Path

    arts = _demo_articles(Path(__file__).resolve().parent.parent / "examples" / "japan-2plus2")
    exs = _extract(arts)
    story, arts, edges = _group(Story(id="demo", article_ids=[a.id for a in arts]), arts, exs)
    return build_dossier(story, arts, exs, edges)


def _claims_with(d, pred):
    return [c for c in d.claims if pred(c)]


def _with(d, *words):
    """Claims with a supporting sentence holding every word (test-side look-up only)."""
    return [c for c in d.claims if any(all(w.lower() in s.evidence.lower() for w in words) for s in c.support)]


@pytest.mark.slow
def test_compare_dossier_demo_core_claims_supported_by_all(demo):
    q = _claims_with(demo, lambda c: c.kind == "quantity" and c.quantity.amount == 3.5 and c.quantity.unit == "%")
    assert q and q[0].outlets >= 4 and q[0].independent_sources <= 2
    for day in ("2025-07-01", "2025-07-20"):
        dc = _claims_with(demo, lambda c, day=day: c.date == day)
        assert dc and max(c.outlets for c in dc) >= 4


@pytest.mark.slow
def test_compare_dossier_demo_single_source_items(demo):
    f47 = _with(demo, "F-47")
    assert f47 and all(c.outlets == 1 and c.independent_sources == 1 for c in f47)
    assert any(c.status == "single-source" for c in f47)
    drama = _with(demo, "no drama or division")
    assert drama and drama[0].outlets == 1


@pytest.mark.slow
def test_compare_dossier_demo_discrepancies(demo):
    by_kind = {}
    for x in demo.discrepancies:
        by_kind.setdefault(x.kind, []).append(x)
    status = [x for x in by_kind.get("status", []) if any("cancel" in p.value for p in x.positions)
              and any("postpone" in p.value for p in x.positions)]
    assert status
    late = [x for x in by_kind.get("temporal", []) if "upcoming" in x.positions[0].value]
    assert {x.positions[0].articles[0] for x in late} >= {"000", "001"}
    for x in demo.discrepancies:
        for p in x.positions:
            assert p.articles and len(p.evidence) == len(p.articles)


@pytest.mark.slow
def test_compare_dossier_demo_timeline_and_summary(demo):
    dates = [t.date for t in demo.timeline]
    assert "2025-07-01" in dates and "2025-07-20" in dates and dates == sorted(dates)
    assert 3 <= len(demo.summary) <= 6
    assert all(s.citations for s in demo.summary)
