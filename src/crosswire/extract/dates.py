"""Dates in news text: absolute, partial and relative, resolved against a reference date.

Rule-based: one pass of precompiled patterns finds the spans; each pattern has a resolver that
turns its match into ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or an ISO interval ``START/END``
(inclusive end) given the reference date and the tense of the sentence. The tense (future, past,
ongoing) comes from cue words near the date and, when a spaCy ``Doc`` is given, from the verb
that governs it. A date without year takes the reference's year, moved one year forward or back
when the tense says the event lies on the other side of the reference.

The pattern table lives in ``date_patterns``, its resolvers in ``date_absolute``,
``date_relative``, ``date_ranges`` and ``date_holidays``; this module scans, reads the
tense, then composes phrases built around a found date ("the week of April 10", "the third
week of 2027", "two weeks before Christmas", "from March to date") and joins ranges.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from crosswire.extract import numbers as nb
from crosswire.extract.date_absolute import _r_md, _r_month, _r_month_year
from crosswire.extract.date_holidays import _r_holiday
from crosswire.extract.date_patterns import _PATTERNS
from crosswire.extract.date_relative import _r_weekday
from crosswire.extract.date_values import _NOT_A_DATE, _interval, _iso, _month_end, _shift_dur, _span_of
from crosswire.extract.date_words import _DUR
from crosswire.models import DateMention

MAX_TEXT = 2_000_000  # articles are hostile input: bound the work
MAX_MENTIONS = 5_000

_STANDALONE_MONTH = re.compile(r"^(?:may|march|mar|jan|jun|jul|aug|oct|dec|sept?)$", re.IGNORECASE)
_MONTH_CUE_BEFORE = re.compile(r"\b(?:in|since|by|until|till|from|through|during|before|after|of|"
                               r"last|next|this|early|late|mid|end|beginning|start|on|to|and|between|or|than)\s*-?\s*$",
                               re.IGNORECASE)


_OTHER_CALENDAR = re.compile(r"\b(?:chinese|lunar|islamic|hijri|arabic|jewish|persian|iranian|thai|"
                             r"vietnamese|korean|tamil|sikh|ethiopian|orthodox)\s+$", re.IGNORECASE)
_NATION_BEFORE = re.compile(r"(?:'s|\u2019s|\b(?:its|their|our|national)|[A-Z][a-z]+(?:n|ese|ish|i|ic))\s+$")


def _keep(text: str, m: re.Match, resolver) -> bool:
    """Reject matches that are words, not dates ("may" the verb, "march" the noun)."""
    if resolver is _r_month:
        word = m["mon"]
        if m["abbr"] and not (m["mod"] or m["rely"] or (
                word[0].isupper() and _MONTH_CUE_BEFORE.search(text[max(0, m.start() - 12):m.start()]))):
            return False  # "Feb" alone only after a cue ("after Feb", "last sept")
        if not m["mod"] and not m["part"] and not m["rely"]:
            # lower-case "june" is still a month after a cue ("in june"); "may", "march" and
            # "august" are words first
            if word[0].islower() and (word.lower() in ("may", "march", "mar") or
                                      not _MONTH_CUE_BEFORE.search(text[max(0, m.start() - 12):m.start()])):
                return False
            if word.lower() in ("may", "march", "mar") and not _MONTH_CUE_BEFORE.search(
                    text[max(0, m.start() - 12):m.start()]):
                return False
    if resolver in (_r_md, _r_month) and m["mon"].lower().rstrip(".") in ("may", "march") \
            and m["mon"][0].islower() and not (resolver is _r_md and m["d"][0].isdigit()):
        return False  # "this may take", "the march on": the verb and the noun
    if resolver is _r_month_year and "mo" in m.re.groupindex and m["mo"] and len(m["mo"]) == 2 \
            and m.start("y") < m.start("mo") and int(m["y"]) % 100 < int(m["mo"]):
        return False  # "2002-03" could be two years running on: leave it to the year range
    if resolver is _r_holiday and m["h"].lower().startswith("new") and _OTHER_CALENDAR.search(
            text[max(0, m.start() - 12):m.start()]):
        return False  # "Chinese New Year", "Islamic New Year": another calendar's
    if resolver is _r_holiday and m["h"].lower().startswith("independence") and _NATION_BEFORE.search(
            text[max(0, m.start() - 20):m.start()]):
        return False  # "Ukraine's Independence Day" is not the Fourth of July
    if resolver is _r_weekday and not m.group(0)[0].isupper() and m["mod"] is None:
        return bool(re.search(r"\b(?:on|by|until|since|from|last|next|this)\s+$",
                              text[max(0, m.start() - 8):m.start()], re.IGNORECASE)) or True
    return True


# Every pattern needs one of these words or a digit; scanning only the windows around them keeps
# the forty patterns off the bulk of the text (they would otherwise be tried at every offset).
_TRIGGER = re.compile(
    r"(?P<d>\d)|\b(?:(?P<r>today|tonight|yesterday|tomorrow|tmrw|ago|recent|earlier|later|quarter|"
    r"half|q[1-4]|h[12]|fy|fiscal|financial|spring|summer|autumn|fall|winter|century|week|month|"
    r"year|day|decade|end|morning|afternoon|evening|night|thousand|seventeen|eighteen|nineteen|"
    r"fortnight|(?:twent|thirt|fort|fift|sixt|sevent|eight|ninet)ies\b|noughties|tens\b|ytd\b)|"
    r"(?P<h>christmas|xmas|easter|thanks\s?giving|hallowe|juneteenth|pentecost|black\s+friday|cyber\s+monday|"
    r"new\s+year|good\s+friday|ash\s+wednesday)|"
    r"(?P<m>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|(?P<w>mon|tue|wed|thu|fri|sat|sun))",
    re.IGNORECASE,
)
_BEFORE, _AFTER = 40, 55


def _windows(text: str) -> list[tuple[int, int, str]]:
    """Merged (start, end, kinds) windows around trigger words."""
    out: list[list] = []
    for m in _TRIGGER.finditer(text):
        s, e = max(0, m.start() - _BEFORE), min(len(text), m.end() + _AFTER)
        if out and s <= out[-1][1]:
            out[-1][1] = e
            out[-1][2] += m.lastgroup
        else:
            out.append([s, e, m.lastgroup])
    return [(s, e, "".join(set(k))) for s, e, k in out]


@functools.lru_cache(maxsize=8)
def _windows_cached(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple(_windows(text))


@functools.lru_cache(maxsize=8)
def _scan(text: str) -> tuple[tuple[int, int, int, re.Match], ...]:
    """Non-overlapping date matches, longest first: (start, end, pattern index, match)."""
    found = []
    seen = set()
    windows = _windows_cached(text)
    for k, (need, rx, resolver) in enumerate(_PATTERNS):
        for ws, we, kinds in windows:
            if not any(c in kinds for c in need):
                continue
            for m in rx.finditer(text, ws, we):
                if (k, m.start()) in seen:
                    continue
                seen.add((k, m.start()))
                if m.end() > m.start() and _keep(text, m, resolver):
                    s, e = m.start(), m.end()
                    if "lead" in rx.groupindex and m["lead"]:
                        s = m.end("lead")  # the cue word is context, not part of the date
                    while e > s and text[e - 1] in " ,.-":
                        e -= 1
                    found.append((s, e, k, m))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2]))
    taken: list[tuple[int, int, int, re.Match]] = []
    occupied = bytearray(len(text) + 1)  # 1 where a longer match already sits
    for f in found:
        if any(occupied[f[0]:f[1]]) or _embedded_in_word(text, f[0], f[1]):
            continue
        occupied[f[0]:f[1]] = b"\x01" * (f[1] - f[0])
        taken.append(f)
        if len(taken) >= MAX_MENTIONS:
            break
    taken.sort()
    return tuple(taken)


def _embedded_in_word(text: str, s: int, e: int) -> bool:
    return (s > 0 and (text[s - 1].isalnum() or text[s - 1] in "$£€¥")) or \
        (s > 1 and text[s - 1] in ".," and text[s - 2].isdigit()) or \
        (e < len(text) and text[e].isalnum())


def date_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every date-like span, without resolving (used to keep dates out of
    quantities)."""
    return [(s, e) for s, e, _, _ in _scan(text[:MAX_TEXT])]


