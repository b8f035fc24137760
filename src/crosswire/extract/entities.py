"""People, organisations and places with their roles, one canonical name per entity.

Names come from spaCy's NER when a parsed ``Doc`` is given, else from a capitalised-words
heuristic. Roles are read from the text around a name, so both paths share them: a title
before the name ("Defense Secretary Pete Hegseth") or an apposition after it ("Zack Cooper, an
Asia security expert at ..."). Within an article a bare surname or a subject pronoun is
resolved to the full name; :func:`canonical_key` lets later stages merge across articles.

This module also holds the small lexicons (titles, sentence spans) that the quote, attribution
and event extractors share, so each of them stays one job; outlet names come from
:mod:`crosswire.outlets`.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from crosswire.extract.entity_types import (
    is_common_noun,
    place_by_context,
    thing_by_context,
    street_spans,
    type_from_name,
)
from crosswire.models import EntityMention
from crosswire.outlets import (
    OUTLET_KEYS,
    OUTLET_PATTERN,
    is_ambiguous,
    outlet_by_key,
    outlet_key,
)

# --------------------------------------------------------------------------- canonical names

# British spellings folded to one form so "defence ministry" and "defense ministry" merge.
_SPELLING = {
    "defence": "defense", "programme": "program", "organisation": "organization",
    "centre": "center", "labour": "labor", "honour": "honor", "favour": "favor",
    "offence": "offense", "licence": "license", "analyse": "analyze",
}
# Keys (after folding) that name the same thing; value is the key everyone agrees on.
_KEY_ALIASES = {
    "us": "united states", "usa": "united states", "united states of america": "united states",
    "america": "united states", "uk": "united kingdom", "britain": "united kingdom",
    "great britain": "united kingdom", "eu": "european union", "un": "united nations",
    "north atlantic treaty organization": "nato",
    "department of state": "state department", "us state department": "state department",
    "us department of state": "state department", "department of defense": "pentagon",
    "us department of defense": "pentagon", "defense department": "pentagon",
    "prc": "china",
    "people's republic of china": "china", "dprk": "north korea", "rok": "south korea",
    "republic of korea": "south korea",
}
# How an agreed key is written when it is shown (outlets: their table's display name).
_DISPLAY = {
    "united states": "United States", "united kingdom": "United Kingdom",
    "european union": "European Union", "united nations": "United Nations",
    "nato": "NATO", "state department": "State Department", "pentagon": "Pentagon",
    "china": "China", "north korea": "North Korea", "south korea": "South Korea",
}
_HONORIFIC = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame"}
# "the Riverside Gazette newspaper" and "Riverside Gazette" are one outlet, known or not.
_GENERIC_TAIL = ("newspaper", "news agency", "newswire", "wire service", "daily newspaper")


def canonical_key(name: str) -> str:
    """A merge key for a name: case, punctuation, U.S./US, defence/defense, "the", "'s" folded."""
    okey = outlet_key(name)  # "the FT", "Japan's Nikkei newspaper": the outlet table's key
    if okey is not None:
        return okey
    s = unicodedata.normalize("NFKC", name).replace("\u2019", "'").replace("\u2018", "'")
    # Accents folded: "Place Vendôme" and "Place Vendome" are one place, "Bénézat" one man.
    s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))
    s = s.strip(" \t\r\n*_\"'\u201c\u201d()[]")
    s = re.sub(r"^the\s+", "", s, flags=re.I)
    s = re.sub(r"'s?$", "", s)
    # "U.S." -> "US" before punctuation becomes spaces, so initials stay one word.
    s = re.sub(r"\b(?:[A-Za-z]\.){2,}", lambda m: m.group(0).replace(".", ""), s)
    s = re.sub(r"[^\w\s']", " ", s.lower()).replace("'", "")
    words = [_SPELLING.get(w, w) for w in s.split()]
    while words and words[0] in _HONORIFIC:
        words = words[1:]
    key = " ".join(words)
    for tail in _GENERIC_TAIL:
        if key.endswith(" " + tail):
            key = key[: -len(tail) - 1]
    return _KEY_ALIASES.get(key, key)


def display_name(key: str, surfaces: list[str]) -> str:
    """The shown name for an entity: a known spelling, else its fullest surface form."""
    if key in _DISPLAY:
        return _DISPLAY[key]
    outlet = outlet_by_key(key)
    # "People" is the magazine's name only when some surface said so ("People magazine").
    if outlet is not None and (key in OUTLET_KEYS or any(outlet_key(s) == key for s in surfaces)):
        return outlet.name
    cleaned = [_clean_surface(s) for s in surfaces if _clean_surface(s)]
    if not cleaned:
        return key
    # More capitalised words first ("State Department" over "state department"), then longer,
    # then the accented spelling ("Place Vendôme" over "Place Vendome").
    return max(cleaned, key=lambda s: (sum(w[:1].isupper() for w in s.split()), len(s),
                                       sum(not ch.isascii() for ch in s)))


def _clean_surface(s: str) -> str:
    s = re.sub(r"^(?:the|The)\s+", "", s.strip(" *_\"'\u201c\u201d"))
    return re.sub(r"['\u2019]s$", "", s).strip()


# --------------------------------------------------------------------------- shared lexicons

# Nouns that head a title or a job description ("secretary", "spokesperson", "expert").
TITLE_HEADS = frozenset("""
secretary minister president spokesperson spokesman spokeswoman chancellor senator governor
ambassador director chief chairman chairwoman chair ceo cfo coo general admiral expert analyst
official envoy adviser advisor professor dr representative rep sen gov mayor king queen prince
princess pope commissioner leader head premier deputy undersecretary under-secretary correspondent
editor reporter economist researcher fellow lawmaker legislator judge justice attorney lawyer
officer colonel captain lieutenant sergeant commander coach founder partner diplomat strategist
scholar consultant executive president-elect vice-president chairperson counsel aide negotiator
spokesperson-in-chief lecturer historian columnist commentator emperor crown speaker whip
superintendent inspector prosecutor marshal major minister-designate secretary-general
director-general ceo-designate manager staffer specialist investor banker candidate nominee
master
""".split())
# Words that may precede a title head inside a title ("deputy", "foreign", "state").
TITLE_MODS = frozenset("""
former acting deputy vice senior chief top then interim incoming outgoing foreign defense
defence state policy affairs commerce treasury finance trade interior justice health education
energy homeland security economy economic industry agriculture labor labour transport
environment prime under assistant associate principal lead national international military
intelligence cabinet chief's party government administration press communications executive
managing general attorney supreme first second third fourth junior research visiting adjunct
retired asia asian pacific europe european regional global revitalization revitalisation
defense-policy fiscal monetary budget digital science technology cyber nuclear navy naval army
air force marine coast guard white house house senate congressional parliamentary opposition
ranking highest-ranking third-ranking second-ranking most-senior third-most japan china us
""".split())
# Verbs of saying: a quote's or an attribution's anchor.
SPEECH_VERBS = frozenset("""
say tell add note state claim argue insist warn explain remark write reply respond declare
describe stress emphasize emphasise suggest acknowledge admit announce comment tweet post contend
conclude observe predict recall maintain assert affirm confirm deny reiterate caution urge
complain lament concede point quip vow pledge promise call characterize characterise label
ask continue report reveal proclaim joke shout boast counter retort wonder exclaim testify
recount interject demand retaliate brand dub accuse
""".split())

_PRONOUNS = {"he", "she"}
MAX_SURNAME_SCANS = 200  # each is a pass over the text: bounded for hostile input
_TYPE_BY_LABEL = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "NORP": "other"}


# --------------------------------------------------------------------------- sentences

_SENT_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)*]*\s+(?=[\"'\u201c\u2018(*A-Z0-9])")
_ABBREV_END = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Sen|Rep|Gov|St|Jr|Sr|No|vs|Inc|Co|Corp|Ltd|Jan|Feb|Mar|"
    r"Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z])\.$|\b(?:[A-Z]\.){2,}$"
)


def sentence_spans(text: str, doc=None) -> list[tuple[int, int]]:
    """(start, end) of each sentence, trimmed; a line break always ends a sentence.

    Headlines and list items are lines of their own: spaCy sometimes runs them into the next
    sentence, and a verbatim evidence sentence must not carry a headline with it.
    """
    if doc is not None and doc.has_annotation("DEP"):
        rough = [(s.start_char, s.end_char) for s in doc.sents]
    else:
        rough = []
        start = 0
        for m in _SENT_END.finditer(text):
            if _ABBREV_END.search(text[max(0, m.start() - 8):m.start()]):
                continue  # "Mr. Smith", "U.S. troops": an abbreviation, not a sentence end
            rough.append((start, m.start()))
            start = m.end()
        rough.append((start, len(text)))
    spans: list[tuple[int, int]] = []
    for s, e in rough:
        for m in re.finditer(r"[^\n]+", text[s:e]):
            piece = m.group(0)
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                spans.append((s + m.start() + lead, s + m.start() + len(piece.rstrip())))
    return spans


class Sentences:
    """Sentence spans of one text, with lookup of the sentence around an offset."""

    def __init__(self, text: str, doc=None, spans: list[tuple[int, int]] | None = None):
        import bisect

        self._bisect = bisect.bisect_right
        self.text = text
        self.spans = spans if spans is not None else sentence_spans(text, doc)
        self._starts = [s for s, _ in self.spans]

    def index(self, offset: int) -> int:
        return max(0, self._bisect(self._starts, offset) - 1)

    def around(self, offset: int) -> tuple[int, int]:
        if not self.spans:
            return (0, len(self.text))
        return self.spans[self.index(offset)]

    def sentence(self, offset: int) -> str:
        s, e = self.around(offset)
        return self.text[s:e]


# --------------------------------------------------------------------------- roles

_WORD = re.compile(r"[A-Za-z0-9][\w.&'\u2019-]*|\S")
_ROLE_STOP = frozenset("""
said says told by with and or to from in on at as the a an that which who whom after before when
while if but because than this these those his her their its our your my is was were are be been
has had have will would could should may might also then even both either neither nor not no
into over about against between among during since until via per according
""".split())
_MAX_ROLE_TOKENS = 9


def _is_head(word: str) -> bool:
    w = word.lower().strip(".'\u2019").removesuffix("'s").removesuffix("\u2019s")
    return w in TITLE_HEADS or any(p in TITLE_HEADS for p in w.split("-")[-1:])


def title_before(text: str, start: int, sent_start: int) -> str | None:
    """The title written right before a name ("U.S. Secretary of State"), or None."""
    span = title_span(text, start, sent_start)
    return _tidy_role(text[span[0]:span[1]]) if span else None


def title_span(text: str, start: int, sent_start: int) -> tuple[int, int] | None:
    """Offsets of the title right before a name, or None."""
    window_start = max(sent_start, start - 160)
    toks = [m for m in _WORD.finditer(text, window_start, start)]
    chain: list[re.Match] = []
    has_head = False
    for m in reversed(toks):
        tok = m.group(0)
        if tok in {"*", "_"}:
            continue  # markdown emphasis around names is transparent
        low = tok.lower().rstrip(".")
        bare = re.sub(r"['\u2019]s$", "", low)
        if _is_head(tok):
            has_head = True
        elif low in {"of", "for"} and chain:
            pass  # "Secretary of State": the complement follows its head
        elif bare in TITLE_MODS or (tok[:1].isupper() and low not in _ROLE_STOP):
            pass
        elif (has_head and tok[:1].islower() and chain and chain[-1].group(0)[:1].islower()
              and chain[-1].group(0).lower() not in {"of", "for"}
              and low not in _ROLE_STOP and not re.search(r"(?:ed|ly|ing)$", low)):
            pass  # a lowercase modifier of a head already seen ("security expert")
        else:
            break
        chain.append(m)
        if bare != low:
            break  # a possessive ("Japan's defence minister") opens the title
        if len(chain) >= _MAX_ROLE_TOKENS:
            break
    while chain and chain[-1].group(0).lower() in {"of", "for", "and"}:
        chain.pop()
    if not has_head or not chain:
        return None
    if not any(_is_head(m.group(0)) for m in chain):
        return None
    return (chain[-1].start(), chain[0].end())


_APPOS = re.compile(r"[*_]{0,2}\s*,\s+(?:(?:the|a|an)\s+)?")
_APPOS_BAD_START = frozenset("""
who which that whose said says left right center centre and but also however whom where when
while as in on at with from by for to of it he she they is was has had will would
""".split())


def apposition_after(text: str, end: int, sent_end: int) -> str | None:
    """A job description set off by commas after a name ("a former senior US official")."""
    m = _APPOS.match(text, end, sent_end)
    if not m:
        return None
    pos = m.end()
    stop = sent_end
    for t in re.finditer(r"[,;:()\u201c\u201d\"\n]|\.(?=\s|$)|\s(?:who|which|said|says)\b", text[pos:sent_end]):
        if t.group(0) == "." and _ABBREV_END.search(text[max(pos, pos + t.start() - 8):pos + t.start() + 1]):
            continue
        stop = pos + t.start()
        break
    phrase = text[pos:stop].strip(" *_")
    words = phrase.split()
    if not words or len(words) > 16 or len(phrase) > 140:
        return None
    if words[0].lower() in _APPOS_BAD_START or re.fullmatch(r"\d+", words[0]):
        return None
    # The head must come before any preposition: "partner at X", not "at X's partner desk".
    lead = re.split(r"\s(?:at|of|for|with|in|on|from)\s", phrase, maxsplit=1)[0]
    # "a virologist at Stanford University": an article, one noun and an institution name a
    # job even when the noun is not in the title list.
    job_at = m.group(0).rstrip().endswith((" a", " an", " the")) and re.match(
        r"[a-z][\w-]+ (?:at|of|for|with) (?:the )?[A-Z]", phrase)
    if not job_at and not any(_is_head(w) for w in lead.split()):
        return None
    return _tidy_role(phrase)


def _tidy_role(role: str) -> str:
    role = re.sub(r"[*_]+", "", role)
    return re.sub(r"\s+", " ", role).strip(" ,")


# --------------------------------------------------------------------------- mentions


@dataclass
class _Cand:
    start: int
    end: int
    type: str
    key: str
    titled: bool = False


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip markdown, quotes, a leading "the" and a trailing possessive from a span."""
    s = text[start:end]
    m = re.match(r"[\s*_\"'\u201c\u201d\u2018(]*(?:[Tt]he\s+)?", s)
    start += m.end()
    s = text[start:end]
    m2 = re.search(r"(?:['\u2019]s)?[\s*_\"'\u201c\u201d\u2019),.]*$", s)
    if m2 and m2.start() > 0:
        end = start + m2.start()
    if s.endswith(".") and re.search(r"\b(?:[A-Z]\.){2,}$", s):
        end = start + len(s)  # keep the final period of "U.S."
    return start, end


