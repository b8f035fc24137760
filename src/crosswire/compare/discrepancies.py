"""Discrepancies: where aligned facts disagree, each side with its articles and verbatim sentences.

Only facts the aligner put into one claim are compared — the same fact told by several articles
— so a figure about another event, another place or another point of the story is never set
against the story's own. Within a claim:
- numeric: the same measured thing (:mod:`crosswire.compare.measures`: the dead, the injured,
  a magnitude, a sum, a share…) given different values by different articles, where neither
  article also states the other's value; a figure that rises with publication time is shown as
  an update, with both times;
- status: the same event told with conflicting outcomes (cancelled vs postponed, confirmed vs
  denied) or asserted by one article and negated by another;
- temporal: the same event given different dates, and an article calling an event upcoming
  although its date is before the article's reference date (its own publication date raised to
  that of any article it derives from, and of the story's origin);
- attribution: the same quotation credited to two different people.
Every ``about`` and ``note`` is plain words: articles are named by outlet, title or file name.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from crosswire.compare.align import ClaimGroup, Unit
from crosswire.compare import currencies
from crosswire.compare.clock_times import clock_slots
from crosswire.compare.identifiers import phone_slots
from crosswire.compare.facts import (
    FUTURE_CUE,
    ROLE_LABEL,
    Fact,
    clip,
    fmt_amount,
    normalize,
    overlap,
    source_key,
    stable_id,
    stem,
    terms,
)
from crosswire.compare.measures import Measure, in_base_unit
from crosswire.extract.numbers import words_to_number
from crosswire.compare.naming import article_name, article_names, name_list
from crosswire.models import Article, Discrepancy, LineageEdge, Position, QuantityMention, Story
from crosswire.outlets import outlet_key

MAX_GROUPS = 5000


@dataclass
class Found:
    """A discrepancy and the claim ids it makes contested."""

    discrepancy: Discrepancy
    claims: set[str] = field(default_factory=set)
    measure: str | None = None  # a numeric discrepancy's measure key


def _make(kind: str, about: str, positions: list[Position], note: str, claims: set[str]) -> Found:
    values = sorted(p.value for p in positions)
    did = stable_id("d", kind, about, *values, *sorted(claims))
    return Found(Discrepancy(id=did, kind=kind, about=about, positions=positions, note=note), claims)


def _position(value: str, units: list[Unit]) -> Position:
    arts, ev = [], []
    for u in units:
        if u.article not in arts:
            arts.append(u.article)
            ev.append(u.text)
    return Position(value=value, articles=arts, evidence=ev)


def _components(n: int, edges: list[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        parent[find(a)] = find(b)
    comps: dict[int, list[int]] = {}
    for i in range(n):
        comps.setdefault(find(i), []).append(i)
    return [c for c in comps.values() if len(c) > 1]


def _sides(positions: list[Position], names: dict[str, str]) -> str:
    """"Financial Times and PEN: cancel; EconoTimes: postpone"."""
    return "; ".join(f"{name_list(p.articles, names)}: {p.value}" for p in positions)


def _told_sides(sides: dict[str, list[Unit]], names: dict[str, str]) -> str:
    """The sides of an outcome disagreement with whom each credits, and the articles telling
    both ("PEN and EconoTimes tell both"): an article on two sides is no contradiction of its
    own, it reports two sources that disagree."""
    parts = []
    for label, units in sides.items():
        arts = list(dict.fromkeys(u.article for u in units))
        credits = list(dict.fromkeys(u.attributed_to for u in units if u.attributed_to))
        credited = f", crediting {' and '.join(credits[:3])}" if credits and all(u.attributed_to for u in units) else ""
        parts.append(f"{name_list(arts, names)}: {label}{credited}")
    text = "; ".join(parts)
    held = [set(u.article for u in units) for units in sides.values()]
    both = [a for a in dict.fromkeys(u.article for units in sides.values() for u in units)
            if sum(a in h for h in held) > 1]
    if both:
        text += f". {name_list(both, names)} {'tells' if len(both) == 1 else 'tell'} both"
    return text


def _owner(groups: list[ClaimGroup]) -> dict[int, Unit]:
    return {id(f): u for g in groups for u in g.units for f in u.facts}


# --------------------------------------------------------------------------- numeric

_VOCAB_KEYS = ("dead", "injured", "missing", "arrested", "evacuated", "rescued", "magnitude", "depth",
               "prison", "age", "votes", "seats", "buildings", "population", "distance", "crowd")


# Counted nouns that name no thing of the story: a head count with no measure ("2,000 people"
# housed, waiting, in need), a unit of time or of a scale, a pronoun-like "others".
_UNCOUNTED = frozenset(
    "people persons person others other times time seconds second minutes minute hours hour days day "
    "weeks week months month years year points point percent cents cent degrees degree one ones".split())


def _counted_noun(key: str) -> str | None:
    """The noun a count of things counts ("count:villages" → "villages"), or None."""
    if not key.startswith("count:"):
        return None
    noun = key.split(":", 1)[1]
    if not re.fullmatch(r"[a-z][a-z\-]{2,}", noun) or noun in _UNCOUNTED:
        return None
    return noun


def _comparable(key: str) -> bool:
    """Measures precise enough to set two figures against each other."""
    if key in _VOCAB_KEYS or key in ("duration", "elapsed"):
        return True
    if _counted_noun(key):
        # counts of things ("seven villages", "12 rifles"): which villages, which seizure, is
        # more than one word tells, so :func:`_related` asks the two sentences for more
        return True
    # money and shares of a named thing; a unit with a measure phrase ("10 km" of "depth")
    return key == "percent" or key.startswith("money:") or (":" in key and not key.startswith("count:")
                                                             and bool(key.split(":", 1)[1]))


def _slot_key(key: str) -> str:
    """The measure two figures must share to fill one slot. A sum's currency is not part of it
    when the story gives a rate for it (``money:GBP`` and ``money:USD`` both "money";
    :func:`_amounts` converts them); without one, sums in two currencies are two measures."""
    if not key.startswith("money:"):
        return key
    exchange = currencies.CURRENT.get()
    return "money" if exchange is not None and exchange.converts(key.split(":", 1)[1]) else key


def _exchange_rate(a: Fact, b: Fact) -> currencies.Rate | None:
    """The rate between two sums in different currencies, when the story vouches for one."""
    ua, ub = a.quantity.unit, b.quantity.unit
    if ua == ub or not (currencies.is_currency(ua) and currencies.is_currency(ub)):
        return None
    exchange = currencies.CURRENT.get()
    return exchange.rate(ua, ub) if exchange is not None else None


def _amounts(a: Fact, b: Fact) -> tuple[float, float] | None:
    """The two amounts in one unit, or None when they cannot be compared."""
    qa, qb = a.quantity, b.quantity
    if (qa.unit or "") == (qb.unit or ""):
        return qa.amount, qb.amount
    rate = _exchange_rate(a, b)
    if rate is not None:
        return qa.amount * rate.value, qb.amount
    ca, cb = in_base_unit(qa.amount, qa.unit), in_base_unit(qb.amount, qb.unit)
    if ca and cb and ca[0] == cb[0]:
        return ca[1], cb[1]
    if _is_count_pair(qa.unit, qb.unit):
        return qa.amount, qb.amount  # "10 people" and "10": one head count
    return None


_BOUNDS = ("more than", "less than", "up to")


def _is_bound(f: Fact) -> bool:
    return f.quantity.qualifier in _BOUNDS


def _same_figure(a: Fact, b: Fact, key: str) -> bool:
    """Whether two figures are one value of a disagreement: :func:`_same_value`, except that a
    bound and an exact figure are one only when their numbers are ("more than 100,000" is
    compatible with 120,000, yet not the same figure)."""
    if _is_bound(a) != _is_bound(b):
        pair = _amounts(a, b)
        if pair is not None:
            x, y = pair
            return abs(x - y) / (max(abs(x), abs(y)) or 1.0) <= 0.005
    return _same_value(a, b, key)


def _is_count_pair(ua: str | None, ub: str | None) -> bool:
    return all(not u or (in_base_unit(1, u) is None and u != "%" and not re.match(r"^[A-Z]{3}$", u)) for u in (ua, ub))


def _same_value(a: Fact, b: Fact, key: str = "") -> bool:
    qa, qb = a.quantity, b.quantity
    pair = _amounts(a, b)
    if pair is None:
        return True  # not comparable: never a disagreement
    x, y = pair
    if (qa.unit or "") != (qb.unit or "") and round(qa.amount, 6) == round(qb.amount, 6):
        return True  # "13 nautical miles" and "13 miles": one figure, its unit garbled in one copy
    big = max(abs(x), abs(y)) or 1.0
    rel = abs(x - y) / big
    if key == "elapsed":
        # "two days ago" and "three days ago" told a day apart agree: an elapsed time is counted
        # from each report's own day, so only a gap past a third of it is a disagreement
        return rel <= 1 / 3 + 1e-9
    # "200ft (about 60m)" and "about 60m": a converted or rounded figure agrees within a tenth
    loose = "about" in (qa.qualifier, qb.qualifier) or (qa.unit or "") != (qb.unit or "")
    # two currencies: the rate is one outlet's or one day's, and outlets round conversions
    # ("€2 million ($2.6 million)" / "£1.7m"), so only a gap past a fifth is a disagreement
    tolerance = 0.2 if _exchange_rate(a, b) is not None else (0.1 if loose else 0.005)
    if key not in _CASUALTIES:
        # outside tolls and counts of people, "more than 100 mph" is not contradicted by 120 mph
        for lo, hi, q in ((x, y, qa), (y, x, qb)):
            if q.qualifier == "more than" and hi >= lo:
                return True
            if q.qualifier in ("less than", "up to") and hi <= lo:
                return True
    if qa.upper is not None and qa.amount <= qb.amount <= qa.upper:
        return True
    if qb.upper is not None and qb.amount <= qa.amount <= qb.upper:
        return True
    return rel <= tolerance


_CASUALTIES = ("dead", "injured", "missing", "arrested", "evacuated", "rescued")
# Measures that name their event by themselves: the claim's alignment is enough to compare them.
_LOOSE_KEYS = _CASUALTIES + ("magnitude", "depth", "prison", "age", "population")
TIGHT = 0.6
CROSS_LINK = 0.45
NEAR = 0.85  # two sentences this alike are one sentence retold
LEAD_LINK = 0.25  # two articles' openings this alike report one event


def _conversion(u: Unit, f: Fact) -> bool:
    """A figure in brackets after another ("110 billion euros ($143 billion)") converts it:
    the rate is the converter's choice, not a claim about the event."""
    if u.span is None:
        return False
    rel = f.mention[0] - u.span[0]
    before = u.text[max(0, rel - 3):rel]
    if "(" in before and bool(re.search(r"\d", u.text[max(0, rel - 40):max(0, rel - 1)])):
        return True
    # the second conversion of one bracket: "2m euros (£1.7m; $2.6m)"
    return bool(re.search(r"\d[^()]{0,16}\([^()]*\d[^()]*[;,/]\s*(?:about\s+)?$", u.text[max(0, rel - 60):rel]))