# --------------------------------------------------------------------------- tense

_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|'ll|shall|scheduled|slated|looming|upcoming|expected\s+to|expected|due\s+(?:to|on|in|by)|"
    r"set\s+to|set\s+for|plans?\s+to|planned|planning|going\s+to|ahead\s+of|next|coming|"
    r"tomorrow|to\s+be\s+held|would\s+(?:be\s+)?(?:hold|take|begin|start|meet)|intends?\s+to|aims?\s+to|"
    r"from\s+now|later\s+this|in\s+the\s+coming|forthcoming|deadline|by\s+the\s+end\s+of)\b",
    re.IGNORECASE,
)
_PAST_CUE = re.compile(
    r"\b(?:ago|last|yesterday|earlier|previously|was|were|had|did|said|announced|held|took|"
    r"met|began|ended|came|went|told|reported|saw|made|gave|signed|agreed|decided|"
    r"[a-z]{3,}ed)\b",
    re.IGNORECASE,
)
_ONGOING_CUE = re.compile(r"\b(?:is|are)\s+(?:\w+ing)\b|\b(?:currently|ongoing|underway|continues?|"
                          r"continuing|this\s+week|so\s+far|now|since)\b", re.IGNORECASE)
_NOT_PAST_ED = {"scheduled", "expected", "planned", "slated", "proposed", "needed", "related",
                "based", "united", "limited", "called", "required", "indeed", "red", "bed",
                "speed", "need", "feed", "embed", "seed", "used"}


