"""Symbols whose unit depends on the sentence: "pm", "K", "b", and the ' and " marks.

A letter after a number can name several units ("2 pm" a time of day, "2.1 pm" picometres;
"300 K" kelvin, "32K word memory" 32 KiB of memory; "12 b" barns, "1500 b" bits; "8"" inches,
"150"" arcseconds). Each reader here decides from the number's shape and the words of its
sentence, and says None when the sentence gives no reason to read a unit at all.
"""

from __future__ import annotations

import re

_WINDOW = 160  # characters either side: enough for a sentence's subject and verb

_DATA_WORDS = re.compile(
    r"\b(?:data|packets?|bandwidth|network\w*|servers?|memory|bytes?|bits?|files?|storage|"
    r"disks?|drives?|RAM|ROM|cache|download\w*|upload\w*|transmi\w*|router|ethernet|MTU|"
    r"payload|buffer|computers?|processors?|CPU|chip|addressable|encod\w*)\b",
    re.IGNORECASE)
_TEMPERATURE_WORDS = re.compile(
    r"(?:°|\b(?:temperatures?|degrees?|Celsius|Fahrenheit|kelvins?|cooled|cooling|heated|"
    r"melting|boiling|freezing|absolute\s+zero|cryogenic\w*|superconduct\w*|liquid\s+helium|"
    r"liquid\s+nitrogen)\b)", re.IGNORECASE)
# Memory sizes in K ("32K word memory", "16K of RAM"): narrower than data at large, since
# "4K video" on a computer is a screen resolution, not a size.
_MEMORY_WORDS = re.compile(r"\b(?:memory|RAM|ROM|EPROM|bytes?|cache|core\s+store)\b",
                           re.IGNORECASE)
_WORD_AFTER = re.compile(r"[\s-]*words?\b", re.IGNORECASE)  # "32K word", "a 16K-word store"
_PHYSICS_AREA_WORDS = re.compile(
    r"\b(?:barns?|cross[- ]sections?|physics|nuclear|nucle(?:us|i)|particles?|collisions?|"
    r"collider|luminosity|neutrons?|protons?|scattering|surface\s+area)\b", re.IGNORECASE)
_SKY_WORDS = re.compile(
    r"\b(?:arc|telescopes?|sky|skies|astronom\w*|galax\w*|nebula\w*|"
    r"declination|ascension|parallax|lunar|eclipse|angular|latitude|longitude|"
    r"azimuth)\b", re.IGNORECASE)


def _window(text: str, start: int, end: int) -> str:
    """The sentence around ``start:end`` (cut at . ! ? followed by space), at most a window."""
    lo = max(0, start - _WINDOW)
    hi = min(len(text), end + _WINDOW)
    before = text[lo:start]
    cut = max(before.rfind(". "), before.rfind("! "), before.rfind("? "))
    if cut >= 0:
        lo += cut + 2
    after = text[end:hi]
    stops = [k for k in (after.find(". "), after.find("! "), after.find("? ")) if k >= 0]
    if stops:
        hi = end + min(stops)
    return text[lo:start] + " " + text[end:hi]


def is_clock(raw: str) -> bool:
    """"2", "11", "2.30", "10:45" read as a time of day before am/pm; "2.1", "2.123" do not."""
    m = re.fullmatch(r"(\d{1,2})(?:[.:](\d\d))?", raw.strip())
    return bool(m) and int(m.group(1)) <= 12 and (m.group(2) is None or int(m.group(2)) < 60)


_AM_PM = re.compile(r"\s?[ap]m\b")
_CLOCK_BEFORE = re.compile(r"\d\s*[:.]\s*$")  # "8: 13pm": the minutes of a time, whatever their value


def pm_is_length(text: str, start: int, end: int, raw: str) -> bool:
    """"2.123 pm" is picometres ("am" attometres): am/pm after a number no clock shows."""
    return bool(_AM_PM.match(text, end)) and not is_clock(raw) \
        and not _CLOCK_BEFORE.search(text, max(0, start - 4), start)


