"""Altered copies of real news texts, each with one known planted disagreement.

Every alteration edits one span of the original (or its publication date) and says which
discrepancy kind a cross-checker should then report between original and copy:

=================  ======================================================  ===================
alteration         edit                                                    expected kind
=================  ======================================================  ===================
``number``         one number (not a year) changed: 12 -> 15, 4.5 -> 6.5    numeric
``status``         cancelled <-> postponed, confirmed <-> denied, ...       status
``negate``         "was arrested" -> "was not arrested"                      status
``date``           a weekday or month-day moved: Tuesday -> Thursday        temporal
``stale``          copy dated after an event the text calls upcoming        anachronism
``swap_source``    "according to Reuters" -> "according to the Herald"      attribution
``drop_source``    the crediting clause removed                             (none)
``control``        whitespace only                                          (none)
=================  ======================================================  ===================

Choices are drawn from a ``random.Random(seed)`` per document, so the same seed gives the same
copies. ``drop_source`` and ``control`` are negatives: any discrepancy they draw is a false alarm.

    PYTHONPATH=src .venv/bin/python eval/make_altered.py DOC_ID [--seed 13]   # print the copies
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

EXPECTED = {
    "number": "numeric", "status": "status", "negate": "status", "date": "temporal",
    "stale": "anachronism", "swap_source": "attribution", "drop_source": None, "control": None,
}
_STATUS_SWAPS = [
    ("cancelled", "postponed"), ("canceled", "postponed"), ("called off", "postponed"),
    ("scrapped", "postponed"), ("postponed", "cancelled"), ("confirmed", "denied"),
    ("denied", "confirmed"), ("approved", "rejected"), ("rejected", "approved"),
    ("imposed", "considered"), ("accepted", "rejected"),
]
_NEGATABLE = re.compile(r"\b(was|were|has been|have been|had been)\s+(arrested|charged|killed|fired|injured|sentenced|"
                        r"released|found|elected|appointed|convicted|detained|named|hired|dismissed|rescued)\b")
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b")
_MONTHDAY_RE = re.compile(r"\b(" + "|".join(_MONTHS) + r")\.? (\d{1,2})\b(?!,? \d{4}\b)")
_NUMBER_RE = re.compile(r"(?<![\w.,$/-])(\d{1,3}(?:,\d{3})*(?:\.\d+)?)(?![\w.,]\d|[\w/-])")
_NAME = r"(?:the )?[A-Z][\w.&'-]+(?: [A-Z][\w.&'-]+){0,3}"
_ACCORDING_RE = re.compile(r",? according to (" + _NAME + r")")
_SAID_RE = re.compile(r"(?<=[,.] )(" + _NAME + r") (?:said|reported|told)\b|(?<=, )(" + _NAME + r") (?:said|reported)\b")
_REPLACEMENTS = ["the Westbrook Herald", "Northgate News Agency", "the Pell Observer", "Radio Carvale"]
_ANON = re.compile(r"\b(?:He|She|They|It|Police|Officials?|Sources?|Witnesses|Authorities|The|A|An)$")


@dataclass
class Altered:
    """One copy of a document with one planted change."""

    doc_id: str
    alteration: str
    expected: str | None  # numeric, status, temporal, anachronism, attribution, or None
    text: str
    published: str | None
    detail: str


def _replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _pick(rng: random.Random, matches: list[re.Match]) -> re.Match | None:
    return rng.choice(matches) if matches else None


def _inside(m: re.Match, spans: list[tuple[int, int]] | None, group: int = 0) -> bool:
    return spans is None or any(s <= m.start(group) and m.end(group) <= e for s, e in spans)


def alter_number(text: str, rng: random.Random, spans: list[tuple[int, int]] | None = None) -> tuple[str, str] | None:
    cands = [m for m in _NUMBER_RE.finditer(text)
             if not re.fullmatch(r"(?:1[89]|20)\d\d", m.group(1)) and _inside(m, spans, 1)]
    m = _pick(rng, cands)
    if not m:
        return None
    raw = m.group(1).replace(",", "")
    value = float(raw)
    new = value + rng.choice([2, 3, 5]) if value < 20 else round(value * rng.choice([1.5, 2.0, 0.5]))
    fmt = f"{new:g}" if "." in raw else f"{int(new):,}" if "," in m.group(1) else str(int(new))
    return _replace(text, m.start(1), m.end(1), fmt), f"{m.group(1)} -> {fmt}"


def alter_status(text: str, rng: random.Random) -> tuple[str, str] | None:
    cands = [(m, new) for old, new in _STATUS_SWAPS for m in re.finditer(rf"\b{old}\b", text)]
    if not cands:
        return None
    m, new = rng.choice(cands)
    return _replace(text, m.start(), m.end(), new), f"{m.group(0)} -> {new}"


def alter_negate(text: str, rng: random.Random) -> tuple[str, str] | None:
    # "no one was injured" negated twice would say the same thing: leave negated contexts alone
    cands = [m for m in _NEGATABLE.finditer(text)
             if not re.search(r"\b(?:no|not|never|nobody|none|neither|nor)\b", text[max(0, m.start() - 40):m.start()], re.IGNORECASE)]
    m = _pick(rng, cands)
    if not m:
        return None
    return _replace(text, m.end(1), m.end(1), " not"), f"{m.group(0)} -> negated"


def alter_date(text: str, rng: random.Random, spans: list[tuple[int, int]] | None = None) -> tuple[str, str] | None:
    cands = [m for m in list(_WEEKDAY_RE.finditer(text)) + list(_MONTHDAY_RE.finditer(text)) if _inside(m, spans)]
    m = _pick(rng, cands)
    if not m:
        return None
    if m.group(0) in _WEEKDAYS:
        new = _WEEKDAYS[(_WEEKDAYS.index(m.group(0)) + rng.choice([2, 3])) % 7]
        return _replace(text, m.start(), m.end(), new), f"{m.group(0)} -> {new}"
    day = int(m.group(2))
    new_day = day + 3 if day <= 25 else day - 4
    return _replace(text, m.start(2), m.end(2), str(new_day)), f"{m.group(0)} -> {m.group(1)} {new_day}"


def alter_source(text: str, rng: random.Random, drop: bool) -> tuple[str, str] | None:
    cands = []
    for m in _ACCORDING_RE.finditer(text):
        if not _ANON.search(m.group(1).split()[0]):
            cands.append((m, 1))
    for m in ([] if drop else _SAID_RE.finditer(text)):  # "X said" cannot go without breaking the sentence
        g = 1 if m.group(1) else 2
        name = re.sub(r"^the ", "", m.group(g), flags=re.IGNORECASE)
        # a proper name ("Gerry Scherlinck", "the California Highway Patrol"), not "Organisers said"
        if len(name.split()) >= 2 and not _ANON.search(name.split()[0]) and not _ANON.search(name):
            cands.append((m, g))
    if not cands:
        return None
    m, g = rng.choice(cands)
    if drop:
        return _replace(text, m.start(), m.end(), ""), f"dropped '{m.group(0).strip()}'"
    new = rng.choice([r for r in _REPLACEMENTS if r.lower() != m.group(g).lower()])
    if re.search(r"(?:^|[.!?]\s+)$", text[:m.start(g)]):
        new = new[:1].upper() + new[1:]  # at a sentence start
    return _replace(text, m.start(g), m.end(g), new), f"{m.group(g)} -> {new}"


def stale_date(future_dates: list[str], rng: random.Random) -> tuple[str, str] | None:
    """A publication date after one of the event dates the text speaks of as upcoming."""
    days = []
    for v in future_dates:
        last = v.split("/")[-1]
        if len(last) == 10:
            days.append(dt.date.fromisoformat(last))
    if not days:
        return None
    d = rng.choice(sorted(days))
    pub = d + dt.timedelta(days=rng.choice([2, 5, 9]))
    return pub.isoformat(), f"published {pub.isoformat()} after {d.isoformat()}"


def make_altered(doc_id: str, text: str, published: str | None, seed: int = 13,
                 future_dates: list[str] | None = None,
                 quantity_spans: list[tuple[int, int]] | None = None,
                 date_spans: list[tuple[int, int]] | None = None) -> list[Altered]:
    """Every alteration that applies to the document (at most one of each).

    ``quantity_spans``/``date_spans`` (the extractor's mentions in the original) restrict the
    changed number or date to ones the extraction stage sees, so that a miss measures the
    comparison stage rather than the extractor; leave them None for the end-to-end view.
    """
    rng = random.Random(f"{seed}:{doc_id}")
    out = [Altered(doc_id, "control", None, text.replace("\n", "\n\n", 1) if "\n" in text else text + " ",
                   published, "whitespace")]
    edits = {
        "number": alter_number(text, rng, quantity_spans), "status": alter_status(text, rng),
        "negate": alter_negate(text, rng), "date": alter_date(text, rng, date_spans), "swap_source": alter_source(text, rng, drop=False),
        "drop_source": alter_source(text, rng, drop=True),
    }
    for name, edit in edits.items():
        if edit:
            out.append(Altered(doc_id, name, EXPECTED[name], edit[0], published, edit[1]))
    stale = stale_date(future_dates or [], rng)
    if stale:
        out.append(Altered(doc_id, "stale", "anachronism", text, stale[0], stale[1]))
    return out


def _main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 13
    here = Path(__file__).resolve().parent
    path = here / "data" / "ecbplus" / "docs.jsonl"
    if not path.exists():
        path = Path("/work/shared/eval-data/ecbplus_train_dev/docs.jsonl")
    for line in path.open(encoding="utf-8"):
        doc = json.loads(line)
        if doc["doc_id"] == argv[0]:
            for a in make_altered(doc["doc_id"], doc["text"], None, seed):
                print(f"--- {a.alteration} (expect {a.expected}): {a.detail}")
            return 0
    print(f"no document {argv[0]}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
