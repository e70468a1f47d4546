"""Quantities in a sentence, normalized: value, unit, qualifier, approximation.

A number is read in the article's locale (de: 1.000,5; en: 1,000.5) or from
number words (text2num), multiplied by a scale word (Mio., Milliarden, bn),
and given a unit: an ISO 4217 currency, `percent`, `percentage_points`, or the
counted noun as written. Words before it qualify it (über -> more_than, rund ->
approximately). Vague amounts (mehrere Hundert, thousands of) become a lower
bound: twice the named unit, `at_least`, approximate.

Years are dates, not quantities; `looks_like_year` is shared with dates.py.

Each figure has a `kind`. A rate ("3,1 Unfälle je 1.000 Fahrten", "12 per
100,000 people", "two in five adults") is one figure whose `per` holds the
denominator. Counted nouns are the head of the noun phrase ("35 apprentice
electricians" -> "electricians"). What is no statistic is left out unless
`everything=True`: times of day (7:05, 18.30 Uhr, 9 p.m.), time frames ("in
den kommenden drei Jahren", "over the past two decades"), German ordinals, and
number words with no counted noun or unit or an idiom's article ("a million
thanks"). "unter" before a counted group of people ("unter 900 Befragten") is
"among", no qualifier.
"""

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate, filterfalse

from text_to_num import text2num

from .lexicon import LOWER, WordCache, alphanumeric_runs
from .types import Figure, Per

