"""Facts: every extracted mention of an article as a :class:`Fact` tied to its verbatim sentence.

A fact is one article's statement of one thing (a quantity, a date, an event, a quote, a role)
with the sentence it sits in; :mod:`crosswire.compare.align` gathers a sentence's facts into one
unit and aligns units across articles into claims. Spelling variants (defence/defense),
"per cent"/"%" and verb synonyms (scrapped/cancelled/called off) are folded here, before
anything is compared.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
from dataclasses import dataclass

from crosswire.extract.numbers import sentence_bounds
from crosswire.models import Article, ClaimKind, Extraction, QuantityMention
from crosswire.outlets import outlet_key

MAX_SENTENCES = 400  # per article: articles are hostile input, bound the pairwise work
MAX_EVIDENCE = 1200

# --------------------------------------------------------------------------- normalisation

_SPELLING = {
    "defence": "defense", "offence": "offense", "licence": "license", "programme": "program",
    "labour": "labor", "favour": "favor", "honour": "honor", "centre": "center", "metre": "meter",
    "rumour": "rumor", "neighbour": "neighbor", "behaviour": "behavior", "colour": "color",
    "armour": "armor", "harbour": "harbor", "cancelled": "canceled", "cancelling": "canceling",
    "travelled": "traveled", "modelling": "modeling", "judgement": "judgment", "tonne": "ton",
    "tonnes": "tons", "catalogue": "catalog", "grey": "gray", "enrol": "enroll",
}
# Multi-word verbs and synonyms folded onto one stem so "called off" meets "scrapped".
_PHRASES = [
    (re.compile(r"\bper\s*cent\b|\bpercent(?:age)?\b|%", re.IGNORECASE), " percent "),
    (re.compile(r"\bcall(?:s|ed|ing)?\s+off\b", re.IGNORECASE), " cancel "),
    (re.compile(r"\bpull(?:s|ed|ing)?\s+out\b", re.IGNORECASE), " withdraw "),
    (re.compile(r"\b(?:put|puts|putting)\s+off\b", re.IGNORECASE), " postpone "),
    (re.compile(r"\bpush(?:es|ed|ing)?\s+back\b", re.IGNORECASE), " postpone "),
    (re.compile(r"\bU\.?\s?S\.?(?=\W|$)(?!\w)", re.IGNORECASE), " usa "),
    (re.compile(r"\bUnited\s+States\b", re.IGNORECASE), " usa "),
    (re.compile(r"\bU\.?K\.?(?=\W|$)"), " uk "),
]
_SYNONYMS = {
    "scrap": "cancel", "axe": "cancel", "abandon": "cancel", "scrapp": "cancel",
    "cancell": "cancel", "cancelation": "cancel", "cancellation": "cancel", "cancel": "cancel",
    "delay": "postpone", "defer": "postpone", "postpon": "postpone", "postpone": "postpone",
    "reschedul": "postpone", "talk": "meet", "meeting": "meet", "dialogu": "meet", "dialog": "meet",
    "dialogue": "meet", "session": "meet", "meet": "meet", "election": "elect", "elect": "elect",
    "vote": "elect", "poll": "elect", "ballot": "elect", "budget": "spend", "spending": "spend",
    "expenditur": "spend", "expenditure": "spend", "spend": "spend", "spent": "spend",
    "kill": "die", "dead": "die", "death": "die", "die": "die", "dy": "die",
    "quak": "earthquake", "earthquak": "earthquake", "temblor": "earthquake", "tremor": "earthquake",
    "arrest": "arrest", "detain": "arrest", "request": "ask", "demand": "ask", "ask": "ask",
    "sack": "fire", "dismiss": "fire", "fire": "fire", "oust": "fire",
}
_STOP = frozenset(
    (
        "a an the and or but if of to in on at for from by with as is are was were be been being has have "
        "had do does did this that these those it its it's their his her our your my we you they he she i "
        "me him them us not no nor so than then there here also which who whom whose what when where why "
        "how all any both each few more most other some such only own same too very can will would should "
        "could may might must shall just about into over after before under again further once during out "
        "up down off above below between through while because until against among per said says say told "
        "according one two three new mr mrs ms s t"
    ).split()
)
_WORD = re.compile(r"[a-z0-9][a-z0-9+\-]*")


def _fold_spelling(word: str) -> str:
    word = _SPELLING.get(word, word)
    # American -ize forms fold onto -ise (the safe direction: few English words end in -ize)
    return re.sub(r"iz(e|ed|es|ing|ation|ations)$", r"is\1", word)


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper: enough to meet "cancels"/"cancelled"/"cancel"."""
    w = _fold_spelling(word.lower().strip("'\u2019"))
    if w.endswith(("'s", "\u2019s")):
        w = w[:-2]
    for suf in ("ations", "ation", "ings", "ing", "edly", "ed", "ies", "es", "s", "ly"):
        if len(w) > len(suf) + 2 and w.endswith(suf):
            w = w[: -len(suf)] + ("y" if suf == "ies" else "")
            break
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "aeiousl":
        w = w[:-1]  # "scrapp" -> "scrap", "planned" -> "plan"
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return _SYNONYMS.get(w, w)


