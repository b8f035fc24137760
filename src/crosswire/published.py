"""Publication dates in the contract's form: an ISO date, with the time of day kept apart.

The contract's ``published``, ``first_published`` and ``last_published`` are ISO dates
(``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``). Inputs carry more or less than that: a JSONL
``published`` of "2025-06-03T08:00:00Z", an RSS ``pubDate`` read as a UTC date-time, a news-please
``date_publish`` of "2025-06-03 08:00:00", or a free-form "June 3, 2025" a reader passed through.
:func:`split_published` turns each into ``(date, date_time)``: the date as the publisher wrote it
(a time zone does not move it to another day) and the full ISO 8601 date-time when a time was
given. A value that is no readable date gives ``(None, None)``: a guess would be worse than no date.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_HAS_TIME = re.compile(r"\d[T ]\d{1,2}:\d{2}")


def iso_partial_date(value: str | None) -> str | None:
    """``value`` when it is a valid ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, else None."""
    if not isinstance(value, str):
        return None
    m = _PARTIAL.match(value.strip())
    if not m:
        return None
    year, month, day = (int(g) if g else None for g in m.groups())
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    return value.strip()


def split_published(value: str | None) -> tuple[str | None, str | None]:
    """``(ISO date, ISO date-time or None)`` for a publication value in any form inputs carry."""
    if not isinstance(value, str) or not value.strip():
        return None, None
    value = value.strip()
    partial = iso_partial_date(value)
    if partial:
        return partial, None
    try:
        return date.fromisoformat(value).isoformat(), None  # the basic form "20250603"
    except ValueError:
        pass
    moment = _iso_datetime(value) or _rfc2822(value)
    if moment is not None:
        return moment.date().isoformat(), moment.isoformat()
    return _free_form(value), None


def _iso_datetime(value: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    # "20250603" parses too, as midnight: a bare date is no time of day.
    return moment if _HAS_TIME.search(value) else None


def _rfc2822(value: str) -> datetime | None:
    """An RSS ``pubDate`` ("Tue, 03 Jun 2025 08:00:00 GMT") the feed reader did not parse."""
    if not re.search(r"\d{1,2}:\d{2}", value):
        return None
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None


def _free_form(value: str) -> str | None:
    """A written date ("June 3, 2025", "3 June 2025 08:00") read as the cleaner reads date lines."""
    from .ingest.meta import parse_date_line

    try:
        found = parse_date_line(value[:200])
    except Exception:  # noqa: BLE001 - an odd string must cost its date, never the run
        return None
    if found:
        return iso_partial_date(found[1])
    return dateline_date(value[:200])  # "21 July 2013 Last updated at 11:11 GMT", "11 / 28 / 05"


# --------------------------------------------------------------------------- fallbacks

# Dates publishers put in their URLs' paths: /2013-07-21/, /20130909/, /2013/09/09/, /2013/09/
# (a month only). Each stands between path separators so ids ("25441279") and years in slugs
# ("/2013-election-results/") are not read as days.
_Y, _M, _D = r"((?:19|20)\d\d)", r"(0[1-9]|1[0-2])", r"(0[1-9]|[12]\d|3[01])"
_URL_DAYS = (
    re.compile(rf"/{_Y}/{_M}/{_D}(?=[/_.-]|$)"),
    re.compile(rf"(?<=[/_-]){_Y}-{_M}-{_D}(?=[/_.-]|$)"),
    re.compile(rf"(?<=[/_-]){_Y}{_M}{_D}(?=[/_.-]|$)"),
)
_URL_MONTH = re.compile(rf"/{_Y}/{_M}/(?=[^\d/])")
_MIN_YEAR = 1995  # no news site dates its pages before the web's


def _plausible(iso: str) -> str | None:
    """``iso`` if it is a real day (or month) from the web's years up to today."""
    try:
        day = date.fromisoformat(iso if len(iso) == 10 else iso + "-01")
    except ValueError:
        return None
    return iso if date(_MIN_YEAR, 1, 1) <= day <= date.today() else None


def url_date(url: str | None) -> str | None:
    """The publication day (or month) a URL's path carries, or None."""
    if not isinstance(url, str) or "/" not in url:
        return None
    from urllib.parse import urlparse

    try:
        path = urlparse(url.strip()[:2000]).path
    except ValueError:
        return None
    for pattern in _URL_DAYS:
        for m in pattern.finditer(path):
            found = _plausible("-".join(m.groups()))
            if found:
                return found
    m = _URL_MONTH.search(path)
    return _plausible("-".join(m.groups())) if m else None