# 1.000,5 or 1000,5 (de); 1,000.5 or 1000.5 (en). One leading \d rather than an
# alternation, so that the regex engine can skip ahead to the digits.
_NUMBER = {
    "de": r"\d(?:\d{0,2}(?:\.\d{3})+(?:,\d+)?|\d*(?:,\d+)?)",
    "en": r"\d(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?)",
}
_NUMBER_WORD = {
    "de": r"(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|"
    r"zwanzig|dreißig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig|hundert|tausend|und)+",
    "en": r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|thousand)(?:[ -](?:one|two|three|four|five|six|seven|"
    r"eight|nine|hundred|thousand|and))*",
}
# Articles that stand for 1 before a scale word: "eine Milliarde", "a billion".
_ONE = {"de": r"eine[rnms]?|ein", "en": r"an?|one"}
_SCALE = {
    "de": {
        "tausend": 1e3, "tsd.": 1e3, "million": 1e6, "millionen": 1e6, "mio.": 1e6,
        "mio": 1e6, "milliarde": 1e9, "milliarden": 1e9, "mrd.": 1e9, "mrd": 1e9,
        "billion": 1e12, "billionen": 1e12, "bio.": 1e12,
    },
    "en": {
        "thousand": 1e3, "million": 1e6, "millions": 1e6, "mn": 1e6, "m": 1e6,
        "billion": 1e9, "billions": 1e9, "bn": 1e9, "trillion": 1e12, "tn": 1e12,
    },
}  # fmt: skip
_CURRENCY = {
    "€": "EUR", "euro": "EUR", "eur": "EUR", "$": "USD", "us$": "USD", "us-$": "USD",
    "euros": "EUR", "dollar": "USD", "dollars": "USD", "us-dollar": "USD", "usd": "USD", "£": "GBP",
    "pfund": "GBP", "pound": "GBP", "pounds": "GBP", "gbp": "GBP", "franken": "CHF",
    "chf": "CHF", "yuan": "CNY", "renminbi": "CNY", "cny": "CNY", "yen": "JPY",
    "jpy": "JPY", "¥": "JPY",
}  # fmt: skip
_PERCENT = {
    "%": "percent", "prozent": "percent", "percent": "percent", "per cent": "percent",
    "prozentpunkte": "percentage_points", "prozentpunkten": "percentage_points",
    "percentage points": "percentage_points", "percentage point": "percentage_points",
}  # fmt: skip
_QUALIFIERS = {
    "de": {
        "mehr als": "more_than", "knapp über": "more_than", "über": "more_than",
        "weniger als": "less_than", "knapp unter": "less_than", "unter": "less_than",
        "mindestens": "at_least", "wenigstens": "at_least", "bis zu": "up_to",
        "höchstens": "up_to", "maximal": "up_to", "rund": "approximately",
        "etwa": "approximately", "ca.": "approximately", "circa": "approximately",
        "ungefähr": "approximately", "annähernd": "approximately", "fast": "approximately",
        "nahezu": "approximately", "knapp": "approximately", "gut": "approximately",
    },
    "en": {
        "more than": "more_than", "over": "more_than", "above": "more_than",
        "in excess of": "more_than", "less than": "less_than", "fewer than": "less_than",
        "under": "less_than", "below": "less_than", "at least": "at_least",
        "up to": "up_to", "as many as": "up_to", "as much as": "up_to",
        "about": "approximately", "around": "approximately", "roughly": "approximately",
        "approximately": "approximately", "approx.": "approximately", "some": "approximately",
        "nearly": "approximately", "almost": "approximately", "close to": "approximately",
        "an estimated": "approximately",
    },
}  # fmt: skip
# "mehrere Hundert", "Tausende", "several hundred", "thousands of": a vague amount.
_VAGUE = {
    "de": r"(?:mehrere[nm]?|einige[nm]?|etliche[nm]?)\s+(?P<base>Hundert|Tausend|Dutzend)"
    r"|(?P<plural>Hunderte|Tausende|Dutzende)n?\b",
    "en": r"(?:several|a few)\s+(?P<base>hundred|thousand|dozen)"
    r"|(?P<plural>hundreds|thousands|dozens)\s+of\b",
}
_VAGUE_BASE = {"hundert": 100, "hundred": 100, "tausend": 1000, "thousand": 1000,
               "dutzend": 12, "dozen": 12, "hunderte": 100, "hundreds": 100,
               "tausende": 1000, "thousands": 1000, "dutzende": 12, "dozens": 12}  # fmt: skip
_SKIPPABLE_EN = frozenset(
    [
        "of",
        "in",
        "the",
        "a",
        "an",
        "to",
        "and",
        "on",
        "at",
        "for",
        "by",
        "from",
        "than",
        "per",
        "this",
        "that",
        "these",
        "those",
        "last",
        "next",
        "each",
        "every",
        "a",
        "year",
        "day",
    ]
)
_NOT_YEAR_AFTER = re.compile(r"\s*(?:%|prozent|percent|per cent|[a-zäöü]+\.?\s)", re.I)

# Words right before a four-digit number that make it a year: "seit 2019", "im Jahr 2024".
_YEAR_CUE = re.compile(
    r"(?:\b(?:seit|bis|ab|zwischen|anfang|ende|mitte|frühjahr|frühling|sommer|herbst|winter|"
    r"jahr|jahres|jahre|jahrgang|saison|since|until|till|by|in|during|from|before|after|year|"
    r"early|late|mid|spring|summer|autumn|fall|winter|season|of|und|and|or|oder)\s+"
    r"|(?:bis|-|–|/)\s*)$",
    re.IGNORECASE,
)
# A German noun after a year-like number that cannot be counted: a mass noun ("2023
# Fördermittel beantragt") or a singular by its suffix ("2024 Förderung erhalten").
_UNCOUNTED_NOUN = re.compile(
    r"(?:ung|heit|keit|schaft|tion|sion|ität|ismus|tum|mittel|geld|gelder|kapital|budget|"
    r"umsatz|gewinn|verlust|hilfe|hilfen|wachstum|strom|wasser|personal|zuwachs|bedarf)$",
    re.IGNORECASE,
)
_WORD_AFTER = re.compile(r"\s(?P<word>[A-ZÄÖÜ][a-zäöüß-]+)")

# "unter" (de) before a counted group of people in the dative plural means "among":
# "eine Umfrage unter 900 Befragten"; before a measure it stays "less than".
_GROUP_NOUN = re.compile(
    r"(?:innen|ern|enden|ierten|igten|ragten|stellten|ntlichen|chsenen|ndlichen|sicherten|"
    r"ranken|kranken|ienten|enten|kunden|gästen|kindern|eltern|menschen|personen|"
    r"mitgliedern|leuten|frauen|männern|deutschen|unternehmen|betrieben|haushalten|firmen|"
    r"kommunen|gemeinden|schulen|praxen)$"
)
_MEASURE_NOUN = re.compile(
    r"(?:meter|metern|liter|litern|gramm|tonnen|grad|euro|dollar|franken|stunden|minuten|"
    r"sekunden|tagen|wochen|monaten|jahren|kilowattstunden|einheiten|punkten|stimmen)$",
    re.IGNORECASE,
)
_NOT_AMONG_BEFORE = re.compile(
    r"\b(?:mit|bei|von|auf|nur|noch|deutlich|weit|knapp|liegt|lag|lagen|liegen|sank|sinkt|"
    r"fiel|fällt|bleibt|blieb)\s+$",
    re.IGNORECASE,
)

# Time units: a figure counting them is a duration.
_TIME_UNIT = re.compile(
    r"(?:jahr|jahre|jahren|jahres|jahrzehnt|jahrzehnte|jahrzehnten|monat|monate|monaten|"
    r"woche|wochen|tag|tage|tagen|stunde|stunden|minute|minuten|sekunde|sekunden|quartal|"
    r"quartale|quartalen|halbjahr|halbjahre|jahrhundert|jahrhunderte|"
    r"year|years|decade|decades|month|months|week|weeks|day|days|hour|hours|minute|minutes|"
    r"second|seconds|quarter|quarters|century|centuries|fortnight|fortnights)$",
    re.IGNORECASE,
)
# A duration framed as a time span ("the next four years", "seit drei Jahren", "zwei Jahre
# lang") says when, not how much: no statistic.
_FRAME_BEFORE = {
    "de": re.compile(
        r"\b(?:seit|vor|nach|binnen|innerhalb|für|in|während|kommenden|nächsten|vergangenen|"
        r"letzten|folgenden|ersten|ganze[n]?|gut|rund|knapp|etwa|fast|über|mehr als)"
        r"(?:\s+(?:den|der|die|dem|des))?\s+$",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"\b(?:next|last|past|coming|previous|following|first|for|over|within|during|in|after|"
        r"about|around|nearly|almost|some|more than)(?:\s+(?:the|a|an))?\s+$",
        re.IGNORECASE,
    ),
}
_FRAME_AFTER = re.compile(
    r"\s+(?:lang|zuvor|später|danach|davor|her|ago|later|earlier|before|long)\b", re.IGNORECASE
)

# English noun phrase after a number: words that end it (function words, auxiliaries).
_STOP_EN = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "from",
        "with",
        "than",
        "and",
        "or",
        "but",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "have",
        "has",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "who",
        "which",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "their",
        "his",
        "her",
        "our",
        "my",
        "your",
        "they",
        "we",
        "he",
        "she",
        "you",
        "i",
        "not",
        "no",
        "said",
        "say",
        "says",
        "told",
        "per",
        "each",
        "every",
        "over",
        "under",
        "into",
        "out",
        "up",
        "down",
        "off",
        "about",
        "after",
        "before",
        "since",
        "until",
        "while",
        "when",
        "where",
        "if",
        "so",
        "also",
        "only",
        "just",
        "still",
        "already",
        "again",
        "ago",
        "later",
        "earlier",
    ]
)
_IRREGULAR_PLURALS = frozenset(
    [
        "people",
        "men",
        "women",
        "children",
        "staff",
        "police",
        "cattle",
        "sheep",
        "feet",
        "teeth",
        "mice",
        "geese",
        "personnel",
        "data",
        "media",
        "fish",
        "deer",
        "aircraft",
    ]
)
_TIME = {
    "de": re.compile(
        r"(?<![\w.,:])(?:(?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s?Uhr)?|(?:[01]?\d|2[0-4])\s?Uhr)"
        r"(?![\w]|[.,:]\d)"
    ),
    "en": re.compile(
        r"(?<![\w.,:])(?:(?:1[0-2]|0?\d)(?:[:.][0-5]\d)?\s?(?:[ap]\.m\.|[ap]m\b)"
        r"|(?:[01]?\d|2[0-3]):[0-5]\d(?![\w]|[.,:]\d)|(?:1[0-2]|0?\d)\s?o'clock\b)",
        re.IGNORECASE,
    ),
}
_TIME_HINT = re.compile(r":\d|uhr\b|\d\s?[ap]\.?m\b|o'clock", re.IGNORECASE)
_AM_PM = re.compile(r"\d\s?[ap]\.?m\b")  # starts with a digit: the regex engine skips to one
# Nouns of idioms and hyperbole after number words ("a thousand reasons", "tausend Dank",
# "a million points of light"): no counts. Digits are always meant as counts.
_IDIOM_NOUN = re.compile(
    r"(?:reasons?|thanks|ways|miles|questions|things|words|points|pieces|stars|lights|faces|"
    r"voices|dank|gründen?|fragen|dingen?|worten?|stücken?|sternen?|gesichtern?|stimmen|"
    r"kilometer|meilen)$",
    re.IGNORECASE,
)


