"""An extractive summary: the corroborated core first, then what is disputed or single-sourced.

No model: core sentences are verbatim evidence sentences chosen for the weight of the claims
they carry; the flags are short templates filled from discrepancies and single-source claims.
Every sentence cites the articles it rests on.
"""

from __future__ import annotations

from crosswire.compare.align import ClaimGroup, _clip, overlap, terms
from crosswire.models import Article, Discrepancy, SummarySentence

MAX_CORE = 3
MAX_FLAGS = 3
_KIND_WEIGHT = {"event": 1.5, "quantity": 1.3, "date": 1.2, "other": 1.0, "role": 0.5, "quote": 0.5}


def _label(ids: list[str], names: dict[str, str]) -> str:
    labels = list(dict.fromkeys(names.get(i, i) for i in ids))
    return ", ".join(labels[:4]) + (" and others" if len(labels) > 4 else "")


def _core(groups: list[ClaimGroup], rank: dict[str, int]) -> list[SummarySentence]:
    """Greedy weighted cover: each pick is the evidence sentence adding the most corroborated
    weight not yet covered, so the core sentences say different things."""
    weight: dict[str, float] = {}
    cand: dict[tuple[str, str], dict] = {}
    for g in groups:
        c = g.claim
        if c is None or c.outlets < 2 or c.kind == "role":
            continue
        weight[c.id] = _KIND_WEIGHT.get(c.kind, 1.0) * (c.independent_sources + 0.5 * c.outlets)
        for s in c.support:
            slot = cand.setdefault((s.article, s.evidence), {"claims": set(), "cites": set()})
            slot["claims"].add(c.id)
            slot["cites"].update(x.article for x in c.support)
    picked: list[SummarySentence] = []
    covered: set[str] = set()
    said: list[frozenset[str]] = []
    pool = {k: v for k, v in cand.items() if 6 <= len(k[1].split()) <= 70}
    while pool and len(picked) < MAX_CORE:
        def gain(item, covered=covered):
            (art, ev), slot = item
            return (sum(weight[c] for c in slot["claims"] - covered), -rank.get(art, 1 << 30), -len(ev), ev)
        (art, ev), slot = max(pool.items(), key=gain)
        del pool[(art, ev)]
        if gain(((art, ev), slot))[0] <= 0:
            break
        t = terms(ev)
        if any(overlap(t, s) > 0.6 for s in said):
            continue
        said.append(t)
        covered |= slot["claims"]
        picked.append(SummarySentence(text=_clip(ev, 400), citations=sorted(slot["cites"])))
    return picked


def _flags(discrepancies: list[Discrepancy], names: dict[str, str]) -> list[SummarySentence]:
    out = []
    order = {"status": 0, "numeric": 1, "temporal": 2, "attribution": 3}
    for d in sorted(discrepancies, key=lambda d: (order.get(d.kind, 9), -sum(len(p.articles) for p in d.positions)))[:2]:
        sides = "; ".join(f"{_clip(p.value, 60)} ({_label(p.articles, names)})" for p in d.positions[:3])
        cites = sorted({a for p in d.positions for a in p.articles})
        if d.kind == "temporal" and "upcoming" in d.positions[0].value:
            text = f"{_label(d.positions[0].articles, names)} treats an already past event as upcoming: {_clip(d.about, 80)}."
        else:
            text = f"Accounts disagree on {_clip(d.about, 80)}: {sides}."
        out.append(SummarySentence(text=text, citations=cites))
    return out


def _single(groups: list[ClaimGroup], core: list[SummarySentence], names: dict[str, str]) -> list[SummarySentence]:
    core_terms = frozenset().union(*(terms(s.text) for s in core)) if core else frozenset()
    # sentences that also state something other articles state are not single-sourced
    shared = {(f.article, f.span) for g in groups if len(g.articles) > 1 for f in g.facts}
    singles = [
        g for g in groups
        if g.claim and g.claim.status == "single-source" and g.kind in ("event", "quantity", "other", "quote")
        and g.claim.outlets == 1 and (g.facts[0].article, g.facts[0].span) not in shared
    ]
    if not singles:
        return []
    # the most relevant claim that is not a restatement of the core: events and figures first
    def score(g):
        ev = g.facts[0].evidence
        o = overlap(terms(ev), core_terms)
        full = ev.rstrip().endswith((".", "!", "?", "\u201d", '"'))  # a sentence, not a headline
        return (o < 0.5, full, g.kind in ("event", "quantity", "quote"), o, g.claim.id)

    best = max(singles, key=score)
    s = best.claim.support[0]
    return [SummarySentence(
        text=f"{len(singles)} claims rest on a single source, among them ({_label([s.article], names)}): "
             f"\u201c{_clip(s.evidence, 220)}\u201d",
        citations=[s.article],
    )]


def summarize(articles: list[Article], groups: list[ClaimGroup], discrepancies: list[Discrepancy],
              rank: dict[str, int] | None = None) -> list[SummarySentence]:
    names = {a.id: (a.outlet or a.id) for a in articles}
    core = _core(groups, rank or {})
    out = core + _flags(discrepancies, names) + _single(groups, core, names)
    if len(out) < 3:  # thin stories: fall back on the first sentences of the first article
        for g in groups:
            if len(out) >= 3:
                break
            if g.claim and g.kind in ("other", "event") and all(g.claim.support[0].evidence != s.text for s in out):
                out.append(SummarySentence(text=_clip(g.claim.support[0].evidence, 400), citations=g.articles))
    return out[:6]