_STRONG_FUTURE = re.compile(
    r"(?:\b(?:scheduled|slated|set\s+(?:to|for)|due|planned|expected|poised|looming|upcoming|"
    r"ahead\s+of|forthcoming|deadline|will|shall|to\s+be\s+held|"
    # "is to meet on Thursday", "the bill, to be voted on Thursday": what is still to happen.
    # Not "the first woman to be elected on Monday", which tells what happened.
    r"(?:is|are)\s+to\s+[a-z]+|,\s*to\s+be\s+[a-z]{3,}(?:ed|en|wn))|'ll)"
    r"\b[^.;]{0,30}$",
    re.IGNORECASE,
)


def _tense_rule(sentence: str, rel: int) -> str | None:
    """Tense from cue words: a future marker just before the date ("scheduled for", "looming
    on", "ahead of the"), else the cue nearest the date, past winning ties."""
    if _STRONG_FUTURE.search(sentence[max(0, rel - 40):rel]):
        return "future"
    lo = max(0, rel - 80)
    window = sentence[lo:rel + 60]
    fut = [m.start() + lo for m in _FUTURE_CUE.finditer(window)]
    past = [m.start() + lo for m in _PAST_CUE.finditer(window)
            if m.group(0).lower() not in _NOT_PAST_ED]
    if fut or past:
        df = min((abs(p - rel) for p in fut), default=10**6)
        dp = min((abs(p - rel) for p in past), default=10**6)
        return "future" if df < dp else "past"
    if _ONGOING_CUE.search(window):
        return "ongoing"
    return None


def _tense_doc(doc, start: int, end: int, sentence: str, rel: int) -> str | None:
    """Tense from the verb that governs the date, with the cue words as tie-breaker."""
    lex = _tense_rule(sentence, rel)
    if _STRONG_FUTURE.search(sentence[max(0, rel - 40):rel]):
        return "future"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return lex
    tok = span.root
    hops = 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head is not tok and hops < 6:
        tok = tok.head
        hops += 1
    if tok.pos_ not in ("VERB", "AUX"):
        return lex
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in auxes}
    if words & {"will", "'ll", "shall", "wo"} or tok.lemma_ in ("schedule", "slate"):
        return "future"
    if "to" in words and tok.head is not tok and tok.head.lemma_ in (
            "expect", "plan", "schedule", "set", "aim", "intend", "hope", "want", "go", "due"):
        return "future"
    if tok.tag_ == "VBD" or (words & {"had", "has", "have", "did", "was", "were"} and tok.tag_ == "VBN"):
        return "past"
    if tok.tag_ == "VBG" and words & {"is", "are", "am", "'re", "'s"}:
        return "ongoing"
    if tok.tag_ in ("VBZ", "VBP") and not auxes and tok.lemma_ not in _REPORTING:
        # A plain present ("the rule takes effect on 1 March", "the summit opens on Monday")
        # speaks of a scheduled event, not of what another clause's cue says ("signed two weeks
        # ago"): unknown tense, so a yearless date takes its nearest occurrence.
        return None
    return lex


