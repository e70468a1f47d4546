"""The evidence locator anchors on figures: a claim's exact figure in the source counts."""

import pytest

from sources.locator import FOUND_SCORE, locate

BUDGET = """Haushalt der Stadt Lindau

Der Kämmerer legte am Montag die Zahlen vor. Der Schuldenstand der Stadt lag Ende 2025 bei {debt}, das ist ein neuer Höchststand.
Die Feuerwehr bekommt zwei neue Fahrzeuge. Der Sportverein klagt über hohe Mieten.
"""
CLAIM = "Die Stadt Lindau ist mit 780 Millionen Euro verschuldet, sagte Oppositionsführerin Kern."
DEBT = {"text": "780 Millionen Euro", "value": 780e6, "unit": "EUR", "approximate": False}
SENTENCE = "Der Schuldenstand der Stadt lag Ende 2025 bei {debt}, das ist ein neuer Höchststand."

HARBOUR = """Port of Elmstead annual report

The harbour handled 4.2 million tonnes of cargo last year, a record for the port.
Night shifts were cut after complaints from residents. Some 300 dock workers took part in the strike.
"""


@pytest.mark.parametrize("debt", ["780 Millionen Euro", "780 Mio. €", "780.000.000 Euro"])
def test_a_paraphrased_claim_is_found_by_its_exact_figure_in_any_written_form(debt):
    source = BUDGET.format(debt=debt)
    loc = locate(CLAIM, [DEBT], source, "de")
    assert loc.found and loc.score >= FOUND_SCORE
    assert loc.figures_found[0]["source_text"] == debt


def test_the_passage_is_the_sentence_holding_the_figure():
    source = BUDGET.format(debt="780 Mio. €")
    loc = locate(CLAIM, [DEBT], source, "de")
    assert loc.passage == SENTENCE.format(debt="780 Mio. €")
    assert source[loc.start : loc.end] == loc.passage


def test_the_score_reflects_the_found_figure():
    source = BUDGET.format(debt="780 Mio. €")
    without = locate(CLAIM, [], source, "de")
    with_figure = locate(CLAIM, [DEBT], source, "de")
    assert without.score < FOUND_SCORE <= with_figure.score


def test_an_english_claim_is_found_by_its_figure_with_another_counted_noun_form():
    claim = "Elmstead's harbour moved 4,200,000 tonnes of cargo in a single year."
    tonnes = {"text": "4,200,000", "value": 4.2e6, "unit": "tonnes"}
    loc = locate(claim, [tonnes], HARBOUR, "en")
    assert loc.found
    assert loc.passage == (
        "The harbour handled 4.2 million tonnes of cargo last year, a record for the port."
    )


def test_the_same_figure_in_a_sentence_on_another_subject_is_not_enough():
    claim = "The airport's runway extension will cost 300 million pounds, the minister said."
    cost = {"text": "300", "value": 300, "unit": "workers"}
    loc = locate(claim, [cost], HARBOUR, "en")
    assert not loc.found


def test_every_figure_of_the_claim_must_be_in_the_passage():
    claim = "Die Stadt Lindau hat 780 Millionen Euro Schulden und 45 Feuerwehrfahrzeuge."
    trucks = {"text": "45", "value": 45, "unit": "Feuerwehrfahrzeuge"}
    loc = locate(claim, [DEBT, trucks], BUDGET.format(debt="780 Mio. €"), "de")
    assert not loc.found
    assert [f["found"] for f in loc.figures_found] == [True, False]


def test_below_the_threshold_there_is_no_passage():
    claim = "Der Sportverein bekommt 50.000 Euro für neue Flutlichter."
    money = {"text": "50.000 Euro", "value": 50_000, "unit": "EUR"}
    loc = locate(claim, [money], BUDGET.format(debt="780 Mio. €"), "de")
    assert not loc.found and loc.score < FOUND_SCORE
    assert (loc.start, loc.end, loc.passage) == (0, 0, "")
