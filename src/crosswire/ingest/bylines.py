"""Authors of an HTML page, from the most to the least trustworthy evidence.

1. What the publisher declares: the JSON-LD article's ``author`` (persons, not organisations),
   else the author meta tags.
2. What the page shows: a byline element or a line opening with "By", "Von", "Autor:" ...; a
   shown byline naming every declared author, and more or more fully, wins.
3. trafilatura's author, cleaned like ours.

Names are trimmed of job titles, dates and outlet names, de-duplicated case-insensitively, and
all of them kept. ``eval/metadata.py`` measures them beside trafilatura's.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from lxml.html import HtmlElement

from ..outlets import normalise_outlet
from .page_meta import MONTHS, OTHER_ITEMS, ld_articles, ld_objects, ld_types

# Conjunctions are matched in lower case only: "Jane E Doe" keeps her initial.
_AUTHOR_SPLIT = re.compile(
    r"\s*(?:;|,|&|\||/|\s(?:and|AND|und|et|y|e)\s|(?<=[a-z]{2})\.\s+(?=[A-Z][a-z]))\s*")
# "By", "Analysis by", "Ein Artikel von", "Veröffentlicht von", "Autor:" ...: all up to the names.
_AUTHOR_PREFIX = re.compile(
    r"^(?:(?:[\w ]{0,30}\s)?by(?:\s+|\s*:\s*)"
    r"|(?:(?:ein|eine)\s+\w+\s+|veröffentlicht\s+|geschrieben\s+|verfasst\s+)?(?:von|vom)"
    r"(?:\s+|\s*:\s*)|(?:por|par|door|av|af|di|über|about)\s+"
    r"|(?:autor(?:in)?|author|text|verfasser(?:in)?)\s*:\s*)", re.IGNORECASE)
_MONTH_WORDS = re.compile(
    r"\s+(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d.*$", re.IGNORECASE)
# Words after which a byline stops being a name: a job title, a date, a label.
_ROLE = {
    "editor", "editors", "reporter", "reporters", "writer", "writers", "correspondent",
    "correspondents", "columnist", "contributor", "contributors", "producer", "journalist",
    "photographer", "critic", "analyst", "redakteur", "redakteurin", "autor", "autorin",
    "chefredakteur", "korrespondent", "korrespondentin",
}
# Words that may sit in front of a job title ("Games Editor", "Senior Staff Writer").
_DESK = {
    "senior", "chief", "deputy", "managing", "executive", "associate", "contributing", "staff",
    "political", "foreign", "news", "games", "sports", "sport", "politics", "business",
    "science", "health", "tech", "technology", "culture", "arts", "film", "music", "travel",
    "food", "fashion", "features", "opinion", "digital", "social", "media", "investigative",
    "special", "national", "international", "local", "city", "economics", "finance",
    "entertainment", "white", "house", "washington", "europe", "europa", "world", "us", "uk",
    "global", "climate", "legal", "education", "data", "video", "audio", "photo", "assistant",
    "auto", "security", "at-large", "large", "wire", "general", "lead",
}
_DATE_WORDS = set(MONTHS) | {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "updated",
    "published", "posted", "stand", "aktualisiert", "am", "on", "at", "um",
}
# Words that make a byline an organisation, a role or page chrome, never a person.
_NOT_PERSON = re.compile(
    r"\b(?:staff|news|press|agency|agencies|reuters|associated|editors?|editorial|desk|team|wire"
    r"|wires|correspondents?|reporters?|contributors?|admin|administrator|media|service|bureau"
    r"|online|digital|inc|ltd|llc|gmbh|ag|e\.?\s?v|group|company|newsroom|business|sports?"
    r"|politics|opinion|tech|health|world|redaktion|log|login|sign|menu|account|subscribe"
    r"|search|home|profile|share|follow|comments?|newsletter|register|cookies?|privacy"
    r"|foto|photos?|images?|getty|shutterstock|dpa|afp|apa|epa|sid|kna|epd|anonym\w*|anónimo"
    r"|unknown|guest|gast|international)\b",
    re.IGNORECASE,
)
# A last word that is a top-level domain: "Ebb Org" is ebb.org, not a person.
_TLD = {"com", "org", "net", "de", "info", "io", "gov", "edu", "uk", "ch", "fr", "nl", "ru",
        "pl", "biz"}
_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")
_GLUED_DAY = re.compile(
    r"(?<=[a-z])(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|june"
    r"|july|august|september|october|november|december)\b.*$", re.IGNORECASE)
# Lower-case words a name may hold between its first and last ("Ludwig van Beethoven").
_PARTICLES = {"van", "von", "de", "der", "den", "da", "das", "dos", "del", "della", "di", "du",
              "la", "le", "bin", "ibn", "al", "el", "ten", "ter", "zu", "y", "e"}


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def _trim(words: list[str]) -> list[str]:
    """Cut a job title or a date glued after a name ("Ben Silverman Games Editor"); a title
    with no name before it ("AP Auto Writer", "Staff Writer") leaves nothing."""
    for i, word in enumerate(words):
        low = word.lower().strip(".,")
        if low in _ROLE:
            j = i
            while j > 0 and words[j - 1].lower() in _DESK:
                j -= 1
            kept = words[:j]
            # An agency or acronym before the title ("AP Auto Writer") is no name either.
            acronym = kept and kept[0].isupper() and not all(w.isupper() for w in kept)
            return kept if len(kept) >= 2 and not acronym else []
        if i >= 2 and low in _DATE_WORDS:
            return words[:i]
    return words


def _drop_outlet(words: list[str]) -> list[str]:
    """A known outlet glued after a name ("ERIC TUCKER Associated Press") cut off."""
    for k in (3, 2, 1):
        if len(words) - k >= 2 and normalise_outlet(" ".join(words[-k:])):
            return words[:-k]
    return words


def _halve(words: list[str]) -> list[str]:
    """A name written twice in a row ("Sean Martin Sean Martin") once."""
    half = len(words) // 2
    if len(words) >= 4 and len(words) % 2 == 0 and [w.lower() for w in words[:half]] == [
            w.lower() for w in words[half:]]:
        return words[:half]
    return words


# A leading article does not change an outlet's name: "Die Furche" is the site furche.at.
_ARTICLE = re.compile(r"^(?:the|die|der|das|le|la|les|el|il|lo)\s+", re.IGNORECASE)


class Site(NamedTuple):
    """How the page's site is named (folded): no byline naming it is an author."""

    names: frozenset[str] = frozenset()  # stated names and the domain without its suffix
    hosts: frozenset[str] = frozenset()  # the domain's labels ("seglerblog", "example")