_REPORTING = frozenset({"say", "tell", "report", "announce", "confirm", "claim", "state", "add", "note"})


# --------------------------------------------------------------------------- public


def extract_dates(text: str, reference: dt.date | None = None, doc=None) -> list[DateMention]:
    """Every date in ``text`` with its ISO value (resolved against ``reference``) and tense."""
    text = text[:MAX_TEXT]
    if isinstance(reference, dt.datetime):
        reference = reference.date()
    if doc is not None and (len(doc.text) != len(text) or not doc.has_annotation("DEP")):
        doc = None  # another text (offsets would not line up) or no parse to read
    sents = nb.SentenceIndex(text, doc)
    out: list[DateMention] = []
    for s, e, k, m in _scan(text):
        s0, _ = sents.span(s, e)
        sentence = sents.sentence(s, e)
        rel = s - s0
        tense = _tense_doc(doc, s, e, sentence, rel) if doc is not None else _tense_rule(sentence, rel)
        tense = _tense_from_date_words(m.group(0)) or tense
        try:
            value = _PATTERNS[k][2](m, reference, tense)
        except (ValueError, KeyError, OverflowError, StopIteration, IndexError):
            value = None
        if value == _NOT_A_DATE:
            continue
        out.append(DateMention(text=text[s:e], start=s, end=e, value=value, tense=tense,
                               sentence=sentence))
    if reference is not None:
        out = _compose(text, out, reference)
    return _merge_ranges(text, out, reference)


def _tense_from_date_words(surface: str) -> str | None:
    w = surface.lower()
    if re.search(r"\b(?:ago|yesterday|last|past|previous|earlier)\b", w):
        return "past"
    if re.search(r"\b(?:tomorrow|next|coming|from now|later|hence)\b", w):
        return "future"
    return None


_JOIN = re.compile(r"\s*(?:-|–|—|to|until|till|through|thru|and)\s*", re.IGNORECASE)
_LEAD = re.compile(r"(?:from|between)\s+$", re.IGNORECASE)


def _merge_ranges(text: str, dates: list[DateMention], ref: dt.date | None = None) -> list[DateMention]:
    """"from June 1 to June 5", "between 2015 and 2018": two dates joined into one interval."""
    if ref is not None:
        dates = [_to_now(text, d, ref) for d in dates]
    out: list[DateMention] = []
    i = 0
    while i < len(dates):
        a = dates[i]
        if i + 1 < len(dates):
            b = dates[i + 1]
            sep = _JOIN.fullmatch(text[a.end:b.start])
            lead = _LEAD.search(text[max(0, a.start - 9):a.start])
            word = sep.group(0).strip().lower() if sep else ""
            if sep and a.value and b.value and (word != "and" or (lead and "between" in lead.group(0).lower())):
                a = _year_from_end(a, b)
                (s1, _), (_, e2) = _span_of(a.value), _span_of(b.value)
                if s1 <= e2:
                    start = a.start - len(lead.group(0)) if lead else a.start
                    same_grain = "/" not in a.value + b.value and len(a.value) == len(b.value)
                    value = f"{a.value}/{b.value}" if same_grain else _interval(s1, e2)
                    out.append(DateMention(text=text[start:b.end], start=start, end=b.end,
                                           value=value, tense=a.tense or b.tense,
                                           sentence=a.sentence))
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


_NAMED_DAY = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\d/\d", re.IGNORECASE)
_HAS_YEAR = re.compile(r"\d{4}|'\d\d|\b(?:year|thousand|nineteen|eighteen)\b", re.IGNORECASE)


def _year_from_end(a: DateMention, b: DateMention) -> DateMention:
    """A range's start named without a year takes it from the end: "from May to September",
    "26 June to 28 June in 2020", "Nov to March" (the November before)."""
    if not a.value or not b.value or "/" in a.value or len(a.value) < 7 or _HAS_YEAR.search(a.text) \
            or not _NAMED_DAY.search(a.text):
        return a  # a relative start ("next Friday") keeps its own year
    end = _span_of(b.value)[1]
    md = a.value[5:]
    y = end.year if md <= end.isoformat()[5:5 + len(md)] else end.year - 1
    value = f"{y:04d}{a.value[4:]}"
    try:
        _span_of(value)
    except ValueError:  # February 29 in another year
        return a
    return DateMention(text=a.text, start=a.start, end=a.end, value=value, tense=a.tense, sentence=a.sentence)


