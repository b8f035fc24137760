"""Lexicons of the quantity extractor: number shapes, currencies, units, qualifiers.

Tables only (and the regexes compiled from them), so that ``quantities.py`` reads as the
procedure that uses them.
"""

from __future__ import annotations

import re

from crosswire.extract import numbers as nb

_DIGITS = r"(?<![\d.,])\d{1,3}(?:[ \u202f\u2009]\d{3})+(?!\d|[.,]\d)|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?(?:[eE][-+]?\d+(?![\w]))?|\.\d+"
_FRACTION = r"\d+\s+\d+/\d+|\d+/\d+"
_VULGAR = "[" + "".join(nb.VULGAR) + "]"
_SPELLED_FRAC = (
    r"\b(?:(?:one|two|three|four|five|six|seven|eight|nine)(?:\s+|-)"
    r"(?:half|halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)"
    r"|a(?:\s+|-)(?:half|third|quarter))\b"
)
_ATOM = re.compile(
    rf"(?P<neg>(?<![\w.,\-\u2013])[-\u2212](?=\d))?"
    rf"(?P<num>(?P<sci>\d+(?:\.\d+)?\s*[x×]\s*(?:10\^?[-\u2212]?\d+|\d+\^[-\u2212]?\d+))|(?:\d+\s*)?{_VULGAR}|{_FRACTION}|{_DIGITS}|(?P<sfrac>{_SPELLED_FRAC})"
    rf"|(?P<words>{nb.NUMBER_WORDS_RE}(?:(?:\s+|-)and(?:\s+|-)a(?:\s+|-)half)?))"
    r"(?P<scale>(?:\s*-?\s*|\s+)(?:thousand|million|billion|trillion|lakh\s+crore|lakh|crore)\b"
    r"|(?:\s?)(?:bn|mn|mln|bln|tn|trn)\b|[kKmMbBtT]\b)?",
    re.IGNORECASE,
)
# Longest names first so "US$" wins over "$". Country letters read in any case and, in
# tokenised text, apart from the sign ("hk $ 10.05 billion", "c $ 16.4 million"), but never
# after a letter or an apostrophe ("company's $5"). Two readings stay out on purpose: "a $5"
# and "A $5" are the article (only "A$5" is Australian), and "cost us $5" the pronoun (only
# "US $5" or "us$5" name the currency, which a bare "$" reads as USD anyway).
_L = r"(?<![\w'\u2019])"
_CURRENCY_PREFIX = [
    (rf"US\s?\$|{_L}(?i:us)\$|U\.S\.\s?\$|USD\s?", "USD"),
    (rf"{_L}(?i:au\s?|a)\$|AUD\s?", "AUD"), (rf"{_L}(?i:ca|c)\s?\$|CAD\s?", "CAD"),
    (rf"{_L}(?i:nz)\s?\$|NZD\s?", "NZD"), (rf"{_L}(?i:hk)\s?\$|HKD\s?", "HKD"),
    (rf"{_L}(?i:s)\$|SGD\s?", "SGD"), (rf"{_L}(?i:r)\$|BRL\s?", "BRL"),
    (rf"{_L}(?i:nt)\s?\$|TWD\s?", "TWD"), (r"₦|NGN\s?", "NGN"), (r"₱|PHP\s?", "PHP"),
    (r"₴|UAH\s?", "UAH"),
    (r"\$", "USD"), (r"€|EUR\s?", "EUR"), (r"£|GBP\s?", "GBP"), (r"¥|JPY\s?", "JPY"),
    (r"CN¥|RMB\s?|CNY\s?", "CNY"), (r"₹|Rs\.?\s?|INR\s?", "INR"), (r"₩|KRW\s?", "KRW"),
    (r"₽|RUB\s?", "RUB"), (r"CHF\s?", "CHF"), (r"₺|TRY\s?", "TRY"), (r"₪|ILS\s?", "ILS"),
    (r"₡|CRC\s?", "CRC"), (r"₾|GEL\s?", "GEL"), (r"₭|LAK\s?", "LAK"), (r"₫|VND\s?", "VND"),
    (r"฿|THB\s?", "THB"),
]
_PREFIX_RE = re.compile(
    "(?:" + "|".join(f"(?P<c{i}>{p})" for i, (p, _) in enumerate(_CURRENCY_PREFIX)) + r")\s?$"
)
# Case-insensitive (lower-cased and tokenised text: "10 us dollar", "australian dollars"),
# except names that are also common capitalised words or verbs, kept lower-case with (?-i:).
# An ambiguous name gets the reading news most often means, as "dollars" is USD; a country
# word before it names the currency exactly ("Canadian dollars", "Swiss francs").
_CURRENCY_WORDS = [
    (r"(?:U\.?S\.?|American)\s+dollars?", "USD"), (r"Canadian\s+dollars?", "CAD"),
    (r"Australian\s+dollars?", "AUD"), (r"Hong\s+Kong\s+dollars?", "HKD"),
    (r"Taiwan(?:ese)?\s+dollars?", "TWD"), (r"Singapore\s+dollars?", "SGD"),
    (r"New\s+Zealand\s+dollars?", "NZD"), (r"dollars?", "USD"), (r"(?:Japanese\s+)?yen", "JPY"),
    (r"euros?", "EUR"),
    (r"pounds?\s+sterling|sterling|pounds?", "GBP"),
    (r"(?:Chinese\s+)?(?:yuan|renminbi|rmb)", "CNY"),
    (r"Pakistani\s+rupees?", "PKR"), (r"Sri\s+Lankan\s+rupees?", "LKR"),
    (r"(?:Indian\s+)?rupees?", "INR"),
    (r"South\s+Korean\s+won\b|(?-i:won)\b", "KRW"), (r"(?:Russian\s+)?r[ou]ubles?", "RUB"),
    (r"Swiss\s+francs?", "CHF"), (r"French\s+francs?", "FRF"), (r"Belgian\s+francs?", "BEF"),
    (r"(?:Luxembourg|Luxembourgish)\s+francs?", "LUF"),
    (r"francs?", "franc?"),  # the sentence says which franc (quantity_context.read_franc)
    (r"(?:Finnish\s+)?markk(?:a|aa|as)\b|Finnish\s+marks?", "FIM"),
    (r"(?:Deutsche?|German)\s+marks?|d-marks?|deutschmarks?", "DEM"),
    (r"(?:Spanish\s+)?pesetas?", "ESP"), (r"(?:Dutch\s+|Netherlands\s+)?guilders?", "NLG"),
    (r"(?:Italian\s+)?lire\b", "ITL"), (r"(?:Austrian\s+)?schillings?", "ATS"),
    (r"(?:Greek\s+)?drachmas?", "GRD"), (r"(?:Portuguese\s+)?escudos?", "PTE"),
    (r"Argentine\s+pesos?", "ARS"), (r"Chilean\s+pesos?", "CLP"), (r"Colombian\s+pesos?", "COP"),
    (r"Philippine\s+pesos?", "PHP"), (r"(?:Mexican\s+)?pesos?", "MXN"),
    (r"(?:South\s+African\s+)?(?-i:rand)", "ZAR"),
    (r"(?:Turkish\s+)?liras?", "TRY"), (r"(?:Saudi\s+)?riyals?", "SAR"),
    (r"dirhams?", "AED"), (r"(?:Brazilian\s+)?(?:reais|(?-i:reals?))", "BRL"),
    (r"(?:Polish\s+)?zlot(?:y|ys|ies)", "PLN"),
    (r"hryvnias?", "UAH"), (r"shekels?", "ILS"), (r"baht", "THB"), (r"ringgit", "MYR"),
    (r"rupiah", "IDR"), (r"(?-i:dong)", "VND"), (r"naira", "NGN"), (r"kuai", "CNY"),
    (r"Danish\s+kron(?:e|er)", "DKK"), (r"Norwegian\s+kron(?:e|er)", "NOK"),
    (r"Swedish\s+kron(?:a|or)", "SEK"),
    (r"cents?", "USD-cent"),
    (r"dimes?", "USD-dime"), (r"nickels", "USD-nickel"),
    (r"pennies|pence|penny", "GBP-penny"),
    (r"(?-i:sen)", "MYR-sen"),  # a hundredth of the ringgit, the sen still in use
    # ISO codes; in lower case only those that are no English words ("rub", "cad" are)
    (r"(?-i:CAD|RUB)|USD|EUR|GBP|JPY|CNY|INR|CHF|AUD|KRW|HKD|SGD", "CODE"),
]
_CURRENCY_WORD_RE = re.compile(
    r"(?:\s*-\s*|\s*)(?:" + "|".join(f"(?P<w{i}>{p})" for i, (p, _) in enumerate(_CURRENCY_WORDS)) + r")\b",
    re.IGNORECASE,
)
_DEG = r"(?i:degrees?\b|degs?\b\.?)"
_CELSIUS = r"(?i:cel[sc]ius|centigrade)\b"
_FAHRENHEIT = r"(?i:fah?renheit|fahrenheight)\b"
# Physical units: (pattern, canonical unit, coarse class). Case-sensitive where symbols clash.
_UNITS = [
    (r"(?:percentage|per\s*cent(?:age)?)\s+points?|pp\b|ppts?\b", "percentage points", "percent"),
    (r"basis\s+points?|bps\b", "basis points", "percent"),
    (r"%|per\s*cent\b|percent\b|pct\b", "%", "percent"),
    (r"(?:sq(?:uare)?\.?\s*(?:km|kilomet(?:re|er)s?)|km2|km²|km\^2|(?:km|kilomet(?:re|er)s?)\s+squared)",
     "km2", "area"),
    (r"(?:sq(?:uare)?\.?\s*(?:miles?|mi\b)|mi2|mi²)", "mi2", "area"),
    (r"(?:cubic\s+(?:km|kilomet(?:re|er)s?)|km3|km³|km\^3|km\s+cubed)", "km3", "volume"),
    (r"tpd\b", "t/day", "mass flow"),  # tonnes per day: mills, mines and plants
    (r"hectares?|ha\b", "ha", "area"), (r"acres?", "acres", "area"),
    (r"(?:km|kilomet(?:re|er)s?)\s*(?:/|per\s+)\s*(?:h|hr|hour)\b|kph\b|kmph\b|km/h", "km/h", "speed"),
    (r"mph\b|miles\s+per\s+hour", "mph", "speed"), (r"knots?\b", "knots", "speed"),
    (r"nautical\s+miles?|nmi\b", "nmi", "length"),
    (r"kilomet(?:re|er)s?|km\b", "km", "length"), (r"miles?\b|mi\b", "mi", "length"),
    (r"microns?\b|micromet(?:re|er)s?|[µμ]m\b", "µm", "length"),
    (r"nanomet(?:re|er)s?|nm\b", "nm", "length"),
    # "pm"/"am" are picometres/attometres only after a number that is no clock time (see
    # quantity_context.is_clock): "2.123 pm" is a size, "2.30 pm" a time of day.
    (r"picomet(?:re|er)s?|pm\b", "pm", "length"), (r"attomet(?:re|er)s?|am\b", "am", "length"),
    (r"femtomet(?:re|er)s?", "fm", "length"),
    (r"centimet(?:re|er)s?|cm\b", "cm", "length"), (r"decimet(?:re|er)s?|dm\b", "dm", "length"), (r"millimet(?:re|er)s?|mm\b", "mm", "length"),
    (r"met(?:re|er)s?\b|m\b", "m", "length"), (r"feet\b|foot\b|ft\b", "ft", "length"),
    (r"inch(?:es)?\b", "in", "length"), (r"yards?\b", "yd", "length"),
    (r"light[- ]years?", "light-years", "length"),
    (r"kilo(?:gram)?s?\b|kg\b", "kg", "mass"), (r"milligrams?|mg\b", "mg", "mass"),
    (r"micrograms?|[µμ]g\b|mcg\b", "µg", "mass"), (r"nanograms?|ng\b", "ng", "mass"),
    (r"grams?\b|g\b", "g", "mass"), (r"(?:metric\s+)?tonnes?\b|(?:metric\s+)?tons?\b|t\b", "t", "mass"),
    (r"psi\b|pounds?\s+per\s+square\s+inch", "psi", "pressure"),
    (r"millibars?\b|mbar\b|hPa\b|hectopascals?\b", "hPa", "pressure"),
    (r"lbs?\b|pounds?\b", "lb", "mass"), (r"ounces?\b|oz\b", "oz", "mass"),
    (r"kilotons?\b", "kt", "mass"), (r"megatons?\b", "Mt", "mass"),
    (r"parts\s+per\s+million|ppm\b", "ppm", "concentration"),
    (r"parts\s+per\s+billion|ppb\b", "ppb", "concentration"),
    (r"(?:kilo)?calories\b|kcal\b", "kcal", "energy"), (r"decibels?\b|dB\b", "dB", "sound level"),
    (r"barrels?\s+(?:a|per)\s+day|bpd\b|b/d\b", "barrels/day", "flow"),
    (r"barrels?\b|bbl\b", "barrels", "volume"),
    (r"millilit(?:re|er)s?|ml\b|mL\b", "mL", "volume"), (r"centilit(?:re|er)s?|cl\b", "cL", "volume"),
    (r"lit(?:re|er)s?\b|L\b|l\b", "L", "volume"), (r"gallons?\b|gal\b", "gal", "volume"),
    (r"cubic\s+met(?:re|er)s?|m3\b|m³", "m3", "volume"),
    (r"cubic\s+(?:feet|foot|ft)\b|ft3\b|ft³|cu\.?\s*ft\b", "ft3", "volume"),
    (r"stone\b(?!s)", "st", "mass"),
    (r"cubic\s+centimet(?:re|er)s?|cm3\b|cm³|cc\b", "cm3", "volume"),
    (r"sq(?:uare)?\.?\s*met(?:re|er)s?|m2\b|m²", "m2", "area"),
    (r"sq(?:uare)?\.?\s*(?:feet|foot|ft)\b|ft2\b|ft²", "ft2", "area"),
    (r"cups?\b", "cups", "volume"), (r"tablespoons?\b|tbsp\b", "tbsp", "volume"),
    (r"teaspoons?\b|tsp\b", "tsp", "volume"),
    (r"British\s+thermal\s+units?|BTUs?\b|Btus?\b", "BTU", "energy"),
    (r"(?:milli|micro)?sieverts?\b|[mµμ]?Sv\b", "Sv", "radiation absorbed dose"),
    (r"(?:milli)?grays?\b(?=\s+of\s+radiation)|[mµμ]?Gy\b", "Gy", "radiation absorbed dose"),
    (r"(?:kilo|mega|giga|tera)?becquerels?\b|[kMGT]?Bq\b", "Bq", "radioactivity"),
    (r"J[·⋅]?s\b|joule[- ]seconds?\b", "J·s", "joule second"),
    (r"cd[·⋅]s\b|(?<=\d)cds\b|candela[- ]seconds?\b", "cd·s", "candela second"),
    (r"(?:kilo|mega|giga|tera)?joules?\b|[kMGT]?J\b", "J", "energy"),
    # Scale names in any case and common misspellings ("degrees celcius", "98.6 farenheit");
    # a bare letter C/F is a scale only after a degree word or sign ("20 degrees c", "5°F").
    (rf"{_DEG}\s+(?:{_CELSIUS}|(?i:c)\b)|°\s?C\b|C\b|{_CELSIUS}", "°C", "temperature"),
    (rf"{_DEG}\s+(?:{_FAHRENHEIT}|(?i:f)\b)|°\s?F\b|{_FAHRENHEIT}", "°F", "temperature"),
    (rf"(?:{_DEG}\s+)?(?i:kelvins?)\b", "K", "temperature"), (r"K\b", "K?", None),  # "K?": the sentence decides
    (rf"{_DEG}|°", "degrees", "temperature"),
    (r"[kMGT]Wh\b|(?:kilo|mega|giga|tera)?watt[- ]hours?|Wh\b", "Wh", "energy"), (r"[kMGT]?W\b|(?:kilo|mega|giga)?watts?\b", "W", "power"),
    (r"[kMGT]?Hz\b|(?:kilo|mega|giga)?hertz\b", "Hz", "frequency"),
    # More SI units, prefixed as written ("11 kV", "2.5 MPa"); a bare capital letter is too
    # often a name or a grade to stand alone ("5 A", "7 N"), so those take a prefix.
    (r"[kMm]?V\b|(?:kilo|mega|milli)?volts?\b", "V", "voltage"),
    (r"[km]?Ah\b|(?:milli)?amp(?:ere)?[- ]hours?\b", "Ah", "electric charge"),
    (r"[kmµμ]A\b|(?:kilo|milli|micro)?amp(?:ere)?s?\b", "A", "current"),
    (r"[kMG]Pa\b|Pa\b(?!\.)|(?:kilo|mega|giga)?pascals?\b", "Pa", "pressure"),
    (r"[kM]N\b(?!\.)|(?:kilo|mega)?newtons?\b", "N", "force"),
    (r"[kM]?Ω|(?:kilo|mega)?ohms?\b", "Ω", "electrical resistance"),
    (r"milliseconds?\b|ms\b", "ms", "time"), (r"microseconds?\b|[µμ]s\b", "µs", "time"),
    (r"nanoseconds?\b|ns\b", "ns", "time"),
    (r"lumens?\b", "lm", "luminous flux"), (r"lux\b", "lx", "illuminance"),
    (r"s(?:\^?[-−]1|⁻¹)(?!\d)", "1/s", "frequency"),
    (r"[kMGTP]B\b|[KMGT]iB\b|(?:kilo|mega|giga|tera|peta|exa|kibi|mebi|gibi|tebi)bytes?\b|bytes?\b",
     "B", "data"),
    (r"[kMGT]bps\b|(?:kilo|mega|giga|tera)bits?\s+per\s+second", "bit/s", "data transfer rate"),
    (r"[kMGT]b\b|(?:kilo|mega|giga|tera)bits?\b|bits\b", "bit", "data"),  # "32-bit" is a kind
    (r"eV\b|[kMGT]eV\b|electron[- ]?volts?\b", "eV", "energy"),
    # Integrated luminosity of a collider, an inverse area: "5 fb−1".
    (r"fb(?:\^?[-−]1|⁻¹)|inverse\s+femtobarns?\b", "fb-1", "inverse area"),
    (r"pb(?:\^?[-−]1|⁻¹)|inverse\s+picobarns?\b", "pb-1", "inverse area"),
    # "b?": bits or barns, the sentence decides; "barn?": barns in physics, else farm buildings.
    (r"b\b", "b?", None), (r"barns?\b", "barn?", None),
    (r"arc[- ]?minutes?\b|arcmins?\b|minutes?\s+of\s+arc\b", "arcmin", "angle"),
    (r"arc[- ]?seconds?\b|arcsecs?\b|seconds?\s+of\s+arc\b", "arcsec", "angle"),
    # Geological time: "66 Ma" (million years), "one gigaannum (1 Ga)".
    (r"gigaannums?\b|gigayears?\b|Gyr\b|Ga\b", "Ga", "time"),
    (r"megaannums?\b|megayears?\b|Myr\b|Ma\b", "Ma", "time"),
    (r"magnitude\b|(?:on|in)\s+the\s+(?:open-ended\s+)?(?:Richter|moment[- ]magnitude)\s+scale",
     "magnitude", "magnitude"),
    (r"(?:light\s+)?years?\b|yrs?\b", "years", "time"), (r"months?\b", "months", "time"),
    (r"weeks?\b|wks?\b", "weeks", "time"), (r"days?\b", "days", "time"),
    (r"hours?\b|hrs?\b", "hours", "time"), (r"minutes?\b|mins?\b", "minutes", "time"),
    (r"seconds?\b|secs?\b", "seconds", "time"), (r"decades?\b", "decades", "time"),
    (r"centur(?:y|ies)\b", "centuries", "time"),
]
_UNIT_RE = re.compile(
    r"(?:\s*-\s*|\s*)(?:" + "|".join(f"(?P<u{i}>{p})" for i, (p, _, _) in enumerate(_UNITS)) + ")"
)
# Denominators of a rate ("15 milligrams per litre", "10 l/km", "300 Wh/kg"), named singular.
_PER_DEN = [
    (r"(?:sq(?:uare)?\.?\s*|km2\b|km²)(?:km|kilomet(?:re|er)s?)?", "km2"),
    (r"m\^?2\b|m²|sq(?:uare)?\.?\s*met(?:re|er)s?\b", "m2"),
    (r"cubic\s+centimet(?:re|er)s?|cm3\b|cm³", "cm3"), (r"cubic\s+met(?:re|er)s?|m3\b|m³", "m3"),
    (r"kilomet(?:re|er)s?\b|km\b", "km"), (r"met(?:re|er)s?\b|m\b", "m"),
    (r"miles?\b|mi\b", "mi"), (r"kilo(?:gram)?s?\b|kg\b", "kg"), (r"grams?\b|g\b", "g"),
    (r"(?:metric\s+)?(?:tonnes?|tons?)\b|t\b", "t"), (r"lit(?:re|er)s?\b|[lL]\b", "L"),
    (r"millilit(?:re|er)s?\b|m[lL]\b", "mL"), (r"gallons?\b|gal\b", "gal"),
    (r"hours?\b|hrs?\b|h\b", "h"), (r"minutes?\b|mins?\b", "min"), (r"s2\b|s²", "s2"),
    (r"seconds?\b|secs?\b|s\b", "s"),
    (r"days?\b", "day"), (r"weeks?\b", "week"), (r"months?\b", "month"), (r"years?\b|yr\b", "year"),
]
_PER_RE = re.compile(
    r"(?:\s*/\s*|\s+per\s+|\s+an?\s+(?=(?:hour|day|week|month|year|minute|second)\b))(?:"
    + "|".join(f"(?P<d{i}>{p})" for i, (p, _) in enumerate(_PER_DEN))
    + r")(?![\w^²³])(?!\s+(?:ago|earlier|later|before|after)\b)"
)
_RATE_NAMES = {"mi/h": "mph"}  # the name news uses for a rate
UNIT_CLASS = {canon: cls for _, canon, cls in _UNITS if cls is not None}
UNIT_CLASS.update({"KiB": "data", "bit": "data", "b": "area"})
_DEN_CLASS = {"km2": "area", "m2": "area", "cm3": "volume", "m3": "volume", "km": "length", "m": "length",
              "mi": "length", "kg": "mass", "g": "mass", "t": "mass", "L": "volume", "mL": "volume",
              "gal": "volume", "h": "time", "min": "time", "s": "time", "day": "time",
              "week": "time", "month": "time", "year": "time", "s2": "square second"}
