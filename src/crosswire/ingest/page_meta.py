"""Publication date and authors of an HTML page, from the most to the least trustworthy evidence.

1. What the publisher declares for the page itself: the JSON-LD article's ``datePublished`` and
   ``author``, ``article:published_time`` and author meta tags, ``itemprop`` fields outside
   lists of other stories. A modified date is never read as the published one.
2. What the page shows: a "By ..." byline, a "Published ..." line or the article's ``<time>``.
3. The libraries' answers (htmldate's original date, trafilatura's author), cleaned like ours.

Names are trimmed of job titles, months and outlet names, de-duplicated case-insensitively, and
all of them kept. ``eval/metadata.py`` measures both beside htmldate and trafilatura.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import NamedTuple

from htmldate import find_date
from lxml.html import HtmlElement

from ..outlets import normalise_outlet

_MIN_DATE = "1995-01-01"


def date_bounds() -> dict[str, str]:
    """No publication before the web's news sites, none after today (computed per call)."""
    return {"min_date": _MIN_DATE, "max_date": date.today().isoformat()}


# ------------------------------------------------------------------------------ JSON-LD

# The page's own item; ItemList, BreadcrumbList, Organization... describe something else.
_ARTICLE_TYPE = re.compile(r"article|posting|report|review|recipe|webpage|itempage|creativework",
                           re.IGNORECASE)
_MAX_LD_CHARS = 2_000_000


def _ld_objects(tree: HtmlElement) -> list[dict]:
    """Every JSON-LD object of the page, @graph and lists flattened (unparsable blocks skipped)."""
    found: list[dict] = []

    def walk(value, depth=0):
        if depth > 4:
            return
        if isinstance(value, list):
            for v in value[:50]:
                walk(v, depth + 1)
        elif isinstance(value, dict):
            found.append(value)
            walk(value.get("@graph"), depth + 1)

    scripts = tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]')
    for script in scripts[:20]:
        text = (script.text or "").strip()
        if not text or len(text) > _MAX_LD_CHARS:
            continue
        try:
            walk(json.loads(text))
        except (ValueError, RecursionError):
            continue
    return found


def _types(obj: dict) -> str:
    kind = obj.get("@type")
    return " ".join(map(str, kind)) if isinstance(kind, list) else str(kind or "")


def _articles(tree: HtmlElement) -> list[dict]:
    """JSON-LD objects describing the page's item: articles before plain web pages."""
    objects = [o for o in _ld_objects(tree) if _ARTICLE_TYPE.search(_types(o))]
    return sorted(objects, key=lambda o: bool(re.search(r"webpage|itempage", _types(o), re.I)))


# ------------------------------------------------------------------------------ dates

_ISO_DAY = re.compile(r"\s*((?:19|20)\d\d)-(\d\d)-(\d\d)")


def iso_day(value: object) -> str | None:
    """The calendar day an ISO timestamp writes, as written (no time-zone shift), if plausible."""
    found = _ISO_DAY.match(str(value or ""))
    if not found:
        return None
    day = "-".join(found.groups())
    try:
        date.fromisoformat(day)
    except ValueError:
        return None
    return day if _MIN_DATE <= day <= date.today().isoformat() else None


# Meta tags that name the first publication; never the modified or updated ones.
_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "article:published", "datepublished", "published_time", "publish-date", "publish_date",
    "publishdate", "pubdate", "parsely-pub-date", "sailthru.date", "dc.date.issued",
    "dcterms.issued", "dcterms.created", "dc.date.created", "citation_publication_date",
    "original-publish-date", "article.published", "date.published",
)
# Containers of other stories: their dates and bylines are not the page's.
_OTHER_ITEMS = ("ancestor::li or ancestor::nav or ancestor::aside or ancestor::footer"
                " or ancestor::*[contains(@class, 'related') or contains(@class, 'teaser')"
                " or contains(@class, 'comment') or contains(@class, 'recirc')"
                " or contains(@class, 'sidebar') or contains(@class, 'promo')]")


def declared_stamp(tree: HtmlElement) -> str | None:
    """The first-publication timestamp the publisher declares for this page, as written."""
    for obj in _articles(tree):
        value = obj.get("datePublished") or obj.get("dateCreated")
        if iso_day(value):
            return str(value)
    wanted = set(_PUBLISHED_META)
    for element in tree.xpath("//meta[@content]")[:500]:
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "")
        if key.strip().lower() in wanted and iso_day(element.get("content")):
            return element.get("content")
    for element in tree.xpath(f'//*[@itemprop="datePublished"][not({_OTHER_ITEMS})]')[:5]:
        value = element.get("content") or element.get("datetime") or element.text_content()
        if iso_day(value):
            return value
    return None


def declared_published(tree: HtmlElement) -> str | None:
    """The first-publication day the publisher declares for this page, if any."""
    return iso_day(declared_stamp(tree))


# A timestamp in UTC: its day may be the next or the previous one where the outlet is.
_UTC = re.compile(r"T\d\d:\d\d(?::\d\d)?(?:\.\d+)?\s*(?:Z|[+-]00:?00)\s*$", re.IGNORECASE)


def _one_day_apart(a: str, b: str) -> bool:
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) == 1


