"""End to end in a real browser: Chromium against the live server, a real worker and web server.

A reviewer checks a claim of the German demo article, cites a page that a real
Celery worker archives, proposes a verdict; an editor approves it. Screenshots
of the main pages land in test-artifacts/ (git-ignored).
"""

import re

import pytest
from playwright.sync_api import expect

from tests.ui.browsing import (
    ARCHIVING_TIMEOUT_MS,
    ARTIFACTS,
    PASSWORD,
    login,
    logout,
    open_german_article,
    screenshot,
    switch_language,
)

pytestmark = pytest.mark.django_db(transaction=True)

QUOTE = "Wir bauen nicht für die nächste Wahl"


# --- tests -----------------------------------------------------------------


def test_a_claim_goes_from_article_to_published_verdict(page, live_server, demo, web, worker):
    # The reviewer logs in and finds the claims of the German demo article highlighted.
    page.goto(f"{live_server.url}/accounts/login/")
    screenshot(page, "01-login")
    login(page, live_server, "reviewer", PASSWORD)
    expect(page.locator("h1")).to_have_text("Dashboard")
    screenshot(page, "02-dashboard")

    open_german_article(page)
    highlighted = page.locator("[data-article-body] [data-claim-id]")
    expect(highlighted.first).to_be_visible()
    assert highlighted.count() >= 5
    screenshot(page, "03-article")

    # The quote: the ranking may leave a rhetorical quote among the other sentences,
    # and then the reviewer makes it a claim first (one click).
    if highlighted.filter(has_text=QUOTE).count() == 0:
        others = page.locator("[data-other-sentences]")
        others.locator("summary").click()
        quote = others.locator("[data-other-sentence]").filter(has_text=QUOTE)
        quote.get_by_role("button", name="Make it a claim").click()
    # The reviewer takes the quote's claim and cites a page that carries the quote.
    highlighted.filter(has_text=QUOTE).click()
    expect(page).to_have_url(re.compile(r"/claims/\d+/$"))
    claim_url = page.url
    status = page.locator("[data-claim-status]")
    expect(page.locator(".claim-context mark")).to_contain_text(QUOTE)
    expect(status).to_have_text("new")

    page.get_by_role("button", name="Take this claim").click()
    expect(status).to_have_text("assigned")

    page.fill("input[name=url]", web.url("/article"))
    page.select_option("select[name=stance]", "supports")
    page.get_by_role("button", name="Add source").click()
    expect(page.locator("[data-source-status]")).to_have_count(1)

    # The page polls while the worker archives the source, then reloads by itself.
    expect(page.locator('[data-source-status="archived"]')).to_be_visible(
        timeout=ARCHIVING_TIMEOUT_MS
    )
    expect(page.locator("[data-locator]")).to_contain_text("Quote found in the source")
    expect(page.locator(".passage mark")).to_contain_text("nächste Generation")
    assert web.hits["/article"] == 1
    screenshot(page, "04-claim-workspace")

    page.get_by_role("link", name="Archived copy").click()
    expect(page).to_have_url(re.compile(r"/sources/captures/\d+/$"))
    expect(page.locator(".archived-text")).to_contain_text("nächste Generation")
    screenshot(page, "05-capture")
    page.goto(claim_url)

    # The reviewer proposes a verdict; it waits for an editor.
    page.select_option("select[name=rating]", label="true")  # the page is in English
    page.fill("textarea[name=summary]", "Albers hat das so gesagt; die Quelle gibt es wörtlich.")
    page.fill("textarea[name=rationale]", "Zitat in der archivierten Quelle gefunden.")
    page.get_by_role("button", name="Propose verdict for approval").click()
    expect(status).to_have_text("awaiting approval")
    expect(page.locator("[data-approve]")).to_have_count(0)
    logout(page)

    # The editor approves and publishes it.
    login(page, live_server, "editor", PASSWORD)
    page.goto(claim_url)
    expect(status).to_have_text("awaiting approval")
    page.locator("[data-approve]").click()  # the preview of the public ClaimReview first
    page.locator("[data-confirm-publish]").click()
    expect(status).to_have_text("published")
    expect(page.locator(".published-verdict")).to_contain_text("true")

    # The same page in German, and back.
    switch_language(page, "de")
    expect(page).to_have_url(claim_url)
    expect(status).to_have_text("veröffentlicht")
    expect(page.locator(".published-verdict")).to_contain_text("richtig")
    switch_language(page, "en")
    expect(status).to_have_text("published")

    page.goto(f"{live_server.url}/claims/?q=Fahrgäste")
    expect(page.locator(".claim-row").first).to_contain_text("Fahrgäste")
    screenshot(page, "06-search")


