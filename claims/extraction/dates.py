"""Dates in a sentence: full dates, months, weekdays, years, relative phrases.

With the article's publication date, relative expressions are resolved
(am Mittwoch -> the Wednesday before publication, im vergangenen Jahr -> the
year before). Past is assumed unless the sentence speaks of the future (soll,
wird, will, scheduled), in which case a weekday or month is the next one.
Without a publication date they are kept as written, with no value.
"""

import datetime as dt
import re

from .figures import looks_like_year
from .types import DateMention

_MONTHS = {
    "de": ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
           "september", "oktober", "november", "dezember"],
    "en": ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"],
}  # fmt: skip
_MONTH_ABBR = {"jan.": 1, "feb.": 2, "mär.": 3, "apr.": 4, "aug.": 8, "sep.": 9, "sept.": 9,
               "okt.": 10, "oct.": 10, "nov.": 11, "dez.": 12, "dec.": 12}  # fmt: skip
_WEEKDAYS = {
    "de": ["montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"],
    "en": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
}
# Relative phrases -> (granularity, offset in that unit); "year", 0 is this year.
_RELATIVE = {
    "de": {
        r"im (?:vergangenen|letzten|vorigen) Jahr|(?:vergangenes|letztes|voriges) Jahr"
        r"|im Vorjahr|des Vorjahres": ("year", -1),
        r"(?:in )?diese[mns]? Jahr(?:es)?|(?:Anfang|Mitte|Ende) des Jahres"
        r"|im laufenden Jahr": ("year", 0),
        r"im (?:kommenden|nächsten) Jahr|(?:kommendes|nächstes) Jahr": ("year", 1),
        r"im (?:vergangenen|letzten|vorigen) Monat|im Vormonat": ("month", -1),
        r"vorgestern": ("day", -2),
        r"gestern": ("day", -1),
        r"heute": ("day", 0),
        r"morgen": ("day", 1),
    },
    "en": {
        r"last year|the previous year|a year ago": ("year", -1),
        r"this year|earlier this year|later this year": ("year", 0),
        r"next year": ("year", 1),
        r"last month": ("month", -1),
        r"yesterday": ("day", -1),
        r"today": ("day", 0),
        r"tomorrow": ("day", 1),
    },
}
_FUTURE = {
    "de": re.compile(
        r"\b(?:soll|sollen|wird|werden|werde|will|plant|planen|geplant|kommende[nm]?)\b"
    ),
    "en": re.compile(
        r"\b(?:will|scheduled|expected to|plans? to|(?:is|are) (?:to|due to|set to)|upcoming)\b"
    ),
}


def _capitalized(word: str) -> str:
    return f"(?-i:{re.escape(word.capitalize())})"


def _compile(language: str) -> dict:
    # Names only when capitalized: "may" and "march" are English verbs.
    months = "|".join(_capitalized(m) for m in _MONTHS[language] + list(_MONTH_ABBR))
    weekdays = "|".join(_capitalized(d) for d in _WEEKDAYS[language])
    if language == "de":
        day_month = rf"(?P<day>\d{{1,2}})\.\s*(?P<month>{months})(?:\s+(?P<year>\d{{4}}))?"
        month_only = rf"(?:(?:im|in|Anfang|Mitte|Ende|seit|bis|ab)\s+)(?P<month>{months})(?:\s+(?P<year>\d{{4}}))?"
        weekday = rf"(?:(?:am|vom|seit|bis|ab)\s+)?(?P<weekday>{weekdays})"
    else:
        day_month = (
            rf"(?P<month>{months})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?"
            rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{months})(?:,?\s+(?P<year2>\d{{4}}))?"
        )
        month_only = rf"(?:(?:in|since|until|by|from|early|mid-?|late)\s+)?(?P<month>{months})(?:\s+(?P<year>\d{{4}}))?"
        weekday = rf"(?:on\s+|last\s+|next\s+)?(?P<weekday>{weekdays})"
    relative = "|".join(f"(?:{r})" for r in _RELATIVE[language])
    flags = re.IGNORECASE
    return {
        # Patterns that start with a digit check their left edge apart (see _LEFT_EDGE):
        # a leading assertion would stop the regex engine from skipping ahead to digits.
        "iso": re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
        "numeric": re.compile(r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})\b"),
        "day_month": re.compile(rf"\b(?:{day_month})(?!\w)", flags),
        "month": re.compile(rf"\b(?:{month_only})(?!\w)", flags),
        "weekday": re.compile(rf"\b{weekday}\b", flags),
        "relative": re.compile(rf"\b(?:{relative})\b", flags),
        "year": re.compile(r"(?:19|20)\d{2}(?![\w]|[.,]\d)"),
    }


_PATTERNS = {language: _compile(language) for language in _MONTHS}
_WORD = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")
_DIGITS_FIRST = {"iso", "numeric"}
_GLUE = re.compile(r"[\w.,/-]")  # a character that glues to the digits after it


def _glued(text: str, position: int) -> bool:
    return position > 0 and bool(_GLUE.match(text, position - 1))


_MONTH_WORDS = {
    language: frozenset(m.capitalize() for m in names) | {a[:-1].capitalize() for a in _MONTH_ABBR}
    for language, names in _MONTHS.items()
}
_WEEKDAY_WORDS = {
    language: frozenset(d.capitalize() for d in days) for language, days in _WEEKDAYS.items()
}
_RELATIVE_WORDS = {
    "de": frozenset({"jahr", "jahres", "vorjahr", "vorjahres", "monat", "vormonat", "gestern",
                     "heute", "morgen", "vorgestern"}),
    "en": frozenset({"year", "month", "yesterday", "today", "tomorrow", "ago"}),
}  # fmt: skip