def _strip_leading_title(text: str, start: int, end: int) -> tuple[int, bool]:
    """A name span that swallowed its title ("U.S. Secretary of State Jane Roe") starts at the name."""
    words = list(_WORD.finditer(text, start, end))[:-1]  # the last word is always the name's
    cut = None
    seen_head = False
    for n, m in enumerate(words):
        low = m.group(0).lower().rstrip(".")
        if _is_head(m.group(0)) or low in _HONORIFIC:
            seen_head = True
            cut = n
        elif seen_head and (low in TITLE_MODS or low in {"of", "for"}):
            cut = n  # "Secretary of State": the complement belongs to the title
    if cut is None:
        return start, False
    start = words[cut].end()
    while start < end and not text[start].isalnum():
        start += 1
    return start, True


def _ner_candidates(doc) -> list[_Cand]:
    text = doc.text
    out = []
    for ent in doc.ents:
        etype = _TYPE_BY_LABEL.get(ent.label_)
        if etype is None:
            continue
        start, end = _trim(text, ent.start_char, ent.end_char)
        titled = False
        if etype == "person":
            start, titled = _strip_leading_title(text, start, end)
        if end - start < 2 or (etype == "person" and text[start:end].islower()):
            continue  # a lowercase "person" is a job ("harbour master"), not a name
        out.append(_Cand(start, end, etype, canonical_key(text[start:end]), titled))
    return out