# The qualifier as the article wrote it: "at least 7" is what a reader checks, the contract's
# "more than" class (kept in the claim's quantity) is not what the article said
_WRITTEN_QUALIFIER = re.compile(
    r"(at least|at most|no fewer than|no more than|no less than|nearly|almost|just under|just over|"
    r"more than|less than|fewer than|over|under|up to|as many as|about|around|roughly|approximately)\s",
    re.IGNORECASE)


def _value_label(f: Fact) -> str:
    label = fmt_amount(f.quantity)
    written = _WRITTEN_QUALIFIER.match(f.quantity.text or "")
    if f.quantity.qualifier and written and label.startswith(f.quantity.qualifier):
        label = written.group(1).lower() + label[len(f.quantity.qualifier):]
    return label + (" ago" if f.measure is _ELAPSED else "")


def _figures_by_article(groups: list[ClaimGroup]) -> dict[tuple[str, str], list[Fact]]:
    """Every figure each article states anywhere, by (article, measure key)."""
    out: dict[tuple[str, str], list[Fact]] = {}
    for g in groups:
        for u in g.units:
            for f in u.facts:
                m = getattr(f, "measure", None)
                if f.quantity is not None and m is not None:
                    out.setdefault((u.article, _slot_key(m.key)), []).append(f)
    return out


def _states(facts: list[Fact], value: Fact, key: str) -> bool:
    # a sum in another currency is the article's own figure, not a restatement of the other
    # value: "€2 million" is about $2.6 million and about $2.5 million alike
    return any(_same_value(f, value, key) and _amounts(f, value) is not None
               and _exchange_rate(f, value) is None for f in facts)


def _when(a: Article) -> str | None:
    return getattr(a, "published_at", None) or a.published


@dataclass
class _Figure:
    group: ClaimGroup
    unit: Unit
    fact: Fact


_AGO = re.compile(
    r"\b(?:(about|around|some|nearly|almost|roughly|more than|over|less than)\s+)?"
    r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)\s+"
    r"(years?|months?|weeks?|days?)\s+ago\b", re.IGNORECASE)
_ELAPSED = Measure("elapsed", "time elapsed")
_QUALIFIER = {"about": "about", "around": "about", "some": "about", "roughly": "about", "nearly": "about",
              "almost": "about", "more than": "more than", "over": "more than", "less than": "less than"}


def _elapsed(u: Unit) -> list[Fact]:
    """Times told as elapsed ("returned 12 weeks ago"), as duration figures of the sentence.
    Read from the text: without a publication date the date extractor cannot place them."""
    if not u.facts or u.span is None:
        return []
    out = []
    for m in _AGO.finditer(u.text):
        qualifier, number, unit = m.groups()
        amount = float(number) if number.isdigit() else words_to_number(number)
        if not amount:
            continue
        unit = unit.lower() if unit.lower().endswith("s") else unit.lower() + "s"
        start, end = u.span[0] + m.start(2), u.span[0] + m.end()
        q = QuantityMention(m.group(0), start, end, amount, unit, None, _QUALIFIER.get((qualifier or "").lower()))
        out.append(replace(u.facts[0], kind="quantity", mention=(start, end), quantity=q, measure=_ELAPSED, role=""))
    return out


def _slot_figures(groups: list[ClaimGroup]) -> dict[str, list[_Figure]]:
    """Per measure, the figures that can fill one slot: one value per sentence, no conversion in
    brackets, no baseline ("up from 3%"); a date told as time elapsed ("six weeks ago") is one."""
    out: dict[str, list[_Figure]] = {}
    for g in groups:
        if g.claim is None:
            continue
        for u in g.units:
            mine: dict[str, list[Fact]] = {}
            for f in u.facts + _elapsed(u):
                m = f.measure
                if f.quantity is None or m is None or not _comparable(m.key) or f.role.startswith("baseline"):
                    continue
                if not _conversion(u, f):
                    mine.setdefault(_slot_key(m.key), []).append(f)
            counted = [k for k in mine if _counted_noun(k)]
            if len(counted) > 1:
                # a line of statistics ("13 home runs and 43 RBIs in 54 games"): its counts are of
                # a period or a player the sentence alone pins down, not the story's own facts
                for k in counted:
                    del mine[k]
            if "duration" in mine:
                mine["duration"] = [f for f in mine["duration"] if not _running_length(u, f)]
                if not mine["duration"]:
                    del mine["duration"]
            for key, fs in mine.items():
                if _counted_noun(key):
                    fs = [f for f in fs if not _part_count(u, f)]
                    if not fs:
                        continue
                # one sentence giving two figures of one measure ("rose from 5 to 24") is no slot
                if len({round(f.quantity.amount, 6) for f in fs}) == 1:
                    out.setdefault(key, []).append(_Figure(g, u, fs[0]))
    return out


_NATIONWIDE = re.compile(r"\b(?:nationwide|across the country|around the country|nationally|in total|in all)\b", re.I)


def _lead_units(groups: list[ClaimGroup]) -> set[int]:
    """The units (by ``id``) that open their article: the headline and the first substantive
    sentence of the body. What they measure is the story's own event, not its background."""
    by_article: dict[str, dict[int, Unit]] = {}
    for g in groups:
        for u in g.units:
            by_article.setdefault(u.article, {})[id(u)] = u
    out: set[int] = set()
    for units in by_article.values():
        for u in sorted(units.values(), key=lambda u: (not u.headline, u.index)):
            if u.headline:
                out.add(id(u))
            elif u.substantive:
                out.add(id(u))
                break
    return out


