"""The locator's work is bounded: it grows in proportion to the source, and stops at a cap.

Work is counted (Python calls, characters handed to the alignment), never timed.
"""

import sys

import pytest

from sources import locator
from sources.locator import MAX_SOURCE_CHARS, locate

PROSE = (
    "Die Stadtwerke haben mehr als 1000 Beschäftigte und wollen bis 2030 rund 1,2 Milliarden "
    "Euro in das Fernwärmenetz investieren. Die Arbeitslosenquote sank im Mai um 0,4 "
    "Prozentpunkte auf 5,1 Prozent. Im Jahr wurden 85 Millionen Fahrgäste befördert, "
    "3.400 Busse fuhren 12,5 Mio. Kilometer, sagte Sprecherin Petra Albers.\n"
)
WORDS = "Der Rat tagte lange und vertagte sich dann auf den nächsten Dienstag im Rathaus.\n"
ENDING = "„Wir haben 777 Millionen Euro in neue Schulen gesteckt“, sagte der Kämmerer.\n"
CLAIM = "Der Kämmerer sagte: „Wir haben 777 Millionen Euro in neue Schulen gesteckt“."
SCHOOLS = {"text": "777 Millionen Euro", "value": 777e6, "unit": "EUR", "approximate": False}


def repeated(text: str, length: int) -> str:
    return (text * (length // len(text) + 1))[:length]


def python_calls(function, *args) -> int:
    """How many Python functions `function(*args)` enters: its work, whatever the machine."""
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        if event == "call":
            calls += 1

    sys.setprofile(count)
    try:
        function(*args)
    finally:
        sys.setprofile(None)
    return calls


def test_the_search_of_a_figure_absent_nearby_grows_in_proportion_to_the_source():
    # The figure is nowhere, so the whole source is parsed for it.
    small = python_calls(locate, CLAIM, [SCHOOLS], repeated(PROSE, 20_000), "de")
    large = python_calls(locate, CLAIM, [SCHOOLS], repeated(PROSE, 40_000), "de")
    assert large <= 2.2 * small


def test_a_quote_and_figure_beyond_the_cap_are_not_searched():
    source = repeated(WORDS, MAX_SOURCE_CHARS + 1_000) + ENDING
    location = locate(CLAIM, [SCHOOLS], source, "de")
    assert not location.quote_found
    assert location.end <= MAX_SOURCE_CHARS
    assert location.figures_found[0]["found"] is False


def test_a_quote_and_figure_just_inside_the_cap_are_found():
    source = repeated(WORDS, MAX_SOURCE_CHARS - 1_000) + ENDING
    location = locate(CLAIM, [SCHOOLS], source, "de")
    assert location.quote_found
    assert location.figures_found[0]["source_text"] == "777 Millionen Euro"


@pytest.fixture(scope="module")
def page_at_the_size_limit() -> str:
    """24 MB of figure-dense prose (a page just under the fetcher's 25 MB), the quote at its end."""
    return repeated(PROSE, 24 * 1024 * 1024) + ENDING


def test_a_page_at_the_size_limit_is_located_in_its_first_part(page_at_the_size_limit):
    claim = "Die Arbeitslosenquote sank im Mai um 0,4 Prozentpunkte auf 5,1 Prozent."
    rate = {"text": "5,1 Prozent", "value": 5.1, "unit": "percent"}
    location = locate(claim, [rate], page_at_the_size_limit, "de")
    assert location.found
    assert location.start < MAX_SOURCE_CHARS
    assert location.figures_found[0]["found"]


def test_a_page_at_the_size_limit_is_not_searched_beyond_the_cap(page_at_the_size_limit):
    location = locate(CLAIM, [SCHOOLS], page_at_the_size_limit, "de")
    assert not location.quote_found
    assert location.figures_found[0]["found"] is False


def test_a_long_claim_is_cut_to_the_alignment_budget(monkeypatch):
    monkeypatch.setattr(locator, "ALIGNMENT_BUDGET", 100**2 * 10_000)
    aligned = []
    align = locator.fuzz.partial_ratio_alignment

    def recording(needle, text, *args, **kwargs):
        aligned.append((len(needle), len(text)))
        return align(needle, text, *args, **kwargs)

    monkeypatch.setattr(locator.fuzz, "partial_ratio_alignment", recording)
    claim = repeated("Die Stadtwerke planen neue Linien und mehr Busse für die Stadt. ", 1_500)
    location = locate(claim, [], repeated(WORDS, 10_000), "de")
    assert aligned
    assert all(needle**2 * text <= 100**2 * 10_000 for needle, text in aligned)
    assert not location.found