@functools.lru_cache(maxsize=32768)
def normalize(text: str) -> str:
    """Lower-case text with spelling variants, "per cent" and phrasal verbs folded."""
    text = text[:20_000]
    for rx, rep in _PHRASES:
        text = rx.sub(rep, text)
    return text.lower().replace("\u2019", "'")


@functools.lru_cache(maxsize=32768)  # a sentence is read once per mention it holds: remember it
def terms(text: str) -> frozenset[str]:
    """Content stems of a text (stop words and bare numbers dropped)."""
    out = set()
    for w in _WORD.findall(normalize(text)):
        if w in _STOP or w.isdigit() or len(w) < 2:
            continue
        out.add(stem(w))
    return frozenset(out)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Cosine of two term sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / (len(a) * len(b)) ** 0.5


@functools.lru_cache(maxsize=16384)
def source_key(name: str | None) -> str | None:
    """A comparable key for a credited source: "the FT"/"Financial Times" -> "financial times"."""
    if not name:
        return None
    known = outlet_key(name, credited=True)  # a credited name: "People" is the magazine
    if known is not None:
        return known
    n = normalize(name)
    n = re.sub(r"\b(the|a|an|one|two|three|four|five|several|some|many|other|report|reports)\b", " ", n)
    n = re.sub(r"'s\b|[^a-z0-9 ]", " ", n)
    words = [stem(w) for w in n.split()]
    if not words or words == ["unattribut"]:
        return None
    if len(words) == 1 and len(words[0]) <= 5 and name.strip().isupper():
        return words[0]  # an acronym stays as it is ("FT", "AP")
    if len(words) >= 2 and name[:1].isupper() and "." not in name:
        caps = [w for w in re.findall(r"[A-Za-z][\w\-]*", name) if w[:1].isupper() and w.lower() not in _STOP]
        if len(caps) >= 2 and len(caps) == len(words):
            return "".join(c[0].lower() for c in caps)  # "Atomic Energy Agency" -> "aea", as "AEA"
    return " ".join(words)


def stable_id(prefix: str, *parts: object) -> str:
    h = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{h[:12]}"


# --------------------------------------------------------------------------- facts


@dataclass
class Fact:
    """One article's statement of something, with the verbatim sentence it sits in."""

    kind: ClaimKind
    article: str
    evidence: str
    span: tuple[int, int]
    mention: tuple[int, int]
    attributed_to: str | None
    context: frozenset[str]  # content terms of the whole sentence
    local: frozenset[str]  # content terms of the clause around the mention
    subjects: frozenset[str]  # place/org keys named in the sentence, credited sources excluded
    quantity: QuantityMention | None = None
    values: tuple[tuple[str, float], ...] = ()  # (unit, amount) incl. conversions
    role: str = ""
    anchor: str = ""  # date/year next to a quantity ("2% by 2027")
    date: str | None = None
    date_text: str = ""
    tense: str | None = None
    predicate: str | None = None
    status: str | None = None
    quote: str | None = None
    speaker: str | None = None
    holder: str | None = None  # entity holding a role
    snippet: str = ""  # the clause around the mention, for timeline text
    names: frozenset[str] = frozenset()  # an event's arguments that are names ("Joss Arden")
    verb: str = ""  # an event's predicate as extracted ("impose"), for display
    measure: object = None  # a quantity's Measure (crosswire.compare.measures), set by the aligner


