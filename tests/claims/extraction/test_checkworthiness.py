from claims.extraction import extract_claims
from claims.extraction.scoring import checkworthiness


def score(text, language="de"):
    (claim,) = extract_claims(text, language, min_checkworthiness=0)
    return claim.checkworthiness, claim.reasons


def test_analysis_ranks_below_a_figure_claim():
    analysis, _ = score("Der Schritt steht exemplarisch für die schwieriger werdenden Bedingungen.")
    figure, _ = score("Das Labor hat über 100 Studien veröffentlicht.")
    assert analysis < figure


def test_reasons_name_the_signals_positive_first():
    value, reasons = score("CEO Andy Jassy sagte, der Umsatz sei 2024 um 5 Prozent gestiegen.")
    assert reasons[:3] == ("figure", "attributed_statement", "date")
    assert "named_actor" in reasons
    assert 0.9 <= value <= 1.0


def test_speculation_and_vagueness_lower_the_score():
    firm, _ = score("Die Stadt spart 20.000 Autofahrten.")
    soft, reasons = score("Schätzungen zufolge könnten 20.000 Autofahrten entfallen.")
    assert soft < firm
    assert {"speculation", "vague"} <= set(reasons)


def test_a_question_asserts_nothing():
    value, reasons = checkworthiness(
        "Stimmt das?",
        has_figure=False,
        has_date=False,
        attributed=False,
        named_actor=False,
        vague=False,
    )
    assert value == 0.0
    assert "question" in reasons


def test_scores_stay_between_0_and_1():
    value, _ = checkworthiness(
        "Mehr als 5 Prozent, weil der größte Rekord, wegen Rivalen.",
        has_figure=True,
        has_date=True,
        attributed=True,
        named_actor=True,
        vague=False,
    )
    assert value == 1.0


def test_claims_below_the_threshold_are_left_out():
    text = (
        "Der Schritt steht exemplarisch für vieles. Das Labor hat über 100 Studien veröffentlicht."
    )
    kept = extract_claims(text, "de")
    assert [c.text for c in kept] == ["Das Labor hat über 100 Studien veröffentlicht."]