UNIT_CLASS.update(_DEN_CLASS)
_PREFIXED = ("W", "Wh", "Hz", "B", "eV", "Sv", "Gy", "Bq", "J", "bit", "bit/s", "V", "A", "Pa",
             "N", "Ω", "Ah")
UNIT_CLASS.update({p + u: UNIT_CLASS[u] for p in "kMGTPEmµμ" for u in _PREFIXED})
UNIT_CLASS.update({p + "iB": "data" for p in ("Ki", "Mi", "Gi", "Ti")})
UNIT_CLASS.update({"arcmin": "angle", "arcsec": "angle"})
_PREFIX_SYM = {"kilo": "k", "mega": "M", "giga": "G", "tera": "T", "peta": "P", "exa": "E",
               "milli": "m", "micro": "µ", "kibi": "Ki", "mebi": "Mi", "gibi": "Gi", "tebi": "Ti"}


def _long_unit(word: str, canon: str) -> str:
    """"gigawatts" -> "GW", "exabytes" -> "EB"."""
    pre = re.match(r"(kilo|mega|giga|tera|peta|exa|milli|micro|kibi|mebi|gibi|tebi)", word, re.IGNORECASE)
    return (_PREFIX_SYM[pre.group(1).lower()] if pre else "") + canon


# Letter symbols that are too ambiguous to read without a currency or digit right before them.
_RISKY_SYMBOLS = {"m", "g", "t", "l", "L", "C", "K", "W", "B", "ha", "mi", "in", "nm", "cl", "gal",
                  "pm", "am", "b", "Ma", "Ga", "Js", "V", "Pa", "ms", "ns", "ng"}