class ArticleView:
    """An article's text with sentence, attribution and entity look-ups by offset."""

    def __init__(self, article: Article, extraction: Extraction | None):
        self.article = article
        self.text = article.text or ""
        self.ex = extraction or Extraction(id=article.id)
        bounds = [tuple(b) for b in self.ex.sentences] or sentence_bounds(self.text)
        self.bounds: list[tuple[int, int]] = sorted(bounds)[: MAX_SENTENCES * 4]
        self._starts = [b[0] for b in self.bounds]
        # mentions by the sentence they start in: every fact asks for its sentence's names and
        # credits, so look them up once rather than scanning the article's mentions per fact
        self._entities: dict[tuple[int, int], list] = {}
        for ent in self.ex.entities:
            self._entities.setdefault(self.sentence_of(ent.start), []).append(ent)
        self._credits: dict[tuple[int, int], list] = {}
        for a in self.ex.attributions:
            self._credits.setdefault(self.sentence_of(a.start), []).append(a)

    def entities_in(self, span: tuple[int, int]) -> list:
        s, e = span
        pool = self._entities.get(span, ()) if self.bounds else self.ex.entities
        return [x for x in pool if s <= x.start < e]

    def attributions_in(self, span: tuple[int, int]) -> list:
        s, e = span
        pool = self._credits.get(span, ()) if self.bounds else self.ex.attributions
        return [x for x in pool if s <= x.start < e]

    def sentence_of(self, start: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._starts, start) - 1
        if i >= 0 and self.bounds[i][0] <= start < self.bounds[i][1]:
            return self.bounds[i]
        if not self.bounds:  # no sentences known: a window around the mention
            return max(0, start - 200), min(len(self.text), start + 200)
        return min(self.bounds, key=lambda b: abs(b[0] - start))

    def evidence(self, span: tuple[int, int]) -> str:
        s, e = span
        return self.text[s:e].strip()[:MAX_EVIDENCE]

    def credited(self, span: tuple[int, int]) -> str | None:
        """Whom the sentence credits (first named attribution in it), else None."""
        for a in self.attributions_in(span):
            if a.source and source_key(a.source):
                return a.source
        return None

    def subjects(self, span: tuple[int, int]) -> frozenset[str]:
        s, e = span
        credited = {source_key(a.source) for a in self.attributions_in(span)}
        out = set()
        for ent in self.entities_in(span):
            if ent.type in ("place", "org"):
                k = source_key(ent.name)
                if k and k not in credited:
                    out.add(k)
        return frozenset(out)

    def clause(self, span: tuple[int, int], pos: tuple[int, int]) -> str:
        """The clause (between commas/dashes) holding ``pos``, widened when very short."""
        s, e = span
        sent = self.text[s:e]
        # a comma inside a figure ("£910,000") is no clause mark
        cuts = [0] + [m.end() for m in re.finditer(r"(?<!\d),|,(?!\d)|[;:\u2014\u2013]|\s-\s|\(|\)", sent)] + [len(sent)]
        a, b = pos[0] - s, pos[1] - s
        lo = max(c for c in cuts if c <= max(a, 0))
        hi = min(c for c in cuts if c >= min(b, len(sent)))
        piece = sent[lo:hi]
        if len(terms(piece)) < 3:
            lo = max([c for c in cuts if c < lo] or [0])
            hi = min([c for c in cuts if c > hi] or [len(sent)])
            piece = sent[lo:hi]
        return piece

    def fact(self, kind: ClaimKind, start: int, end: int) -> Fact:
        span = self.sentence_of(start)
        return Fact(
            kind=kind,
            article=self.article.id,
            evidence=self.evidence(span),
            span=span,
            mention=(start, end),
            attributed_to=self.credited(span),
            context=terms(self.text[span[0]:span[1]]),
            local=terms(self.clause(span, (start, end))),
            subjects=self.subjects(span),
        )


# --------------------------------------------------------------------------- quantities

