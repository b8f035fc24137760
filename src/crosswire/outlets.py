"""One table of news outlets, shared by extraction, lineage and comparison.

Every stage that asks "is this an outlet, and which one?" asks this module: the entity
extractor (outlet names spaCy misses or mistypes), the attribution extractor ("told Reuters"),
lineage ("according to the FT" is a citation of the Financial Times) and the comparison stage
("the FT" and "Financial Times" are one source). Before this table each stage kept its own list
and they disagreed ("SCMP" here, "South China Morning Post" there).

An outlet is written many ways: its name, acronyms ("FT", "AP"), "the X" forms, possessives
("CNN's"), with a descriptor ("Japan's Nikkei newspaper", "state news agency Xinhua") or as a
web domain ("ft.com"). Some names are also common words ("People", "Time", "Fortune", "Mint",
"The Sun", "Independent"); those count as an outlet only in a crediting context ("told People
magazine", "according to Time", "the Independent reported"), so "three people familiar with the
matter" or "at the time" never become a source.

Display names drop a leading "The" that is grammar ("the New York Times" -> "New York Times")
and keep it where it is the name ("The Guardian", "The Times"), as the outlets write themselves.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "OUTLETS", "OUTLET_KEYS", "OUTLET_PATTERN", "Outlet", "is_ambiguous", "lookup",
    "normalise_outlet", "outlet_by_key", "outlet_key",
]


@dataclass(frozen=True)
class Outlet:
    """A news outlet: how it is shown, how else it is written, where it publishes."""

    name: str
    kind: str  # wire | broadcaster | paper | magazine | online
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    # Surfaces that are also common words or other things ("Time", "AAP" the Indian party):
    # they name this outlet only in a crediting context.
    context_only: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The comparison key: "Financial Times" -> "financial times", "The Times" -> "times"."""
        return _strip_the(_fold(self.name))


def _split(field: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in field.split("|") if x.strip())


def _o(name: str, kind: str, aliases: str = "", domains: str = "", context: str = "") -> Outlet:
    return Outlet(name, kind, _split(aliases), _split(domains), _split(context))


