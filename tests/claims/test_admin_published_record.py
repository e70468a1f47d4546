"""The admin shows the record; only the workflow's actions change it (four eyes included)."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim, Verdict
from tests.factories import ClaimFactory, EditorFactory, ReviewerFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def proposed(author=None):
    claim = ClaimFactory(status=Claim.Status.AWAITING_APPROVAL)
    author = author or ReviewerFactory()
    Claim.objects.filter(pk=claim.pk).update(assignee=author)
    return VerdictFactory(claim=claim, author=author, summary="Die Worte der Prüferin.")


def published_claim():
    claim = ClaimFactory(status=Claim.Status.PUBLISHED, speaker_name="Petra Albers")
    VerdictFactory(
        claim=claim, author=ReviewerFactory(), approver=EditorFactory(), published_at=timezone.now()
    )
    return claim


def verdict_form(verdict, **changes):
    data = {"rating": verdict.rating_id, "summary": verdict.summary, "rationale": ""}
    return {**data, **changes}


def inline_form(claim, verdict, **changes):
    """The claim's change form with its evidence and verdict inlines, verdict words changed."""
    data = {
        "kind": claim.kind,
        "speaker_name": claim.speaker_name,
        "speaker_role": "",
        "attribution": "",
        "evidence_set-TOTAL_FORMS": 0,
        "evidence_set-INITIAL_FORMS": 0,
        "evidence-TOTAL_FORMS": 0,
        "evidence-INITIAL_FORMS": 0,
        "verdicts-TOTAL_FORMS": 1,
        "verdicts-INITIAL_FORMS": 1,
        "verdicts-0-id": verdict.pk,
        "verdicts-0-claim": claim.pk,
        "verdicts-0-rating": verdict.rating_id,
        "verdicts-0-summary": verdict.summary,
        "verdicts-0-rationale": "",
    }
    for key, value in changes.items():
        data[f"verdicts-0-{key}"] = value
    return data


def test_an_editor_cannot_edit_a_proposed_verdict_in_the_verdict_admin(editor_client):
    verdict = proposed()
    url = reverse("admin:claims_verdict_change", args=[verdict.pk])
    response = editor_client.post(url, verdict_form(verdict, summary="Die Worte des Chefs."))
    assert response.status_code == 403
    assert Verdict.objects.get(pk=verdict.pk).summary == "Die Worte der Prüferin."


def test_the_verdict_admin_shows_a_verdict_read_only(editor_client):
    verdict = proposed()
    page = editor_client.get(reverse("admin:claims_verdict_change", args=[verdict.pk]))
    assert page.status_code == 200
    assert 'name="summary"' not in page.content.decode()


def test_an_editor_cannot_edit_a_proposed_verdict_through_the_claim_inline(editor_client):
    verdict = proposed()
    claim = verdict.claim
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    editor_client.post(url, inline_form(claim, verdict, summary="Die Worte des Chefs."))
    assert Verdict.objects.get(pk=verdict.pk).summary == "Die Worte der Prüferin."


def test_a_published_verdict_cannot_be_edited_or_deleted_in_the_admin(editor_client):
    claim = published_claim()
    verdict = claim.verdicts.get()
    change = reverse("admin:claims_verdict_change", args=[verdict.pk])
    assert editor_client.post(change, verdict_form(verdict, summary="neu")).status_code == 403
    delete = reverse("admin:claims_verdict_delete", args=[verdict.pk])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    assert Verdict.objects.get(pk=verdict.pk).summary == verdict.summary


def test_a_published_claim_cannot_be_deleted_in_the_admin(editor_client):
    claim = published_claim()
    delete = reverse("admin:claims_claim_delete", args=[claim.pk])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    response = editor_client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [claim.pk], "post": "yes"},
    )
    assert response.status_code == 403
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_an_article_with_a_published_claim_cannot_be_deleted_in_the_admin(editor_client):
    claim = published_claim()
    delete = reverse("admin:claims_article_delete", args=[claim.article_id])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    editor_client.post(
        reverse("admin:claims_article_changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [claim.article_id], "post": "yes"},
    )
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_a_published_claims_speaker_is_read_only_in_the_admin(editor_client):
    claim = published_claim()
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    assert 'name="speaker_name"' not in editor_client.get(url).content.decode()
    editor_client.post(url, {"kind": claim.kind, "speaker_name": "Jemand anderes"})
    assert Claim.objects.get(pk=claim.pk).speaker_name == "Petra Albers"


def test_the_admin_withdraws_a_published_verdict_with_a_reason(editor_client):
    claim = published_claim()
    editor_client.post(
        reverse("admin:claims_claim_changelist"),
        {
            "action": "withdraw",
            ACTION_CHECKBOX_NAME: [claim.pk],
            "reason": "Die Quelle war gefälscht.",
            "apply": 1,
        },
    )
    claim.refresh_from_db()
    assert claim.status == Claim.Status.WITHDRAWN
    verdict = claim.verdicts.get()
    assert verdict.withdrawal_reason == "Die Quelle war gefälscht."


def test_a_staff_reviewer_changes_no_claim_or_verdict_in_the_admin(reviewer_client, reviewer):
    reviewer.is_staff = True
    reviewer.save()
    verdict = proposed(author=reviewer)
    claim = verdict.claim
    claim_url = reverse("admin:claims_claim_change", args=[claim.pk])
    assert reviewer_client.post(claim_url, inline_form(claim, verdict)).status_code == 403
    verdict_url = reverse("admin:claims_verdict_change", args=[verdict.pk])
    assert reviewer_client.post(verdict_url, verdict_form(verdict)).status_code == 403


def test_reverting_to_an_earlier_version_from_the_history_is_refused(reviewer_client, reviewer):
    reviewer.is_staff = True
    reviewer.save()
    claim = ClaimFactory()
    claim.status = Claim.Status.DISMISSED
    claim.dismissal_reason = "Meinung"
    claim.save()
    old = claim.history.earliest()
    url = reverse("admin:claims_claim_simple_history", args=[claim.pk, old.history_id])
    assert reviewer_client.post(url, {"kind": claim.kind}).status_code == 403
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.DISMISSED