# Words after which a number names something rather than counting it: a paragraph, an
# article, a report, a line or a platform ("Paragraf 3", "report no. 17", "Gleis 7",
# "Sections 230 and 231"). Such identifiers are no statistic; with everything=True they
# come with kind "identifier". Words that also stand before real counts in ordinary
# sentences ("im Raum 500 Firmen", "last season 3,000 fans") are left out; English
# common nouns count only capitalized ("Stage 3", not "at this stage 40 people").
_IDENTIFIER_ABBREVIATIONS = "no nos nr nrn art abs par sec secs kap ziff vol fig abb tab az"
_IDENTIFIER_WORDS = """
nummer nummern paragraf paragrafen paragraph paragraphs paragraphen artikel article articles
absatz absätze abschnitt abschnitte kapitel ziffer section sections chapter chapters clause
clauses line lines linie linien gleis gleise platform platforms bahnsteig route routes
buslinie bus tram flight flug seite seiten page pages heft staffel stufe ausfahrt junction
interstate highway bundesstraße landstraße kreisstraße autobahn tabelle table abbildung
figure anhang annex appendix drucksache aktenzeichen kategorie rang amendment amendments
"""
_IDENTIFIER_CAPITALIZED = """
Number Numbers Level Stage Phase Issue Rule Unit Grade Block Zone Exit Gate Room Ward Pier
Terminal Category Episode Season
"""


