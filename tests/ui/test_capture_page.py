"""In a real browser: a reviewer opens a browser capture of a cited page, in English and
German, and sees how it was made, its screenshot, the passage found and what was refused."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from sources import services
from tests.chromium import needs_chromium
from tests.factories import ClaimFactory
from tests.sources.script_pages import QUOTE, serve_script_built_page
from tests.ui.browsing import PASSWORD, login, screenshot, switch_language
from tests.ui.test_accessibility import audit

pytestmark = [
    pytest.mark.django_db(transaction=True),
    needs_chromium,
]


@pytest.fixture
def browser_capture(web, settings, demo):
    settings.ARCHIVE_BROWSER = True
    settings.BROWSER_SETTLE_SECONDS = 1.0
    url = serve_script_built_page(web, "/ui-aufnahme")
    web.pages["/ui-aufnahme"] = (
        web.pages["/ui-aufnahme"][0].replace(
            b"</article>", b'<img src="http://127.0.0.3:8/verweigert.png" alt=""></article>'
        ),
        "text/html; charset=utf-8",
    )
    evidence = services.cite(ClaimFactory(text=QUOTE), url, stance="supports")
    return services.archive(evidence.source).capture


@pytest.mark.parametrize(
    ("language", "made", "passages", "refused"),
    [
        ("en", "Browser capture", "Where the claims are found", "1 request refused"),
        ("de", "Browser-Aufnahme", "Wo die Behauptungen stehen", "1 Anfrage verweigert"),
    ],
)
def test_a_reviewer_sees_how_a_capture_was_made_its_screenshot_and_its_passage(
    page, live_server, browser_capture, language, made, passages, refused
):
    login(page, live_server, "reviewer", PASSWORD)
    if language == "de":
        switch_language(page, "de")
    page.goto(live_server.url + reverse("sources:capture", args=[browser_capture.pk]))

    expect(page.locator(".badge.method-browser")).to_have_text(made)
    expect(page.get_by_role("heading", name=passages)).to_be_visible()
    expect(page.locator("#passages mark")).to_contain_text("412 verdoppelt")
    expect(page.locator(".badge.refused")).to_have_text(refused)
    shot = page.locator("#screenshot img")
    shot.scroll_into_view_if_needed()
    expect(shot).to_be_visible()
    assert shot.evaluate("image => image.complete && image.naturalWidth > 0")
    screenshot(page, f"capture-{language}")
    assert audit(page, "capture", language) == []
