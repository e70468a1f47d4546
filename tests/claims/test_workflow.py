import pytest

from claims import workflow
from claims.models import Claim
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_editor_assigns_a_new_claim_to_a_reviewer(editor, reviewer):
    claim = workflow.assign_claim(ClaimFactory(), assignee=reviewer, by=editor)
    claim.refresh_from_db()
    assert (claim.status, claim.assignee, claim.version) == (Claim.Status.ASSIGNED, reviewer, 2)


def test_assignment_is_recorded_with_who_and_why(editor, reviewer):
    claim = workflow.assign_claim(ClaimFactory(), assignee=reviewer, by=editor)
    latest = claim.history.first()
    assert latest.history_user == editor
    assert latest.history_change_reason == "assigned to rolf-reviewer"


def test_reviewer_cannot_assign_claims(reviewer):
    with pytest.raises(workflow.NotAllowed):
        workflow.assign_claim(ClaimFactory(), assignee=reviewer, by=reviewer)


def test_claims_go_only_to_reviewers_or_editors(editor):
    outsider = UserFactory()
    with pytest.raises(workflow.NotAllowed):
        workflow.assign_claim(ClaimFactory(), assignee=outsider, by=editor)


def test_published_claim_cannot_be_reassigned(editor, reviewer):
    claim = ClaimFactory(status=Claim.Status.PUBLISHED)
    with pytest.raises(workflow.NotAllowed):
        workflow.assign_claim(claim, assignee=reviewer, by=editor)


def test_stale_version_is_refused_and_nothing_is_written(editor, reviewer):
    claim = ClaimFactory()
    with pytest.raises(workflow.StaleVersion):
        workflow.assign_claim(claim, assignee=reviewer, by=editor, expected_version=7)
    claim.refresh_from_db()
    assert (claim.status, claim.version) == (Claim.Status.NEW, 1)


def test_editor_dismisses_with_a_reason(editor):
    claim = workflow.dismiss_claim(ClaimFactory(), reason="Meinung, keine Tatsache", by=editor)
    assert (claim.status, claim.dismissal_reason) == ("dismissed", "Meinung, keine Tatsache")


def test_dismissing_without_a_reason_is_refused(editor):
    with pytest.raises(workflow.WorkflowError):
        workflow.dismiss_claim(ClaimFactory(), reason="  ", by=editor)


def test_reviewer_cannot_dismiss(reviewer):
    with pytest.raises(workflow.NotAllowed):
        workflow.dismiss_claim(ClaimFactory(), reason="egal", by=reviewer)