def read_k(text: str, start: int, end: int) -> tuple[str, str] | None:
    """"573.15K" in a sentence about heat is kelvin; "32K word memory" is 32 kibi-units of
    memory; without either reason, "4K" or "10K" is a name (a screen, a race), not a unit."""
    around = _window(text, start, end)
    if _TEMPERATURE_WORDS.search(around):
        return "K", "temperature"
    if _WORD_AFTER.match(text, end) or _MEMORY_WORDS.search(around):
        return "KiB", "data"
    return None


def read_b(text: str, start: int, end: int) -> tuple[str, str] | None:
    """"1500 b" sent over a network is bits; "12 b" in a physics sentence is barns."""
    around = _window(text, start, end)
    if _PHYSICS_AREA_WORDS.search(around):
        return "b", "area"
    if _DATA_WORDS.search(around):
        return "bit", "data"
    return None


def read_barn(text: str, start: int, end: int) -> tuple[str, str] | None:
    """"3 barns" are farm buildings unless the sentence is about physics."""
    return ("b", "area") if _PHYSICS_AREA_WORDS.search(_window(text, start, end)) else None


# Countries whose franc a sentence names without saying "Swiss francs" ("a Paris court fined
# it 2 million francs"); the first that matches decides.
_FRANC_PLACES = [
    (re.compile(r"\b(?:Swiss|Switzerland|Zurich|Z\u00fcrich|Geneva|Gen\u00e8ve|Bern|Basel|Lausanne|SNB)\b",
                re.IGNORECASE), "CHF"),
    (re.compile(r"\b(?:CFA|Senegal\w*|Ivor\w+|C\u00f4te\s+d.Ivoire|Mali\w*|Burkin\w+|Niger(?!ia)\w*|"
                r"Beni\w+|Togo\w*|Dakar|Abidjan|Bamako)\b", re.IGNORECASE), "XOF"),
    (re.compile(r"\b(?:Cameroon\w*|Gabon\w*|Chad\w*|Yaound\w+|Libreville)\b", re.IGNORECASE), "XAF"),
    (re.compile(r"\b(?:Congolese|Kinshasa)\b", re.IGNORECASE), "CDF"),
    (re.compile(r"\b(?:Rwand\w+|Kigali)\b", re.IGNORECASE), "RWF"),
    (re.compile(r"\b(?:Belgi\w+|Brussels)\b", re.IGNORECASE), "BEF"),
    (re.compile(r"\b(?:French|France|Paris)\b", re.IGNORECASE), "FRF"),
]


def read_franc(text: str, start: int, end: int) -> str:
    """The ISO code of "francs": a country word in the sentence decides; without one, the
    Swiss franc, the franc most in the news since the euro replaced the French and Belgian."""
    around = _window(text, start, end)
    for pattern, code in _FRANC_PLACES:
        if pattern.search(around):
            return code
    return "CHF"


def angle_marks(text: str, num_start: int, mark_pos: int, value: float) -> bool:
    """Whether ' or " after a number is an arcminute/arcsecond rather than feet/inches.

    Three reasons, any of them: a degree sign right before ("12°30'"), a bracketed restatement
    in the other mark that is sixty times larger or smaller ("2½' (150")"), or a sentence about
    the sky or angles.
    """
    if re.search(r"[°º]\s*(?:\d+(?:\.\d+)?['′]\s*)?$", text[max(0, num_start - 12):num_start]):
        return True
    mark = text[mark_pos]
    other = re.match(r"\s*\(\s*(\d+(?:\.\d+)?)\s*(['′\"″])\s*\)", text[mark_pos + 1:mark_pos + 40])
    if other is None:  # the restatement itself: "2½' (150")" seen from the 150
        other = re.search(r"(\d+(?:\.\d+)?|\d*[½¼¾])\s*(['′\"″])\s*\(\s*$",
                          text[max(0, num_start - 40):num_start])
    if other and (other.group(2) in "'′") != (mark in "'′") and value:
        raw = other.group(1)
        o = float(raw[:-1] or 0) + {"½": .5, "¼": .25, "¾": .75}[raw[-1]] if raw[-1] in "½¼¾" \
            else float(raw)
        minutes, seconds = (value, o) if mark in "'′" else (o, value)
        if abs(seconds - 60 * minutes) < 1e-6 * max(1.0, seconds):
            return True
    return bool(_SKY_WORDS.search(_window(text, num_start, mark_pos + 1)))
