"""Every API error is JSON in the documented format: {"error": ..., "details": ...}."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from sources.models import Capture
from tests.factories import EvidenceFactory

pytestmark = pytest.mark.django_db

ARTICLES = reverse("api:article-list")
CLAIMS = reverse("api:claim-list")
BODY = "Die Stadt zählte 2025 rund 85 Millionen Fahrgäste."


def json_error(response) -> str:
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response.json()["error"]


def test_another_clients_article_as_a_claim_filter_answers_like_an_unknown_one(cms, other_cms):
    theirs = other_cms.post(ARTICLES, {"title": "T", "body": BODY}, format="json").json()["id"]
    unknown = cms.get(CLAIMS, {"article": 10**9})
    foreign = cms.get(CLAIMS, {"article": theirs})
    assert (foreign.status_code, foreign.json()) == (unknown.status_code, unknown.json())
    assert foreign.status_code == 400


def test_a_clients_own_article_filters_its_claims(cms):
    mine = cms.post(ARTICLES, {"title": "T", "body": BODY}, format="json").json()["id"]
    results = cms.get(CLAIMS, {"article": mine}).json()["results"]
    assert results and {claim["article"] for claim in results} == {mine}


def test_a_body_above_the_upload_limit_is_a_json_413(cms, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    payload = json.dumps({"title": "Groß", "body": "Wort " * 1000})
    response = cms.post(ARTICLES, payload, content_type="application/json")
    assert response.status_code == 413
    assert "1000" in json_error(response)


def test_deeply_nested_json_is_a_json_400(cms):
    payload = '{"title": ' + "[" * 100_000 + "]" * 100_000 + "}"
    response = cms.post(ARTICLES, payload, content_type="application/json")
    assert response.status_code == 400
    assert "nested" in json_error(response)


@pytest.mark.urls("tests.publishing.api.failing_urls")
def test_an_unexpected_error_is_a_json_500_without_the_traceback(cms, caplog):
    cms.raise_request_exception = False
    response = cms.get("/api/v1/broken/")
    assert response.status_code == 500
    message = json_error(response)
    assert "Traceback" not in response.content.decode() and "logged" in message
    assert "nobody has found" not in response.content.decode()
    assert any(record.exc_info for record in caplog.records), "the traceback goes to the log"


def test_a_capture_whose_warc_file_is_missing_is_a_json_404(cms):
    evidence = EvidenceFactory(claim__article__api_client=cms.cms)
    capture = Capture.objects.create(
        source=evidence.source, captured_at=timezone.now(), http_status=200,
        final_url=evidence.source.url, size=1, sha256="0" * 64, warc="captures/gone.warc.gz",
    )  # fmt: skip
    response = cms.get(reverse("api:capture-warc", args=[capture.pk]))
    assert response.status_code == 404
    assert "missing" in json_error(response)


def test_an_unknown_api_address_is_a_json_404(cms):
    response = cms.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert json_error(response)


def test_a_request_without_credentials_is_a_json_401():
    response = APIClient().get(ARTICLES)
    assert response.status_code == 401
    assert json_error(response)
