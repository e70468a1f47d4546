"""What a count counts, in both languages (claims.extraction.nouns)."""

import pytest

from claims.extraction.nouns import concept, measures


@pytest.mark.parametrize(
    ("german", "english"),
    [
        ("Lehrkräfte", "teachers"),
        ("Einwohnern", "residents"),
        ("Fahrzeuge", "vehicles"),
        ("Studierende", "students"),
        ("Ausleihen", "checkouts"),
    ],
)
def test_a_german_and_an_english_noun_count_the_same_thing(german, english):
    assert concept(german, "de") == concept(english, "en") != ""


@pytest.mark.parametrize(
    ("compound", "expected"),
    [("Sprachkurse", "courses"), ("Herz-Eingriffe", "operations"), ("Krankenhäuser", "hospitals")],
)
def test_a_german_compound_counts_what_its_longest_known_ending_counts(compound, expected):
    assert concept(compound, "de") == expected


def test_a_noun_the_lexicon_lacks_has_no_concept():
    assert concept("Direktoren", "de") == concept("widgets", "en") == ""


def test_a_rate_is_about_the_same_measure_in_both_languages():
    german = ("die", "jugendarbeitslosigkeit", "stieg")
    english = ("the", "jobless", "rate", "rose")
    assert measures(german, "de") == measures(english, "en") == {"unemployment"}


def test_units_written_out_and_abbreviated_are_one_concept():
    assert (
        concept("Gigawattstunden", "de") == concept("gigawatt-hours", "en") == concept("GWh", "en")
    )
