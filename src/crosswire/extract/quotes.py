"""Direct quotations and who said them.

A span between quotation marks (straight or curly, double or single) is a quote when it is an
utterance rather than a term being mentioned:

* four words or more: a sentence or a clause, so somebody said it;
* two or three words when the sentence around it has a verb of saying ("claiming there is
  “no drama or division”"): a partial quote, credited to that verb's subject;
* one word never. A single quoted word ("postponed", "2+2", “nonreciprocal”) is a scare quote,
  a label or a name: it cannot be compared as a statement, and keeping it would flood the
  dossier's quotes with labels.

The speaker is found, in order, after the closing mark (`"…," said X`, `"…," X said`), before
the opening mark (`X said "…"`, `X: "…"`), from the subject of the nearest verb of saying in
the sentence (with a parse), or from the previous piece of a quote that runs over paragraphs.
A pronoun speaker resolves through the entity mentions to the last person named.
"""

from __future__ import annotations

import bisect
import re

from crosswire.extract.entities import SPEECH_VERBS, Sentences
from crosswire.models import EntityMention, QuoteMention

MAX_QUOTE_CHARS = 3000  # an "open" mark further than this from its close is debris, not a quote
_SAY_WORDS = (
    r"said|says|say|told|tells|added|adds|noted|notes|stated|states|stating|argued|argues|"
    r"insisted|warned|explained|remarked|wrote|writes|replied|responded|declared|claimed|claiming|"
    r"claims|stressed|emphasi[sz]ed|acknowledged|admitted|announced|commented|tweeted|posted|"
    r"concluded|observed|asked|asks|continued|recalled|maintained|asserted|saying|telling|adding"
)
_AFTER_VERB_FIRST = re.compile(rf"^[\s,.\u2014-]*(?:{_SAY_WORDS})\b", re.I)
_AFTER_NAME_FIRST = re.compile(rf"^[\s,.\u2014-]*(?P<who>[^,.;\n]{{1,80}}?)\s+(?:{_SAY_WORDS})\b", re.I)
_BEFORE_VERB = re.compile(rf"\b(?:{_SAY_WORDS})(?:\s+\w+){{0,3}}?(?:\s+that)?\s*[,:]?\s*$", re.I)
_BEFORE_COLON = re.compile(r":\s*$")
_DESCRIPTION = re.compile(
    r"^(?:(?:a|an|one|two|three|several|some|another|the)\s+)?[\w.\-\u2019' ]{2,60}?"
    r"(?=\s*(?:[,.;\n]|$|\s+(?:who|which|in|at|on|with|during)\b))"
)


def extract_quotes(text: str, doc=None, entities: list[EntityMention] | None = None, *,
                   sentences: Sentences | None = None) -> list[QuoteMention]:
    """Quotations with their speakers' canonical names (None when nobody is stated)."""
    entities = sorted(entities or [], key=lambda m: m.start)
    sents = sentences or Sentences(text, doc)
    out: list[QuoteMention] = []
    prev_piece_open = False
    for start, end, continued in _quote_spans(text):
        body_start, body_end = _tidy(text, start, end)
        words = len(text[body_start:body_end].split())
        s_start, s_end = sents.around(start)
        sentence_has_say = _has_say(text, s_start, s_end, start - 1, end + 1, doc)
        if words < 2 or (words < 4 and not sentence_has_say):
            prev_piece_open = False
            continue
        speaker = _speaker(text, doc, entities, start - 1, end + 1, sents)
        if speaker is None and out and (continued or prev_piece_open):
            speaker = out[-1].speaker
        if out and continued and out[-1].speaker is None:
            out[-1].speaker = speaker  # the attribution came with the last piece
        out.append(QuoteMention(text=text[body_start:body_end], start=body_start,
                                end=body_end, speaker=speaker))
        prev_piece_open = _ends_open(text, end)
    return out


def _quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """(inner start, inner end, continues the previous piece) for each quoted span."""
    spans: list[tuple[int, int, bool]] = []
    open_at: int | None = None
    open_kind = ""
    continued = False
    for m in re.finditer("[\u201c\u201d\"\u2018\u2019']", text):
        ch, i = m.group(0), m.start()
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if open_at is not None and i - open_at > MAX_QUOTE_CHARS:
            open_at = None
        if ch == "\u201c" or (ch == '"' and (prev.isspace() or prev in "([\u2014\u2013-*")
                                and not nxt.isspace() and (open_at is None or open_kind != "d")):
            kind, opening = "d", True
        elif ch in "\u201d\"":
            kind, opening = "d", False
        elif (ch == "\u2018" or ch == "'" and nxt.isalnum()) and (
                prev.isspace() or prev in "([\u2014\u2013-") and (open_kind != "d" or open_at is None):
            kind, opening = "s", True
        elif (ch in "\u2019'" and open_kind == "s" and open_at is not None and not nxt.isalnum()
              and not prev.isspace()):
            kind, opening = "s", False  # an apostrophe ("Japan's") is followed by a letter
        else:
            continue  # an apostrophe, or a single mark inside a double quote
        if opening:
            if open_at is not None and open_kind == kind:
                brk = text.rfind("\n", open_at, i)
                if brk != -1 and text[open_at:brk].strip():
                    # A quote running over paragraphs reopens each one without closing.
                    spans.append((open_at, brk, continued))
                    continued = True
                else:
                    continued = False
            else:
                continued = False
            open_at, open_kind = i + 1, kind
        elif open_at is not None and kind == open_kind:
            spans.append((open_at, i, continued))
            open_at, continued = None, False
    if open_at is not None:
        brk = text.find("\n", open_at)
        brk = len(text) if brk == -1 else brk
        if 0 < brk - open_at <= MAX_QUOTE_CHARS:
            spans.append((open_at, brk, continued))
    return spans


