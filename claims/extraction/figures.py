"""Quantities in a sentence, normalized: value, unit, qualifier, approximation.

A number is read in the article's locale (de: 1.000,5; en: 1,000.5) or from
number words (text2num), multiplied by a scale word (Mio., Milliarden, bn),
and given a unit: an ISO 4217 currency, `percent`, `percentage_points`, or the
counted noun as written. Words before it qualify it (über -> more_than, rund ->
approximately). Vague amounts (mehrere Hundert, thousands of) become a lower
bound: twice the named unit, `at_least`, approximate.

Years are dates, not quantities; `looks_like_year` is shared with dates.py.
"""

import re
from bisect import bisect_right
from itertools import accumulate

from text_to_num import text2num

from .types import Figure

_NUMBER = {
    "de": r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?",
    "en": r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?",
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


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _compile(language: str) -> dict:
    scale = _alternation(_SCALE[language])
    currency_words = _alternation(w for w in _CURRENCY if w[0].isalpha())
    return {
        # Digits first, so the regex engine can skip to them; the left edge is checked apart.
        "digits": re.compile(
            rf"(?P<digits>{_NUMBER[language]})(?:(?![\w]|[.,]\d)|(?=(?:bn|mn|tn|Mio|Mrd)\b))"
        ),  # also "5bn", "3Mrd"
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
    }


_PATTERNS = {language: _compile(language) for language in _NUMBER}
_WORD = re.compile(r"[^\W\d_]+")
_NOT_BEFORE_DIGITS = re.compile(r"[\w.,/-]")
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
_NUMBER_WORD_ENDING = re.compile(r"(?:zig|ßig|zehn|hundert|tausend|teen|ty)\b")


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
    if patterns["qualifier"].search(before) or patterns["currency_before"].search(before):
        return False
    after = text[end : end + 25]
    if patterns["scale"].match(after) or patterns["percent"].match(after):
        return False
    if patterns["currency_after"].match(after):
        return False
    # German nouns are capitalized: "2000 Mitarbeiter" counts, "2018 gegründet" dates.
    return not (language == "de" and re.match(r"\s[A-ZÄÖÜ][a-zäöüß]", after))


def find_figures(text: str, start: int, end: int, language: str, skip=()) -> list[Figure]:
    """Figures in text[start:end]; `skip` holds spans already taken (dates)."""
    patterns = _PATTERNS[language]
    found: list[Figure] = []
    taken = list(skip)
    # Number words and vague amounts are rare: look for their words before the patterns.
    lowered = text[start:end].lower()
    unique = set(_WORD.findall(lowered))
    if unique & _VAGUE_HINTS:
        for match in patterns["vague"].finditer(text, start, end):
            figure = _vague(text, match, language)
            found.append(figure)
            taken.append((figure.start, figure.end))
    inside_taken = _Spans(taken)
    # Matches come in order and a figure never starts after its match, so a figure found
    # here covers a later match exactly when it ends after the match's start.
    reached = -1
    matches = list(patterns["digits"].finditer(text, start, end))
    if unique & _NUMBER_HINTS[language] or _NUMBER_WORD_ENDING.search(lowered):
        matches += patterns["words"].finditer(text, start, end)
    for match in sorted(matches, key=lambda m: m.start()):
        if match.start() < reached or inside_taken(match.start()):
            continue
        if (
            match.re is patterns["digits"]
            and match.start() > 0
            and _NOT_BEFORE_DIGITS.match(text, match.start() - 1)
        ):
            continue  # inside a word or a longer number: A380, 1.2.3
        figure = _figure(text, match, end, language)
        if figure:
            found.append(figure)
            reached = max(reached, figure.end)
    return sorted(found, key=lambda f: f.start)


class _Spans:
    """Whether a position lies inside any of the given spans, in logarithmic time.

    Checking every span for every number made a page's figure search quadratic.
    """

    def __init__(self, spans):
        ordered = sorted((s, e) for s, e in spans if s < e)
        self.starts = [s for s, _ in ordered]
        self.reach = list(accumulate((e for _, e in ordered), max))  # furthest end so far

    def __call__(self, position: int) -> bool:
        i = bisect_right(self.starts, position)
        return i > 0 and self.reach[i - 1] > position


def _figure(text: str, match: re.Match, limit: int, language: str) -> Figure | None:
    patterns = _PATTERNS[language]
    groups = match.groupdict()
    if groups.get("digits"):
        if looks_like_year(text, match.start(), match.end(), language):
            return None
        if re.match(r"\.\s*[A-ZÄÖÜ]", text[match.end() : match.end() + 3]) and language == "de":
            return None  # an ordinal: "am 3. März", "Platz 3. Der"
        value = parse_number(groups["digits"], language)
    elif groups.get("one"):
        value = 1.0
    else:
        value = _words_value(groups["words"], language)
        if value is None or value < 2:
            return None
    start, end = match.start(), match.end()
    unit = None

    scale = patterns["scale"].match(text, end, limit)
    if scale:
        value *= _SCALE[language][scale["scale"].lower()]
        end = scale.end()
    elif groups.get("one"):
        return None

    before = text[max(0, start - 25) : start]
    currency = patterns["currency_before"].search(before)
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
            unit = _counted_noun(text, end, limit, language)

    qualifier = None
    found = patterns["qualifier"].search(before)
    if found:
        qualifier = _QUALIFIERS[language][found["q"].lower()]
        start -= len(found.group())
    return Figure(
        text=text[start:end],
        start=start,
        end=end,
        value=value,
        unit=unit,
        approximate=qualifier == "approximately",
        qualifier=qualifier,
    )


def _vague(text: str, match: re.Match, language: str) -> Figure:
    base = (match["base"] or match["plural"]).lower()
    unit = _counted_noun(text, match.end(), len(text), language)
    return Figure(
        text=match.group(),
        start=match.start(),
        end=match.end(),
        value=2 * _VAGUE_BASE[base],
        unit=unit,
        approximate=True,
        qualifier="at_least",
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


def _counted_noun(text: str, end: int, limit: int, language: str) -> str | None:
    if language == "de":
        noun = _PATTERNS["de"]["noun_de"].match(text, end, limit)
        return noun["noun"] if noun else None
    word = _PATTERNS["en"]["word_en"].match(text, end, limit)
    if word and word["noun"].lower() not in _SKIPPABLE_EN:
        return word["noun"]
    return None
