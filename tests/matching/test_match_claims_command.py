"""`manage.py match_claims`: claims and reviews stored before matching existed are
indexed and matched once, and running it again changes nothing."""

import pytest
from django.core.management import call_command

from matching.models import MatchCandidate, MatchEntry
from tests.factories import ArticleFactory, ClaimFactory, ExternalClaimReviewFactory
from tests.matching.claims import HARLOW_DE, HARLOW_EN

pytestmark = pytest.mark.django_db


def claim_stored_before_matching(text, language):
    article = ArticleFactory(body=text, language=language)
    claim = ClaimFactory(article=article, start=0, end=len(text), text=text)
    MatchEntry.objects.all().delete()  # as if stored before the index existed
    return claim


def test_claims_stored_before_matching_are_indexed_and_matched(capsys):
    claim = claim_stored_before_matching(HARLOW_DE, "de")
    review = ExternalClaimReviewFactory(claim_reviewed=HARLOW_EN, language="en")
    call_command("match_claims")
    assert MatchEntry.objects.filter(claim=claim).exists()
    assert MatchEntry.objects.filter(review=review).exists()
    (candidate,) = MatchCandidate.objects.filter(claim=claim)
    assert candidate.entry.review == review
    assert "1 claims and 1 reviews indexed; 1 claims match an earlier one." in (
        capsys.readouterr().out
    )


def test_running_it_again_changes_nothing():
    claim = claim_stored_before_matching(HARLOW_DE, "de")
    ExternalClaimReviewFactory(claim_reviewed=HARLOW_EN, language="en")
    call_command("match_claims")
    before = list(MatchCandidate.objects.values_list("claim", "entry", "score"))
    entries = MatchEntry.objects.count()
    call_command("match_claims")
    assert list(MatchCandidate.objects.values_list("claim", "entry", "score")) == before
    assert MatchEntry.objects.count() == entries
    assert MatchCandidate.objects.filter(claim=claim).count() == 1