def test_a_reviewer_makes_one_of_the_other_sentences_a_claim(page, live_server, demo):
    login(page, live_server, "reviewer", PASSWORD)
    open_german_article(page)
    highlighted = page.locator("[data-article-body] [data-claim-id]")
    claims_before = highlighted.count()

    # The other sentences are collapsed under the claims, with their count.
    others = page.locator("[data-other-sentences]")
    expect(others.locator("summary")).to_contain_text("Other sentences (")
    sentence = others.locator("[data-other-sentence]").first
    expect(sentence).to_be_hidden()
    others.locator("summary").click()
    expect(sentence).to_be_visible()
    text = sentence.locator(".other-text").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    others.screenshot(path=ARTIFACTS / "07-other-sentences.png")

    # One click: the sentence is a claim, highlighted in the text where it stands.
    sentence.get_by_role("button", name="Make it a claim").click()
    expect(page.locator(".message.success")).to_contain_text("The sentence is now claim")
    promoted = page.locator("[data-article-body] [data-claim-id].promoted")
    expect(promoted).to_have_text(text)
    expect(highlighted).to_have_count(claims_before + 1)
    expect(others.locator("[data-other-sentence]").filter(has_text=text)).to_have_count(0)

    promoted.click()
    expect(page).to_have_url(re.compile(r"/claims/\d+/$"))
    expect(page.locator("[data-claim-status]")).to_have_text("new")


def test_an_anonymous_visitor_is_sent_to_the_login_page(page, live_server):
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/")
    expect(page.locator("input[name=username]")).to_be_visible()
    expect(page.locator("input[name=password]")).to_be_visible()


def test_the_article_and_claim_pages_work_with_the_keyboard(page, live_server, demo):
    login(page, live_server, "reviewer", PASSWORD)
    open_german_article(page)

    # The first Tab reaches the skip link; following it, a few Tabs reach a claim.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-claim-id]')"):
            break
    else:
        focused = page.evaluate("document.activeElement.outerHTML.slice(0, 200)")
        pytest.fail(f"five Tabs after the skip link did not reach a claim; focus is on {focused}")

    # Enter on the focused claim opens it; with the claim taken, every form is on the page.
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/claims/\d+/$"))
    page.get_by_role("button", name="Take this claim").click()
    expect(page.locator("[data-claim-status]")).to_have_text("assigned")
    expect(page.locator("[data-verdict-form]")).to_be_visible()

    controls = page.locator("input:not([type=hidden]), select, textarea")
    assert controls.count() >= 8  # language, split, merge, source (3), verdict (3), note
    unlabelled = controls.evaluate_all(
        """controls => controls.filter(control => {
            const label = control.id && document.querySelector(`label[for="${CSS.escape(control.id)}"]`);
            const aria = (control.getAttribute("aria-label") || "").trim();
            return !(label && label.textContent.trim()) && !aria;
        }).map(control => control.outerHTML)"""
    )
    assert unlabelled == []


def test_pages_work_under_the_content_security_policy(page, live_server, demo):
    """No page needs anything the policy forbids: Chromium reports every violation."""
    violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and violations.append(f"{page.url}: {message.text}")
        ),
    )

    page.goto(f"{live_server.url}/accounts/login/")
    login(page, live_server, "editor", PASSWORD)
    expect(page.locator(".bar").first).to_be_visible()  # the dashboard's bar charts
    open_german_article(page)
    page.locator("[data-article-body] [data-claim-id]").first.click()
    expect(page.locator("[data-claim-status]")).to_be_visible()
    switch_language(page, "en")  # the header's script submits the form

    page.goto(f"{live_server.url}/admin/claims/claim/")
    page.locator("#result_list tbody a").first.click()
    expect(page.locator("#content-main form")).to_be_visible()

    page.goto(f"{live_server.url}/api/docs/")
    expect(page.locator(".opblock").first).to_be_visible()  # Swagger UI rendered the schema

    assert violations == []