def find_dates(
    text: str, start: int, end: int, language: str, published: dt.date | None = None
) -> list[DateMention]:
    patterns = _PATTERNS[language]
    found: list[DateMention] = []

    def future(match) -> bool:
        # Tense of the clause around the mention: "will close on March 1, ... announced on Tuesday".
        clause_start = max(text.rfind(mark, start, match.start()) for mark in ",;:–")
        clause_end = min(
            (i for i in (text.find(mark, match.end(), end) for mark in ",;:–") if i != -1),
            default=end,
        )
        return bool(_FUTURE[language].search(text, max(start, clause_start), clause_end))

    def free(s: int, e: int) -> bool:
        return not any(d.start < e and s < d.end for d in found)

    # Most sentences hold no date: look for the words a date needs before the patterns.
    words = set(_WORD.findall(text, start, end))
    digits = bool(_DIGIT.search(text, start, end))
    months = bool(words & _MONTH_WORDS[language])
    possible = {
        "iso": digits,
        "numeric": digits,
        "day_month": digits and months,
        "month": months,
        "weekday": bool(words & _WEEKDAY_WORDS[language]),
        "relative": bool({w.lower() for w in words} & _RELATIVE_WORDS[language]),
    }
    for name in ("iso", "numeric", "day_month", "month", "weekday", "relative"):
        if not possible[name]:
            continue
        for match in patterns[name].finditer(text, start, end):
            if name in _DIGITS_FIRST and _glued(text, match.start()):
                continue
            if free(match.start(), match.end()):
                mention = _READERS[name](match, language, published, future(match))
                if mention:
                    found.append(mention)
    for match in patterns["year"].finditer(text, start, end) if digits else ():
        if _glued(text, match.start()):
            continue
        if free(match.start(), match.end()) and looks_like_year(
            text, match.start(), match.end(), language
        ):
            found.append(_mention(match, match.group(), "year"))
    return sorted(found, key=lambda d: d.start)


def _mention(match, value, granularity, relative=False) -> DateMention:
    return DateMention(match.group(), match.start(), match.end(), value, granularity, relative)


def _month_number(word: str, language: str) -> int:
    word = word.lower()
    if word in _MONTH_ABBR:
        return _MONTH_ABBR[word]
    return _MONTHS[language].index(word) + 1


def _iso(match, language, published, future):
    return _full_date(match, int(match["year"]), int(match["month"]), int(match["day"]))


def _numeric(match, language, published, future):
    return _full_date(match, int(match["year"]), int(match["month"]), int(match["day"]))


def _full_date(match, year, month, day) -> DateMention | None:
    try:
        return _mention(match, dt.date(year, month, day).isoformat(), "day")
    except ValueError:
        return None  # 31.02.2024 is not a date


def _day_month(match, language, published, future):
    groups = match.groupdict()
    day = int(groups.get("day") or groups.get("day2"))
    month = _month_number(groups.get("month") or groups.get("month2"), language)
    year = groups.get("year") or groups.get("year2")
    if year:
        return _full_date(match, int(year), month, day)
    if not published:
        return _mention(match, None, "day", relative=True)
    year = _nearest_year(published, (month, day), future)
    try:
        return _mention(match, dt.date(year, month, day).isoformat(), "day", relative=True)
    except ValueError:
        return None


def _month(match, language, published, future):
    month = _month_number(match["month"], language)
    if match["year"]:
        return _mention(match, f"{match['year']}-{month:02d}", "month")
    if not published:
        return _mention(match, None, "month", relative=True)
    year = _nearest_year(published, (month, 0), future)
    return _mention(match, f"{year}-{month:02d}", "month", relative=True)


def _nearest_year(published: dt.date, month_day: tuple[int, int], future: bool) -> int:
    today = (published.month, published.day if month_day[1] else 0)
    if future:
        return published.year + (month_day < today)
    return published.year - (month_day > today)


def _weekday(match, language, published, future):
    if not published:
        return _mention(match, None, "day", relative=True)
    wanted = _WEEKDAYS[language].index(match["weekday"].lower())
    if future or match.group().lower().startswith("next"):
        delta = (wanted - published.weekday()) % 7 or 7
    else:
        delta = -((published.weekday() - wanted) % 7)
    return _mention(match, (published + dt.timedelta(days=delta)).isoformat(), "day", True)


def _relative(match, language, published, future):
    granularity, offset = next(
        meaning
        for pattern, meaning in _RELATIVE[language].items()
        if re.fullmatch(pattern, match.group(), re.IGNORECASE)
    )
    if not published:
        return _mention(match, None, granularity, relative=True)
    if granularity == "year":
        value = str(published.year + offset)
    elif granularity == "month":
        month_index = published.year * 12 + published.month - 1 + offset
        value = f"{month_index // 12}-{month_index % 12 + 1:02d}"
    else:
        value = (published + dt.timedelta(days=offset)).isoformat()
    return _mention(match, value, granularity, relative=True)


_READERS = {
    "iso": _iso,
    "numeric": _numeric,
    "day_month": _day_month,
    "month": _month,
    "weekday": _weekday,
    "relative": _relative,
}