def clean_name(raw: str, *, site: Site = Site(), single: bool = False) -> str | None:
    """A person's name from one byline part, or ``None`` when it names no person.

    ``single`` allows a one-word name (a declared author such as "Steffi"), unless it is a
    label of the site's domain.
    """
    text = _AUTHOR_PREFIX.sub("", " ".join(str(raw).split())).strip(" .,:-–—|·•'\"‘’“”")
    # Bylines glued to their date ("Carrie Arnold November 15, 2019") lose the date.
    text = _MONTH_WORDS.sub("", text)
    text = re.sub(r"\s*[(\[].*$", "", text)  # "Jane Doe (Reuters)"
    text = _GLUED_DAY.sub("", text)  # "Jeff FoustMonday, November 18"
    if re.search(r"[\d@/]|https?:|www\.|\.(?:com|org|net|de)\b", text):
        return None
    words = _halve(_trim(_drop_outlet(text.split())))
    if not words or len(words) > 5 or (len(words) == 1 and not single):
        return None
    if len(words) == 1 and (len(words[0]) < 3 or not words[0].isalpha() or words[0].isupper()
                            or words[0].lower() in _ROLE or _fold(words[0]) in site.hosts):
        return None  # an acronym alone ("KWCH") is a station or a desk
    if words[0].lower() in ("the", "die", "der", "das"):
        return None  # "The Russian", "Die Redaktion": no one's name opens with an article
    name = " ".join(words)
    if _NOT_PERSON.search(name) or not all(_WORD.fullmatch(w) for w in words):
        return None
    if not all(w[0].isupper() or w in _PARTICLES for w in words[1:-1]) or not (
            words[0][0].isupper() and words[-1][0].isupper()):
        return None
    if len(words) >= 2 and words[-1].lower() in _TLD:
        return None
    if {_fold(name), _fold(_ARTICLE.sub("", name))} & site.names:
        return None
    if normalise_outlet(name):
        return None
    if name.isupper() and len(name) > 3:
        name = name.title()  # "CLARA LÖW" is shown as "Clara Löw"
    return name


