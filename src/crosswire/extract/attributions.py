"""Whom each sentence credits: outlets, officials, unnamed sources, or nobody ("reportedly").

Each crediting phrase becomes one :class:`AttributionMention` per source it names ("according
to reports by the Financial Times and Nikkei" gives two). ``source`` is the canonical entity
name when the phrase holds a person or organisation ("the FT" -> "Financial Times"), else the
description as written ("a U.S. official", "three people familiar with the matter"). A hedge
("reportedly", "is said to") in a sentence that credits nobody yields source "unattributed",
so later stages can tell a sourced claim from a hedged one.
"""

from __future__ import annotations

import re

from crosswire.extract.entities import _ABBREV_END, Sentences, canonical_key
from crosswire.models import AttributionMention, EntityMention
from crosswire.outlets import OUTLET_PATTERN, normalise_outlet

UNATTRIBUTED = "unattributed"
_REPORT_WORDS = (
    r"reported|reports|revealed|noted|notes|cited|cites|said|says|wrote|writes|found|disclosed|"
    r"confirmed|confirms|quoted|learned|learnt|stated|claimed|suggested|added|argued|warned|told|"
    r"tells|indicated|showed|described|observed|estimated|calculated"
)
_REPORT_LEMMAS = frozenset("""
report reveal note cite say write disclose confirm quote learn state claim suggest argue warn
tell indicate describe observe estimate announce explain insist acknowledge
""".split())
# Head nouns of a subject that can be a source ("officials said"), unlike "the move suggests".
_SOURCE_NOUNS = frozenset("""
official officials source sources people person analyst analysts expert experts diplomat diplomats
spokesperson spokesman spokeswoman representative representatives aide aides minister ministers
ministry government report reports media newspaper newspapers outlet outlets member members
lawmaker lawmakers observer observers insider insiders executive executives statement statements
document documents study survey data poll agency officer officers adviser advisers advisor
advisors negotiator negotiators economist economists researcher researchers critic critics
""".split())
_ACCORDING = re.compile(
    r"\baccording\s+to\s+(?:(?:an?\s+|the\s+)?(?:reports?|reporting|articles?|statements?|"
    r"documents?|data|figures|estimates)\s+(?:by|from|in|of)\s+)?", re.I)
_BY = re.compile(
    r"\b(?:first\s+)?(?:reported|revealed|noted|suggested|stated|disclosed|described|cited|"
    r"quoted|confirmed|announced|claimed|highlighted|flagged)\s+by\s+", re.I)
_TOLD = re.compile(r"\b(?:told|tells|telling)\s+")
_FAMILIAR = re.compile(
    r"\b(?:(?:two|three|four|five|six|several|many|multiple|some|unnamed|anonymous|other|\d+)\s+)?"
    r"(?:(?!(?:to|by|but|and|from|of|the|according|with|that)\b)[\w.-]+\s+){0,2}?(?:people|sources|officials|persons|individuals|insiders|diplomats)\s+"
    r"(?:familiar\s+with|briefed\s+on|with\s+(?:direct\s+)?knowledge\s+of|close\s+to|"
    r"knowledgeable\s+about|involved\s+in|aware\s+of)\s+(?:the\s+)?[\w-]+"
    r"(?:\s+of\s+(?:the\s+)?[\w-]+)?", re.I)
_UNNAMED = re.compile(
    r"\b(?:a|an|one|two|three|several|some)\s+(?:(?:senior|former|top|high-ranking|unnamed|"
    r"anonymous|U\.S\.|US|UK|EU|[A-Z][a-z]+|defen[cs]e|government|administration|military|"
    r"foreign|ministry|White\s+House|state\s+department)\s+){1,3}(?:official|officials|"
    r"diplomat|diplomats|source|sources|aide|aides|spokesperson|spokesman|spokeswoman|"
    r"person|people|officer)\b(?=\s+(?:" + _REPORT_WORDS + r"|has|had|who|also)\b)")
_HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|supposedly|(?:is|are|was|were)\s+(?:said|reported|"
    r"understood|believed|thought|rumou?red)\s+to|it\s+is\s+understood|reports\s+(?:say|said|"
    r"suggest)|rumou?red)\b", re.I)
_VAGUE = re.compile(r"^(?:other|many|several)?\s*(?:major\s+)?(?:outlets|media|media\s+outlets|"
                    r"news\s+outlets|others|reports)$", re.I)
_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s+&\s+")