_ABBREVIATED_CUES = frozenset(_IDENTIFIER_ABBREVIATIONS.split())
_CUES = frozenset(_IDENTIFIER_WORDS.split())
_CAPITALIZED_CUES = frozenset(_IDENTIFIER_CAPITALIZED.split())
# What may stand between the cue and the number: earlier numbers of a list (Artikel 3, 4
# und 9; Sections 40 and 41) and their joining words.
_LIST_WORDS = frozenset(["und", "and", "or", "oder", "bis", "to", "&"])
_LIST_NUMBER = re.compile(r"\d+[a-z]?")
_OPENING = "([{\"'„“‚‘«»"


def _identifier_cue(before: str) -> bool:
    """Whether `before` ends with an identifier's word (Paragraf, Route, no., §), maybe
    followed by a list of earlier numbers: read word by word from the end."""
    listed = False  # whether a list's word or number came after the word at hand
    for token in reversed(before.split()[-8:]):
        verdict = _cue_word[token]
        if verdict is _READ_ON:
            listed = True
        elif isinstance(verdict, tuple):  # Linie(n): a line of transport unless "erster Linie"
            if listed:
                return verdict[0]
            index = before.rfind(token)
            return not before[:index].rstrip().lower().endswith(("erster", "vorderster"))
        else:
            return verdict
    return False


_READ_ON = object()


@WordCache  # the same words stand before numbers again and again
def _cue_word(token: str):
    """What one word before a number tells, read from the end: True or False, _READ_ON for
    a list's word or number, and for Linie(n) a tuple of what it tells after a list."""
    word = token.lstrip(_OPENING)
    if not word:
        return False
    if word[-1] in "§#":
        return True  # § 5, §5, #12
    core = word.rstrip(",–-")
    if not core or core.lower() in _LIST_WORDS or _LIST_NUMBER.fullmatch(core):
        return _READ_ON
    lowered = core.lower()
    if lowered.endswith("."):
        return lowered[:-1] in _ABBREVIATED_CUES
    verdict = lowered in _CUES or core in _CAPITALIZED_CUES
    return (verdict,) if lowered in ("linie", "linien") else verdict


# A person's age in apposition (Joanne Patel, 34, said ...): no statistic either.
_AGE = re.compile(r"\d{1,3},(?!\d)")
_NAME_BEFORE_AGE = re.compile(r"[A-ZÄÖÜ][\w’'-]*[a-zäöüß],\s$")

# What introduces a rate's denominator; "in" and "of every" need a number after them.
_PER = {
    "de": r"\s+(?P<per>je|pro|auf\s+je|von\s+je|von\s+jeweils|jeweils|von)(?=\s)(?!\s+nach\b)",
    "en": r"\s+(?P<per>per|for\s+every|out\s+of\s+every|of\s+every|in\s+every|out\s+of|in|"
    r"every|a|an)(?=\s)",
}
_PER_NEEDS_NUMBER = frozenset(
    ["von", "in", "out of", "of every", "in every", "out of every", "for every", "every"]
)
_PER_TIME_ONLY = frozenset(["a", "an"])


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _compile(language: str) -> dict:
    scale = _alternation(_SCALE[language])
    currency_words = _alternation(w for w in _CURRENCY if w[0].isalpha())
    return {
        # Digits first, so the regex engine can skip to them; the left edge is checked apart.
        "digits": re.compile(
            rf"(?P<digits>{_NUMBER[language]})(?:(?![\w]|[.,]\d)|(?=(?:bn|mn|tn|Mio|Mrd"
            + ("|m" if language == "en" else "")
            + r")\b))"
        ),  # also "5bn", "3Mrd", "£12m"
        "words": re.compile(
            rf"(?<![\w.,/-])(?:(?P<one>{_ONE[language]})(?=\s+(?:{scale})(?!\w))"
            rf"|(?P<words>{_NUMBER_WORD[language]}))(?![\w])",
            re.IGNORECASE,
        ),
        "scale": re.compile(rf"\s?(?P<scale>{scale})(?![\w])", re.IGNORECASE),
        "currency_after": re.compile(
            rf"\s?(?P<unit>€|\$|£|¥|(?:{currency_words})(?![\w-]))", re.IGNORECASE
        ),
        "percent": re.compile(rf"\s?(?P<unit>{_alternation(_PERCENT)})(?![\w])", re.IGNORECASE),
        "currency_before": re.compile(r"(?P<unit>US-?\$|€|\$|£|¥)\s?$", re.IGNORECASE),
        "qualifier": re.compile(
            rf"(?:^|(?<=\s))(?P<q>{_alternation(_QUALIFIERS[language])})\s+$", re.IGNORECASE
        ),
        "vague": re.compile(_VAGUE[language], re.IGNORECASE),
        "noun_de": re.compile(
            r"\s+(?:[a-zäöüß]+(?:e|en|er|es|em)\s+){0,3}(?P<noun>[A-ZÄÖÜ][\w-]*[\w])"
        ),
        "word_en": re.compile(r"\s+(?P<noun>[a-z][\w-]*[a-z])"),
        "per": re.compile(_PER[language], re.IGNORECASE),
        "per_number": re.compile(
            rf"\s+(?:(?P<digits>{_NUMBER[language]})|(?P<words>{_NUMBER_WORD[language]}))"
            rf"(?![\w])(?:\s?(?P<scale>{scale})(?![\w]))?",
            re.IGNORECASE,
        ),
    }


