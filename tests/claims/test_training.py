"""Training the desk's model: regularized toward the base model, stored, put in force."""

import random

import pytest

from claims import ranking, services, training
from claims.extraction.ranking import RankingModel, load_base_model, sentence_features
from claims.models import Article, ImportedDecision, RankingModelVersion

pytestmark = pytest.mark.django_db

CLUBS = ["FC Nordstadt", "SV Hafenberg", "TuS Lindenau", "Eintracht Moorbach", "VfL Steinkirchen"]
TOWNS = ["Rheinfeld", "Altenhagen", "Birkenau", "Kaltenbach", "Seefeld", "Obermühl"]
THINGS = ["Pendler", "Geburten", "Firmengründungen", "Verkehrsunfälle", "Baugenehmigungen"]


def match_report(r: random.Random) -> str:
    home, away = r.sample(CLUBS, 2)
    return (
        f"Der {home} gewann am Samstag mit {r.randint(1, 5)}:{r.randint(0, 3)} gegen den "
        f"{away} und liegt nun {r.randint(2, 9)} Punkte vor {r.choice(TOWNS)}."
    )


def statistic(r: random.Random) -> str:
    return (
        f"Die Zahl der {r.choice(THINGS)} in {r.choice(TOWNS)} stieg im vergangenen Jahr um "
        f"{r.randint(3, 40)} Prozent auf {r.randint(1000, 90000)}."
    )


def filler(r: random.Random) -> str:
    return r.choice(
        [
            "Das sehen nicht alle so.",
            "Die Stimmung war ausgelassen.",
            f"Viele Zuschauer in {r.choice(TOWNS)} waren begeistert.",
            "Man darf gespannt sein.",
        ]
    )


PROBES = [match_report(random.Random(1000 + n)) for n in range(20)]


def probe_scores(model: RankingModel) -> list[float]:
    return [model.score(sentence_features(text, "de")) for text in PROBES]


def teach(count: int, match_label: int, seed: int = 7):
    """`count` decisions: match reports labelled `match_label`; the other half are
    statistics (check-worthy) or filler (not), whichever is the other label."""
    r = random.Random(seed)
    other, other_label = (statistic, 1) if match_label == 0 else (filler, 0)
    rows = []
    for n in range(count):
        if n % 2:
            rows.append(ImportedDecision(text=match_report(r), language="de", label=match_label))
        else:
            rows.append(ImportedDecision(text=other(r), language="de", label=other_label))
    ImportedDecision.objects.bulk_create(rows)


def contradicting_label(base: RankingModel) -> int:
    """The label the desk gives match reports: the opposite of the base model's view."""
    kept = sum(s >= base.threshold for s in probe_scores(base))
    return 0 if kept > len(PROBES) / 2 else 1


def on_desk_side(model: RankingModel, label: int) -> int:
    """How many probe sentences the model decides as the desk taught."""
    return sum((s >= model.threshold) == bool(label) for s in probe_scores(model))


def mean_move(base: RankingModel, label: int) -> float:
    """How far the model in force moved the probe sentences toward the desk's label."""
    toward = 1 if label else -1
    now, before = probe_scores(ranking.active_model()), probe_scores(base)
    moved = [a - b for a, b in zip(now, before, strict=True)]
    return toward * sum(moved) / len(moved)


def test_a_few_dozen_decisions_move_the_scores_a_little():
    base = load_base_model()
    label = contradicting_label(base)
    teach(40, label)
    training.train_desk_model()
    few = mean_move(base, label)
    RankingModelVersion.objects.all().delete()  # train the next one from the base model too
    ImportedDecision.objects.all().delete()
    teach(3000, label)
    training.train_desk_model()
    thousands = mean_move(base, label)
    assert 0 < few < thousands / 2


def test_thousands_of_decisions_dominate_the_base_model():
    base = load_base_model()
    label = contradicting_label(base)
    teach(3000, label)
    training.train_desk_model()
    assert on_desk_side(ranking.active_model(), label) == len(PROBES)


def test_a_trained_version_is_stored_with_its_held_out_metrics():
    teach(200, 0)
    version = training.train_desk_model()
    stored = RankingModelVersion.objects.get()
    assert stored == version
    assert stored.base_version == load_base_model().version
    assert set(stored.metrics) >= {"auc", "precision", "recall", "f1", "kept", "n"}
    assert 0 < stored.metrics["n"] < stored.trained_on  # measured on decisions it never saw
    assert stored.weights["version"] == stored.version