# "11 / 28 / 05", "28/11/2005": a numeric date and nothing else.
_NUMERIC_LINE = re.compile(r"^(\d{1,2})\s*([/.])\s*(\d{1,2})\s*\2\s*(\d{2}|\d{4})$")
# "... Last updated at 11:11 GMT" after the date of a BBC-style dateline.
_UPDATED_TAIL = re.compile(r"\s*[-|,\u2013\u2014]?\s*(?:last\s+)?updated(?:\s+(?:at|on))?\s*:?\s*"
                           r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?\s*$", re.IGNORECASE)


def dateline_date(line: str | None) -> str | None:
    """The day of a line that is only a dateline ("21 July 2013 Last updated at 11:11 GMT",
    "11 / 28 / 05"), or None. A numeric date whose day and month could be swapped
    ("05/06/07") gives None: a guess would be worse than no date."""
    if not isinstance(line, str):
        return None
    text = " ".join(line.split())
    if not text or len(text) > 80:
        return None
    m = _NUMERIC_LINE.match(text)
    if m:
        a, b, year = int(m[1]), int(m[3]), int(m[4])
        if len(m[4]) == 2:
            year += 2000 if year <= date.today().year % 100 else 1900
        if a <= 12 < b:
            month, day = a, b  # "11 / 28 / 05": month first, as in the US
        elif b <= 12 < a:
            month, day = b, a  # "28/11/2005"
        else:
            return None
        try:
            return _plausible(date(year, month, day).isoformat())
        except ValueError:
            return None
    from .ingest.meta import parse_date_line

    rest = _UPDATED_TAIL.sub("", text)
    try:
        found = parse_date_line(rest)
    except (ValueError, KeyError):
        return None
    return _plausible(found[1]) if found else None


# The words a dateline is made of besides its date: "Posted: Nov 27, 2005 8:20 AM ET Last Updated: ..."
_DATELINE_WORDS = frozenset(
    "posted updated last published modified first on at by am pm a.m p.m et est edt ct cst cdt mt pt pst pdt "
    "gmt utc bst cet cest ist jst aest hkt sgt uk st nd rd th".split())  # "10th June"
_MONTH_OR_DAY = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$|"
    r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?$", re.IGNORECASE)
_TIME = re.compile(r"\b\d{1,2}\s*:\s*\d{2}(?:\s*:\s*\d{2})?\s*(?:[ap]\.?m\.?)?", re.IGNORECASE)
_FIRST_PART = re.compile(r"^\W*(?:posted|published|first published)\b\W*|\W*\b(?:last\s+)?updated\b.*$",
                         re.IGNORECASE)


def is_dateline(line: str | None) -> bool:
    """Whether a line is only a dateline: dates, times and the words around them ("Posted
    11 / 27 / 2005 7:21 AM Updated 11 / 27 / 2005", "9 / 10 / 2010 @ 1: 19PM", "11 / 09 / 2010"),
    nothing a headline would say. Such a line is no title even when its date cannot be read."""
    if not isinstance(line, str):
        return False
    text = " ".join(line.split())
    if not text or len(text) > 120 or not re.search(r"\d", text):
        return False
    words = re.findall(r"[A-Za-z][A-Za-z.]*", _TIME.sub(" ", text))
    if any(w.lower().rstrip(".") not in _DATELINE_WORDS and not _MONTH_OR_DAY.match(w) for w in words):
        return False
    # a date's digits must be there ("11 / 09 / 2010", "Nov 27, 2005"), not a lone figure
    return bool(re.search(r"\d{1,4}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}|\b(?:19|20)\d{2}\b", text))


def _dateline_day(line: str) -> str | None:
    """The day a dateline gives when it was posted ("Posted 11 / 27 / 2005 7:21 AM Updated ...",
    "7: 00pm UK, Wednesday 05 May 2010")."""
    text = " ".join(line.split())
    first = _TIME.sub(" ", _FIRST_PART.sub("", text))
    first = re.sub(r"[@|]|\b(?:at|on|ET|EST|EDT|GMT|UTC|BST|UK)\b", " ", first)
    return dateline_date(" ".join(first.split()).strip(" ,:-"))


_UPDATED_LABEL = re.compile(r"^\W*(?:last\s+)?(?:updated|modified)\b\W*(?:at|on)?\b", re.IGNORECASE)


def header_dateline(line: str | None) -> tuple[str, str] | None:
    """``("published" | "updated", day)`` of a header line that is only a dateline ("Published at
    12:45, Wednesday, 12 June 2013", "Last updated at 11:24, Tuesday, 18 June 2013", "8: 56am
    Monday 10th June 2013", "Friday, Sep 10, 2010 | Updated 8:52 PM EDT"), or None."""
    if not is_dateline(line):
        return None
    text = " ".join(line.split())
    label = _UPDATED_LABEL.match(text)
    if label:
        rest = text[label.end():].strip(" ,:-")
        day = dateline_date(rest) or _dateline_day(rest)
        return ("updated", day) if day else None
    day = dateline_date(text) or _dateline_day(text)
    return ("published", day) if day else None


def fill_published(published: str | None, url: str | None, title: str | None) -> tuple[str | None, str | None]:
    """``(published, title)`` once a dateline taken for the title and the URL have had their say.

    A title that is only a dateline dates the article and is no title (it is dropped); the URL's
    date is used when nothing else dated the article.
    """
    shown = dateline_date(title)
    if not shown and is_dateline(title):
        shown = _dateline_day(title)
    if shown or is_dateline(title):
        title = None
    return published or shown or url_date(url), title
