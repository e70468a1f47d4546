"""Template filters of the reviewer UI."""

from django.utils import translation

from claims.extraction.ranking import REASONS
from desk.templatetags.desk import REASON_WORDS, reason_words


def test_every_check_worthiness_reason_has_words():
    assert set(REASONS.values()) <= set(REASON_WORDS)


def test_reasons_read_as_words_in_the_page_language():
    with translation.override("en"):
        assert reason_words(["figure", "date"]) == "a figure, a date"
    with translation.override("de"):
        assert reason_words(["figure"]) == "eine Zahl"
