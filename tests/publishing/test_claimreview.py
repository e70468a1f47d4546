"""ClaimReview's itemReviewed.author is who makes the claim, never the attributing words."""

import pytest
from django.utils import timezone

from claims.models import Claim
from publishing.claimreview import claim_review
from tests.factories import ClaimFactory, EditorFactory, ReviewerFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def review_of(**claim_fields):
    claim = ClaimFactory(status=Claim.Status.PUBLISHED, **claim_fields)
    verdict = VerdictFactory(
        claim=claim, author=ReviewerFactory(), approver=EditorFactory(), published_at=timezone.now()
    )
    return claim_review(claim, verdict)


def test_a_named_speaker_is_the_author_as_a_person():
    review = review_of(
        speaker_name="Jana Ortlieb", speaker_role="Kämmerin", claimant="Jana Ortlieb"
    )
    assert review["itemReviewed"]["author"] == {
        "@type": "Person",
        "name": "Jana Ortlieb",
        "jobTitle": "Kämmerin",
    }


def test_an_organisation_that_claims_is_the_author_as_an_organisation():
    review = review_of(
        attribution="laut Stadtwerke Kellinghusen", claimant="Stadtwerke Kellinghusen"
    )
    assert review["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "Stadtwerke Kellinghusen",
    }


def test_attributing_words_without_a_claimant_give_no_author():
    review = review_of(attribution="nach eigenen Angaben", attribution_is_vague=True)
    assert "author" not in review["itemReviewed"]


def test_the_claim_as_the_reviewer_worded_it_is_claim_reviewed():
    review = review_of(reviewed_text="Rheinfeld zählte 2025 85 Millionen Fahrgäste.")
    assert review["claimReviewed"] == "Rheinfeld zählte 2025 85 Millionen Fahrgäste."


def test_without_a_wording_the_text_in_the_article_is_claim_reviewed():
    review = review_of()
    assert review["claimReviewed"].startswith("Die Stadt Rheinfeld")
