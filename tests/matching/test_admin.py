"""The editors' admin: feeds with their state and a "fetch now", imported reviews read-only."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from matching import index
from matching.feeds import read_claimreviews
from matching.models import ClaimReviewFeed, ExternalClaimReview, MatchCandidate
from matching.services import import_claimreviews
from tests.admin_forms import change_form_data
from tests.factories import ExternalClaimReviewFactory

from .claims import HARLOW_DE, HARLOW_EN, desk_claim
from .feeds import claimreview, data_feed_bytes

pytestmark = pytest.mark.django_db


def test_an_editor_registers_a_feed(editor_client):
    editor_client.post(
        reverse("admin:matching_claimreviewfeed_add"),
        {
            "url": "https://faktencheck.example/feed.json",
            "name": "Faktencheck Nord",
            "is_active": "on",
        },
    )
    assert ClaimReviewFeed.objects.get().name == "Faktencheck Nord"


def test_the_feed_list_shows_the_state_of_each_feed(editor_client):
    ClaimReviewFeed.objects.create(
        url="https://faktencheck.example/feed.json",
        name="Faktencheck Nord",
        last_imported=42,
        last_error="The feed is not valid JSON (line 1, column 3).",
    )
    page = editor_client.get(reverse("admin:matching_claimreviewfeed_changelist")).content.decode()
    assert "https://faktencheck.example/feed.json" in page
    assert "42" in page
    assert "The feed is not valid JSON (line 1, column 3)." in page


def test_fetch_now_imports_the_feed_and_says_how_it_went(editor_client, web):
    web.pages["/admin/feed.json"] = (data_feed_bytes(claimreview(1)), "application/json")
    good = ClaimReviewFeed.objects.create(url=web.url("/admin/feed.json"), name="Gut")
    bad = ClaimReviewFeed.objects.create(url=web.url("/missing"), name="Kaputt")
    response = editor_client.post(
        reverse("admin:matching_claimreviewfeed_changelist"),
        {"action": "fetch_now", ACTION_CHECKBOX_NAME: [good.pk, bad.pk]},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    page = response.content.decode()
    assert "Gut: 1 new, 0 updated, 0 unchanged, 0 skipped" in page
    assert "Kaputt: The feed answered with HTTP status 404." in page
    assert ExternalClaimReview.objects.get().feed == good


def test_imported_reviews_are_listed_searched_and_filtered(editor_client):
    english = claimreview(2, claim="The city spent 12 million euros on cycle lanes.")
    english["author"]["name"] = "Fact Desk"
    import_claimreviews(read_claimreviews(data_feed_bytes(claimreview(1), english), ""))
    changelist = reverse("admin:matching_externalclaimreview_changelist")
    page = editor_client.get(changelist, {"publisher_name": "Fact Desk"}).content.decode()
    assert "cycle lanes" in page and "Radwege" not in page
    page = editor_client.get(changelist, {"language": "de"}).content.decode()
    assert "Radwege" in page and "cycle lanes" not in page
    page = editor_client.get(changelist, {"q": "cycle"}).content.decode()
    assert "cycle lanes" in page and "Radwege" not in page


def test_imported_reviews_cannot_be_added_or_edited(editor_client):
    import_claimreviews(read_claimreviews(data_feed_bytes(claimreview(1)), ""))
    review = ExternalClaimReview.objects.get()
    assert editor_client.get(reverse("admin:matching_externalclaimreview_add")).status_code == 403
    change = reverse("admin:matching_externalclaimreview_change", args=[review.pk])
    assert editor_client.get(change).status_code == 200  # to read
    editor_client.post(change, {"claim_reviewed": "Etwas anderes."})
    review.refresh_from_db()
    assert review.claim_reviewed.startswith("Die Stadt hat")


def test_reviewers_do_not_manage_feeds(reviewer_client):
    response = reviewer_client.get(reverse("admin:matching_claimreviewfeed_changelist"))
    assert response.status_code in (302, 403)


def test_a_claim_an_editor_rewords_in_the_admin_is_matched_again(
    editor_client, figures_model, eager_tasks, django_capture_on_commit_callbacks
):
    review = ExternalClaimReviewFactory(claim_reviewed=HARLOW_EN)
    index.index_review(review)
    claim = desk_claim("Der Konzern hat im Jahr gut verdient, sagte ein Sprecher.")
    index.match_claim(claim)
    change = reverse("admin:claims_claim_change", args=[claim.pk])
    data = change_form_data(editor_client.get(change).context)
    data["reviewed_text"] = HARLOW_DE

    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(change, data).status_code == 302

    assert MatchCandidate.objects.filter(claim=claim, entry__review=review).exists()
