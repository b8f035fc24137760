"""Article body and metadata from an HTML page.

trafilatura finds the main content; this module decides between its precision and balanced
passes, cuts the site chrome they let through (the repeated headline, bylines, newsletter
prompts, "Related" link lists, copyright and credit lines) and gathers the metadata crosswire
needs (title, outlet, language, canonical URL; the publication date comes from
``ingest/page_meta.py``, the authors from ``ingest/bylines.py``). Body quality is measured by
``eval/extraction.py`` on the Zyte article-extraction benchmark, dates and authors by
``eval/metadata.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.metadata import extract_metadata
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from crosswire.errors import InputTooLarge, UnsupportedInput
from crosswire.ingest.bylines import page_authors, split_authors
from crosswire.ingest.page_meta import date_bounds, published_date

__all__ = ["HtmlResult", "extract_html", "body_paragraphs", "clean_lines", "split_authors",
           "published_date", "MAX_HTML_CHARS"]

# The caller caps raw inputs at 20 MB; the bound holds for direct callers too.
MAX_HTML_CHARS = 20_000_000
# Section headings inside the article ("Range and charging") are kept as paragraphs: the Zyte
# gold keeps them (dropping them costs 0.006 F1). The headline above the article never is.
KEEP_SUBHEADINGS = True
# Pages with more elements are not articles: trafilatura's own work grows with the tree.
MAX_TREE_ELEMENTS = 100_000


@dataclass
class HtmlResult:
    """What one HTML page yields: the clean body and the metadata found on the page."""

    text: str
    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    updated: str | None = None
    outlet: str | None = None
    language: str | None = None
    url: str | None = None


def extract_html(html: str, *, url: str | None = None) -> HtmlResult:
    """Extract the article body and metadata of one HTML page."""
    tree = _parse(html)
    meta = extract_metadata(tree, default_url=url, extensive=False)
    title = _clean(meta.title) or _page_title(tree)
    published = published_date(tree, url=url)
    authors = page_authors(tree, library_author=meta.author, sitename=meta.sitename, url=url)
    updated = find_date(tree, url=url, original_date=False, extensive_search=False,
                        **date_bounds())
    paragraphs = body_paragraphs(tree, title=title, summary=meta.description)
    text = "\n\n".join(paragraphs)
    return HtmlResult(
        text=text,
        paragraphs=paragraphs,
        title=title,
        authors=authors,
        published=published,
        updated=updated if updated and published and updated > published else None,
        outlet=_outlet(tree, meta.sitename, meta.url),
        language=_language(tree, text),
        url=_canonical(meta.url) or url,
    )


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def _parse(html: str) -> HtmlElement:
    if len(html) > MAX_HTML_CHARS:
        raise InputTooLarge(f"HTML page of {len(html):,} characters exceeds {MAX_HTML_CHARS:,}")
    # lxml refuses a str that declares its own encoding; the text is already decoded.
    html = _XML_DECLARATION.sub("", html, count=1)
    tree = load_html(html) if html.strip() else None
    if tree is None and html.strip():
        # A fragment (a feed entry's content, one <p>): trafilatura wants a whole document.
        tree = load_html(f"<html><body><div>{html}</div></body></html>")
    if tree is None:
        raise UnsupportedInput("the HTML page has no parsable content")
    if sum(1 for _ in tree.iter()) > MAX_TREE_ELEMENTS:
        raise UnsupportedInput(f"the HTML page has more than {MAX_TREE_ELEMENTS:,} elements")
    return tree


def _clean(text: str | None) -> str | None:
    text = " ".join((text or "").split())
    return text or None


def _page_title(tree: HtmlElement) -> str | None:
    for xp in ('//meta[@property="og:title"]/@content', "//h1", "//title"):
        for found in tree.xpath(xp):
            text = _clean(found if isinstance(found, str) else found.text_content())
            if text:
                return text
    return None


# ------------------------------------------------------------------------------------- meta

def _outlet(tree: HtmlElement, sitename: str | None, page_url: str | None) -> str | None:
    """The site's name when the page states it; a bare domain guessed from the URL is not."""
    name = _clean(sitename)
    if name and name.startswith(("http://", "https://")):
        name = re.sub(r"^https?://(?:www\.)?|/.*$", "", name)
    if not name:
        return None
    host = re.match(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)", page_url or "")
    if host and name == host[1]:
        stated = " ".join(tree.xpath("//title//text()") + tree.xpath("//meta/@content"))
        if name.lower() not in stated.lower():
            return None
    return name


