"""GET /api/v1/matches/: which published fact-checks a text repeats; and the `matches` of a
claim reply."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from claims import workflow
from claims.models import Rating
from matching import index
from publishing.api_clients import create_api_client
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    EditorFactory,
    ExternalClaimReviewFactory,
    ReviewerFactory,
)
from tests.matching.claims import HARLOW_DE, HARLOW_EN, desk_claim

pytestmark = pytest.mark.django_db

MATCHES = reverse("api:matches")
PINECREST_EN = "Pinecrest Bank lent $450 million to small businesses in 2024, CEO Laura Finch said."


def api(*scopes):
    client, token = create_api_client("-".join(scopes) or "no-scope", scopes)
    caller = APIClient()
    caller.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    caller.cms = client
    return caller


def publish(claim):
    reviewer, editor = ReviewerFactory(), EditorFactory()
    workflow.take_claim(claim, by=reviewer)
    workflow.propose_verdict(
        claim, rating=Rating.objects.get(slug="false"), summary="Es war weniger.", by=reviewer
    )
    workflow.approve_and_publish(claim, by=editor)
    claim.refresh_from_db()


@pytest.fixture
def external_review():
    review = ExternalClaimReviewFactory(claim_reviewed=HARLOW_EN)
    index.index_review(review)
    return review


def test_a_text_is_answered_with_the_external_review_it_repeats(external_review):
    reply = api("verdicts:read").get(MATCHES, {"text": HARLOW_DE, "language": "de"})
    assert reply.status_code == 200
    (found,) = reply.json()["results"]
    assert found["source"] == "external"
    assert found["claim_reviewed"] == HARLOW_EN
    assert (found["rating"], found["publisher"], found["url"]) == (
        "False",
        "Factcheck Example",
        external_review.url,
    )
    assert found["score"] >= 0.7
    assert {"kind": "person", "value": "brad glasser"} in found["reasons"]
    assert "gleiche Person: Brad Glasser" in found["reasons_text"]


def test_the_language_is_detected_when_not_given(external_review):
    reply = api("verdicts:read").get(MATCHES, {"text": HARLOW_DE})
    assert reply.json()["results"][0]["reasons_text"].startswith("gleiche")


def test_an_unpublished_desk_claim_is_no_match_and_a_published_one_is(
    django_capture_on_commit_callbacks,
):
    claim = desk_claim(HARLOW_EN, "en")
    index.index_claim(claim)
    caller = api("verdicts:read")
    assert caller.get(MATCHES, {"text": HARLOW_DE}).json()["results"] == []
    with django_capture_on_commit_callbacks(execute=True):
        publish(claim)
    (found,) = caller.get(MATCHES, {"text": HARLOW_DE}).json()["results"]
    assert found["source"] == "desk"
    assert found["url"].endswith(f"/fact-checks/{claim.pk}")
    assert found["rating"] == Rating.objects.get(slug="false").label_de


def test_a_withdrawn_verdict_is_no_longer_a_match(django_capture_on_commit_callbacks):
    claim = desk_claim(HARLOW_EN, "en")
    with django_capture_on_commit_callbacks(execute=True):
        publish(claim)
    index.index_claim(claim)
    caller = api("verdicts:read")
    assert len(caller.get(MATCHES, {"text": HARLOW_DE}).json()["results"]) == 1
    with django_capture_on_commit_callbacks(execute=True):
        workflow.withdraw_verdict(claim, reason="Falsche Quelle.", by=EditorFactory())
    assert caller.get(MATCHES, {"text": HARLOW_DE}).json()["results"] == []


def test_a_text_is_required():
    reply = api("verdicts:read").get(MATCHES)
    assert reply.status_code == 400
    assert "Send the text to match" in str(reply.json())


def test_a_text_over_ten_thousand_characters_is_refused():
    reply = api("verdicts:read").get(MATCHES, {"text": "a" * 10_001})
    assert reply.status_code == 400
    assert "at most 10,000 characters" in str(reply.json())


def test_an_unknown_language_is_refused():
    reply = api("verdicts:read").get(MATCHES, {"text": HARLOW_EN, "language": "fr"})
    assert reply.status_code == 400


def test_a_token_is_required():
    assert APIClient().get(MATCHES, {"text": HARLOW_EN}).status_code in (401, 403)


def test_a_client_without_verdicts_read_may_not_ask():
    reply = api("articles:write").get(MATCHES, {"text": HARLOW_EN})
    assert reply.status_code == 403
    assert "verdicts:read" in reply.json()["error"]


def test_matching_a_text_takes_the_same_queries_for_one_match_or_many(
    django_assert_max_num_queries,
):
    for n in range(6):
        review = ExternalClaimReviewFactory(
            claim_reviewed=HARLOW_EN, url=f"https://factcheck.example/harlow-{n}"
        )
        index.index_review(review)
    index.index_review(ExternalClaimReviewFactory(claim_reviewed=PINECREST_EN))
    caller = api("verdicts:read")
    caller.get(MATCHES, {"text": HARLOW_DE})  # the token's look-up cached
    # Token, per-key counts (about 20 keys), ranking, signatures, details.
    with django_assert_max_num_queries(30) as captured:
        reply = caller.get(MATCHES, {"text": HARLOW_DE})
    assert len(reply.json()["results"]) == 5
    per_key = [q for q in captured.captured_queries if 'FROM "matching_matchkey"' in q["sql"]]
    assert len(captured.captured_queries) - len(per_key) <= 6


def test_the_claim_reply_lists_its_published_matches(external_review):
    claim = desk_claim(HARLOW_DE, "de")
    publish(claim)
    index.index_claim(claim)
    index.match_claim(claim)
    reply = api("verdicts:read").get(reverse("api:claim-detail", args=[claim.pk]))
    (found,) = reply.json()["matches"]
    assert (found["source"], found["url"]) == ("external", external_review.url)


def test_a_dismissed_match_is_not_in_the_claim_reply(external_review):
    claim = desk_claim(HARLOW_DE, "de")
    publish(claim)
    (candidate,) = index.match_claim(claim)
    index.dismiss_match(candidate, by=ReviewerFactory())
    reply = api("verdicts:read").get(reverse("api:claim-detail", args=[claim.pk]))
    assert reply.json()["matches"] == []


def test_the_claim_reply_shows_no_matches_without_verdicts_read(external_review):
    caller = api("articles:write")
    claim = ClaimFactory(
        article=ArticleFactory(body=HARLOW_DE, language="de", api_client=caller.cms),
        start=0,
        end=len(HARLOW_DE),
        text=HARLOW_DE,
    )
    assert len(index.match_claim(claim)) == 1
    reply = caller.get(reverse("api:claim-detail", args=[claim.pk]))
    assert reply.status_code == 200
    assert reply.json()["matches"] == []


def test_the_claim_reply_takes_as_many_queries_for_three_matches_as_for_one():
    claim = desk_claim(HARLOW_DE, "de")
    publish(claim)
    caller = api("verdicts:read")
    url = reverse("api:claim-detail", args=[claim.pk])

    def queries_with_matches(n):
        for _ in range(n - index.MatchCandidate.objects.filter(claim=claim).count()):
            index.index_review(ExternalClaimReviewFactory(claim_reviewed=HARLOW_EN))
            other = desk_claim(HARLOW_EN, "en")
            publish(other)
            index.index_claim(other)
        assert len(index.match_claim(claim)) >= n
        caller.get(url)  # the token's look-up cached
        with CaptureQueriesContext(connection) as captured:
            caller.get(url)
        return len(captured.captured_queries)

    assert queries_with_matches(1) == queries_with_matches(3)