_CAP_SEQ = re.compile(
    r"(?<![\w.])(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?|(?:[A-Z]\.){2,}|[A-Z]{2,})"
    r"(?:[ \t]+(?:of[ \t]+|for[ \t]+)?(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?|(?:[A-Z]\.){2,}|[A-Z]{2,}))*"
)
_SENT_START_STOP = frozenset("""
the a an in on at but and however meanwhile while when after before if as this that these those
it its he she they we i you his her their our some many most one two three four five six seven
eight nine ten there here what why how who where sources according analysts experts officials
""".split())
_PLACES = frozenset(canonical_key(p) for p in """
Japan;China;United States;US;U.S.;America;Russia;Ukraine;India;Australia;Canada;Mexico;Brazil;
Germany;France;Italy;Spain;United Kingdom;UK;Britain;South Korea;North Korea;Korea;Taiwan;
Philippines;Vietnam;Indonesia;Thailand;Malaysia;Singapore;Pakistan;Iran;Iraq;Israel;Gaza;Syria;
Turkey;Saudi Arabia;Egypt;Europe;Asia;Africa;Washington;Tokyo;Beijing;Moscow;Kyiv;London;Paris;
Berlin;Brussels;Seoul;Pyongyang;Taipei;Canberra;Ottawa;New Delhi;Delhi;Islamabad;Manila;Hanoi;
Jakarta;Bangkok;Tehran;Jerusalem;Geneva;Rome;Madrid;The Hague;Hague;New York;Osaka;Okinawa;
Asia-Pacific;Indo-Pacific;Middle East;South China Sea;East China Sea;Hong Kong;Poland;Netherlands;
Sweden;Norway;Finland;Denmark;Switzerland;Austria;Greece;Argentina;Chile;Colombia;Venezuela;
Nigeria;Kenya;South Africa;Ethiopia;Qatar;Dubai;United Arab Emirates;UAE;New Zealand;Ireland;
Belgium;Portugal;Czech Republic;Hungary;Romania;Bulgaria;Serbia;Sri Lanka;Bangladesh;Nepal;
Myanmar;Cambodia;Laos;Mongolia;Afghanistan;Lebanon;Jordan;Yemen;Libya;Sudan;Morocco;Algeria
""".replace("\n", "").split(";"))
_NORP = re.compile(r"^(?:[A-Z][a-z]+(?:ese|ian|ean|ish|can|ic|i|an|ch))$")
_ORG_TAIL = frozenset("""
ministry department institute group party times post journal council committee agency bank
university corporation inc ltd company association foundation endowment administration commission
pentagon congress senate house parliament organization organisation union forces army navy
office court police network news press service services fund alliance forum center centre
""".split())


