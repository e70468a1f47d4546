"""The check-worthiness ranking model: features, scoring, storage (training: test_training.py)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claims.extraction.ranking import (
    BASE_MODEL_PATH,
    RankingModel,
    lexical_features,
    load_base_model,
    looks_like_markup,
    rule_features,
    sentence_features,
)

ROOT = Path(__file__).resolve().parents[3]


def test_features_from_the_text_alone_run_the_engines_finders():
    features = sentence_features("Die Gemeinde zahlte 3 Millionen Euro für den Umbau.", "de")
    assert features["figure"] == 1.0
    assert features["kind_statistic"] == 1.0


def test_findings_passed_in_are_used_instead_of_running_the_finders():
    features = sentence_features("Im Saal saßen 40 Leute.", "de", figures=(), kind="statement")
    assert "figure" not in features
    assert features["kind_statement"] == 1.0


def test_a_question_has_the_question_signal():
    assert rule_features("Wer bezahlt das am Ende?", "de")["question"] == 1.0


def test_acronyms_are_not_read_as_lexicon_words():
    features = rule_features("Der Konzern folgt US-Rivalen nach Asien.", "de")
    assert "first_plural" not in features


def test_a_comparative_with_als_or_than_is_a_comparison():
    assert (
        rule_features("Pendler zahlen hier mehr Miete als in Talheim.", "de")["comparison"] == 1.0
    )
    assert rule_features("Tickets are cheaper in May than in June.", "en")["comparison"] == 1.0


def test_a_bare_comparative_is_no_comparison():
    features = rule_features("Die Lage wird immer schwieriger.", "de")
    assert "comparison" not in features
    assert features["comparative_bare"] == 1.0


def test_a_record_claim_has_the_record_signal():
    assert rule_features("The harbour handled a record 3,100 ships.", "en")["record"] == 1.0


def test_a_measure_that_changed_is_a_signal_without_a_written_figure():
    english = rule_features("Under the mayor, bus fares have tripled.", "en")
    german = rule_features("Die Gebühren für Kitas wurden halbiert.", "de")
    assert english["measure&change"] == 1.0
    assert german["change"] == 1.0


def test_a_voting_record_is_a_signal():
    assert rule_features("The senator voted against the housing bill.", "en")["record_vote"] == 1.0


def test_large_figures_weigh_more_than_small_ones():
    large = sentence_features("Der Kreis zählte 4 Millionen Übernachtungen.", "de")
    small = sentence_features("Der Kreis zählte 4 Übernachtungen.", "de")
    assert large["figure_magnitude"] > small["figure_magnitude"]


def test_weak_past_forms_are_past_tense():
    assert rule_features("Die Bank meldete einen Verlust.", "de")["past"] == 1.0
    assert rule_features("The bank reported a loss.", "en")["past"] == 1.0


def test_an_age_after_a_name_marks_a_vox_pop():
    features = rule_features("„Mir ist das egal“, sagt Jonas Brehm, 29.", "de")
    assert features["voxpop"] == 1.0


def test_closures_and_cuts_are_events_of_consequence():
    assert rule_features("Die Molkerei schließt ihr Werk in Talheim.", "de")["consequence"] == 1.0
    assert rule_features("The insurer axed 300 jobs.", "en")["consequence"] == 1.0


def test_a_spokesperson_speaks_for_an_institution():
    features = sentence_features("Der Umbau sei bezahlt, sagte Stadtsprecherin Ines Hold.", "de")
    assert features["speaker_official"] == 1.0


def test_lexical_features_are_hashed_buckets():
    features = lexical_features("Der Bus fährt heute später.")
    assert features
    assert all(key.startswith("#") and 0 <= int(key[1:]) < 2**18 for key in features)


def test_hashing_does_not_depend_on_pythons_hash_seed():
    code = (
        "import json; from claims.extraction.ranking import lexical_features;"
        "print(json.dumps(sorted(lexical_features('Die Fähre nach Oststrand fällt aus.'))))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


def test_the_fast_score_equals_the_score_of_all_features():
    model = load_base_model()
    text = "Laut Kreisverwaltung wurden 2025 rund 1.800 Anträge bewilligt."
    found = sentence_features(text, "de")
    rules = {k: v for k, v in found.items() if not k.startswith("#")}
    assert model.score_parts(rules, text) == pytest.approx(model.score(found), abs=1e-9)


def test_a_score_is_a_probability():
    model = RankingModel("t", {"figure": 50.0}, bias=-3.0)
    assert 0.0 < model.score({}) < 0.5 < model.score({"figure": 1.0}) <= 1.0


def test_reasons_put_the_strongest_push_up_first():
    model = RankingModel("t", {"figure": 2.0, "date": 0.5, "question": -1.0})
    assert model.reasons({"date": 1.0, "question": 1.0, "figure": 1.0}) == (
        "figure",
        "date",
        "question",
    )


def test_a_model_survives_saving_and_loading(tmp_path):
    model = RankingModel("v7", {"figure": 1.5, "#12": -0.25}, bias=-0.5, threshold=0.4)
    model.metrics = {"auc": 0.9}
    path = tmp_path / "model.json"
    model.save(path)
    loaded = RankingModel.load(path)
    assert loaded.to_dict() == model.to_dict()


def test_a_model_of_other_features_is_refused():
    data = RankingModel("v1").to_dict() | {"features": "something-else"}
    with pytest.raises(ValueError, match="features"):
        RankingModel.from_dict(data)


def test_the_base_model_ships_with_the_package():
    model = load_base_model()
    assert BASE_MODEL_PATH.exists()
    assert 0.0 < model.threshold < 1.0
    assert model.version
    assert json.loads(BASE_MODEL_PATH.read_text())["weights"]


@pytest.mark.parametrize(
    "text",
    [
        '<script>window.track("x")</script>',
        '<div class="teaser">Mehr lesen</div>',
        ".sidebar { display: none; }",
        "var total = 12;",
    ],
)
def test_markup_and_code_are_recognized(text):
    assert looks_like_markup(text)


def test_prose_with_a_comparison_sign_is_not_markup():
    assert not looks_like_markup("Mehr als 40 % der Haushalte zahlen weniger als 300 Euro.")


def test_a_word_of_change_without_a_figure_or_a_measure_in_its_clause_is_no_change():
    features = rule_features("Die Kinder stiegen in den Bus, die Kosten trug der Verein.", "de")
    assert "change" not in features
    assert "measure&change" not in features


SCORE_IN_A_PROCESS = """
from claims.extraction import load_base_model
from claims.extraction.ranking import sentence_features
features = sentence_features(
    "Die Stadtwerke erhöhten die Preise 2025 um 12 Prozent, kritisierte der Verband.", "de"
)
print(list(features), load_base_model().score(features).hex())
"""


def test_features_and_scores_are_the_same_whatever_the_hash_seed():
    import os
    import subprocess
    import sys

    def run(seed):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-c", SCORE_IN_A_PROCESS]
        return subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout

    assert run("1") == run("2") == run("3")
