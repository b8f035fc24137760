"""Scoring rules of the real-stories evaluation, on plain dicts (no crosswire import).

Everything here reads a *story view*: the predicted discrepancies, claims and lineage edges of
every dossier crosswire made from one gold story, with article ids already turned back into
ECB+ doc ids (``realstories.story_view`` builds it). Kept apart so the rules can be tested on
small hand-made dossiers.

**Holding a snippet.** An evidence string *holds* an article's gold snippet when it covers 70%
of the snippet's distinct words (lower-cased letters and digits), or when it is a piece of the
gold snippet's sentence (90% of its words are in that sentence) that still states the gold
value (for a position) or shares 40% of the snippet's words (for a core fact): crosswire may
cut a sentence finer than ECB+'s lines do.

**Discrepancy match.** A predicted discrepancy P matches a gold discrepancy G when, placing
each article of each position of P at G's value that article holds in G (only if P's evidence
for it holds its gold snippet, and P's value, when it names numbers, shares one with the gold
value: "80 injured" cannot stand for a death toll of 10 quoted in the same sentence; for a
numeric value, evidence from another sentence of the same article stating the same number,
with the predicted value naming it too, is placed as well: an article may give a figure twice
and the gold quotes one place), articles of at least two different gold values are placed in
two different positions of P, and no position of P has articles of two different gold values
placed in it. Articles of P that G does not place are ignored. Precision is the share of
predicted discrepancies that match some gold discrepancy; recall the share of gold
discrepancies matched by some prediction. A prediction that matches nothing is a false
positive; it *hits a trap* when it sets the snippets of two of a trap's articles in two
different positions (the same placement, without values).

**Core-fact alignment.** For one core fact, the largest share of its articles whose snippet is
held by the evidence of one single claim (one claim, one dossier); averaged over core facts.

**Copy recall.** The share of gold copy pairs joined by a ``copies`` or ``rewrites`` edge,
either direction.
"""

from __future__ import annotations

import re

from realstories_verify import collapse, numbers_in, value_in_snippet

TOKEN = re.compile(r"[a-z0-9]+")
COVER = 0.7          # share of a snippet's words an evidence must hold
PIECE = 0.9          # share of an evidence's words inside the gold sentence to count as a piece of it
PIECE_OVERLAP = 0.4  # what a piece must share with a core fact's snippet
COPY_KINDS = ("copies", "rewrites")


def words(text: str) -> set[str]:
    return set(TOKEN.findall(str(text).lower()))


def cover(part: str, whole: str) -> float:
    """Share of ``part``'s distinct words found in ``whole``."""
    p = words(part)
    return len(p & words(whole)) / len(p) if p else 0.0


def sentence_of(snippet: str, sentences: list[str]) -> str:
    """The gold sentence holding a snippet (the verifier guarantees there is one)."""
    s = collapse(snippet)
    return next((sent for sent in sentences if s in sent), s)


def holds(evidence: str, snippet: str, sentence: str, value: str | None = None) -> bool:
    """Does one evidence string state what the gold snippet states (see the module docstring)?"""
    if not evidence:
        return False
    if cover(snippet, evidence) >= COVER:
        return True
    if cover(evidence, sentence) >= PIECE:
        if value is not None:
            return value_in_snippet(value, evidence)
        return cover(snippet, evidence) >= PIECE_OVERLAP
    return False


class GoldStory:
    """One gold story with, for every snippet, its ECB+ sentence (to judge evidence pieces)."""

    def __init__(self, gold: dict, sentences: dict[str, list[str]]):
        self.gold = gold
        self.sentences = {doc: [collapse(s) for s in sents] for doc, sents in sentences.items()}

    def sentence(self, doc: str, snippet: str) -> str:
        return sentence_of(snippet, self.sentences.get(doc, []))

    def holds(self, evidences: list[str], doc: str, snippet: str, value: str | None = None) -> bool:
        sentence = self.sentence(doc, snippet)
        return any(holds(e, snippet, sentence, value) for e in evidences)

    def restates(self, evidences: list[str], doc: str, value: str) -> bool:
        """An evidence string is (a piece of) another sentence of the same article that states
        the same number: an article may give a figure twice and the gold quotes one place."""
        if not numbers_in(value):
            return False
        return any(value_in_snippet(value, e) and any(cover(e, s) >= PIECE for s in self.sentences.get(doc, []))
                   for e in evidences if e)


def position_evidence(position: dict) -> list[tuple[str, list[str]]]:
    """(doc, its evidence strings) for each article of a predicted position. The contract pairs
    ``articles`` and ``evidence`` by index; when the lengths differ every evidence string is
    tried for every article."""
    docs = list(position.get("articles") or [])
    evidence = [str(e) for e in position.get("evidence") or []]
    if len(evidence) == len(docs):
        return [(d, [e]) for d, e in zip(docs, evidence)]
    return [(d, evidence) for d in docs]


def same_value(pred_value: object, gold_value: str) -> bool:
    """A predicted position's value can stand for a gold value: when both name numbers they
    share one ("10 people" for "10"); values without numbers are not compared."""
    have, want = numbers_in(str(pred_value or "")), numbers_in(gold_value)
    return not have or not want or bool(have & want)