def _related(x: _Figure, y: _Figure, key: str, leads: frozenset[int] | set[int] = frozenset()) -> bool:
    """Whether two articles' figures fill one slot: the same fact (one claim), or sentences close
    enough that they tell the same thing. A toll or a magnitude names its event by itself; a sum,
    a share, a distance or a count of things needs nearly the same sentence, or both sentences
    opening their articles (headline or lead) with some likeness: an article's first figure of a
    measure is about the story's own event."""
    link = x.group.link(x.unit, y.unit)
    if x.group is y.group and _same_value(x.fact, y.fact, key) and _amounts(x.fact, y.fact) is not None:
        return True  # agreeing figures of one claim: one slot, whatever the wording
    opening = id(x.unit) in leads and id(y.unit) in leads and link >= LEAD_LINK
    if key in _LOOSE_KEYS:
        return x.group is y.group or link >= CROSS_LINK or opening
    if key.startswith("distance:"):
        # a distance from one named place: the same fact when the sentences are one claim or
        # alike ("Qeshm, 1,150 km from Tehran" / "the island, 940 miles south of Tehran"); a third
        # town's distance from the capital, told in a background sentence, is neither
        return x.group is y.group or link >= CROSS_LINK
    if key == "crowd":
        # a crowd is counted in one city: "20,000 in Athens" and "20,000 in Thessaloniki" are two
        # marches, a nationwide total a third; a crowd's place, told by both, names the march
        px, py = x.fact.subjects, y.fact.subjects
        if _NATIONWIDE.search(x.unit.text) or _NATIONWIDE.search(y.unit.text):
            return False
        if px and py:
            return bool(px & py) and (x.group is y.group or link >= CROSS_LINK)
        return link >= TIGHT
    if key == "percent" and not _same_measure_phrase(x.fact, y.fact):
        return False  # "a 3% rise in prices" and "a 5% rise in wages": two shares
    if key == "elapsed" and x.group is y.group:
        # one claim's "returned 12 weeks ago" / "moved back around six weeks ago": one move
        return True
    if key == "duration":
        both = _amounts(x.fact, y.fact)
        if both and min(both) > 0 and max(both) / min(both) > _FAR_APART:
            return False
    if key == "duration" and x.group is y.group and _shared_context(x, y):
        # one claim's "a four year spell living in Cardiff" / "living in South Wales for the past
        # three years": one stay, told around the same word
        return True
    if _counted_noun(key):
        # a count of things: one claim's sentences told around the same content word ("five
        # villages had been badly hit, the governor of Qeshm island said" / "the governor of
        # Qeshm island said four villages had been destroyed"), or the same counted phrase
        # ("three strong aftershocks" / "at least four strong aftershocks") in sentences with
        # some likeness; a bare noun in two unlike sentences may count two things
        if x.group is y.group and _shared_context(x, y, reporting=False):
            return True
        if _counted_phrase(x.fact) and _counted_phrase(x.fact) == _counted_phrase(y.fact) and link >= LEAD_LINK:
            return True
        return link >= TIGHT
    if opening and _same_measure_phrase(x.fact, y.fact):
        return True
    return link >= TIGHT


_CONTEXT_WORDS = 10
_CONTEXT_STOP = frozenset(
    "a an the of in on at to for from with by and or but as is was were be been being had has have "
    "he she it they we i you his her its their our my your him them us this that these those who which "
    "past last next over about around some more than less after before since until during "
    "year years month months week weeks day days hour hours minute minutes".split())


def _context_words(u: Unit, f: Fact) -> set[str]:
    """Content words (by their first five letters) within a few words of a figure, its own excluded."""
    if u.span is None:
        text, rel = u.text, None
    else:
        text, rel = u.text, f.mention[0] - u.span[0]
    if rel is None or not 0 <= rel <= len(text):
        words = re.findall(r"[a-z]+", text.lower())
    else:
        end = rel + (f.mention[1] - f.mention[0])
        before = re.findall(r"[a-z]+", text[:rel].lower())[-_CONTEXT_WORDS:]
        after = re.findall(r"[a-z]+", text[end:].lower())[:_CONTEXT_WORDS]
        words = before + after
    return {w[:5] for w in words if w not in _CONTEXT_STOP and len(w) > 2}


_INTERVAL_AFTER = re.compile(r"^\W*(?:after|before|since|later|earlier|on|from)\b", re.I)
_INTERVAL_BEFORE = re.compile(r"\b(?:in|within)\s+(?:(?:more|less)\s+than\s+|over\s+|about\s+|almost\s+|nearly\s+)?$", re.I)


def _interval(u: Unit, f: Fact) -> bool:
    """A length of time that places one event from another ("two years after Bam", "the first in
    more than 25 years", "in two years"), not how long something lasted."""
    if u.span is None:
        return False
    rel, end = f.mention[0] - u.span[0], f.mention[1] - u.span[0]
    return bool(_INTERVAL_AFTER.match(u.text[end:end + 12]) or _INTERVAL_BEFORE.search(u.text[max(0, rel - 24):rel]))


# "five days of riots", "after 30 hours of deliberation": the length so far of something still
# going on when the article was written, which grows from one report to the next; "4 minutes 48
# seconds remaining", "just under five minutes left": a game clock, a point in time
_RUNNING_AFTER = re.compile(r"^(?:\s+(?:and\s+)?\d+\s+(?:seconds?|minutes?|secs?))?\s*(?:of\s+(?:the\s+)?[a-z]|left\b|remaining\b|to\s+(?:play|go)\b)",
                            re.IGNORECASE)


_FIXED_TERM_BEFORE = re.compile(r"\b(?:serv\w*|sentenc\w*|order\w*|given|jail\w*|prison|ban\w*|suspen\w*|"
                                r"term|contract|lease|deal)\b[^.;]{0,30}$", re.IGNORECASE)


def _running_length(u: Unit, f: Fact) -> bool:
    """A length of time that is a running count or a clock, not a fixed term ("ordered to serve
    90 days of treatment" is one)."""
    if f.quantity is None:
        return False
    if u.span is None:  # a headline: its facts' offsets are not the body's
        at = u.text.lower().find(f.quantity.text.lower())
        if at < 0:
            return False
        start, end = at, at + len(f.quantity.text)
    else:
        start, end = f.mention[0] - u.span[0], f.mention[1] - u.span[0]
    m = _RUNNING_AFTER.match(u.text[end:end + 40])
    if not m:
        return False
    clock = not m.group(0).strip().lower().startswith("of")
    return clock or not _FIXED_TERM_BEFORE.search(u.text[max(0, start - 40):start])


_FAR_APART = 20  # "90 days" and "two minutes" are two lengths of two things, not one told twice


_REPORTING = frozenset(w[:5] for w in "said says saying told tells report reported reports according added "
                                     "also stated".split())


def _shared_context(x: _Figure, y: _Figure, reporting: bool = True) -> bool:
    """Whether two figures are told around a common word ("living" of "a four year spell living in
    Cardiff" and "living in South Wales ... for the past three years"), neither of them the gap
    between two events. ``reporting=False``: a verb of saying shared is not enough."""
    if _interval(x.unit, x.fact) or _interval(y.unit, y.fact):
        return False
    shared = _context_words(x.unit, x.fact) & _context_words(y.unit, y.fact)
    if not reporting:
        shared -= _REPORTING
    return bool(shared)


_PART_BEFORE = re.compile(
    r"(?:\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten)\s+of\s+(?:his|her|its|their|the|our)?\s*"
    r"|\b(?:first|last|next|final|opening|other|another|remaining|only|just)\s+)$", re.I)


def _part_count(u: Unit, f: Fact) -> bool:
    """A count told as a part of a run or of a total ("28 of 41 passes", "his first 17 passes",
    "four of their first five drives"): it counts a stretch the sentence picks, not the event."""
    if u.span is None:
        return False
    rel = f.mention[0] - u.span[0]
    return bool(_PART_BEFORE.search(u.text[max(0, rel - 30):rel]))


def _counted_phrase(f: Fact) -> str:
    """The words a count of things gives its noun beyond the number ("strong aftershocks" of "at
    least four strong aftershocks"), when there is more than the noun; else ""."""
    words = re.findall(r"[a-z][a-z\-0-9]*", f.quantity.text.lower())
    words = [w for w in words if w not in _NUMBER_WORDS and w not in _QUALIFIER_WORDS]
    return " ".join(words) if len(words) >= 2 else ""


_NUMBER_WORDS = frozenset("a an one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                          "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
                          "eighty ninety hundred thousand million dozen dozens and".split())
_QUALIFIER_WORDS = frozenset("at least most more than less fewer about around some nearly almost roughly over "
                             "up to an estimated estimated as many".split())


def _same_measure_phrase(a: Fact, b: Fact) -> bool:
    """Whether two figures' measure phrases may name one thing: either is unread, or they share a word."""
    wa = set(re.findall(r"[a-z]+", (a.quantity.measure or "").lower()))
    wb = set(re.findall(r"[a-z]+", (b.quantity.measure or "").lower()))
    return not wa or not wb or bool(wa & wb)


def story_exchange(groups: list[ClaimGroup], articles: dict[str, Article]) -> currencies.Exchange:
    """The rates a story's sums may be compared at: every conversion its articles write ("2
    million euros ($2.6 million)"), and its publication day for the ECB's rate."""
    exchange = currencies.Exchange(day=currencies.story_day([_when(a) for a in articles.values()]))
    seen: set[tuple[str, int]] = set()
    for g in groups:
        for u in g.units:
            if u.span is None or (u.article, u.index) in seen:
                continue
            seen.add((u.article, u.index))
            sums = sorted((f for f in u.facts if f.quantity is not None and currencies.is_currency(f.quantity.unit)),
                          key=lambda f: f.mention)
            exchange.present.update(f.quantity.unit for f in sums)
            for n, f in enumerate(sums):
                if _conversion(u, f):
                    continue
                for alt in f.quantity.alternatives or []:
                    # the extractor keeps a bracketed conversion as the sum's alternative
                    if currencies.is_currency(alt.unit) and alt.unit != f.quantity.unit:
                        end = alt.end - u.span[0]
                        end += 1 if u.text[end:end + 1] == ")" else 0
                        exchange.add_conversion(f.quantity.amount, f.quantity.unit, alt.amount, alt.unit,
                                                clip(u.text[f.quantity.start - u.span[0]:end], 80))
                for later in sums[n + 1:]:
                    between = u.text[f.mention[1] - u.span[0]:later.mention[0] - u.span[0]]
                    if not currencies.conversion_between(between):
                        break
                    close = u.text.find(")", later.mention[1] - u.span[0])
                    text = u.text[f.mention[0] - u.span[0]:(close + 1 if close >= 0 else later.mention[1] - u.span[0])]
                    exchange.add_conversion(f.quantity.amount, f.quantity.unit, later.quantity.amount,
                                            later.quantity.unit, clip(text, 80))
    return exchange