def _rule_candidates(text: str, sents: Sentences) -> list[_Cand]:
    """Capitalised word runs typed by gazetteers and suffixes: the no-model fallback."""
    out: list[_Cand] = []
    for m in _CAP_SEQ.finditer(text):
        start, end = m.start(), m.end()
        start, titled = _strip_leading_title(text, start, end)
        # Capitalised function words open sentences ("The", "In", "But"): not part of a name.
        while True:
            w = re.match(r"[A-Za-z]+\s+", text[start:end])
            if not w or w.group(0).strip().lower() not in _SENT_START_STOP:
                break
            start += w.end()
        words = text[start:end].split()
        if not words:
            continue
        key = canonical_key(text[start:end])
        last = words[-1].lower()
        if key in OUTLET_KEYS or last in _ORG_TAIL:
            etype = "org"
        elif key in _PLACES:
            etype = "place"
        elif len(words) == 1 and _NORP.match(words[0]) and not titled:
            etype = "other"
        elif titled or 2 <= len(words) <= 3:
            etype = "person"
        else:
            continue  # a lone capitalised word: too often a sentence start or a heading word
        out.append(_Cand(start, end, etype, key, titled))
    return out


def _outlet_candidates(text: str, taken: list[_Cand]) -> list[_Cand]:
    """Outlet names spaCy missed ("Nikkei cited sources") or typed as something else."""
    occupied = [(c.start, c.end) for c in taken]
    out = []
    for m in OUTLET_PATTERN.finditer(text):
        start, end = _trim(text, m.start(), m.end())
        key = canonical_key(text[start:end])
        if any(s < end and start < e for s, e in occupied):
            continue
        out.append(_Cand(start, end, "org", key))
    return out