# Function words that tell the common languages of the news apart when a page does not say.
_STOPWORDS = {
    "en": "the and of to in that is for with was on said".split(),
    "de": "der die und das ist nicht mit den von zu sich auf".split(),
    "fr": "le la les et des est une que dans pour pas qui".split(),
    "es": "el la los las y que del en por una con para".split(),
    "it": "il la che di e per una sono del non della con".split(),
    "pt": "o a os que de do da em para uma com não".split(),
    "nl": "de het een en van is dat niet op zijn met voor".split(),
}


def _language(tree: HtmlElement, text: str = "") -> str | None:
    """The page's declared language, else a guess from function words of the body."""
    for value in tree.xpath(
        '/html/@lang | //meta[@http-equiv="content-language"]/@content'
        ' | //meta[@property="og:locale"]/@content'
    ):
        code = re.match(r"\s*([A-Za-z]{2,3})(?:[-_]|$)", str(value))
        if code:
            return code[1].lower()
    words = re.findall(r"[^\W\d_]+", text[:20_000].lower())
    if len(words) < 20:
        return None
    counts = {lang: sum(w in stop for w in words) for lang, stop in _STOP_SETS.items()}
    best = max(counts, key=counts.get)
    return best if counts[best] >= 0.15 * len(words) else None


_STOP_SETS = {lang: frozenset(words) for lang, words in _STOPWORDS.items()}


def _canonical(value: str | None) -> str | None:
    value = _clean(value)
    return value if value and re.match(r"https?://[^\s/]+", value) else None


# ------------------------------------------------------------------------------------- body

# The precision pass is cleaner; when it keeps less than a short article and much less than the
# balanced pass, it has lost the article (it took a teaser or a caption), so the balanced pass
# wins. A long precise text is kept even when the balanced one is longer: that surplus is chrome.
_PRECISION_MIN_SHARE = 0.5
_PRECISION_MIN_WORDS = 150


def _extract(tree: HtmlElement, precision: bool):
    return bare_extraction(
        tree, favor_precision=precision, include_comments=False, include_tables=True,
        with_metadata=False,
    )


_EMBED_XPATH = (
    '//blockquote[contains(@class, "twitter-tweet") or contains(@class, "instagram-media")'
    ' or contains(@class, "tiktok-embed")]'
)
_EMBED_WRAPPER = re.compile(r"social|embed|tweet|widget", re.IGNORECASE)


def _unhide_embedded_posts(tree: HtmlElement) -> None:
    """Let quoted social posts through: they are part of the story, their wrappers look like chrome.

    trafilatura drops any block whose class says "social" or "widget"; an embedded post keeps its
    text in a plain blockquote (the script that would render it never runs here), so the wrappers'
    class names are cleared up to the article container.
    """
    for quote in tree.xpath(_EMBED_XPATH)[:50]:
        quote.attrib.pop("class", None)
        for wrapper in list(quote.iterancestors())[:4]:
            if wrapper.tag in ("article", "main", "body"):
                break
            if _EMBED_WRAPPER.search(wrapper.get("class", "") + " " + wrapper.get("id", "")):
                wrapper.attrib.pop("class", None)
                wrapper.attrib.pop("id", None)


def body_paragraphs(
    tree: HtmlElement, *, title: str | None = None, summary: str | None = None
) -> list[str]:
    """The article's own paragraphs, chrome removed (clears embedded posts' wrapper classes)."""
    _unhide_embedded_posts(tree)
    chosen = _extract(tree, True)
    precise_text = (chosen.text if chosen is not None else "") or ""
    # The balanced pass costs a second extraction: run it only when the precise one is short.
    if _words(precise_text) < _PRECISION_MIN_WORDS:
        balanced = _extract(tree, False)
        balanced_text = (balanced.text if balanced is not None else "") or ""
        if balanced is not None and len(precise_text) < _PRECISION_MIN_SHARE * len(balanced_text):
            chosen = balanced
    if chosen is None or chosen.body is None:
        return _plain_paragraphs(tree)
    lines = _lines(chosen.body, _linked_items(tree))
    lines += _continuation_chunks(tree, lines)
    return clean_lines(lines, title=title, summary=summary)


