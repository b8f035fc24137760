"""Main happenings as predicate + arguments + status, in a vocabulary shared across outlets.

Synonyms fold into one predicate ("scrapped", "called off", "pulled out of" -> ``cancel``;
"put off", "delayed" -> ``postpone``) so the comparison stage can line up one outlet's event
with another's and see where they differ ("cancel" vs "postpone", asserted vs reported).
With a parse, every clause verb is an event and its dependents are the arguments; without one,
only verbs of the shared vocabulary are found, with the entity names of their sentence.

Status, strongest first: ``negated`` (not, no, declined to), ``hypothetical`` (could, may,
considering, if), ``planned`` (will, scheduled to, expected to, due to), ``reported`` (inside
"X said that ...", or in a sentence that credits a source or hedges), else ``asserted``.
"""

from __future__ import annotations

import bisect
import re

from crosswire.extract.entities import Sentences
from crosswire.models import AttributionMention, EntityMention, EventMention

SYNONYMS = {
    "cancel": "cancel", "scrap": "cancel", "abandon": "cancel", "axe": "cancel",
    "scrub": "cancel", "ditch": "cancel", "drop": "cancel", "terminate": "cancel",
    "postpone": "postpone", "delay": "postpone", "reschedule": "postpone", "defer": "postpone",
    "demand": "demand", "ask": "demand", "request": "demand", "urge": "demand",
    "press": "demand", "pressure": "demand",
    "impose": "impose", "levy": "impose", "slap": "impose",
    "raise": "increase", "increase": "increase", "boost": "increase", "hike": "increase",
    "lift": "increase", "double": "increase", "expand": "increase",
    "cut": "decrease", "reduce": "decrease", "lower": "decrease", "slash": "decrease",
    "meet": "meet", "hold": "hold", "withdraw": "withdraw", "deny": "deny",
    "confirm": "confirm", "comment": "comment", "respond": "respond", "allocate": "allocate",
}
PHRASAL = {
    ("call", "off"): "cancel", ("pull", "out"): "cancel", ("back", "out"): "cancel",
    ("put", "off"): "postpone", ("push", "back"): "postpone", ("put", "back"): "postpone",
    ("push", "for"): "demand", ("call", "for"): "demand", ("press", "for"): "demand",
    ("ramp", "up"): "increase", ("step", "up"): "increase", ("scale", "back"): "decrease",
    ("take", "place"): "occur",
}
_SKIP = frozenset("be have do seem appear become remain get let say".split())
# Verbs that only frame another verb: the event is their complement, with their status.
_NEGATING = frozenset("decline refuse fail deny avoid".split())
_HYPOTHETICAL = frozenset("consider mull weigh contemplate explore threaten".split())
_PLANNED = frozenset("expect schedule due set plan intend aim poise prepare slate go".split())
_FRAMES = _NEGATING | _HYPOTHETICAL | _PLANNED | frozenset("attempt try seek want hope".split())
_REPORTING = frozenset("say tell report confirm note claim reveal suggest state add".split())
_MODAL_HYPO = frozenset("could may might would should can".split())
_MODAL_PLAN = frozenset("will shall 'll wo".split())
_KEY_PREPS = ("to", "on", "with", "from", "for", "against", "of", "over", "into", "until", "in")
_REPORTED_CUE = re.compile(r"\b(?:reportedly|according\s+to|allegedly|sources?\s+said|"
                           r"(?:is|are|was|were)\s+said\s+to)\b", re.I)
MAX_EVENTS = 400  # per article: a bound for hostile input, far above a news story's needs


