"""Discrepancies: where articles disagree, each side with its articles and verbatim sentences.

Four detectors over the aligned claim groups:
- numeric: one measured slot (same unit, measure, role, subject) holding different values, or
  the same value given as different baselines ("an earlier 3% request" vs "about 3% today");
- status: one event told with conflicting predicates or statuses (cancelled vs postponed,
  imposed vs under consideration, happened vs did not);
- temporal: one event given different dates, and an article calling an event upcoming although
  its date is before the article's reference date: its own publication date raised to that of
  any article it derives from (lineage) and of the story's origin;
- attribution: one claim credited to different named sources.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from crosswire.compare.align import (
    _FUTURE_CUE,
    _ROLE_LABEL,
    ClaimGroup,
    Fact,
    _clip,
    _fmt_amount,
    normalize,
    overlap,
    quantities_compatible,
    source_key,
    stable_id,
    stem,
)
from crosswire.models import Article, Discrepancy, LineageEdge, Position, Story

MAX_GROUPS = 5000  # groups of one kind looked at
MAX_BLOCK = 150  # pairwise checks are quadratic within a block: bound them


@dataclass
class Found:
    """A discrepancy and the claim ids it makes contested."""

    discrepancy: Discrepancy
    claims: set[str] = field(default_factory=set)


# --------------------------------------------------------------------------- helpers


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


def _position(value: str, facts: list[Fact]) -> Position:
    arts, ev = [], []
    for f in facts:
        if f.article not in arts:
            arts.append(f.article)
            ev.append(f.evidence)
    return Position(value=value, articles=arts, evidence=ev)


def _make(kind: str, about: str, positions: list[Position], note: str, claims: set[str]) -> Found:
    values = sorted(p.value for p in positions)
    did = stable_id("d", kind, about, *values)
    return Found(Discrepancy(id=did, kind=kind, about=about, positions=positions, note=note), claims)


def _spread(groups: list[ClaimGroup]) -> bool:
    """A disagreement needs two articles: one article's own list of figures is not one."""
    return len({f.article for g in groups for f in g.facts}) >= 2


def _credit(f: Fact) -> str | None:
    return source_key(f.attributed_to) if f.attributed_to else None


def _echo(article: str, group: ClaimGroup, like: Fact) -> Fact | None:
    """The article's own statement of ``like``'s value in a sentence like ``like``'s, if any."""
    for f in group.facts:
        if f.article == article and overlap(f.context, like.context) >= 0.5:
            return f
    return None


def _disagree(x: Fact, y: Fact, gx: ClaimGroup, gy: ClaimGroup) -> bool:
    """Whether x's article and y's article really hold different values.

    An article that also states the other value in the same words holds both: two facts of one
    text (a copy repeats all of its original's figures), unless it credits them to different
    sources ("3.5%, though the Nikkei says 5%").
    """
    if x.article == y.article or set(gx.articles) == set(gy.articles):
        return False
    for art, own, other, g_other in ((x.article, x, y, gy), (y.article, y, x, gx)):
        echo = _echo(art, g_other, other)
        if echo is not None and _credit(echo) == _credit(own):
            return False
    return True


def _by_conflict(groups: list[ClaimGroup], conflict, block) -> list[list[ClaimGroup]]:
    """Components of the conflict relation, testing only pairs whose ``block`` keys meet."""
    groups = groups[:MAX_GROUPS]
    index: dict[object, list[int]] = {}
    for i, g in enumerate(groups):
        for k in set(block(g)):
            index.setdefault(k, []).append(i)
    seen: set[tuple[int, int]] = set()
    pairs = []
    for members in index.values():
        members = members[:MAX_BLOCK]
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pair = (members[x], members[y])
                if pair in seen:
                    continue
                seen.add(pair)
                if conflict(groups[pair[0]], groups[pair[1]]):
                    pairs.append(pair)
    return [[groups[i] for i in comp] for comp in _components(len(groups), pairs)]


