"""The article's other sentences in the API, and POST /api/v1/articles/{id}/promote/."""

import pytest
from django.urls import reverse

from claims import promotion
from claims.extraction.ranking import RankingModel
from claims.models import Claim

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("figures_model")]

# With the test model below, the sentences with a figure are claims, the others are not.
BODY = (
    "The library lent 48,000 books in 2025. Its reading room felt calm.\n"
    "Volunteers baked cakes for the opening. Membership fees rose by 5 percent."
)
CALM = "Its reading room felt calm."
CAKES = "Volunteers baked cakes for the opening."


def submitted(api) -> dict:
    response = api.post(
        reverse("api:article-list"), {"title": "Library", "body": BODY}, format="json"
    )
    assert response.status_code == 201
    return response.json()


def span(text) -> dict:
    start = BODY.index(text)
    return {"start": start, "end": start + len(text)}


def promote(api, article_id, data):
    return api.post(reverse("api:article-promote", args=[article_id]), data, format="json")


def test_the_article_reply_lists_its_other_sentences(cms):
    article = submitted(cms)
    reply = cms.get(reverse("api:article-detail", args=[article["id"]])).json()
    assert [s["text"] for s in reply["other_sentences"]] == [CALM, CAKES]
    first = reply["other_sentences"][0]
    assert set(first) == {"start", "end", "text", "checkworthiness"}
    assert {"start": first["start"], "end": first["end"]} == span(CALM)
    assert first["checkworthiness"] < 0.5


def test_the_reply_to_a_submission_lists_the_other_sentences_too(cms):
    assert [s["text"] for s in submitted(cms)["other_sentences"]] == [CALM, CAKES]


def test_the_article_list_leaves_other_sentences_out(cms):
    submitted(cms)
    (listed,) = cms.get(reverse("api:article-list")).json()["results"]
    assert "other_sentences" not in listed and "claims" not in listed


def test_promoting_an_other_sentence_answers_201_with_the_claim(cms):
    article = submitted(cms)
    response = promote(cms, article["id"], span(CAKES))
    assert response.status_code == 201
    claim = response.json()
    assert claim["text"] == CAKES and claim["origin"] == "promoted"
    assert {"start": claim["start"], "end": claim["end"]} == span(CAKES)
    stored = Claim.objects.get(pk=claim["id"])
    assert stored.origin == Claim.Origin.PROMOTED and stored.article_id == article["id"]


# Real commits: replies go stale only when a write commits (signals are sent on commit).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_promotion_shows_in_the_cached_article_reply(cms):
    article = submitted(cms)
    url = reverse("api:article-detail", args=[article["id"]])
    before = cms.get(url).json()  # now cached
    assert cms.get(url).json() == before
    claim = promote(cms, article["id"], span(CALM)).json()
    after = cms.get(url).json()
    assert claim["id"] in [c["id"] for c in after["claims"]]
    assert [s["text"] for s in after["other_sentences"]] == [CAKES]


def test_a_span_that_is_not_an_other_sentence_answers_400_with_a_message(cms):
    article = submitted(cms)
    bad = span(CALM)
    bad["end"] -= 1
    response = promote(cms, article["id"], bad)
    assert response.status_code == 400
    assert "not one of the article's other sentences" in response.json()["error"]
    assert not Claim.objects.filter(origin=Claim.Origin.PROMOTED).exists()


def test_a_claim_cannot_be_promoted_again(cms):
    article = submitted(cms)
    response = promote(cms, article["id"], span("Membership fees rose by 5 percent."))
    assert response.status_code == 400
    assert "overlaps claim" in response.json()["error"]


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"start": 3},
        {"start": "x", "end": 9},
        {"start": -1, "end": 4},
        {"start": 0, "end": 2**40},
    ],
)
def test_incomplete_or_invalid_input_answers_400(cms, data):
    article = submitted(cms)
    response = promote(cms, article["id"], data)
    assert response.status_code == 400 and response.json()["error"]


def test_another_clients_article_answers_404(cms, other_cms):
    article = submitted(cms)
    response = promote(other_cms, article["id"], span(CALM))
    assert response.status_code == 404 and response.json()["error"]
    assert not Claim.objects.filter(origin=Claim.Origin.PROMOTED).exists()


def test_promotion_and_other_sentences_are_in_the_openapi_schema(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/articles/{id}/promote/"]["post"]
    assert {"201", "400", "404"} <= set(operation["responses"])
    article = schema["components"]["schemas"]["Article"]["properties"]
    assert article["other_sentences"]["type"] == "array"
    other = schema["components"]["schemas"]["OtherSentence"]["properties"]
    assert set(other) == {"start", "end", "text", "checkworthiness"}


def test_another_model_in_force_renews_the_cached_other_sentences(cms, monkeypatch):
    from publishing.api import cache as reply_cache

    article = submitted(cms)
    url = reverse("api:article-detail", args=[article["id"]])
    assert cms.get(url).json()["other_sentences"][0]["checkworthiness"] < 0.1  # now cached
    milder = RankingModel(version="test-milder", weights={}, bias=-1.0, threshold=0.5)
    monkeypatch.setattr(promotion, "active_model", lambda: milder)
    reply_cache.ranking_changed()
    scores = [s["checkworthiness"] for s in cms.get(url).json()["other_sentences"]]
    assert scores == [pytest.approx(0.2689, abs=1e-3)] * 2


# Real commits: replies go stale only when a write commits (signals are sent on commit).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_storing_a_model_version_renews_the_cached_replies(cms):
    from claims import ranking
    from claims.models import RankingModelVersion

    article = submitted(cms)
    url = reverse("api:article-detail", args=[article["id"]])
    cms.get(url)  # now cached
    milder = RankingModel(version="test-milder", weights={}, bias=-1.0, threshold=0.5)
    ranking.activate(
        RankingModelVersion.objects.create(
            version="test-milder", weights=milder.to_dict(), threshold=0.5
        )
    )
    scores = [s["checkworthiness"] for s in cms.get(url).json()["other_sentences"]]
    assert scores == [pytest.approx(0.2689, abs=1e-3)] * 2
