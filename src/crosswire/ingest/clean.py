"""Turn a RawDocument into a clean Article: body without site chrome, plus metadata.

HTML goes through trafilatura (``ingest.html``). Plain text copied from a web page has no
markup left to tell the article from its chrome, so each line is classified from its own
features, as jusText does for HTML blocks: length, stop-word density, closing punctuation,
capitalisation, repetition and position, plus a small lexicon of interface phrases that any
site uses ("Sign up", "All rights reserved"). The article body is the stretch of the document
dominated by prose; what lies before it is header (title, byline, dates, categories) and what
lies after it is footer (copyright, topics, links, newsletter prompts).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..models import Article, RawDocument
from . import meta

# --------------------------------------------------------------------------- normalisation

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_MD_LINK = re.compile(r"!?\[([^\]\n]{0,300})\]\((?:[^()\s]|\([^()\s]*\))*\)")
_MD_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_STRAY_ASTERISK = re.compile(r"(?<![\w*])\*(?=[\w$€£¥])|(?<=[\w.%)\]])\*(?![\w*])")
_BULLET = re.compile(r"^\s*(?:[•·▪►●◦‣∙]|[-*+](?=\s))\s*")


def normalise_text(text: str) -> str:
    """Unicode NFC, unified newlines, no zero-width characters, no markdown debris."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").replace("\xa0", " ")
    text = _ZERO_WIDTH.sub("", text)
    lines = []
    for line in text.split("\n"):
        line = _MD_HEADING.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_BOLD.sub(r"\2", line)
        line = _STRAY_ASTERISK.sub("", line)
        lines.append(re.sub(r"[ ]{2,}", " ", line).strip())
    return "\n".join(lines)


# --------------------------------------------------------------------------- line features

# Interface phrases a site prints around any article. Generic by design: each is a UI or legal
# formula, never a phrase of one site's stories.
_CHROME = re.compile(
    r"""^(?:
        menu|search|close|home|share(?:\s+this(?:\s+article)?)?|print|email|comments?|log\s*in|
        sign\s*in|sign\s*up|register|subscribe(?:\s+now)?|advertisement|advertising|sponsored|
        skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|read\s+more|load\s+more|show\s+more|
        more\s+from.*|related(?:\s+(?:articles|stories|posts|topics|coverage))?|recommended(?:\s+for\s+you)?|
        you\s+may\s+also\s+like.*|most\s+(?:read|popular|viewed)|trending(?:\s+now)?|
        follow\s+(?:us|the\s+topics\s+in\s+this\s+article).*|(?:tags?|topics?|categories|category|filed\s+under)\s*[:—-].*|
        [—–-]\s*categor(?:y|ies)\s*:.*|market\s+data|watchlist|newsletters?|live\s+updates?|
        (?:external\s+links|further\s+reading|see\s+also|sources|references)(?:\s+for\s+further\s+reading)?\s*:?|
        listen(?:\s+to\s+this\s+article)?.*|(?:\d+\s+)?min(?:ute)?s?\s+read|
        accept(?:\s+all)?\s+cookies.*|cookie\s+(?:policy|settings).*|privacy\s+policy|terms\s+of\s+(?:use|service)|
        contact\s+us|about\s+us|all\s+rights\s+reserved.*
    )$""",
    re.I | re.X,
)
_PROMPT = re.compile(
    r"^(?:sign\s+up|subscribe|get\s+(?:our|the)\s+\w+\s+newsletter|join\s+(?:our|the)|"
    r"don'?t\s+miss|never\s+miss|download\s+(?:our|the)\s+app|follow\s+us|enter\s+your\s+email|"
    r"click\s+here|tap\s+here|welcome\s+to\s+[A-Z]|thank\s+you\s+for\s+(?:reading|subscribing))",
    re.I,
)
_COPYRIGHT_LINE = re.compile(r"^(?:copyright\b|©|\(c\)\s)|all rights reserved", re.I)
# Image captions and credits: "© AFP/Getty Images", "Source: … via Wikimedia Commons", "(Photo: …)".
_CREDIT = re.compile(
    r"(?:©\s*[\w&./ -]{2,60}$|\b(?:photo|image|picture|credit|source)s?\s*(?:by|:)\s*.{0,120}"
    r"(?:wikimedia\s+commons|getty\s+images|flickr|shutterstock|afp|reuters|ap\s+photo|public\s+domain|"
    r"cc[\s-]by|creative\s+commons)|\bvia\s+wikimedia\s+commons\b|\((?:photo|image|credit)s?\s*:[^)]*\)\s*$|"
    r"\b(?:getty\s+images|ap\s+photo|afp\s+via\s+getty|reuters/[A-Z][a-z]+)\s*\.?$)",
    re.I,
)
_POSITIONAL = re.compile(r",\s*(?:left|right|centre|center|second\s+(?:left|right)|pictured|above|below)\s*,", re.I)
_TERMINAL = ("." , "!", "?", "\"", "”", "’", "'", ")", "…", ":", ";")


