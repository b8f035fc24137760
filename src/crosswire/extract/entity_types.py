"""The repair pass over entity types: what the name itself and the words around it say.

spaCy's small model types by context and often calls a street, a square, a company or a
broadcaster a PERSON ("Place Vendôme", "Avenue Montaigne", "Harry Winston Diamond Corp.",
"France Info"). A name's own words settle most of these: a company or broadcaster word at its
end ("Corp.", "Guild", "Herald", "Info") makes it an organisation, a street or square word at
its start or end ("Rue …", "Place …", "… Street", "… Square") a place. A person never named
with a title or role but always "in X" / "near X" / "X, Minn." is a place too ("in Bandar
Abbas", "in Burnsville"). Time zones ("GMT") are no entities, "G7" is a group of states (an
organisation), a one-word "person" that the text also writes in lower case ("Climber") is a
common noun, and demonyms ("Japanese", "Europeans") are attributes of what they qualify, not
entities of their own: all of these are dropped.
"""

from __future__ import annotations

import re

# Last words of company, institution and broadcaster names.
ORG_LAST = frozenset("""
corp corporation inc incorporated co company ltd llc plc gmbh ag sa group holdings foundation
guild club advisers advisors associates partners airlines airways bank bancorp trust fund
herald tribune gazette times post journal news info radio tv television channel broadcasting
broadcast network studios pictures records media press motors industries enterprises labs
laboratories systems technologies university college school hospital institute agency union
league association council committee commission party ministry department office court
""".split())
# Of these, the ones that still mark an organisation when NER said place ("West Bank" is one).
_ORG_LAST_OVER_PLACE = frozenset("""
corp corporation inc incorporated co company ltd llc plc gmbh herald tribune gazette times post
journal news info radio tv television channel broadcasting network studios
""".split())
# First and last words of street, square and landmark names (never a surname on their own).
_PLACE_FIRST = frozenset("""
place rue avenue piazza plaza via boulevard mount mt lake cape promenade quai calle
""".split())
_PLACE_LAST = frozenset("""
street st square avenue ave road boulevard blvd plaza highway bridge river county airport
mount mountain mountains island islands peninsula strait canal valley
""".split())
_TIME_ZONES = frozenset("gmt utc bst cet cest est edt pst pdt cst cdt mst mdt jst kst ist aest".split())
_GROUP_OF_STATES = re.compile(r"^G-?\d{1,2}$")
# "X, Minn." / "X, Texas": a town followed by its state or country.
_US_STATE = (r"Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|"
             r"Mo|Mont|Neb|Nev|N\.H|N\.J|N\.M|N\.Y|N\.C|N\.D|Okla|Ore|Pa|R\.I|S\.C|S\.D|Tenn|"
             r"Tex|Vt|Va|Wash|W\.Va|Wis|Wyo")
_TOWN_OF = re.compile(rf",\s+(?:(?:{_US_STATE})\.|Alabama|Alaska|Arizona|California|Colorado|"
                      r"Florida|Georgia|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|"
                      r"Michigan|Minnesota|Missouri|Nebraska|Nevada|Ohio|Oklahoma|Oregon|Texas|"
                      r"Utah|Vermont|Virginia|Washington|Wisconsin|Iran|Iraq|France|Italy|Spain|"
                      r"Germany|England|Scotland|Canada|Australia|India|China|Japan)\b")
_IN_BEFORE = re.compile(r"\b(?:in|near|outside|around)\s+$", re.I)
# Where somebody lives: "Jane Doe, 66, of Burnsville", "Doe of Burnsville", "a Burnsville woman".
_OF_BEFORE = re.compile(r"(?:,|\d|[A-Z][a-z]+)\s+of\s+$")
_RESIDENT_AFTER = re.compile(r"\s+(?:man|woman|men|women|resident|residents|native|"
                             r"boy|girl|teenager)\b")  # not "family": "the Kennedy family"