def extract_attributions(text: str, doc=None, entities: list[EntityMention] | None = None, *,
                         sentences: Sentences | None = None) -> list[AttributionMention]:
    """Every crediting phrase, one mention per source, with its verbatim sentence."""
    entities = [m for m in (entities or []) if m.type in {"person", "org"}]
    sents = sentences or Sentences(text, doc)
    out: list[AttributionMention] = []
    for s_start, s_end in sents.spans:
        found: list[AttributionMention] = []
        sentence = text[s_start:s_end]

        def add(cue_start: int, src_start: int, src_end: int) -> None:
            src = _normalise(text, src_start, src_end, entities)
            if src and not any(canonical_key(a.source) == canonical_key(src)
                               or (a.start < src_end and src_start < a.end) for a in found):
                found.append(AttributionMention(text=text[cue_start:src_end], start=cue_start,
                                                end=src_end, source=src, sentence=sentence))

        for cue in (_ACCORDING, _BY):
            for m in cue.finditer(text, s_start, s_end):
                for a, b in _sources(text, m.end(), _clause_end(text, m.end(), s_end)):
                    add(m.start() if a == _first_start(text, m.end()) else a, a, b)
        for m in _TOLD.finditer(text, s_start, s_end):
            o = OUTLET_PATTERN.match(text, m.end())
            if o:  # "a U.S. official told Reuters": the outlet is a source too
                add(m.start(), o.start(), o.end())
        for rx in (_FAMILIAR, _UNNAMED):
            for m in rx.finditer(text, s_start, s_end):
                add(m.start(), m.start(), m.end())
        _subjects_of_reporting(text, doc, entities, s_start, s_end, add)
        if re.search(rf"\b(?:{_REPORT_WORDS}|according)\b", sentence, re.I):
            for m in OUTLET_PATTERN.finditer(text, s_start, s_end):
                add(m.start(), m.start(), m.end())  # "Some sources, including Japan's Nikkei"
        if not found:
            h = _HEDGE.search(text, s_start, s_end)
            if h:
                found.append(AttributionMention(text=h.group(0), start=h.start(), end=h.end(),
                                                source=UNATTRIBUTED, sentence=sentence))
        out.extend(sorted(found, key=lambda a: a.start))
    return out


def _clause_end(text: str, pos: int, limit: int) -> int:
    """Where the source phrase after a cue stops: a comma, a clause word or a real period."""
    for m in re.finditer(r"[,;:()\n\u201c\u201d\"]|\.(?=\s|$)|\s(?:that|which|who|on|in\s+"
                         r"(?:a|an|the)|as|after|before|when|while|because|about|for)\s",
                         text[pos:limit]):
        if m.group(0) == "." and _ABBREV_END.search(text[max(pos, pos + m.start() - 8):pos + m.start() + 1]):
            continue
        return pos + m.start()
    return limit


def _first_start(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _sources(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split "the Financial Times and Nikkei" into its sources' offsets."""
    spans = []
    pos = start
    for m in _SPLIT.finditer(text, start, end):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _subjects_of_reporting(text, doc, entities, s_start, s_end, add) -> None:
    """The subject of "said", "reported", "noted", "told" when it can be a source."""
    if doc is not None:
        span = doc.char_span(s_start, s_end, alignment_mode="expand")
        for tok in span or []:
            if tok.lemma_ not in _REPORT_LEMMAS or tok.pos_ not in {"VERB", "AUX"}:
                continue
            # Only an active subject: in "X is said to" X is the topic, not the source.
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is None:
                continue
            lo = min(w.idx for w in subj.subtree)
            hi = max(w.idx + len(w) for w in subj.subtree)
            ent = next((m for m in entities if m.start <= subj.idx < m.end), None)
            if ent is not None:
                add(ent.start, ent.start, ent.end)
            elif subj.lemma_.lower() in _SOURCE_NOUNS or subj.lower_ in _SOURCE_NOUNS:
                left = min((w.idx for w in subj.subtree if w.i <= subj.i), default=lo)
                add(left, left, _clause_end(text, subj.idx, hi) if hi > subj.idx else hi)
        return
    for ent in entities:
        if s_start <= ent.start < s_end:
            after = text[ent.end:min(s_end, ent.end + 40)]
            if re.match(rf"\s+(?:\w+\s+)?(?:{_REPORT_WORDS})\b", after):
                add(ent.start, ent.start, ent.end)


def _entity_in(entities: list[EntityMention], lo: int, hi: int) -> EntityMention | None:
    inside = [m for m in entities if lo <= m.start and m.end <= hi]
    people = [m for m in inside if m.type == "person"]
    return (people or inside or [None])[0]


def _normalise(text: str, start: int, end: int, entities: list[EntityMention]) -> str | None:
    """Canonical source name: an entity's name, an outlet's name, or the description."""
    phrase = re.sub(r"\s+", " ", text[start:end]).strip(" ,.*")
    if not phrase or len(phrase) > 100 or len(phrase.split()) > 12 or _VAGUE.match(phrase):
        return None
    ent = _entity_in(entities, start, end)
    if ent is not None and (ent.type == "person" or len(phrase.split()) <= len(ent.text.split()) + 2):
        return ent.name
    # Searched in place, not in the phrase alone: the look-behinds see the crediting cue.
    o = OUTLET_PATTERN.search(text, start, end)
    if o and len(phrase.split()) <= len(o.group(0).split()) + 2:
        return normalise_outlet(o.group(0), credited=True) or re.sub(r"^[Tt]he\s+", "", o.group(0))
    if re.match(r"(?:he|she|it|they|this|which|that|who)\b", phrase, re.I):
        return None
    first = phrase.split()[0]
    if first.lower() in {"a", "an", "one", "two", "three", "four", "some", "several", "the",
                         "sources", "officials", "people", "analysts", "experts", "unnamed",
                         "other", "many", "multiple"}:
        phrase = first.lower() + phrase[len(first):]
    return phrase
