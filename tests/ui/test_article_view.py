"""The article page in Chromium: claims highlighted by check-worthiness with a legend,
faint other sentences promoted with one click, the claim list one tap away on a phone."""

import pytest
from playwright.sync_api import expect

from claims.demo import GERMAN
from tests.ui.browsing import (
    ARTIFACTS,
    PASSWORD,
    TIMEOUT_MS,
    login,
    screenshot,
)

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="en-US", viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def open_as_reviewer(page, live_server, language="en"):
    login(page, live_server, "reviewer", PASSWORD)
    if language != "en":
        page.select_option("select#language", language)
        expect(page.locator("html")).to_have_attribute("lang", language)
    page.goto(f"{live_server.url}/articles/")
    page.get_by_role("link", name=GERMAN.title).click()
    expect(page.locator("h1")).to_have_text(GERMAN.title)


def screenshot_viewport(page, name):
    """What the phone shows after the jump, not the whole page."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png")


def background(locator) -> str:
    return locator.evaluate("element => getComputedStyle(element).backgroundColor")


def test_claims_are_highlighted_as_strongly_as_they_are_check_worthy(page, live_server, demo):
    open_as_reviewer(page, live_server)
    marks = page.locator("[data-article-body] [data-claim-id]")
    expect(marks.first).to_be_visible()
    levels = set(marks.evaluate_all("marks => marks.map(mark => mark.dataset.level)"))
    assert len(levels) >= 2, levels  # the demo article has claims of several strengths
    shades = {
        level: background(marks.and_(page.locator(f'[data-level="{level}"]')).first)
        for level in levels
    }
    assert len(set(shades.values())) == len(levels), shades

    legend = page.locator("[data-checkworthiness-legend]")
    expect(legend).to_be_visible()
    expect(legend.locator("[data-level]")).to_have_count(4)
    for level in levels:
        swatch = legend.locator(f'[data-level="{level}"]')
        expect(swatch).to_be_visible()
        assert background(swatch) == shades[level]  # the legend shows what the text shows
    screenshot(page, "article-ranked")


def test_the_side_list_is_ranked_and_follows_the_page(page, live_server, demo):
    page.set_viewport_size({"width": 1280, "height": 600})
    open_as_reviewer(page, live_server)
    scores = page.locator("[data-claims-panel] [data-ranked-claim] meter").evaluate_all(
        "meters => meters.map(meter => meter.value)"
    )
    assert len(scores) >= 5 and scores == sorted(scores, reverse=True)
    assert all(0 < score <= 1 for score in scores)

    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_function("window.scrollY > 0")
    panel = page.locator("[data-claims-panel]").bounding_box()
    assert panel["y"] >= 0 and panel["y"] + panel["height"] <= 600  # still all in view


def test_one_click_on_a_faint_sentence_makes_it_a_claim(page, live_server, demo):
    open_as_reviewer(page, live_server)
    faint = page.locator("[data-article-body] [data-faint-sentence]").first
    expect(faint).to_be_visible()
    text = faint.inner_text()
    assert faint.evaluate("el => getComputedStyle(el).color") != background(page.locator("body"))
    button = faint.locator("xpath=following-sibling::button[1]")
    expect(button).to_have_accessible_name("Make it a claim")

    button.click()
    expect(page.locator(".message.success")).to_contain_text("The sentence is now claim")
    promoted = page.locator("[data-article-body] [data-claim-id].promoted")
    expect(promoted).to_have_text(text)
    expect(
        page.locator("[data-article-body] [data-faint-sentence]").filter(has_text=text)
    ).to_have_count(0)
    # It ranks low, yet the side panel shows it without scrolling by hand.
    expect(page.locator("[data-claims-panel] li.promoted")).to_be_in_viewport()
    screenshot(page, "article-promoted")


def test_a_faint_sentence_is_promoted_with_the_keyboard(page, live_server, demo):
    open_as_reviewer(page, live_server)
    faint = page.locator("[data-article-body] [data-faint-sentence]").last
    text = faint.inner_text()
    page.locator("[data-article-body] [data-claim-id]").last.focus()
    page.keyboard.press("Tab")  # the last claim is followed by the last faint sentence's button
    focused = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    assert focused == faint.get_attribute("id")
    page.keyboard.press("Enter")
    expect(page.locator("[data-article-body] [data-claim-id].promoted")).to_have_text(text)


@pytest.mark.parametrize("language", ["en", "de"])
def test_on_a_phone_the_claim_list_is_one_tap_away(phone, live_server, demo, language):
    open_as_reviewer(phone, live_server, language)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, f"article-390-{language}")

    to_claims = phone.locator('[data-article-jump] a[href="#claims"]')
    box = to_claims.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]  # on the first screen
    to_claims.click()
    heading = phone.locator("#claims-heading")
    expect(heading).to_be_in_viewport()
    expect(phone.locator("[data-ranked-claim]").first).to_be_in_viewport()
    # The scores are numbers in German too (no "0,8" in the meter's value).
    assert phone.locator("[data-ranked-claim] meter").first.evaluate("meter => meter.value") > 0
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot_viewport(phone, f"article-390-claims-{language}")

    # The jump links stay at the top of the screen: back to the text in one tap.
    back = phone.locator('[data-article-jump] a[href="#article-text"]')
    expect(back).to_be_in_viewport()
    back.click()
    expect(phone.locator("#article-title")).to_be_in_viewport()