_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
    "saturday sunday today yesterday tomorrow week month year day".split()
)
_ASK = re.compile(
    r"\b(?:demand|request|ask|urg|press|push|seek|sought|call(?:s|ed|ing)?\s+for|want|target|goal|"
    r"aim|pressur|insist|propos)\w*",
    re.IGNORECASE,
)
_BASE_CUE = re.compile(r"\b(?:from|than|previous(?:ly)?|earlier|prior|former|compared\s+(?:with|to))\b", re.IGNORECASE)
_LEVEL = re.compile(r"\b(?:level|today|now|current(?:ly)?|present(?:ly)?|existing|spen[dt]s?|stands?|stood)\b", re.IGNORECASE)
def _quantity_role(text: str, span: tuple[int, int], start: int, end: int, prev_end: int) -> str:
    """ask / level / baseline:ask / baseline:level / baseline / '' for one quantity mention."""
    s, e = span
    before = text[max(s, prev_end, start - 45):start]
    after = text[end:min(e, end + 25)]
    cue = _BASE_CUE.search(before)
    if cue:
        # what the baseline was: only the words from "from"/"than" on, and just after the number
        phrase = before[cue.start():]
        if _ASK.search(phrase) or _ASK.search(after):
            return "baseline:ask"
        if _LEVEL.search(phrase) or _LEVEL.search(after):
            return "baseline:level"
        return "baseline"
    wide = text[max(s, start - 120):start]
    if _ASK.search(wide) or _ASK.search(after):
        return "ask"
    if _LEVEL.search(text[max(s, start - 60):start]):
        return "level"
    return ""


def _values(q: QuantityMention) -> tuple[tuple[str, float], ...]:
    out = [(q.unit or "", round(q.amount, 6))]
    out += [(a.unit or "", round(a.amount, 6)) for a in q.alternatives[:4]]
    return tuple(out)


def quantity_facts(view: ArticleView) -> list[Fact]:
    facts = []
    qs = sorted(view.ex.quantities, key=lambda q: q.start)
    prev_end_in: dict[tuple[int, int], int] = {}
    for q in qs:
        f = view.fact("quantity", q.start, q.end)
        prev = prev_end_in.get(f.span, f.span[0])
        prev_end_in[f.span] = q.end
        f.quantity = q
        f.values = _values(q)
        f.role = _quantity_role(view.text, f.span, q.start, q.end, prev)
        near = [
            d.value for d in view.ex.dates
            if d.value and f.span[0] <= d.start < f.span[1] and q.start - 40 <= d.start <= q.end + 30
        ]
        f.anchor = "|".join(sorted(set(near)))
        facts.append(f)
    return facts


# --------------------------------------------------------------------------- dates, events, quotes

_HEADER = re.compile(r"^\W*(?:published|updated|posted|copyright|last\s+modified|\u00a9)", re.IGNORECASE)
FUTURE_CUE = re.compile(
    r"\b(?:upcoming|looming|forthcoming|impending)\b|\b(?:in\s+the\s+)?coming\s+(?:days?|weeks?|months?|weekend)\b",
    re.IGNORECASE,
)


_STAMP = re.compile(r"\b(?:published|updated|posted|modified)\b[^.]*$", re.IGNORECASE)
_MONTH_NUM = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_MONTH_DAY = re.compile(
    r"\b(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"(?:\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d))?(?:[\s,\-\u2013\d]*?(?P<year>(?:19|20)\d\d))?",
    re.IGNORECASE,
)


def _month_day(surface: str) -> tuple[int, int | None, int | None] | None:
    """(month, day, explicit year) of a "July 1"/"July 1, 2025"/"March" surface, else None."""
    m = _MONTH_DAY.search(surface)
    if not m:
        return None
    day = int(m.group("day")) if m.group("day") else None
    year = int(m.group("year")) if m.group("year") else None
    return _MONTH_NUM[m.group("mon").lower()[:3]], day, year


