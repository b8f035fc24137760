"""An extractive summary: the story's core facts first, then its biggest discrepancies.

No model: each sentence is a claim's own representative sentence (verbatim evidence) or a short
template over a discrepancy, and cites exactly the articles it rests on. The core is the claims
with the most independent sources behind them; the single-source count is the dossier's own
(claims whose status is ``single-source``), so the page header and the summary agree.
"""

from __future__ import annotations

from crosswire.compare.align import ClaimGroup
import re

from crosswire.compare.facts import clip, overlap, stem, terms
from crosswire.compare.naming import article_names, name_list
from crosswire.models import Article, Discrepancy, SummarySentence

MAX_CORE = 3
MAX_FLAGS = 2
_KIND_ORDER = {"numeric": 0, "status": 1, "temporal": 2, "attribution": 3}


# Outcome verbs as facts.stem folds them ("called off" -> cancel, "delayed" -> postpone): two
# sentences with different outcomes state different things however alike their other words.
_OUTCOMES = frozenset(stem(w) for w in (
    "cancelled", "postponed", "withdrew", "withdrawn", "suspended", "resumed", "approved", "rejected",
    "confirmed", "denied", "halted", "extended", "withdraw"))
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def _figures(text: str) -> set[str]:
    return {m.replace(",", "") for m in _FIGURE.findall(text)}


def states(sentence: str, evidence: str) -> bool:
    """Whether an article's ``evidence`` states ``sentence`` rather than only something near it:
    no other outcome ("cancelled" for "postponed") and no other figures (5% for 3.5%)."""
    if " ".join(sentence.split()) == " ".join(evidence.split()):
        return True
    said, seen = terms(sentence) & _OUTCOMES, terms(evidence) & _OUTCOMES
    if said and not said & seen:
        return False
    figs, other = _figures(sentence), _figures(evidence)
    return not (figs and other and not figs & other)


def _articles(g: ClaimGroup) -> list[str]:
    """The claim's articles, each once (an article may support a fact with two sentences)."""
    return list(dict.fromkeys(s.article for s in g.claim.support))


def _stating(g: ClaimGroup, text: str) -> list[str]:
    """The claim's articles whose own sentence states ``text`` (a claim groups near-paraphrases,
    and a summary sentence must not be cited to an article that says something else)."""
    out = [s.article for s in g.claim.support if states(text, s.evidence)]
    return list(dict.fromkeys(out)) or _articles(g)[:1]


def _weight(g: ClaimGroup) -> float:
    """How central a claim is: independent sources first, then how many articles tell it, how
    early they tell it (a headline or a lead is what a story is about) and whether it is a fact
    one can check (a figure, a date, a name) rather than commentary."""
    c = g.claim
    lead = sum(1 for u in g.units if u.index <= 2) / max(1, len(g.units))
    checkable = any(u.figures or u.dates for u in g.units) + any(u.names for u in g.units)
    return c.independent_sources + 0.5 * c.outlets + 1.5 * lead + 0.5 * checkable - (g.kind == "quote")


def _core(groups: list[ClaimGroup]) -> list[SummarySentence]:
    ranked = sorted(
        (g for g in groups if g.claim and g.claim.outlets >= 2 and g.kind != "role"),
        key=lambda g: (-_weight(g), min(u.index for u in g.units), g.claim.id),
    )
    picked: list[SummarySentence] = []
    said: list[frozenset[str]] = []
    for g in ranked:
        if len(picked) >= MAX_CORE:
            break
        text = g.claim.text
        if not 6 <= len(text.split()) <= 70:
            continue
        t = terms(text)
        if any(overlap(t, s) > 0.6 for s in said):
            continue  # say different things
        said.append(t)
        picked.append(SummarySentence(text=clip(text, 400), citations=_stating(g, text)))
    return picked


def _sides(positions: list, names: dict[str, str]) -> str:
    """"A and B say cancel; C says postpone", an article on several sides told once as telling
    both ("PEN and EconoTimes tell both cancel and postpone"), not listed on each side."""
    count: dict[str, int] = {}
    for p in positions:
        for a in dict.fromkeys(p.articles):
            count[a] = count.get(a, 0) + 1
    both = [a for a, n in count.items() if n > 1]
    parts = []
    for p in positions:
        own = [a for a in p.articles if a not in both]
        if own:
            parts.append(f"{name_list(own, names)} say{'s' if len(own) == 1 else ''} {clip(p.value, 60)}")
    if both:
        values = " and ".join(clip(p.value, 40) for p in positions if set(both) & set(p.articles))
        parts.append(f"{name_list(both, names)} tell{'s' if len(both) == 1 else ''} both {values}")
    return "; ".join(parts)


def _flags(discrepancies: list[Discrepancy], names: dict[str, str]) -> list[SummarySentence]:
    out = []
    ordered = sorted(discrepancies, key=lambda d: (_KIND_ORDER.get(d.kind, 9),
                                                   -sum(len(p.articles) for p in d.positions), d.id))
    for d in ordered[:MAX_FLAGS]:
        cites = list(dict.fromkeys(a for p in d.positions for a in p.articles))
        if d.kind == "temporal" and d.positions and "upcoming" in d.positions[0].value:
            text = f"{name_list(d.positions[0].articles, names)} treats an already past event as upcoming: {clip(d.about, 100)}."
        else:
            sides = _sides(d.positions[:3], names)
            what = d.about.split(":", 1)[0]
            if not what.startswith(("what ", "who ", "the ")):
                what = "the " + what
            text = f"Accounts disagree on {what}: {sides}."
        out.append(SummarySentence(text=text, citations=cites))
    return out


def _single(groups: list[ClaimGroup], names: dict[str, str]) -> list[SummarySentence]:
    singles = [g for g in groups if g.claim and g.claim.status == "single-source"]
    if not singles:
        return []
    lone = [g for g in singles if g.claim.outlets == 1 and g.kind in ("quantity", "event", "quote")] or singles
    best = min(lone, key=lambda g: (g.kind != "quantity", min(u.index for u in g.units), g.claim.id))
    arts = _stating(best, best.claim.text)
    n = len(singles)
    return [SummarySentence(
        text=f"{n} claim{' rests' if n == 1 else 's rest'} on a single source, among them "
             f"({name_list(arts, names)}): \u201c{clip(best.claim.text, 220)}\u201d",
        citations=arts,
    )]


def summarize(articles: list[Article], groups: list[ClaimGroup], discrepancies: list[Discrepancy]) -> list[SummarySentence]:
    names = article_names(articles)
    core = _core(groups)
    out = core + _flags(discrepancies, names) + _single(groups, names)
    if len(out) < 3:  # thin stories: the first sentences of the best-ranked article
        for g in sorted(groups, key=lambda g: min(u.index for u in g.units)):
            if len(out) >= 3:
                break
            if g.claim and all(g.claim.text != s.text for s in out):
                out.append(SummarySentence(text=clip(g.claim.text, 400), citations=_stating(g, g.claim.text)))
    return out[:6]
