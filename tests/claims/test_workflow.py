"""The claim workflow: who may do what, from which state."""

import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from claims import signals, workflow
from claims.models import Claim, Notification, Rating, Verdict
from tests.factories import (
    ClaimFactory,
    EditorFactory,
    ReviewerFactory,
    UserFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db

S = Claim.Status
ALL_STATES = list(S.values)


@pytest.fixture
def people(db):
    return {
        "assignee": ReviewerFactory(username="anna-assignee", email="anna@newsroom.example"),
        "other_reviewer": ReviewerFactory(username="otto-other"),
        "editor": EditorFactory(username="erika-editor", email="erika@newsroom.example"),
        "second_editor": EditorFactory(username="ed-second"),
    }


def claim_in(status, people):
    """A claim in `status`, assigned to the assignee where the state implies it."""
    assigned = status not in (S.NEW,)
    claim = ClaimFactory(
        status=status,
        assignee=people["assignee"] if assigned else None,
        dismissal_reason="nicht prüfbar" if status == S.DISMISSED else "",
    )
    if status == S.AWAITING_APPROVAL:
        VerdictFactory(claim=claim, author=people["assignee"])
    if status in (S.PUBLISHED, S.WITHDRAWN):
        VerdictFactory(
            claim=claim,
            author=people["assignee"],
            approver=people["second_editor"],
            published_at=timezone.now(),
            withdrawn_at=timezone.now() if status == S.WITHDRAWN else None,
            withdrawal_reason="Zahl unbelegt" if status == S.WITHDRAWN else "",
        )
    return claim


def rating():
    return Rating.objects.get(slug="false")


ACTIONS = {
    "take": lambda c, by, p: workflow.take_claim(c, by=by),
    "assign": lambda c, by, p: workflow.assign_claim(c, assignee=p["other_reviewer"], by=by),
    "start": lambda c, by, p: workflow.start_review(c, by=by),
    "propose": lambda c, by, p: workflow.propose_verdict(
        c, rating=rating(), summary="Falsch.", by=by
    ),
    "send_back": lambda c, by, p: workflow.send_back(c, reason="Quelle fehlt", by=by),
    "approve": lambda c, by, p: workflow.approve_and_publish(c, by=by),
    "reopen": lambda c, by, p: workflow.reopen_claim(c, reason="Neue Zahlen", by=by),
    "withdraw": lambda c, by, p: workflow.withdraw_verdict(c, reason="Quelle gefälscht", by=by),
    "dismiss": lambda c, by, p: workflow.dismiss_claim(c, reason="Meinung", by=by),
}

# The whole rulebook: (action, role) -> states from which it is allowed.
ALLOWED = {
    ("take", "assignee"): {S.NEW},
    ("take", "other_reviewer"): {S.NEW},
    ("take", "editor"): {S.NEW},
    ("assign", "editor"): {S.NEW, S.ASSIGNED, S.IN_REVIEW},
    ("start", "assignee"): {S.ASSIGNED},
    ("start", "editor"): {S.ASSIGNED},
    ("propose", "assignee"): {S.ASSIGNED, S.IN_REVIEW},
    ("propose", "editor"): {S.ASSIGNED, S.IN_REVIEW},
    ("send_back", "editor"): {S.AWAITING_APPROVAL},
    ("approve", "editor"): {S.AWAITING_APPROVAL},
    ("reopen", "editor"): {S.PUBLISHED, S.WITHDRAWN},
    ("withdraw", "editor"): {S.PUBLISHED},
    ("dismiss", "editor"): {S.NEW, S.ASSIGNED, S.IN_REVIEW, S.AWAITING_APPROVAL},
}


@pytest.mark.parametrize("status", ALL_STATES)
@pytest.mark.parametrize("role", ["assignee", "other_reviewer", "editor"])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_every_transition_is_allowed_or_refused_by_role_and_state(action, role, status, people):
    claim = claim_in(status, people)
    allowed = status in ALLOWED.get((action, role), set())
    if allowed:
        ACTIONS[action](claim, people[role], people)
        assert Claim.objects.get(pk=claim.pk).version == claim.version + 1
    else:
        with pytest.raises(workflow.WorkflowError):
            ACTIONS[action](claim, people[role], people)
        fresh = Claim.objects.get(pk=claim.pk)
        assert (fresh.status, fresh.version) == (claim.status, claim.version)


@pytest.mark.parametrize("status", ALL_STATES)
@pytest.mark.parametrize("role", ["assignee", "other_reviewer", "editor"])
def test_available_actions_are_exactly_the_rulebooks(role, status, people):
    claim = claim_in(status, people)
    expected = {action for action in ACTIONS if status in ALLOWED.get((action, role), set())}
    assert workflow.available_actions(claim, people[role]) == expected


def test_an_inactive_user_has_no_actions(people):
    editor = people["editor"]
    editor.is_active = False
    assert workflow.available_actions(claim_in(S.NEW, people), editor) == frozenset()


def test_the_happy_path_from_new_to_published(people):
    claim = ClaimFactory()
    workflow.assign_claim(claim, assignee=people["assignee"], by=people["editor"])
    workflow.start_review(claim, by=people["assignee"])
    verdict = workflow.propose_verdict(
        claim,
        rating=rating(),
        summary="Die Zahl ist falsch.",
        rationale="Statistik 2025",
        by=people["assignee"],
    )
    published = workflow.approve_and_publish(claim, by=people["editor"])
    claim.refresh_from_db()
    assert claim.status == S.PUBLISHED
    assert published == verdict
    assert (published.author, published.approver) == (people["assignee"], people["editor"])
    assert published.published_at is not None


def test_four_eyes_the_author_cannot_approve_their_own_verdict(people):
    claim = ClaimFactory(status=S.IN_REVIEW, assignee=people["editor"])
    workflow.propose_verdict(claim, rating=rating(), summary="Stimmt nicht.", by=people["editor"])
    with pytest.raises(workflow.NotAllowed, match="Four eyes"):
        workflow.approve_and_publish(claim, by=people["editor"])
    workflow.approve_and_publish(claim, by=people["second_editor"])
    assert Claim.objects.get(pk=claim.pk).status == S.PUBLISHED


def test_four_eyes_holds_in_the_database_too(people):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        VerdictFactory(author=people["editor"], approver=people["editor"])


def test_a_correction_keeps_the_earlier_verdict_and_its_reason(people):
    claim = claim_in(S.PUBLISHED, people)
    first = claim.verdicts.get()
    workflow.reopen_claim(claim, reason="Das Amt hat die Zahl korrigiert.", by=people["editor"])
    second = workflow.propose_verdict(
        claim,
        rating=Rating.objects.get(slug="mostly-true"),
        summary="Weitgehend richtig.",
        by=people["assignee"],
    )
    workflow.approve_and_publish(claim, by=people["editor"])
    claim.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert claim.status == S.PUBLISHED and claim.corrected_at is not None
    assert first.withdrawn_at is not None and first.published_at is not None
    assert second.corrects == first
    assert second.correction_reason == "Das Amt hat die Zahl korrigiert."
    reasons = list(claim.history.values_list("history_change_reason", flat=True))
    assert "reopened: Das Amt hat die Zahl korrigiert." in reasons
    assert "corrected and published" in reasons


def test_reopening_needs_a_reason(people):
    claim = claim_in(S.PUBLISHED, people)
    with pytest.raises(workflow.WorkflowError):
        workflow.reopen_claim(claim, reason=" ", by=people["editor"])


@pytest.mark.parametrize("action", list(ACTIONS))
def test_stale_version_is_refused_and_nothing_is_written(action, people):
    starting = {"take": S.NEW, "assign": S.NEW, "start": S.ASSIGNED, "propose": S.IN_REVIEW,
                "send_back": S.AWAITING_APPROVAL, "approve": S.AWAITING_APPROVAL,
                "reopen": S.PUBLISHED, "withdraw": S.PUBLISHED, "dismiss": S.NEW}[action]  # fmt: skip
    claim = claim_in(starting, people)
    Claim.objects.filter(pk=claim.pk).update(version=5)  # someone else saved meanwhile
    by = people["assignee"] if action in ("take", "start", "propose") else people["editor"]
    with pytest.raises(workflow.StaleVersion):
        call_with_version = {
            "take": lambda: workflow.take_claim(claim, by=by, expected_version=1),
            "assign": lambda: workflow.assign_claim(
                claim, assignee=people["other_reviewer"], by=by, expected_version=1
            ),
            "start": lambda: workflow.start_review(claim, by=by, expected_version=1),
            "propose": lambda: workflow.propose_verdict(
                claim, rating=rating(), summary="x", by=by, expected_version=1
            ),
            "send_back": lambda: workflow.send_back(claim, reason="x", by=by, expected_version=1),
            "approve": lambda: workflow.approve_and_publish(claim, by=by, expected_version=1),
            "reopen": lambda: workflow.reopen_claim(claim, reason="x", by=by, expected_version=1),
            "withdraw": lambda: workflow.withdraw_verdict(
                claim, reason="x", by=by, expected_version=1
            ),
            "dismiss": lambda: workflow.dismiss_claim(claim, reason="x", by=by, expected_version=1),
        }[action]
        call_with_version()
    fresh = Claim.objects.get(pk=claim.pk)
    assert (fresh.status, fresh.version) == (starting, 5)


def test_stale_verdict_edit_is_refused(people):
    claim = claim_in(S.AWAITING_APPROVAL, people)
    verdict = claim.verdicts.get()
    workflow.update_verdict(verdict, by=people["assignee"], expected_version=1, summary="Neu")
    with pytest.raises(workflow.StaleVersion):
        workflow.update_verdict(verdict, by=people["assignee"], expected_version=1, summary="Älter")
    assert Verdict.objects.get(pk=verdict.pk).summary == "Neu"


def test_only_its_author_may_change_a_proposed_verdict(people):
    claim = claim_in(S.AWAITING_APPROVAL, people)
    verdict = claim.verdicts.get()
    with pytest.raises(workflow.NotAllowed, match="author"):
        workflow.update_verdict(verdict, by=people["editor"], expected_version=1, summary="Mein")
    assert Verdict.objects.get(pk=verdict.pk).summary == verdict.summary


def test_an_editor_cannot_propose_over_a_reviewers_draft(people):
    claim = claim_in(S.AWAITING_APPROVAL, people)
    workflow.send_back(claim, reason="Quelle fehlt", by=people["editor"])
    draft = claim.verdicts.get()
    with pytest.raises(workflow.NotAllowed, match="anna-assignee"):
        workflow.propose_verdict(claim, rating=rating(), summary="Meine Worte", by=people["editor"])
    assert Verdict.objects.get(pk=draft.pk).summary == draft.summary


def test_a_verdict_edited_after_an_editor_looked_cannot_be_approved_as_seen(people):
    claim = claim_in(S.AWAITING_APPROVAL, people)
    seen = Claim.objects.get(pk=claim.pk).version
    workflow.update_verdict(
        claim.verdicts.get(), by=people["assignee"], expected_version=1, summary="Anders"
    )
    with pytest.raises(workflow.StaleVersion):
        workflow.approve_and_publish(claim, by=people["editor"], expected_version=seen)
    assert not claim.verdicts.filter(published_at__isnull=False).exists()


def test_a_claim_whose_text_left_the_article_cannot_be_approved(people):
    claim = claim_in(S.AWAITING_APPROVAL, people)
    Claim.objects.filter(pk=claim.pk).update(is_anchored=False)  # a new revision removed it
    with pytest.raises(workflow.NotAllowed, match="no longer in the article"):
        workflow.approve_and_publish(claim, by=people["editor"])
    assert Claim.objects.get(pk=claim.pk).status == S.AWAITING_APPROVAL


def test_withdrawing_keeps_the_verdict_with_its_reason_and_takes_the_claim_out_of_publication(
    people, django_capture_on_commit_callbacks
):
    received = []
    signals.claim_withdrawn.connect(lambda **kw: received.append(kw["reason"]), weak=False)
    claim = claim_in(S.PUBLISHED, people)
    with django_capture_on_commit_callbacks(execute=True):
        verdict = workflow.withdraw_verdict(claim, reason="Quelle gefälscht", by=people["editor"])
    verdict.refresh_from_db()
    assert verdict.published_at is not None and verdict.withdrawn_at is not None
    assert verdict.withdrawal_reason == "Quelle gefälscht"
    assert Claim.objects.get(pk=claim.pk).status == S.WITHDRAWN
    assert received == ["Quelle gefälscht"]


def test_withdrawing_needs_a_reason(people):
    claim = claim_in(S.PUBLISHED, people)
    with pytest.raises(workflow.WorkflowError, match="why"):
        workflow.withdraw_verdict(claim, reason="  ", by=people["editor"])
    assert Claim.objects.get(pk=claim.pk).status == S.PUBLISHED


def test_a_published_verdict_cannot_be_edited(people):
    claim = claim_in(S.PUBLISHED, people)
    verdict = claim.verdicts.get()
    with pytest.raises(workflow.NotAllowed):
        workflow.update_verdict(verdict, by=people["editor"], expected_version=1, summary="still")


def test_a_reviewer_is_notified_of_an_assignment_in_the_product_and_by_mail(
    people, django_capture_on_commit_callbacks
):
    claim = ClaimFactory()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.assign_claim(claim, assignee=people["assignee"], by=people["editor"])
    assert Notification.objects.filter(recipient=people["assignee"], claim=claim).exists()
    assert mail.outbox[0].to == ["anna@newsroom.example"]


def test_editors_are_notified_of_what_awaits_approval(people):
    claim = claim_in(S.IN_REVIEW, people)
    workflow.propose_verdict(claim, rating=rating(), summary="Falsch.", by=people["assignee"])
    notified = set(
        Notification.objects.filter(claim=claim).values_list("recipient__username", flat=True)
    )
    assert notified == {"erika-editor", "ed-second"}


def test_publishing_sends_the_published_signal_after_commit(
    people, django_capture_on_commit_callbacks
):
    received = []
    signals.claim_published.connect(lambda **kw: received.append(kw["corrected"]), weak=False)
    claim = claim_in(S.AWAITING_APPROVAL, people)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve_and_publish(claim, by=people["editor"])
    assert received == [False]


def test_claims_go_only_to_reviewers_or_editors(people):
    with pytest.raises(workflow.NotAllowed):
        workflow.assign_claim(ClaimFactory(), assignee=UserFactory(), by=people["editor"])


def test_a_verdict_needs_a_summary(people):
    claim = claim_in(S.IN_REVIEW, people)
    with pytest.raises(workflow.WorkflowError):
        workflow.propose_verdict(claim, rating=rating(), summary="  ", by=people["assignee"])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_edits_exactly_one_wins_and_nothing_is_lost():
    if connection.vendor != "postgresql":
        pytest.skip("needs two real database connections")
    editor, second_editor = EditorFactory(), EditorFactory()
    first, second = ReviewerFactory(), ReviewerFactory()
    claim = ClaimFactory()
    barrier = threading.Barrier(2)
    outcomes = {}

    def edit(name, assignee, by):
        from django.db import connections

        try:
            barrier.wait()
            workflow.assign_claim(
                Claim.objects.get(pk=claim.pk), assignee=assignee, by=by, expected_version=1
            )
            outcomes[name] = "won"
        except workflow.StaleVersion:
            outcomes[name] = "conflict"
        finally:
            connections.close_all()  # each thread had its own PostgreSQL connection

    threads = [
        threading.Thread(target=edit, args=("a", first, editor)),
        threading.Thread(target=edit, args=("b", second, second_editor)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["conflict", "won"]
    winner = first if outcomes["a"] == "won" else second
    fresh = Claim.objects.get(pk=claim.pk)
    assert (fresh.assignee, fresh.version) == (winner, 2)
    assert fresh.history.count() == 2  # created + the one winning change


def test_a_notification_speaks_the_recipients_language_not_the_actors(people):
    from django.utils import translation

    from claims import roles

    roles.remember_language(people["assignee"], "en")
    with translation.override("de"):  # the editor works in German
        workflow.assign_claim(ClaimFactory(), assignee=people["assignee"], by=people["editor"])
    (note,) = Notification.objects.filter(recipient=people["assignee"])
    assert note.message.startswith("You were assigned a claim")
    assert mail.outbox == [] or mail.outbox[-1].subject.startswith("You were assigned")
