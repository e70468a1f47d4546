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
        ("£12m for roads", ("£12m", 12e6, "GBP", None, False)),
        ("a $450m loan", ("$450m", 450e6, "USD", None, False)),
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


def kinds(text, language):
    return [(f.text, f.kind) for f in find_figures(text, 0, len(text), language, everything=True)]


# --- "unter": among or less than ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Eine Befragung unter 850 Befragten ergab ein klares Bild.",
        "Die Studie unter 2.400 Schülerinnen und Schülern lief ein Jahr.",
        "Die Erhebung unter 600 Teilnehmern zeigt den Trend.",
    ],
)
def test_unter_before_a_counted_group_of_people_means_among(text):
    (figure,) = find_figures(text, 0, len(text), "de")
    assert figure.qualifier is None
    assert not figure.text.startswith("unter")


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Die Quote liegt unter 5 Prozent.", "percent"),
        ("Betriebe mit unter 50 Beschäftigten sind ausgenommen.", "Beschäftigten"),
        ("Die Strecke ist unter 300 Metern lang.", "Metern"),
    ],
)
def test_unter_before_a_measure_or_after_mit_stays_less_than(text, unit):
    (figure,) = find_figures(text, 0, len(text), "de")
    assert (figure.qualifier, figure.unit) == ("less_than", unit)


# --- Years ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Die Gemeinde hat erst 2024 Fördermittel beantragt.",
        "Der Landkreis bekam 2022 Unterstützung vom Bund.",
        "Sie ist seit 2019 Mitglied im Verein.",
        "Im Jahr 2021 Verluste zu schreiben, war neu.",
    ],
)
def test_a_year_before_a_noun_in_a_date_context_is_no_quantity(text):
    assert figures(text, "de") == []


def test_a_four_digit_count_before_a_counted_noun_stays_a_quantity():
    assert figures("Das Werk hat 1950 Beschäftigte.", "de") == [
        ("1950", 1950, "Beschäftigte", None, False)
    ]


# --- Times of day ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "time"),
    [
        ("Der Bus fährt um 6:55 ab.", "de", "6:55"),
        ("Die Sitzung beginnt um 18.20 Uhr im Rathaus.", "de", "18.20 Uhr"),
        ("Die Sitzung beginnt um 9 Uhr.", "de", "9 Uhr"),
        ("The ferry returns at 9 p.m. on weekdays.", "en", "9 p.m."),
        ("She caught the 5:15 to the coast.", "en", "5:15"),
    ],
)
def test_a_time_of_day_is_a_time_not_figures(text, language, time):
    assert figures(text, language) == []
    assert kinds(text, language) == [(time, "time")]


# --- Rates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "value", "unit", "per"),
    [
        ("Es gab 4,1 Unfälle je 10.000 Fahrten.", "de", 4.1, "Unfälle", (10000, "Fahrten")),
        ("Die Stadt zahlt 40 Euro pro Monat.", "de", 40, "EUR", (1, "Monat")),
        ("There were 12 deaths per 100,000 people.", "en", 12, "deaths", (100000, "people")),
        ("Three of every ten nurses quit.", "en", 3, None, (10, "nurses")),
        ("One in five adults smokes.", "en", 1, None, (5, "adults")),
        ("Parking costs $4 a day.", "en", 4, "USD", (1, "day")),
    ],
)
def test_a_rate_is_one_figure_with_its_denominator(text, language, value, unit, per):
    (figure,) = find_figures(text, 0, len(text), language)
    assert (figure.value, figure.unit, figure.kind) == (value, unit, "rate")
    assert (figure.per.value, figure.per.unit) == per
    assert figure.to_dict(detail=True)["per"] == {"value": per[0], "unit": per[1]}


def test_a_year_after_pro_is_no_denominator():
    (figure,) = find_figures("Es kamen 300 Besucher pro 2023 geplantem Fest.", 0, 46, "de")
    assert figure.per is None


# --- What is no statistic -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The plan covers the next six years.", "en"),
        ("She has lived there for three decades.", "en"),
        ("Over the past 12 months the price doubled.", "en"),
        ("Seit vier Jahren wartet sie.", "de"),
        ("In den kommenden fünf Jahren wird gebaut.", "de"),
    ],
)
def test_a_time_frame_is_no_statistic(text, language):
    assert figures(text, language) == []
    assert [kind for _, kind in kinds(text, language)] == ["frame"]


def test_a_measured_duration_is_a_figure_of_kind_duration():
    (figure,) = find_figures("Patienten warteten im Schnitt 14 Stunden.", 0, 41, "de")
    assert (figure.value, figure.kind) == (14, "duration")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("There were a million reasons to stay.", "en"),
        ("All three were arrested.", "en"),
        ("Tausend Dank an alle Helfer.", "de"),
    ],
)
def test_number_words_in_idioms_or_with_nothing_counted_are_no_statistic(text, language):
    assert figures(text, language) == []
    assert [kind for _, kind in kinds(text, language)] == ["other"]


def test_a_german_ordinal_is_an_ordinal():
    assert kinds("Sie wurde am 3. Juni gewählt.", "de") == [("3.", "ordinal")]


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        ("rund 1,2 Milliarden Euro", "de", "money"),
        ("etwa 60 Prozent", "de", "percent"),
        ("über 1.000 Mitarbeiter", "de", "count"),
        ("a total of 42", "en", "amount"),
        ("Tausende Demonstranten", "de", "count"),
    ],
)
def test_statistics_have_their_kind(text, language, kind):
    (figure,) = find_figures(text, 0, len(text), language)
    assert figure.kind == kind


# --- Counted nouns --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "unit"),
    [
        ("The firm hired 85 apprentice electricians.", "en", "electricians"),
        ("Some 120 night-shift workers lost their jobs.", "en", "workers"),
        ("The council has 40 staff.", "en", "staff"),
        ("They bought 12 new electric buses.", "en", "buses"),
        ("The trust hired 200 more nurses.", "en", "nurses"),
        ("Die Firma stellt 35 angehende Mechatroniker ein.", "de", "Mechatroniker"),
    ],
)
def test_the_counted_noun_is_the_head_of_the_noun_phrase(text, language, unit):
    (figure,) = find_figures(text, 0, len(text), language)
    assert figure.unit == unit


def test_the_contract_fields_of_a_figure_stay_and_details_are_asked_for():
    (figure,) = find_figures("Es gab 4,1 Unfälle je 10.000 Fahrten.", 0, 37, "de")
    assert set(figure.to_dict()) == {"text", "value", "unit", "approximate", "qualifier"}
    assert figure.to_dict(detail=True)["kind"] == "rate"


@pytest.mark.parametrize("text", ["a 12m wall", "a mast 40 m high"])
def test_an_m_after_a_number_without_a_currency_is_a_length_not_a_million(text):
    assert all(value < 1e6 for _, value, *_ in figures(text, "en"))
