"""Two simple baselines for the real-stories evaluation, built in the same run as crosswire's
dossiers so the figures have a scale. Both read the ECB+ documents alone (one sentence a line)
and return story views shaped like crosswire's (doc ids, evidence sentences).

- Discrepancies: every number followed by a word (its "unit": ``10 people``, ``5.9
  magnitude``, ``three villages``), plural folded; for each unit word, every pair of distinct
  values stated in sentences of different articles is one discrepancy, with one position per
  value holding every article that states it with that unit.
- Core facts: TF-IDF sentence alignment; each sentence of each article seeds a claim joined by
  the nearest sentence of every other article (cosine >= ``ALIGN_THRESHOLD``, fixed, not tuned).
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations

from realstories_verify import NUMBER_WORDS, collapse

ALIGN_THRESHOLD = 0.3
NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?|" + "|".join(sorted(
    (w for w in NUMBER_WORDS if w not in ("first", "second", "third", "once", "twice", "half")),
    key=len, reverse=True))
MENTION = re.compile(rf"\b({NUMBER})\b[\s-]*(?:-\s*)?([A-Za-z]{{3,}})", re.IGNORECASE)
NOT_UNITS = {"and", "the", "for", "was", "were", "had", "has", "have", "are", "with", "from",
             "that", "who", "which", "but", "its", "his", "her", "their", "this", "they",
             "more", "other", "others", "than", "also", "said", "per", "about"}


def unit_of(word: str) -> str:
    w = word.lower()
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w


def number_value(token: str) -> float:
    t = token.lower().replace(",", "")
    return float(NUMBER_WORDS[t]) if t in NUMBER_WORDS else float(t)


def mentions(doc: dict) -> list[tuple[str, float, str, str]]:
    """(unit, value, surface, sentence) for every number-and-word pair of a document."""
    found = []
    for sentence in doc["sentences"]:
        sentence = collapse(sentence)
        for m in MENTION.finditer(sentence):
            unit = unit_of(m.group(2))
            if unit in NOT_UNITS:
                continue
            found.append((unit, number_value(m.group(1)), m.group(1), sentence))
    return found


def numeric_baseline(docs: list[dict]) -> list[dict]:
    """Predicted discrepancies of the same-unit number-pair baseline."""
    by_unit: dict[str, dict[float, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    surface: dict[tuple[str, float], str] = {}
    for doc in docs:
        for unit, value, text, sentence in mentions(doc):
            by_unit[unit][value].setdefault(doc["doc_id"], sentence)
            surface.setdefault((unit, value), text)
    predicted = []
    for unit, values in by_unit.items():
        for v1, v2 in combinations(sorted(values), 2):
            a1, a2 = values[v1], values[v2]
            if set(a1) == set(a2) and len(a1) == 1:
                continue        # one article stating both figures is no disagreement between articles
            predicted.append({
                "kind": "numeric", "about": f"{unit}: {surface[(unit, v1)]} vs {surface[(unit, v2)]}",
                "positions": [
                    {"value": f"{surface[(unit, v)]} {unit}", "articles": list(arts), "evidence": list(arts.values())}
                    for v, arts in ((v1, a1), (v2, a2))],
            })
    return predicted


def tfidf_claims(docs: list[dict], threshold: float = ALIGN_THRESHOLD) -> list[dict]:
    """Claims of the TF-IDF nearest-sentence alignment baseline."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    rows = [(d["doc_id"], collapse(s)) for d in docs for s in d["sentences"] if s.strip()]
    if not rows:
        return []
    matrix = TfidfVectorizer(stop_words="english").fit_transform([s for _, s in rows])
    sims = cosine_similarity(matrix)
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, (doc, _) in enumerate(rows):
        by_doc[doc].append(i)
    claims = []
    for i, (doc, sentence) in enumerate(rows):
        support = [{"article": doc, "evidence": sentence}]
        for other, idx in by_doc.items():
            if other == doc:
                continue
            best = max(idx, key=lambda j: sims[i, j])
            if sims[i, best] >= threshold:
                support.append({"article": other, "evidence": rows[best][1]})
        claims.append({"text": sentence, "support": support})
    return claims