_PATTERNS = {language: _compile(language) for language in _NUMBER}
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)  # find_dates and then find_figures read the same sentence
def sentence_words(text: str, start: int, end: int) -> tuple[frozenset[str], frozenset[str], bool]:
    """The words (letters only) of text[start:end] as written and lower-cased, and whether
    it has a digit."""
    # The runs of letters in the runs of letters and digits (most are letters only).
    words = set(alphanumeric_runs(text[start:end]))
    others = list(filterfalse(str.isalpha, words))
    # Every digit stands in such a run of letters and digits: no search of the text for one.
    digits = False
    if others:
        words.difference_update(others)
        for run in others:
            if run.isdecimal():  # a number (most such runs) holds no letters
                digits = True
            else:
                words.update(_WORD.findall(run))
                digits = digits or _DIGIT.search(run) is not None
    return frozenset(words), frozenset(map(LOWER.__getitem__, words)), digits


_NOT_BEFORE_DIGITS = re.compile(r"[\w.,/-]")
_DIGIT = re.compile(r"\d")
_ORDINAL_DOT = re.compile(r"\.\s*[A-ZÄÖÜ]")  # "am 3. März", "Platz 3. Der"
_VAGUE_HINTS = frozenset(
    [
        "mehrere",
        "mehreren",
        "mehrerer",
        "einige",
        "einigen",
        "etliche",
        "etlichen",
        "hunderte",
        "hunderten",
        "tausende",
        "tausenden",
        "dutzende",
        "dutzenden",
        "several",
        "few",
        "hundreds",
        "thousands",
        "dozens",
    ]
)
# "ein"/"und"/"one" alone are no number worth a figure; with a scale word they are.
_NUMBER_HINTS = {
    language: frozenset(re.findall(r"[a-zäöüß]+", _NUMBER_WORD[language])) - {"ein", "und", "one"}
    | {w.rstrip(".") for w in _SCALE[language]}
    for language in _NUMBER
}
# Whether a word can be the first of a match of "words" (ein, eine, a, one, number words):
# a match starts with a whole word.
_FIRST_NUMBER_WORD = {
    language: re.compile(rf"{_ONE[language]}|{_NUMBER_WORD[language]}", re.IGNORECASE)
    for language in _NUMBER
}
_STARTS_NUMBER_WORDS = {
    language: WordCache(lambda word, p=pattern: p.fullmatch(word) is not None)  # words repeat
    for language, pattern in _FIRST_NUMBER_WORD.items()
}
_NUMBER_WORD_ENDINGS = ("zig", "ßig", "zehn", "hundert", "tausend", "teen", "ty")
_NUMBER_WORD_ENDING = re.compile(f"(?:{'|'.join(_NUMBER_WORD_ENDINGS)})\\b")
# A word that ends like a number word: the pattern matches only the end of one.
_ENDS_LIKE_NUMBER_WORD = WordCache(lambda word: word.endswith(_NUMBER_WORD_ENDINGS))


def parse_number(digits: str, language: str) -> float:
    if language == "de":
        return float(digits.replace(".", "").replace(",", "."))
    return float(digits.replace(",", ""))


def looks_like_year(text: str, start: int, end: int, language: str) -> bool:
    """A bare four-digit number from 1900 to 2099 not used as an amount."""
    word = text[start:end]
    if not (len(word) == 4 and word.isdigit() and 1900 <= int(word) <= 2099):
        return False
    before = text[max(0, start - 15) : start]
    patterns = _PATTERNS[language]
    if _qualifier(before, language) or _currency_before(before, language):
        return False
    after = text[end : end + 25]
    if patterns["scale"].match(after) or patterns["percent"].match(after):
        return False
    if patterns["currency_after"].match(after):
        return False
    if language != "de":
        return True
    # German nouns are capitalized: "2000 Mitarbeiter" counts, "2018 gegründet" dates,
    # and so do "seit 2019 Mitglied" (a date word before) and "2023 Fördermittel" (a noun
    # that is not counted).
    noun = _WORD_AFTER.match(after)
    if not noun:
        return True
    return bool(_YEAR_CUE.search(before) or _UNCOUNTED_NOUN.search(noun["word"]))