_QUALIFIERS = [
    ((r"about|around|approximately|approx\.|roughly|some|nearly|almost|an\s+estimated|"
      r"estimated|close\s+to|circa|c\.|just\s+under|just\s+over"), "about"),
    ((r"more\s+than|over|above|at\s+least|upwards\s+of|exceeding|in\s+excess\s+of|"
      r"greater\s+than|north\s+of|no\s+fewer\s+than|no\s+less\s+than"), "more than"),
    (r"less\s+than|fewer\s+than|under|below|short\s+of|south\s+of", "less than"),
    ((r"up\s+to|as\s+many\s+as|as\s+much\s+as|as\s+high\s+as|at\s+most|no\s+more\s+than|"
      r"a\s+maximum\s+of|maximum\s+of|within"), "up to"),
]
_QUAL_RE = re.compile(
    r"(?<![\w])(?:" + "|".join(f"(?P<q{i}>{p})" for i, (p, _) in enumerate(_QUALIFIERS))
    + r")\s+$", re.IGNORECASE
)
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_TIME_AFTER = re.compile(r"(?::\d{2}|\s*[ap]\.?m\.?\b|\s*o'clock|\s*(?:GMT|UTC|ET|EST|EDT|BST|JST)\b)", re.IGNORECASE)
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
_RANGE_SEP = re.compile(r"\s*-?\s*(?:-|–|—|to|and|through)\s*", re.IGNORECASE)
_LIST_SEP = re.compile(r"\s*(?:,\s*|\s(?:,\s*)?(?:and|or)\s+)", re.IGNORECASE)
_CHANGE_VERB = re.compile(
    r"\b(?:rose|rise[sn]?|rising|fell|fall(?:s|en|ing)?|increas\w*|decreas\w*|grew|grow\w*|"
    r"jump\w*|drop\w*|climb\w*|slipp?\w*|rais\w*|cut\w*|lift\w*|reduc\w*|boost\w*|doubl\w*|"
    r"surg\w*|plung\w*|slash\w*|up|down|went|go|chang\w*|shift\w*|mov\w*)\b",
    re.IGNORECASE,
)
_PLURAL_IRREGULAR = {"people", "children", "men", "women", "police", "personnel", "staff",
                     "cattle", "sheep", "fish", "aircraft", "feet", "teeth", "mice", "geese",
                     "troops", "series", "species", "crew", "livestock"}