# --------------------------------------------------------------------------- numeric


def _differ(a: Fact, b: Fact) -> bool:
    qa, qb = a.quantity, b.quantity
    if qa is None or qb is None:
        return False
    if {v for v in a.values} & {v for v in b.values}:
        # same number: only a baseline of another kind disagrees ("request" vs "level")
        return a.role != b.role and a.role.startswith("baseline:") and b.role.startswith("baseline:")
    big = max(abs(qa.amount), abs(qb.amount)) or 1.0
    rel = abs(qa.amount - qb.amount) / big
    loose = "about" in (qa.qualifier, qb.qualifier)
    if qa.upper is not None and qa.amount <= qb.amount <= qa.upper:
        return False
    if qb.upper is not None and qb.amount <= qa.amount <= qb.upper:
        return False
    return rel > (0.1 if loose else 0.005)


def _crowded(comp: list[ClaimGroup]) -> bool:
    """One article giving three or more values of a "slot" shows it is no slot (a box score)."""
    per_article: dict[str, set[int]] = {}
    for n, g in enumerate(comp):
        for a in g.articles:
            per_article.setdefault(a, set()).add(n)
    return any(len(v) > 2 for v in per_article.values())


def numeric(groups: list[ClaimGroup]) -> list[Found]:
    qs = [g for g in groups if g.kind == "quantity"]

    def conflict(g1: ClaimGroup, g2: ClaimGroup) -> bool:
        return any(
            quantities_compatible(a, b, strict=True) and _differ(a, b) and _disagree(a, b, g1, g2)
            for a in g1.facts[:20] for b in g2.facts[:20] if a.article != b.article
        )

    out = []
    for comp in _by_conflict(qs, conflict, lambda g: [g.facts[0].values[0][0]]):
        if not _spread(comp) or _crowded(comp):
            continue
        positions = []
        for g in comp:
            rep = g.facts[0]
            label = _fmt_amount(rep.quantity)
            if rep.role.startswith("baseline"):
                label += f" ({_ROLE_LABEL[rep.role]})"
            positions.append(_position(label, g.facts))
        rep = comp[0].facts[0]
        what = rep.quantity.measure or "the figure"
        out.append(_make(
            "numeric", f"{what}", positions,
            "Articles give different figures for the same measure.",
            {g.claim.id for g in comp},
        ))
    return out


# --------------------------------------------------------------------------- status

# Predicates that cannot both be true of one event (stemmed below, as facts' predicates are).
_CONFLICT_WORDS = [
    ({"cancel", "withdraw"}, {"postpone"}),
    ({"confirm"}, {"deny"}),
    ({"accept", "approve"}, {"reject"}),
    ({"win"}, {"lose"}),
    ({"impose", "introduce", "adopt", "enact", "implement", "levy", "sign"},
     {"consider", "weigh", "mull", "plan", "propose", "threaten", "contemplate", "study"}),
]
_CONFLICTS = [({stem(w) for w in a}, {stem(w) for w in b}) for a, b in _CONFLICT_WORDS]


def _class_conflict(p: str, q: str) -> bool:
    return any((p in a and q in b) or (q in a and p in b) for a, b in _CONFLICTS)


def _status_conflict(a: Fact, b: Fact) -> bool:
    # the same thing: shared words that are not names ("the meeting"), or, when one side names
    # only who acted ("Arden did not resign"), the same name
    shared = a.local & b.local
    same_thing = len(shared) >= 2 or (shared and overlap(a.local, b.local) >= 0.5)
    same_actor = (not a.local or not b.local) and a.names & b.names and overlap(a.context, b.context) >= 0.3
    if not same_thing and not same_actor:
        return False
    if a.subjects and b.subjects and not (a.subjects & b.subjects):
        return False
    if _class_conflict(a.predicate or "", b.predicate or ""):
        return True
    if a.predicate != b.predicate:
        return False
    sa, sb = a.status or "asserted", b.status or "asserted"
    done = {"asserted", "reported"}
    if "negated" in (sa, sb) and sa != sb:
        return True
    return (sa in done) != (sb in done) and {sa, sb} & {"planned", "hypothetical"} != set()


