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
    return iso_partial_date(found[1]) if found else None