def extract_events(doc=None, *, text: str | None = None,
                   entities: list[EntityMention] | None = None,
                   attributions: list[AttributionMention] | None = None,
                   sentences: Sentences | None = None) -> list[EventMention]:
    """Events of an article: from the parse when ``doc`` is given, else from the vocabulary."""
    text = text if text is not None else (doc.text if doc is not None else "")
    sents = sentences or Sentences(text, doc)
    credited = {a.sentence for a in attributions or []}
    entities = sorted(entities or [], key=lambda m: m.start)
    if doc is None or not doc.has_annotation("DEP"):
        return _rule_events(text, sents, entities, credited)
    out: list[EventMention] = []
    index = _EntityIndex(entities)
    for tok in doc:
        if len(out) >= MAX_EVENTS:
            break
        ev = _event(tok, text, sents, index, credited)
        if ev is not None:
            out.append(ev)
    return out


def _predicate(tok) -> str:
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ in {"prt", "prep", "dobj"} and (lemma, child.lower_) in PHRASAL:
            return PHRASAL[(lemma, child.lower_)]
    return SYNONYMS.get(lemma, lemma)


def _event(tok, text, sents, entities, credited) -> EventMention | None:
    if tok.pos_ != "VERB" or tok.lemma_.lower() in _SKIP:
        return None
    if tok.dep_ not in {"ROOT", "conj", "ccomp", "advcl", "xcomp", "relcl", "acl", "pcomp"}:
        return None
    lemma = tok.lemma_.lower()
    if lemma in _FRAMES and any(c.dep_ == "xcomp" for c in tok.children):
        return None  # "declined to comment": the event is "comment"
    if lemma in _REPORTING and any(c.dep_ == "ccomp" for c in tok.children):
        return None  # "X said Japan withdrew": the event is "withdraw", reported
    # Modifiers of nouns are events only when they are ones we compare, or when they carry a
    # subject of their own ("with Washington considering tariffs" is a clause, not a modifier).
    if tok.dep_ in {"acl", "relcl", "pcomp"} and lemma not in SYNONYMS and not any(
            (lemma, c.lower_) in PHRASAL for c in tok.children) and not (
            tok.dep_ != "relcl" and any(c.dep_ == "nsubj" for c in tok.children)):
        return None
    subj, objs = _arguments(tok, entities, sents.around(tok.idx))
    if subj is None and tok.dep_ not in {"ROOT", "xcomp"} and not objs:
        return None
    status = _status(tok, sents, text, credited)
    parts = [tok] + [c for c in tok.children if c.dep_ in {"aux", "auxpass", "neg", "prt"}]
    lo = min(p.i for p in parts)
    hi = max(p.i for p in parts)
    span = tok.doc[lo:hi + 1]
    s, e = sents.around(tok.idx)
    args = [a for a in [subj, *objs] if a]
    return EventMention(text=span.text, start=span.start_char, end=span.end_char,
                        predicate=_predicate(tok), arguments=args, status=status,
                        sentence=text[s:e])


def _arguments(tok, entities, bounds: tuple[int, int]) -> tuple[str | None, list[str]]:
    subj = None
    objs: list[str] = []
    for c in tok.children:
        if c.dep_ == "nsubj":
            subj = _phrase(c, entities, bounds) or None
        elif c.dep_ in {"nsubjpass", "dobj", "dative", "attr", "oprd"}:
            objs.append(_phrase(c, entities, bounds))
        elif c.dep_ == "agent":
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                subj = _phrase(pobj, entities, bounds) or None
    # A verb sharing its subject ("Japan canceled and apologised", "expected to include").
    head = tok
    for _ in range(4):
        if subj is not None or head.dep_ not in {"conj", "xcomp"} or head.head is head:
            break
        head = head.head
        s = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if s is not None:
            subj = _phrase(s, entities, bounds) or None
    preps = 0
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in _KEY_PREPS and preps < 3:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            phrase = _phrase(pobj, entities, bounds) if pobj is not None else ""
            if phrase:
                objs.append(f"{c.lower_} {phrase}")
                preps += 1
    return subj, [o for o in objs if o]


class _EntityIndex:
    """Entity mentions looked up by character offset in O(log n)."""

    def __init__(self, entities: list[EntityMention]):
        self.entities = entities
        self.starts = [m.start for m in entities]

    def at(self, offset: int) -> EntityMention | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and self.entities[i].start <= offset < self.entities[i].end:
            return self.entities[i]
        return None


