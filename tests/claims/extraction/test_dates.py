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