def _street_candidates(text: str, taken: list[_Cand]) -> list[_Cand]:
    """Streets and squares NER missed or cut short: a place each, replacing what they overlap."""
    out = []
    for start, end in street_spans(text):
        inside = [c for c in taken if c.start < end and start < c.end]
        if any(c.key in OUTLET_KEYS or c.start < start or c.end > end for c in inside):
            continue  # part of a longer name ("the Place Vendôme Hotel"): leave it to NER
        for c in inside:
            taken.remove(c)
        out.append(_Cand(start, end, "place", canonical_key(text[start:end])))
    return out


def _stray_common_word(text: str, c: _Cand) -> bool:
    """An ORG that is only an outlet's common-word name ("Time is running out"), uncredited."""
    if c.type != "org" or not is_ambiguous(text[c.start:c.end]):
        return False
    return not any(m.start() <= c.start < m.end()
                   for m in OUTLET_PATTERN.finditer(text, max(0, c.start - 4), c.end + 40))


def extract_entities(doc_or_text, *, text: str | None = None,
                     sentences: Sentences | None = None) -> list[EntityMention]:
    """Entity mentions (person/org/place/other) with canonical names and stated roles.

    Given a string, the text is parsed when a model is installed, else the rule-based path runs.
    """
    if isinstance(doc_or_text, str):
        from crosswire.nlp import load_nlp, parser_text

        text = doc_or_text
        nlp = load_nlp()
        doc = nlp(parser_text(text)) if nlp is not None and sentences is None else None
    else:
        doc = doc_or_text
        text = text or doc.text
    sents = sentences or Sentences(text, doc)
    cands = _ner_candidates(doc) if doc is not None else _rule_candidates(text, sents)
    for c in cands:
        if c.key in OUTLET_KEYS:
            c.type = "org"  # "Nikkei" tagged PERSON, "Reuters" tagged GPE
        elif c.key in _PLACES and c.type == "org":
            c.type = "place"  # "the Indo-Pacific" tagged ORG
    cands = [c for c in cands if not _stray_common_word(text, c)]
    cands = _repair_types(text, cands)
    cands += _outlet_candidates(text, cands)
    cands += _street_candidates(text, cands)
    cands = _filter_candidates(text, cands, sents)
    cands.sort(key=lambda c: (c.start, -c.end))
    _resolve_people(text, cands)
    mentions = _to_mentions(text, cands, sents)
    mentions += _pronoun_mentions(text, doc, mentions)
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