# --------------------------------------------------------------------------- composition
# Phrases built around a date already found: "the week of April 10", "the third week of 2027",
# "2 weeks before <date>", "from March to date". Each widens the mention over its words.

_ORD_N = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
          "fifth": 5, "5th": 5, "last": -1, "final": -1}
_WEEK_OF = re.compile(r"(?:\b(?:the\s+)?week\s+(?:of|commencing|beginning|starting)(?:\s+on)?|\bw/c)\s+$",
                      re.IGNORECASE)
_PART_OF = re.compile(
    r"\b(?:the\s+)?(?:(?P<n>first|second|third|fourth|fifth|last|final|[1-5](?:st|nd|rd|th))\s+"
    r"(?:(?P<k>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+)?(?P<unit>week|month|day)s?"
    r"|(?P<wk>week)\s+(?P<wn>\d{1,2})|(?P<mn>\d{1,2})(?:st|nd|rd|th)\s+(?P<munit>month))\s+(?:of\s+|in\s+)?$",
    re.IGNORECASE)
_OFFSET_BEFORE = re.compile(rf"\b(?:in\s+)?(?P<dur>{_DUR})\s+(?P<dir>before|after|from|since)\s+$", re.IGNORECASE)
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12}


# A span laid from a day: "for two weeks from March 3", "a week starting tomorrow" (but "three
# days from Monday" is a point, read by _OFFSET_BEFORE).
_SPAN_FROM = re.compile(rf"(?:\bfor\s+(?P<dur>{_DUR})\s*,?\s+(?:(?:starting|beginning|commencing)(?:\s+(?:from|on))?|from)"
                        rf"|\b(?P<dur2>{_DUR})\s*,?\s+(?:starting|beginning|commencing)(?:\s+(?:from|on))?)\s+$",
                        re.IGNORECASE)
_WEEKEND_OF = re.compile(r"\b(?:the\s+)?(?:long\s+)?weekend\s+(?:of|before|after)\s+$", re.IGNORECASE)
_WEEKEND_AFTER = re.compile(r"(?:\s+\d{4})?\s+(?:long\s+)?weekend\b", re.IGNORECASE)


def _weekend_around(day: dt.date) -> str:
    """The weekend a day belongs to ("Labor Day weekend": Saturday to that Monday;
    "Thanksgiving weekend": that Thursday to Sunday)."""
    wd = day.weekday()
    if wd == 0:
        return _interval(day - dt.timedelta(days=2), day)
    if wd >= 5:
        sat = day - dt.timedelta(days=wd - 5)
        return _interval(sat, sat + dt.timedelta(days=1))
    return _interval(day, day + dt.timedelta(days=6 - wd))


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _part_of(m: re.Match, value: str) -> str | None:
    """Value of "the third week of <month or year>", "week 27 of <year>", "the 9th month of <year>",
    "the first ten days of <year>", "the last 3 weeks of <year>"."""
    parts = value.split("-")
    if "/" in value or len(parts) > 2:
        return None
    y = int(parts[0])
    month = int(parts[1]) if len(parts) == 2 else None
    if m["munit"] or (m["unit"] or "").lower() == "month":
        if month is not None:
            return None
        n = int(m["mn"]) if m["munit"] else _ORD_N.get(m["n"].lower(), 0)
        k = int(m["k"]) if m["k"] and m["k"].isdigit() else _SMALL.get((m["k"] or "").lower(), 1)
        if n == -1:
            return f"{y:04d}-{13 - k:02d}/{y:04d}-12" if k > 1 else f"{y:04d}-12"
        if not 1 <= n <= 12:
            return None
        return f"{y:04d}-{n:02d}" if k == 1 else f"{y:04d}-01/{y:04d}-{min(k, 12):02d}"
    n = int(m["wn"]) if m["wk"] else _ORD_N.get(m["n"].lower(), 0)
    k = int(m["k"]) if m["k"] and m["k"].isdigit() else _SMALL.get((m["k"] or "").lower(), 1)
    if (m["unit"] or "").lower() == "day":
        s, e = _span_of(value)
        if n == -1:
            return _interval(e - dt.timedelta(days=k - 1), e)
        return _interval(s, s + dt.timedelta(days=k - 1)) if n == 1 else None
    if month is None:  # weeks of a year are ISO weeks
        last = dt.date(y, 12, 28).isocalendar()[1]
        first_n = last - k + 1 if n == -1 else n
        if not 1 <= first_n <= last:
            return None
        start = dt.date.fromisocalendar(y, first_n, 1)
        return _interval(start, start + dt.timedelta(days=7 * k - 1))
    # A week belongs to the month holding its Thursday (as ISO weeks to years).
    if n == -1:
        start = _monday(_month_end(y, month))
        if (start + dt.timedelta(days=3)).month != month:
            start -= dt.timedelta(weeks=1)
        start -= dt.timedelta(weeks=k - 1)
    else:
        start = _monday(dt.date(y, month, 1))
        if (start + dt.timedelta(days=3)).month != month:
            start += dt.timedelta(weeks=1)
        start += dt.timedelta(weeks=n - 1)
    return _interval(start, start + dt.timedelta(days=7 * k - 1))


