"""Reusing an earlier fact-check (matching.services.reuse_verdict): a claim that repeats
one checked before gets that verdict proposed, citing the earlier fact-check; an editor
still approves it (four eyes)."""

import pytest

from claims import workflow
from claims.models import Claim, Rating, Verdict
from matching import index, services
from sources.models import Evidence
from tests.factories import (
    EditorFactory,
    EvidenceFactory,
    ExternalClaimReviewFactory,
    ReviewerFactory,
)
from tests.matching.claims import HARLOW_DE, HARLOW_EN, desk_claim

pytestmark = pytest.mark.django_db


def published_claim(text, language, *, rating_slug="false", sources=()):
    """A claim checked and published through the workflow, then indexed as published."""
    claim = desk_claim(text, language)
    author, editor = ReviewerFactory(), EditorFactory()
    for url in sources:
        EvidenceFactory(claim=claim, source__url=url, source__normalized_url=url)
    claim = workflow.take_claim(claim, by=author)
    workflow.propose_verdict(
        claim,
        rating=Rating.objects.get(slug=rating_slug),
        summary="Harlow Foods made 610 million dollars, says its annual report.",
        by=author,
    )
    workflow.approve_and_publish(Claim.objects.get(pk=claim.pk), by=editor)
    index.index_claim(claim)
    return Claim.objects.get(pk=claim.pk)


def match_with_review(rating_name="False"):
    review = ExternalClaimReviewFactory(
        claim_reviewed=HARLOW_EN, rating_name=rating_name, publisher_name="Factcheck Example"
    )
    index.index_review(review)
    claim = desk_claim(HARLOW_DE)
    (candidate,) = index.match_claim(claim)
    return claim, candidate, review


def test_reusing_an_external_review_proposes_its_rating_and_cites_its_url():
    claim, candidate, review = match_with_review("False")
    reviewer = ReviewerFactory()
    verdict = services.reuse_verdict(claim, candidate, by=reviewer, expected_version=claim.version)
    claim.refresh_from_db()
    assert verdict.rating == Rating.objects.get(slug="false")
    assert verdict.is_draft and verdict.author == reviewer
    assert verdict.summary == f"Already checked by Factcheck Example: False ({review.url})"
    assert (claim.status, claim.assignee) == (Claim.Status.AWAITING_APPROVAL, reviewer)
    (evidence,) = claim.evidence.select_related("source")
    assert evidence.source.url == review.url
    assert evidence.stance == Evidence.Stance.CONTEXT


@pytest.mark.parametrize("name", ["falsch", "FALSE", " Mostly  False ", "mostly-false"])
def test_a_rating_name_matches_a_label_in_either_language_whatever_its_case(name):
    expected = "mostly-false" if "ostly" in name else "false"
    assert services.rating_named(name) == Rating.objects.get(slug=expected)


def test_an_inactive_rating_is_not_matched():
    Rating.objects.filter(slug="false").update(is_active=False)
    assert services.rating_named("false") is None


def test_an_unknown_rating_is_refused_and_changes_nothing():
    claim, candidate, _review = match_with_review("Pants on Fire")
    version = claim.version
    with pytest.raises(services.UnknownRating) as refused:
        services.reuse_verdict(claim, candidate, by=ReviewerFactory(), expected_version=version)
    assert "Pants on Fire" in str(refused.value)
    assert "Already checked by Factcheck Example" in refused.value.summary
    claim.refresh_from_db()
    assert (claim.status, claim.assignee, claim.version) == (Claim.Status.NEW, None, version)
    assert not Verdict.objects.filter(claim=claim).exists()
    assert not claim.evidence.exists()


def test_reusing_the_desks_own_published_verdict_copies_its_rating_and_summary_and_sources():
    earlier = published_claim(
        HARLOW_EN,
        "en",
        rating_slug="mostly-false",
        sources=["https://harlow.example/annual-report", "https://stats.example/food"],
    )
    claim = desk_claim(HARLOW_DE)
    EvidenceFactory(
        claim=claim,
        source=earlier.evidence.get(source__url="https://stats.example/food").source,
    )
    (candidate,) = index.match_claim(claim)
    reviewer = ReviewerFactory()
    verdict = services.reuse_verdict(claim, candidate, by=reviewer, expected_version=claim.version)
    published = Verdict.objects.in_force().get(claim=earlier)
    assert (verdict.rating, verdict.summary) == (published.rating, published.summary)
    cited = sorted(claim.evidence.values_list("source__url", flat=True))
    # The source cited already is not cited twice.
    assert cited == ["https://harlow.example/annual-report", "https://stats.example/food"]


def test_four_eyes_the_proposer_cannot_approve_a_reused_verdict():
    claim, candidate, _review = match_with_review("False")
    editor = EditorFactory()
    claim = workflow.take_claim(claim, by=editor)
    services.reuse_verdict(claim, candidate, by=editor, expected_version=claim.version)
    with pytest.raises(workflow.WorkflowError):
        workflow.approve_and_publish(Claim.objects.get(pk=claim.pk), by=editor)
    published = workflow.approve_and_publish(Claim.objects.get(pk=claim.pk), by=EditorFactory())
    assert published.rating.slug == "false"


def test_a_stale_version_is_refused_and_nothing_is_cited():
    claim, candidate, _review = match_with_review("False")
    with pytest.raises(workflow.StaleVersion):
        services.reuse_verdict(
            claim, candidate, by=ReviewerFactory(), expected_version=claim.version + 7
        )
    assert not claim.evidence.exists()
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.NEW


def test_a_reviewer_cannot_reuse_for_a_claim_assigned_to_someone_else():
    claim, candidate, _review = match_with_review("False")
    claim = workflow.take_claim(claim, by=ReviewerFactory())
    other = ReviewerFactory()
    assert not services.may_reuse(claim, other)
    with pytest.raises(workflow.WorkflowError):
        services.reuse_verdict(claim, candidate, by=other, expected_version=claim.version)
    assert not claim.evidence.exists()


def test_a_dismissed_match_cannot_be_reused():
    claim, candidate, _review = match_with_review("False")
    reviewer = ReviewerFactory()
    index.dismiss_match(candidate, by=reviewer)
    with pytest.raises(services.ReuseRefused):
        services.reuse_verdict(claim, candidate, by=reviewer, expected_version=claim.version)
