"""Citations between outlets, and who broke a story: origin, roles and ``based_on``.

An article that credits an outlet ("according to the Financial Times", "told Reuters",
"Japan's Nikkei newspaper reported") ``cites`` it. Only publications become edges: a person,
"a U.S. official" or "sources familiar with the matter" are sources of facts, not of the
article. A name counts as a publication when it is a known outlet, an outlet of an article
in the set, or is called one ("the Yomiuri newspaper", "Kyodo news agency").
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from .. import outlets
from ..models import Article, AttributionMention, LineageEdge, Story

MAX_CHARS = 50_000
LATE_REPOST_DAYS = 7  # dated this long after the story broke, with no credit: a re-post, not news

# Words that make a name a publication ("the Korea Herald", "Kyodo news agency").
_OUTLET_WORDS = re.compile(
    r"\b(?:times|post|journal|news|herald|tribune|telegraph|gazette|guardian|press|daily|"
    r"chronicle|observer|newspaper|magazine|news agency|press agency|shimbun|broadcaster|"
    r"television|radio|tv|wire|express|mail|mirror|economist|bulletin)\b",
    re.I,
)
# Words that make a name a person's title or an institution, whatever else it holds
# ("Press Secretary Jane Doe", "the Post Office", "the Justice Department").
_NOT_OUTLET = re.compile(
    r"\b(?:secretary|minister|ministry|department|office|president|spokes\w*|officials?|chief|"
    r"director|governor|senator|general|police|court|council|university|institute|government)\b",
    re.I,
)
_DESCRIPTOR = re.compile(
    r"\s+(?:newspaper|news agency|magazine|broadcaster|daily|report|reports|website|wire service)$",
    re.I,
)

_WORD = r"[A-Z](?:[\w’&\-]|'(?!s\b)|\.(?=\w))*"  # "U.S." inside a name, not a full stop
_NAME = r"((?:the\s+)?(?:" + _WORD + r"\s+){0,4}" + _WORD + ")"
_NAME_LIST = _NAME + r"(?:\s*(?:,|and)\s+" + _NAME + r")?"
# "X reported": a crediting phrase only when X is plainly an outlet; "People reported feeling
# ill" is not People magazine, "the Independent reported" is the paper.
_SUBJECT = re.compile(_NAME + r"(?:'s)? (?:newspaper |news agency |magazine )?"
                      r"(?:reported|reports|cited|said in a report|first reported|revealed|"
                      r"quoted|has reported|was first to report)\b")
# Crediting phrases; each captures one or two names.
_PATTERNS = [
    re.compile(r"\b(?i:according to (?:(?:a |the )?reports? (?:by|in|from) )?)" + _NAME_LIST),
    re.compile(r"\b(?i:(?:first |originally )?reported (?:by|in) )" + _NAME_LIST),
    re.compile(r"\b(?i:(?:told|telling|speaking to|interview with) )" + _NAME),
    re.compile(r"\b(?i:(?:citing|cited by|via|as reported by|sources told) )" + _NAME),
    _SUBJECT,
    re.compile(r"\b(?i:(?:on|in|to|by) (?:an? )?)" + _NAME + r"(?:'s)? (?:report|story|article|reporting)\b"),
    re.compile(r"\b(?:[A-Z][\w'’]*'s )?" + _NAME + r" (?:newspaper|news agency|magazine)\b"),
]
# A wire dateline opening the text: "WASHINGTON (Reuters) -" credits the wire for the whole story.
_DATELINE = re.compile(r"^[^\n(]{0,80}\(\s*" + _NAME + r"\s*\)\s*[-–—:]")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans, as the extraction stage splits them (so evidence quotes agree)."""
    from crosswire.extract.entities import sentence_spans

    return sentence_spans(text)


def normalise_outlet(name: str) -> str:
    """Canonical outlet name: "the FT" and "Financial Times" -> "Financial Times".

    Names the outlet table knows get its display name (the caller read them in a crediting
    context or an article's outlet field); others are tidied ("the Korea Herald newspaper" ->
    "Korea Herald") so two spellings of one unknown outlet still meet.
    """
    known = outlets.normalise_outlet(name, credited=True)
    if known is not None:
        return known
    name = re.sub(r"\s+", " ", name.strip(" .,;:'\"’”“")).strip()
    name = re.sub(r"^(?:[A-Z][\w]*['’]s\s+)", "", name)  # "Japan's Nikkei" -> "Nikkei"
    name = re.sub(r"['’]s$", "", name)
    name = _DESCRIPTOR.sub("", name)
    return re.sub(r"^[Tt]he\s+", "", name)


def is_outlet(name: str, known: set[str] = frozenset()) -> bool:
    """Whether a credited name is a publication (not a person or an unnamed official)."""
    canon = normalise_outlet(name)
    if not canon or canon[0].islower() or len(canon) > 60:
        return False
    if canon in known or outlets.normalise_outlet(name, credited=True) is not None:
        return True
    return bool(_OUTLET_WORDS.search(name)) and not _NOT_OUTLET.search(name)


def _sentence_at(text: str, pos: int) -> str:
    for lo, hi in sentences(text):
        if lo <= pos < hi:
            return text[lo:hi].strip()
    return ""


