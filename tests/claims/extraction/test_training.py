"""Fitting and measuring check-worthiness models (claims.extraction.training)."""

import json
import math
import random

import pytest

from claims.extraction.ranking import (
    RankingModel,
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


def test_platt_scaling_recovers_the_slope_of_overconfident_margins():
    rng = random.Random(11)
    margins = [rng.uniform(-6, 6) for _ in range(4000)]
    # The true probability is sigmoid(m / 2): margins twice too confident.
    labels = [1 if rng.random() < 1 / (1 + math.exp(-m / 2)) else 0 for m in margins]
    scale, shift = _platt(margins, labels)
    assert scale == pytest.approx(0.5, abs=0.1)
    assert shift == pytest.approx(0.0, abs=0.15)