def _words(name: str) -> list[str]:
    return [w.strip(".,'\u2019").lower() for w in name.split() if w.strip(".,'\u2019")]


def type_from_name(name: str, etype: str) -> str | None:
    """The type a name's own words give it (``etype`` when they say nothing); None to drop it."""
    words = _words(name)
    if not words or not re.search(r"[A-Z]", name):
        return None  # "jewellery": a lowercase "name" is a common noun
    if etype == "other":
        return None  # a demonym or a group's adjective (NORP): an attribute, not an entity
    if len(words) == 1 and words[0] in _TIME_ZONES:
        return None
    if _GROUP_OF_STATES.match(name.strip()):
        return "org"
    last = re.sub(r"['\u2019]s$", "", words[-1])
    if etype in {"person", "org"} and len(words) >= 2 and (
            words[0] in _PLACE_FIRST or last in _PLACE_LAST) and last not in ORG_LAST:
        return "place"
    if etype == "person" and last in ORG_LAST and len(words) >= 2:
        return "org"
    if etype == "place" and last in _ORG_LAST_OVER_PLACE and len(words) >= 2:
        return "org"
    if etype == "person" and len(words) == 1 and words[0] in _ORG_LAST_OVER_PLACE:
        return "org"
    return etype


def is_common_noun(text: str, name: str) -> bool:
    """A one-word name the same text also writes in lower case ("Climber" / "the climber")."""
    if " " in name.strip() or not name[:1].isupper() or name.isupper():
        return False
    return re.search(rf"(?<![\w.]){re.escape(name.lower())}(?!\w)", text) is not None


_WHICH_AFTER = re.compile(r"(?:'s|\u2019s)?,\s+which\b")
_WHO_AFTER = re.compile(r",\s+(?:who|whom|whose)\b")


def thing_by_context(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether a name read as a person is no person by how it is referred to: some mention
    "X, which…" and none "X, who…" (people take "who")."""
    afters = [text[end:end + 12] for _, end in spans]
    return (any(_WHICH_AFTER.match(a) for a in afters)
            and not any(_WHO_AFTER.match(a) for a in afters))


def place_by_context(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether a name read as a person is a place by where it stands: every mention "in X",
    "near X", "X, Minn.", "Doe, 66, of X" or "an X woman" (and at least one), none followed
    by 's."""
    if not spans:
        return False
    for start, end in spans:
        after = text[end:end + 40]
        if after.startswith(("'s", "\u2019s")):
            return False
        before = text[max(0, start - 14):start]
        if not (_IN_BEFORE.search(before) or _OF_BEFORE.search(before) or _TOWN_OF.match(after)
                or _RESIDENT_AFTER.match(after)):
            return False
    return True


_CAP = r"[A-Z\u00C0-\u00DE][\w\u00C0-\u017F'\u2019-]*"
_STREET = re.compile(
    rf"\b(?:Place|Rue|Avenue|Piazza|Plaza|Boulevard|Via|Promenade|Quai|Calle)\s+"
    rf"(?:(?:de|du|des|la|le|del|della|di|d')\s*)?{_CAP}(?:\s+{_CAP})?"
    rf"|\b{_CAP}(?:\s+{_CAP})?\s+(?:Street|Square|Avenue|Boulevard|Road|Plaza)\b")


def street_spans(text: str) -> list[tuple[int, int]]:
    """Streets and squares named by their own words ("Place Vendôme", "Baker Street"), which
    NER can miss: offsets of each."""
    out = []
    for m in _STREET.finditer(text):
        start = m.start()
        first = re.match(r"(\w+)\s+", m.group(0))
        if first and first.group(1).lower() in _LEAD_WORDS:
            start += first.end()  # "On Baker Street": the sentence's preposition is no part
        out.append((start, m.end()))
    return out


_LEAD_WORDS = frozenset("on in at the a near off from to along down up of by and or but".split())
