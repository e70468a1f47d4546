"""The match index (matching.index): claims and external reviews found again through
their keys, compared by their stored signatures, matches stored per claim."""

import pytest

from claims.extraction.matching import signature
from matching import index
from matching.models import MatchCandidate, MatchEntry, MatchKey
from matching.signals import matches_changed
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    ExternalClaimReviewFactory,
    ReviewerFactory,
)
from tests.matching.claims import HARLOW_DE, HARLOW_EN, desk_claim

pytestmark = pytest.mark.django_db

KORNFELD = "Die Kornfeld Mühlen AG hat 2025 einen Umsatz von einer Milliarde Euro erreicht."
FALKENBERG = "Die Falkenberg Textil AG hat 2025 einen Umsatz von einer Milliarde Euro erreicht."


def test_a_stored_signature_reads_back_as_it_was():
    sig = signature(HARLOW_DE, "de")
    assert index.signature_from_dict(index.signature_to_dict(sig)) == sig


def test_indexing_a_claim_stores_its_signature_and_its_keys():
    claim = desk_claim(HARLOW_DE)
    entry = index.index_claim(claim)
    assert (entry.claim, entry.review, entry.language) == (claim, None, "de")
    assert entry.is_published is False  # no verdict yet
    stored = set(MatchKey.objects.filter(entry=entry).values_list("key", flat=True))
    assert "f:1e9:USD" in stored and "p:brad glasser" in stored


def test_indexing_again_replaces_the_keys_instead_of_adding_to_them():
    review = ExternalClaimReviewFactory(claim_reviewed=HARLOW_EN)
    entry = index.index_review(review)
    keys_before = MatchKey.objects.filter(entry=entry).count()
    review.claim_reviewed = "Pinecrest Bank lent $450 million to small businesses in 2024."
    review.save()
    index.index_review(review)
    index.index_review(review)
    assert MatchEntry.objects.count() == 1
    stored = set(MatchKey.objects.filter(entry=entry).values_list("key", flat=True))
    assert "f:4.5e8:USD" in stored and "f:1e9:USD" not in stored
    assert len(stored) == MatchKey.objects.filter(entry=entry).count() != keys_before


def test_a_german_claim_matches_an_english_review_through_the_index():
    review = ExternalClaimReviewFactory(claim_reviewed=HARLOW_EN)
    index.index_review(review)
    claim = desk_claim(HARLOW_DE)
    (candidate,) = index.match_claim(claim)
    assert candidate.entry.review == review
    assert candidate.score >= index.THRESHOLD
    kinds = {reason["kind"] for reason in candidate.reasons}
    assert {"figure", "person"} <= kinds


def test_two_companies_one_billion_in_revenue_do_not_match():
    index.index_claim(desk_claim(FALKENBERG))
    assert index.match_claim(desk_claim(KORNFELD)) == []
    assert MatchCandidate.objects.count() == 0


def test_a_claim_never_matches_itself():
    claim = desk_claim(HARLOW_DE)
    index.index_claim(claim)
    assert index.match_claim(claim) == []


def test_a_claim_matches_the_same_claim_of_another_article():
    earlier = desk_claim(HARLOW_DE)
    index.index_claim(earlier)
    (candidate,) = index.match_claim(desk_claim(HARLOW_DE))
    assert candidate.entry.claim == earlier
    assert candidate.score == 1.0


def test_a_dismissed_match_stays_dismissed_when_the_claim_is_matched_again():
    index.index_review(ExternalClaimReviewFactory(claim_reviewed=HARLOW_EN))
    claim = desk_claim(HARLOW_DE)
    (candidate,) = index.match_claim(claim)
    index.dismiss_match(candidate, by=ReviewerFactory())
    assert index.match_claim(claim) == []
    kept = MatchCandidate.objects.get(pk=candidate.pk)
    assert kept.dismissed_at is not None and kept.dismissed_by is not None