def credited_outlets(text: str, known: set[str] = frozenset()) -> list[tuple[str, str]]:
    """(canonical outlet, crediting sentence) for every outlet the text credits, in order."""
    text = text[:MAX_CHARS]
    found: dict[str, tuple[int, str]] = {}
    for pat in _PATTERNS + [_DATELINE]:
        for m in pat.finditer(text[:300] if pat is _DATELINE else text):
            for g in range(1, (pat.groups or 0) + 1):
                raw = m.group(g)
                if not raw or not is_outlet(raw, known):
                    continue
                if (pat is _SUBJECT and outlets.is_ambiguous(raw) and raw not in known
                        and not re.match(r"[Tt]he\s", raw)):
                    continue
                canon = normalise_outlet(raw)
                start = m.start(g)
                if canon not in found or start < found[canon][0]:
                    found[canon] = (start, _sentence_at(text, start))
    return [(name, sent) for name, (_, sent) in sorted(found.items(), key=lambda kv: kv[1][0])]


def find_citations(
    articles: list[Article], attributions: dict[str, list[AttributionMention]] | None = None
) -> list[LineageEdge]:
    """``cites`` edges: to the credited outlet's article when it is in the set, else to its name."""
    by_outlet: dict[str, Article] = {}
    for a in sorted(articles, key=lambda a: (_day(a.published) is None, _day(a.published) or 0, a.id)):
        if a.outlet:
            by_outlet.setdefault(normalise_outlet(a.outlet), a)
    known = set(by_outlet)
    edges: list[LineageEdge] = []
    for a in articles:
        own = normalise_outlet(a.outlet) if a.outlet else None
        credits: dict[str, str] = {}
        for mention in (attributions or {}).get(a.id, []):
            if mention.source and is_outlet(mention.source, known):
                credits.setdefault(normalise_outlet(mention.source), mention.sentence or mention.text)
        # The extraction stage may miss a phrasing, or be absent: the text is read as well.
        for name, sentence in credited_outlets(a.text, known):
            credits.setdefault(name, sentence)
        for name, sentence in credits.items():
            if name == own:
                continue  # an outlet naming itself ("the FT understands") is no citation
            target = by_outlet.get(name)
            edges.append(LineageEdge(
                source=a.id, target=target.id if target is not None else name, kind="cites",
                score=None, evidence=sentence[:1000],
            ))
    return edges


def _day(value: str | None) -> int | None:
    try:
        return date.fromisoformat(value[:10]).toordinal() if value else None
    except ValueError:
        return None


def _title(article: Article) -> str | None:
    if article.title:
        return article.title
    for line in article.text.splitlines():
        line = line.strip()
        if len(line) >= 20:
            return line if len(line) <= 160 else line[:157].rsplit(" ", 1)[0] + "…"
    return None


def assign_roles(story: Story, articles: list[Article], edges: list[LineageEdge]
                 ) -> tuple[Story, list[Article]]:
    """Set the story's origin, dates and title, and each article's role and ``based_on``."""
    members = {a.id: a for a in articles if a.id in set(story.article_ids)}
    based_on: dict[str, list[str]] = {aid: [] for aid in members}
    in_set_out: dict[str, set[str]] = {aid: set() for aid in members}
    cited_by: dict[str, set[str]] = {aid: set() for aid in members}
    for e in edges:
        if e.source not in members or e.target == e.source:
            continue
        if e.target not in based_on[e.source]:
            based_on[e.source].append(e.target)
        if e.target in members:
            in_set_out[e.source].add(e.target)
            cited_by[e.target].add(e.source)

    days = {aid: _day(a.published) for aid, a in members.items()}
    # The origin broke the story: it borrows from no one in the set and others borrow from it.
    candidates = [aid for aid in members if not in_set_out[aid] and cited_by[aid]]
    origin = None
    if candidates:
        origin = min(candidates, key=lambda x: (days[x] is None, days[x] or 0, -len(cited_by[x]), x))
    else:
        # Nobody credits anybody: the earliest report broke it, but only when every date is
        # known and the earliest is unique; otherwise that would be a guess.
        free = [aid for aid in members if not based_on[aid]]
        if len(members) == 1 and free:
            origin = free[0]
        elif free and all(days[x] is not None for x in members):
            first = min(days[x] for x in members)
            earliest = [x for x in members if days[x] == first]
            if len(earliest) == 1 and earliest[0] in free:
                origin = earliest[0]

    origin_day = days.get(origin) if origin else None
    dated = sorted((d, members[x].published) for x, d in days.items() if d is not None)
    out = []
    for aid in story.article_ids:
        a = members.get(aid)
        if a is None:
            continue
        if aid == origin:
            role = "origin"
        elif based_on[aid]:
            role = "derivative"
        elif days[aid] is None:
            role = "unknown"  # undated and uncredited: cannot tell reporting from re-posting
        elif origin_day is not None and days[aid] - origin_day > LATE_REPOST_DAYS:
            role = "unknown"  # dated long after the story broke, crediting no one: likely a re-post
        else:
            role = "independent"
        out.append(replace(a, role=role, based_on=list(based_on[aid])))

    lead = members.get(origin) if origin else None
    if lead is None and members:
        lead = min(members.values(), key=lambda a: (days[a.id] is None, days[a.id] or 0, a.id))
    new_story = replace(
        story,
        origin=origin,
        first_published=dated[0][1] if dated else None,
        last_published=dated[-1][1] if dated else None,
        title=story.title or (_title(lead) if lead else None),
    )
    return new_story, out