def _status_label(f: Fact) -> str:
    st = f.status or "asserted"
    verb = f.verb or f.predicate or ""
    return verb if st in ("asserted", "reported") else f"{verb} ({st})"


def status(groups: list[ClaimGroup]) -> list[Found]:
    evs = [g for g in groups if g.kind == "event"]

    def conflict(g1: ClaimGroup, g2: ClaimGroup) -> bool:
        return any(
            _status_conflict(a, b) and _disagree(a, b, g1, g2)
            for a in g1.facts[:20] for b in g2.facts[:20] if a.article != b.article
        )

    def block(g: ClaimGroup) -> list[str]:
        # a predicate meets itself and the predicates it conflicts with (through its class)
        p = g.facts[0].predicate or ""
        return [p] + [f"class:{n}" for n, (a, b) in enumerate(_CONFLICTS) if p in a or p in b]

    out = []
    for comp in _by_conflict(evs, conflict, block):
        if not _spread(comp):
            continue
        by_label: dict[str, list[Fact]] = {}
        for g in comp:
            by_label.setdefault(_status_label(g.facts[0]), []).extend(g.facts)
        if len(by_label) < 2:
            continue
        positions = [_position(k, v) for k, v in by_label.items()]
        objects = [f.snippet for g in comp for f in g.facts if f.snippet]
        thing = max(set(objects), key=lambda o: (objects.count(o), -len(o), o)) if objects else "the event"
        about = f"what happened to the {thing} ({' vs '.join(by_label)})"
        out.append(_make(
            "status", about, positions,
            "Articles disagree on what happened to the same event.",
            {g.claim.id for g in comp},
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
    """Same or nested (July 2025 holds July 1, 2025; an interval holds its days)."""
    a0, a1, b0, b1 = _day(a), _day(a, True), _day(b), _day(b, True)
    if None in (a0, a1, b0, b1):
        return a == b
    return (a0 <= b0 and b1 <= a1) or (b0 <= a0 and a1 <= b1)


def dates(groups: list[ClaimGroup]) -> list[Found]:
    ds = [g for g in groups if g.kind == "date"]
    by_article: dict[str, list[Fact]] = {}
    for g in ds:
        for f in g.facts:
            by_article.setdefault(f.article, []).append(f)

    def reread(x: Fact, y: Fact) -> bool:
        """x's article has y's very words in y's sentence: the two only read them differently."""
        words = normalize(y.date_text)
        return any(
            normalize(z.date_text) == words and overlap(z.context, y.context) >= 0.8
            for z in by_article.get(x.article, [])
        )

    def conflict(g1: ClaimGroup, g2: ClaimGroup) -> bool:
        a, b = g1.facts[0], g2.facts[0]
        if _dates_agree(a.date or "", b.date or ""):
            return False
        if set(g1.articles) == set(g2.articles) and len(g1.articles) == 1:
            return False
        # the same words ("on Monday") read from two publication dates are not a disagreement
        return any(
            ((len(x.local & y.local) >= 2 and overlap(x.local, y.local) >= 0.5) or overlap(x.context, y.context) >= 0.7)
            and not reread(x, y) and not reread(y, x) and _disagree(x, y, g1, g2)
            for x in g1.facts[:10] for y in g2.facts[:10] if x.article != y.article
        )

    out = []
    for comp in _by_conflict(ds, conflict, lambda g: set().union(*(f.local for f in g.facts[:10]))):
        positions = [_position(g.facts[0].date or "", g.facts) for g in comp]
        words = sorted(set().union(*(g.facts[0].local for g in comp)))[:6]
        out.append(_make(
            "temporal", "date of " + " ".join(words), positions,
            "Articles date the same event differently.", {g.claim.id for g in comp},
        ))
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
                name = by_id[p].outlet or p
                best = (pd, f"derived from {name}, published {pd.isoformat()}")
        if best:
            out[a.id] = best
    return out


# "will be held", "is scheduled for", "next": the article's own present looks forward. A
# future-in-the-past ("was scheduled to take place on July 1") does not, so it is left out.
_FUTURE_WORDS = re.compile(
    r"\b(?:will|shall|next)\b|\b(?:is|are|am)\s+(?:\w+\s+)?(?:scheduled|due|set|slated|expected|planned)\b",
    re.IGNORECASE,
)


def _calls_future(f: Fact, text: str) -> bool:
    """Whether the sentence speaks of the dated event as still to come."""
    s, e = f.span
    window = text[max(s, f.mention[0] - 80):min(e, f.mention[1] + 20)]
    if _FUTURE_CUE.search(window):
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
                 copied: dict[str, set[str]] | None = None) -> list[Found]:
    copied = copied or {}
    by_article: dict[str, list[Fact]] = {}
    home: dict[int, ClaimGroup] = {}
    for g in groups:
        if g.kind == "date":
            for f in g.facts:
                by_article.setdefault(f.article, []).append(f)
                home[id(f)] = g
    out = []
    for g in groups:
        if g.kind != "date":
            continue
        for f in g.facts:
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
            dated_group = g
            if value != f.date:
                src = next((x for p in copied[f.article] for x in by_article.get(p, []) if x.date == value), None)
                dated_group = home.get(id(src), g) if src else g
            late = _position(f"described as upcoming ({ref[1]})", [f])
            dated = _position(f"dated {value}", dated_group.facts)
            out.append(_make(
                "temporal", f"{_clip(f.date_text, 60)} called upcoming after the date had passed",
                [late, dated],
                f"The article speaks of an event dated {value} as still to come, yet it was "
                f"{ref[1]}: it is stale or re-posted.",
                {dated_group.claim.id},
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


def attribution(groups: list[ClaimGroup]) -> list[Found]:
    out = []
    for g in groups:
        by_src: dict[str, list[Fact]] = {}
        names: dict[str, str] = {}
        for f in g.facts:
            k = named_source(f.attributed_to)
            if k:
                by_src.setdefault(k, []).append(f)
                names.setdefault(k, f.attributed_to or k)
        if len(by_src) < 2 or not _spread([g]):
            continue
        # the same statement, not two statements that happen to share a predicate
        reps = [v[0] for v in by_src.values()]
        if not any(
            overlap(x.context, y.context) >= 0.5 for i, x in enumerate(reps) for y in reps[i + 1:]
            if x.article != y.article
        ):
            continue
        positions = [_position(names[k], v) for k, v in by_src.items()]
        out.append(_make(
            "attribution", f"who is credited for: {g.claim.text}", positions,
            "Articles credit the same claim to different sources.", {g.claim.id},
        ))
    return out


def find_discrepancies(
    story: Story, articles: list[Article], groups: list[ClaimGroup], edges: list[LineageEdge]
) -> list[Found]:
    refs = reference_dates(story, articles, edges)
    texts = {a.id: a.text for a in articles}
    found = (numeric(groups) + status(groups) + dates(groups)
             + anachronisms(groups, texts, refs, _copied_from(articles, edges)) + attribution(groups))
    uniq: dict[object, Found] = {}
    for f in found:
        # one sentence pair carries several claims: report its disagreement once
        sig = (f.discrepancy.kind, tuple(sorted((p.value, tuple(p.articles)) for p in f.discrepancy.positions)))
        if sig in uniq:
            uniq[sig].claims |= f.claims
        else:
            uniq[sig] = f
    return list(uniq.values())