def find_figures(
    text: str, start: int, end: int, language: str, skip=(), *, everything: bool = False
) -> list[Figure]:
    """Figures in text[start:end]; `skip` holds spans already taken (dates).

    Only statistics unless `everything`: then times of day, time frames, ordinals and
    idioms come too, each with its `kind`.
    """
    patterns = _PATTERNS[language]
    found: list[Figure] = []
    taken = list(skip)
    # Number words and vague amounts are rare: look for their words before the patterns.
    lowered = text[start:end].lower()
    # The words of `lowered` are the sentence's words lower-cased (find_dates has them at
    # hand), unless an İ became i and a combining dot (U+0307, no letter): no other
    # character lower-cases to more than one or changes from letter to non-letter.
    words, unique, digits = sentence_words(text, start, end)
    if "\u0307" in lowered:
        unique = set(_WORD.findall(lowered))
    if unique & _VAGUE_HINTS:
        for match in patterns["vague"].finditer(text, start, end):
            figure = _vague(text, match, language)
            found.append(figure)
            taken.append((figure.start, figure.end))
    if digits and _time_hint(lowered):  # every time of day has a digit
        for match in _TIME[language].finditer(text, start, end):
            taken.append((match.start(), match.end()))
            if everything:
                found.append(
                    Figure(match.group(), match.start(), match.end(), None, None, kind="time")
                )
    matches = list(patterns["digits"].finditer(text, start, end)) if digits else []
    if (
        unique & _NUMBER_HINTS[language]
        or (
            any(map(_ENDS_LIKE_NUMBER_WORD.__getitem__, unique))
            and _NUMBER_WORD_ENDING.search(lowered)
        )
    ) and any(
        map(
            _STARTS_NUMBER_WORDS[language].__getitem__, words
        )  # else "words" cannot match (a cheap test)
    ):
        matches += patterns["words"].finditer(text, start, end)
    if not matches:
        return sorted(found, key=lambda f: f.start)
    inside_taken = _Spans(taken) if taken else None  # most sentences: nothing taken
    # Matches come in order and a figure never starts after its match, so a figure found
    # here covers a later match exactly when it ends after the match's start.
    reached = -1
    for match in sorted(matches, key=lambda m: m.start()):
        if match.start() < reached or (inside_taken and inside_taken(match.start())):
            continue
        if (
            match.re is patterns["digits"]
            and match.start() > 0
            and _NOT_BEFORE_DIGITS.match(text, match.start() - 1)
        ):
            continue  # inside a word or a longer number: A380, 1.2.3
        figure = _figure(text, match, end, language)
        if figure and (everything or figure.kind not in _NO_STATISTIC):
            found.append(figure)
            reached = max(reached, figure.end)
    return sorted(found, key=lambda f: f.start)


def _time_hint(lowered: str) -> bool:
    """`_TIME_HINT.search(lowered)`, cheaply: the pattern cannot skip ahead to a first
    character, so substring tests that every alternative needs come first."""
    if (
        ":" in lowered
        or "uhr" in lowered
        or "o'clock" in lowered
        or (("am" in lowered or "pm" in lowered or ".m" in lowered) and _AM_PM.search(lowered))
    ):
        return bool(_TIME_HINT.search(lowered))
    return False


# Kinds that are no statistics: left out unless find_figures(everything=True).
_NO_STATISTIC = frozenset(["time", "ordinal", "other", "frame", "identifier", "age"])


class _Spans:
    """Whether a position lies inside any of the given spans, in logarithmic time.

    Checking every span for every number made a page's figure search quadratic.
    """

    def __init__(self, spans):
        ordered = sorted([(s, e) for s, e in spans if s < e])
        self.starts = [s for s, _ in ordered]
        self.reach = list(accumulate([e for _, e in ordered], max))  # furthest end so far

    def __call__(self, position: int) -> bool:
        i = bisect_right(self.starts, position)
        return i > 0 and self.reach[i - 1] > position