@dataclass
class Line:
    text: str
    words: int
    density: float
    terminal: bool
    kind: str = ""  # good | short | heading | chrome | caption | meta | list


def _title_case_share(text: str) -> float:
    words = [w for w in re.findall(r"[A-Za-z][\w'’\-]*", text) if w.lower() not in meta.STOP_WORDS]
    if not words:
        return 0.0
    return sum(w[0].isupper() for w in words) / len(words)


def _classify(line: Line, seen_twice: bool) -> str:
    text = line.text
    if _CHROME.match(text) or (line.words <= 25 and _PROMPT.match(text)):
        return "chrome"
    if _COPYRIGHT_LINE.search(text) and line.words <= 30:
        return "chrome"
    if _CREDIT.search(text) or (_POSITIONAL.search(text) and line.words <= 60):
        return "caption"
    if _BULLET.match(text):
        return "list"
    if set(text) <= set("|-–—•·:_=*#>/ ") or (line.words <= 3 and text.startswith("|")):
        return "chrome"
    if seen_twice and line.words < 12:
        return "chrome"
    if meta.parse_date_line(text) or meta.parse_byline(text) or _header_dateline(text):
        return "meta"
    if line.words >= 10 and line.density >= 0.2 and (line.terminal or line.words >= 25):
        return "good"
    if line.words <= 16 and not line.text.endswith(".") and _title_case_share(text) >= 0.6:
        return "heading"
    if line.words >= 6 and line.density >= 0.25:
        return "good" if line.terminal else "short"
    return "short"


# --------------------------------------------------------------------------- re-joining

_CONTINUATION_START = re.compile(
    r"^(?:[a-z(%$€£¥]|per\s?cent|percent|of\b|and\b|or\b|but\b|to\b|in\b|for\b|with\b)"
)


def _join_broken_lines(lines: list[str]) -> list[str]:
    """Re-join a sentence broken across lines ("3.5\\n\\npercent of GDP", "talks after\\n\\nPresident …")."""
    out: list[str] = []
    for line in lines:
        if not line:
            continue
        if out:
            prev = out[-1]
            last_word = prev.rsplit(" ", 1)[-1].lower()
            ends_open = not prev.endswith(_TERMINAL) and len(prev.split()) >= 6
            numeric_tail = bool(re.search(r"\d$", prev)) and bool(re.match(r"^(?:per\s?cent|percent|%|[a-z])", line))
            joins = ends_open and (
                _CONTINUATION_START.match(line)
                or last_word in meta.STOP_WORDS
                or numeric_tail
            )
            # Never glue a heading-like or metadata line onto the paragraph before it.
            # Nor a line after a dateline ("THURSDAY, DECEMBER 3, 2009, 9:36 AM" ends open, on "am").
            if joins and not _CHROME.match(line) and not meta.parse_date_line(line) and not _header_dateline(prev):
                out[-1] = prev + " " + line
                continue
        out.append(line)
    return out


# --------------------------------------------------------------------------- the cleaner


@dataclass
class PlainTextResult:
    paragraphs: list[str]
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    updated: str | None = None
    outlet: str | None = None
    headings: list[str] = field(default_factory=list)


def clean_plain_text(text: str) -> PlainTextResult:
    """Split plain text into body paragraphs and header/footer metadata."""
    raw_lines = _join_broken_lines(normalise_text(text).split("\n"))
    counts: dict[str, int] = {}
    for line in raw_lines:
        key = line.lower()
        counts[key] = counts.get(key, 0) + 1
    lines = [
        Line(text=t, words=len(t.split()), density=meta.stopword_density(t), terminal=t.endswith(_TERMINAL))
        for t in raw_lines
    ]
    for line in lines:
        line.kind = _classify(line, counts[line.text.lower()] > 1)

    result = PlainTextResult(paragraphs=[])
    _read_outlet_evidence(lines, result)

    good = [i for i, line in enumerate(lines) if line.kind == "good"]
    if not good:
        # No prose at all: keep whatever is not chrome, so nothing a user gave is silently lost.
        result.paragraphs = [ln.text for ln in lines if ln.kind not in ("chrome", "caption", "meta")]
        return result
    start, end = good[0], _body_end(lines, good)

    _read_header(lines[:start], result)
    for line in lines[end + 1:]:
        if line.kind == "meta":
            _read_meta(line.text, result)

    in_link_block = False
    for i in range(start, end + 1):
        line = lines[i]
        if line.kind == "chrome" and re.search(r"links|reading|see also|related|sources", line.text, re.I):
            in_link_block = True
            continue
        if line.kind == "good":
            in_link_block = False
        if in_link_block or line.kind in ("chrome", "caption"):
            continue
        if line.kind == "meta":
            _read_meta(line.text, result)
            continue
        if line.kind == "heading":
            result.headings.append(line.text)
            continue
        text_i = line.text
        if i == start:
            dateline = meta.split_dateline(text_i)
            if dateline:
                result.outlet = result.outlet or dateline[1]
                text_i = dateline[2]
        if line.kind == "list":
            text_i = _BULLET.sub("", text_i)
        if line.kind in ("short", "list") and not _keeps_short_line(lines, i):
            continue
        result.paragraphs.append(text_i)
    return result


