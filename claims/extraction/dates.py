"""Dates in a sentence: full dates, months, weekdays, years, relative phrases.

With the article's publication date, relative expressions are resolved
(am Mittwoch -> the Wednesday before publication, im vergangenen Jahr -> the
year before). Past is assumed unless the sentence speaks of the future (soll,
wird, will, scheduled), in which case a weekday or month is the next one.
Without a publication date they are kept as written, with no value.

Tense, nearest first: a cue before the date ("last", "vergangenen" -> the
previous; "next", "kommenden" -> the next); a pluperfect in its clause ("hatte",
"had") -> the previous; "by", "until", "bis", "ab", "spätestens" before it -> the
next occurrence on or after publication; else future words in the clause.
Periods are found and resolved too: quarters ("im vergangenen Quartal", "in the
third quarter of 2025", "Q2" -> 2026-Q2), halves ("im ersten Halbjahr" ->
2026-H1), weeks ("vergangene Woche" -> 2026-W47) and months ("next month").
"""

import datetime as dt
import re

from .figures import looks_like_year, sentence_words
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
# Periods: (granularity, offset) for the relative ones; ordinals are read apart.
_PERIODS = {
    "de": {
        r"im (?:vergangenen|letzten|vorigen|abgelaufenen) Quartal|im Vorquartal": ("quarter", -1),
        r"im (?:laufenden|aktuellen) Quartal|in diesem Quartal": ("quarter", 0),
        r"im (?:kommenden|nächsten) Quartal": ("quarter", 1),
        r"im (?:vergangenen|letzten|vorigen) Halbjahr": ("half", -1),
        r"im (?:laufenden|aktuellen) Halbjahr|in diesem Halbjahr": ("half", 0),
        r"im (?:kommenden|nächsten) Halbjahr": ("half", 1),
        r"(?:im |in den )?(?:kommenden|nächsten) Monat|im Folgemonat": ("month", 1),
        r"(?:in )?diese[mn] Monat|im laufenden Monat": ("month", 0),
        r"(?:in der )?(?:vergangenen|letzten|vorigen) Woche|(?:vergangene|letzte|vorige) Woche"
        r"|in der Vorwoche": ("week", -1),
        r"(?:in )?diese[rn]? Woche": ("week", 0),
        r"(?:in der )?(?:kommenden|nächsten) Woche|(?:kommende|nächste) Woche": ("week", 1),
    },
    "en": {
        r"(?:in )?the (?:last|past|previous) quarter|last quarter": ("quarter", -1),
        r"(?:in )?(?:this|the current) quarter": ("quarter", 0),
        r"(?:in )?(?:the )?(?:next|coming) quarter": ("quarter", 1),
        r"(?:in )?the (?:last|past|previous) half-year": ("half", -1),
        r"next month|(?:in )?the coming month": ("month", 1),
        r"this month": ("month", 0),
        r"last week|the (?:last|past|previous) week": ("week", -1),
        r"this week": ("week", 0),
        r"next week|the coming week": ("week", 1),
    },
}
_ORDINALS = {
    "erste": 1, "ersten": 1, "1.": 1, "zweite": 2, "zweiten": 2, "2.": 2, "dritte": 3,
    "dritten": 3, "3.": 3, "vierte": 4, "vierten": 4, "4.": 4, "letzte": -1, "letzten": -1,
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "final": -1, "last": -1,
}  # fmt: skip
_ORDINAL_PERIOD = {
    "de": r"(?:im|in der|das|dem)\s+(?P<ord>ersten|zweiten|dritten|vierten|letzten|[1-4]\.)\s+"
    r"(?P<unit>Quartal|Halbjahr|Jahreshälfte)(?:\s+(?:des\s+Jahres\s+)?(?P<year>\d{4}))?",
    "en": r"(?:the\s+)?(?P<ord>first|second|third|fourth|final|last|[1-4](?:st|nd|rd|th))\s+"
    r"(?P<unit>quarter|half)\s+of\s+(?:(?P<year>\d{4})|the\s+year|this\s+year)"
    r"|(?:the\s+)?(?P<ord2>first|second|third|fourth|[1-4](?:st|nd|rd|th))\s+(?P<unit2>quarter|half)"
    r"(?!\s+of)",
}
# "im letzten Quartal des Jahres" is the fourth; without a year it is the previous one.
_OF_THE_YEAR = re.compile(r"\s+(?:des|dieses)\s+(?:\w+\s+)?Jahres\b")
_CODE_PERIOD = r"(?P<code>[QH])(?P<number>[1-4])(?:[\s/]+(?P<year>\d{4}))?"
# Cues right before a date, and a pluperfect in its clause, that fix its tense.
_PAST_BEFORE = re.compile(
    r"\b(?:last|past|previous|vergangenen|vergangene|letzten|letzte|vorigen|vorige)\s+$",
    re.IGNORECASE,
)
_NEXT_BEFORE = re.compile(
    r"\b(?:next|coming|kommenden|kommende|nächsten|nächste)\s+$", re.IGNORECASE
)
_DEADLINE = re.compile(
    r"(?:^|\s)(?:by|until|till|no\s+later\s+than|starting|bis(?:\s+(?:zum|zur|spätestens))?"
    r"|ab(?:\s+dem)?|spätestens(?:\s+(?:am|zum|bis))?)\s+$",
    re.IGNORECASE,
)
_DEADLINE_START = re.compile(r"(?:by|until|till|bis|ab)\s", re.IGNORECASE)
_PLUPERFECT = {
    "de": re.compile(r"\b(?:hatte|hatten|hattest|hattet|war|waren)\b"),
    "en": re.compile(r"\bhad\b"),
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
    periods = "|".join(f"(?:{r})" for r in _PERIODS[language])
    flags = re.IGNORECASE
    return {
        "ordinal_period": re.compile(rf"\b(?:{_ORDINAL_PERIOD[language]})\b", flags),
        "code_period": re.compile(rf"\b{_CODE_PERIOD}\b"),
        "period": re.compile(rf"\b(?:{periods})\b", flags),
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
_PERIOD_WORDS = {
    "de": frozenset({"quartal", "vorquartal", "halbjahr", "jahreshälfte", "monat", "folgemonat",
                     "woche", "vorwoche"}),
    "en": frozenset({"quarter", "half", "month", "week", "half-year"}),
}  # fmt: skip
# Every pattern but those of digits needs one of these words (lower-cased).
_HINT_WORDS = {
    language: frozenset(
        {w.lower() for w in _MONTH_WORDS[language] | _WEEKDAY_WORDS[language]}
        | _RELATIVE_WORDS[language]
        | _PERIOD_WORDS[language]
    )
    for language in _RELATIVE_WORDS
}
# Hints that gate the patterns; they start with a character class (no \b or lookbehind
# first) so that the regex engine skips ahead to the candidates.
_CODE_HINT = re.compile(r"[QH][1-4]\b")
# 2026-06-03 holds "6-06-0", 3.6.2026 "3.6.2": a thousands separator (12.000) none of them.
_FULL_DATE_HINT = re.compile(r"\d(?:-\d\d-|\.\d\d?\.)\d")


def find_dates(
    text: str, start: int, end: int, language: str, published: dt.date | None = None
) -> list[DateMention]:
    patterns = _PATTERNS[language]
    found: list[DateMention] = []

    def future(match) -> bool:
        # The cue right before the mention first: "last March", "bis zum 15. Mai".
        before = text[max(start, match.start() - 30) : match.start()]
        if _PAST_BEFORE.search(before):
            return False
        if _NEXT_BEFORE.search(before):
            return True
        # Tense of the clause around the mention: "will close on March 1, ... announced on Tuesday".
        clause_start = max(text.rfind(mark, start, match.start()) for mark in ",;:–")
        clause_end = min(
            (i for i in (text.find(mark, match.end(), end) for mark in ",;:–") if i != -1),
            default=end,
        )
        clause_start = max(start, clause_start)
        if _PLUPERFECT[language].search(text, clause_start, clause_end) and not _FUTURE[
            language
        ].search(text, clause_start, clause_end):
            return False
        if _DEADLINE.search(before) or _DEADLINE_START.match(match.group()):
            return True
        return bool(_FUTURE[language].search(text, clause_start, clause_end))

    def free(s: int, e: int) -> bool:
        return not any(d.start < e and s < d.end for d in found)

    # Most sentences hold no date: look for the words a date needs before the patterns.
    words, lowered, digits = sentence_words(text, start, end)
    if not digits and lowered.isdisjoint(_HINT_WORDS[language]):
        return found  # no digit, no month, weekday or period word: most sentences
    months = not words.isdisjoint(_MONTH_WORDS[language])
    full_dates = digits and bool(_FULL_DATE_HINT.search(text, start, end))
    possible = {
        "iso": full_dates,
        "numeric": full_dates,
        "day_month": digits and months,
        "month": months,
        "weekday": not words.isdisjoint(_WEEKDAY_WORDS[language]),
        "relative": not lowered.isdisjoint(_RELATIVE_WORDS[language]),
    }
    possible["period"] = not lowered.isdisjoint(_PERIOD_WORDS[language])
    possible["ordinal_period"] = possible["period"]
    possible["code_period"] = (
        digits
        and (text.find("Q", start, end) >= 0 or text.find("H", start, end) >= 0)
        and bool(_CODE_HINT.search(text, start, end))
    )
    for name in (
        "iso",
        "numeric",
        "ordinal_period",
        "code_period",
        "day_month",
        "month",
        "weekday",
        "period",
        "relative",
    ):
        if not possible[name]:
            continue
        for match in patterns[name].finditer(text, start, end):
            if name in _DIGITS_FIRST and _glued(text, match.start()):
                continue
            if free(match.start(), match.end()):
                # The tense only resolves a relative date against the publication date:
                # without one, no reader looks at it (and it costs several searches).
                tense = future(match) if published else False
                mention = _READERS[name](match, language, published, tense)
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


def _period(match, language, published, future):
    granularity, offset = next(
        meaning
        for pattern, meaning in _PERIODS[language].items()
        if re.fullmatch(pattern, match.group(), re.IGNORECASE)
    )
    if not published:
        return _mention(match, None, granularity, relative=True)
    return _mention(match, _shifted(published, granularity, offset), granularity, relative=True)


def _shifted(published: dt.date, granularity: str, offset: int) -> str:
    """The period `offset` periods from the one holding `published`, as ISO-like text."""
    if granularity == "quarter":
        index = published.year * 4 + (published.month - 1) // 3 + offset
        return f"{index // 4}-Q{index % 4 + 1}"
    if granularity == "half":
        index = published.year * 2 + (published.month - 1) // 6 + offset
        return f"{index // 2}-H{index % 2 + 1}"
    if granularity == "week":
        year, week, _ = (published + dt.timedelta(weeks=offset)).isocalendar()
        return f"{year}-W{week:02d}"
    index = published.year * 12 + published.month - 1 + offset
    return f"{index // 12}-{index % 12 + 1:02d}"


def _ordinal_period(match, language, published, future):
    word = (match["ord"] or match["ord2"]).lower()
    unit = (match["unit"] or match["unit2"]).lower()
    granularity = "quarter" if unit in ("quartal", "quarter") else "half"
    count = 4 if granularity == "quarter" else 2
    number = _ORDINALS[word]
    year = match.groupdict().get("year")
    if number == -1 and not year and not _OF_THE_YEAR.match(match.string, match.end()):
        return None  # "im letzten Quartal" is the one before this one: a relative period
    number = count if number == -1 else number
    if number > count:
        return None  # "im dritten Halbjahr"
    return _numbered_period(match, granularity, number, year, published, future)


def _code_period(match, language, published, future):
    granularity = "quarter" if match["code"] == "Q" else "half"
    number = int(match["number"])
    if granularity == "half" and number > 2:
        return None
    return _numbered_period(match, granularity, number, match["year"], published, future)


def _numbered_period(match, granularity, number, year, published, future):
    letter = "Q" if granularity == "quarter" else "H"
    if year:
        return _mention(match, f"{year}-{letter}{number}", granularity)
    if not published:
        return _mention(match, None, granularity, relative=True)
    months = 3 if granularity == "quarter" else 6
    first_month = (number - 1) * months + 1
    year = published.year
    if future and (published.month >= first_month + months):
        year += 1  # already over: the next one
    elif not future and published.month < first_month:
        year -= 1  # not yet begun: the last one
    return _mention(match, f"{year}-{letter}{number}", granularity, relative=True)


_READERS = {
    "period": _period,
    "ordinal_period": _ordinal_period,
    "code_period": _code_period,
    "iso": _iso,
    "numeric": _numeric,
    "day_month": _day_month,
    "month": _month,
    "weekday": _weekday,
    "relative": _relative,
}
