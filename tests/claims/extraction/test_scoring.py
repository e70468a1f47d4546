"""Check-worthiness in the engine: the ranking model's scores, reasons and threshold."""

from claims.extraction import RankingModel, extract_claims, load_base_model
from claims.extraction.training import rule_score


def score(text, language="de"):
    (claim,) = extract_claims(text, language, min_checkworthiness=0)
    return claim.checkworthiness


def test_an_official_statistic_ranks_above_filler():
    statistic = score(
        "Nach Angaben des Landesamts sank die Zahl der Verkehrstoten 2025 um 11 Prozent."
    )
    filler = score("Die Meinungen dazu gehen auseinander.")
    assert statistic > filler


def test_an_official_statistic_is_in_the_queue():
    text = "The water authority said 1,150 households had no supply for 36 hours in August."
    assert [c.text for c in extract_claims(text, "en")] == [text]


def test_a_question_is_below_the_threshold():
    assert score("Will the new ferry timetable really save anyone time?", "en") < (
        load_base_model().threshold
    )


def test_a_vox_pop_anecdote_ranks_below_an_attributed_statistic():
    anecdote = score(
        "“I have walked my dog along this canal every morning for twenty years,” said "
        "Brenda Moss, 71.",
        "en",
    )
    statistic = score(
        "The canal trust said repairs to the towpath had cost £2.4 million since 2022.", "en"
    )
    assert anecdote < statistic


def test_a_change_in_a_public_measure_ranks_above_an_opinion_about_it_without_any_figure():
    change = score("Since the new tram line opened, fares in Dunmore have doubled.", "en")
    opinion = score("The fares in Dunmore are simply too high.", "en")
    assert change > opinion + 0.3


def test_an_opinion_ranks_below_a_dated_figure():
    opinion = score("Das Konzept ist mutig, aber es kommt viel zu spät.")
    fact = score("Der Kreis hat im Oktober 1,2 Millionen Euro für neue Busse ausgegeben.")
    assert opinion < fact


def test_filler_is_left_out_of_the_queue():
    text = (
        "Im Rathaus war die Stimmung gereizt. "
        "Der Gemeinderat hob die Grundsteuer zum 1. Januar um 18 Prozent an."
    )
    assert [c.text for c in extract_claims(text, "de")] == [
        "Der Gemeinderat hob die Grundsteuer zum 1. Januar um 18 Prozent an."
    ]


def test_a_threshold_of_0_returns_every_candidate():
    text = "Schön war es. Wer weiß das schon? Die Halle hat 2.400 Plätze."
    assert len(extract_claims(text, "de", min_checkworthiness=0)) == 3


def test_the_default_threshold_is_the_models():
    text = "Die Halle hat 2.400 Plätze. Es war ein schöner Abend. Wer zahlt das?"
    everything = extract_claims(text, "de", min_checkworthiness=0)
    threshold = load_base_model().threshold
    expected = [c.text for c in everything if c.checkworthiness >= threshold]
    assert [c.text for c in extract_claims(text, "de")] == expected


def test_a_model_passed_in_scores_the_candidates():
    everything = RankingModel("always-v1", {}, bias=8.0, threshold=0.5)
    claims = extract_claims("Es war ein schöner Abend.", "de", model=everything)
    assert [(c.model_version, c.checkworthiness > 0.99) for c in claims] == [("always-v1", True)]


def test_each_claim_records_the_model_version():
    (claim,) = extract_claims("Die Halle hat 2.400 Plätze.", "de", min_checkworthiness=0)
    assert claim.model_version == load_base_model().version
    assert claim.to_dict()["model_version"] == claim.model_version


def test_scores_are_probabilities():
    text = "Mehr als 5 Prozent, weil der größte Rekord! Wirklich? Ja. 2024 stiegen die Preise."
    assert all(
        0 <= c.checkworthiness <= 1 for c in extract_claims(text, "de", min_checkworthiness=0)
    )


def test_reasons_name_the_signals_with_the_figure_first():
    (claim,) = extract_claims(
        "Laut Stadtverwaltung kostete der Umbau 2025 genau 4,6 Millionen Euro.",
        "de",
        min_checkworthiness=0,
    )
    assert claim.reasons[0] == "figure"
    assert {"date", "attributed_statement"} <= set(claim.reasons)


def test_a_question_gives_the_question_reason():
    (claim,) = extract_claims("Warum wurde das nicht früher geprüft?", "de", min_checkworthiness=0)
    assert "question" in claim.reasons


def test_a_title_line_is_never_a_candidate():
    text = "Neue Buslinie für Oststadt\nAb März fährt die Linie 14 alle 20 Minuten."
    candidates = extract_claims(text, "de", min_checkworthiness=0)
    assert [c.text for c in candidates] == ["Ab März fährt die Linie 14 alle 20 Minuten."]


def test_a_subheading_is_never_a_candidate():
    text = (
        "Die Klinik hat 2025 rund 9.000 Patienten behandelt.\n"
        "Kritik vom Personalrat\n"
        "Der Personalrat zählte 140 unbesetzte Stellen."
    )
    candidates = extract_claims(text, "de", min_checkworthiness=0)
    assert "Kritik vom Personalrat" not in [c.text for c in candidates]


def test_a_one_line_text_without_a_full_stop_is_still_a_candidate():
    text = "The bridge carries 31,000 vehicles a day"
    assert [c.text for c in extract_claims(text, "en", min_checkworthiness=0)] == [text]


def test_a_script_block_is_never_a_candidate():
    text = (
        "Die Stadt zählt 84.000 Einwohner.\n"
        '<script>var visits = 84000; document.title = "Zahl: " + visits;</script>\n'
        "Das sind 3 Prozent mehr als 2020."
    )
    candidates = extract_claims(text, "de", min_checkworthiness=0)
    assert not any("<script>" in c.text or "visits" in c.text for c in candidates)
    assert len(candidates) == 2


def test_html_tags_are_never_candidates():
    text = '<p class="intro">Der Verband hat 1.200 Mitglieder.</p>'
    assert extract_claims(text, "de", min_checkworthiness=0) == []


def test_the_rule_scorer_before_the_model_stays_callable():
    assert rule_score("Stimmt das?", "de") == 0.0
    assert rule_score("Der Umbau kostete 4 Millionen Euro.", "de") > 0.5


def test_an_unclosed_script_block_runs_to_the_end_of_the_text():
    text = "Die Stadt zählt 84.000 Einwohner.\n<script>\nwindow.count = 84000\nshow(count)"
    candidates = extract_claims(text, "de", min_checkworthiness=0)
    assert [c.text for c in candidates] == ["Die Stadt zählt 84.000 Einwohner."]