def _body_end(lines: list[Line], good: list[int]) -> int:
    """The last good line that is still part of the body, not a stray prose-like footer line.

    A good line that comes only after a run of chrome (a newsletter pitch after "Close") is
    footer: the body ends at the last good line before such a run.
    """
    end = good[0]
    chrome_run = 0
    for i in range(good[0], good[-1] + 1):
        kind = lines[i].kind
        if kind == "chrome":
            chrome_run += 1
            if chrome_run >= 2:
                break
        elif kind == "good":
            chrome_run = 0
            end = i
        elif kind not in ("short", "heading", "list", "caption", "meta"):
            chrome_run = 0
    return end


def _keeps_short_line(lines: list[Line], i: int) -> bool:
    """A short line inside the body stays when it reads as prose between prose (jusText's context)."""
    line = lines[i]
    if line.kind == "list":
        return line.words >= 4 and line.terminal
    prev_good = any(ln.kind == "good" for ln in lines[max(0, i - 2):i])
    next_good = any(ln.kind == "good" for ln in lines[i + 1:i + 3])
    return line.terminal and line.words >= 3 and prev_good and next_good


def _header_dateline(text: str) -> tuple[str, str] | None:
    from ..published import header_dateline

    return header_dateline(text)


def _read_meta(text: str, result: PlainTextResult, *, loose: bool = False) -> None:
    # the strict reader first; then datelines with a time, a weekday or a label around the date
    date_line = meta.parse_date_line(text) or _header_dateline(text)
    if date_line:
        kind, iso = date_line
        if kind == "updated":
            result.updated = result.updated or iso
        else:
            result.published = result.published or iso
        return
    authors = meta.parse_byline(text, loose=loose)
    if authors and not result.authors:
        result.authors = authors


def _read_header(header: list[Line], result: PlainTextResult) -> None:
    for line in header:
        if line.kind == "meta" or (line.kind == "heading" and meta.parse_byline(line.text, loose=True)):
            _read_meta(line.text, result, loose=True)
        elif result.title is None and line.kind in ("heading", "short", "good") and line.words >= 4:
            result.title = line.text.rstrip(" .")


def _read_outlet_evidence(lines: list[Line], result: PlainTextResult) -> None:
    """Outlet from a standalone copyright line or a "Welcome to X" prompt; never from a caption."""
    for line in reversed(lines):
        if line.kind != "chrome":
            continue
        outlet = meta.outlet_from_welcome(line.text)
        if outlet is None and _COPYRIGHT_LINE.search(line.text):
            outlet = meta.outlet_from_copyright(line.text)
        if outlet:
            result.outlet = outlet
            return


# --------------------------------------------------------------------------- RawDocument -> Article


def clean_document(raw: RawDocument) -> Article:
    """The cleaning stage: one RawDocument in, one Article out (raises InputError when empty)."""
    from ..errors import UnsupportedInput
    from ..published import fill_published

    if raw.kind == "html":
        from .html import extract_html

        found = extract_html(raw.content, url=raw.url)
        paragraphs = [normalise_text(p) for p in found.paragraphs if p.strip()]
        paragraphs = [p.replace("\n", " ") for p in paragraphs if p]
        title, authors = raw.title or found.title, raw.authors or found.authors
        published = raw.published or found.published
        updated = found.updated
        outlet = raw.outlet or found.outlet
        url = raw.url or found.url
        language = raw.language or found.language
    else:
        found = clean_plain_text(raw.content)
        paragraphs = found.paragraphs
        title, authors = raw.title or found.title, raw.authors or found.authors
        published, updated = raw.published or found.published, found.updated
        outlet, url, language = raw.outlet or found.outlet, raw.url, raw.language
    outlet = outlet or meta.outlet_from_url(url)
    published, title = fill_published(published, url, title)
    text = "\n\n".join(paragraphs).strip()
    if not text:
        raise UnsupportedInput("no article text found")
    return Article(
        id=meta.content_id(text),
        source=raw.source,
        text=text,
        outlet=outlet,
        title=title,
        authors=list(authors or []),
        published=published,
        updated=updated,
        url=url,
        language=language or meta.guess_language(text),
        paragraphs=paragraphs,
    )