# Fields: display name, kind, other names, domains, context-only surfaces ("|"-separated).
OUTLETS: tuple[Outlet, ...] = (
    # --- news agencies and wires
    _o("Reuters", "wire", "Thomson Reuters|Reuters News Agency", "reuters.com"),
    _o("Associated Press", "wire", "AP|The Associated Press|AP News", "apnews.com|ap.org"),
    _o("AFP", "wire", "Agence France-Presse|Agence France Presse", "afp.com"),
    _o("Bloomberg", "wire", "Bloomberg News", "bloomberg.com"),
    _o("Kyodo", "wire", "Kyodo News|Kyodo News Agency", "kyodonews.net"),
    _o("Jiji Press", "wire", "Jiji|Jiji Press Agency", "jiji.com"),
    _o("Xinhua", "wire", "Xinhua News Agency", "xinhuanet.com|news.cn"),
    _o("Yonhap", "wire", "Yonhap News Agency", "yna.co.kr"),
    _o("TASS", "wire", "Tass|ITAR-TASS", "tass.com|tass.ru"),
    _o("Interfax", "wire", "", "interfax.com|interfax.ru"),
    _o("RIA Novosti", "wire", "", "ria.ru"),
    _o("Deutsche Presse-Agentur", "wire", "Deutsche Presse Agentur|DPA|dpa", "dpa.com"),
    _o("ANSA", "wire", "", "ansa.it"),
    _o("EFE", "wire", "Agencia EFE", "efe.com"),
    _o("Anadolu Agency", "wire", "Anadolu", "aa.com.tr"),
    _o("Press Trust of India", "wire", "", "ptinews.com", "PTI"),
    _o("Asian News International", "wire", "ANI", "aninews.in"),
    _o("Bernama", "wire", "", "bernama.com"),
    _o("Antara", "wire", "Antara News", "antaranews.com"),
    _o("Central News Agency", "wire", "Focus Taiwan", "focustaiwan.tw|cna.com.tw"),
    _o("Korean Central News Agency", "wire", "KCNA", "kcna.kp"),
    _o("IRNA", "wire", "Islamic Republic News Agency", "irna.ir"),
    _o("Canadian Press", "wire", "The Canadian Press", "thecanadianpress.com"),
    _o("Australian Associated Press", "wire", "", "aap.com.au", "AAP"),
    _o("PA Media", "wire", "Press Association", ""),
    _o("United Press International", "wire", "", "upi.com", "UPI"),
    _o("Dow Jones Newswires", "wire", "", "", "Dow Jones"),
    # --- broadcasters
    _o("BBC", "broadcaster", "BBC News|British Broadcasting Corporation|BBC World Service",
       "bbc.com|bbc.co.uk"),
    _o("CNN", "broadcaster", "Cable News Network", "cnn.com"),
    _o("TV Asahi", "broadcaster", "", "tv-asahi.co.jp"),
    _o("NHK", "broadcaster", "NHK World|NHK World-Japan|Japan Broadcasting Corporation",
       "nhk.or.jp"),
    _o("Al Jazeera", "broadcaster", "Al-Jazeera|Aljazeera", "aljazeera.com|aljazeera.net"),
    _o("Al Arabiya", "broadcaster", "Al-Arabiya", "alarabiya.net"),
    _o("Fox News", "broadcaster", "Fox News Channel", "foxnews.com"),
    _o("NBC News", "broadcaster", "NBC", "nbcnews.com"),
    _o("CBS News", "broadcaster", "CBS", "cbsnews.com"),
    _o("ABC News", "broadcaster", "", "abcnews.go.com"),
    _o("Australian Broadcasting Corporation", "broadcaster", "ABC Australia", "abc.net.au"),
    _o("NPR", "broadcaster", "National Public Radio", "npr.org"),
    _o("PBS", "broadcaster", "PBS NewsHour|Public Broadcasting Service", "pbs.org"),
    _o("MSNBC", "broadcaster", "", "msnbc.com"),
    _o("CNBC", "broadcaster", "", "cnbc.com"),
    _o("Sky News", "broadcaster", "", "news.sky.com"),
    _o("ITV News", "broadcaster", "ITV", "itv.com"),
    _o("Channel 4 News", "broadcaster", "", "channel4.com"),
    _o("Deutsche Welle", "broadcaster", "DW", "dw.com"),
    _o("France 24", "broadcaster", "France24", "france24.com"),
    _o("Radio France Internationale", "broadcaster", "RFI", "rfi.fr"),
    _o("Euronews", "broadcaster", "", "euronews.com"),
    _o("RT", "broadcaster", "Russia Today", "rt.com", "RT"),
    _o("CGTN", "broadcaster", "China Global Television Network", "cgtn.com"),
    _o("China Central Television", "broadcaster", "", "cctv.com", "CCTV"),
    _o("CBC News", "broadcaster", "CBC|Canadian Broadcasting Corporation", "cbc.ca"),
    _o("KBS", "broadcaster", "Korean Broadcasting System", "kbs.co.kr"),
    _o("Voice of America", "broadcaster", "VOA", "voanews.com"),
    _o("Radio Free Europe/Radio Liberty", "broadcaster",
       "RFE/RL|Radio Free Europe|Radio Liberty", "rferl.org"),
    _o("Radio Free Asia", "broadcaster", "RFA", "rfa.org"),
    # "(CNA)" is also the Catholic News Agency's dateline: the acronym alone needs a context.
    _o("CNA", "broadcaster", "Channel NewsAsia|Channel News Asia", "channelnewsasia.com", "CNA"),
    _o("NDTV", "broadcaster", "", "ndtv.com"),
    # --- United States: papers, magazines, online
    _o("New York Times", "paper", "NYT|NY Times|The New York Times", "nytimes.com"),
    _o("Wall Street Journal", "paper", "WSJ|The Wall Street Journal", "wsj.com"),
    _o("Washington Post", "paper", "WaPo|The Washington Post", "washingtonpost.com"),
    _o("Los Angeles Times", "paper", "LA Times|L.A. Times", "latimes.com"),
    _o("USA Today", "paper", "", "usatoday.com"),
    _o("Chicago Tribune", "paper", "", "chicagotribune.com"),
    _o("Boston Globe", "paper", "The Boston Globe", "bostonglobe.com"),
    _o("New York Post", "paper", "NY Post", "nypost.com"),
    _o("Christian Science Monitor", "paper", "", "csmonitor.com"),
    _o("Politico", "online", "POLITICO|Politico Europe", "politico.com|politico.eu"),
    _o("Axios", "online", "", "axios.com"),
    _o("The Hill", "online", "", "thehill.com", "The Hill|Hill"),
    _o("Semafor", "online", "", "semafor.com"),
    _o("Vox", "online", "", "vox.com"),
    _o("TMZ", "online", "", "tmz.com"),
    _o("HuffPost", "online", "Huffington Post|The Huffington Post", "huffpost.com"),
    _o("Business Insider", "online", "", "businessinsider.com", "Insider"),
    _o("The Daily Beast", "online", "Daily Beast", "thedailybeast.com"),
    _o("ProPublica", "online", "", "propublica.org"),
    _o("The Intercept", "online", "", "theintercept.com", "Intercept"),
    _o("The Verge", "online", "", "theverge.com", "Verge"),
    _o("MarketWatch", "online", "", "marketwatch.com"),
    _o("Barron's", "magazine", "Barrons", "barrons.com"),
    _o("Forbes", "magazine", "", "forbes.com", "Forbes"),
    _o("Fortune", "magazine", "", "fortune.com", "Fortune"),
    _o("Time", "magazine", "", "time.com", "Time|TIME"),
    _o("Newsweek", "magazine", "", "newsweek.com"),
    _o("The Atlantic", "magazine", "", "theatlantic.com", "The Atlantic|Atlantic"),
    _o("The New Yorker", "magazine", "", "newyorker.com", "The New Yorker|New Yorker"),
    _o("People", "magazine", "", "people.com", "People"),
    _o("Variety", "magazine", "", "variety.com", "Variety"),
    _o("Wired", "magazine", "", "wired.com", "Wired|WIRED"),
    # --- United Kingdom and Ireland
    _o("Financial Times", "paper", "FT|The Financial Times", "ft.com"),
    _o("The Guardian", "paper", "Guardian", "theguardian.com"),
    _o("The Times", "paper", "Times of London", "thetimes.co.uk|thetimes.com", "Times"),
    _o("The Sunday Times", "paper", "Sunday Times"),
    _o("The Telegraph", "paper", "Telegraph|Daily Telegraph|The Daily Telegraph",
       "telegraph.co.uk"),
    _o("The Independent", "paper", "", "independent.co.uk", "The Independent|Independent"),
    _o("The Economist", "magazine", "", "economist.com", "Economist"),
    _o("The Sun", "paper", "", "thesun.co.uk", "The Sun|Sun"),
    _o("Daily Mail", "paper", "MailOnline|Mail Online|The Daily Mail", "dailymail.co.uk",
       "The Mail|Mail"),
    _o("Daily Mirror", "paper", "The Daily Mirror", "mirror.co.uk", "The Mirror|Mirror"),
    _o("Daily Express", "paper", "The Daily Express", "express.co.uk", "The Express|Express"),
    _o("Evening Standard", "paper", "London Evening Standard", "standard.co.uk",
       "The Standard|Standard"),
    _o("The Observer", "paper", "", "", "The Observer|Observer"),
    _o("The Spectator", "magazine", "", "spectator.co.uk", "The Spectator|Spectator"),
    _o("New Statesman", "magazine", "", "newstatesman.com"),
    _o("Irish Times", "paper", "The Irish Times", "irishtimes.com"),
    # --- Europe
    _o("Der Spiegel", "magazine", "Spiegel", "spiegel.de"),
    _o("Le Monde", "paper", "", "lemonde.fr"),
    _o("Le Figaro", "paper", "", "lefigaro.fr"),
    _o("Handelsblatt", "paper", "", "handelsblatt.com"),
    _o("Frankfurter Allgemeine Zeitung", "paper", "FAZ|Frankfurter Allgemeine", "faz.net"),
    _o("Süddeutsche Zeitung", "paper", "Sueddeutsche Zeitung", "sueddeutsche.de"),
    _o("Bild", "paper", "", "bild.de"),
    _o("El País", "paper", "El Pais", "elpais.com"),
    _o("Corriere della Sera", "paper", "", "corriere.it"),
    _o("La Repubblica", "paper", "", "repubblica.it"),
    _o("Neue Zürcher Zeitung", "paper", "NZZ|Neue Zurcher Zeitung", "nzz.ch"),
    _o("Kyiv Independent", "online", "The Kyiv Independent", "kyivindependent.com"),
    _o("Kyiv Post", "paper", "", "kyivpost.com"),
    _o("Meduza", "online", "", "meduza.io"),
    _o("Kommersant", "paper", "", "kommersant.ru"),
    # --- Asia and the Pacific
    _o("Nikkei", "paper", "Nikkei Asia|Nikkei Asian Review|Nihon Keizai Shimbun|Nikkei Shimbun",
       "nikkei.com"),
    _o("Asahi Shimbun", "paper", "Asahi|The Asahi Shimbun", "asahi.com"),
    _o("Yomiuri Shimbun", "paper", "Yomiuri|The Yomiuri Shimbun", "yomiuri.co.jp"),
    _o("Mainichi Shimbun", "paper", "Mainichi|The Mainichi", "mainichi.jp"),
    _o("Sankei Shimbun", "paper", "Sankei", "sankei.com"),
    _o("Japan Times", "paper", "The Japan Times", "japantimes.co.jp"),
    _o("South China Morning Post", "paper", "SCMP", "scmp.com"),
    _o("Global Times", "paper", "", "globaltimes.cn"),
    _o("China Daily", "paper", "", "chinadaily.com.cn"),
    _o("People's Daily", "paper", "", "people.com.cn"),
    _o("Caixin", "magazine", "", "caixinglobal.com"),
    _o("Straits Times", "paper", "The Straits Times", "straitstimes.com"),
    _o("Korea Herald", "paper", "The Korea Herald", "koreaherald.com"),
    _o("Korea Times", "paper", "The Korea Times", "koreatimes.co.kr"),
    _o("Korea JoongAng Daily", "paper", "JoongAng Daily|JoongAng Ilbo", "joongang.co.kr"),
    _o("Chosun Ilbo", "paper", "", "chosun.com"),
    _o("Hankyoreh", "paper", "", "hani.co.kr"),
    _o("Times of India", "paper", "The Times of India", "timesofindia.indiatimes.com"),
    _o("Hindustan Times", "paper", "", "hindustantimes.com"),
    _o("The Hindu", "paper", "", "thehindu.com", "The Hindu|Hindu"),
    _o("Indian Express", "paper", "The Indian Express", "indianexpress.com"),
    _o("Mint", "paper", "Livemint", "livemint.com", "Mint"),
    _o("Dawn", "paper", "", "dawn.com", "Dawn"),
    _o("Bangkok Post", "paper", "", "bangkokpost.com"),
    _o("Jakarta Post", "paper", "The Jakarta Post", "thejakartapost.com"),
    _o("Philippine Daily Inquirer", "paper", "", "inquirer.net", "Inquirer"),
    _o("Rappler", "online", "", "rappler.com"),
    _o("Sydney Morning Herald", "paper", "The Sydney Morning Herald", "smh.com.au"),
    _o("The Australian", "paper", "", "theaustralian.com.au", "The Australian|Australian"),
    _o("Australian Financial Review", "paper", "AFR", "afr.com"),
    _o("New Zealand Herald", "paper", "NZ Herald", "nzherald.co.nz"),
    # --- Middle East and Africa
    _o("Haaretz", "paper", "", "haaretz.com"),
    _o("Times of Israel", "online", "The Times of Israel", "timesofisrael.com"),
    _o("Jerusalem Post", "paper", "The Jerusalem Post", "jpost.com"),
    _o("Arab News", "paper", "", "arabnews.com"),
    _o("The National", "paper", "", "thenationalnews.com", "The National|National"),
    _o("Al-Monitor", "online", "Al Monitor", "al-monitor.com"),
    _o("Mail & Guardian", "paper", "Mail and Guardian", "mg.co.za"),
    # --- the Americas
    _o("Globe and Mail", "paper", "The Globe and Mail", "theglobeandmail.com"),
    _o("Toronto Star", "paper", "", "thestar.com"),
    _o("Folha de S.Paulo", "paper", "Folha de São Paulo|Folha de Sao Paulo", "folha.uol.com.br"),
)