def placements(pred: dict, gold_disc: dict, story: GoldStory) -> list[tuple[int, int]]:
    """(predicted position index, gold position index) for every article P places in G."""
    placed = []
    for j, position in enumerate(pred.get("positions") or []):
        for doc, evidence in position_evidence(position):
            for k, gold_pos in enumerate(gold_disc["positions"]):
                snippet = gold_pos["articles"].get(doc)
                if snippet is None or not same_value(position.get("value"), gold_pos["value"]):
                    continue
                if (story.holds(evidence, doc, snippet, gold_pos["value"])
                        or (numbers_in(str(position.get("value") or ""))
                            and story.restates(evidence, doc, gold_pos["value"]))):
                    placed.append((j, k))
    return placed


def matches(pred: dict, gold_disc: dict, story: GoldStory) -> bool:
    """The discrepancy match rule of the module docstring."""
    placed = placements(pred, gold_disc, story)
    by_position: dict[int, set[int]] = {}
    for j, k in placed:
        by_position.setdefault(j, set()).add(k)
    if any(len(values) > 1 for values in by_position.values()):
        return False
    return len({k for values in by_position.values() for k in values}) >= 2


def hits_trap(pred: dict, trap: dict, story: GoldStory) -> bool:
    """P sets two of the trap's snippets in two different positions."""
    positions = set()
    for j, position in enumerate(pred.get("positions") or []):
        for doc, evidence in position_evidence(position):
            snippet = trap["articles"].get(doc)
            if snippet is not None and story.holds(evidence, doc, snippet):
                positions.add(j)
    return len(positions) >= 2


def stray_positions(pred: dict, gold_disc: dict, story: GoldStory) -> list[str]:
    """Values of a matched prediction's positions where no article is placed: figures the gold
    does not hold for this disagreement (another event's toll, a misread figure). Not counted
    against precision; printed so that they can be reviewed."""
    placed = {j for j, _ in placements(pred, gold_disc, story)}
    return [str(p.get("value")) for j, p in enumerate(pred.get("positions") or []) if j not in placed]


def score_discrepancies(predicted: list[dict], story: GoldStory) -> dict:
    """Matched predictions, matched gold, false positives (with the traps they hit) and misses."""
    gold = story.gold.get("discrepancies", [])
    traps = story.gold.get("traps", [])
    matched_gold: set[int] = set()
    true_pos, false_pos, hits = 0, [], []
    for pred in predicted:
        hit = [i for i, g in enumerate(gold) if matches(pred, g, story)]
        if hit:
            true_pos += 1
            matched_gold.update(hit)
            hits.append((pred, [gold[i]["about"] for i in hit], stray_positions(pred, gold[hit[0]], story)))
        else:
            false_pos.append((pred, [t["about"] for t in traps if hits_trap(pred, t, story)]))
    return {
        "pred": len(predicted), "tp_pred": true_pos, "gold": len(gold), "tp_gold": len(matched_gold),
        "false_positives": false_pos, "true_positives": hits,
        "trap_hits": sum(1 for _, t in false_pos if t),
        "missed": [g for i, g in enumerate(gold) if i not in matched_gold],
    }


def fact_alignment(fact: dict, claims: list[dict], story: GoldStory) -> float:
    """Largest share of a core fact's articles whose snippet one claim's evidence holds."""
    articles = fact["articles"]
    best = 0
    for claim in claims:
        evidence: dict[str, list[str]] = {}
        for s in claim.get("support") or []:
            evidence.setdefault(s.get("article"), []).append(str(s.get("evidence", "")))
        n = sum(1 for doc, snippet in articles.items()
                if doc in evidence and story.holds(evidence[doc], doc, snippet))
        best = max(best, n)
    return best / len(articles) if articles else 0.0


def score_core_facts(claims: list[dict], story: GoldStory) -> list[float]:
    return [fact_alignment(f, claims, story) for f in story.gold.get("core_facts", [])]


def copy_pairs(lineage: list[dict]) -> set[frozenset]:
    """Unordered article pairs joined by a copies/rewrites edge."""
    return {frozenset((e.get("from"), e.get("to"))) for e in lineage
            if e.get("kind") in COPY_KINDS and e.get("from") != e.get("to")}


def score_copies(lineage: list[dict], story: GoldStory) -> tuple[int, int]:
    """(gold copy pairs joined by an edge, gold copy pairs)."""
    joined = copy_pairs(lineage)
    gold = [frozenset((c["a"], c["b"])) for c in story.gold.get("copies", [])]
    return sum(1 for pair in gold if pair in joined), len(gold)


def claim_stats(claims: list[dict]) -> dict:
    """How many claims, the share resting on one article, and claims repeating another's text."""
    texts = [" ".join(str(c.get("text", "")).lower().split()) for c in claims]
    counts: dict[str, int] = {}
    for t in texts:
        counts[t] = counts.get(t, 0) + 1
    single = sum(1 for c in claims if len({s.get("article") for s in c.get("support") or []}) <= 1)
    return {
        "claims": len(claims),
        "single": single / len(claims) if claims else 0.0,
        "repeated": sum(1 for t in texts if counts[t] > 1),
    }
