"""Entities, roles and quotes merged across a story's articles."""

from __future__ import annotations

import re
from collections import Counter

from crosswire.compare.align import ClaimGroup
from crosswire.compare.facts import normalize, terms
from crosswire.models import Article, Entity, EntityRole, Extraction, Quote

try:  # the extraction stage owns canonical names; fall back to a plain fold without it
    from crosswire.extract.entities import canonical_key
except ImportError:  # pragma: no cover - only while the extractor is missing
    def canonical_key(name: str) -> str:
        return re.sub(r"[^a-z0-9 ]", "", name.lower()).strip()

MAX_ENTITIES = 500


def _role_key(role: str) -> str:
    """"defence secretary" and "Defense Secretary" are one role."""
    return " ".join(sorted(terms(role))) or normalize(role).strip()


def merge_entities(articles: list[Article], extractions: dict[str, Extraction]) -> list[Entity]:
    """One Entity per canonical name, with its surface aliases and roles per article."""
    names: dict[str, Counter] = {}
    types: dict[str, Counter] = {}
    aliases: dict[str, set[str]] = {}
    arts: dict[str, list[str]] = {}
    roles: dict[str, dict[str, tuple[str, list[str]]]] = {}
    for a in articles:
        ex = extractions.get(a.id)
        if ex is None:
            continue
        for m in ex.entities:
            k = canonical_key(m.name) or m.name.lower()
            names.setdefault(k, Counter())[m.name] += 1
            types.setdefault(k, Counter())[m.type] += 1
            aliases.setdefault(k, set()).add(re.sub(r"\s+", " ", m.text).strip())
            arts.setdefault(k, [])
            if a.id not in arts[k]:
                arts[k].append(a.id)
            if m.role:
                rk = _role_key(m.role)
                _, ids = roles.setdefault(k, {}).setdefault(rk, (m.role.strip(), []))
                if a.id not in ids:
                    ids.append(a.id)
    _fold_surnames(names, types, aliases, arts, roles)
    out = []
    for k in sorted(names, key=lambda k: (-len(arts[k]), -sum(names[k].values()), k))[:MAX_ENTITIES]:
        name = names[k].most_common(1)[0][0]
        out.append(Entity(
            name=name,
            type=types[k].most_common(1)[0][0],
            aliases=sorted(x for x in aliases[k] if x and x != name)[:20],
            roles=[EntityRole(role=label, articles=ids) for label, ids in roles.get(k, {}).values()],
        ))
    return out


def _fold_surnames(names, types, aliases, arts, roles) -> None:
    """A lone surname ("Rubio") joins the one full person name ending in it ("Marco Rubio")."""
    people = [k for k in names if types[k].most_common(1)[0][0] == "person"]
    for k in list(people):
        if " " in k:
            continue
        full = [p for p in people if p != k and p.split()[-1] == k]
        if len(full) != 1:
            continue
        f = full[0]
        names[f].update(names.pop(k))
        types[f].update(types.pop(k))
        aliases[f] |= aliases.pop(k)
        for a in arts.pop(k):
            if a not in arts[f]:
                arts[f].append(a)
        for rk, (label, ids) in roles.pop(k, {}).items():
            mine = roles.setdefault(f, {}).setdefault(rk, (label, []))[1]
            mine.extend(i for i in ids if i not in mine)


def merge_quotes(groups: list[ClaimGroup]) -> list[Quote]:
    """One Quote per quote claim: the most named speaker and the longest wording."""
    out = []
    for g in groups:
        quotes = [f for f in g.facts if f.kind == "quote" and f.quote]
        if not quotes:
            continue
        # a sentence may hold several quotations: one Quote per wording, across the claim's articles
        by_words: dict[str, list] = {}
        for f in quotes:
            key = normalize(f.quote)
            home = next((k for k in by_words if k[:40] == key[:40] or key in k or k in key), key)
            by_words.setdefault(home, []).append(f)
        for same in by_words.values():
            speakers = Counter(f.speaker for f in same if f.speaker)
            out.append(Quote(
                speaker=speakers.most_common(1)[0][0] if speakers else None,
                text=max((f.quote for f in same), key=len),
                articles=list(dict.fromkeys(f.article for f in same)),
            ))
    return out
