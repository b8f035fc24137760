"""Metadata recognisers for lines of scraped text: dates, bylines, outlets, language, ids.

Each function looks at one line (or the whole text) and returns what it can prove, or ``None``:
an outlet is never guessed, only read from evidence (a copyright line, a dateline, a
"Welcome to X" prompt, a site name, a URL).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date
from urllib.parse import urlsplit

from ..nlp import import_spacy
from ..outlets import normalise_outlet

import_spacy()  # spaCy without its command line (see there): the import below loads spaCy
from spacy.lang.en.stop_words import STOP_WORDS  # noqa: E402

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_LABEL = r"(?P<label>published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?|last\s+updated(?:\s+on)?|first\s+published(?:\s+on)?|modified|date)?\s*:?\s*"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
# A line that is a date and nothing else (with an optional label and time).
_DATE_LINE_RES = [
    re.compile(rf"^{_LABEL}{_WEEKDAY}(?P<mon>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}}){_TIME}\.?$", re.I),
    re.compile(rf"^{_LABEL}{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{_MONTH}),?\s+(?P<year>\d{{4}}){_TIME}\.?$", re.I),
    re.compile(rf"^{_LABEL}(?P<year>\d{{4}})-(?P<mnum>\d{{2}})-(?P<day>\d{{2}})(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?\S*)?$", re.I),
]


def parse_date_line(line: str) -> tuple[str | None, str] | None:
    """Read a line that is only a date ("Published JUN 20 2025", "July 21, 2025").

    Returns ``(label, iso_date)`` with label ``"updated"`` or ``"published"``, or ``None``.
    """
    text = " ".join(line.strip().split())
    if len(text) > 60:
        return None
    for pattern in _DATE_LINE_RES:
        m = pattern.match(text)
        if not m:
            continue
        groups = m.groupdict()
        month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["mon"].lower().rstrip(".")]
        try:
            iso = date(int(groups["year"]), month, int(groups["day"])).isoformat()
        except ValueError:
            return None
        label = (groups.get("label") or "").lower()
        kind = "updated" if ("updated" in label or "modified" in label) else "published"
        return kind, iso
    return None


# --------------------------------------------------------------------------- bylines

_NAME_WORD = r"(?:[A-Z][a-zA-Z'’\-]+|[A-Z]\.)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:de|van|von|da|del|bin|al|le|la)?\s*{_NAME_WORD}){{1,3}}"
_BYLINE_PART = re.compile(
    rf"^(?P<name>{_NAME})(?:\s+in\s+[A-Z][\w .'-]+|,?\s+(?:staff\s+writer|correspondent|reporter|editor))?$"
)


def parse_byline(line: str, *, loose: bool = False) -> list[str] | None:
    """Authors from a byline ("By A and B", "A in Washington, B in Tokyo and C in Brussels").

    Without "By", every name must carry its place ("A in Tokyo") unless ``loose`` (a line of
    the article's header, where a bare "A and B" is a byline rather than a heading).
    """
    text = " ".join(line.replace("*", "").split()).strip(" .")
    if not text or len(text) > 200 or text.endswith((".", "?", "!")) and not text.endswith("."):
        return None
    has_by = bool(re.match(r"^(?:written\s+)?by\s+", text, re.I))
    text = re.sub(r"^(?:written\s+)?by\s+", "", text, flags=re.I)
    text = re.sub(r",?\s+(?:senior\s+|chief\s+|foreign\s+)?(?:staff\s+writer|correspondent|reporter|editor|columnist)$",
                  "", text, flags=re.I)
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*\|\s*", text) if p.strip()]
    if not parts or len(parts) > 8:
        return None
    names = []
    for part in parts:
        m = _BYLINE_PART.match(part)
        if not m or not (has_by or loose or " in " in part):
            return None
        name = m.group("name")
        if any(w.lower() in STOP_WORDS for w in name.split()):
            return None
        names.append(name)
    # Without "By", a single name is too weak a signal (it could be a heading or a caption).
    if not has_by and len(names) < 2 and " in " not in text:
        return None
    return names


# --------------------------------------------------------------------------- outlets

_CORPORATE = re.compile(
    r"\b(?:limited|ltd\.?|inc\.?|llc|plc|corp(?:oration)?\.?|co\.|gmbh|s\.a\.|"
    r"all rights reserved\.?|group)\s*$",
    re.I,
)
_COPYRIGHT = re.compile(r"^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:©\s*)?(?P<body>.+)$", re.I)
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .,'’\-]{2,40})\s*\((?P<outlet>[A-Za-z][\w .&'’\-]{0,30})\)\s*(?:[-–—:]\s*)+"
)
_WELCOME = re.compile(r"^[Ww]elcome\s+to\s+(?P<outlet>[A-Z][\w.&'’\- ]{1,40}?)[.!]?$")


def outlet_from_copyright(line: str) -> str | None:
    """"Copyright The Financial Times Limited 2025. All rights reserved." -> "Financial Times"."""
    text = " ".join(line.replace("*", "").split())
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    m = _COPYRIGHT.match(text)
    if not m or len(text) > 160:
        return None
    body = m.group("body")
    body = re.split(r"\.\s|\ball rights reserved\b|\|", body, flags=re.I)[0]
    body = re.sub(r"\b(?:19|20)\d{2}\b(?:\s*[-–]\s*(?:19|20)\d{2})?", " ", body)
    body = body.strip(" ,.-–©")
    for _ in range(3):
        body = _CORPORATE.sub("", body).strip(" ,.-–")
    body = re.sub(r"^the\s+", "", body, flags=re.I).strip()
    words = body.split()
    if not words or len(words) > 6 or not body[0].isupper():
        return None
    return body


def split_dateline(line: str) -> tuple[str, str, str] | None:
    """"ISLAMABAD (PEN) : Japan has…" -> ("ISLAMABAD", "PEN", "Japan has…")."""
    m = _DATELINE.match(line)
    if not m:
        return None
    return m.group("place").strip(" ,"), m.group("outlet").strip(), line[m.end():].strip()


def outlet_from_welcome(line: str) -> str | None:
    m = _WELCOME.match(line.strip())
    return m.group("outlet").strip() if m else None


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to: its name when the host is a known outlet's
    ("https://www.ft.com/x" -> "Financial Times"), else the host without "www." ("example.org")."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    host = re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", host.lower())
    return normalise_outlet(host, credited=True) or host


# --------------------------------------------------------------------------- text-level

_WORD = re.compile(r"[A-Za-z']+")


def stopword_density(text: str) -> float:
    words = _WORD.findall(text.lower())
    if not words:
        return 0.0
    return sum(w in STOP_WORDS for w in words) / len(words)


def guess_language(text: str) -> str | None:
    """"en" when the text reads as English (stop-word share), else ``None`` (no guessing)."""
    sample = text[:20_000]
    words = _WORD.findall(sample.lower())
    if len(words) < 8:
        return None
    return "en" if stopword_density(sample) >= 0.25 else None


def content_id(text: str) -> str:
    """A stable id from the cleaned content: case, spacing and Unicode form do not change it."""
    norm = unicodedata.normalize("NFKC", text).lower()
    norm = " ".join(norm.split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]