# Blocks of a page too short for trafilatura (a feed entry, a brief): their own text.
_BLOCKS = "p|li|blockquote|pre|td|dd|h2|h3|h4|h5|h6"
_HIDDEN = "script|style|noscript|template|nav|header|footer|aside|form|button|select|svg"


def _plain_paragraphs(tree: HtmlElement) -> list[str]:
    """Text of the visible blocks when trafilatura finds no article (short pages, fragments)."""
    hidden = " or ".join(f"ancestor-or-self::{t}" for t in _HIDDEN.split("|"))
    blocks = tree.xpath(f"//body//*[{' or '.join(f'self::{t}' for t in _BLOCKS.split('|'))}]"
                        f"[not({hidden})]")
    texts = [" ".join(t.split()) for b in blocks[:5000]
             for t in ["".join(x for x in b.xpath(f".//text()[not({hidden})]"))]]
    texts = [t for t in texts if t]
    if not texts:
        loose = tree.xpath(f"//body//text()[not({hidden})]")
        texts = [" ".join(t.split()) for t in "".join(loose).split("\n")]
        texts = [t for t in texts if t]
    return clean_lines([("p", t) for t in dict.fromkeys(texts)])


def _link_density(element: HtmlElement) -> float:
    text = sum(len(t) for t in element.itertext())
    links = sum(len(t) for a in element.iter("a") for t in a.itertext())
    return links / text if text else 1.0


# Class names of containers that hold other stories, comments or chrome, never the article.
_NOT_BODY_CLASS = re.compile(
    r"comment|related|teaser|promo|card|sidebar|widget|nav|foot|head|share|social|caption|excerpt"
    r"|list|recirc|more|recommend|newsletter|modal|tab|author|bio", re.IGNORECASE)
_CHUNK_MIN_WORDS = 30


