"""Storing imported ClaimReview (matching.services.import_claimreviews): once per URL,
updated when it changed, untouched when it did not."""

import json

import pytest

from matching.feeds import read_claimreviews
from matching.models import ClaimReviewFeed, ExternalClaimReview
from matching.services import import_claimreviews

from .feeds import claimreview, data_feed_bytes

pytestmark = pytest.mark.django_db


def read(*reviews: dict):
    return read_claimreviews(data_feed_bytes(*reviews), "application/json")


def test_new_reviews_are_stored_with_their_fields():
    result = import_claimreviews(read(claimreview(1), claimreview(2)))
    assert (result.created, result.updated, result.unchanged, result.skipped) == (2, 0, 0, 0)
    stored = ExternalClaimReview.objects.get(url="https://faktencheck.example/pruefung-1")
    assert stored.claim_reviewed.startswith("Die Stadt hat im vergangenen Jahr 1 Millionen")
    assert stored.language == "de"
    assert (stored.rating_name, stored.rating_value) == ("Falsch", 1.0)
    assert (stored.publisher_name, stored.claimant) == ("Faktencheck Nord", "Petra Albers")
    assert str(stored.claim_date) == "2026-02-20" and str(stored.review_date) == "2026-03-02"
    assert stored.raw == claimreview(1)
    assert len(stored.content_sha256) == 64
    assert stored.feed is None


def test_the_same_reviews_again_change_nothing():
    import_claimreviews(read(claimreview(1), claimreview(2)))
    before = {r.url: r.updated_at for r in ExternalClaimReview.objects.all()}
    result = import_claimreviews(read(claimreview(1), claimreview(2)))
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert {r.url: r.updated_at for r in ExternalClaimReview.objects.all()} == before


def test_the_same_content_in_another_key_order_is_unchanged():
    import_claimreviews(read(claimreview(1)))
    reordered = json.loads(json.dumps(claimreview(1), sort_keys=True))
    result = import_claimreviews(read(dict(reversed(list(reordered.items())))))
    assert result.unchanged == 1


def test_a_changed_review_is_updated_in_place():
    import_claimreviews(read(claimreview(1)))
    result = import_claimreviews(read(claimreview(1, rating="Richtig")))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    stored = ExternalClaimReview.objects.get()
    assert stored.rating_name == "Richtig"
    assert stored.raw["reviewRating"]["alternateName"] == "Richtig"


def test_skipped_reviews_are_counted_with_their_reasons():
    broken = claimreview(2)
    del broken["claimReviewed"]
    result = import_claimreviews(read(claimreview(1), broken))
    assert (result.created, result.skipped) == (1, 1)
    assert "without “claimReviewed”" in result.errors[0]
    assert ExternalClaimReview.objects.count() == 1


def test_a_url_given_twice_is_stored_once_as_its_last_version():
    result = import_claimreviews(read(claimreview(1), claimreview(1, rating="Richtig")))
    assert result.created == 1
    assert ExternalClaimReview.objects.get().rating_name == "Richtig"


def test_reviews_from_a_feed_remember_it_and_a_hand_import_does_not_take_them_away():
    feed = ClaimReviewFeed.objects.create(url="https://faktencheck.example/feed.json")
    import_claimreviews(read(claimreview(1)), feed=feed)
    import_claimreviews(read(claimreview(1, rating="Richtig")))
    assert ExternalClaimReview.objects.get().feed == feed


def test_a_large_import_is_written_in_batches_and_counted_whole():
    reviews = read(*(claimreview(n) for n in range(1200)))
    batches = []
    result = import_claimreviews(reviews, progress=batches.append)
    assert result.created == 1200 and ExternalClaimReview.objects.count() == 1200
    assert batches == [500, 500, 200]


def test_the_summary_reads_as_one_line():
    result = import_claimreviews(read(claimreview(1)))
    assert str(result) == "1 new, 0 updated, 0 unchanged, 0 skipped"
