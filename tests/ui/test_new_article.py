"""New article, in a real browser: pasted text, pasted HTML whose links become proposed
sources, and an address that a real worker fetches while the page waits for it."""

import re

import pytest
from playwright.sync_api import expect

from tests.ui.browsing import (
    ARCHIVING_TIMEOUT_MS,
    PASSWORD,
    login,
    screenshot,
    switch_language,
)

pytestmark = pytest.mark.django_db(transaction=True)

TEXT = (
    "Hafenstadt baut neues Klärwerk\n"
    "Die Stadt Hafenstadt will bis 2029 ein neues Klärwerk für 240 Millionen Euro bauen.\n"
    "Das teilte Bürgermeisterin Anna Brandt am Montag im Stadtrat mit.\n"
    "Nach Angaben der Stadtwerke werden täglich 38.000 Kubikmeter Abwasser gereinigt."
)


def linked_html(web) -> str:
    return f"""<!doctype html><html lang="de"><head><title>Fähre | Hafenblatt</title></head><body>
<nav><a href="{web.url("/start")}">Start</a></nav>
<article><h1>Neue Fähre für die Hafenstadt</h1>
<p>Die Fährlinie beförderte im vergangenen Jahr laut <a href="{web.url("/article")}">Jahresbericht</a> rund 1,4 Millionen Fahrgäste.</p>
<p>Die neue Fähre soll 2027 in Dienst gehen und 31 Millionen Euro kosten, sagte Hafenchef Jan Petersen.</p>
</article></body></html>"""


def open_new_article(page):
    """From the article list, the way a reviewer finds it (the dashboard has the link too)."""
    page.locator('header nav a[href="/articles/"]').click()
    page.locator("[data-new-article-link]").click()
    expect(page).to_have_url(re.compile(r"/articles/new/$"))


def test_a_reviewer_pastes_text_and_finds_its_claims(page, live_server, demo):
    login(page, live_server, "reviewer", PASSWORD)
    page.locator("[data-new-article-link]").click()  # on the dashboard
    expect(page.locator("h1")).to_have_text("New article")
    # Only the fields of the chosen way in are shown.
    expect(page.locator("textarea[name=text]")).to_be_visible()
    expect(page.locator("textarea[name=html]")).to_be_hidden()
    expect(page.locator("input[name=url]")).to_be_hidden()

    page.fill("textarea[name=text]", TEXT)
    expect(page.locator("[data-detected-language]")).to_have_text("Detected: German")
    page.fill("input[name=published_at]", "2026-11-23")
    screenshot(page, "new-article-text")
    page.get_by_role("button", name="Save and find claims").click()

    expect(page).to_have_url(re.compile(r"/articles/\d+/$"))
    expect(page.locator("h1")).to_have_text("Hafenstadt baut neues Klärwerk")
    expect(page.locator(".message.success")).to_contain_text("Article saved")
    claims = page.locator("[data-article-body] [data-claim-id]")
    expect(claims.filter(has_text="240 Millionen Euro")).to_have_count(1)
    screenshot(page, "new-article-text-saved")

    # The same text again is refused, with a link to the stored article.
    stored = page.url
    open_new_article(page)
    page.fill("textarea[name=text]", TEXT)
    page.get_by_role("button", name="Save and find claims").click()
    expect(page.locator(".errorlist")).to_contain_text("This article is stored already")
    page.locator(".errorlist a").click()
    expect(page).to_have_url(stored)