def numeric(groups: list[ClaimGroup], articles: dict[str, Article], names: dict[str, str]) -> list[Found]:
    token = currencies.CURRENT.set(story_exchange(groups, articles))
    try:
        return _numeric(groups, articles, names)
    finally:
        currencies.CURRENT.reset(token)


def _numeric(groups: list[ClaimGroup], articles: dict[str, Article], names: dict[str, str]) -> list[Found]:
    everywhere = _figures_by_article(groups)
    labels = {f.measure.key: f.measure.label for g in groups for f in g.facts if f.measure is not None}
    labels[_ELAPSED.key] = _ELAPSED.label
    labels["money"] = "amount of money"
    out = []
    slots: list[_Slot] = []
    leads = _lead_units(groups)
    for key, figs in _slot_figures(groups).items():
        if len({x.unit.article for x in figs}) < 2:
            continue
        pairs = [(i, j) for i in range(len(figs)) for j in range(i + 1, len(figs))
                 if figs[i].unit.article != figs[j].unit.article and _related(figs[i], figs[j], key, leads)]
        for comp in _components(len(figs), pairs):
            members = [figs[i] for i in comp]
            linked = {(i, j) for i, j in pairs if i in comp and j in comp}
            # one figure per article (its first in story order) and the values they take
            # (one per currency: "$2.5 million" in a headline, "€2 million" in the body are two
            # figures, and only the first can side with other dollar figures)
            per_article: dict[tuple[str, str], int] = {}
            for i in comp:
                q = figs[i].fact.quantity
                per_article.setdefault((figs[i].unit.article, q.unit if currencies.is_currency(q.unit) else ""), i)
            # exact figures first, bounds ("more than 100,000") after: a bound agrees with many
            # figures and, taken first, would swallow two that disagree (120,000 and 200,000)
            order = sorted(per_article.values(), key=lambda i: (_is_bound(figs[i].fact), i))
            values = _cluster_values(order, figs, key)
            # a value stands only where one of its sentences is tied to a sentence of another value
            values = [(f, idx) for f, idx in values if any(
                (min(i, j), max(i, j)) in linked for i in idx for o, jdx in values if o is not f for j in jdx)]
            if len(values) < 2 or all(_same_value(f, g, key) for n, (f, _) in enumerate(values)
                                      for g, _ in values[n + 1:]):
                continue  # told apart, but no two values contradict each other

            def holds_only(art: str, own: Fact) -> bool:
                """An article that also states the other value somewhere knows both."""
                stated = everywhere.get((art, key), [])
                return not any(_states(stated, other, key) for other, _ in values if other is not own)

            sides: dict[str, set[int]] = {}
            for n, (f, idx) in enumerate(values):
                for i in idx:
                    sides.setdefault(figs[i].unit.article, set()).add(n)
            # an article whose figures in two currencies took two sides knows both: it leaves both
            kept = [(f, list(dict.fromkeys(figs[i].unit.article for i in idx if len(sides[figs[i].unit.article]) == 1
                                           and holds_only(figs[i].unit.article, f)))) for f, idx in values]
            kept = [(f, arts) for f, arts in kept if arts]
            if len(kept) < 2:
                continue
            unit_of = {figs[i].unit.article: figs[i].unit for _, idx in values for i in reversed(idx)}
            slots.append(_Slot(key, kept, members, unit_of))
    for slot in _merge_slots(slots):
        key, kept, members = slot.key, slot.kept, slot.members
        positions = [_position(_value_label(f), [slot.unit_of[a] for a in arts]) for f, arts in kept]
        lead = min(members, key=lambda x: (-len(x.group.articles), x.unit.index)).group
        label = labels.get(key, "figure")
        found = _make("numeric", f"{label}: {clip(lead.claim.text, 90)}", positions,
                      _numeric_note(kept, label, articles, names), {x.group.claim.id for x in members})
        found.measure = key
        out.append(found)
    return out


def _currency(f: Fact) -> str:
    """A sum's currency, else "" (figures in one of the other units are compared as one)."""
    unit = f.quantity.unit
    return unit if currencies.is_currency(unit) else ""