def test_matching_again_refreshes_instead_of_duplicating():
    index.index_review(ExternalClaimReviewFactory(claim_reviewed=HARLOW_EN))
    claim = desk_claim(HARLOW_DE)
    index.match_claim(claim)
    index.match_claim(claim)
    assert MatchCandidate.objects.filter(claim=claim).count() == 1


def test_a_match_that_no_longer_holds_is_removed():
    review = ExternalClaimReviewFactory(claim_reviewed=HARLOW_EN)
    index.index_review(review)
    claim = desk_claim(HARLOW_DE)
    index.match_claim(claim)
    review.claim_reviewed = "Pinecrest Bank lent $450 million to small businesses in 2024."
    review.save()
    index.index_review(review)
    assert index.match_claim(claim) == []
    assert not MatchCandidate.objects.filter(claim=claim).exists()


def test_keys_that_too_many_entries_share_are_skipped(monkeypatch):
    for company in ("Kornfeld Mühlen AG", "Falkenberg Textil AG", "Auental Kliniken AG"):
        index.index_review(
            ExternalClaimReviewFactory(
                claim_reviewed=f"Die {company} hat 2025 zwölf Filialen eröffnet.", language="de"
            )
        )
    # Only the year in common with all three: a candidate through it, while it is rare.
    query = signature("Im Jahr 2025 regnete es oft.", "de")
    assert len(index.find_candidates(query)) == 3
    monkeypatch.setattr(index, "COMMON_KEY", 3)
    assert index.find_candidates(query) == []


def test_candidates_are_ranked_by_their_rare_keys_in_common():
    near = ExternalClaimReviewFactory(claim_reviewed=HARLOW_EN)
    far = ExternalClaimReviewFactory(
        claim_reviewed="Pinecrest Bank lent $1 billion to small businesses in 2024."
    )
    index.index_reviews([far, near])
    found = index.find_candidates(signature(HARLOW_EN, "en"))
    assert [entry.review for entry in found] == [near, far]


def test_reviews_in_other_languages_are_not_indexed():
    review = ExternalClaimReviewFactory(claim_reviewed="Le chiffre est faux.", language="other")
    assert index.index_review(review) is None
    assert not MatchEntry.objects.exists()


def test_matching_a_text_answers_only_with_published_verdicts():
    unpublished = desk_claim(HARLOW_EN, language="en")
    index.index_claim(unpublished)
    assert index.match_text(HARLOW_DE, "de") == []
    index.index_review(ExternalClaimReviewFactory(claim_reviewed=HARLOW_EN))
    (found,) = index.match_text(HARLOW_DE, "de")
    assert (found.source, found.rating, found.publisher) == (
        "external",
        "False",
        "Factcheck Example",
    )
    assert "Brad Glasser" in found.reasons_text


def test_matching_an_article_announces_its_claims_once(django_capture_on_commit_callbacks):
    article = ArticleFactory(body=f"{HARLOW_DE} {KORNFELD}", language="de")
    claims = [
        ClaimFactory(article=article, text=text, start=start, end=start + len(text))
        for text, start in ((HARLOW_DE, 0), (KORNFELD, len(HARLOW_DE) + 1))
    ]
    heard = []

    def listen(sender, claim_ids, **kwargs):
        heard.append(claim_ids)

    matches_changed.connect(listen)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            index.match_article(article.pk)
    finally:
        matches_changed.disconnect(listen)

    assert heard == [tuple(c.pk for c in claims)]


def test_an_entry_read_by_an_older_signature_reader_is_read_again():
    review = ExternalClaimReviewFactory(claim_reviewed=HARLOW_EN)
    entry = index.index_review(review)
    entry.signature = {**entry.signature, "version": 1, "directions": ["down"]}
    entry.save()

    index.index_review(review)

    entry.refresh_from_db()
    assert entry.signature["version"] == index.SIGNATURE_VERSION
    assert entry.signature["directions"] == []
