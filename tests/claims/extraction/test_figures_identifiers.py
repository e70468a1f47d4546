"""Numbers that name something (a paragraph, a line, a report) or give a person's age
are no quantities: no figure, unless every number is asked for."""

import pytest

from claims.extraction import extract_claims
from claims.extraction.figures import find_figures


def counted(text, language):
    return [(f.text, f.value, f.unit) for f in find_figures(text, 0, len(text), language)]


def kinds(text, language):
    found = find_figures(text, 0, len(text), language, everything=True)
    return [(f.text, f.kind) for f in found]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Die Regel steht in Paragraf 14 der Satzung.", "de"),
        ("Das verlangt Artikel 5 des Vertrags.", "de"),
        ("Der Antrag (Drucksache 2318) liegt vor.", "de"),
        ("Der Regionalzug fährt heute von Gleis 11.", "de"),
        ("Die Frist ergibt sich aus § 9 des Gesetzes.", "de"),
        ("Die Auskunft steht im Gutachten Nr. 44 des Landes.", "de"),
        ("The duty is set out in Clause 17 of the contract.", "en"),
        ("The findings appear in the audit (file no. 62) published in spring.", "en"),
        ("Commuters on Route 38 face delays.", "en"),
        ("Trains leave from Platform 6 instead.", "en"),
        ("The judge cited Section 512 of the code.", "en"),
        ("The school moved its library to Block 3.", "en"),
        ("The vote on Amendment 12 (see Appendix 4) was close.", "en"),
    ],
)
def test_a_number_after_a_word_that_names_things_is_no_figure(text, language):
    assert counted(text, language) == []


def test_an_identifier_keeps_its_kind_when_every_number_is_asked_for():
    assert kinds("Das regelt Artikel 7.", "de") == [("7", "identifier")]
    assert kinds("Buses on Route 38 run late.", "en") == [("38", "identifier")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Die Absätze 2 und 3 sind strittig.", "de"),
        ("Sections 40 and 41 were repealed.", "en"),
        ("Artikel 3, 4 und 9 gelten weiter.", "de"),
    ],
)
def test_every_number_of_a_list_of_identifiers_is_no_figure(text, language):
    assert counted(text, language) == []


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Clauses 2 and 3 affect 140 tenants.", "en", [("140", 140, "tenants")]),
        ("At this stage 60 nurses are missing.", "en", [("60", 60, "nurses")]),
        ("Last season 8,000 visitors came.", "en", [("8,000", 8000, "visitors")]),
        ("In erster Linie 300 Beschäftigte sind betroffen.", "de", [("300", 300, "Beschäftigte")]),
        ("Auf Gleis 2 warteten 90 Fahrgäste.", "de", [("90", 90, "Fahrgäste")]),
    ],
)
def test_a_count_beside_an_identifier_stays_a_figure(text, language, expected):
    assert counted(text, language) == expected


def test_a_measure_after_an_identifier_word_is_a_figure():
    assert counted("Level 20 percent higher than before.", "en") == [("20 percent", 20, "percent")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Maria Oduya, 63, waits for the bus every morning.", "en"),
        ("Rentner Kurt Ebeling, 78, fährt seit Jahren mit.", "de"),
    ],
)
def test_an_age_after_a_name_is_no_figure(text, language):
    assert counted(text, language) == []
    assert [kind for _, kind in kinds(text, language)] == ["age"]


def test_a_german_decimal_after_a_name_is_still_a_figure():
    assert counted("In Halle, 3,5 Prozent mehr als im Vorjahr.", "de") == [
        ("3,5 Prozent", 3.5, "percent")
    ]


def test_an_article_citing_a_paragraph_has_no_statistic_from_it():
    (claim,) = extract_claims(
        "Nach Paragraf 31 des Baugesetzes darf die Stadt das Grundstück kaufen.",
        "de",
        min_checkworthiness=0,
    )
    assert claim.figures == ()
    assert claim.kind != "statistic"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Geregelt in §12 und §§ 14 bis 16.", "de"),
        ("Listed as item #48 on the agenda.", "en"),
        ("Siehe Gutachten Nr.17 der Kammer.", "de"),
        ("Der Zug („Linie 8“) fällt aus.", "de"),
    ],
)
def test_identifier_marks_glued_to_the_number_or_quoted_count_too(text, language):
    assert counted(text, language) == []
