"""The evidence locator: quotes and figures of a claim found (or not) in a source text."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sources.locator import FOUND_SCORE, Location, locate

GERMAN_SOURCE = """Rheinfelder Stadtrat beschließt den Haushalt

Bürgermeisterin Anna Roth verteidigte am Dienstag die Pläne der Stadt. „Wir werden das Hallenbad nicht schließen, solange ich im Amt bin“, sagte Roth vor dem Stadtrat.
Die Stadtwerke haben mehr als 1000 Beschäftigte und wollen bis 2030 rund 1,2 Milliarden Euro in das Fernwärmenetz investieren.
Die Arbeitslosenquote sank im Mai um 0,4 Prozentpunkte auf 5,1 Prozent.
Eine Handvoll Bürger protestierte vor dem Rathaus, das am 3. Juni 2021 eröffnet wurde.
"""

ENGLISH_SOURCE = """Harbourside council approves budget

Mayor Tom Hale defended the plan on Tuesday. "We will not close a single library this year," Hale told the council.
The utility employs more than 1,000 people and expects revenue of 1.2 billion euros in 2025.
The port authority has spent 1 billion dollars on new cranes since the terminal opened on June 3, 2021.
"""


def figure(text, value, unit, qualifier=None):
    """A claim figure as the extraction engine stores it."""
    return {
        "text": text,
        "value": value,
        "unit": unit,
        "approximate": False,
        "qualifier": qualifier,
    }


def only_figure(claim, claimed, source=GERMAN_SOURCE, language="de"):
    return locate(claim, [claimed], source, language).figures_found[0]


# --- Quotes ----------------------------------------------------------------------------


def test_verbatim_quote_is_found_with_its_offsets():
    claim = "Roth versprach: „Wir werden das Hallenbad nicht schließen, solange ich im Amt bin“."
    loc = locate(claim, [], GERMAN_SOURCE, "de")
    assert loc.found and loc.quote_found
    assert loc.score == 100.0
    assert loc.passage == "Wir werden das Hallenbad nicht schließen, solange ich im Amt bin"
    assert GERMAN_SOURCE[loc.start : loc.end] == loc.passage


def test_quote_is_found_despite_other_quote_marks_whitespace_and_case():
    source = "Roth sagte:\n»WIR  werden das\u00a0Hallen\u00adbad nicht\nschließen –\u2009solange ich im Amt bin.«"
    claim = "Roth: „wir werden das Hallenbad nicht schließen - solange ich im Amt bin“"
    loc = locate(claim, [], source, "de")
    assert loc.found and loc.quote_found
    assert loc.score == 100.0
    assert loc.passage.startswith("WIR  werden") and loc.passage.endswith("im Amt bin")
    assert source[loc.start : loc.end] == loc.passage


def test_quote_with_a_changed_ending_is_still_found():
    claim = "„Wir werden das Hallenbad nicht schliessen, solange ich im Amte bin“"
    loc = locate(claim, [], GERMAN_SOURCE, "de")
    assert FOUND_SCORE <= loc.score < 100
    assert loc.quote_found


def test_quote_in_an_unrelated_text_is_not_found():
    claim = "„Das Freibad wird noch in diesem Sommer an einen Investor verkauft“, sagte Roth."
    loc = locate(claim, [], ENGLISH_SOURCE, "en")
    assert not loc.found
    assert loc.quote_found is False
    assert loc.score < 60


def test_paraphrase_scores_lower_and_is_not_found():
    claim = (
        "Hale promised that none of the libraries would shut down during the next twelve months."
    )
    loc = locate(claim, [], ENGLISH_SOURCE, "en")
    verbatim = locate(
        "Hale said: “We will not close a single library this year.”", [], ENGLISH_SOURCE, "en"
    )
    assert verbatim.found and verbatim.score == 100.0
    assert loc.score < verbatim.score and loc.score < FOUND_SCORE
    assert not loc.found


def test_words_matching_only_inside_longer_words_are_not_found():
    source = "Die Ministerin will keine Wiederholung der Krise."
    loc = locate("Sie sagte: „nie wieder“", [], source, "de")
    assert not loc.found
    assert (loc.start, loc.end, loc.passage) == (0, 0, "")  # no passage below the threshold


def test_every_quote_of_the_claim_must_be_found():
    claim = (
        "Roth sagte, „wir werden das Hallenbad nicht schließen“ und „die Gebühren bleiben stabil“."
    )
    loc = locate(claim, [], GERMAN_SOURCE, "de")
    assert loc.quote_found is False and not loc.found
    assert loc.passage == ""  # one quote missing: not found, so no passage


def test_quotes_found_close_together_make_one_passage():
    source = "„Wir bleiben“, sagte Roth, „und wir bauen ein neues Bad.“ Später mehr."
    loc = locate("„Wir bleiben“, so Roth, „und wir bauen ein neues Bad“", [], source, "de")
    assert loc.found and loc.quote_found
    assert loc.passage == "Wir bleiben“, sagte Roth, „und wir bauen ein neues Bad"


# --- Claims without quotes ---------------------------------------------------------


@pytest.mark.parametrize(
    ("claim", "language", "expected"),
    [
        (
            "Die Stadtwerke haben mehr als 1000 Beschäftigte, sagte Bürgermeisterin Roth.",
            "de",
            "Die Stadtwerke haben mehr als 1000 Beschäftigte",
        ),
        (
            "Nach Angaben der Stadt sank die Arbeitslosenquote im Mai um 0,4 Prozentpunkte.",
            "de",
            "sank im Mai um 0,4 Prozentpunkte",
        ),
        (
            "The utility employs more than 1,000 people, a spokeswoman said on Monday.",
            "en",
            "The utility employs more than 1,000 people",
        ),
        (
            "The utility employs more than 1,000 people, according to figures from the council.",
            "en",
            "The utility employs more than 1,000 people",
        ),
        (
            "The council said that the utility employs more than 1,000 people.",
            "en",
            "The utility employs more than 1,000 people",
        ),
        (
            "Der Stadtrat teilte mit, dass die Stadtwerke mehr als 1000 Beschäftigte haben.",
            "de",
            "Die Stadtwerke haben mehr als 1000 Beschäftigte",
        ),
    ],
)
def test_claim_without_quotes_is_found_without_its_attribution(claim, language, expected):
    source = GERMAN_SOURCE if language == "de" else ENGLISH_SOURCE
    loc = locate(claim, [], source, language)
    assert loc.quote_found is None
    assert loc.found
    assert expected in loc.passage


def test_claim_in_another_language_than_the_source_is_not_found_as_words():
    claim = "Die Stadtwerke erwarten 2025 einen Umsatz von 1,2 Milliarden Euro."
    loc = locate(claim, [], ENGLISH_SOURCE, "en")
    assert not loc.found


# --- Figures ---------------------------------------------------------------------------


def test_figure_with_another_counted_noun_is_found():
    claim = "Die Stadtwerke beschäftigen über 1.000 Mitarbeiter."
    found = only_figure(claim, figure("über 1.000 Mitarbeiter", 1000, "Mitarbeiter", "more_than"))
    assert found == {
        "text": "über 1.000 Mitarbeiter",
        "found": True,
        "source_text": "mehr als 1000",
    }


def test_figure_missing_from_the_source_is_not_found():
    claim = "Die Stadtwerke beschäftigen 2.500 Mitarbeiter."
    found = only_figure(claim, figure("2.500 Mitarbeiter", 2500, "Mitarbeiter"))
    assert found == {"text": "2.500 Mitarbeiter", "found": False, "source_text": None}


def test_figure_in_another_currency_is_not_found():
    claim = "Die Stadtwerke investieren 1,2 Milliarden Dollar."
    assert not only_figure(claim, figure("1,2 Milliarden Dollar", 1.2e9, "USD"))["found"]


def test_percent_and_percentage_points_are_different_units():
    claim = "Die Arbeitslosenquote sank um 0,4 Prozent."
    assert not only_figure(claim, figure("0,4 Prozent", 0.4, "percent"))["found"]
    points = only_figure(claim, figure("0,4 Prozentpunkte", 0.4, "percentage_points"))
    assert points["source_text"] == "0,4 Prozentpunkte"


def test_figure_without_a_unit_matches_a_figure_with_one():
    claim = "Es geht um 1,2 Milliarden."
    found = only_figure(claim, figure("1,2 Milliarden", 1.2e9, None))
    assert found["source_text"] == "rund 1,2 Milliarden Euro"


@pytest.mark.parametrize(("value", "found"), [(1.2e9, True), (1.205e9, True), (1.25e9, False)])
def test_values_within_half_a_percent_are_the_same(value, found):
    claim = "Die Stadtwerke investieren 1,2 Milliarden Euro."
    assert only_figure(claim, figure("1,2 Milliarden Euro", value, "EUR"))["found"] is found


@pytest.mark.parametrize(
    ("claimed", "source_text"),
    [
        (figure("1,2 Milliarden Euro", 1.2e9, "EUR"), "1.2 billion euros"),
        (figure("rund eine Milliarde Dollar", 1e9, "USD", "approximately"), "1 billion dollars"),
        (figure("über 1.000 Mitarbeiter", 1000, "Mitarbeiter", "more_than"), "more than 1,000"),
    ],
)
def test_german_claim_figure_is_found_in_an_english_source(claimed, source_text):
    claim = f"Laut Stadtrat geht es um {claimed['text']}."
    assert only_figure(claim, claimed, ENGLISH_SOURCE, "en")["source_text"] == source_text


def test_the_day_of_a_date_is_no_figure():
    claim = "Das Terminal hat 3 Kräne."
    assert not only_figure(claim, figure("3", 3, None), ENGLISH_SOURCE, "en")["found"]


def test_figure_nearest_the_passage_is_reported():
    filler = "Der Rat tagte lange und vertagte sich mehrmals. " * 100
    source = (
        "Im Vorjahr hatten die Stadtwerke mehr als 1000 Beschäftigte. "
        + filler
        + "„Wir haben heute 1000 Beschäftigte und stellen weiter ein“, sagte Roth."
    )
    claim = "„Wir haben heute 1000 Beschäftigte und stellen weiter ein“"
    loc = locate(claim, [figure("1000 Beschäftigte", 1000, "Beschäftigte")], source, "de")
    assert loc.found
    assert loc.figures_found[0]["source_text"] == "1000"


def test_figure_with_the_same_noun_wins_over_a_nearer_one_with_another_noun():
    source = "Die Firma hat über 1000 Mitarbeitern gekündigt. Es kamen 1000 Besucher."
    claimed = figure("1000 Mitarbeiter", 1000, "Mitarbeiter")
    assert only_figure("Es kamen 1000 Besucher.", claimed, source)["source_text"] == "über 1000"


def test_figure_without_the_claimed_unit_near_the_passage_gives_way_to_one_with_it():
    filler = "Der Rat tagte lange und vertagte sich mehrmals. " * 100
    source = "Die Quote stieg von 5 auf 7 Prozent. " + filler + "Im Jahr davor waren es 5 Prozent."
    claimed = figure("5 Prozent", 5, "percent")
    assert only_figure("Die Quote stieg von 5 auf 7 Prozent.", claimed, source)["source_text"] == (
        "5 Prozent"
    )


def test_figure_without_a_value_is_found_by_its_text():
    claim = "Nur eine Handvoll Bürger protestierte."
    found = only_figure(claim, figure("eine Handvoll", None, None))
    assert found["source_text"] == "Eine Handvoll"


def test_one_entry_per_claim_figure_in_order():
    claimed = [
        figure("2.500 Mitarbeiter", 2500, "Mitarbeiter"),
        figure("5,1 Prozent", 5.1, "percent"),
    ]
    loc = locate("Die Quote liegt bei 5,1 Prozent.", claimed, GERMAN_SOURCE, "de")
    assert [f["found"] for f in loc.figures_found] == [False, True]
    assert [f["text"] for f in loc.figures_found] == ["2.500 Mitarbeiter", "5,1 Prozent"]


# --- Edges -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claim", "source"), [("„Wir bleiben“", ""), ("", GERMAN_SOURCE), (" „ “ ", GERMAN_SOURCE)]
)
def test_empty_claim_or_source_finds_nothing(claim, source):
    loc = locate(claim, [figure("1000", 1000, None)], source, "de")
    assert loc == Location(
        found=False,
        start=0,
        end=0,
        passage="",
        score=0.0,
        quote_found=None,
        figures_found=[{"text": "1000", "found": False, "source_text": None}],
    )


def test_unsupported_language_is_refused():
    with pytest.raises(ValueError, match="Unsupported language"):
        locate("„Wir bleiben“", [], "Wir bleiben.", "fr")


def test_quote_is_found_deep_in_a_long_source():
    paragraph = (
        "Der Ausschuss beriet über die Sanierung der Schulen, die Radwege und den Nahverkehr. "
        "The committee also discussed the harbour, the museum and 42 new street lights.\n"
    )
    source = paragraph * (200_000 // len(paragraph))
    source += "Zum Schluss sagte Roth: „Die Brücke wird im Herbst fertig.“\n"
    loc = locate("Roth versicherte, „die Brücke wird im Herbst fertig“.", [], source, "de")
    assert loc.found and loc.passage == "Die Brücke wird im Herbst fertig"
    assert loc.start > 199_000


# --- Properties ------------------------------------------------------------------------

_PROSE = (
    st.text(alphabet=" „“»«‚‘\"'0123456789.,%€$ abcdeäöüßAİẞ\n\t\u00a0\u00ad\u200b–-") | st.text()
)
_FIGURES = st.lists(
    st.fixed_dictionaries(
        {
            "text": st.text(max_size=20),
            "value": st.none() | st.integers() | st.floats(),
            "unit": st.sampled_from([None, "EUR", "USD", "percent", "percentage_points", "Leute"]),
        }
    ),
    max_size=3,
)


@settings(max_examples=300, deadline=None)
@given(claim=_PROSE, figures=_FIGURES, source=_PROSE, language=st.sampled_from(["de", "en"]))
def test_locate_never_raises_and_offsets_point_into_the_source(claim, figures, source, language):
    loc = locate(claim, figures, source, language)
    assert 0 <= loc.start <= loc.end <= len(source)
    assert source[loc.start : loc.end] == loc.passage
    assert 0.0 <= loc.score <= 100.0
    assert loc.found == (loc.score >= FOUND_SCORE)
    assert len(loc.figures_found) == len(figures)


_WORDS = st.sampled_from(["Stadt", "Rat", "hat", "1.000", "Euro", "über", "»", "the", "ßig", "–"])


@settings(max_examples=200, deadline=None)
@given(words=st.lists(_WORDS, min_size=2, max_size=40), data=st.data())
def test_quote_cut_from_the_source_on_word_boundaries_is_found(words, data):
    source = " ".join(words)
    first = data.draw(st.integers(0, len(words) - 1))
    last = data.draw(st.integers(first + 1, len(words)))
    quoted = " ".join(words[first:last])
    loc = locate(f"Sie sagte: „{quoted}“", [], source, "de")
    if any(c.isalnum() for c in quoted):
        assert loc.found and loc.score == 100.0