def test_pasted_html_proposes_its_links_as_sources_and_one_click_cites_one(
    page, live_server, demo, web, worker
):
    login(page, live_server, "reviewer", PASSWORD)
    page.goto(f"{live_server.url}/")
    switch_language(page, "de")
    open_new_article(page)
    page.locator("input[name=kind][value=html]").check()
    expect(page.locator("textarea[name=text]")).to_be_hidden()
    page.fill("textarea[name=html]", linked_html(web))
    expect(page.locator("[data-detected-language]")).not_to_be_empty()
    page.locator("form[data-new-article] button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/articles/\d+/$"))
    expect(page.locator("h1")).to_have_text("Neue Fähre für die Hafenstadt")
    claim = page.locator("[data-article-body] [data-claim-id]").filter(has_text="1,4 Millionen")
    claim.click()
    expect(page).to_have_url(re.compile(r"/claims/\d+/$"))

    # The article's own link in the claim is proposed, not fetched yet.
    proposed = page.locator("[data-proposed-link]")
    expect(proposed).to_have_count(1)
    expect(proposed).to_contain_text("Jahresbericht")
    assert web.hits["/article"] == 0
    screenshot(page, "new-article-proposed-link")

    proposed.locator("button").click()
    expect(page.locator("[data-source-status]")).to_have_count(1)
    expect(page.locator("[data-proposed-link]")).to_have_count(0)
    expect(page.locator('[data-source-status="archived"]')).to_be_visible(
        timeout=ARCHIVING_TIMEOUT_MS
    )
    assert web.hits["/article"] == 1
    assert web.hits["/start"] == 0  # the site's navigation is no link of the article
    screenshot(page, "new-article-cited-link")


@pytest.mark.parametrize("language", ["en", "de"])
def test_an_address_is_fetched_by_the_worker_while_the_page_waits(
    page, live_server, demo, web, worker, language
):
    web.latency = 2.0  # long enough to see the page wait
    try:
        login(page, live_server, "reviewer", PASSWORD)
        if language == "de":
            switch_language(page, "de")
        open_new_article(page)
        page.locator("input[name=kind][value=url]").check()
        page.fill("input[name=url]", web.url(f"/page/fetched-{language}"))
        page.locator("form[data-new-article] button[type=submit]").click()

        expect(page).to_have_url(re.compile(r"/articles/\d+/$"))
        expect(page.locator('[data-fetch-status="pending"]')).to_be_visible()
        screenshot(page, f"new-article-fetching-{language}")
        # The page polls and reloads by itself once the worker has the text.
        expect(page.locator("h1")).to_have_text(
            f"Stadtwerke melden Rekord fetched-{language}", timeout=ARCHIVING_TIMEOUT_MS
        )
        expect(page.locator("[data-fetch-status]")).to_have_count(0)
        expect(page.locator("[data-article-body] [data-claim-id]").first).to_be_visible()
        screenshot(page, f"new-article-fetched-{language}")
    finally:
        web.latency = 0.0


def test_a_failed_fetch_shows_its_plain_reason(page, live_server, demo, web, worker):
    login(page, live_server, "reviewer", PASSWORD)
    open_new_article(page)
    page.locator("input[name=kind][value=url]").check()
    page.fill("input[name=url]", web.url("/missing"))
    page.get_by_role("button", name="Save and find claims").click()
    failed = page.locator('[data-fetch-status="failed"]')
    expect(failed).to_be_visible(timeout=ARCHIVING_TIMEOUT_MS)
    expect(failed).to_contain_text("The page answered 404.")


def test_bad_input_is_a_form_error_in_both_languages(page, live_server, demo):
    login(page, live_server, "reviewer", PASSWORD)
    open_new_article(page)
    page.locator("input[name=kind][value=url]").check()
    page.fill("input[name=url]", "http://10.1.2.3/artikel")
    page.get_by_role("button", name="Save and find claims").click()
    expect(page.locator(".errorlist")).to_contain_text("internal or reserved address")
    expect(page.locator("input[name=url]")).to_be_visible()  # the chosen way in stays open

    switch_language(page, "de")
    page.goto(f"{live_server.url}/articles/new/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    page.locator("form[data-new-article] button[type=submit]").click()
    expect(page.locator(".errorlist")).to_be_visible()


def test_the_form_fits_a_phone(browser, live_server, demo):
    context = browser.new_context(locale="en-US", viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        login(page, live_server, "reviewer", PASSWORD)
        page.goto(f"{live_server.url}/articles/new/")
        page.locator("input[name=kind][value=html]").check()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390
        screenshot(page, "new-article-390px")
    finally:
        context.close()
