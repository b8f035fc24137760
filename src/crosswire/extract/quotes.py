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
the sentence (with a parse), from the previous piece of a quote that runs over paragraphs, or
last from the person who is the subject of the sentence's main verb ("Trump assured Jones, “…”").
A quote with no attribution of its own takes the speaker of the quote before it in the same
paragraph (the second piece of ``"A," X said. "B."``) or, when it opens a paragraph, of the quote
in the paragraph before (or of the "X continued:" that ends it). Of "descriptor + name" ("Trump
attorney Alan Garten", "Ryan's spokeswoman, AshLee Strong") the name is the speaker, and a title
alone ("Rep.") never is. A pronoun speaker resolves sentence by sentence back from it (up to five) to a
person named outside any quote, a main clause's or a speech verb's subject before another
subject ("just as Lincoln did") before any other name, the gender kept where a title before
the name, a role word or a first name tells it. Climbing from a verb of saying to its subject
skips verbs inside quotes, goes from an infinitive to the object above it ("prompted Rubio to
call…") and from a misattached second "said" to the first. A quote signed by a dash ("“…”
― Name", or a "- Name." paragraph after it), "According to X, “…”", "As X put it" and, for a
quote with no attribution, the last verb of saying before it in its paragraph (or, opening a
paragraph, in the one before) name the speaker; an attribution that introduces a quote of its
own (`“A.” Of Carson, Levine said, “B.”`) is not the previous quote's. A short quoted Title Case phrase after "on", "in", "titled"... is a show, a book or a slogan,
not speech, also after a broadcaster's possessive ("on ABC’s “This Week”"). A role word between
two names ("Concord resident Whit Symms") and an organisation opening a descriptor ("The Council
on … National Executive Director Nihad Awad says") lead to the person; a party tag ("(R-Fla.)")
may stand between the name and the verb; "a worker named X" is a subject for pronouns. Marks:
straight and curly, ``''…''`` and ``…''`` (archive formats), « », „ “.
"""

from __future__ import annotations

import bisect
import re

from crosswire.extract.entities import SPEECH_VERBS, Sentences, is_pronoun
from crosswire.models import EntityMention, QuoteMention

MAX_QUOTE_CHARS = 3000  # an "open" mark further than this from its close is debris, not a quote
_SAY_WORDS = (
    r"said|says|say|told|tells|added|adds|noted|notes|stated|states|stating|argued|argues|"
    r"insisted|warned|explained|remarked|wrote|writes|replied|responded|declared|claimed|claiming|"
    r"claims|stressed|emphasi[sz]ed|acknowledged|admitted|announced|commented|tweeted|posted|"
    r"concluded|observed|asked|asks|continued|recalled|maintained|asserted|saying|telling|adding|"
    r"went on|goes on|shot back|fired back|quipped|demanded|retorted|joked|shouted|conceded|"
    r"predicted|promised|vowed|urged|suggested|cautioned|complained|boasted|countered|"
    r"insists|warns|explains|argued|wondered|retaliated|interjected|exclaimed|pointed out|"
    r"put it|puts it"
)
_TITLE_ONLY = {"rep", "sen", "gov", "dr", "mr", "mrs", "ms", "miss", "rev", "gen", "lt", "col",
               "sgt", "prof", "st", "reps", "sens", "lt. gov", "president", "senator"}
# Words that may stand between a descriptor's name and the speaker's ("Trump attorney Alan
# Garten", "Clinton campaign chairman John Podesta"); a preposition or a verb ends the phrase.
_PHRASE_BREAK = re.compile(r"[,;:()\n]|\b(?:in|at|on|to|with|during|for|after|before|that|and|"
                           r"who|which|when|while|as|from|by|said|says|told)\b", re.I)
_ABBREV_TITLE = re.compile(r"\b(?:Rep|Reps|Sen|Sens|Gov|Dr|Mr|Mrs|Ms|Lt|Gen|Col|Sgt|Prof|Rev|"
                           r"St|Capt|Cmdr|Adm|Maj|Atty|Supt)\.\s")
# Between `said` and a name these start a new clause ("adding that it is why Donald Trump…").
_CLAUSE_WORD = re.compile(r"\b(?:that|why|how|what|whether|if|because|it|is|was|he|she|they)\b", re.I)
_TITLE_CUE = re.compile(r"\b(?:on|in|of|titled|entitled|called|dubbed|named|book|show|film|"
                        r"program|programme|series|slogan|song|movie|album|column|article)\s*$",
                        re.I)
# Lower case inside a title ("Midday with Charlie Sykes", "Meet the Press").
_TITLE_SMALL_WORDS = frozenset("with from into onto upon over under about after".split())
_OWNER_BEFORE = re.compile(r"\s*\b[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2}['\u2019]s\s*$")
# Titles say a gender only right before the name: "Miss." after "Baldwin," is Mississippi.
_FEMALE_TITLE = re.compile(r"\b(?:Mrs|Ms|Miss|Madam)\.?\s+$")
_MALE_TITLE = re.compile(r"\b(?:Mr|Sir)\.?\s+$")
_FEMALE_WORDS = re.compile(r"\b(?:spokeswoman|congresswoman|chairwoman|"
                           r"businesswoman|wife|mother|daughter|sister|actress|queen|"
                           r"grandmother|widow|woman)\b\.?", re.I)
_MALE_WORDS = re.compile(r"\b(?:spokesman|congressman|chairman|businessman|husband|"
                         r"father|son|brother|actor|king|grandfather|widower)\b\.?", re.I)
# First names that say a gender (a small list of common ones in English-language news).
_FEMALE_FIRST = frozenset("""
hillary mary elizabeth jennifer patricia linda barbara susan jessica sarah karen nancy lisa
margaret sandra ashley kimberly emily donna michelle carol amanda melissa deborah stephanie
rebecca laura sharon cynthia kathleen amy shirley angela helen anna brenda pamela nicole
samantha katherine christine debra rachel carolyn janet catherine maria heather diane ruth
julie olivia joyce virginia victoria kelly christina lauren joan evelyn judith megan cheryl
andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice jean alice
madison doris abigail julia judy grace denise amber marilyn beverly danielle theresa sophia
marie diana brittany natalie isabella charlotte rose alexis kayla melania ivanka chelsea
huma kellyanne michele nikki sheryl elena sonia condoleezza nancy debbie kirsten tammy
claire jeanne carly sarah donna jill gennifer monica paula megyn katy hope omarosa
""".split())
_MALE_FIRST = frozenset("""
james robert john michael william david richard joseph thomas charles christopher daniel
matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy
christian keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse
jordan bryan billy joe bruce gabriel logan albert willie alan juan wayne elijah randy roy
vincent ralph eugene russell bobby mason philip louis barack bill bernie ted marco jeb
ben chris mike rand rick newt mitt reince harry mitch chuck tim jim tom bob dick al
vladimir francois xi abraham lindsey rudy corey newt sean hugh jared eric
""".split())
_AFTER_VERB_FIRST = re.compile(rf"^[\s,.\u2014-]*(?:{_SAY_WORDS})\b", re.I)
# Case kept under re.I ("p." ends "Trump."); a party tag "(D-Mo.)" may hold a full stop.
_ABBR = r"(?-i:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Prof|Rev|St|Jr|[A-Z])\.|\([A-Z]{1,3}-[A-Z][A-Za-z.]{0,8}\)"
_AFTER_NAME_FIRST = re.compile(
    rf"^[\s,.\u2014-]*(?P<who>(?:{_ABBR}|[^,.;\n]){{1,80}}?)\s+(?:{_SAY_WORDS})\b", re.I)
_AFTER_NAME_APPOS = re.compile(
    rf"^[\s,\u2014-]*(?P<who>(?:{_ABBR}|[^,.;\n]){{1,60}}?),[^\n\"\u201c\u201d]{{1,120}}?,\s+"
    rf"(?:{_SAY_WORDS})\b", re.I)
_BEFORE_VERB = re.compile(rf"\b(?:{_SAY_WORDS})(?:\s+\w+){{0,3}}?(?:\s+that)?\s*[,:]?\s*$", re.I)
_BEFORE_COLON = re.compile(r":\s*$")
_ENDS_SENTENCE = re.compile(r"[.?!](?:''|[\u201d\"\u00bb])$")
_INTRODUCES = re.compile(r"(?:\s+\w+){0,2}?\s*[,:]?\s*(?:``|''|[\u201c\"\u00ab\u201e])")
_ACCORDING_TO = re.compile(r"\baccording to\s+(?P<who>[^,;:\n\"\u201c\u201d]{2,80}),\s*$", re.I)
_SIGNED = re.compile(r"[^\S\n]*(?:\n+[^\S\n]*)?[-\u2013\u2014\u2015]+[^\S\n]*"
                     r"(?P<who>[^\n\u201c\u201d\"|]{2,60}?)[^\S\n.]*\.?[^\S\n]*(?=\n|$|\s*[\u201c\"])")
_NAME_ONLY = re.compile(r"(?:[A-Z][\w\u00C0-\u017F'\u2019-]*\.?\s+){0,4}[A-Z][\w\u00C0-\u017F'\u2019-]+"
                        r"(?=[ \t.]*$|,)")
_DESCRIPTION = re.compile(
    r"^(?:(?:a|an|one|two|three|several|some|another|the)\s+)?[\w.\-\u2019' ]{2,60}?"
    r"(?=\s*(?:[,.;\n]|$|\s+(?:who|which|in|at|on|with|during)\b))"
)


def extract_quotes(text: str, doc=None, entities: list[EntityMention] | None = None, *,
                   sentences: Sentences | None = None) -> list[QuoteMention]:
    """Quotations with their speakers' canonical names (None when nobody is stated)."""
    entities = sorted(entities or [], key=lambda m: m.start)
    sents = sentences or Sentences(text, doc)
    spans = _quote_spans(text)
    ctx = _Context(text, doc, entities, sents, [(a, b) for a, b, _ in spans])
    out: list[QuoteMention] = []
    para_of: list[int] = []  # paragraph number of each kept quote
    prev_piece_open = False
    for start, end, continued in spans:
        body_start, body_end = _tidy(text, start, end)
        words = len(text[body_start:body_end].split())
        s_start, s_end = sents.around(start)
        sentence_has_say = _has_say(text, s_start, s_end, start - 1, end + 1, doc)
        if words < 2 or (words < 4 and not sentence_has_say) or _is_title(text, start, end, words):
            prev_piece_open = False
            continue
        para = _paragraph_index(text, start)
        q_open = start - (2 if start >= 2 and text[start - 2:start] in ("''", "``") else 1)
        q_close = end + (2 if text.startswith("''", end) else 1)
        speaker = _speaker(text, doc, entities, q_open, q_close, sents, ctx)
        if speaker is None and doc is not None:
            speaker = _sentence_subject(doc, entities, s_start, s_end, q_open, q_close, ctx)
        if speaker is None and out and (continued or prev_piece_open):
            speaker = out[-1].speaker
        if speaker is None and out and para_of[-1] == para:
            speaker = out[-1].speaker  # the second piece of `"A," X said. "B."`
        if speaker is None and _opens_paragraph(text, start):
            speaker = _from_previous_paragraph(text, start, ctx)
            if speaker is None and out and para_of[-1] == para - 1:
                speaker = out[-1].speaker  # a paragraph that goes on quoting the last speaker
            if speaker is None and doc is not None:
                speaker = _reported_before(text, start, ctx)
        elif speaker is None and doc is not None and not (out and para_of[-1] == para):
            # `…, Schiff said. "The other factor…"`: the paragraph's own reported speech.
            speaker = _reported_before(text, start, ctx, same_paragraph=True)
        if out and continued and out[-1].speaker is None:
            out[-1].speaker = speaker  # the attribution came with the last piece
        out.append(QuoteMention(text=text[body_start:body_end], start=body_start,
                                end=body_end, speaker=speaker))
        para_of.append(para)
        if speaker is not None and any(m.name == speaker and m.type == "person" for m in entities):
            ctx.last_speaker = (start, speaker)
        prev_piece_open = _ends_open(text, end)
    return out


class _Context:
    """What speaker resolution needs beyond one quote: the article's quoted ranges and genders."""

    def __init__(self, text, doc, entities, sents, quoted):
        self.text, self.doc, self.entities, self.sents = text, doc, entities, sents
        self.quoted = quoted
        self.quoted_starts = [a for a, _ in quoted]
        self._gender: dict[str, str | None] = {}
        self.last_speaker: tuple[int, str] | None = None  # (quote start, name) of the last quote

    def in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self.quoted_starts, pos) - 1
        return i >= 0 and self.quoted[i][0] <= pos < self.quoted[i][1]

    def gender(self, name: str) -> str | None:
        """"f", "m" or None, from a first name, a title or a role word next to any mention."""
        if name not in self._gender:
            first = name.split()[0].lower() if name.split() else ""
            g = "f" if first in _FEMALE_FIRST else "m" if first in _MALE_FIRST else None
            if g is None:
                votes = {"f": 0, "m": 0}
                for m in self.entities:
                    if m.name == name and not is_pronoun(m):
                        before = self.text[max(0, m.start - 25):m.start]
                        around = before + " " + self.text[m.end:m.end + 25]
                        votes["f"] += (len(_FEMALE_WORDS.findall(around))
                                       + bool(_FEMALE_TITLE.search(before)))
                        votes["m"] += (len(_MALE_WORDS.findall(around))
                                       + bool(_MALE_TITLE.search(before)))
                if votes["f"] != votes["m"]:
                    g = "f" if votes["f"] > votes["m"] else "m"
            self._gender[name] = g
        return self._gender[name]

    def subject_rank(self, m: EntityMention) -> int:
        """0 for the subject of a main clause or of a verb of saying, 1 for another subject
        ("just as Lincoln did", "if Sanders wins"), 2 for a name that is not a subject."""
        if self.doc is None:
            # Without a parse: a name followed by a verb-looking word.
            return 1 if re.match(r"\s+(?:[a-z]+(?:ed|s)\b|" + _SAY_WORDS + ")",
                                 self.text[m.end:m.end + 30]) else 2
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return 2
        root = span.root
        if root.dep_ == "appos":  # "The German Chancellor, Angela Merkel, said"
            root = root.head
        elif (root.dep_ in {"oprd", "dobj", "attr"} and root.head.dep_ == "acl"
              and root.head.lemma_ in {"name", "call"}):
            root = root.head.head  # "a worker named Antonio Arroyo has…": the worker acts
        if root.dep_ in {"poss", "nmod"} and root.head.dep_ in {"nsubj", "nsubjpass"}:
            return 1  # "Tuttle's article also attacked Christie": Tuttle is who acts
        if root.dep_ not in {"nsubj", "nsubjpass"}:
            # A name opening its sentence is its subject even when the tagger takes the verb
            # for a noun ("Trump brags that…" parsed as a compound).
            first = next((t for t in span[0].sent if not (t.is_space or t.is_punct)), span[0])
            starts = first.i == span[0].i
            return 1 if starts and root.dep_ in {"compound", "ROOT", "npadvmod"} else 2
        verb = root.head
        return 0 if verb.dep_ == "ROOT" or verb.lemma_ in SPEECH_VERBS else 1

    def antecedent(self, pronoun: EntityMention) -> str | None:
        """The person a "he"/"she" speaker stands for: sentence by sentence back from the
        pronoun, the one named outside any quote with a compatible gender, a main clause's
        subject before another subject before any other name; the speaker of the quote before
        when it is nearer than every such name."""
        want = "f" if pronoun.text.lower() == "she" else "m"
        lo = pronoun.start - 1500
        last = self.last_speaker
        if last is not None and (last[0] < lo or (self.gender(last[1]) or want) != want):
            last = None
        by_sentence: dict[int, list[EntityMention]] = {}
        for m in self.entities:
            if not (lo <= m.start < pronoun.start) or m.type != "person" or is_pronoun(m):
                continue
            if last is not None and m.start < last[0]:
                continue  # named before the last quote: its speaker is the nearer candidate
            if self.in_quote(m.start) or m.name.rstrip(".").lower() in _TITLE_ONLY:
                continue
            g = self.gender(m.name)
            if g is None or g == want:
                by_sentence.setdefault(self.sents.index(m.start), []).append(m)
        s_idx = self.sents.index(pronoun.start)
        fallback: tuple[int, str] | None = None  # (sentence, name) of the nearest non-subject
        for idx in sorted(by_sentence, reverse=True):
            if s_idx - idx > 5:
                break
            ranked = sorted(by_sentence[idx], key=lambda m: (self.subject_rank(m), -m.start))
            best = ranked[0]
            if self.subject_rank(best) < 2:
                return best.name
            if fallback is None:
                fallback = (idx, best.name)
        if last is not None:
            return last[1]  # a speaker just quoted before a name that is no subject
        return fallback[1] if fallback is not None else None

    def name_of(self, m: EntityMention | None) -> str | None:
        if m is None:
            return None
        if is_pronoun(m):
            return self.antecedent(m)
        return m.name


def _paragraph_index(text: str, pos: int) -> int:
    """Paragraph number of an offset (one or more line breaks separate paragraphs)."""
    return len(re.findall(r"\n+", text[:pos]))


def _opens_paragraph(text: str, start: int) -> bool:
    line = text.rfind("\n", 0, start) + 1
    return not text[line:max(line, start - 1)].strip(" \t\"\u201c\u00ab\u201e'`")


def _from_previous_paragraph(text: str, start: int, ctx: "_Context") -> str | None:
    """A paragraph that ends "Cruz continued:" or "X said:" introduces the quote that follows."""
    line = text.rfind("\n", 0, start)
    prev = text[:max(0, line)].rstrip()
    if not prev.endswith(":"):
        return None
    s_start, _ = ctx.sents.around(len(prev) - 1)
    who = _mention_in(ctx.entities, s_start, len(prev), last=True)
    if ctx.doc is not None:
        found = _parsed_speaker(ctx.doc, ctx.entities, s_start, len(prev), len(prev), len(prev), ctx)
        if found:
            return found
    return ctx.name_of(who) if who is not None and who.type in {"person", "org"} else None


def _reported_before(text: str, start: int, ctx: "_Context", same_paragraph: bool = False
                     ) -> str | None:
    """A quote with no attribution of its own after reported speech: opening a paragraph, the
    last verb of saying (outside quotes) of the paragraph before ("Ash argued in his email,
    the incident is…" / "“In light of…”"); inside one, the last of its own paragraph before
    it (`…, Schiff said. "The other factor…"`). That verb's person goes on speaking."""
    line = text.rfind("\n", 0, start)
    if same_paragraph:
        p_start, p_end = line + 1, start - 1
    else:
        if line <= 0:
            return None
        p_end = len(text[:line].rstrip())
        p_start = text.rfind("\n", 0, p_end) + 1
    if p_end <= p_start:
        return None
    span = ctx.doc.char_span(p_start, p_end, alignment_mode="expand")
    if span is None:
        return None
    for verb in reversed(span):
        if verb.lemma_ not in SPEECH_VERBS or verb.pos_ != "VERB" or ctx.in_quote(verb.idx):
            continue
        subj = _subject(verb, ctx)
        if subj is None or ctx.in_quote(subj.idx):
            return None
        who = _subject_mention(ctx.entities, subj)
        return ctx.name_of(who) if who is not None and who.type == "person" else None
    return None


def _is_title(text: str, start: int, end: int, words: int) -> bool:
    """A short quoted Title Case phrase after "on", "titled"...: a show, book or slogan."""
    if words > 6:
        return False
    body = text[start:end].strip(" ,.")
    long_words = [w for w in re.findall(r"[A-Za-z][\w'\u2019-]*", body)
                  if len(w) > 3 and w not in _TITLE_SMALL_WORDS]
    if not long_words or not all(w[0].isupper() for w in long_words):
        return False
    before = text[max(0, start - 60):start - 1]
    # "on WTMJ’s “Midday with Charlie Sykes”", "on ABC’s “This Week”": the broadcaster's
    # possessive stands between the cue and the title.
    before = _OWNER_BEFORE.sub("", before)
    return bool(_TITLE_CUE.search(before))


def _quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """(inner start, inner end, continues the previous piece) for each quoted span."""
    spans: list[tuple[int, int, bool]] = []
    open_at: int | None = None
    open_kind = ""
    continued = False
    opener = ""
    for m in re.finditer("''|``|[\u201c\u201d\"\u2018\u2019'\u00ab\u00bb\u201e]", text):
        ch, i = m.group(0), m.start()
        prev = text[i - 1] if i else " "
        nxt = text[m.end()] if m.end() < len(text) else " "
        if open_at is not None and i - open_at > MAX_QUOTE_CHARS:
            open_at = None
        if ch == "''":
            # Archive formats write ''…'' (or ``…''): a double mark, opening or closing by place.
            ch = '"'
        if ch == "\u201c" and open_at is not None and open_kind == "d" and opener == "\u201e":
            kind, opening = "d", False  # „…“ (German-style) closes on the high mark
        elif ch in ("\u201c", "\u00ab", "\u201e", "``") or (
                ch == '"' and (prev.isspace() or prev in "([\u2014\u2013-*")
                and not nxt.isspace() and (open_at is None or open_kind != "d"
                                           or _reopens_paragraph(text, open_at, i))):
            kind, opening = "d", True
        elif ch in "\u201d\"\u00bb":
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
            open_at, open_kind, opener = m.end(), kind, m.group(0)
        elif open_at is not None and kind == open_kind:
            spans.append((open_at, i, continued))
            open_at, continued = None, False
    if open_at is not None:
        brk = text.find("\n", open_at)
        brk = len(text) if brk == -1 else brk
        if 0 < brk - open_at <= MAX_QUOTE_CHARS:
            spans.append((open_at, brk, continued))
    return spans


def _reopens_paragraph(text: str, open_at: int, i: int) -> bool:
    """A straight mark opening a paragraph while a quote from an earlier one is still open:
    the quote goes on over paragraphs (`"…leader.` / `"And he is…," Sanders continued.`)."""
    line = text.rfind("\n", 0, i)
    return line >= open_at and not text[line:i].strip()


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


def text_of(doc) -> str:
    return doc.text


def _is_title_only(m: EntityMention) -> bool:
    return m.name.rstrip(".").lower() in _TITLE_ONLY or m.text.rstrip(".").lower() in _TITLE_ONLY


def _head_mention(text: str, entities: list[EntityMention], lo: int, hi: int):
    """The speaker's mention in a phrase that starts at ``lo``: the name a descriptor leads to
    ("Trump attorney Alan Garten" → Alan Garten), never a bare title."""
    starts = [m.start for m in entities]
    i, j = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
    inside = [m for m in entities[i:j] if m.end <= hi and not _is_title_only(m)]
    people = [m for m in inside if m.type in {"person", "org"}] or inside
    if not people:
        return None
    who = last = people[0]
    for nxt in people[1:]:
        between = _ABBREV_TITLE.sub(" ", text[last.end:nxt.start] + " ").strip()
        # "Trump's senior communications adviser Jason Miller": the possessive ending is no
        # word of the role, so a three-word role after it still leads to the person.
        between = re.sub(r"^['\u2019]s?(?=\s)", "", between).strip()
        if (_PHRASE_BREAK.search(between) or len(between.split()) > 3
                or re.search(r"\.\s", between)):
            break
        # "Pentagon spokesman Navy Capt. Jeff Davis": an organisation or a rank on the way
        # is part of the descriptor; the person at its end is the speaker.
        last = nxt
        if nxt.type == "person":
            who = nxt
        elif who.type != "person" and re.search(r"\b[a-z]{3,}\b", between):
            # "Concord resident Whit Symms" typed org, org: a role word between them says
            # the second name is the one it describes.
            who = nxt
    return who


def _subject_mention(entities: list[EntityMention], subj):
    """The mention a subject token stands for: the one at the token, else the one highest in
    its subtree outside relative clauses (a parse gone wrong on "Of Carson, Levine, who has
    given money to Rubio, said" makes "Of" the subject; Levine sits right under it)."""
    who = _through_descriptor(entities, _mention_at(entities, subj.idx), subj)
    if who is not None:
        return who
    best, best_depth = None, 99
    for w in subj.subtree:
        if w.pos_ != "PROPN":
            continue
        depth, up, aside = 0, w, False
        while up.i != subj.i and depth < 20:
            aside = aside or up.dep_ in {"relcl", "acl", "poss"}  # a clause or a possessor
            up, depth = up.head, depth + 1
        m = _mention_at(entities, w.idx)
        if m is not None and not aside and depth < best_depth:
            best, best_depth = m, depth
    return best or _mention_in(entities, min(w.idx for w in subj.subtree),
                               max(w.idx + len(w) for w in subj.subtree))


def _through_descriptor(entities: list[EntityMention], who, subj):
    """An organisation at a subject that opens a descriptor of a person ("The Council on …
    Relations National Executive Director Nihad Awad says", parsed with "Council" as the
    subject and the person hung under "on"): the person at the descriptor's end."""
    if who is None or who.type != "org":
        return who
    end = max(w.idx + len(w) for w in subj.subtree)
    head = _head_mention(subj.doc.text, entities, who.start, end)
    return head if head is not None and head.type == "person" else who


def _mention_at(entities: list[EntityMention], pos: int):
    """The mention covering a character offset ("Hicks" in "… spokeswoman Hope Hicks")."""
    starts = [m.start for m in entities]
    i = bisect.bisect_right(starts, pos) - 1
    while i >= 0 and entities[i].start > pos - 80:
        m = entities[i]
        if m.start <= pos < m.end and not _is_title_only(m):
            return m
        i -= 1
    return None


def _mention_in(entities: list[EntityMention], lo: int, hi: int, last: bool = False):
    starts = [m.start for m in entities]
    i, j = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
    inside = [m for m in entities[i:j] if m.end <= hi and not _is_title_only(m)]
    people = [m for m in inside if m.type == "person"] or inside
    if not people:
        return None
    return people[-1] if last else people[0]


def _speaker(text, doc, entities, q_open, q_close, sents, ctx) -> str | None:
    # 1. After the closing mark: `"…," said X` / `"…," X said`.
    para_end = text.find("\n", q_close)
    tail_end = min(len(text), q_close + 160, para_end if para_end != -1 else len(text))
    tail = text[q_close:tail_end]
    if _ENDS_SENTENCE.search(text, max(0, q_close - 4), q_close):
        # `“A.” Of Carson, Levine said, “B.”`: a quote that ends its sentence is followed by a
        # new one, whose attribution introduces the next quote, not this one.
        nxt = (_AFTER_NAME_FIRST.match(tail) or _AFTER_NAME_APPOS.match(tail)
               or _AFTER_VERB_FIRST.match(tail))
        if nxt and _INTRODUCES.match(tail, nxt.end()):
            tail = ""
    m = _AFTER_VERB_FIRST.match(tail)
    if m:
        who = _head_mention(text, entities, q_close + m.end(), q_close + m.end() + 60)
        between = text[q_close + m.end():who.start] if who is not None else ""
        between = _ABBREV_TITLE.sub(" ", between)
        # Only a title may stand between the verb and the name ("said harbour master X").
        if (who is not None and not re.search(r"[,;:\n]|\.\s", between)
                and not _CLAUSE_WORD.search(between) and len(between.split()) <= 6):
            return ctx.name_of(who)
        d = _DESCRIPTION.match(tail[m.end():].lstrip())
        if d and d.group(0).strip() and not re.match(r"(?:that|in|on|at|as|,)\b", d.group(0)):
            return _description(d.group(0))
    m = _AFTER_NAME_APPOS.match(tail)
    if m:  # `"…," Steve Moody, a small-business owner, said`
        who = _head_mention(text, entities, q_close + m.start("who"), q_close + m.end("who"))
        if who is not None and re.match(r"['\u2019]s?\b", text[who.end:who.end + 2]):
            # `X's chief of staff, Joe Kasper, told`: the apposition names the speaker.
            who = _head_mention(text, entities, q_close + m.end("who"), q_close + m.end())
        if who is not None and who.type == "person":
            return ctx.name_of(who)
    m = _AFTER_NAME_FIRST.match(tail)
    if m:
        who = _head_mention(text, entities, q_close + m.start("who"), q_close + m.end("who"))
        if who is not None:
            return ctx.name_of(who)
    # 1b. A quote signed by a dash after it, on its line or as the next paragraph (the
    # fact-check and vox-pop layouts): `"…"` / `- Bernie Sanders.`, `“…” ― Sonya Herridge`.
    m = _SIGNED.match(text, q_close)
    if m and _NAME_ONLY.match(m.group("who")):  # a name, not "- because he liked Trump's…"
        who = _head_mention(text, entities, m.start("who"), m.end("who"))
        if who is not None and who.type in {"person", "org"}:
            return ctx.name_of(who)
        if "," not in m.group("who"):
            return m.group("who").strip(" .\u00a0")  # a signature names its author even when NER missed it
    # 2. Before the opening mark: `X said: "…"`, `X: "…"`, `According to X, "…"`.
    s_start, s_end = sents.around(q_open)
    head_start = max(s_start, q_open - 250)
    head = text[head_start:q_open]
    m = _ACCORDING_TO.search(head)
    if m:
        who = _head_mention(text, entities, head_start + m.start("who"), head_start + m.end("who"))
        if who is not None and who.type in {"person", "org"}:
            return ctx.name_of(who)
    if _BEFORE_VERB.search(head) or _BEFORE_COLON.search(head):
        cut = _BEFORE_VERB.search(head) or _BEFORE_COLON.search(head)
        if doc is not None and _BEFORE_COLON.search(head) and not _BEFORE_VERB.search(head):
            # `X delivered a blunt message to Trump: “…”`: the clause's subject, not its last name.
            span = doc.char_span(head_start, head_start + cut.start(), alignment_mode="contract")
            subj = _subject(span.root, ctx) if span is not None and len(span) else None
            if subj is not None and not (q_open <= subj.idx < q_close):
                who = _mention_at(entities, subj.idx) or _mention_in(
                    entities, min(w.idx for w in subj.subtree),
                    max(w.idx + len(w) for w in subj.subtree))
                if who is not None and who.type in {"person", "org"}:
                    return ctx.name_of(who)
        if doc is None or _BEFORE_COLON.search(head) and not _BEFORE_VERB.search(head):
            who = _mention_in(entities, head_start, head_start + cut.start(), last=True)
            if who is not None:
                return ctx.name_of(who)
    # 2b. `X asked, “…”` where the parser starts a new sentence at the mark: the verb's subject.
    if doc is not None:
        line = text.rfind("\n", 0, q_open) + 1
        near = text[max(line, q_open - 250):q_open]
        cut = _BEFORE_VERB.search(near)
        if cut:
            at = max(line, q_open - 250) + cut.start()
            span = doc.char_span(at, at + 1, alignment_mode="expand")
            if span is not None and span.root.pos_ in {"VERB", "AUX"}:
                subj = _subject(span.root, ctx)
                if subj is not None:
                    who = _subject_mention(entities, subj)
                    if who is not None and who.type in {"person", "org"}:
                        return ctx.name_of(who)
                else:
                    # A long clause before it can leave the verb with no subject in the
                    # parse: the name right before it (past a "(R-WI)" tag) said it.
                    who = _mention_in(entities, max(line, at - 80), at, last=True)
                    if (who is not None and who.type == "person" and not is_pronoun(who)
                            and re.fullmatch(r"\s*(?:\([^()\n]{1,12}\)\s*)?", text[who.end:at])):
                        return ctx.name_of(who)
            elif span is not None and len(span) == 1 and not span.root.text.isalpha():
                # `Ryan said,“Look…`: the tokenizer glued verb, comma and mark into one token,
                # so there is no parse to read; the name right before the verb said it.
                who = _mention_in(entities, max(line, at - 80), at, last=True)
                if (who is not None and who.type == "person"
                        and not re.search(r"\S", text[who.end:at].strip(" ,"))):
                    return ctx.name_of(who)
    # 3. The subject of the nearest verb of saying in the sentence.
    if doc is not None:
        found = _parsed_speaker(doc, entities, s_start, s_end, q_open, q_close, ctx)
        if found:
            return found
    elif re.search(rf"\b(?:{_SAY_WORDS})\b", text[s_start:s_end], re.I):
        who = _mention_in(entities, s_start, q_open, last=True)
        if who is not None and who.type == "person":
            return ctx.name_of(who)
    return None


def _sentence_subject(doc, entities, s_start, s_end, q_open, q_close, ctx) -> str | None:
    """The person the sentence around a quote is about, when no verb of saying names one
    ("Trump assured Jones, “…”", "Sanders asks at the school, “…”"): its main verb's subject."""
    span = doc.char_span(s_start, s_end, alignment_mode="expand")
    if span is None or q_open <= span.root.idx < q_close:
        return None
    subj = _subject(span.root, ctx)
    if subj is None or q_open <= subj.idx < q_close:
        return None
    who = _mention_at(entities, subj.idx)
    if who is not None and who.type == "person":
        return ctx.name_of(who)
    return None


def _parsed_speaker(doc, entities, s_start, s_end, q_open, q_close, ctx) -> str | None:
    span = doc.char_span(s_start, s_end, alignment_mode="expand")
    if span is None:
        return None
    verbs = [t for t in span if (t.lemma_ in SPEECH_VERBS or _puts_it(t))
             and t.pos_ in {"VERB", "AUX"}
             and not (q_open <= t.idx < q_close)]
    # Verbs before the quote first, nearest first ("claiming there is “…”"): a verb after a
    # mid-sentence quote usually belongs to a noun phrase ("“example” of Europeans pledging").
    verbs.sort(key=lambda t: (t.idx > q_open, min(abs(t.idx - q_open), abs(t.idx - q_close))))
    for verb in verbs:
        subj = _subject(verb, ctx)
        if subj is None or q_open <= subj.idx < q_close:
            continue
        lo = min(w.idx for w in subj.subtree)
        hi = max(w.idx + len(w) for w in subj.subtree)
        who = _through_descriptor(entities, _mention_at(entities, subj.idx), subj)
        if who is not None and who.type == "place" and subj.pos_ == "PROPN":
            return who.name  # "Russia insisted that…": a state speaks through its government
        if who is None and subj.pos_ == "NOUN":
            for child in subj.children:  # "Ryan's spokeswoman, AshLee Strong": the apposition
                if child.dep_ == "appos":
                    who = _mention_in(entities, min(w.idx for w in child.subtree),
                                      max(w.idx + len(w) for w in child.subtree))
                    break
        if who is None:
            # A possessor ("Ryan's spokeswoman") only when nothing else is named.
            inside = [m for m in entities if lo <= m.start and m.end <= hi and m.type == "person"
                      and m.name.rstrip(".").lower() not in _TITLE_ONLY]
            who = next((m for m in inside if not re.match(r"['\u2019]s?\b", text_of(doc)[m.end:m.end + 2])),
                       inside[0] if inside else None)
            who = who or _mention_in(entities, lo, hi)
        if who is not None and who.type in {"person", "org"}:
            return ctx.name_of(who)
        if subj.pos_ in {"NOUN", "PROPN"}:
            words = [w for w in subj.subtree if w.i <= subj.i and w.dep_ != "punct"]
            return _description(doc[words[0].i:subj.i + 1].text)
    return None


def _puts_it(tok) -> bool:
    """ "As Rosenthal put it, ''…''": the idiom is a verb of saying."""
    return tok.lemma_ == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children)


def _subject(verb, ctx: "_Context | None" = None):
    """The subject of a verb, climbing through "claiming"-style clauses to the one that has it.
    A verb inside a quote lends no subject (in `X told Y that Z “had…,” adding, “…”` the
    adding is X's, not Z's), and a second "said" that the parser hangs on the clause the first
    one reports (`X said the move was made by Y and said, “…”`) climbs to that first said."""
    tok = verb
    for _ in range(6):
        if ctx is None or tok.i == verb.i or not ctx.in_quote(tok.idx):
            subjects = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if subjects:
                # Two subjects come of a heading run into the sentence ("6:50 p.m. / With her
                # husband…, Hillary Clinton has told…"): the one nearest the verb is its own.
                return min(subjects, key=lambda c: abs(tok.i - c.i))
        if tok.dep_ in {"advcl", "xcomp", "conj", "ccomp", "acl"} and tok.head.i != tok.i:
            head = tok.head
            if tok.dep_ == "xcomp":
                # "That prompted Rubio to call Trump “very flexible”": the object of the verb
                # above an infinitive is its subject.
                obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < tok.i
                            and c.pos_ == "PROPN"), None)
                if obj is not None:
                    return obj
            if tok.dep_ == "conj" and tok.lemma_ in SPEECH_VERBS and head.lemma_ not in SPEECH_VERBS:
                head = next((a for a in head.ancestors if a.lemma_ in SPEECH_VERBS), head)
            tok = head
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