def _continuation_chunks(tree: HtmlElement, lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Paragraphs of the article's sibling chunks that trafilatura left out.

    Some sites split one article into several containers of the same class (between them sit
    ads or pull quotes); trafilatura keeps the first. The others are the same article when they
    repeat the exact tag and class of the container holding the extracted paragraphs.
    """
    def key(text: str) -> str:  # the same paragraph, whatever its ending or inline chrome
        return " ".join(_norm(text).split()[:12])

    kept = {key(t) for _, t in lines}
    first = next((t for _, t in lines if _words(t) >= 20), None)
    if first is None:
        return []
    anchor = next((p for p in tree.iter("p") if _norm(p.text_content()) == _norm(first)), None)
    if anchor is None:
        return []
    container = next((a for a in anchor.iterancestors() if a.get("class")), None)
    if container is None or _NOT_BODY_CLASS.search(container.get("class", "")):
        return []
    # Chunks of one article sit side by side: under the same parent or grandparent.
    family = [a for a in (container.getparent(),) if a is not None]
    family += [g for g in (family[0].getparent(),) if g is not None] if family else []
    twins = [e for e in tree.iter(container.tag) if e.get("class") == container.get("class")
             and any(a in family for a in (e.getparent(), _grandparent(e)))]
    if len(twins) < 2:
        return []
    after = twins[twins.index(container) + 1:]
    added: list[tuple[str, str]] = []
    for twin in after:
        # A chunk with its own headline is another story; one made of links is a teaser list.
        if twin.xpath(".//h1|.//h2|.//article") or _link_density(twin) > 0.3:
            continue
        paras = [_clean(p.text_content()) or "" for p in twin.iter("p") if _link_density(p) < 0.5]
        paras = list(dict.fromkeys(p for p in paras if _words(p) >= 8 and key(p) not in kept))
        if sum(_words(p) for p in paras) >= _CHUNK_MIN_WORDS:
            added.extend(("p", p) for p in paras)
            kept.update(key(p) for p in paras)
    return added


def _grandparent(element: HtmlElement) -> HtmlElement | None:
    parent = element.getparent()
    return parent.getparent() if parent is not None else None


def _lines(body, linked: set[str] = frozenset()) -> list[tuple[str, str]]:
    """(kind, text) per block: "head", "item" (list item), "link" (list item all link), "p"."""
    heads = {" ".join("".join(h.itertext()).split()) for h in body.iter("head")}
    out = []
    for raw in xmltotxt(body, False).split("\n"):
        text = " ".join(raw.split())
        if not text or re.fullmatch(r"[|\-: ]+", text):
            continue
        kind = "p"
        if text.startswith("- "):
            kind, text = "item", text[2:]
        elif text.startswith("|") and text.endswith("|"):
            cells = (c.strip() for c in text.strip("|").split("|"))
            kind, text = "row", " | ".join(c for c in cells if c)
        if text in heads:
            kind = "head"
        elif kind == "item" and text in linked:
            kind = "link"
        out.append((kind, text))
    return out


# Lines a site adds around the article, in the languages the benchmark and the demo use. Only
# short lines are judged: an article's own long paragraph is never dropped by a phrase.
_CHROME = re.compile(
    r"""^(?:
      \W*(?:related|read\ more|see\ more|more|also|also\ read|read\ also|recommended|don'?t\ miss
         |most\ read|you\ (?:may|might)\ also\ like|more\ from|further\ reading|see\ also
         |leggi\ anche|lesen\ sie\ auch|leia\ tamb[ée]m|lea\ tambi[ée]n|(?:à\ )?lire\ aussi
         |mehr\ zum\ thema|читайте\ также|tags?|filed\ under|categor(?:y|ies)|topics?
         |source|sources|photos?|image|advertisement|anzeige|publicidade|pubblicità)\b\W*(?::|$)
    | \W*(?:©|\(c\)\s|copyright\b)
    | .*\ball\ rights\ reserved\b
    | .*무단\s?전재
    | \W*(?:additional\ )?(?:reporting|editing|writing|compiled|translated)\ by\b
    | .*\bcontributed\ (?:reporting|to\ this\ (?:report|article|story))
    | .*\b(?:sign\ up|subscribe)\b.*\b(?:newsletter|inbox|e-?mail|free|today|now)\b
    | .*\b(?:newsletter|inbox)\b.*\b(?:sign\ up|subscribe|deliver|get)\w*\b
    | \W*(?:get|start)\ (?:the|your)\ (?:latest|day|daily|morning|evening|top)\b
        .*\b(?:inbox|newsletter|headlines)\b
    | \W*follow\ (?:us|him|her|them|the\ \w+|[\w ]{1,40}\ on)\b
        .*\b(?:twitter|facebook|instagram|youtube|linkedin|tiktok)\b
    | \W*(?:follow|more)\b.*\bhttps?://\S+$
    | \W*(?:write\ to|reach|contact)\ (?:the\ )?[\w ]{1,40}\ at\ \S+@\S+
    | .*\bpersonal,?\ non-?commercial\ use\b
    | \W*if\ you\ (?:enjoyed|liked|value|appreciate)\ this\ (?:article|story|post|piece)\b
    | .*\ban\ error\ (?:has\ )?occurred\b
    | .*\((?:photo|image|picture)?\s*credits?:[^)]*\)$
    | .*\b(?:share|like)\ this\ (?:story|article|post)\b
    | \W*(?:click|tap)\ here\b
    | \W*(?:\d+\ )?comments?\W*$
    | .*\b(?:comments\ are\ closed|leave\ a\ (?:comment|reply)|post\ a\ comment)\b
    | .*\bmay\ be\ reached\ at\b | .*\bhave\ a\ (?:news\ )?tip\b
    | \W*e-?mail\ (?:the\ (?:writer|author|reporter)|us|him|her)\b
    | \W*\(?(?:image|photo|picture|video)\ (?:credit|courtesy|source)s?\b
    | .*\b(?:min(?:ute)?s?\ read|reading\ time|tempo\ de\ leitura|lesezeit)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# A line opening a list of links to other stories: what follows it is chrome while short.
_TEASER = re.compile(
    r"""^\W*(?:related|read\ more|see\ more|more|also\ read|read\ also|recommended|don'?t\ miss
    |most\ read|you\ (?:may|might)\ also\ like|more\ from|leggi\ anche|lesen\ sie\ auch
    |leia\ tamb[ée]m|lire\ aussi
    |more\ stories|trending|popular|latest\ news|top\ stories)\b""",
    re.IGNORECASE | re.VERBOSE,
)
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)]*$")
_CHROME_MAX_WORDS = 40
_TEASER_MAX_WORDS = 16
_DATE_LINE = re.compile(
    r"""^\W*(?:(?:published|updated|posted|last\ updated|on)\W*)?
        [\w,.:/\ -]*\b(?:19|20)\d\d\b[\w,.:/\ -]*$""",
    re.IGNORECASE | re.VERBOSE,
)
_MONTHISH = re.compile(r"\d{1,2}[:/.]\d{1,2}|[a-zà-ü]{3,}", re.IGNORECASE)
_BYLINE = re.compile(r"^\W*(?:by|von|por|par|di|door|av|af)\s+\S", re.IGNORECASE)