def harmonize_years(facts: list[Fact]) -> None:
    """A year-less "July 1" takes the year that other articles of the story state explicitly.

    Extractors guess a missing year from each article's own date and tense; across a story the
    explicit "July 1, 2025" of one article is better evidence than those guesses (or than
    nothing, when an article carries no date at all).
    """
    explicit: dict[tuple[int, int | None], dict[int, int]] = {}
    parsed = {}
    for f in facts:
        md = _month_day(f.date_text) if f.kind == "date" else None
        parsed[id(f)] = md
        if md and md[2]:
            votes = explicit.setdefault((md[0], md[1]), {})
            votes[md[2]] = votes.get(md[2], 0) + 1
    for f in facts:
        md = parsed.get(id(f))
        if not md or md[2] or (f.date and "/" in f.date and md[1] is None):
            continue
        votes = explicit.get((md[0], md[1]))
        if not votes:
            continue
        year = max(votes, key=lambda y: (votes[y], y))
        f.date = f"{year:04d}-{md[0]:02d}" + (f"-{md[1]:02d}" if md[1] else "")


def date_facts(view: ArticleView) -> list[Fact]:
    facts = []
    for d in view.ex.dates:
        if not d.value and not _month_day(d.text):
            continue
        f = view.fact("date", d.start, d.end)
        rest = f.context - terms(d.text) - _MONTHS
        lead = view.text[max(0, d.start - 25):d.start]
        own = (  # an explicit date at the top equal to the article's own date is its dateline
            view.article.published and d.value == view.article.published[:10] and d.start < 400
            and re.search(r"\d", d.text)
        )
        if len(rest) < 2 or _HEADER.search(f.evidence) or _STAMP.search(lead) or own:
            continue  # a dateline or "Published ..." line dates the article, not an event
        f.date, f.date_text, f.tense = d.value, d.text, d.tense
        f.snippet = view.clause(f.span, (d.start, d.end)).strip(" ,;:()\u2014\u2013-")
        f.local = f.local - _MONTHS - terms(d.text)
        facts.append(f)
    return facts


def event_facts(view: ArticleView) -> list[Fact]:
    facts = []
    for ev in view.ex.events:
        f = view.fact("event", ev.start, ev.end)
        f.predicate = stem(ev.predicate.split()[0]) if ev.predicate.strip() else None
        if not f.predicate:
            continue
        f.status = ev.status
        f.verb = ev.predicate.strip()[:40]
        # Arguments minus the names in the sentence: "the meeting" is what two reports of a
        # cancellation share, while "Japan" is shared by every event of the story.
        names = {ent.name for ent in view.entities_in(f.span)}
        named = frozenset(t for n in names for t in terms(n))
        args = [a for a in ev.arguments[:8] if not (terms(a) <= named)]
        f.names = frozenset(t for a in ev.arguments[:8] for t in terms(a)) & named
        f.local = frozenset(t for a in args for t in terms(a)) - named
        if not f.local and not f.names:
            f.local = terms(view.clause(f.span, (ev.start, ev.end)))
        f.snippet = min(args, key=len) if args else ""
        facts.append(f)
    return facts


def quote_facts(view: ArticleView) -> list[Fact]:
    facts = []
    for q in view.ex.quotes:
        f = view.fact("quote", q.start, q.end)
        f.quote = q.text.strip().strip("\"'\u201c\u201d\u2018\u2019")
        f.speaker = q.speaker
        f.local = terms(f.quote)
        facts.append(f)
    return facts


def role_facts(view: ArticleView) -> list[Fact]:
    facts = []
    for ent in view.ex.entities:
        if not ent.role:
            continue
        f = view.fact("role", ent.start, ent.end)
        f.holder = ent.name
        f.snippet = ent.role
        f.local = terms(ent.role)
        facts.append(f)
    return facts


# --------------------------------------------------------------------------- display


def fmt_amount(q: QuantityMention) -> str:
    amt = q.amount
    if q.unit == "%":
        num = f"{amt:g}%"
    else:
        for scale, word in ((1e12, " trillion"), (1e9, " billion"), (1e6, " million")):
            if abs(amt) >= scale:
                num = f"{amt / scale:g}{word}"
                break
        else:
            num = f"{amt:g}"
        if q.unit:
            num = f"{num} {q.unit}"
    return f"{q.qualifier} {num}" if q.qualifier else num


ROLE_LABEL = {
    "ask": "demanded or targeted", "level": "current level", "baseline:ask": "earlier demand",
    "baseline:level": "earlier level", "baseline": "baseline",
}


def clip(text: str, n: int = 240) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "\u2026"