# --------------------------------------------------------------------------- lookup


def _needs_the(o: Outlet, surface: str) -> bool:
    """A bare common word of a "the"-named outlet: "Independent" of The Independent, "Mail" of
    "the Mail". Nobody credits "Australian" or "Independent" without the article."""
    return (surface in o.context_only and not surface.startswith("The ")
            and (o.name.startswith("The ") or "The " + surface in (*o.aliases, *o.context_only)))


def _fold(s: str) -> str:
    """Case, accents, punctuation and spacing folded: "L.A. Times" -> "la times"."""
    s = unicodedata.normalize("NFKD", s.replace("\u2019", "'").replace("\u2018", "'"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("&", " and ")
    s = re.sub(r"\b(?:[a-z]\.){2,}", lambda m: m.group(0).replace(".", ""), s)
    # Apostrophes stay: "Time's" must not fold into "Times"; "People's Daily" keeps its own.
    return " ".join(re.sub(r"[^\w']+", " ", s).split())


def _strip_the(key: str) -> str:
    return key.removeprefix("the ")


def _build_index() -> tuple[dict[str, tuple[Outlet, bool]], dict[str, Outlet], dict[str, Outlet]]:
    """(folded surface -> (outlet, context-only)), outlets by key, outlets by domain."""
    index: dict[str, tuple[Outlet, bool]] = {}
    lower_ok: set[str] = set()
    by_key: dict[str, Outlet] = {}
    by_domain: dict[str, Outlet] = {}
    for o in OUTLETS:
        if o.key in by_key:
            raise ValueError(f"two outlets share the key {o.key!r}")
        by_key[o.key] = o
        plain = [s for s in (o.name, *o.aliases) if s not in o.context_only]
        for surface, ambiguous in [(s, False) for s in plain] + [(s, True) for s in o.context_only]:
            k = _fold(surface)
            prev = index.get(k)
            if prev is not None and prev[0] is not o:
                raise ValueError(f"{surface!r} names both {prev[0].name} and {o.name}")
            # An unambiguous listing wins over a context-only one of the same surface.
            if prev is None or (prev[1] and not ambiguous):
                index[k] = (o, ambiguous)
            if ambiguous and _needs_the(o, surface):
                _NEEDS_THE.add(k)
            if surface.isupper() and len(surface) <= 3:
                _SHORT_ACRONYMS.add(k)
            elif surface.islower():
                lower_ok.add(k)  # "dpa" writes itself in lower case
        for d in o.domains:
            by_domain[d.lower()] = o
    _SHORT_ACRONYMS.difference_update(lower_ok)
    return index, by_key, by_domain


_SHORT_ACRONYMS: set[str] = set()  # "FT", "AP", "ANI": in lower case they are words ("ft")
_NEEDS_THE: set[str] = set()  # "independent", "australian": an outlet only as "the Independent"
_INDEX, _BY_KEY, _BY_DOMAIN = _build_index()

# Keys an outlet owns outright: a bare "Times" or "People" is not among them.
OUTLET_KEYS = frozenset(o.key for o in OUTLETS if _INDEX.get(o.key) == (o, False))

_DESCRIPTOR = (r"newspaper|daily|news\s+agency|news\s+service|wire\s+service|newswire|"
               r"broadcaster|magazine|weekly|tabloid|website|news\s+site|news\s+outlet|outlet|"
               r"network|channel|TV|television")
# "Japan's Nikkei", "Hong Kong's South China Morning Post"
_LEAD_POSSESSIVE = re.compile(r"^(?:[A-Z][\w.&-]*\s+){0,2}[A-Z][\w.&-]*'s\s+(?=[A-Z])")
# "state news agency Xinhua", "the business daily Nikkei", "US magazine Time"
_LEAD_DESCRIPTOR = re.compile(
    r"^(?i:(?:the|a|an)\s+)?(?:[\w.'-]+\s+){0,3}?(?i:newspaper|daily|news\s+agency|"
    r"news\s+service|wire\s+service|newswire|broadcaster|magazine|weekly|tabloid|website|"
    r"news\s+site|outlet)\s+(?=[A-Z])")
_TAIL_DESCRIPTOR = re.compile(
    r"\s+(?:" + _DESCRIPTOR + r"|report|reports|reporting|story|article|reporters?|"
    r"journalists?|correspondents?|interview)$", re.IGNORECASE)
_HOST = re.compile(r"^(?:https?://)?(?:www\d?\.|m\.|amp\.)?([a-z0-9.-]+\.[a-z]{2,})(?:[/:?#]\S*)?$",
                   re.IGNORECASE)


def _hit(form: str, credited: bool) -> Outlet | None:
    key = _fold(form)
    found = _INDEX.get(key) or (_INDEX.get(_strip_the(key)) if key.startswith("the ") else None)
    if found is None:
        return None
    outlet, ambiguous = found
    if form.islower() and _strip_the(key) in _SHORT_ACRONYMS:
        return None
    if ambiguous:
        # A common word names an outlet only when credited, and only as a capitalised name:
        # "People" in "told People", never "people".
        core = re.sub(r"^the\s+", "", form, flags=re.IGNORECASE)
        if not credited or not core[:1].isupper() or (core == form and key in _NEEDS_THE):
            return None
    return outlet


def _by_host(host: str) -> Outlet | None:
    labels = host.lower().strip(".").split(".")
    # "asia.nikkei.com" -> "nikkei.com"; never down to a bare suffix such as "co.uk"
    for i in range(len(labels) - 1):
        o = _BY_DOMAIN.get(".".join(labels[i:]))
        if o is not None:
            return o
    return None


@functools.lru_cache(maxsize=4096)
def lookup(name: str, *, credited: bool = False) -> Outlet | None:
    """The outlet a name denotes, or None.

    ``credited`` says the caller read the name in a crediting context ("told X", "according to
    X", an article's own outlet field): only then do common-word names ("People") count.
    """
    if not name or len(name) > 120:
        return None
    s = unicodedata.normalize("NFKC", name).replace("\u2019", "'").replace("\u2018", "'")
    s = " ".join(s.split()).strip(" .,;:!?\"'()[]*_\u201c\u201d")
    if not s:
        return None
    host = _HOST.match(s) if " " not in s else None
    if host:
        return _by_host(host.group(1))
    o = _hit(s, credited)
    if o is not None:
        return o
    s = _LEAD_POSSESSIVE.sub("", s)
    d = _LEAD_DESCRIPTOR.sub("", s)
    # A descriptor vouches for a common-word name: "People magazine", "business daily Mint".
    vouched = credited or d != s
    s = d
    for _ in range(2):
        t = _TAIL_DESCRIPTOR.sub("", s)
        vouched = vouched or t != s
        s = re.sub(r"'s?$", "", t).strip()
        o = _hit(s, vouched)
        if o is not None:
            return o
    return None


def normalise_outlet(name: str, *, credited: bool = False) -> str | None:
    """Canonical outlet name, or None when the name is no known outlet.

    "the FT", "FT", "ft.com", "Japan's Nikkei newspaper" -> "Financial Times" / "Nikkei".
    """
    o = lookup(name, credited=credited)
    return o.name if o else None


def outlet_key(name: str, *, credited: bool = False) -> str | None:
    """The key two names of one outlet share ("the FT", "Financial Times" -> "financial times")."""
    o = lookup(name, credited=credited)
    return o.key if o else None


def outlet_by_key(key: str) -> Outlet | None:
    """The outlet whose :attr:`Outlet.key` is ``key``."""
    return _BY_KEY.get(key)


def is_ambiguous(name: str) -> bool:
    """Whether a name is an outlet only in a crediting context ("People", "The Sun")."""
    return lookup(name) is None and lookup(name, credited=True) is not None


# --------------------------------------------------------------------------- the text pattern


def _alternation(surfaces) -> str:
    """One regex for many names, as a character trie: a failing position costs a few steps, not
    one per name. Greedy optional tails keep the longest name first ("Nikkei Asia" over
    "Nikkei"); a space or hyphen in a name matches either."""
    trie: dict = {}
    for surface in set(surfaces):
        forms = [surface]
        if surface.startswith("The "):
            forms.append("t" + surface[1:])
        for form in forms:
            node = trie
            for tok in re.sub(r"[\s-]+", " ", form):
                node = node.setdefault(tok, {})
            node[""] = {}

    def emit(node: dict) -> str:
        branches = [(r"[\s-]+" if tok == " " else re.escape(tok)) + emit(child)
                    for tok, child in sorted(node.items()) if tok]
        if not branches:
            return ""
        if "" in node:
            return "(?:" + "|".join(branches) + ")?"
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return emit(trie)


def _plain_surfaces() -> list[str]:
    """Every name and alias that is only ever an outlet."""
    return [s for o in OUTLETS for s in (o.name, *o.aliases) if s not in o.context_only]


# Followers that make a name part of something else: "Nikkei 225", "Reuters Institute",
# "Vox Media", "Guardian Council", "AP Photo" (a picture credit), "CCTV footage".
_NOT_FOLLOWED = (r"(?!\s+(?:225|[Ii]ndex|[Aa]verage|[Ff]utures|Stock|Institute|Foundation|"
                 r"Philanthropies|Prize|Awards?|Council|Square|Industrial|Media|Group|Holdings|"
                 r"Corp|Inc|LLC|Ltd|L\.?P\.?|Building|Tower|Photos?|footage|cameras?|images|videos?|"
                 r"systems?)\b)")
_END = r"(?:['\u2019]s)?(?:\s+(?:newspaper|news\s+agency|daily|magazine))?(?![\w-])"
# Crediting cues directly before a common-word name; fixed-width look-behinds, one per cue.
_CUES = ("according to", "According to", "told", "telling", "speaking to", "interview with",
         "reported by", "cited by", "quoted by", "citing", "report by", "reports by",
         "report in", "reports in", "published by", "wrote in", "writing in", "magazine",
         "newspaper", "news agency", "broadcaster", "tabloid", "weekly")
_CUE_RX = "(?:" + "|".join(f"(?<={re.escape(c)} )" for c in _CUES) + ")"
_REPORTED = (r"(?=\s+(?:reported|reports|revealed|has\s+reported|first\s+reported|"
             r"said\s+in\s+a\s+report|wrote|quoted|cited|obtained|published)\b)")
_PIECE = r"(?=['\u2019]s\s+(?:report|reporting|story|article|investigation|interview)\b)"


def _build_pattern() -> re.Pattern[str]:
    plain = _alternation(_plain_surfaces())
    ambiguous = [(o, c) for o in OUTLETS for c in o.context_only]
    free = _alternation(c for o, c in ambiguous if not c.startswith("The ") and not _needs_the(o, c))
    the_named = _alternation(c for o, c in ambiguous if _needs_the(o, c))
    the_forms = _alternation(c for o, c in ambiguous if c.startswith("The "))
    # A common-word name as an outlet writes it: "People", "the Independent", "The Sun".
    amb = rf"(?:(?:[Tt]he\s+)?(?:{free})|[Tt]he\s+(?:{the_named})|(?:{the_forms}))"
    # ... and never runs on into another name ("Time Warner", "Independent Electoral
    # Commission", "Standard & Poor's", "Fortune 500").
    amb_end = r"(?!\s+[A-Z][a-z]|\s*&|\s+\d)" + _NOT_FOLLOWED
    desc = r"\s+(?:magazine|newspaper|daily|news\s+agency|website|tabloid|weekly)(?![\w-])"
    return re.compile(
        r"\b(?:"
        rf"(?:[Tt]he\s+)?(?:{plain}){_NOT_FOLLOWED}{_END}"  # names that are only outlets
        rf"|{amb}{desc}"  # "People magazine", "the Independent newspaper"
        rf"|{_CUE_RX}{amb}{amb_end}{_END}"  # "told People", "according to Time"
        rf"|[Tt]he\s+(?:{the_named}){amb_end}{_REPORTED}"  # "the Independent reported"
        rf"|{amb}{_PIECE}['\u2019]s"  # "Time's report"
        r")"
    )


# Outlet mentions in running text; every match is one outlet ("Japan's" and the like are not
# included, a trailing "'s" or "newspaper" is). Pass the whole text with pos/endpos to
# ``finditer``/``match`` so the crediting look-behinds see what precedes.
OUTLET_PATTERN = _build_pattern()
