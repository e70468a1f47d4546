import datetime as dt

import pytest

from claims.extraction.dates import find_dates

WEDNESDAY = dt.date(2026, 11, 25)


def dates(text, language, published=WEDNESDAY):
    return [
        (d.text, d.value, d.granularity)
        for d in find_dates(text, 0, len(text), language, published)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Das Labor wurde 2018 gegründet.", ("2018", "2018", "year")),
        ("Sie kam am 3. März 2024 an.", ("3. März 2024", "2024-03-03", "day")),
        ("Frist ist der 31.12.2025.", ("31.12.2025", "2025-12-31", "day")),
        ("Stichtag 2025-01-02.", ("2025-01-02", "2025-01-02", "day")),
        ("Sprecher sagte am Mittwoch etwas.", ("am Mittwoch", "2026-11-25", "day")),
        ("Er sprach am Dienstag.", ("am Dienstag", "2026-11-24", "day")),
        ("Er hatte im Juni gewarnt.", ("im Juni", "2026-06", "month")),
        ("Im vergangenen Jahr folgte das Aus.", ("Im vergangenen Jahr", "2025", "year")),
        ("Anfang des Jahres bot Microsoft an.", ("Anfang des Jahres", "2026", "year")),
        ("Gestern wurde gewählt.", ("Gestern", "2026-11-24", "day")),
        ("Im März 2027 soll es losgehen.", ("Im März 2027", "2027-03", "month")),
    ],
)
def test_german_dates(text, expected):
    assert dates(text, "de") == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The council met on Tuesday.", ("on Tuesday", "2026-11-24", "day")),
        ("Prices rose last year.", ("last year", "2025", "year")),
        ("It happened on March 3, 2024.", ("March 3, 2024", "2024-03-03", "day")),
        ("It happened on 4 July 2023.", ("4 July 2023", "2023-07-04", "day")),
        ("Records began in 1976.", ("1976", "1976", "year")),
        ("It rained yesterday.", ("yesterday", "2026-11-24", "day")),
    ],
)
def test_english_dates(text, expected):
    assert dates(text, "en") == [expected]


def test_future_tense_points_forward():
    assert dates("Construction is scheduled to begin in March.", "en") == [
        ("in March", "2027-03", "month")
    ]
    assert dates("Die Linie soll am Montag öffnen.", "de") == [("am Montag", "2026-11-30", "day")]


def test_past_tense_points_back():
    assert dates("Work began in March.", "en") == [("in March", "2026-03", "month")]


def test_relative_dates_stay_unresolved_without_publication_date():
    (mention,) = find_dates("am Mittwoch", 0, 11, "de", None)
    assert (mention.value, mention.relative) == (None, True)


def test_month_names_must_be_capitalized_in_english():
    assert dates("It may rain and troops march.", "en") == []


def test_an_impossible_date_is_not_a_date():
    assert dates("am 31.02.2024", "de") == []


# --- Tense cues -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("The new depot opens by December 15.", "en", ("December 15", "2026-12-15", "day")),
        ("Applications are accepted until March 1.", "en", ("March 1", "2027-03-01", "day")),
        (
            "Die Anmeldung ist bis zum 15. Januar möglich.",
            "de",
            ("15. Januar", "2027-01-15", "day"),
        ),
        ("Ab März gelten neue Tarife.", "de", ("Ab März", "2027-03", "month")),
    ],
)
def test_a_deadline_cue_points_to_the_next_occurrence(text, language, expected):
    assert dates(text, language) == [expected]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Die Frist wurde bis zum 15. Januar verlängert.", "de", "2027-01-15"),
        ("The deadline was extended until March 1.", "en", "2027-03-01"),
    ],
)
def test_a_deadline_set_in_the_past_still_points_forward(text, language, expected):
    assert [value for _, value, _ in dates(text, language)] == [expected]


def test_a_deadline_on_the_publication_day_is_that_day():
    assert dates("Offers are open until November 25.", "en") == [
        ("November 25", "2026-11-25", "day")
    ]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Am 3. Dezember hatte der Rat entschieden.", "de", ("3. Dezember", "2025-12-03", "day")),
        ("By March the company had cut 200 jobs.", "en", ("By March", "2026-03", "month")),
        ("Last December the council will look back.", "en", ("December", "2025-12", "month")),
    ],
)
def test_a_past_cue_points_to_the_previous_occurrence(text, language, expected):
    assert dates(text, language) == [expected]


def test_a_next_cue_points_forward_even_in_past_tense():
    assert dates("She said work began next Monday.", "en") == [("next Monday", "2026-11-30", "day")]


# --- Periods --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Im vergangenen Quartal stieg der Absatz.", "de", ("Im vergangenen Quartal", "2026-Q3")),
        ("Exports fell in the last quarter.", "en", ("in the last quarter", "2026-Q3")),
        ("Im kommenden Quartal soll gebaut werden.", "de", ("Im kommenden Quartal", "2027-Q1")),
        ("Im ersten Halbjahr sank die Zahl der Anträge.", "de", ("Im ersten Halbjahr", "2026-H1")),
        ("Im dritten Quartal 2025 stieg sie.", "de", ("Im dritten Quartal 2025", "2025-Q3")),
        ("Sales grew in the second quarter.", "en", ("the second quarter", "2026-Q2")),
        ("Revenue in Q2 2025 doubled.", "en", ("Q2 2025", "2025-Q2")),
        ("The kiosk reopens next month.", "en", ("next month", "2026-12")),
        ("Vergangene Woche kam es zum Streit.", "de", ("Vergangene Woche", "2026-W47")),
        ("Vergangenes Jahr kamen 200 Gäste.", "de", ("Vergangenes Jahr", "2025")),
    ],
)
def test_periods_are_found_and_resolved(text, language, expected):
    assert [(t, v) for t, v, _ in dates(text, language)] == [expected]


def test_a_future_half_year_already_over_is_next_years():
    assert dates("The plant will reopen in the first half.", "en") == [
        ("the first half", "2027-H1", "half")
    ]


def test_the_last_quarter_of_a_named_year_is_its_fourth():
    assert dates("Prices peaked in the last quarter of 2024.", "en") == [
        ("the last quarter of 2024", "2024-Q4", "quarter")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Im letzten Quartal stieg der Absatz um 4 Prozent.", ("Im letzten Quartal", "2026-Q3")),
        ("Im letzten Halbjahr kamen weniger Anträge.", ("Im letzten Halbjahr", "2026-H1")),
        ("Im letzten Quartal 2024 stieg der Absatz.", ("Im letzten Quartal 2024", "2024-Q4")),
    ],
)
def test_the_last_quarter_without_a_year_is_the_previous_one(text, expected):
    assert [(t, v) for t, v, _ in dates(text, "de")] == [expected]


def test_the_last_quarter_of_the_year_is_its_fourth():
    ((_, value, _),) = dates("Im letzten Quartal des Jahres sank der Umsatz.", "de")
    assert value.endswith("-Q4")


def test_periods_stay_unresolved_without_publication_date():
    (mention,) = find_dates("im vergangenen Quartal", 0, 22, "de", None)
    assert (mention.value, mention.granularity, mention.relative) == (None, "quarter", True)