def _phrase(tok, entities: _EntityIndex, bounds: tuple[int, int]) -> str:
    """A short name for an argument: the entity's canonical name, else its core noun phrase.

    Only words of the predicate's own sentence line count: spaCy sometimes parses a headline
    or caption into the next sentence, and its words are no argument of that sentence's verb.
    """
    if not bounds[0] <= tok.idx < bounds[1]:
        return ""
    m = entities.at(tok.idx)
    if m is not None:
        return m.name
    keep = [tok]
    for c in tok.lefts:
        if c.dep_ in {"compound", "amod", "nummod", "poss", "nmod", "quantmod"}:
            keep.extend(c.subtree)
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ == "of":
            keep.extend(w for w in c.subtree)
            break
    idx = sorted({w.i for w in keep if bounds[0] <= w.idx < bounds[1]})
    # Stay on the head's line: a phrase never runs across a heading or paragraph break.
    lo = max([i for i in idx if i <= tok.i and tok.doc[i].is_space] or [idx[0] - 1]) + 1
    hi = min([i for i in idx if i > tok.i and tok.doc[i].is_space] or [idx[-1] + 1]) - 1
    idx = [i for i in idx if lo <= i <= hi][:12]
    doc = tok.doc
    if idx and idx[-1] - idx[0] + 1 == len(idx):  # contiguous: quote the text as written
        phrase = doc[idx[0]:idx[-1] + 1].text  # a Span's text: Doc.text rebuilds it all
    else:
        phrase = " ".join(doc[i].text for i in idx)
    phrase = re.sub(r"^(?:the|a|an|The|A|An)\s+", "", re.sub(r"\s+", " ", phrase))
    return phrase.strip("*,. \"\u201c\u201d")


def _status(tok, sents, text, credited) -> str:
    chain = [tok]
    h = tok
    for _ in range(6):  # the verbs framing this one: "declined to", "expected to", "if"
        if h.dep_ not in {"xcomp", "ccomp", "conj", "advcl", "acl", "pcomp"} or h.head is h:
            break
        h = h.head
        chain.append(h)
    negated = hypo = planned = reported = False
    for i, v in enumerate(chain):
        kids = list(v.children)
        lem = v.lemma_.lower()
        framing = i > 0 and chain[i - 1].dep_ in {"xcomp", "pcomp"}
        own = i == 0 or framing
        if own and any(c.dep_ == "neg" or c.lower_ in {"never", "neither"} for c in kids):
            negated = True
        if own and any(c.dep_ in {"nsubj", "nsubjpass", "dobj"} and any(
                d.lower_ in {"no", "neither", "none"} for d in c.children) for c in kids):
            negated = True
        if own and any(c.dep_ == "aux" and c.lower_ in _MODAL_HYPO for c in kids):
            # Reported speech turns "will" into "would": "said talks would resume" is a plan.
            if i == 0 and any(c.lower_ == "would" for c in kids) and _in_reported_clause(chain):
                planned = True
            else:
                hypo = True
        if own and any(c.dep_ == "aux" and c.lower_ in _MODAL_PLAN for c in kids):
            planned = True
        if any(c.dep_ == "mark" and c.lower_ in {"if", "whether", "unless"} for c in kids):
            hypo = True
        if framing and lem in _NEGATING:
            negated = True
        if framing and lem in _HYPOTHETICAL or (i == 0 and lem in _HYPOTHETICAL):
            hypo = True
        if framing and lem in _PLANNED:
            planned = True
        if i > 0 and lem in _REPORTING and chain[i - 1].dep_ == "ccomp":
            reported = True
        if v.dep_ == "pcomp" and v.head.lower_ == "without":
            negated = True
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in {"due", "set", "scheduled"}:
        planned = True
    s, e = sents.around(tok.idx)
    sentence = text[s:e]
    if sentence in credited or _REPORTED_CUE.search(sentence):
        reported = True
    if negated:
        return "negated"
    if hypo:
        return "hypothetical"
    if planned:
        return "planned"
    return "reported" if reported else "asserted"