def _tidy(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces and the trailing comma a closing mark swallows ("…if true,")."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",*"):
        end -= 1
    return start, end


def _ends_open(text: str, end: int) -> bool:
    """Whether a piece stopped at a paragraph end without its closing mark."""
    return end >= len(text) or text[end] == "\n"


def _has_say(text: str, s_start: int, s_end: int, q_start: int, q_end: int, doc) -> bool:
    outside = text[s_start:max(s_start, q_start)] + " " + text[min(q_end, s_end):s_end]
    if re.search(rf"\b(?:{_SAY_WORDS}|according to|describ\w+|call\w*|dubb\w+|label\w*)\b",
                 outside, re.I):
        return True
    if doc is not None:
        span = doc.char_span(s_start, s_end, alignment_mode="expand")
        if span is not None:
            return any(t.lemma_ in SPEECH_VERBS and not (q_start <= t.idx < q_end) for t in span)
    return False


def _mention_in(entities: list[EntityMention], lo: int, hi: int, last: bool = False):
    starts = [m.start for m in entities]
    i, j = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
    inside = [m for m in entities[i:j] if m.end <= hi]
    people = [m for m in inside if m.type == "person"] or inside
    if not people:
        return None
    return people[-1] if last else people[0]


def _speaker(text, doc, entities, q_open, q_close, sents) -> str | None:
    # 1. After the closing mark: `"…," said X` / `"…," X said`.
    para_end = text.find("\n", q_close)
    tail_end = min(len(text), q_close + 160, para_end if para_end != -1 else len(text))
    tail = text[q_close:tail_end]
    m = _AFTER_VERB_FIRST.match(tail)
    if m:
        who = _mention_in(entities, q_close + m.end(), q_close + m.end() + 60)
        between = text[q_close + m.end():who.start] if who is not None else ""
        # Only a title may stand between the verb and the name ("said harbour master X").
        if who is not None and not re.search(r"[,.;:\n]", between) and len(between.split()) <= 6:
            return who.name
        d = _DESCRIPTION.match(tail[m.end():].lstrip())
        if d and d.group(0).strip() and not re.match(r"(?:that|in|on|at|as|,)\b", d.group(0)):
            return _description(d.group(0))
    m = _AFTER_NAME_FIRST.match(tail)
    if m:
        who = _mention_in(entities, q_close + m.start("who"), q_close + m.end("who"))
        if who is not None:
            return who.name
    # 2. Before the opening mark: `X said: "…"`, `X: "…"`.
    s_start, s_end = sents.around(q_open)
    head_start = max(s_start, q_open - 250)
    head = text[head_start:q_open]
    if _BEFORE_VERB.search(head) or _BEFORE_COLON.search(head):
        cut = _BEFORE_VERB.search(head) or _BEFORE_COLON.search(head)
        if doc is None or _BEFORE_COLON.search(head) and not _BEFORE_VERB.search(head):
            who = _mention_in(entities, head_start, head_start + cut.start(), last=True)
            if who is not None:
                return who.name
    # 3. The subject of the nearest verb of saying in the sentence.
    if doc is not None:
        found = _parsed_speaker(doc, entities, s_start, s_end, q_open, q_close)
        if found:
            return found
    elif re.search(rf"\b(?:{_SAY_WORDS})\b", text[s_start:s_end], re.I):
        who = _mention_in(entities, s_start, q_open, last=True)
        if who is not None and who.type == "person":
            return who.name
    return None


def _parsed_speaker(doc, entities, s_start, s_end, q_open, q_close) -> str | None:
    span = doc.char_span(s_start, s_end, alignment_mode="expand")
    if span is None:
        return None
    verbs = [t for t in span if t.lemma_ in SPEECH_VERBS and t.pos_ in {"VERB", "AUX"}
             and not (q_open <= t.idx < q_close)]
    # Verbs before the quote first, nearest first ("claiming there is “…”"): a verb after a
    # mid-sentence quote usually belongs to a noun phrase ("“example” of Europeans pledging").
    verbs.sort(key=lambda t: (t.idx > q_open, min(abs(t.idx - q_open), abs(t.idx - q_close))))
    for verb in verbs:
        subj = _subject(verb)
        if subj is None or q_open <= subj.idx < q_close:
            continue
        lo = min(w.idx for w in subj.subtree)
        hi = max(w.idx + len(w) for w in subj.subtree)
        who = _mention_in(entities, subj.idx, subj.idx + len(subj))
        who = who or _mention_in(entities, lo, hi)
        if who is not None and who.type in {"person", "org"}:
            return who.name
        if subj.pos_ in {"NOUN", "PROPN"}:
            words = [w for w in subj.subtree if w.i <= subj.i and w.dep_ != "punct"]
            return _description(doc[words[0].i:subj.i + 1].text)
    return None


def _subject(verb):
    """The subject of a verb, climbing through "claiming"-style clauses to the one that has it."""
    tok = verb
    for _ in range(6):
        for child in tok.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return child
        if tok.dep_ in {"advcl", "xcomp", "conj", "ccomp", "acl"} and tok.head is not tok:
            tok = tok.head
        else:
            return None
    return None


def _description(phrase: str) -> str | None:
    """An unnamed speaker as written ("one defence official"), lowercased at the start."""
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,.*")
    if not phrase or len(phrase.split()) > 8:
        return None
    first = phrase.split()[0]
    if first.lower() in {"a", "an", "one", "two", "three", "some", "several", "the", "another"}:
        phrase = first.lower() + phrase[len(first):]
    return phrase