# Machine timestamps a page leaks into its text (hidden metadata spans).
_MACHINE = re.compile(r"^(?:\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)$")


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _is_chrome(text: str) -> bool:
    return _words(text) <= _CHROME_MAX_WORDS and bool(_CHROME.match(text))


def _is_lead_chrome(text: str, title: str | None, summary: str | None = None) -> bool:
    """Headline, standfirst, dateline or byline repeated above the article."""
    norm = _norm(text)
    if title and norm and (norm == _norm(title) or (len(norm) > 20 and norm in _norm(title))):
        return True
    # The standfirst repeats the page's description and, unlike a first paragraph, is no sentence.
    if summary and norm == _norm(summary) and not _SENTENCE_END.search(text):
        return True
    # Datelines and bylines are not sentences: "By noon, the fire was out." stays.
    n = _words(text)
    if _SENTENCE_END.search(text):
        return False
    if n <= 12 and _DATE_LINE.match(text) and _MONTHISH.search(text):
        return True
    return n <= 8 and bool(_BYLINE.match(text))


def _linked_items(tree: HtmlElement) -> set[str]:
    """Texts of the page's list items that are wholly a link (trafilatura drops the links)."""
    items = set()
    for li in tree.iter("li"):
        text = _clean(li.text_content())
        if text and _link_density(li) >= 0.9:
            items.add(text)
    return items


def clean_lines(
    lines: list[tuple[str, str]], *, title: str | None = None, summary: str | None = None
) -> list[str]:
    """Drop chrome lines; return the kept texts."""
    kept: list[tuple[str, str]] = []
    teaser = teaser_items = False
    for i, (kind, text) in enumerate(lines):
        n = _words(text)
        # Teaser headlines do not end as sentences do; a sentence means the article resumed.
        if teaser and n <= _TEASER_MAX_WORDS and not (n >= 6 and _SENTENCE_END.search(text)):
            continue
        # "Related: X" followed by a bullet list of more headlines.
        if teaser_items and kind in ("item", "link") and n <= _TEASER_MAX_WORDS:
            continue
        teaser = teaser_items = False
        if i < 4 and not kept and _is_lead_chrome(text, title, summary):
            continue
        if n <= _TEASER_MAX_WORDS and _TEASER.match(text):
            teaser_items = True
            if n <= 3 or text.rstrip().endswith(":") or kind == "head":
                teaser = True
                continue
        if _is_chrome(text) or _MACHINE.match(text) or (title and _norm(text) == _norm(title)):
            continue
        teaser_items = False
        kept.append((kind, text))
    # A list of links closing the article points to other stories.
    tail = [i for i, (kind, _) in enumerate(kept) if kind == "link" and i >= len(kept) - 3]
    if tail:
        start = tail[-1]
        while start > 0 and kept[start - 1][0] == "link":
            start -= 1
        if tail[-1] - start >= 1:
            kept = kept[:start] + kept[tail[-1] + 1:]
    # A heading with nothing of the article after it belongs to the page, not the story.
    while kept and kept[-1][0] == "head":
        kept.pop()
    if not KEEP_SUBHEADINGS:
        kept = [(kind, text) for kind, text in kept if kind != "head"]
    return [t for _, t in kept]
