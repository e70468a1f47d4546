"""The nightly task trains the desk's model only when the desk decided something new."""

import datetime as dt

import pytest
from django.conf import settings

from claims.models import ImportedDecision, RankingModelVersion
from claims.tasks import train_checkworthiness_nightly

pytestmark = pytest.mark.django_db

DECISIONS = [
    ("Die Abwassergebühr steigt um 6 Prozent auf 3,10 Euro je Kubikmeter.", 1),
    ("Der Kreis stellt 48 neue Pflegekräfte ein.", 1),
    ("Das Wetter spielte mit.", 0),
    ("Alle hatten ihren Spaß.", 0),
] * 3


def decide(rows=DECISIONS):
    ImportedDecision.objects.bulk_create(
        ImportedDecision(text=text, language="de", label=label) for text, label in rows
    )


def test_the_nightly_task_trains_when_there_are_new_decisions():
    decide()
    train_checkworthiness_nightly()
    assert RankingModelVersion.objects.count() == 1


def test_the_nightly_task_does_nothing_without_decisions():
    assert train_checkworthiness_nightly() == "no new decisions"
    assert not RankingModelVersion.objects.exists()


def test_the_nightly_task_does_not_train_again_without_new_decisions():
    decide()
    train_checkworthiness_nightly()
    assert train_checkworthiness_nightly() == "no new decisions"
    assert RankingModelVersion.objects.count() == 1


def test_the_nightly_task_trains_again_after_a_new_decision():
    decide()
    train_checkworthiness_nightly()
    RankingModelVersion.objects.update(created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    decide([("Die Kita-Gebühren sinken um 20 Euro im Monat.", 1)])
    train_checkworthiness_nightly()
    assert RankingModelVersion.objects.count() == 2


def test_the_nightly_task_is_scheduled_at_the_configured_hour():
    entry = settings.CELERY_BEAT_SCHEDULE["train-checkworthiness-nightly"]
    assert entry["task"] == train_checkworthiness_nightly.name
    assert entry["schedule"].hour == {3}