def _in_reported_clause(chain) -> bool:
    """Whether the first verb of the chain sits in the content clause of a verb of saying."""
    return any(chain[i - 1].dep_ == "ccomp" and v.lemma_.lower() in _REPORTING
               for i, v in enumerate(chain) if i > 0)


# --------------------------------------------------------------------------- no-model path

_FORMS = {
    "cancel": r"cancel(?:s|ed|led|ing|ling)?|scrap(?:s|ped|ping)?|call(?:s|ed|ing)?\s+off|"
              r"pull(?:s|ed|ing)?\s+out\s+of|abandon(?:s|ed|ing)?|axed?|ditch(?:es|ed|ing)?",
    "postpone": r"postpon(?:e|es|ed|ing)|delay(?:s|ed|ing)?|put(?:s|ting)?\s+off|"
                r"reschedul(?:e|es|ed|ing)|defer(?:s|red|ring)?",
    "demand": r"demand(?:s|ed|ing)?|ask(?:s|ed|ing)?|request(?:s|ed|ing)?|urg(?:e|es|ed|ing)|"
              r"push(?:es|ed|ing)?\s+for|call(?:s|ed|ing)?\s+for",
    "impose": r"impos(?:e|es|ed|ing)|lev(?:y|ies|ied|ying)",
    "increase": r"rais(?:e|es|ed|ing)|increas(?:e|es|ed|ing)|boost(?:s|ed|ing)?|hik(?:e|es|ed|ing)",
    "decrease": r"cut(?:s|ting)?|reduc(?:e|es|ed|ing)|lower(?:s|ed|ing)?|slash(?:es|ed|ing)?",
    "meet": r"meet(?:s|ing)?|met",
    "withdraw": r"withdr(?:aw|aws|ew|awn|awing)",
    "comment": r"comment(?:s|ed|ing)?",
    "confirm": r"confirm(?:s|ed|ing)?",
    "deny": r"den(?:y|ies|ied|ying)",
}
_FORM_RE = re.compile(r"\b(?:" + "|".join(f"(?P<{k}>{v})" for k, v in _FORMS.items()) + r")\b",
                      re.I)
_NEG_CUE = re.compile(r"(?:n\s?[’']\s?t\b)|\b(?:not|never|no|neither|nor|declined\s+to|refused\s+to|"
                      r"failed\s+to)\b", re.I)
_HYPO_CUE = re.compile(r"\b(?:could|may|might|would|should|consider(?:s|ed|ing)?|if|whether)\b",
                       re.I)
_PLAN_CUE = re.compile(r"\b(?:will|shall|scheduled\s+to|expected\s+to|due\s+to|set\s+to|"
                       r"plans?\s+to|planned\s+to|going\s+to)\b", re.I)


def _rule_events(text, sents, entities, credited) -> list[EventMention]:
    out: list[EventMention] = []
    for s, e in sents.spans:
        sentence = text[s:e]
        names = []
        for m in entities:
            if s <= m.start < e and m.name not in names:
                names.append(m.name)
        for m in _FORM_RE.finditer(text, s, e):
            pred = m.lastgroup or ""
            window = text[max(s, m.start() - 40):m.start()]
            if _NEG_CUE.search(window):
                status = "negated"
            elif _HYPO_CUE.search(window):
                status = "hypothetical"
            elif _PLAN_CUE.search(window):
                status = "planned"
            elif (sentence in credited or _REPORTED_CUE.search(sentence)
                  or re.search(r"\b(?:said|says|told|reported|reports)\b", text[s:m.start()])):
                status = "reported"
            else:
                status = "asserted"
            out.append(EventMention(text=m.group(0), start=m.start(), end=m.end(),
                                    predicate=pred, arguments=names[:3], status=status,
                                    sentence=sentence))
            if len(out) >= MAX_EVENTS:
                return out
    return out
