"""What a quantity measures: the noun it modifies or is said of, or what it is a share of."""

from __future__ import annotations

import re

from crosswire.extract.quantity_atoms import _Cand
from crosswire.extract.units import _NOT_COUNT_NOUN


_DET = re.compile(r"^(?:the|a|an|its|their|his|her|our|this|that|these|those|[A-Z]\w+'s|"
                  r"[A-Z]\w+’s)\s+", re.IGNORECASE)
_OF_AFTER = re.compile(r"\s+of\s+((?:[\w'-]+\s+){0,4}[\w'-]+)")
_VERBISH = {"come", "comes", "came", "go", "goes", "went", "rose", "fell", "said", "says", "has",
            "have", "had", "do", "does", "did", "can", "could", "may", "might", "should"}
_NP_STOP = {"and", "or", "but", "which", "that", "with", "to", "in", "on", "at", "by", "for",
            "from", "is", "was", "were", "are", "will", "would", "be", "as", "than", "while"}


def _clean_np(s: str) -> str:
    s = re.sub(r"\s+", " ", s).strip(" ,.;:")
    while True:
        t = _DET.sub("", s)
        if t == s:
            return s
        s = t


def _share_of(text: str, c: _Cand, doc=None) -> str | None:
    """"3.5 percent of GDP" -> "share of GDP"."""
    if c.unit != "%":
        return None
    m = _OF_AFTER.match(text, c.end)
    if not m:
        return None
    np_ = None
    if doc is not None:
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        of = doc.char_span(c.end, m.start(1), alignment_mode="expand")
        if span is not None and of is not None:
            objs = [t for t in of if t.lower_ == "of" for t in t.children if t.dep_ == "pobj"]
            if objs:
                o = objs[0]
                lo = min([o.i] + [t.left_edge.i for t in o.lefts if t.dep_ in ("compound", "amod")])
                np_ = _clean_np(" ".join(t.text for t in doc[lo:o.i + 1]))
    if np_ is None:
        words = []
        for w in m.group(1).split():
            if w.lower() in _NP_STOP or w.lower() in _VERBISH:
                break
            words.append(w)
        np_ = _clean_np(" ".join(words))
    np_ = re.sub(r"(?i)\bgross domestic product\b", "GDP", np_)
    return f"share of {np_}" if np_ else None


_OF_STOP = {"last", "next", "this", "worth", "each", "every", "a", "an", "per", "valued", "said",
            "estimated", "according", "over", "into", "across", "since", "during", "after"}


def _stuff_of(text: str, c: _Cand) -> str | None:
    """What a physical amount is of: "20 million pounds of beef" -> "beef"."""
    m = _OF_AFTER.match(text, c.end)
    if not m:
        return None
    words: list[str] = []
    for w in m.group(1).split()[:3]:
        low = w.lower().strip(",.;:")
        if low in _NP_STOP or low in _VERBISH or low in _OF_STOP or not w[:1].isalpha():
            break
        words.append(w.strip(",.;:"))
        if w[-1] in ",.;:":
            break
    np_ = _clean_np(" ".join(words))
    return np_ or None


def _np_text(tok, exclude: frozenset = frozenset()) -> str:
    """A noun with its compounds/adjectives and a trailing "for/of <np>" ("budget for fiscal 2025")."""
    left = [t for t in tok.lefts if t.dep_ in ("compound", "amod", "nmod") and t.pos_ != "NUM"
            and t.i not in exclude and not any(x.like_num for x in t.subtree)
            and t.ent_type_ not in ("MONEY", "PERCENT", "CARDINAL", "QUANTITY")]
    lo = min([tok.i] + [t.left_edge.i for t in left])
    words = [t.text for t in tok.doc[lo:tok.i + 1]
             if t.dep_ not in ("det", "poss", "case") and t.i not in exclude]
    for p in tok.rights:
        if p.dep_ == "prep" and p.lower_ in ("for", "of", "in") and p.i == tok.i + 1:
            objs = [o for o in p.children if o.dep_ == "pobj"]
            if objs and not any(t.like_num or t.ent_type_ in ("MONEY", "PERCENT", "QUANTITY")
                                for t in objs[0].subtree if t.ent_type_ != "DATE"):
                o = objs[0]
                span = tok.doc[o.left_edge.i:o.right_edge.i + 1]
                if len(span) <= 5:
                    words.append(" ".join(t.text for t in span if t.dep_ not in ("det", "poss")))
    return _clean_np(" ".join(words))


_MEASURE_VERBS = {
    "be", "reach", "total", "stand", "amount", "rise", "fall", "increase", "decrease", "grow",
    "jump", "drop", "climb", "raise", "cut", "boost", "lift", "lower", "hike", "double", "set",
    "exceed", "top", "hit", "account", "equal", "represent", "cost", "slip", "surge", "plunge",
    "decline", "soar", "expand", "shrink", "remain", "come", "average", "near", "approach",
    "estimate", "put", "fix", "cap", "limit", "bring", "push", "keep", "hold",
}
_NOT_MEASURE_ENT = ("GPE", "ORG", "PERSON", "NORP", "MONEY", "PERCENT", "CARDINAL", "QUANTITY",
                    "LOC", "FAC")


def _measure_doc(doc, c: _Cand) -> str | None:
    span = doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None:
        return None
    inside = {t.i for t in span}
    root = span.root
    head = root.head
    # "25% tariff", "a 9.9 trillion yen budget": the quantity modifies a noun.
    if root.dep_ in ("compound", "amod", "nummod", "nmod") and head.i not in inside \
            and head.pos_ == "NOUN" and head.i > root.i:
        return _np_text(head, frozenset(inside))
    hops = 0
    while head.pos_ == "ADP" and head.head is not head and hops < 3:
        head = head.head
        hops += 1
    if head.pos_ == "NOUN" and head.i not in inside and hops and head.lower_ not in _NOT_COUNT_NOUN:
        return _np_text(head)  # "spending of $5 billion"
    if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in _MEASURE_VERBS:
        kids = [k for k in head.children if k.i not in inside]
        for dep in ("dobj", "nsubjpass", "nsubj"):
            fit = [k for k in kids if k.dep_ == dep and k.pos_ == "NOUN"
                   and k.ent_type_ not in _NOT_MEASURE_ENT]
            if fit:  # two clauses may share a root: take the noun nearest the quantity
                return _np_text(min(fit, key=lambda k: abs(k.i - root.i)))
    return None


def _measure_rule(text: str, c: _Cand, sent_start: int) -> str | None:
    """Without a parse: "<np> (to|at|of|is|was|reached ...) <quantity>" gives the measure."""
    lead = text[sent_start:c.start]
    m = re.search(r"\b((?:[a-z][\w-]*\s+){0,1}[a-z][\w-]*)\s+(?:to|at|of|is|was|were|are|"
                  r"will\s+be|reached|hit|totaled|totalled|stood\s+at|amounted\s+to)\s*$", lead)
    if m:
        np_ = _clean_np(m.group(1))
        words = [w for w in np_.split() if w.lower() not in _NOT_COUNT_NOUN]
        return " ".join(words) or None
    m = re.match(r"\s+([a-z][\w-]*)", text[c.end:])
    if m and c.unit in ("%",) and m.group(1) not in _NP_STOP and m.group(1) not in _NOT_COUNT_NOUN:
        return m.group(1)  # "25% tariff"
    return None
