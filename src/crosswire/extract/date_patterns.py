"""The date pattern table: each regex, the trigger kinds it needs, and its resolver.

Resolvers live in ``date_absolute``, ``date_relative``, ``date_ranges`` and ``date_holidays``; the
words and regex fragments they share in ``date_words``, the calendar arithmetic in ``date_values``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from crosswire.extract.date_absolute import (
    _part_of_month,
    _r_century,
    _r_day_only,
    _r_decade,
    _r_decade_words,
    _r_fiscal,
    _r_iso,
    _r_md,
    _r_mdy,
    _r_month,
    _r_month_year,
    _r_nth_weekday,
    _r_numeric,
    _r_numeric_md,
    _r_quarter,
    _r_season,
    _r_weekday_day,
    _r_year,
)
from crosswire.extract.date_holidays import _HOLIDAY_RX, _r_holiday
from crosswire.extract.date_ranges import (
    _r_day_range_rel,
    _r_md_range,
    _r_month_range,
    _r_numeric_md_range,
    _r_quarters,
    _r_recent,
    _r_within,
    _r_year_range,
)
from crosswire.extract.date_relative import (
    _part_of_now,
    _r_ago,
    _r_dayword,
    _r_earlier_later,
    _r_end_of,
    _r_in_future,
    _r_later,
    _r_rel_period,
    _r_rest_of,
    _r_the_weekend,
    _r_week_number,
    _r_weekday,
)
from crosswire.extract.date_values import _interval, _period_value
from crosswire.extract.date_words import (
    _DAY,
    _DAYNUM,
    _DUR,
    _MON,
    _NOT_QTY,
    _NO_NOUN,
    _NUMW,
    _ORDW,
    _SEP,
    _UNITW,
    _WD,
    _WD_FULL,
    _YEAR,
    _YEAR_W,
    _month,
    _rx,
    _year,
)


Resolver = Callable[[re.Match, "dt.date | None", "str | None"], "str | None"]


# --------------------------------------------------------------------------- patterns
# Each entry: (trigger kinds it needs, pattern, resolver). Kinds: d digit, m month name,
# w weekday name, h holiday name, r other time words (see dates._TRIGGER); a pattern runs only
# on text windows holding one of its kinds. Order matters only for equal-length overlaps: the longest match wins.

_PATTERNS: list[tuple[str, re.Pattern, Resolver]] = [
    ("m", _rx(rf"(?P<d>{_DAYNUM})\s*[-/]\s*(?P<mon>{_MON})\s*[-/]\s*(?P<y>{_YEAR})"), _r_mdy),
    ("m", _rx(rf"(?P<y>{_YEAR})\s*[-/]\s*(?P<mon>{_MON})\s*[-/]\s*(?P<d>{_DAYNUM})"), _r_mdy),
    ("m", _rx(rf"(?P<mon>{_MON})\s*(?:-|–|to|through|until)\s*(?P<mon2>{_MON}),?\s*(?P<y>{_YEAR})"), _r_month_range),
    ("d", _rx(rf"(?P<y>{_YEAR})\s*-?\s*Q(?P<q>[1-4])(?P<half>)\b"), lambda m, r, t: _r_quarter(m, r, t)),
    ("w", _rx(rf"(?:the\s+)?(?P<n>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+(?P<wd>{_WD_FULL})\s+"
         rf"(?:of|in)\s+(?:(?P<mod>this|next|last|previous)\s+month|(?P<mon>{_MON})(?:\s+(?P<y>{_YEAR}))?)"),
     _r_nth_weekday),
    # "the second Sunday": of the reference's month
    ("w", _rx(rf"(?:the\s+)?(?P<n>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?P<wd>{_WD_FULL})(?P<mon>)(?P<mod>)"
         rf"(?!\s+(?:of|in|after|before|since|following|prior)\b)"), _r_nth_weekday),
    ("m", _rx(rf"(?:(?:from|between)\s+)?(?:{_WD},?\s+)?(?P<mon>{_MON})\s*(?:the\s+)?(?P<d>{_DAY}){_SEP}(?:(?P<mon2>{_MON})\s*)?"
         rf"(?:the\s+)?(?P<d2>{_DAY})(?:,?\s*(?P<y>{_YEAR}))?(?:,?\s+(?P<rely>last|next|this)\s+year)?"), _r_md_range),
    ("m", _rx(rf"(?:from\s+(?:the\s+)?(?P<d>{_DAY}){_SEP}|between\s+(?:the\s+)?(?P<db>{_DAY})\s+and\s+|(?P<dc>{_DAYNUM}){_SEP})"
         rf"(?:the\s+)?(?P<d2>{_DAY})\s+(?:of\s+)?(?P<mon>{_MON})(?P<mon2>)"
         rf"(?:,?\s*(?P<y>{_YEAR}))?(?:,?\s+(?P<rely>last|next|this)\s+year)?"), _r_md_range),
    ("m", _rx(rf"(?:{_WD},?\s+)?(?P<mon>{_MON})[\s/-]*(?:the\s+)?(?P<d>{_DAY})(?:\s*,?\s*(?:(?:of|in)\s+)?|[-/])(?P<y>{_YEAR}|'\d\d|{_YEAR_W})"),
     lambda m, r, t: _r_mdy(_Fix(m, y=m["y"].lstrip("'")), r, t)),
    ("m", _rx(rf"(?:{_WD},?\s+)?(?:the\s+)?(?P<d>{_DAY})\.?\s+(?:of\s+|day\s+of\s+)?(?P<mon>{_MON}),?\s*(?:(?:of|in)\s+)?(?P<y>{_YEAR}|{_YEAR_W})"),
     _r_mdy),
    ("d", _rx(r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?<![\d.])(?P<y>(?:1[0-9]|20)\d\d)(?P<s>[-/.])(?P<mo>0?[1-9]|1[0-2])(?P=s)(?P<d>0?[1-9]|[12]\d|3[01])(?![\d])"),
     _r_iso),
    ("d", _rx(r"(?<![\d.])(?:(?<!\d-)(?=\d{1,2}-)|(?!\d{1,2}-))(?P<a>\d{1,2})(?P<sep>[/.-]|\s/\s)(?P<b>\d{1,2})(?:(?P=sep)|,)(?P<y>(?:19|20)\d\d|\d\d)(?![\d/.-]\d)"),
     _r_numeric),
    ("m", _rx(rf"(?:{_WD},?\s+)?(?P<mon>{_MON})(?:[/-]|\s*|,\s*(?=\d{{1,2}}(?:st|nd|rd|th)\b))(?:the\s+)?(?P<d>{_DAY}){_NOT_QTY}(?!\s*[-–]\s*\d)(?:,?\s+(?P<rely>last|next|this)\s+year)?"), _r_md),
    ("m", _rx(rf"(?:{_WD},?\s+)?(?:the\s+)?(?P<d>{_DAY})\.?(?:\s+of\s+|\s*[-/]?\s*)(?P<mon>{_MON})(?:,?\s+(?P<rely>last|next|this)\s+year)?"), _r_md),
    ("w", _rx(rf"(?P<wd>{_WD}),?\s+(?:the\s+(?P<d>{_DAY})|(?P<d1>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)|{_ORDW}\b|"
         rf"(?:[12]\d|3[01]|0?[1-9])(?=\s*(?:[,.;!?)]|$))))"),
     lambda m, r, t: _r_weekday_day(_Fix(m, d=m["d"] or m["d1"]), r, t)),
    ("m", _rx(rf"(?:(?P<part>early|mid|late|the\s+(?:end|beginning|start|middle)\s+of)[-\s]+)?"
         rf"(?P<mon>{_MON})(?:,?\s*(?:(?:of|in)\s+)?|[-/])(?P<y>{_YEAR}|{_YEAR_W})"),
     lambda m, r, t: _part_of_month(_year(m["y"]), _month(m["mon"]), m["part"])),
    ("m", _rx(rf"(?P<y>{_YEAR})\s*(?:,\s*|[-/]\s*|\s+)(?P<mon>{_MON})(?!\s*\d)"), _r_month_year),
    # "2016-04" (a month), but "2002 - 03" and "the 2002-03 season" are two years (see _keep)
    ("d", _rx(r"(?<![\d.,/-])(?P<y>(?:19|20)\d\d)\s*[-/]\s*(?P<mo>0?[1-9]|1[0-2])(?![\d/-]|\.\d)(?P<mon>)"
         r"(?!\s+(?:season|school|academic|fiscal|financial|term|campaign|budget|winter|year)\b)"), _r_month_year),
    ("d", _rx(r"(?<![\d.,/-])(?P<mo>0?[1-9]|1[0-2])\s*[-/]\s*(?P<y>(?:19|20)\d\d)(?![\d/-])(?P<mon>)"), _r_month_year),
    ("m", _rx(r"(?:(?:(?P<mod>last|next|this|coming|past|previous)\s+)|"
         r"(?P<part>early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)[-\s]+)?"
         r"(?:(?<=mid-)|(?<![\w-]))(?P<mon>january|february|march|april|may|june|july|august|september|october|"
         r"november|december|jan\.|feb\.|aug\.|sept?\.|oct\.|nov\.|dec\.|(?P<abbr>jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec))(?![\w-])(?:,?\s+(?P<rely>last|next|this)\s+year)?"), _r_month),
    ("r", _rx(r"(?:fiscal(?:\s+year)?|FY|financial\s+year)\s*'?(?P<y>(?:19|20)?\d\d)\b"), _r_fiscal),
    ("d", _rx(rf"(?:(?P<part>early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)[-\s]+)"
         rf"(?P<y>{_YEAR})(?!['\u2019]?s\b)"), _r_year),
    ("d", _rx(rf"(?P<lead>\b(?:in|since|by|until|till|from|through|during|before|after|of|for|and|to|year|between)\s)"
         rf"(?P<part>)(?P<y>{_YEAR})(?![-–/]\d)(?!\s+(?:[a-z]+\s+)?(?:people|troops|soldiers|[a-z]+s)\b)"),
     _r_year),
    ("d", _rx(r"(?<![\d$£€¥.,])(?<!\d-)(?P<y>(?:19|20)\d\d)\s*(?:-|–|~|/|to|through)\s*(?P<y2>(?:19|20)?\d\d)(?![\d%])(?!-\d)"),
     _r_year_range),
    ("d", _rx(r"(?:the\s+)?(?:mid\s*-\s*|early\s+|late\s+)?(?P<y>1[0-9]\d0|20\d0)['\u2019]?s\b"), _r_decade),
    # "the '70s", "the 70s": a decade of the last century (not "their 70s", an age).
    ("d", _rx(r"the\s+(?:mid-|early\s+|late\s+)?['\u2019]?(?P<y>[2-9]0)'?s\b"),
     lambda m, r, t: _r_decade(_Fix(m, y="19" + m["y"]), r, t)),
    ("d", _rx(r"(?<![\w'])['\u2019]?(?P<y>[2-9]0)['\u2019]s\b"), lambda m, r, t: _r_decade(_Fix(m, y="19" + m["y"]), r, t)),
    ("r", _rx(r"the\s+(?:(?P<c>nineteen|eighteen|twenty)[\s-]+)?(?:mid[\s-]|early\s+|late\s+)?(?P<dw>twenties|thirties|forties|"
         r"fifties|sixties|seventies|eighties|nineties|tens|noughties|two\s+thousands)\b"), _r_decade_words),
    ("r", _rx(r"(?:over|on|at|during|for)\s+the\s+(?P<unit>weekend)"), _r_the_weekend),
    ("r", _rx(r"(?:the\s+)?(?:rest|remainder|remaining)\s+(?:of\s+)?(?:the\s+|this\s+|my\s+)?(?P<unit>week|month|year)\b"),
     _r_rest_of),
    ("r", _rx(r"\b(?:(?:the\s+)?year[-\s]to[-\s]date|YTD)\b"),
     lambda m, r, t: _interval(dt.date(r.year, 1, 1), r) if r else None),
    ("r", _rx(r"the\s+(?P<unit>week|month|year|weekend)\s+after\s+(?:the\s+)?next"),
     lambda m, r, t: _period_value(m["unit"].lower(), r, 2) if r else None),
    ("r", _rx(rf"(?:the\s+)?(?P<c>\d{{1,2}}(?:st|nd|rd|th)|{_ORDW})[\s-]+century"), _r_century),
    ("r", _rx(r"(?:the\s+day\s+(?:before\s+yesterday|after\s+(?:tomorrow|tmrw)))|\b(?:today|tonight|"
         r"yesterday|tomorrow|tmrw|(?:the\s+)?next\s+day|last\s+night|this\s+(?:morning|afternoon|evening))\b"),
     _r_dayword),
    ("w", _rx(rf"(?:(?P<mod>this\s+past|this\s+(?:up)?coming|this|next|last|past|(?:up)?coming|previous|following)\s+)?(?:on\s+)?(?P<wd>{_WD_FULL})"
         rf"(?:\s+(?:morning|afternoon|evening|night))?(?:,?\s+(?:of\s+)?(?P<wk>next|last|this)\s+week)?"),
     _r_weekday),
    ("w", _rx(rf"(?:(?P<mod>this|next|last|past|coming|previous)\s+week\s+(?:on\s+)?)(?P<wd>{_WD_FULL})(?P<wk>)"),
     _r_weekday),
    ("r", _rx(r"(?:(?P<part>early|mid|late|earlier(?!\s+this)|(?:the\s+)?(?:beginning|start|end|middle)\s+of(?:\s+the)?)[-\s]+)?"
         r"(?P<mod>this|next|last|past|coming|upcoming|previous|current|following)\s+"
         r"(?:(?:fiscal|financial|calendar|school|academic)\s+)?(?P<work>work(?:ing)?\s*)?"
         r"(?P<unit>week(?:end)?|month|year|quarter|decade)\b"), _r_rel_period),
    ("r", _rx(rf"(?:the\s+)?(?P<dir>past|last|previous|next|coming|following)\s+(?P<n>{_NUMW})\s+quarters\b"), _r_quarters),
    ("r", _rx(rf"(?:(?P<dur>{_DUR})|(?P<unit>{_UNITW}))\s+ago\b"), _r_ago),
    ("r", _rx(rf"(?:(?P<within>within|(?:in\s+)?less\s+than)\s+(?:the\s+next\s+)?|in\s+)?(?P<dur>{_DUR})\s+(?:(?:from|after|before)\s+(?P<anchor>now|today|tomorrow|tmrw|yesterday)"
         rf"|later|hence|in\s+the\s+future)\b"), _r_later),
    ("r", _rx(rf"\bin\s+(?P<dur>{_DUR})(?P<anchor>)(?!\s+(?:ago|of|time|since|before|after))"), _r_in_future),
    ("r", _rx(rf"(?:within|in|over|during|for)\s+the\s+(?P<dir>past|last|next|coming|upcoming|previous|following)\s+"
         rf"(?:(?P<dur>{_DUR})|(?P<unit>{_UNITW}))"
         rf"|(?:within|(?:the\s+)?(?P<dir2>next|past|last|previous|coming|upcoming|following))\s+(?P<dur2>{_DUR})"),
     lambda m, r, t: _r_within(_Fix(m, dur=m["dur"] or m["dur2"], dir=m["dir"] or m["dir2"]), r, t)),
    ("r", _rx(r"(?:in\s+)?recent\s+(?P<unit>days|weeks|months|years)"), _r_recent),
    ("r", _rx(r"(?P<el>earlier|later)\s+(?:this|in\s+the)\s+(?P<unit>week|month|year)"), _r_earlier_later),
    ("r", _rx(r"(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+|(?P<mod>this|next|last)\s+)?(?P<unit>week|month|year)\b"), _r_end_of),
    ("r", _rx(rf"(?:the\s+)?(?P<q>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+(?:(?P<half>half)|quarter)"
         rf"(?:(?:\s+of)?\s+(?:fiscal\s+)?(?P<y>{_YEAR})|\s+of\s+(?P<rely>next|last|this)\s+(?:fiscal\s+)?year)?"
         rf"(?!\s+of\s+(?!(?:fiscal\s+)?(?:\d|the\s+(?:fiscal\s+)?year|this\s+year|fiscal)))"), _r_quarter),
    ("r", _rx(rf"\b(?:Q(?P<q>[1-4])|(?P<half>H)(?P<qh>[12]))(?:\s*|\s+of\s+)(?:FY\s*)?(?P<y>{_YEAR}|'?\d\d)?\b"),
     lambda m, r, t: _r_quarter(_Fix(m, q=m["q"] or m["qh"], y=(m["y"] or "").lstrip("'") or None), r, t)),
    ("r", _rx(rf"(?:(?P<mod>this|next|last|past|coming)\s+)?(?P<s>spring|summer|autumn|fall|winter)"
         rf"(?:\s+(?:of\s+)?(?P<y>{_YEAR})|(?!\s+(?:of\s+)?[a-z]))"), _r_season),
    ("d", _rx(rf"\bon\s+the\s+(?P<d>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))(?:\s+of\s+(?P<mod>this|next|last)\s+month\b|{_NO_NOUN})"),
     _r_day_only),
    # "the 20th of next month", "the 15th day of the month", "the 21st this month"
    ("r", _rx(rf"(?:the\s+)?(?P<d>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)|{_ORDW}\b)(?:\s+day)?\s+(?:of\s+)?"
         rf"(?P<mod>this|next|last|the)\s+month\b"), _r_day_only),
    # "for the 27th", "until the 3rd", "on the twenty-first": a day of the month by itself.
    ("d", _rx(rf"(?P<lead>\b(?:on|for|by|until|till|since|before|after|from|around|of)\s)the\s+"
         rf"(?P<d>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th){_NO_NOUN}|"
         rf"(?:[12]\d|3[01]|0?[1-9])(?=\s*(?:[.!?]|$))|{_ORDW}(?=\s*(?:[.!?]|$)))(?P<mod>)"), _r_day_only),
    ("r", _rx(rf"(?:(?:from|between)\s+)?(?:the\s+)?(?P<d>{_DAYNUM}|{_ORDW}\b)\s*(?:-|to|till|until|through|and)\s*(?:the\s+)?"
         rf"(?P<d2>{_DAYNUM}|{_ORDW}\b)\s+(?:of\s+|in\s+)?(?P<mod>this|next|last)\s+month\b"), _r_day_range_rel),
    # "on 4/22", "until 22/04", "friday 5/12": a month and day without year, after a cue.
    ("d", _rx(rf"(?P<lead>\b(?:on|by|until|till|since|from|before|after|between|to|through|due|dated|{_WD_FULL}),?\s+)"
         r"(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)(?![\d/])"), _r_numeric_md),
    ("d", _rx(rf"(?<![\d/.])(?P<a>[01]?\d)/(?P<b>[0-3]?\d)\s*(?:-|to|through|until)\s*(?P<a2>[01]?\d)/(?P<b2>[0-3]?\d)"
         rf"(?:(?:/|,\s*)(?P<y>{_YEAR}))?(?![\d/])"), _r_numeric_md_range),
    ("hr", _rx(rf"(?:(?P<mod>next|last|this|previous|following|coming|upcoming|past)\s+)?{_HOLIDAY_RX}"
         rf"(?:,?\s+(?:of\s+)?(?P<y>{_YEAR})|(?!\s+(?!(?:day|eve|weekend|holidays?|break|period|season|and|or|to|"
         rf"through|until|in|on|at|of|this|that|last|next|with|when|for|is|was|were|will|would|he|she|they|we|it|i)\b)[a-z]))"),
     _r_holiday),
    ("r", _rx(rf"(?P<lead>\b(?:in|since|by|until|till|from|through|during|before|after|of|year)\s)(?P<part>)(?P<y>{_YEAR_W})"),
     _r_year),
    # "20161016": a compact date (file names, datelines)
    ("d", _rx(r"(?<![\d.,])(?P<y>(?:19|20)\d\d)(?P<mo>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?![\d.,])"), _r_iso),
    # "week 31": an ISO week of the reference's year ("week 3 of 2027" is composed in dates.py)
    ("r", _rx(r"\b(?:the\s+)?week\s+(?P<wn>[1-9]|[1-4]\d|5[0-3])\b(?!\s*(?:of|in|[-:.,]\s*\d)\b)"), _r_week_number),
    # "by year-end", "at month-end", "mid-month", "midweek": parts of the current period
    ("r", _rx(r"\b(?:(?P<unit>year|month|quarter)[-\s]end|mid[-\s]?(?P<unit2>week|month|year))\b"),
     lambda m, r, t: _part_of_now(m["unit"] or m["unit2"], "late" if m["unit"] else "mid", r)),
]


class _Fix:
    """A match with some groups overridden (lets two notations share one resolver)."""

    def __init__(self, m: re.Match, **over):
        self._m, self._over = m, over
        self.re = m.re

    def __getitem__(self, k):
        return self._over[k] if k in self._over else self._m[k]

    def group(self, *a):
        return self._m.group(*a)
