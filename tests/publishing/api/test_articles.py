"""POST and GET /api/v1/articles/: the CMS's way in."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from claims.models import Article, Claim
from tests.factories import EvidenceFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Die Stadt zählte 2025 rund 85 Millionen Fahrgäste. "
    "„Das sind 15 Prozent mehr als im bisherigen Rekordjahr 2019“, sagte Verkehrsdezernentin Petra Albers. "
    "Der Kämmerer warnte, die Stadt habe 780 Mio. Euro Schulden."
)
ARTICLES = reverse("api:article-list")


def post(api, **fields):
    return api.post(ARTICLES, {"title": "Fahrgäste", **fields}, format="json")


def test_posting_a_body_returns_the_article_with_its_claims(cms):
    response = post(cms, body=BODY, external_id="cms-1", published_at="2026-11-25T08:00:00+01:00")
    assert response.status_code == 201
    data = response.json()
    assert data["language"] == "de" and data["external_id"] == "cms-1"
    texts = [c["text"] for c in data["claims"]]
    assert "Die Stadt zählte 2025 rund 85 Millionen Fahrgäste." in texts
    claim = data["claims"][0]
    assert claim["figures"][0]["value"] == 85_000_000
    assert claim["status"] == "new" and claim["verdict"] is None


def test_reposting_the_same_external_id_updates_and_keeps_reviewer_work(cms):
    first = post(cms, body=BODY, external_id="cms-2").json()
    quote = Claim.objects.get(pk=next(c["id"] for c in first["claims"] if "Rekord" in c["text"]))
    evidence = EvidenceFactory(claim=quote)
    response = post(cms, body="Vorspann. " + BODY, external_id="cms-2")
    assert response.status_code == 200
    assert Article.objects.filter(api_client=cms.cms).count() == 1
    quote.refresh_from_db()
    assert quote.evidence.get() == evidence
    assert response.json()["revision"] == 2
    assert quote.article.body[quote.start : quote.end] == quote.text


def test_a_client_sees_only_its_own_articles(cms, other_cms):
    mine = post(cms, body=BODY).json()
    assert other_cms.get(reverse("api:article-detail", args=[mine["id"]])).status_code == 404
    assert other_cms.get(ARTICLES).json()["results"] == []


def test_articles_are_found_by_external_id(cms):
    post(cms, body=BODY, external_id="a-1")
    post(cms, body=BODY, external_id="a-2")
    results = cms.get(ARTICLES, {"external_id": "a-2"}).json()["results"]
    assert [a["external_id"] for a in results] == ["a-2"]


@pytest.mark.parametrize(
    ("payload", "status", "words"),
    [
        ({"body": BODY}, 400, "title"),
        ({"title": "x"}, 400, "body"),
        ({"title": "x", "body": BODY, "language": "fr"}, 400, "language"),
        ({"title": "x", "url": "not a url"}, 400, "url"),
        ({"title": "x", "body": BODY, "published_at": "yesterday"}, 400, "published_at"),
        ({"title": "x" * 600, "body": BODY}, 400, "title"),
    ],
)
def test_bad_input_is_a_clear_400(cms, payload, status, words):
    response = cms.post(ARTICLES, payload, format="json")
    assert response.status_code == status
    data = response.json()
    assert data["error"] and words in str(data["details"])


def test_invalid_json_is_a_clear_400(cms):
    response = cms.post(ARTICLES, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "JSON" in response.json()["error"]


def test_a_body_above_the_limit_is_refused(cms, settings):
    settings.EXTRACTION_MAX_CHARS = 50
    response = post(cms, body=BODY)
    assert response.status_code == 400
    assert "the limit is 50" in str(response.json()["details"])
    assert not Article.objects.exists()


def test_without_a_token_the_api_answers_401_in_json(client):
    response = client.get(ARTICLES)
    assert response.status_code == 401
    assert "error" in response.json()


def test_a_revoked_token_is_refused(cms):
    from publishing.api_clients import revoke

    revoke(cms.cms)
    assert cms.get(ARTICLES).status_code == 401


def test_an_unknown_article_is_a_json_404(cms):
    response = cms.get(reverse("api:article-detail", args=[424242]))
    assert response.status_code == 404
    assert response.json()["error"]


def test_reads_carry_an_etag_and_answer_304_when_unchanged(cms):
    article = post(cms, body=BODY).json()
    url = reverse("api:article-detail", args=[article["id"]])
    first = cms.get(url)
    etag = first["ETag"]
    assert cms.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_reading_an_article_costs_the_same_queries_for_5_and_50_claims(
    cms, django_assert_max_num_queries
):
    from tests.factories import ClaimFactory

    counts = []
    for n in (5, 50):
        article = Article.objects.create(
            title=f"{n}", body="x" * 100, language="de", api_client=cms.cms
        )
        for i in range(n):
            ClaimFactory(article=article, start=i, end=i + 1, text="x")
        cache.clear()  # measure the uncached read
        with django_assert_max_num_queries(50) as captured:
            assert cms.get(reverse("api:article-detail", args=[article.pk])).status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]


def test_too_many_requests_are_throttled_per_client(cms, other_cms, settings):
    from rest_framework.settings import api_settings

    cache.clear()
    rates = dict(api_settings.DEFAULT_THROTTLE_RATES)
    from publishing.api.auth import ApiClientThrottle

    original = ApiClientThrottle.THROTTLE_RATES
    ApiClientThrottle.THROTTLE_RATES = {**rates, "api_client": "3/min"}
    try:
        codes = [cms.get(ARTICLES).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        assert cms.get(ARTICLES).json()["error"]
        assert other_cms.get(ARTICLES).status_code == 200
    finally:
        ApiClientThrottle.THROTTLE_RATES = original
        cache.clear()


def test_a_cached_read_follows_a_change_of_the_article(cms):
    article = post(cms, body=BODY).json()
    url = reverse("api:article-detail", args=[article["id"]])
    assert cms.get(url).json()["title"] == "Fahrgäste"
    post(cms, body=BODY)  # another article: no effect
    Article.objects.filter(pk=article["id"]).update(title="Neu")  # a bulk write: no signal
    from publishing.api.cache import article_changed

    article_changed(article["id"])
    assert cms.get(url).json()["title"] == "Neu"


def test_a_cached_read_is_not_served_to_another_client(cms, other_cms):
    article = post(cms, body=BODY).json()
    url = reverse("api:article-detail", args=[article["id"]])
    assert cms.get(url).status_code == 200
    assert other_cms.get(url).status_code == 404


def test_revoking_in_the_admin_takes_effect_at_once(cms):
    assert cms.get(ARTICLES).status_code == 200  # the token is now cached
    client = cms.cms
    from django.utils import timezone

    client.revoked_at = timezone.now()
    client.save()
    assert cms.get(ARTICLES).status_code == 401


def test_errors_follow_the_clients_language(cms):
    response = cms.post(ARTICLES, {"title": "x"}, format="json", HTTP_ACCEPT_LANGUAGE="de")
    assert "Senden Sie den Artikeltext" in str(response.json()["details"])


# --- One normalization on every way in; the API keeps its upsert (issue 13, items 1 and 2)


def test_a_body_posted_with_crlf_line_breaks_is_stored_and_anchored_with_lf(cms):
    pasted = BODY.replace(". ", ".\r\n")
    data = post(cms, body=pasted, external_id="cms-crlf").json()
    article = Article.objects.get(pk=data["id"])
    assert article.body == BODY.replace(". ", ".\n")
    assert all(article.body[c["start"] : c["end"]] == c["text"] for c in data["claims"])


def test_a_body_at_the_limit_with_crlf_line_breaks_is_accepted(cms, settings):
    pasted = BODY.replace(". ", ".\r\n")
    settings.EXTRACTION_MAX_CHARS = len(BODY)  # as stored: one character per line break
    assert post(cms, body=pasted).status_code == 201


def test_the_same_text_under_another_external_id_is_stored_as_the_api_documents(cms):
    post(cms, body=BODY, external_id="cms-a")
    response = post(cms, body=BODY, external_id="cms-b")
    assert response.status_code == 201
    assert Article.objects.filter(api_client=cms.cms).count() == 2
