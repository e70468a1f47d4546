import pytest

from claims.extraction.figures import find_figures


def figures(text, language):
    return [
        (f.text, f.value, f.unit, f.qualifier, f.approximate)
        for f in find_figures(text, 0, len(text), language)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "über 100 wissenschaftliche Publikationen",
            ("über 100", 100, "Publikationen", "more_than", False),
        ),
        (
            "rund eine Milliarde Dollar Umsatz",
            ("rund eine Milliarde Dollar", 1e9, "USD", "approximately", True),
        ),
        ("über 1.000 Mitarbeiter", ("über 1.000", 1000, "Mitarbeiter", "more_than", False)),
        (
            "rund 1,2 Milliarden Euro",
            ("rund 1,2 Milliarden Euro", 1.2e9, "EUR", "approximately", True),
        ),
        ("780 Mio. Euro Schulden", ("780 Mio. Euro", 780e6, "EUR", None, False)),
        ("etwa 60 Prozent", ("etwa 60 Prozent", 60, "percent", "approximately", True)),
        ("um 3,5 Prozentpunkte", ("3,5 Prozentpunkte", 3.5, "percentage_points", None, False)),
        ("knapp unter 5 %", ("knapp unter 5 %", 5, "percent", "less_than", False)),
        ("bis zu 20.000 Autofahrten", ("bis zu 20.000", 20000, "Autofahrten", "up_to", False)),
        ("mindestens 12 Schulen", ("mindestens 12", 12, "Schulen", "at_least", False)),
        ("zwei Millionen Menschen", ("zwei Millionen", 2e6, "Menschen", None, False)),
        ("ca. 300 Gäste", ("ca. 300", 300, "Gäste", "approximately", True)),
        (
            "mehreren Hundert Fachkräften",
            ("mehreren Hundert", 200, "Fachkräften", "at_least", True),
        ),
        ("Tausende Demonstranten", ("Tausende", 2000, "Demonstranten", "at_least", True)),
        ("2000 Mitarbeiter", ("2000", 2000, "Mitarbeiter", None, False)),
        ("42 Kilometer", ("42", 42, "Kilometer", None, False)),
    ],
)
def test_german_figures_are_normalized(text, expected):
    assert figures(text, "de") == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("about $340 million", ("about $340 million", 340e6, "USD", "approximately", True)),
        ("45 million litres", ("45 million", 45e6, "litres", None, False)),
        ("more than 1,200 residents", ("more than 1,200", 1200, "residents", "more_than", False)),
        ("less than 4 percent", ("less than 4 percent", 4, "percent", "less_than", False)),
        ("fewer than 30 schools", ("fewer than 30", 30, "schools", "less_than", False)),
        ("up to 2 percent", ("up to 2 percent", 2, "percent", "up_to", False)),
        ("at least 15 people", ("at least 15", 15, "people", "at_least", False)),
        ("a billion dollars", ("a billion dollars", 1e9, "USD", None, False)),
        ("one billion euros", ("one billion euros", 1e9, "EUR", None, False)),
        ("two million visitors", ("two million", 2e6, "visitors", None, False)),
        ("$3.2bn in debt", ("$3.2bn", 3.2e9, "USD", None, False)),
        ("€5bn", ("€5bn", 5e9, "EUR", None, False)),
        ("2.5 percent growth", ("2.5 percent", 2.5, "percent", None, False)),
        ("several hundred staff", ("several hundred", 200, "staff", "at_least", True)),
        ("around 7,500 homes", ("around 7,500", 7500, "homes", "approximately", True)),
    ],
)
def test_english_figures_are_normalized(text, expected):
    assert figures(text, "en") == [expected]


def test_german_decimal_comma_and_english_decimal_point():
    assert figures("1,5 Millionen", "de")[0][1] == 1.5e6
    assert figures("1.5 million", "en")[0][1] == 1.5e6
    assert figures("1.000 Tonnen", "de")[0][1] == 1000
    assert figures("1,000 tonnes", "en")[0][1] == 1000


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("seit 2023 gilt", "de"),
        ("2019 beendete der Konzern", "de"),
        ("sein 2018 gegründetes Labor", "de"),
        ("once it opens in 2028.", "en"),
        ("am 3. März", "de"),
        ("Nach dem 2. Weltkrieg", "de"),
    ],
)
def test_years_and_ordinals_are_not_quantities(text, language):
    assert figures(text, language) == []


def test_figures_keep_their_exact_span():
    text = "Die Stadt nennt rund 1,2 Milliarden Euro."
    (figure,) = find_figures(text, 0, len(text), "de")
    assert text[figure.start : figure.end] == figure.text == "rund 1,2 Milliarden Euro"


def test_digits_inside_words_are_not_figures():
    assert figures("Der A380 und COVID-19 und G7", "de") == []