def _figure(text: str, match: re.Match, limit: int, language: str) -> Figure | None:
    patterns = _PATTERNS[language]
    groups = match.groupdict()
    start, end = match.start(), match.end()
    if groups.get("digits"):
        if _identifier(text, start, end, limit, language):
            value = parse_number(groups["digits"], language)
            return Figure(text[start:end], start, end, value, None, kind="identifier")
        if _AGE.match(text, start, limit) and _NAME_BEFORE_AGE.search(
            text, max(0, start - 40), start
        ):
            value = parse_number(groups["digits"], language)
            return Figure(text[start:end], start, end, value, None, kind="age")
        if looks_like_year(text, start, end, language):
            return None
        if language == "de" and _ORDINAL_DOT.match(text, end, end + 3):
            # an ordinal: "am 3. März", "Platz 3. Der"
            value = parse_number(groups["digits"], language)
            return Figure(text[start : end + 1], start, end + 1, value, None, kind="ordinal")
        value = parse_number(groups["digits"], language)
    elif groups.get("one"):
        value = 1.0
    else:
        value = _words_value(groups["words"], language)
        if value is None:
            return None
        if value < 2:
            # "one" alone is no figure; as the share of a rate it is: "one in four adults".
            per, per_end = _per(text, end, limit, language, value)
            if not per or per.value < 2:
                return None
            return Figure(text[start:per_end], start, per_end, value, None, kind="rate", per=per)
    unit = None

    scale = patterns["scale"].match(text, end, limit)
    if (
        scale
        and scale["scale"] == "m"
        and not _currency_before(text[max(0, start - 25) : start], language)
    ):
        return None  # "12m" or "12 m" without a currency is a length, not 12 million
    if scale:
        value *= _SCALE[language][scale["scale"].lower()]
        end = scale.end()
    elif groups.get("one"):
        return None

    before = text[max(0, start - 25) : start]
    measured = True
    currency = _currency_before(before, language)
    if currency:
        unit = "USD" if "$" in currency["unit"] else _CURRENCY[currency["unit"].lower()]
        start -= len(currency.group())
        before = text[max(0, start - 25) : start]
    else:
        after = patterns["currency_after"].match(text, end, limit) or patterns["percent"].match(
            text, end, limit
        )
        if after:
            word = after["unit"].lower()
            unit = _CURRENCY.get(word) or _PERCENT.get(word)
            end = after.end()
        else:
            measured = False
            unit, noun_end = _counted_noun(text, end, limit, language)

    qualifier = None
    found = _qualifier(before, language)
    if found:
        qualifier = _QUALIFIERS[language][found["q"].lower()]
        if (
            language == "de"
            and found["q"].lower() == "unter"
            and _among(unit, before[: found.start()])
        ):
            qualifier = None  # "unter 900 Befragten": among them, not fewer than
        else:
            start -= len(found.group())

    per, per_end = _per(text, noun_end if not measured and unit else end, limit, language, value)
    if per:
        end = per_end
    kind = _kind(text, match, start, end, limit, language, unit, measured, per, qualifier, before)
    return Figure(
        text=text[start:end],
        start=start,
        end=end,
        value=value,
        unit=unit,
        approximate=qualifier == "approximately",
        qualifier=qualifier,
        kind=kind,
        per=per,
    )


def _identifier(text: str, start: int, end: int, limit: int, language: str) -> bool:
    """Whether the number text[start:end] names something (Paragraf 3, Line 4): an
    identifier's word before it, and no unit, percent or scale after it."""
    before = text[max(0, start - 60) : start]
    if not _identifier_cue(before):
        return False
    patterns = _PATTERNS[language]
    return not (
        patterns["scale"].match(text, end, limit)
        or patterns["percent"].match(text, end, limit)
        or patterns["currency_after"].match(text, end, limit)
        or _currency_before(before, language)
    )


_LONGEST_QUALIFIER = {language: max(map(len, words)) for language, words in _QUALIFIERS.items()}
# The last words of the qualifiers (als, than, rund), ignoring case as the pattern does.
_QUALIFIER_LAST_WORDS = {
    language: re.compile("|".join(re.escape(q.split()[-1]) for q in qualifiers), re.IGNORECASE)
    for language, qualifiers in _QUALIFIERS.items()
}
_ENDS_QUALIFIER = {
    language: WordCache(lambda word, p=pattern: p.fullmatch(word) is not None)
    for language, pattern in _QUALIFIER_LAST_WORDS.items()
}


def _qualifier(before: str, language: str) -> re.Match | None:
    """The qualifier that ends `before` ("mehr als ", "about "): the pattern's match ends at
    the end, so the search starts where the longest qualifier would (the same first match).
    Its last word is the last word of `before`: most are none, and need no search."""
    stripped = before.rstrip()
    if not stripped or not _ENDS_QUALIFIER[language][stripped.rsplit(None, 1)[-1]]:
        return None
    start = len(stripped) - _LONGEST_QUALIFIER[language]
    return _PATTERNS[language]["qualifier"].search(before, max(0, start))


_CURRENCY_SIGNS = frozenset("$€£¥")


