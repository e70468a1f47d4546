"""Which quoted strings are speech: clauses and words attached to a speaker, not titles."""

import pytest

from claims.extraction.attribution import Attribution, Attributor, is_speech_quote
from claims.extraction.types import Speaker

NOBODY = Attribution()
SPOKEN = Attribution(speaker=Speaker("Tom Baker"), speech=True, reported=True)


@pytest.mark.parametrize(
    ("quote", "language"),
    [
        ("„Wir haben keine Wahl mehr“", "de"),
        ("»Das Geld ist längst verplant«", "de"),
        ("“We will not close the ward”", "en"),
        ('"Nobody told us about the delays"', "en"),
    ],
)
def test_a_full_clause_is_a_quote_even_without_a_speaker(quote, language):
    assert is_speech_quote(quote, NOBODY, language)


@pytest.mark.parametrize(
    ("quote", "language"),
    [
        ("„Nordkurier“", "de"),
        ("„Tag der offenen Tür“", "de"),
        ("“The Harbour Gazette”", "en"),
        ("“green recovery”", "en"),
        ('"Summer of Sound"', "en"),
    ],
)
def test_titles_names_and_scare_quotes_are_not_quotes(quote, language):
    assert not is_speech_quote(quote, NOBODY, language)


def test_a_short_quote_attached_to_a_speaker_by_a_speech_verb_is_a_quote():
    assert is_speech_quote("“reckless”", SPOKEN, "en")


def test_the_attributor_marks_a_speech_verb_that_attaches_a_quote():
    blanked = "Tom Baker called the proposal             ."
    attribution = Attributor("en").attribute(blanked, blanked, 0)
    assert attribution.speech and attribution.speaker == Speaker("Tom Baker")
    assert is_speech_quote("“utterly reckless”", attribution, "en")
