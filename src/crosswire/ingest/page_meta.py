"""Publication date of an HTML page, and the page's JSON-LD that ``bylines`` reads too.

The evidence, most trustworthy first: what the publisher declares for the page itself (the
JSON-LD article's ``datePublished``, ``article:published_time``, ``itemprop="datePublished"``
outside lists of other stories; never a modified date), what the page shows (a "Published ..."
line, the article's ``<time>``), and htmldate's original-date reading, which is weighed with
them rather than overridden. ``eval/metadata.py`` measures it beside htmldate and trafilatura.
"""

from __future__ import annotations

import json
import re
from datetime import date

from htmldate import find_date
from lxml.html import HtmlElement

_MIN_DATE = "1995-01-01"


def date_bounds() -> dict[str, str]:
    """No publication before the web's news sites, none after today (computed per call)."""
    return {"min_date": _MIN_DATE, "max_date": date.today().isoformat()}


# ------------------------------------------------------------------------------ JSON-LD

# The page's own item; ItemList, BreadcrumbList, Organization... describe something else.
_ARTICLE_TYPE = re.compile(r"article|posting|report|review|recipe|webpage|itempage|creativework",
                           re.IGNORECASE)
_MAX_LD_CHARS = 2_000_000


def ld_objects(tree: HtmlElement) -> list[dict]:
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
            walk(value.get("mainEntity"), depth + 1)  # a WebPage holding its article

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


def ld_types(obj: dict) -> str:
    kind = obj.get("@type")
    return " ".join(map(str, kind)) if isinstance(kind, list) else str(kind or "")


def ld_articles(tree: HtmlElement) -> list[dict]:
    """JSON-LD objects describing the page's item: articles before plain web pages."""
    objects = [o for o in ld_objects(tree) if _ARTICLE_TYPE.search(ld_types(o))]
    return sorted(objects, key=lambda o: bool(re.search(r"webpage|itempage", ld_types(o), re.I)))


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
OTHER_ITEMS = ("ancestor::li or ancestor::nav or ancestor::aside or ancestor::footer"
                " or ancestor::*[contains(@class, 'related') or contains(@class, 'teaser')"
                " or contains(@class, 'comment') or contains(@class, 'recirc')"
                " or contains(@class, 'sidebar') or contains(@class, 'promo')]")


def declared_stamp(tree: HtmlElement) -> str | None:
    """The first-publication timestamp the publisher declares for this page, as written."""
    for obj in ld_articles(tree):
        value = obj.get("datePublished") or obj.get("dateCreated")
        if iso_day(value):
            return str(value)
    wanted = set(_PUBLISHED_META)
    for element in tree.xpath("//meta[@content]")[:500]:
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "")
        if key.strip().lower() in wanted and iso_day(element.get("content")):
            return element.get("content")
    for element in tree.xpath(f'//*[@itemprop="datePublished"][not({OTHER_ITEMS})]')[:5]:
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
    f' or contains({_LOWER}, "posted-on") or contains(@id, "publish")][not({OTHER_ITEMS})]'
    f' | //time[not({OTHER_ITEMS})]'
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


MONTHS = {m: i for i, names in enumerate((
    "jan january januar janvier enero", "feb february februar février febrero",
    "mar march märz mars marzo", "apr april avril abril", "may mai mayo",
    "jun june juni juin junio", "jul july juli juillet julio", "aug august août agosto",
    "sep sept september septembre septiembre",
    "oct october oktober octobre octubre", "nov november novembre noviembre",
    "dec december dezember décembre diciembre"), 1) for m in names.split()}
_MONTH = r"(?P<mon>%s)\.?" % "|".join(sorted(MONTHS, key=len, reverse=True))
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
            month = int(mon) if mon.isdigit() else MONTHS[mon.lower()]
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
