"""The claim's history reads as sentences in the page's language."""

import pytest
from django.utils import translation

from claims import workflow
from claims.models import Rating
from desk import history, selectors
from tests.factories import ClaimFactory, EditorFactory, ReviewerFactory

pytestmark = pytest.mark.django_db


def sentences(claim, language):
    with translation.override(language):
        return [entry["text"] for entry in selectors.timeline(claim)]


def test_workflow_steps_read_as_sentences_with_who_did_them():
    reviewer = ReviewerFactory(username="jana")
    claim = ClaimFactory()
    workflow.take_claim(claim, by=reviewer)
    workflow.propose_verdict(
        claim, rating=Rating.objects.get(slug="mostly-false"), summary="Eher nicht.", by=reviewer
    )
    english = sentences(claim, "en")
    assert "jana took the claim" in english
    assert "jana proposed a verdict" in english
    assert "Verdict proposed: mostly false" in english


def test_the_history_speaks_german_on_a_german_page():
    reviewer = ReviewerFactory(username="jana")
    claim = ClaimFactory()
    workflow.take_claim(claim, by=reviewer)
    assert "jana hat die Behauptung übernommen" in sentences(claim, "de")


def test_a_reason_given_by_a_person_is_quoted_in_the_sentence():
    with translation.override("en"):
        text = history.sentence(
            what="claim", reason="sent back: Quelle fehlt", who="erika", kind="~"
        )
    assert text == "erika sent the verdict back: Quelle fehlt"


def test_an_edit_without_a_reason_names_the_fields_that_changed():
    claim = ClaimFactory(speaker_name="")
    claim.speaker_name = "Nora Wiese"
    claim._history_user = EditorFactory(username="erika")
    claim.save()
    assert sentences(claim, "en")[0] == "erika changed speaker"