def _currency_before(before: str, language: str) -> re.Match | None:
    """The currency sign that ends `before` ("€ ", "US$"); looked for only if one of the
    last characters is a sign."""
    if _CURRENCY_SIGNS.isdisjoint(before[-3:]):
        return None
    return _PATTERNS[language]["currency_before"].search(before)


def _among(unit: str | None, before: str) -> bool:
    """Whether German "unter" before a number and `unit` means "among"."""
    if not unit or _MEASURE_NOUN.search(unit) or _NOT_AMONG_BEFORE.search(before + " "):
        return False
    return bool(_GROUP_NOUN.search(unit.lower()))


@lru_cache(maxsize=10_000)  # the same nouns are counted again and again
def _is_time_unit(unit: str) -> bool:
    return _TIME_UNIT.search(unit) is not None


def _kind(text, match, start, end, limit, language, unit, measured, per, qualifier, before):
    if per:
        return "rate"
    if unit in ("percent", "percentage_points"):
        return "percent"
    if measured and unit:
        return "money"
    if unit and _is_time_unit(unit):
        framed = _FRAME_BEFORE[language].search(text, max(0, start - 40), start) or (
            _FRAME_AFTER.match(text, end, limit)
        )
        return "frame" if framed else "duration"
    # Number words with nothing counted, or in an idiom ("a thousand reasons").
    if not match.groupdict().get("digits") and (
        unit is None or (qualifier is None and _IDIOM_NOUN.search(unit))
    ):
        return "other"
    return "count" if unit else "amount"


def _per(text: str, end: int, limit: int, language: str, value: float):
    """The denominator of a rate after `end`: (Per, its end) or (None, end)."""
    patterns = _PATTERNS[language]
    word = patterns["per"].match(text, end, limit)
    if not word:
        return None, end
    cue = " ".join(word["per"].lower().split())
    number = patterns["per_number"].match(text, word.end(), limit)
    denominator, position = 1.0, word.end()
    if number and not looks_like_year(text, number.start() + 1, number.end(), language):
        if number["digits"]:
            denominator = parse_number(number["digits"], language)
        else:
            denominator = _words_value(number["words"], language)
            if denominator is None:
                return None, end
        if number["scale"]:
            denominator *= _SCALE[language][number["scale"].lower()]
        position = number.end()
    elif cue in _PER_NEEDS_NUMBER:
        return None, end
    elif number:
        return None, end  # "pro 2023": a year
    if cue in _PER_NEEDS_NUMBER and denominator < value:
        return None, end  # "7 in 3": no share
    unit, noun_end = _counted_noun(text, position, limit, language, skip_plain=False)
    if cue in _PER_TIME_ONLY and not (unit and _is_time_unit(unit)):
        return None, end
    if unit is None and position == word.end():
        return None, end  # "pro" with neither a number nor a noun
    if unit is None and cue in ("von", "in", "out of"):
        noun_end = position
    return Per(denominator, unit), noun_end if unit else position


def _vague(text: str, match: re.Match, language: str) -> Figure:
    base = (match["base"] or match["plural"]).lower()
    unit, _ = _counted_noun(text, match.end(), len(text), language)
    return Figure(
        text=match.group(),
        start=match.start(),
        end=match.end(),
        value=2 * _VAGUE_BASE[base],
        unit=unit,
        approximate=True,
        qualifier="at_least",
        kind="count" if unit else "amount",
    )


def _words_value(words: str, language: str) -> float | None:
    try:
        return float(
            text2num(
                words.lower().replace("-", " ") if language == "en" else words.lower(), language
            )
        )
    except ValueError:
        return None


def _counted_noun(
    text: str, end: int, limit: int, language: str, skip_plain: bool = True
) -> tuple[str | None, int]:
    """The counted noun after a number and where it ends: the head of the noun phrase.

    German: the capitalized noun after any adjectives ("140 angehende Busfahrer"). English:
    the first plural among the next few words ("140 trainee drivers", "300 rest-day
    workers"), else the first word ("40 staff").
    """
    if language == "de":
        noun = _PATTERNS["de"]["noun_de"].match(text, end, limit)
        return (noun["noun"], noun.end()) if noun else (None, end)
    words = []
    position = end
    for _ in range(4):
        word = _PATTERNS["en"]["word_en"].match(text, position, limit)
        if not word or word["noun"].lower() in _STOP_EN:
            break
        words.append(word)
        position = word.end()
    if not words or (skip_plain and words[0]["noun"].lower() in _SKIPPABLE_EN):
        return None, end
    for word in words:
        if _plural(word["noun"].lower()):
            return word["noun"], word.end()
    return words[0]["noun"], words[0].end()


def _plural(word: str) -> bool:
    if word in _IRREGULAR_PLURALS:
        return True
    return word.endswith("s") and not word.endswith(("ss", "us", "is", "'s")) and len(word) > 3
