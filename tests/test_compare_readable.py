"""The demo dossier as a user gets it, and every human-facing string of it and of the real
stories: one fact per claim, and no internal id, stem or token list where a reader looks."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

import crosswire
from crosswire.compare.measures import _CLASSES
from crosswire.models import RawDocument
from crosswire.report.exports import render_csv

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "examples" / "japan-2plus2"
STORIES = ROOT / "eval" / "data" / "realstories"
DOCS = ROOT / "eval" / "data" / "ecbplus" / "docs.jsonl"

_HEX = re.compile(r"\b[0-9a-f]{12,}\b")
_CLAIM_ID = re.compile(r"\b[cd]-[0-9a-f]{12}\b")
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[A-Za-z][a-z]{3,}")
# the words crosswire's own templates and measure labels use
_TEMPLATE = set(
    "accounts disagree what happened said rests rest claims claim single source sources among them "
    "treats already past event upcoming called after date dated described published derived from "
    "speaks still come stale posted same fact told with different figures least wrong outdated "
    "rises report reports later give higher figure tolls counts often grow while news comes "
    "articles telling outcome credit quotation people statement credited earlier told things "
    "percentage amount money length time share number killed injured missing arrested evacuated "
    "displaced rescued magnitude depth prison term vote count seats buildings damaged destroyed "
    "population distance other others untitled story article says disagree whom demanded crediting tell tells both elapsed "
    "targeted current level baseline demand yet passed upcoming same".split()
)
_TEMPLATE |= {w.lower() for _, label, _ in _CLASSES for w in _WORD.findall(label)}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = crosswire.api.Store(tmp_path_factory.mktemp("demo") / "demo.db")
    try:
        analysis = store.analyze([str(DEMO)])
    finally:
        store.close()
    assert len(analysis.stories) == 1
    return analysis.stories[0]


@pytest.fixture(scope="module")
def stories(tmp_path_factory):
    """Dossiers of three real-story gold sets (ECB+ subtopics), as eval/realstories.py builds them."""
    docs = {}
    for line in DOCS.open(encoding="utf-8"):
        d = json.loads(line)
        docs[d["doc_id"]] = d
    out = []
    for name in ("20_ecbplus", "8_ecbplus", "24_ecbplus"):
        gold = json.loads((STORIES / f"{name}.json").read_text(encoding="utf-8"))
        raws = [RawDocument(source=i, content=docs[i]["text"], url=docs[i].get("source_url")) for i in gold["articles"]]
        store = crosswire.api.Store(tmp_path_factory.mktemp(name) / "s.db")
        try:
            out.extend(store.analyze(raws).stories)
        finally:
            store.close()
    return out


def _fact(d, *words):
    """Claims with a supporting sentence holding every word (test-side look-up only)."""
    return [c for c in d.claims if any(all(w.lower() in s.evidence.lower() for w in words) for s in c.support)]


@pytest.mark.slow
def test_compare_demo_one_claim_per_fact_at_most_sixty(demo):
    assert len(demo.claims) <= 60
    texts = [c.text for c in demo.claims]
    assert len(texts) == len(set(texts)), "two claims with the same text"
    facts = {
        "cancellation": ("cancel", "meeting"),
        "the July 1 date": ("July 1",),
        "the 3.5% demand": ("3.5",),
        "Colby's role": ("Colby", "Pentagon"),
        "the four ministers": ("Rubio", "Hegseth"),
        "Ishiba's March remark": ("Ishiba",),
    }
    for fact, words in facts.items():
        best = max((c.outlets for c in _fact(demo, *words)), default=0)
        assert best >= 4, f"{fact}: best claim has {best} articles"


@pytest.mark.slow
def test_compare_demo_discrepancies_are_signable(demo):
    kinds = {}
    for x in demo.discrepancies:
        kinds.setdefault(x.kind, []).append(x)
    # the cancelled/postponed dispute and the re-post calling July 20 upcoming, nothing numeric
    # (every figure of the demo agrees once baselines and targets of other allies are told apart)
    assert any({"cancel", "postpone"} <= {p.value for p in x.positions} for x in kinds.get("status", []))
    assert any("upcoming" in x.positions[0].value for x in kinds.get("temporal", []))
    assert set(kinds) <= {"status", "temporal"}
    for x in demo.discrepancies:
        assert len({a for p in x.positions for a in p.articles}) >= 1
        assert all(p.articles and len(p.articles) == len(p.evidence) for p in x.positions)


def _human_strings(d) -> list[tuple[str, str]]:
    """(where, text) for every string a reader sees in JSON, Markdown, HTML and CSV."""
    out = [("summary", s.text) for s in d.summary]
    for x in d.discrepancies:
        out += [("about", x.about), ("note", x.note)] + [("position", p.value) for p in x.positions]
    out += [("timeline", t.text) for t in d.timeline]
    out += [("claim", c.text) for c in d.claims]
    out.append(("markdown", d.to_markdown()))
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", d.to_html(), flags=re.S)
    out.append(("html", _TAG.sub(" ", html)))
    out.append(("csv header", ",".join(next(csv.reader(io.StringIO(render_csv(d)))))))
    return out


def _assert_readable(d) -> None:
    ids = {a.id for a in d.articles} | {c.id for c in d.claims} | {x.id for x in d.discrepancies} | {d.story.id}
    corpus = " ".join((a.text or "") + " " + (a.title or "") + " " + (a.outlet or "") + " " + (a.source or "")
                      for a in d.articles).lower()
    for where, text in _human_strings(d):
        for i in ids:
            assert i not in text, f"{where} shows the id {i}: {text[:200]}"
        assert not _CLAIM_ID.search(text), f"{where}: {text[:200]}"
        if where in ("summary", "about", "note", "position"):
            assert not _HEX.search(text), f"{where}: {text[:200]}"
            # every word is the articles' or our templates': no stem ("magnitud") leaks out
            for w in _WORD.findall(text):
                assert w.lower() in _TEMPLATE or w.lower() in corpus, f"{where} has {w!r}: {text}"


@pytest.mark.slow
def test_compare_demo_human_strings_name_no_ids_or_stems(demo):
    _assert_readable(demo)


@pytest.mark.slow
def test_compare_real_stories_human_strings_name_no_ids_or_stems(stories):
    assert stories
    for d in stories:
        _assert_readable(d)
        texts = [c.text for c in d.claims]
        assert len(texts) == len(set(texts))


def test_compare_readable_scan_catches_a_stem():
    from crosswire.models import Article, Discrepancy, Dossier, Position, Story

    art = Article(id="0123456789abcdef", source="a.txt", text="The quake killed five people.", outlet="Wire")
    bad = Dossier(story=Story(id="s", article_ids=[art.id]), articles=[art], discrepancies=[
        Discrepancy(id="d-1", kind="numeric", about="date of 6-magnitud aceh", positions=[
            Position("5", [art.id], ["The quake killed five people."])])])
    with pytest.raises(AssertionError):
        _assert_readable(bad)
    leaky = Dossier(story=Story(id="s", article_ids=[art.id]), articles=[art], discrepancies=[
        Discrepancy(id="d-1", kind="numeric", about="number of people killed", note=f"{art.id} says 5",
                    positions=[Position("5", [art.id], ["The quake killed five people."])])])
    with pytest.raises(AssertionError):
        _assert_readable(leaky)


@pytest.mark.slow
def test_compare_demo_summary_cites_each_article_once(demo):
    for s in demo.summary:
        assert s.citations and len(s.citations) == len(set(s.citations)), s.citations