def _repair_types(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Types from a name's own words and its places in the text (see :mod:`.entity_types`)."""
    out = []
    for c in cands:
        if c.key not in OUTLET_KEYS:
            etype = type_from_name(text[c.start:c.end], c.type)
            if etype is None or (etype == "person" and not c.titled
                                 and is_common_noun(text, text[c.start:c.end])):
                continue
            c.type = etype
        out.append(c)
    spans: dict[str, list[tuple[int, int]]] = {}
    titled = set()
    for c in out:
        if c.type == "person":
            spans.setdefault(c.key, []).append((c.start, c.end))
            if c.titled:
                titled.add(c.key)
    places = {k for k, v in spans.items() if k not in titled and place_by_context(text, v)}
    # A name NER reads as a place at least twice and more often than as a person is that
    # place where it stands as a subject too ("Clarkston became his home").
    as_place: dict[str, int] = {}
    for c in out:
        if c.type == "place":
            as_place[c.key] = as_place.get(c.key, 0) + 1
    places |= {k for k, v in spans.items()
               if k not in titled and as_place.get(k, 0) >= max(2, len(v) + 1)}
    # "Carrier, which has plants…": a person by NER, a thing by its relative pronoun.
    things = {k for k, v in spans.items()
              if k not in titled and k not in places and thing_by_context(text, v)}
    for c in out:
        if c.key in places:
            c.type = "place"
        elif c.key in things:
            c.type = "org"
    return out


def _resolve_people(text: str, cands: list[_Cand]) -> None:
    """Point surname-only mentions at the full name and add surname mentions NER missed."""
    full: dict[str, list[str]] = {}  # last word key -> full-name keys
    for c in cands:
        if c.type == "person" and " " in c.key:
            full.setdefault(c.key.split()[-1], [])
            if c.key not in full[c.key.split()[-1]]:
                full[c.key.split()[-1]].append(c.key)
    firsts = {}
    for c in cands:
        if c.type == "person" and " " in c.key:
            firsts.setdefault(c.key, c.start)
    for c in cands:
        if " " in c.key or c.key not in full or c.type == "place":
            continue
        options = full[c.key]
        before = [k for k in options if firsts[k] <= c.start]
        c.key = (max(before, key=lambda k: firsts[k]) if before else options[0])
        c.type = "person"
    person_keys = {c.key for c in cands if c.type == "person"}
    for c in cands:
        if c.key in person_keys and c.type == "org":
            c.type = "person"  # "Trump" in "the Trump administration" tagged ORG
    # Surnames NER did not tag ("said Johnstone" is sometimes missed): scan the text for them.
    occupied = sorted((c.start, c.end) for c in cands)
    occ_starts = [s for s, _ in occupied]
    extra = []
    for last, keys in list(full.items())[:MAX_SURNAME_SCANS]:
        surname = keys[0].split()[-1]
        for m in re.finditer(rf"\b{re.escape(surname)}\b", text, flags=re.I):
            if not text[m.start()].isupper():
                continue
            i = bisect.bisect_left(occ_starts, m.end()) - 1
            if i >= 0 and occupied[i][1] > m.start() or (
                    i >= 1 and occupied[i - 1][1] > m.start()):
                continue  # inside a mention already found (spans are short, two suffice)
            before = [k for k in keys if k in firsts and firsts[k] <= m.start()]
            extra.append(_Cand(m.start(), m.end(), "person", before[-1] if before else keys[0]))
    cands.extend(extra)
    cands.sort(key=lambda c: (c.start, -c.end))


def _to_mentions(text: str, cands: list[_Cand], sents: Sentences) -> list[EntityMention]:
    surfaces: dict[str, list[str]] = {}
    for c in cands:
        surfaces.setdefault(c.key, []).append(text[c.start:c.end])
    names = {k: display_name(k, v) for k, v in surfaces.items()}
    kept: list[tuple[_Cand, str | None]] = []
    title_spans: list[tuple[int, int]] = []
    last_end = -1
    for c in cands:
        if c.start < last_end:
            continue  # overlapping spans: keep the earlier, longer one
        last_end = c.end
        role = None
        if c.type == "person":
            s_start, s_end = sents.around(c.start)
            span = title_span(text, c.start, s_start)
            if span and _tidy_role(text[span[0]:span[1]]).lower().rstrip(".") in _HONORIFIC:
                span = None  # "Dr." is a form of address; an apposition may say more
            if span:
                title_spans.append(span)
                role = _tidy_role(text[span[0]:span[1]])
            else:
                role = apposition_after(text, c.end, s_end)
        kept.append((c, role))
    mentions = []
    for c, role in kept:
        if c.type != "person" and any(s <= c.start and c.end <= e for s, e in title_spans):
            continue  # "State" in "Secretary of State" is part of a title, not an entity
        mentions.append(EntityMention(text=text[c.start:c.end], start=c.start, end=c.end,
                                      name=names[c.key], type=c.type, role=role))
    return mentions


def _is_heading(text: str, span: tuple[int, int]) -> bool:
    """A Title Case line without final punctuation: a headline or a section heading."""
    line = text[span[0]:span[1]].strip()
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if len(w) > 3]
    if len(words) < 3 or line[-1:] in ".!?\"”":
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= 0.75