_LOWER = "translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
# Visible "Published ..." lines and the article's own <time> elements.
_VISIBLE_DATE_XPATH = (
    f'//*[contains({_LOWER}, "publish") or contains({_LOWER}, "pubdate")'
    f' or contains({_LOWER}, "pub-date") or contains({_LOWER}, "dateline")'
    f' or contains({_LOWER}, "posted-on") or contains(@id, "publish")][not({_OTHER_ITEMS})]'
    f' | //time[not({_OTHER_ITEMS})]'
)
_UPDATE_LABEL = re.compile(
    r"\W*(?:last\s+)?(?:updated|modified|edited|aktualisiert|actualizado|mis\s+à\s+jour)\b",
    re.IGNORECASE)
_UPDATE_TAIL = re.compile(r"(?:last\s+)?(?:updated|modified|aktualisiert)\W*$", re.IGNORECASE)


def _says_updated(element: HtmlElement, text: str) -> bool:
    """An "Updated ..." line, or a <time> whose label just before it says "Updated"."""
    if _UPDATE_LABEL.match(text):
        return True
    previous, parent = element.getprevious(), element.getparent()
    if previous is not None:
        before = previous.text_content() + " " + (previous.tail or "")
    else:
        before = (parent.text or "") if parent is not None else ""
    return bool(_UPDATE_TAIL.search(before.strip()))


def visible_published(tree: HtmlElement) -> str | None:
    """The day of the first short visible "published" or <time> line that is no update."""
    for element in tree.xpath(_VISIBLE_DATE_XPATH)[:10]:
        text = " ".join(element.text_content().split())
        if 6 <= len(text) <= 80 and not _says_updated(element, text):
            day = text_day(text) or (iso_day(element.get("datetime"))
                                     if element.tag == "time" else None)
            if day:
                return day
    return None


_MONTHS = {m: i for i, names in enumerate((
    "jan january januar janvier enero", "feb february februar février febrero",
    "mar march märz mars marzo", "apr april avril abril", "may mai mayo",
    "jun june juni juin junio", "jul july juli juillet julio", "aug august août agosto",
    "sep sept september septembre septiembre",
    "oct october oktober octobre octubre", "nov november novembre noviembre",
    "dec december dezember décembre diciembre"), 1) for m in names.split()}
_MONTH = r"(?P<mon>%s)\.?" % "|".join(sorted(_MONTHS, key=len, reverse=True))
_TEXT_DATES = (
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+|de\s+)?" + _MONTH
               + r",?\s+(?:de\s+)?(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>\d\d)-(?P<day>\d\d)\b"),
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?P<year>(?:19|20)\d\d)\b"),
)


def text_day(text: str) -> str | None:
    """A date written out in a short visible line ("Published 11:11 PM EST Nov 19, 2019")."""
    for pattern in _TEXT_DATES:
        found = pattern.search(text)
        if found:
            mon = found["mon"]
            month = int(mon) if mon.isdigit() else _MONTHS[mon.lower()]
            if not 1 <= month <= 12:
                continue
            return iso_day(f"{found['year']}-{month:02d}-{int(found['day']):02d}")
    return None


def published_date(tree: HtmlElement, *, url: str | None = None) -> str | None:
    """The page's first-publication day, weighing the page's declarations and htmldate's.

    The declared day wins when htmldate's original-date reading agrees with it: two readings
    of the publisher's data beat a ``<time>`` that may belong to another item (unless the
    declared stamp is UTC and the dateline is the day before or after). Otherwise the
    page's visible dateline wins (its day is the outlet's own, where declared timestamps are
    often UTC or a later republication's); then htmldate, then the declared day alone, then
    htmldate's exhaustive search. On the tuned-on pages this order beat declared-first.
    """
    stamp = declared_stamp(tree)
    declared = iso_day(stamp)
    library = find_date(tree, url=url, original_date=True, extensive_search=False,
                        **date_bounds())
    shown = visible_published(tree)
    if declared and declared == library:
        # A UTC stamp's day and the outlet's own dateline one day apart: the dateline is local.
        if shown and _UTC.search(stamp.strip()) and _one_day_apart(shown, declared):
            return shown
        return declared
    return (
        shown
        or library
        or declared
        or find_date(tree, url=url, original_date=True, extensive_search=True, **date_bounds())
    )


# ------------------------------------------------------------------------------ authors

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
_DATE_WORDS = set(_MONTHS) | {
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
        elif isinstance(item, dict) and not re.search(r"organi[sz]ation", _types(item), re.I):
            name = item.get("name")
            if isinstance(name, str):
                names.append(name)
    return names


_AUTHOR_META = ("author", "article:author", "dc.creator", "dcterms.creator", "parsely-author",
                "sailthru.author", "byl", "citation_author", "twitter:creator:name")


def declared_authors(tree: HtmlElement, site: Site) -> list[str]:
    """Authors the publisher declares: the JSON-LD article's, else the author meta tags'."""
    for obj in _articles(tree):
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


_BYLINE_XPATH = (
    "//*[contains(@class, 'byline') or contains(@class, 'author') or contains(@class, 'Author')"
    " or contains(@id, 'author') or @rel='author' or @itemprop='author']"
    f"[not({_OTHER_ITEMS})][not(self::meta or self::link or self::script or self::img)]"
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
    # Small blocks only: a byline holds no paragraphs (and big containers cost text_content()).
    for element in tree.xpath(f"//body//*[self::p or self::div or self::span or self::em or"
                              f" self::i or self::strong or self::b][not(descendant::p or"
                              f" descendant::div)][not({_OTHER_ITEMS})]")[:3000]:
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
    for obj in _ld_objects(tree)[:50]:
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            names.add(publisher["name"])
        if re.search(r"organi[sz]ation|website", _types(obj), re.I) and isinstance(
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
