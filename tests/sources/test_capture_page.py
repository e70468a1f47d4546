"""The capture page: how the capture was made, its screenshot, passages, files and refusals."""

import pytest
from django.urls import reverse

from sources import services
from sources.models import ArchiveOutbox, Capture
from tests.chromium import needs_chromium
from tests.factories import ClaimFactory, UserFactory
from tests.sources.script_pages import QUOTE, serve_script_built_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def plain_capture(web, settings):
    settings.ARCHIVE_BROWSER = False
    return services.archive(services.source_for_url(web.url("/article"))).capture


@pytest.fixture
def browser_capture(web, settings):
    settings.ARCHIVE_BROWSER = True
    settings.BROWSER_SETTLE_SECONDS = 1.0
    web.pages["/mit-verweigerung"] = (
        b"<html><head><title>Zahlen</title></head><body><p>Zahlen des Landkreises.</p>"
        b'<img src="http://127.0.0.3:8/bild.png"></body></html>',
        "text/html",
    )
    return services.archive(services.source_for_url(web.url("/mit-verweigerung"))).capture


def page_of(client, capture) -> str:
    url = reverse("sources:capture", args=[capture.pk])
    return client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()


@needs_chromium
def test_a_browser_capture_shows_how_it_was_made_and_its_screenshot(
    reviewer_client, browser_capture
):
    page = page_of(reviewer_client, browser_capture)
    assert "Browser capture" in page
    assert reverse("sources:capture-screenshot", args=[browser_capture.pk]) in page
    assert "no screenshot and no WACZ" not in page


@needs_chromium
def test_the_screenshot_is_served_as_a_png_that_runs_nothing(reviewer_client, browser_capture):
    response = reviewer_client.get(reverse("sources:capture-screenshot", args=[browser_capture.pk]))
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"


@needs_chromium
def test_the_screenshot_downloads_as_an_attachment_when_asked(reviewer_client, browser_capture):
    url = reverse("sources:capture-screenshot", args=[browser_capture.pk])
    assert "attachment" in reviewer_client.get(url + "?download=1")["Content-Disposition"]


@needs_chromium
def test_the_refused_requests_are_listed_with_their_reasons(reviewer_client, browser_capture):
    page = page_of(reviewer_client, browser_capture)
    assert "1 request refused" in page
    assert "http://127.0.0.3:8/bild.png" in page
    assert "internal or reserved address" in page


def test_a_capture_made_before_browser_captures_says_so_and_offers_to_capture_again(
    reviewer_client, plain_capture
):
    page = page_of(reviewer_client, plain_capture)
    assert "Plain capture" in page
    assert "no screenshot and no WACZ package" in page
    assert reverse("sources:capture-again", args=[plain_capture.pk]) in page


def test_the_plain_capture_says_why_the_browser_was_not_used(reviewer_client, plain_capture):
    plain_capture.metadata["browser_error"] = "The page did not finish within 60 s in the browser."
    Capture.objects.filter(pk=plain_capture.pk).update(metadata=plain_capture.metadata)
    page = page_of(reviewer_client, plain_capture)
    assert "this is the plain capture: The page did not finish within 60 s" in page


def test_capturing_again_queues_a_new_archive_of_the_source(reviewer_client, plain_capture):
    response = reviewer_client.post(reverse("sources:capture-again", args=[plain_capture.pk]))
    assert response.status_code == 302
    assert ArchiveOutbox.objects.filter(source=plain_capture.source).exists()


def test_capturing_again_needs_a_post(reviewer_client, plain_capture):
    url = reverse("sources:capture-again", args=[plain_capture.pk])
    assert reviewer_client.get(url).status_code == 405


def test_capturing_again_is_refused_to_a_user_without_rights(client, plain_capture):
    client.force_login(UserFactory())
    response = client.post(reverse("sources:capture-again", args=[plain_capture.pk]))
    assert response.status_code == 403
    assert not ArchiveOutbox.objects.exists()


def test_a_capture_without_screenshot_or_wacz_answers_404_for_them(reviewer_client, plain_capture):
    for name in ("sources:capture-screenshot", "sources:capture-wacz"):
        assert reviewer_client.get(reverse(name, args=[plain_capture.pk])).status_code == 404


def test_the_files_of_a_capture_are_refused_to_a_user_without_rights(client, plain_capture):
    client.force_login(UserFactory())
    for name in ("sources:capture-screenshot", "sources:capture-wacz"):
        assert client.get(reverse(name, args=[plain_capture.pk])).status_code == 403


def test_the_passage_found_for_a_claim_is_marked_in_the_capture(reviewer_client, web, settings):
    settings.ARCHIVE_BROWSER = False
    claim = ClaimFactory(
        text="Die Stadtwerke Rheinfeld haben im vergangenen Jahr mehr als 85 Millionen Fahrgäste befördert."
    )
    evidence = services.cite(claim, web.url("/article?fuer=passage"), stance="supports")
    services.archive(evidence.source)
    evidence.refresh_from_db()
    page = page_of(reviewer_client, evidence.located_capture)
    assert f"<mark>{evidence.located_passage}</mark>" in page
    assert reverse("desk:claim", args=[claim.pk]) in page


def test_the_capture_page_reads_a_fixed_number_of_queries_however_many_passages(
    reviewer_client, web, settings, django_assert_max_num_queries
):
    settings.ARCHIVE_BROWSER = False
    url = web.url("/article?fuer=abfragen")
    for _ in range(5):
        claim = ClaimFactory(
            text="Die Stadtwerke Rheinfeld haben im vergangenen Jahr mehr als 85 Millionen Fahrgäste befördert."
        )
        services.cite(claim, url, stance="supports")
    capture = services.archive(services.source_for_url(url)).capture
    with django_assert_max_num_queries(8):
        page = page_of(reviewer_client, capture)
    assert page.count("<mark>") == 5


def test_a_script_built_quote_shows_only_in_the_browser_capture_text(
    web, settings, reviewer_client
):
    settings.ARCHIVE_BROWSER = False
    capture = services.archive(
        services.source_for_url(serve_script_built_page(web, "/nur"))
    ).capture
    assert QUOTE not in page_of(reviewer_client, capture)