def test_a_version_not_worse_than_the_one_in_force_is_put_in_force():
    teach(200, 0)
    version = training.train_desk_model()
    assert version.is_active
    assert ranking.active_model().version == version.version
    assert "Put in force" in version.note


def test_a_worse_version_is_stored_but_the_one_in_force_stays(monkeypatch):
    teach(200, 0)
    first = training.train_desk_model()
    teach(200, 0, seed=8)

    def backwards(examples, *, prior, **kwargs):
        # A model that ranks every sentence the wrong way round.
        weights = {k: -v for k, v in prior.weights.items()}
        return RankingModel(version=kwargs["version"], weights=weights, bias=-prior.bias)

    monkeypatch.setattr(training, "train", backwards)
    second = training.train_desk_model()
    assert (second.is_active, RankingModelVersion.objects.get(is_active=True)) == (False, first)
    assert "Not put in force" in second.note


def test_new_articles_are_scored_by_the_version_in_force_and_record_it():
    teach(200, 0)
    version = training.train_desk_model()
    # Sentences of the kind the desk took into review: the new model keeps them.
    body = f"{statistic(random.Random(99))} {statistic(random.Random(98))}"
    article = Article(title="Statistik", language="de", body=body)
    services.save_article(article)
    assert set(article.claims.values_list("model_version", flat=True)) == {version.version}


def test_every_new_claim_records_the_version_in_force():
    base = load_base_model()
    # The base weights with a threshold of 0: every candidate becomes a claim.
    RankingModelVersion.objects.create(
        version="desk-all",
        weights={**base.to_dict(), "version": "desk-all"},
        threshold=0.0,
        is_active=True,
    )
    article = Article(title="Gemeinderat", language="de", body=f"{filler(random.Random(3))} "
                      "Der Gemeinderat tagt am Donnerstag.")  # fmt: skip
    services.save_article(article)
    assert article.claims.count() == 2
    assert set(article.claims.values_list("model_version", flat=True)) == {"desk-all"}


def test_without_a_trained_version_a_claim_added_by_hand_records_the_base_model():
    article = Article(title="Rat", language="de", body="Der Gemeinderat tagt am Donnerstag.")
    services.save_article(article)
    claim = services.add_claim(article, start=0, end=len(article.body), by=None)
    assert claim.model_version == load_base_model().version


def test_rolling_back_puts_the_older_version_in_force():
    teach(200, 0)
    older = training.train_desk_model()
    teach(200, 0, seed=9)
    newer = training.train_desk_model()
    assert newer.is_active
    ranking.activate(older)
    assert list(RankingModelVersion.objects.filter(is_active=True)) == [older]
    assert ranking.active_model().version == older.version


def test_training_needs_both_kinds_of_decision():
    ImportedDecision.objects.create(text="Die Miete stieg um 8 Prozent.", language="de", label=1)
    with pytest.raises(training.TrainingError):
        training.train_desk_model()


def test_training_on_one_language_uses_only_its_decisions():
    teach(100, 0)
    ImportedDecision.objects.create(text="Rents rose by 8 percent.", language="en", label=1)
    version = training.train_desk_model(language="de")
    assert (version.language, version.trained_on + version.metrics["n"]) == ("de", 100)


def test_at_most_one_version_is_in_force():
    from django.db import IntegrityError

    RankingModelVersion.objects.create(version="a", weights={}, threshold=0.5, is_active=True)
    with pytest.raises(IntegrityError):
        RankingModelVersion.objects.create(version="b", weights={}, threshold=0.5, is_active=True)


def test_a_roll_back_records_who_did_it():
    from tests.factories import EditorFactory

    older = RankingModelVersion.objects.create(version="a", weights={}, threshold=0.5)
    RankingModelVersion.objects.create(version="b", weights={}, threshold=0.5, is_active=True)
    ranking.activate(older, by=EditorFactory(username="erika"))
    older.refresh_from_db()
    assert older.is_active and "Put in force by erika" in older.note


def test_a_version_with_features_this_code_no_longer_computes_falls_back_to_the_base():
    base = load_base_model()
    RankingModelVersion.objects.create(
        version="desk-old",
        weights={**base.to_dict(), "version": "desk-old", "features": "cw-features-0"},
        threshold=0.5,
        is_active=True,
    )
    assert ranking.active_model().version == base.version