def _compose(text: str, dates: list[DateMention], ref: dt.date) -> list[DateMention]:
    out: list[DateMention] = []
    for d in dates:
        before = text[max(0, d.start - 45):d.start]
        new_start, value = None, None
        if d.value and "/" not in d.value and len(d.value) == 10:
            day = dt.date.fromisoformat(d.value)
            w = _WEEK_OF.search(before)
            o = _OFFSET_BEFORE.search(before)
            we = _WEEKEND_OF.search(before)
            we_after = _WEEKEND_AFTER.match(text, d.end)
            span = _SPAN_FROM.search(before)
            if span:  # "for 3 days starting next Monday", "a week starting tomorrow"
                new_start = d.start - len(span.group(0))
                value = _interval(day, _shift_dur(day, span["dur"] or span["dur2"], 1) - dt.timedelta(days=1))
            elif we or we_after:
                new_start = d.start - len(we.group(0)) if we else d.start
                value = _weekend_around(day)
                if we_after:
                    d = DateMention(text=d.text, start=d.start, end=we_after.end(), value=d.value,
                                    tense=d.tense, sentence=d.sentence)
            elif w:
                new_start, value = d.start - len(w.group(0)), _interval(_monday(day), _monday(day) + dt.timedelta(days=6))
            elif o:
                sign = -1 if o["dir"].lower() == "before" else 1
                new_start, value = d.start - len(o.group(0)), _iso(_shift_dur(day, o["dur"], sign))
        elif d.value:
            p = _PART_OF.search(before)
            if p:
                value = _part_of(p, d.value)
                new_start = d.start - len(p.group(0)) if value else None
        if new_start is None:
            out.append(d)
            continue
        while out and out[-1].end > new_start:  # "last week" of "the last week of July" is a part
            out.pop()
        out.append(DateMention(text=text[new_start:d.end], start=new_start, end=d.end, value=value,
                               tense=d.tense, sentence=d.sentence))
    return out


_TO_NOW = re.compile(r"\s*(?:to|till|until|through|and)\s+(?:date|now|today|the\s+present|present|current\s+date)\b",
                     re.IGNORECASE)
_FROM_NOW = re.compile(r"\b(?:between|from)\s+(?:now|today)\s+(?:and|to|till|until|through)\s+$", re.IGNORECASE)
_RANGE_LEAD = re.compile(r"\b(?:from|between|since)\s+$", re.IGNORECASE)


def _to_now(text: str, d: DateMention, ref: dt.date) -> DateMention:
    """"from March to date", "between Jan 2019 and now", "between now and November 15th"."""
    if not d.value:
        return d
    s, e = _span_of(d.value)
    after = _TO_NOW.match(text, d.end)
    lead = _RANGE_LEAD.search(text[max(0, d.start - 9):d.start])
    if after and lead and s <= ref:
        start = d.start - len(lead.group(0))
        return DateMention(text=text[start:after.end()], start=start, end=after.end(),
                           value=_interval(s, ref), tense=d.tense, sentence=d.sentence)
    pre = _FROM_NOW.search(text[max(0, d.start - 30):d.start])
    if pre and e >= ref:
        start = d.start - len(pre.group(0))
        return DateMention(text=text[start:d.end], start=start, end=d.end,
                           value=_interval(ref, e), tense=d.tense, sentence=d.sentence)
    return d