def _filter_candidates(text: str, cands: list[_Cand], sents: Sentences) -> list[_Cand]:
    """Drop spans that are not names: across line breaks, relation adjectives, headline words."""
    out = []
    for c in cands:
        nl = text.find("\n", c.start, c.end)
        if nl != -1:
            c.end = nl
            c.start, c.end = _trim(text, c.start, c.end)
            if c.end - c.start < 2:
                continue
            c.key = canonical_key(text[c.start:c.end])
        parts = re.split(r"[-–]", text[c.start:c.end])
        if len(parts) == 2 and all(canonical_key(p) in _PLACES for p in parts):
            continue  # "U.S.-Japan" qualifies a noun; it names no organisation
        if c.key:
            out.append(c)
    # In Title Case headings every word looks like a name: keep only names also found in prose.
    heading = [_is_heading(text, sp) for sp in sents.spans]
    in_prose = {c.key for c in out if not heading[sents.index(c.start)]}
    return [c for c in out if c.key in in_prose or not heading[sents.index(c.start)]]


def _pronoun_mentions(text: str, doc, mentions: list[EntityMention]) -> list[EntityMention]:
    """Subject "he"/"she" resolved to the last person named before it (within ~2 paragraphs)."""
    people = [m for m in mentions if m.type == "person"]
    if not people:
        return []
    if doc is not None:
        spots = [(t.idx, t.idx + len(t)) for t in doc
                 if t.lower_ in _PRONOUNS and t.dep_ in {"nsubj", "nsubjpass"}]
    else:
        spots = [(m.start(), m.end()) for m in re.finditer(r"\b(?:[Hh]e|[Ss]he)\b(?=\s+\w)", text)]
    out = []
    i = 0
    for s, e in spots:
        while i < len(people) and people[i].start < s:
            i += 1
        if i and s - people[i - 1].end < 1200:
            p = people[i - 1]
            out.append(EntityMention(text=text[s:e], start=s, end=e, name=p.name, type="person"))
    return out


def is_pronoun(mention: EntityMention) -> bool:
    """Whether a mention is a resolved "he"/"she" rather than a name."""
    return mention.text.lower() in _PRONOUNS

