"""The check-worthiness ranking model: features, scoring, storage, training, evaluation."""

import json
import math
import os
import random
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
from claims.extraction.training import (
    _platt,
    choose_threshold,
    corpus_split,
    evaluate,
    is_test_article,
    metrics_at,
    train,
)

ROOT = Path(__file__).resolve().parents[3]

# A tiny invented training set: check-worthy statements carry figures and sources.
WORTHY = [
    ("Die Stadtwerke Talheim erhöhten den Gaspreis im März um 14 Prozent.", "de"),
    ("Laut Landesamt stieg die Zahl der Pendler auf 41.000.", "de"),
    ("The county spent £3.2 million on road repairs last year, its accounts show.", "en"),
    ("Unemployment in Brackford fell to 4.1 percent in June, the statistics office said.", "en"),
    ("Der Kreistag bewilligte 2,7 Millionen Euro für die Sanierung der Schule.", "de"),
    ("The hospital trust said 312 operations were cancelled in October.", "en"),
]
FILLER = [
    ("Das sehen nicht alle so.", "de"),
    ("Wie geht es jetzt weiter?", "de"),
    ("It was a lovely afternoon by the river.", "en"),
    ("Many residents are unhappy about it.", "en"),
    ("Die Stimmung im Saal war angespannt.", "de"),
    ("What happens next is anyone's guess.", "en"),
]


def examples():
    return [(t, lang, 1) for t, lang in WORTHY] + [(t, lang, 0) for t, lang in FILLER]


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


def test_training_separates_the_classes():
    model = train(examples())
    worthy = [model.score_text(t, lang) for t, lang, y in examples() if y]
    filler = [model.score_text(t, lang) for t, lang, y in examples() if not y]
    assert min(worthy) > max(filler)


def test_training_is_deterministic():
    assert train(examples()).to_dict() == train(examples()).to_dict()


def shift(count: int) -> float:
    """How far training on `count` contrary decisions moves a prior's score."""
    prior = RankingModel("prior", {"figure": 3.0}, bias=-1.0, threshold=0.5)
    sentence = "Im Hafen lagen 12 Schiffe."
    contrary = [(sentence, "de", 0)] * count
    model = train(contrary, prior=prior)
    features = sentence_features(sentence, "de")
    return prior.score(features) - model.score(features)


def test_a_prior_yields_a_little_to_a_few_decisions_and_much_to_many():
    few, many = shift(3), shift(1000)
    assert 0 < few < 0.3
    assert many > 0.5


def test_training_from_a_prior_keeps_its_threshold():
    prior = RankingModel("prior", {}, threshold=0.37)
    assert train(examples(), prior=prior).threshold == 0.37


def test_training_on_nothing_is_refused():
    with pytest.raises(ValueError):
        train([])


def test_auc_agrees_with_scikit_learn():
    from sklearn.metrics import roc_auc_score

    rng = random.Random(5)
    labels = [rng.randint(0, 1) for _ in range(200)]
    scores = [round(rng.random() + 0.3 * y, 2) for y in labels]  # with ties
    assert metrics_at(scores, labels, 0.5)["auc"] == pytest.approx(
        roc_auc_score(labels, scores), abs=1e-4
    )


def test_metrics_at_a_threshold():
    m = metrics_at([0.9, 0.8, 0.3, 0.1], [1, 0, 1, 0], 0.5)
    assert m == {"auc": 0.75, "precision": 0.5, "recall": 0.5, "f1": 0.5, "kept": 0.5, "n": 4}


def test_the_auc_of_a_single_label_is_none():
    assert metrics_at([0.2, 0.9], [1, 1], 0.5)["auc"] is None


def test_evaluate_reports_the_contract_keys():
    result = evaluate(train(examples()), examples())
    assert set(result) == {"auc", "precision", "recall", "f1", "kept", "n"}
    assert result["n"] == len(examples())


def test_the_chosen_threshold_reaches_the_required_precision():
    model = train(examples())
    model.threshold = choose_threshold(model, examples(), min_precision=0.9, max_kept=0.6)
    assert evaluate(model, examples())["precision"] >= 0.9


def test_the_chosen_threshold_keeps_at_most_the_allowed_share():
    model = train(examples())
    model.threshold = choose_threshold(model, examples(), min_precision=0.5, max_kept=0.25)
    assert evaluate(model, examples())["kept"] <= 0.25


def test_the_test_split_is_a_fixed_quarter_of_the_articles():
    ids = [f"de-local-{n:02d}" for n in range(400)]
    chosen = [i for i in ids if is_test_article(i)]
    assert chosen == [i for i in ids if is_test_article(i)]
    assert 0.18 < len(chosen) / len(ids) < 0.32


def test_the_corpus_split_skips_headlines_and_keeps_only_label_2_as_check_worthy(tmp_path):
    rows = [
        {"article": "en-local-01", "language": "en", "sentence": "Bridge shut", "label": 0, "headline": True},
        {"article": "en-local-01", "language": "en", "sentence": "It cost £4m.", "label": 2},
        {"article": "en-local-01", "language": "en", "sentence": "It rained.", "label": 1},
    ]  # fmt: skip
    (tmp_path / "en.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    train_set, test_set = corpus_split(tmp_path)
    assert sorted(train_set + test_set) == [("It cost £4m.", "en", 1), ("It rained.", "en", 0)]


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


def test_platt_scaling_recovers_the_slope_of_overconfident_margins():
    rng = random.Random(11)
    margins = [rng.uniform(-6, 6) for _ in range(4000)]
    # The true probability is sigmoid(m / 2): margins twice too confident.
    labels = [1 if rng.random() < 1 / (1 + math.exp(-m / 2)) else 0 for m in margins]
    scale, shift = _platt(margins, labels)
    assert scale == pytest.approx(0.5, abs=0.1)
    assert shift == pytest.approx(0.0, abs=0.15)
