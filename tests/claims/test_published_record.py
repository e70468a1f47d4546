"""The published record changes only through the workflow: the model layer refuses the rest."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from claims import workflow
from claims.models import Article, Claim, PublishedRecordError, Rating, Verdict
from tests.factories import ClaimFactory, EditorFactory, ReviewerFactory, VerdictFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(db):
    """A published claim and its verdict (reviewer wrote it, an editor approved it)."""
    claim = ClaimFactory(status=Claim.Status.PUBLISHED, speaker_name="Petra Albers")
    verdict = VerdictFactory(
        claim=claim,
        author=ReviewerFactory(),
        approver=EditorFactory(),
        published_at=timezone.now(),
    )
    return claim, verdict


def test_saving_a_published_verdict_with_new_words_raises(published):
    _claim, verdict = published
    verdict.summary = "Still und leise geändert."
    with pytest.raises(PublishedRecordError), transaction.atomic():
        verdict.save()
    assert Verdict.objects.get(pk=verdict.pk).summary != "Still und leise geändert."


@pytest.mark.parametrize(
    "field, value",
    [
        ("rating", lambda: Rating.objects.get(slug="true")),
        ("rationale", lambda: "neu"),
        ("correction_reason", lambda: "neu"),
        ("published_at", lambda: timezone.now()),
    ],
)
def test_no_field_of_the_published_record_can_be_saved_changed(published, field, value):
    _claim, verdict = published
    setattr(verdict, field, value())
    with pytest.raises(PublishedRecordError), transaction.atomic():
        verdict.save()


def test_a_bulk_update_of_a_published_verdict_raises(published):
    _claim, verdict = published
    with pytest.raises(PublishedRecordError), transaction.atomic():
        Verdict.objects.filter(pk=verdict.pk).update(summary="Bulk")
    assert Verdict.objects.get(pk=verdict.pk).summary != "Bulk"


def test_drafts_cannot_be_published_or_withdrawn_in_bulk():
    draft = VerdictFactory()
    with pytest.raises(PublishedRecordError), transaction.atomic():
        Verdict.objects.filter(pk=draft.pk).update(published_at=timezone.now())
    with pytest.raises(PublishedRecordError), transaction.atomic():
        Verdict.objects.filter(pk=draft.pk).update(withdrawn_at=timezone.now())
    assert Verdict.objects.get(pk=draft.pk).published_at is None


def test_a_draft_may_still_be_changed_in_bulk():
    draft = VerdictFactory()
    assert Verdict.objects.filter(pk=draft.pk).update(summary="Entwurf 2") == 1


def test_a_published_verdict_cannot_be_deleted_directly_or_by_cascade(published):
    claim, verdict = published
    for delete in (verdict.delete, claim.delete, claim.article.delete):
        with pytest.raises(PublishedRecordError), transaction.atomic():
            delete()
    with pytest.raises(PublishedRecordError), transaction.atomic():
        Article.objects.filter(pk=claim.article_id).delete()
    assert Verdict.objects.filter(pk=verdict.pk).exists()


def test_a_withdrawal_needs_a_reason_or_a_correction(published):
    _claim, verdict = published
    verdict.withdrawn_at = timezone.now()
    with pytest.raises(PublishedRecordError), transaction.atomic():
        verdict.save()


def test_a_withdrawal_is_final(published):
    claim, verdict = published
    workflow.withdraw_verdict(claim, reason="Quelle gefälscht", by=EditorFactory())
    verdict.refresh_from_db()
    verdict.withdrawn_at = None
    with pytest.raises(PublishedRecordError), transaction.atomic():
        verdict.save()


def test_a_published_claims_speaker_and_text_cannot_be_saved_changed(published):
    claim, _verdict = published
    claim.speaker_name = "Jemand anderes"
    with pytest.raises(PublishedRecordError), transaction.atomic():
        claim.save()
    claim.refresh_from_db()
    claim.text = "Andere Worte."
    with pytest.raises(PublishedRecordError), transaction.atomic():
        claim.save()
    assert Claim.objects.get(pk=claim.pk).speaker_name == "Petra Albers"


def test_a_published_claims_speaker_cannot_be_changed_in_bulk(published):
    claim, _verdict = published
    with pytest.raises(PublishedRecordError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(speaker_name="Jemand anderes")
    claim.refresh_from_db()
    claim.speaker_name = "Jemand anderes"
    with pytest.raises(PublishedRecordError), transaction.atomic():
        Claim.objects.bulk_update([claim], ["speaker_name"])
    assert Claim.objects.get(pk=claim.pk).speaker_name == "Petra Albers"


def test_a_published_claim_can_still_move_and_change_state(published):
    claim, _verdict = published
    claim.flag = "Quelle weg"
    claim.save()
    Claim.objects.bulk_update([claim], ["flag", "speaker_name"])
    assert Claim.objects.get(pk=claim.pk).flag == "Quelle weg"


def test_a_reopened_claims_speaker_can_be_corrected(published):
    claim, _verdict = published
    claim = workflow.reopen_claim(claim, reason="Falsch zugeordnet", by=EditorFactory())
    claim.speaker_name = "Eva Brandt"
    claim.save()
    assert Claim.objects.get(pk=claim.pk).speaker_name == "Eva Brandt"


def test_the_database_refuses_raw_sql_that_bends_the_record(published):
    if connection.vendor != "postgresql":
        pytest.skip("the triggers are PostgreSQL's")
    claim, verdict = published
    table, claims = Verdict._meta.db_table, Claim._meta.db_table
    statements = [
        (f"UPDATE {table} SET summary = 'roh' WHERE id = %s", [verdict.pk]),  # noqa: S608
        (f"DELETE FROM {table} WHERE id = %s", [verdict.pk]),  # noqa: S608
        (f"UPDATE {claims} SET speaker_name = 'roh' WHERE id = %s", [claim.pk]),  # noqa: S608
    ]
    for sql, params in statements:
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    assert Verdict.objects.get(pk=verdict.pk).summary == verdict.summary


def test_a_published_claims_claimant_cannot_be_changed(published):
    claim, _verdict = published
    claim.claimant = "Ein anderer Verband"
    with pytest.raises(PublishedRecordError), transaction.atomic():
        claim.save()
    with pytest.raises(PublishedRecordError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(claimant="Ein anderer Verband")
    if connection.vendor == "postgresql":
        sql = f"UPDATE {Claim._meta.db_table} SET claimant = 'roh' WHERE id = %s"  # noqa: S608
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [claim.pk])
    assert Claim.objects.get(pk=claim.pk).claimant == ""


def test_the_wording_of_a_published_claim_cannot_be_changed(published):
    claim, _verdict = published
    claim.reviewed_text = "Anders formuliert."
    with pytest.raises(PublishedRecordError), transaction.atomic():
        claim.save()
    if connection.vendor == "postgresql":
        sql = f"UPDATE {Claim._meta.db_table} SET reviewed_text = 'roh' WHERE id = %s"  # noqa: S608
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [claim.pk])