_NOT_COUNT_NOUN = {
    "and", "or", "of", "to", "in", "on", "at", "for", "by", "with", "from", "the", "a", "an",
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "that",
    "this", "these", "those", "than", "as", "per", "percent", "times", "more", "less", "other",
    "others", "its", "their", "his", "her", "our", "which", "who", "when", "after", "before",
    "into", "over", "under", "about", "each", "also", "it", "they", "he", "she", "we", "you",
    "i", "not", "so", "but", "if", "while", "out", "up", "down", "such", "both", "all", "said",
    "says", "ago", "earlier", "later", "years", "year", "since", "until", "s", "do", "does",
    "can", "could", "may", "might", "must", "should", "there", "here", "then", "now",
}
# Capitalised words that start sentences before a plain number ("Only 5 were found").
_SENTENCE_WORDS = _NOT_COUNT_NOUN | {
    "only", "just", "exactly", "nearly", "almost", "another", "roughly", "about", "around",
    "some", "over", "under", "total", "number", "vote", "score", "aged", "age",
}
_YEARLIKE = re.compile(r"(?:1[6-9]|20)\d\d")
_DATE_PREP_BEFORE = re.compile(r"\b(?:in|since|by|until|till|from|of|during|through|before|after|"
                               r"year|fiscal|FY|the|early|late|mid|spring|summer|autumn|fall|winter)\s*-?\s*$",
                               re.IGNORECASE)