def _cluster_values(order: list[int], figs: list[_Figure], key: str) -> list[tuple[Fact, list[int]]]:
    """The values a slot's figures take, each with the figures (indices) holding it.

    Figures of one unit are grouped first. A value in another currency then joins the one
    value it agrees with at the story's rate; one that agrees with two values of a currency
    ("€2 million" beside "$2.5 million" and "$2.6 million", at €1 = $1.30) cannot take a side,
    since a converted sum is no finer than its rate, and is left out."""
    by_unit: dict[str, list[tuple[Fact, list[int]]]] = {}
    for i in order:
        f = figs[i].fact
        values = by_unit.setdefault(_currency(f), [])
        for v in values:
            if _same_figure(v[0], f, key):
                v[1].append(i)
                break
        else:
            values.append((f, [i]))
    if len(by_unit) > 1:
        # a currency no rate links to the most used one cannot be set against it
        main = max(by_unit, key=lambda u: (sum(len(idx) for _, idx in by_unit[u]), u))
        probe = {u: by_unit[u][0][0] for u in by_unit}
        by_unit = {u: vs for u, vs in by_unit.items() if u == main or _exchange_rate(probe[u], probe[main]) is not None}
    values = [v for unit in sorted(by_unit) for v in by_unit[unit]]
    if len(by_unit) < 2:
        return values
    unit_of = [_currency(v[0]) for v in values]
    agree = {n: {m for m in range(len(values)) if unit_of[m] != unit_of[n] and _same_figure(values[m][0], values[n][0], key)}
             for n in range(len(values))}
    ambiguous = {n for n in agree if any(sum(1 for m in agree[n] if unit_of[m] == u) > 1 for u in by_unit)}
    parent = list(range(len(values)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for n in range(len(values)):
        for m in agree[n]:
            if n not in ambiguous and m not in ambiguous:
                parent[root(m)] = root(n)
    groups: dict[int, list[int]] = {}
    for n in range(len(values)):
        if n not in ambiguous:
            groups.setdefault(root(n), []).append(n)
    out = []
    for members in groups.values():
        units = [unit_of[n] for n in members]
        if len(set(units)) < len(units):
            # a chain of conversions joining two values of one currency: the rates disagree;
            # each value keeps only its own currency's figures
            out.extend(values[n] for n in members if units.count(unit_of[n]) > 1)
            continue
        members.sort(key=lambda n: -len(values[n][1]))
        out.append((values[members[0]][0], [i for n in members for i in values[n][1]]))
    out.sort(key=lambda v: min(order.index(i) for i in v[1]))
    return out


@dataclass
class _Slot:
    """One measured thing the articles disagree on: its values, each with the articles holding it."""

    key: str
    kept: list[tuple[Fact, list[str]]]
    members: list[_Figure]
    unit_of: dict[str, Unit]


def _merge_slots(slots: list[_Slot]) -> list[_Slot]:
    """Two slots of one measure whose values are the same ("10 vs 3" from one pair of claims,
    "10 vs at least 3" from another) are one disagreement told twice: report it once, each
    value with every article holding it. Slots with a value of their own stay apart (the toll
    of this quake and of a background one)."""
    out: list[_Slot] = []
    for slot in slots:
        for prev in out:
            if prev.key != slot.key:
                continue
            small, big = sorted((prev.kept, slot.kept), key=len)
            if not all(any(_same_value(f, g, slot.key) for g, _ in big) for f, _ in small):
                continue
            kept = [(g, list(arts)) for g, arts in big]
            for f, arts in small:
                target = next(k for k in kept if _same_value(f, k[0], slot.key))
                target[1].extend(a for a in arts if a not in target[1])
            # an article may now stand on two sides: it told both in two places, so it leaves both
            seen: dict[str, int] = {}
            for _, arts in kept:
                for a in arts:
                    seen[a] = seen.get(a, 0) + 1
            kept = [(g, [a for a in arts if seen[a] == 1]) for g, arts in kept]
            if sum(1 for _, arts in kept if arts) < 2:
                continue
            prev.kept = [(g, arts) for g, arts in kept if arts]
            prev.members = prev.members + [m for m in slot.members if m not in prev.members]
            prev.unit_of = {**slot.unit_of, **prev.unit_of}
            break
        else:
            out.append(slot)
    return out


def retold_figures(groups: list[ClaimGroup], articles: dict[str, Article], names: dict[str, str],
                   taken: set[tuple[str, str]]) -> list[Found]:
    """One sentence told nearly word for word by two articles, with a figure changed ("29
    people" / "44 people"): whatever the figure counts, the two cannot both be right. Figures
    are paired by position, and only when both sentences hold the same number of them."""
    out = []
    for g in groups:
        if g.claim is None or len(g.articles) < 2:
            continue
        units = [u for u in g.units if u.span is not None]
        for i, x in enumerate(units):
            for y in units[i + 1:]:
                if x.article == y.article or g.link(x, y) < NEAR:
                    continue
                qx = [f for f in x.facts if f.quantity is not None and not _conversion(x, f)]
                qy = [f for f in y.facts if f.quantity is not None and not _conversion(y, f)]
                if not qx or len(qx) != len(qy):
                    continue
                qx.sort(key=lambda f: f.mention)
                qy.sort(key=lambda f: f.mention)
                for fx, fy in zip(qx, qy):
                    if (fx.quantity.unit or "") != (fy.quantity.unit or "") or _same_value(fx, fy):
                        continue
                    key = _slot_key(fx.measure.key) if fx.measure is not None else f"retold:{fx.quantity.unit or ''}"
                    if (x.article, key) in taken or (y.article, key) in taken:
                        continue  # already in a slot comparison
                    label = fx.measure.label if fx.measure is not None else (fx.quantity.measure or "figure")
                    kept = [(fx, [x.article]), (fy, [y.article])]
                    positions = [_position(_value_label(fx), [x]), _position(_value_label(fy), [y])]
                    found = _make("numeric", f"{label}: {clip(g.claim.text, 90)}", positions,
                                  _numeric_note(kept, label, articles, names), {g.claim.id})
                    found.measure = key
                    out.append(found)
    return out


def _numeric_note(kept: list[tuple[Fact, list[str]]], label: str, articles: dict[str, Article],
                  names: dict[str, str]) -> str:
    sides = "; ".join(f"{name_list(arts, names)}: {_value_label(f)}" for f, arts in kept)
    # a figure that rises (or falls) with publication time is an update, not a contradiction
    timed = []
    for f, arts in kept:
        times = [_when(articles[a]) for a in arts if a in articles]
        if not times or any(t is None for t in times):
            timed = []
            break
        timed.append((min(times), max(times), f, arts))
    if len(timed) >= 2:
        timed.sort(key=lambda t: t[0])
        ordered = all(timed[i][1] <= timed[i + 1][0] for i in range(len(timed) - 1))
        amounts = [t[2].quantity.amount for t in timed]
        rising = all(x < y for x, y in zip(amounts, amounts[1:]))
        if ordered and rising and timed[0][1] < timed[-1][0]:
            steps = " \u2192 ".join(
                f"{_value_label(t[2])} ({name_list(t[3], names)}, {t[0].replace('T', ' ')[:16]})" for t in timed)
            return (f"The {label} rises from report to report: {steps}. Later reports give the higher "
                    f"figure, as tolls and counts often grow while news comes in.")
    return (f"The same fact is told with different figures for the {label} ({sides}): at least one is wrong "
            f"or outdated.{_conversion_note(kept)}")


def _conversion_note(kept: list[tuple[Fact, list[str]]]) -> str:
    """How sums in two currencies were set side by side: each converted into the first's
    currency, with the rate's evidence ("at the articles' own conversion '€2 million ($2.6
    million)'")."""
    first = kept[0][0]
    shown, evidence = [], []
    for f, _ in kept[1:]:
        rate = _exchange_rate(f, first)
        if rate is None:
            continue
        converted = replace(f.quantity, amount=f.quantity.amount * rate.value, unit=first.quantity.unit,
                            qualifier="about")
        shown.append(f"{_value_label(f)} is {fmt_amount(converted)}")
        if rate.evidence not in evidence:
            evidence.append(rate.evidence)
    if not shown:
        return ""
    return f" Converted at {' and '.join(evidence)}: {'; '.join(shown)}."


# --------------------------------------------------------------------------- status

# Outcomes that cannot both be true of one event (stemmed, as facts' predicates are).
_CONFLICT_WORDS = [
    ({"cancel", "withdraw"}, {"postpone", "suspend"}),
    ({"confirm"}, {"deny"}),
    ({"accept", "approve"}, {"reject"}),
    ({"win"}, {"lose"}),
    ({"convict"}, {"acquit"}),
    ({"resign", "quit"}, {"fire", "dismiss", "sack"}),
    ({"impose", "introduce", "adopt", "enact", "implement", "levy", "sign"},
     {"consider", "weigh", "mull", "propose", "threaten", "contemplate", "study"}),
]
_CONFLICTS = [({stem(w) for w in a}, {stem(w) for w in b}) for a, b in _CONFLICT_WORDS]
_NEUTRAL = frozenset(stem(w) for w in "say tell report add accord state note be have do make go get".split())


# Outcomes two parties have at once: the Colts won and the Chiefs lost, Woodward confirmed what
# Felt denied. They conflict only when told of the same named parties.
_TWO_PARTY = [({stem(w) for w in a}, {stem(w) for w in b})
              for a, b in _CONFLICT_WORDS if a & {"win", "confirm", "accept"}]


def _class_conflict(p: str, q: str) -> bool:
    return any((p in a and q in b) or (q in a and p in b) for a, b in _CONFLICTS)


def _parties_apart(a: Fact, b: Fact) -> bool:
    """Two-party outcomes told of different (or unnamed) parties: no conflict."""
    pa, pb = a.predicate or "", b.predicate or ""
    two_party = any((pa in x and pb in y) or (pb in x and pa in y) for x, y in _TWO_PARTY)
    return two_party and (not a.names or a.names != b.names)


def _quoted(u: Unit, f: Fact) -> bool:
    """Whether a fact lies inside a direct quotation of its sentence: a speaker's words, not
    the outlet's report of what happened."""
    return any(q.kind == "quote" and q.mention[0] <= f.mention[0] and f.mention[1] <= q.mention[1]
               for q in u.facts if q is not f)


def _status_conflict(a: Fact, b: Fact, retold: bool = False) -> bool:
    """Whether two events' outcomes exclude each other; ``retold``: one sentence told twice,
    so its parties are the same ones whatever names it gives."""
    pa, pb = a.predicate or "", b.predicate or ""
    if not pa or not pb or pa in _NEUTRAL or pb in _NEUTRAL:
        return False
    if _class_conflict(pa, pb):
        return retold or not _parties_apart(a, b)
    if pa != pb:
        return False
    sa, sb = a.status or "asserted", b.status or "asserted"
    if {sa, sb} in ({"asserted", "negated"}, {"reported", "negated"}):
        # the same action on the same thing: "did not cancel the talks" vs "cancelled the talks"
        # and by the same named actor: "Steinberg regained consciousness" is not contradicted by
        # "Riva has not regained consciousness"
        # (no named actor on either side: too little to tell one event from another)
        return bool(a.names) and a.names == b.names and (not a.local or not b.local or overlap(a.local, b.local) >= 0.5)
    return False


def _status_label(f: Fact) -> str:
    verb = f.verb or f.predicate or ""
    st = f.status or "asserted"
    if st == "negated":
        return f"did not {verb}" if " " not in verb else f"not {verb}"
    return verb if st in ("asserted", "reported") else f"{verb} ({st})"


def _twin(units_of: dict[str, list[Unit]], article: str, other: Unit, g: ClaimGroup) -> bool:
    """Whether ``article`` has its own sentence nearly the same as ``other`` (then it tells both
    versions itself, and the pair is no disagreement between articles)."""
    return any(normalize(z.text) == normalize(other.text) for z in units_of.get(article, ()))


def status(groups: list[ClaimGroup], names: dict[str, str]) -> list[Found]:
    everywhere: dict[str, list[Fact]] = {}
    units_of: dict[str, list[Unit]] = {}
    for g in groups:
        for u in g.units:
            everywhere.setdefault(u.article, []).extend(f for f in u.facts if f.kind == "event")
            units_of.setdefault(u.article, []).append(u)
    out = []
    for g in groups:
        if len(g.articles) < 2 or g.claim is None:
            continue
        evs = [(u, f) for u in g.units for f in u.facts if f.kind == "event" and not _quoted(u, f)]
        pairs = [(x, y) for i, x in enumerate(evs) for y in evs[i + 1:]
                 if x[0].article != y[0].article and _status_conflict(x[1], y[1], g.link(x[0], y[0]) >= NEAR)
                 # a negation contradicts only a sentence telling nearly the same thing; two
                 # outcomes, only of one object told in related sentences
                 and ((_class_conflict(x[1].predicate or "", y[1].predicate or "")
                       and _same_thing(x[1], y[1]) and g.link(x[0], y[0]) >= CROSS_LINK)
                      or g.link(x[0], y[0]) >= TIGHT)]
        # one sentence retold with "not" added: the same predicate, asserted and negated
        pairs += [(x, y) for i, x in enumerate(evs) for y in evs[i + 1:]
                  if x[0].article != y[0].article and (x, y) not in pairs and g.link(x[0], y[0]) >= NEAR
                  and x[1].predicate == y[1].predicate and x[1].predicate not in _NEUTRAL
                  and {x[1].status or "asserted", y[1].status or "asserted"} in
                  ({"asserted", "negated"}, {"reported", "negated"})]
        if not pairs:
            continue
        by_label: dict[str, list[Unit]] = {}
        for (ux, fx), (uy, fy) in pairs:
            # an article that tells both outcomes (a correction, "postponed, then cancelled") holds
            # both; not so one sentence retold with its outcome changed
            retold = g.link(ux, uy) >= NEAR and not _twin(units_of, ux.article, uy, g) \
                and not _twin(units_of, uy.article, ux, g)
            if not retold and any(_status_label(z) == _status_label(fy) for z in everywhere.get(ux.article, [])):
                continue
            if not retold and any(_status_label(z) == _status_label(fx) for z in everywhere.get(uy.article, [])):
                continue
            by_label.setdefault(_status_label(fx), []).append(ux)
            by_label.setdefault(_status_label(fy), []).append(uy)
        if len(by_label) < 2:
            continue
        positions = [_position(k, v) for k, v in by_label.items()]
        sides = _told_sides(by_label, names)
        out.append(_make(
            "status", f"what happened: {clip(g.claim.text, 100)}", positions,
            f"Articles telling the same event disagree on its outcome ({sides}).", {g.claim.id},
        ))
    return out


def _same_thing(a: Fact, b: Fact) -> bool:
    """Two events about one object ("the hearing", "the talks"), told in different claims."""
    shared = a.local & b.local
    return len(shared) >= 2 or (bool(shared) and overlap(a.local, b.local) >= 0.5)


def outcome_conflicts(groups: list[ClaimGroup], names: dict[str, str], taken: set[str]) -> list[Found]:
    """Conflicting outcomes told in two claims: "cancelled the hearing" in one, "the hearing
    had only been postponed" in another. Only outcome classes that exclude each other count
    (cancelled vs postponed, confirmed vs denied…), about the same object, in related sentences."""
    evs = [(g, u, f) for g in groups if g.claim is not None and g.claim.id not in taken
           for u in g.units for f in u.facts
           if f.kind == "event" and f.predicate and (f.status or "asserted") in ("asserted", "reported")
           and not _quoted(u, f)]
    by_class: dict[int, list[tuple[ClaimGroup, Unit, Fact, int]]] = {}
    for g, u, f in evs:
        for n, (a, b) in enumerate(_CONFLICTS):
            side = 0 if f.predicate in a else 1 if f.predicate in b else None
            if side is not None:
                by_class.setdefault(n, []).append((g, u, f, side))
    out = []
    for items in by_class.values():
        left = [x for x in items if x[3] == 0]
        right = [x for x in items if x[3] == 1]
        pairs = [(x, y) for x in left for y in right
                 if x[0] is not y[0] and x[1].article != y[1].article and _same_thing(x[2], y[2])
                 and not _parties_apart(x[2], y[2])
                 and x[0].link(x[1], y[1]) >= OUTCOME_LINK]
        if not pairs:
            continue
        sides: dict[str, list[Unit]] = {}
        claims: set[str] = set()
        for (gx, ux, fx, _), (gy, uy, fy, _) in pairs:
            for g_, f_ in ((gx, fx), (gy, fy)):
                sides.setdefault(f_.predicate, []).extend(v for v in g_.units if any(
                    z.kind == "event" and z.predicate == f_.predicate
                    and (z.status or "asserted") in ("asserted", "reported") for z in v.facts))
            claims |= {gx.claim.id, gy.claim.id}
        if len(sides) < 2:
            continue
        verbs = {f.predicate: (f.verb or f.predicate) for x, y in pairs for f in (x[2], y[2])}
        positions = [_position(verbs.get(k, k), v) for k, v in sides.items()]
        objects = [f.snippet for x, y in pairs for f in (x[2], y[2]) if f.snippet and len(f.snippet) < 60]
        what = min(objects, key=lambda o: (-objects.count(o), len(o), o)) if objects else "the event"
        if not re.match(r"(?i)(the|a|an|its|their|his|her)\b", what) and not what[:1].isupper():
            what = "the " + what
        listing = _told_sides({verbs.get(k, k): v for k, v in sides.items()}, names)
        out.append(_make(
            "status", f"what happened to {what}", positions,
            f"Articles disagree on the outcome ({listing}).", claims,
        ))
    return out


OUTCOME_LINK = 0.15


def baselines(groups: list[ClaimGroup], names: dict[str, str]) -> list[Found]:
    """The same earlier figure told as two different things: "up from an earlier request of 2%"
    against "up from about 2% today" (a demand is not a level)."""
    out = []
    for g in groups:
        if len(g.articles) < 2 or g.claim is None:
            continue
        by_role: dict[str, list[Unit]] = {}
        value = None
        for u in g.units:
            roles = {f.role for f in u.facts if f.quantity is not None and f.role in ("baseline:ask", "baseline:level")}
            if len(roles) == 1:
                by_role.setdefault(roles.pop(), []).append(u)
                value = value or next(f for f in u.facts if f.role.startswith("baseline:"))
        if len(by_role) < 2:
            continue
        positions = [_position(f"{fmt_amount(value.quantity)} ({ROLE_LABEL[r]})", us) for r, us in by_role.items()]
        listing = _sides(positions, names)
        out.append(_make(
            "numeric", f"what the earlier figure was: {clip(g.claim.text, 90)}", positions,
            f"The same earlier figure is told as different things ({listing}).", {g.claim.id},
        ))
    return out


# --------------------------------------------------------------------------- temporal


def _day(value: str | None, end: bool = False) -> dt.date | None:
    """First (or last) day an ISO date, month, year or interval can mean."""
    if not value:
        return None
    part = value.split("/")[-1 if end else 0][:10]
    try:
        if len(part) == 10:
            return dt.date.fromisoformat(part)
        if len(part) == 7:
            y, m = int(part[:4]), int(part[5:7])
            if not end:
                return dt.date(y, m, 1)
            return dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
        if len(part) == 4:
            return dt.date(int(part), 12, 31) if end else dt.date(int(part), 1, 1)
    except ValueError:
        return None
    return None


def _dates_agree(a: str, b: str) -> bool:
    """Whether two dates may be one: the same, nested (July 2025 holds July 1, 2025; an interval
    holds its days), or an interval meeting a period ("from September 2010 to January 2011"
    and "in 2010" tell one stay)."""
    a0, a1, b0, b1 = _day(a), _day(a, True), _day(b), _day(b, True)
    if None in (a0, a1, b0, b1):
        return a == b
    if (a0 <= b0 and b1 <= a1) or (b0 <= a0 and a1 <= b1):
        return True
    return ("/" in a or "/" in b) and a0 <= b1 and b0 <= a1


def retold_dates(groups: list[ClaimGroup], names: dict[str, str], articles: dict[str, Article],
                 taken: set[str]) -> list[Found]:
    """One sentence retold nearly word for word with a date changed ("in Cleveland Friday" /
    "in Cleveland Monday"): its dates are paired by position when both sentences hold as many."""
    out = []
    for g in groups:
        if g.claim is None or g.claim.id in taken or len(g.articles) < 2:
            continue
        units = [u for u in g.units if u.span is not None]
        for i, x in enumerate(units):
            for y in units[i + 1:]:
                if x.article == y.article or g.link(x, y) < NEAR:
                    continue
                dx = sorted((f for f in x.facts if f.kind == "date" and f.date), key=lambda f: f.mention)
                dy = sorted((f for f in y.facts if f.kind == "date" and f.date), key=lambda f: f.mention)
                if not dx or len(dx) != len(dy):
                    continue
                same_ref = (articles[x.article].published or "")[:10] == (articles[y.article].published or "")[:10]
                for fx, fy in zip(dx, dy):
                    if normalize(fx.date_text) == normalize(fy.date_text) or _dates_agree(fx.date, fy.date):
                        continue
                    if not same_ref and not (_absolute(fx.date_text) and _absolute(fy.date_text)):
                        continue
                    positions = [_position(fx.date, [x]), _position(fy.date, [y])]
                    sides = _sides(positions, names)
                    out.append(_make("temporal", f"date of: {clip(g.claim.text, 100)}", positions,
                                     f"Articles date the same event differently ({sides}).", {g.claim.id}))
    return out


_ABSOLUTE = re.compile(r"\b(?:19|20)\d\d\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|"
                       r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
                       re.IGNORECASE)


def _absolute(surface: str) -> bool:
    return bool(_ABSOLUTE.search(surface or ""))


def _dated_event(u: Unit, date: Fact) -> str | None:
    """The event a date dates: the sentence's event nearest to it, reporting verbs aside."""
    events = [f for f in u.facts if f.kind == "event" and f.predicate and f.predicate not in _NEUTRAL]
    if not events:
        return None
    return min(events, key=lambda f: abs(f.mention[0] - date.mention[0])).predicate


def _dated_apart(ux: Unit, x: Fact, uy: Unit, y: Fact) -> bool:
    """Whether two sentences of one claim date two different events: the event next to each
    date is one the other sentence does not tell ("In 1992, she left a hospital" / "Beginning
    with the 1970s, she battled mental illness"). Two dates of two events never disagree."""
    ex, ey = _dated_event(ux, x), _dated_event(uy, y)
    if ex is None or ey is None or ex == ey:
        return False
    told_x = {f.predicate for f in ux.facts if f.kind == "event"}
    told_y = {f.predicate for f in uy.facts if f.kind == "event"}
    return ex not in told_y and ey not in told_x


def dates(groups: list[ClaimGroup], names: dict[str, str], articles: dict[str, Article]) -> list[Found]:
    out = []
    for g in groups:
        if len(g.articles) < 2 or g.claim is None:
            continue
        per_article: dict[str, tuple[Unit, Fact]] = {}
        for u in g.units:
            ds = [f for f in u.facts if f.kind == "date" and f.date]
            if len({f.date for f in ds}) == 1:
                # one date, written out, in the sentence: it dates the fact ("Monday" read from
                # two unknown publication dates is no evidence of disagreement)
                per_article[u.article] = (u, ds[0])
        # "Friday" read against two different publication dates is no evidence of disagreement:
        # a relative date counts only where every article has one reference date
        refs = {(articles[a].published or "")[:10] if a in articles else "" for a in per_article}
        if len(refs) > 1:
            per_article = {a: v for a, v in per_article.items() if _absolute(v[1].date_text)}
        first = next(iter(per_article.values()), None)
        values: list[tuple[Fact, list[Unit]]] = []
        for u, f in per_article.values():
            # the date of the same thing: the words around the two dates agree ("imposed tariffs
            # in April" is not "tariffs take effect on July 9")
            if first and f is not first[1] and not (len(f.local & first[1].local) >= 2
                                                    and overlap(f.local, first[1].local) >= 0.5):
                continue
            if first and f is not first[1] and _dated_apart(first[0], first[1], u, f):
                continue
            for v in values:
                if _dates_agree(v[0].date, f.date):
                    v[1].append(u)
                    break
            else:
                values.append((f, [u]))
        if len(values) < 2:
            continue
        # the same words ("on Monday") read from two publication dates are not a disagreement
        words = {normalize(f.date_text) for f, _ in values}
        if len(words) == 1:
            continue
        positions = [_position(f.date or "", us) for f, us in values]
        sides = _sides(positions, names)
        out.append(_make(
            "temporal", f"date of: {clip(g.claim.text, 100)}", positions,
            f"Articles date the same event differently ({sides}).", {g.claim.id},
        ))
    return out


def times_of_day(groups: list[ClaimGroup], names: dict[str, str]) -> list[Found]:
    """One event given different clock times by different articles (:mod:`crosswire.compare.clock_times`)."""
    out = []
    for slot in clock_slots(groups):
        positions = [_position(t.text, units) for t, units in slot.sides]
        lead = max(slot.groups, key=lambda g: len(g.articles))
        out.append(_make(
            "temporal", f"time of day: {clip(lead.claim.text, 90)}", positions,
            f"Articles give the same event different times of day ({_sides(positions, names)}).",
            {g.claim.id for g in slot.groups},
        ))
    return out


def phone_numbers(groups: list[ClaimGroup], names: dict[str, str]) -> list[Found]:
    """One appeal's telephone number given with a digit changed (:mod:`crosswire.compare.identifiers`)."""
    out = []
    for slot in phone_slots(groups):
        positions = [_position(p.text, units) for p, units in slot.sides]
        found = _make("numeric", f"telephone number: {clip(slot.group.claim.text, 90)}", positions,
                      f"Articles print the number differently ({_sides(positions, names)}); "
                      f"at most one of them reaches the line.", {slot.group.claim.id})
        found.measure = "telephone"
        out.append(found)
    return out


def _parse(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def reference_dates(story: Story, articles: list[Article], edges: list[LineageEdge]) -> dict[str, tuple[dt.date, str]]:
    """Each article's reference date and why: max(own published, what it derives from)."""
    by_id = {a.id: a for a in articles}
    by_outlet: dict[str, str] = {}
    for a in articles:
        k = source_key(a.outlet)
        if k and _parse(a.published):
            by_outlet.setdefault(k, a.id)
    parents: dict[str, set[str]] = {a.id: set() for a in articles}

    def resolve(ref: str) -> str | None:
        return ref if ref in by_id else by_outlet.get(source_key(ref) or "")

    for a in articles:
        for b in a.based_on:
            if (r := resolve(b)) and r != a.id:
                parents[a.id].add(r)
    for e in edges:
        if e.source in parents and (r := resolve(e.target)) and r != e.source:
            parents[e.source].add(r)
    origin = story.origin if story.origin in by_id else None
    for a in articles:
        if origin and a.id != origin and a.role != "independent":
            parents[a.id].add(origin)

    out: dict[str, tuple[dt.date, str]] = {}
    for a in articles:
        best: tuple[dt.date, str] | None = None
        own = _parse(a.published)
        if own:
            best = (own, f"published {own.isoformat()}")
        seen, stack = {a.id}, list(parents[a.id])
        while stack and len(seen) < 500:  # lineage may have cycles: walk each article once
            p = stack.pop()
            if p in seen:
                continue
            seen.add(p)
            stack.extend(parents.get(p, ()))
            pd = _parse(by_id[p].published)
            if pd and (best is None or pd > best[0]):
                name = article_name(by_id[p])
                best = (pd, f"derived from {name}, published {pd.isoformat()}")
        if best:
            out[a.id] = best
    return out


# "will be held", "is scheduled for", "next": the article's own present looks forward. A
# future-in-the-past ("was scheduled to take place on July 1") does not, so it is left out.
# "will be held", "is scheduled for", "next": the article's own present looks forward. A
# future-in-the-past ("was scheduled to take place on July 1") does not, so it is left out.
_FUTURE_WORDS = re.compile(
    r"\b(?:will|shall|next)\b|\b(?:is|are|am)\s+(?:\w+\s+)?(?:scheduled|due|set|slated|expected|planned)\b",
    re.IGNORECASE,
)


# "founded in 2012", "elected in May": the date is of a past event the clause names itself,
# whatever the rest of the sentence says will happen ("will be held on" is not one)
_PAST_OF_DATE = re.compile(r"(?<!\bbe )(?<!\bbeen )(?<!\bbeing )\b(?:\w+ed|born|built|won|held|began|begun|"
                           r"made|set up|taken|given|known)\s+(?:in|on|since)\s+(?:early\s+|late\s+|mid-?)?$",
                           re.IGNORECASE)


def _inside_quotation(text: str, f: Fact) -> bool:
    """Whether a mention sits between quotation marks of its sentence: a speaker's (or a
    chant's) words keep their own time frame."""
    before = text[f.span[0]:f.mention[0]]
    return (before.count('"') % 2 == 1) or before.count("\u201c") > before.count("\u201d")


def _calls_future(f: Fact, text: str) -> bool:
    """Whether the sentence speaks of the dated event as still to come."""
    s, e = f.span
    if _PAST_OF_DATE.search(text[max(s, f.mention[0] - 40):f.mention[0]]) or _inside_quotation(text, f):
        return False
    window = text[max(s, f.mention[0] - 80):min(e, f.mention[1] + 20)]
    if FUTURE_CUE.search(window):
        return True
    return f.tense == "future" and bool(_FUTURE_WORDS.search(window))


def _copied_from(articles: list[Article], edges: list[LineageEdge]) -> dict[str, set[str]]:
    ids = {a.id for a in articles}
    out: dict[str, set[str]] = {}
    for e in edges:
        if e.kind in ("copies", "rewrites") and e.source in ids and e.target in ids:
            out.setdefault(e.source, set()).add(e.target)
    return out


def _read_as_source(f: Fact, parents: set[str], by_article: dict[str, list[Fact]]) -> str | None:
    """The date a copied sentence had in the text it was copied from ("on Monday" read there)."""
    for p in parents:
        for x in by_article.get(p, []):
            if normalize(x.date_text) == normalize(f.date_text) and overlap(x.context, f.context) >= 0.8:
                return x.date
    return None


def anachronisms(groups: list[ClaimGroup], texts: dict[str, str], refs: dict[str, tuple[dt.date, str]],
                 names: dict[str, str], copied: dict[str, set[str]] | None = None) -> list[Found]:
    copied = copied or {}
    by_article: dict[str, list[Fact]] = {}
    home: dict[int, ClaimGroup] = {}
    for g in groups:
        for f in g.facts:
            if f.kind == "date" and f.date:
                by_article.setdefault(f.article, []).append(f)
                home[id(f)] = g
    owner = _owner(groups)
    out = []
    for g in groups:
        if g.claim is None:
            continue
        for f in g.facts:
            if f.kind != "date" or not f.date or owner[id(f)].headline:
                continue
            ref = refs.get(f.article)
            if not ref or not _calls_future(f, texts.get(f.article, "")):
                continue
            # A re-post keeps its source's time frame: its relative dates mean what they meant there.
            inherited = _read_as_source(f, copied.get(f.article, set()), by_article)
            value = f.date
            if inherited and (_day(inherited, True) or ref[0]) < (_day(value, True) or ref[0]):
                value = inherited
            last = _day(value, end=True)
            if not last or last >= ref[0]:
                continue
            late = _position(f"described as upcoming ({ref[1]})", [owner[id(f)]])
            dated_units = [u for u in g.units if u.article != f.article] or [owner[id(f)]]
            dated = _position(f"dated {value}", dated_units)
            who = names.get(f.article, "an article")
            out.append(_make(
                "temporal", f"\u201c{clip(f.date_text, 60)}\u201d called upcoming after the date had passed",
                [late, dated],
                f"{who} speaks of an event dated {value} as still to come, yet it was "
                f"{ref[1]}: it is stale or re-posted.",
                {g.claim.id},
            ))
    return out


# --------------------------------------------------------------------------- attribution

_ANON = re.compile(
    r"\b(?:official|source|people|person|analyst|expert|familiar|diplomat|spokes\w*|insider|aide|"
    r"witness|report|unattributed|statement|document)s?\b",
    re.IGNORECASE,
)


_VAGUE_START = frozenset(
    (
        "a an one two three four five six seven eight nine ten several some many few unnamed anonymous "
        "senior other"
    ).split()
)
_NOT_A_NAME = frozenset({"U.S.", "US", "U.K.", "UK", "UN", "U.N.", "EU"})


def named_source(name: str | None) -> str | None:
    """The comparable key of a named source ("Reuters", "Vancouver Police spokesperson Tim
    Fanning"), None for anonymous ones ("a U.S. official", "three people familiar")."""
    if not name or not name.strip():
        return None
    raw = name.strip()
    if raw.split()[0].lower() in _VAGUE_START:
        return None
    core = re.sub(r"^the\s+", "", raw, flags=re.IGNORECASE)
    if not core[:1].isupper():
        return None
    caps = [w for w in core.split() if w[:1].isupper() and w.strip(",.") not in _NOT_A_NAME]
    if _ANON.search(core) and len(caps) < 2:
        return None
    return source_key(core)


def _person(name: str | None) -> str | None:
    """A comparable key for a named person speaker; outlets and wires are not speakers."""
    if not name or outlet_key(name, credited=True) is not None:
        return None
    return named_source(name)


_QUOTE_MARKS = re.compile("[\"\u201c\u201d\u00ab\u00bb\u201e]|''")
_REPORTING_TERMS = frozenset(stem(w) for w in "said says told tells added according".split())
_QUOTE_MIN_TERMS = 4  # "Oh my god!" and "Oh, God!" are two exclamations, not one quotation


def _names_speaker(sentence: str, f: Fact) -> bool:
    """Whether the quote's own sentence names its speaker outside the quotation ("…," Quinn
    said). A speaker carried from an earlier sentence or resolved from "he said" rests on our
    reading of the context, and two such readings differing is our doubt, not the outlets'."""
    outside = sentence.replace(f.quote or "", " ") if f.quote else sentence
    name = (f.speaker or "").replace(".", " ").split()
    return bool(name) and re.search(rf"\b{re.escape(name[-1])}\b", outside, re.IGNORECASE) is not None


def attribution(groups: list[ClaimGroup], names: dict[str, str]) -> list[Found]:
    out = []
    for g in groups:
        if g.kind != "quote" or len(g.articles) < 2 or g.claim is None:
            continue
        by_speaker: dict[str, list[Unit]] = {}
        label: dict[str, str] = {}
        words: dict[str, frozenset[str]] = {}
        for u in g.units:
            for f in u.facts:
                k = _person(f.speaker) if f.kind == "quote" else None
                if k and len(f.local) >= _QUOTE_MIN_TERMS and _names_speaker(u.text, f):
                    by_speaker.setdefault(k, []).append(u)
                    label.setdefault(k, f.speaker or k)
                    words.setdefault(k, f.local)
                    break
        keys = list(by_speaker)
        # the same quotation, not two quotations the aligner put side by side: a speaker counts
        # only when their words match another speaker's
        keys = [a for a in keys if any(overlap(words[a], words[b]) >= 0.7 for b in keys if b != a)]
        if len(keys) < 2:
            continue
        by_speaker = {k: by_speaker[k] for k in keys}
        found = _credited_apart(g, by_speaker, label, names, "who said",
                                "Articles credit the same quotation to different people")
        if found is not None:
            out.append(found)
    return out


def _credited_apart(g: ClaimGroup, by_who: dict[str, list[Unit]], label: dict[str, str], names: dict[str, str],
                    what: str, note: str) -> Found | None:
    """The attribution discrepancy of a claim whose sentences credit different people or bodies,
    unless two of them are one name spelt two ways ("Rubio" / "Marco Rubio", "Robert J Pickell" /
    "Robert J. Pickell", "Giannis" / "Yiannis Panagopoulos")."""
    keys = list(by_who)
    last = {k: label[k].replace(".", "").split()[-1].lower() for k in keys}
    first = {k: label[k].replace(".", "").split()[0].lower() for k in keys}
    alone = {k: len(label[k].split()) == 1 for k in keys}  # "Kafoury's son, Charlie, said"
    if any(a in b or b in a or last[a] == last[b] or ((alone[a] or alone[b]) and first[a] == first[b])
           for i, a in enumerate(keys) for b in keys[i + 1:]):
        return None
    if any(_names_other(by_who[a], label[b]) or _names_other(by_who[b], label[a])
           for i, a in enumerate(keys) for b in keys[i + 1:]):
        return None  # "according to the fire chief, James Steele" / "according to James Steele"
    positions = [_position(label[k], v) for k, v in by_who.items()]
    return _make("attribution", f"{what}: {clip(g.claim.text, 100)}", positions,
                 f"{note} ({_sides(positions, names)}).", {g.claim.id})


def _names_other(units: list[Unit], other: str) -> bool:
    """Whether one side's sentences name the other side's source: then both credit one source,
    once by its title and once by its name."""
    return any(re.search(rf"\b{re.escape(other)}\b", u.text, re.IGNORECASE) for u in units)


def _same_words(x: Unit, sx: str, y: Unit, sy: str) -> bool:
    a = normalize(x.text.replace(sx, " "))
    b = normalize(y.text.replace(sy, " "))
    return fuzz.ratio(a, b) >= 85


def credits(groups: list[ClaimGroup], names: dict[str, str]) -> list[Found]:
    """One sentence, nearly word for word, credited to different named bodies ("the Transport
    Agency said" / "the Port Office said"). News organisations are not counted: a quote credited
    to its speaker by some and to the wire by others is how wire copy reads, not a dispute."""
    out = []
    for g in groups:
        if len(g.articles) < 2 or g.claim is None or g.kind == "quote":
            continue
        by_src: dict[str, list[Unit]] = {}
        label: dict[str, str] = {}
        for u in g.units:
            if _QUOTE_MARKS.search(u.text):
                continue  # quoted speech: attribution() compares its speakers, with its own checks
            k = named_source(u.attributed_to)
            if (k and outlet_key(u.attributed_to, credited=True) is None and len(u.attributed_to.split()) >= 2
                    and len(terms(u.text.replace(u.attributed_to, " ")) - _REPORTING_TERMS) >= _QUOTE_MIN_TERMS):
                by_src.setdefault(k, []).append(u)
                label.setdefault(k, u.attributed_to)
        if len(by_src) < 2:
            continue
        reps = {k: v[0] for k, v in by_src.items()}
        if not any(_same_words(reps[a], label[a], reps[b], label[b]) for i, a in enumerate(reps) for b in list(reps)[i + 1:]):
            continue  # word for word but for the credit: two officials saying alike is not one statement
        found = _credited_apart(g, by_src, label, names, "who is credited",
                                "Articles credit the same statement to different sources")
        if found is not None:
            out.append(found)
    return out


def _claims_of(found: list[Found]) -> set[str]:
    return set().union(*(f.claims for f in found)) if found else set()


def find_discrepancies(
    story: Story, articles: list[Article], groups: list[ClaimGroup], edges: list[LineageEdge]
) -> list[Found]:
    groups = groups[:MAX_GROUPS]
    refs = reference_dates(story, articles, edges)
    texts = {a.id: a.text for a in articles}
    by_id = {a.id: a for a in articles}
    names = article_names(articles)
    within = status(groups, names)
    slots = numeric(groups, by_id, names)
    taken = {(a, f.measure) for f in slots for p in f.discrepancy.positions for a in p.articles}
    told = dates(groups, names, by_id)
    found = (slots + retold_figures(groups, by_id, names, taken) + baselines(groups, names) + within
             + outcome_conflicts(groups, names, _claims_of(within))
             + told + retold_dates(groups, names, by_id, _claims_of(told)) + times_of_day(groups, names)
             + phone_numbers(groups, names)
             + anachronisms(groups, texts, refs, names, _copied_from(articles, edges))
             + attribution(groups, names) + credits(groups, names))
    uniq: dict[object, Found] = {}
    for f in found:
        # one sentence pair may carry several claims: report its disagreement once
        sig = (f.discrepancy.kind, tuple(sorted((p.value, tuple(p.articles)) for p in f.discrepancy.positions)))
        if sig in uniq:
            uniq[sig].claims |= f.claims
        else:
            uniq[sig] = f
    return list(uniq.values())