def split_authors(raw: str | None, *, site: Site = Site(), single: bool = False) -> list[str]:
    """Person names from a byline string: "By A, B and C" -> ["A", "B", "C"].

    ``single`` allows a one-word name when it is the whole string ("Steffi")."""
    names: list[str] = []
    parts = _AUTHOR_SPLIT.split(_AUTHOR_PREFIX.sub("", " ".join((raw or "").split())))
    # A lone word is a name only when it is the whole byline: in "example.de, Frankfurt,
    # Germany" the words are an address.
    single = single and len(parts) == 1
    for part in parts:
        name = clean_name(part, site=site, single=single)
        if name:
            names.append(name)
    return unique_names(names)


def unique_names(names: list[str]) -> list[str]:
    """Names de-duplicated case-insensitively, the first spelling kept."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(" ".join(name.casefold().split()), name)
    return list(seen.values())


def _ld_author_names(value) -> list[str]:
    """Person names of a JSON-LD ``author`` value (a string, a Person, or a list of them)."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items[:20]:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict) and not re.search(r"organi[sz]ation", ld_types(item), re.I):
            name = item.get("name")
            if isinstance(name, str):
                names.append(name)
    return names


_AUTHOR_META = ("author", "article:author", "dc.creator", "dcterms.creator", "parsely-author",
                "sailthru.author", "byl", "citation_author", "twitter:creator:name")


def declared_authors(tree: HtmlElement, site: Site) -> list[str]:
    """Authors the publisher declares: the JSON-LD article's, else the author meta tags'."""
    for obj in ld_articles(tree):
        raw = _ld_author_names(obj.get("author") or obj.get("creator"))
        names = unique_names([n for r in raw for n in split_authors(r, site=site, single=True)])
        if names:
            return names
    wanted = set(_AUTHOR_META)
    names = []
    for element in tree.xpath("//meta[@content]")[:500]:
        key = (element.get("name") or element.get("property") or "").strip().lower()
        if key in wanted:
            names += split_authors(element.get("content"), site=site, single=True)
    return unique_names(names)


# Bylines often sit in a list of the article's facts (<li>By X</li><li>May 3</li>): here only
# the page's other parts and lists of other stories are excluded, not every list item.
_NOT_HERE = OTHER_ITEMS.replace("ancestor::li or ", "")
_BYLINE_XPATH = (
    "//*[contains(@class, 'byline') or contains(@class, 'author') or contains(@class, 'Author')"
    " or contains(@id, 'author') or @rel='author' or @itemprop='author']"
    f"[not({_NOT_HERE})][not(self::meta or self::link or self::script or self::img)]"
)
# Links to an author's page ("/autoren/Clara-Loew", "/author/jane-doe/"): their texts are names.
# Topic pages of people ("/topics/people/donald-trump") are not: the path names its kind.
_AUTHOR_LINK_XPATH = (
    "//body//a[contains(@href, '/author/') or contains(@href, '/authors/')"
    " or contains(@href, '/autor/') or contains(@href, '/autoren/') or contains(@href, '/autorin/')"
    " or contains(@href, '/journalist/') or contains(@href, '/journalists/')]"
    f"[not({_NOT_HERE})]"
)
# A byline's opening that credits something else than the text.
_NOT_BYLINE = re.compile(r"photo|foto|image|bild|illustrat|graphic|video|translat|edit|report"
                         r"|additional|produc|powered|designed|hosted|presented", re.IGNORECASE)


