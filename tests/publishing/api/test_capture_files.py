"""A capture's files as the CMS downloads them: the screenshot and the WACZ package."""

import pytest
from django.urls import reverse

from sources import services as source_services
from tests.chromium import needs_chromium
from tests.publishing.api.test_claims_and_sources import article_of

pytestmark = [
    pytest.mark.django_db,
    needs_chromium,
]


@pytest.fixture
def browser_capture(cms, web, settings):
    settings.ARCHIVE_BROWSER = True
    settings.BROWSER_SETTLE_SECONDS = 1.0
    claim = article_of(cms).claims.first()
    evidence = source_services.cite(claim, web.url("/article?fuer=api"), stance="supports")
    return source_services.archive(evidence.source).capture


def test_a_browser_capture_names_its_method_and_its_screenshot(cms, browser_capture):
    source = cms.get(reverse("api:source-detail", args=[browser_capture.source_id])).json()
    capture = source["captures"][0]
    assert capture["method"] == "browser"
    assert capture["refused_requests"] == []
    response = cms.get(capture["screenshot_url"])
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"


def test_another_client_gets_no_screenshot(other_cms, browser_capture):
    url = reverse("api:capture-screenshot", args=[browser_capture.pk])
    assert other_cms.get(url).status_code == 404


def test_a_capture_without_a_file_answers_404_with_a_message(cms, browser_capture, settings):
    settings.ARCHIVE_BROWSER = False
    plain = source_services.archive(browser_capture.source).capture
    response = cms.get(reverse("api:capture-screenshot", args=[plain.pk]))
    assert response.status_code == 404
    assert response.json()["error"] == "This capture has no such file."