def visible_authors(tree: HtmlElement, site: Site) -> list[str]:
    """Names of the first byline the page shows ("By Erin Cunningham").

    Byline elements nest ("By <a class=author>A</a> and <a class=author>B</a>", or a section
    whose text runs on into the date): of those naming the first byline's authors, the one
    naming the most wins.
    """
    best: list[str] = []
    for element in tree.xpath(_BYLINE_XPATH)[:20]:
        text = " ".join(element.text_content().split())
        if 3 <= len(text) <= 120:
            names = split_authors(text, site=site)
            if names and not best:
                best = names
            elif names and len(names) > len(best) and {n.casefold() for n in names} & {
                    n.casefold() for n in best}:
                best = names
    if best:
        return best
    links = tree.xpath(_AUTHOR_LINK_XPATH)[:50]
    if links:
        # The first author link and the author links beside it under the same parent.
        parent = links[0].getparent()
        names = unique_names([n for a in links if a.getparent() is parent
                              for n in split_authors(a.text_content(), site=site)])
        if names:
            return names
    # Small blocks only: a byline holds no paragraphs (and big containers cost text_content()).
    for element in tree.xpath(f"//body//*[self::p or self::div or self::span or self::em or"
                              f" self::i or self::strong or self::b][not(descendant::p or"
                              f" descendant::div)][not({_NOT_HERE})]")[:3000]:
        text = " ".join(element.text_content().split())
        opening = _AUTHOR_PREFIX.match(text) if 5 <= len(text) <= 80 else None
        if opening and not _NOT_BYLINE.search(opening.group(0)):
            names = split_authors(text, site=site)
            if names:
                return names
    return []


def site_of(tree: HtmlElement, sitename: str | None, page_url: str | None) -> Site:
    """The names the site goes by: its stated name, its publisher's, its domain."""
    names = {sitename or ""}
    names.update(tree.xpath('//meta[@property="og:site_name" or @name="application-name"]'
                            '/@content'))
    for obj in ld_objects(tree)[:50]:
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            names.add(publisher["name"])
        if re.search(r"organi[sz]ation|website", ld_types(obj), re.I) and isinstance(
                obj.get("name"), str):
            names.add(obj["name"])
    # "Achtsam durch die Krise | Die FURCHE": a stated name may carry the page's title.
    names.update(part for n in list(names) for part in re.split(r"\s+[|–—-]\s+|\s*\|\s*", str(n)))
    hosts: set[str] = set()
    urls = [page_url or ""] + tree.xpath('//link[@rel="canonical"]/@href'
                                         ' | //meta[@property="og:url"]/@content')
    for url in urls:
        host = re.match(r"\s*https?://(?:www\d?\.)?([^/:]+)", str(url))
        if host:
            names.update((host[1], host[1].rsplit(".", 1)[0]))
            hosts.update(host[1].split(".")[:-1])
    return Site(frozenset(f for n in names if (f := _fold(str(n)))),
                frozenset(f for h in hosts if (f := _fold(h))))


def _fuller(shown: list[str], declared: list[str]) -> bool:
    """Whether the shown byline names every declared author, and more or more fully
    ("Henry" declared, "Henry Steinhau" shown; one declared of three shown)."""
    def covers(full: str, short: str) -> bool:
        return full.casefold() == short.casefold() or full.casefold().startswith(
            short.casefold() + " ")

    if not all(any(covers(s, d) for s in shown) for d in declared):
        return False
    return len(shown) > len(declared) or any(
        not any(s.casefold() == d.casefold() for d in declared) for s in shown)


def page_authors(tree: HtmlElement, *, library_author: str | None = None,
                 sitename: str | None = None, url: str | None = None) -> list[str]:
    """The page's authors: declared, else shown, else the library's; all kept, no outlet.

    A shown byline that names every declared author, and more or more fully, wins.
    """
    site = site_of(tree, sitename, url)
    declared = declared_authors(tree, site)
    shown = visible_authors(tree, site)
    if declared:
        return shown if shown and _fuller(shown, declared) else declared
    return shown or split_authors(library_author, site=site, single=True)
