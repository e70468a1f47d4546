"""In a real browser: a reviewer proposes a verdict, an editor previews the public
ClaimReview (card and JSON-LD) and publishes it from there, in English and in German."""

import json
import re

import pytest
from playwright.sync_api import expect

from claims.demo import GERMAN
from claims.models import Claim
from tests.factories import EvidenceFactory
from tests.ui.browsing import PASSWORD, login, logout, screenshot, switch_language

pytestmark = pytest.mark.django_db(transaction=True)

SUMMARY = "Der Stadtrat hat 42 Kilometer beschlossen; das steht im Protokoll vom März."


def propose_a_verdict(page, live_server) -> str:
    """The reviewer takes the German demo article's first claim and proposes a verdict."""
    claim = Claim.objects.filter(article__title=GERMAN.title).order_by("start").first()
    EvidenceFactory(
        claim=claim, source__title="Protokoll der Ratssitzung", stance="supports"
    )  # a cited source, as the card lists it
    login(page, live_server, "reviewer", PASSWORD)
    claim_url = f"{live_server.url}/claims/{claim.pk}/"
    page.goto(claim_url)
    page.get_by_role("button", name="Take this claim").click()
    expect(page.locator("[data-claim-status]")).to_have_text("assigned")
    page.select_option("select[name=rating]", label="true")
    page.fill("textarea[name=summary]", SUMMARY)
    page.get_by_role("button", name="Propose verdict for approval").click()
    expect(page.locator("[data-claim-status]")).to_have_text("awaiting approval")
    expect(page.locator("[data-approve]")).to_have_count(0)  # four eyes
    logout(page)
    return claim_url


def test_an_editor_previews_the_claimreview_and_publishes_it(page, live_server, demo):
    claim_url = propose_a_verdict(page, live_server)
    login(page, live_server, "editor", PASSWORD)
    page.goto(claim_url)
    page.get_by_role("link", name="Preview and publish").click()
    expect(page).to_have_url(re.compile(r"/publishing/claims/\d+/preview/$"))
    expect(page.locator("h1")).to_have_text("Preview before publishing")

    card = page.locator("[data-preview-card]")
    expect(card.locator("[data-preview-rating]")).to_have_text("richtig")  # the readers' language
    expect(card.locator("[data-preview-summary]")).to_contain_text(SUMMARY)
    expect(card.locator("[data-preview-sources]")).to_contain_text("Protokoll der Ratssitzung")
    json_ld = json.loads(page.locator("[data-json-ld]").inner_text())
    assert json_ld["@type"] == "ClaimReview" and json_ld["reviewBody"] == SUMMARY
    expect(card.locator("[data-preview-claim]")).to_have_text(json_ld["claimReviewed"])
    screenshot(page, "publish-preview-en")

    page.get_by_role("button", name="Publish now").click()
    expect(page).to_have_url(re.compile(r"/claims/\d+/(#workflow)?$"))
    expect(page.locator("[data-claim-status]")).to_have_text("published")
    expect(page.locator(".message.success")).to_contain_text("published")


def test_the_preview_in_german_and_on_a_phone(page, live_server, demo):
    claim_url = propose_a_verdict(page, live_server)
    login(page, live_server, "editor", PASSWORD)
    page.goto(claim_url)
    switch_language(page, "de")
    page.locator("[data-approve]").click()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator("[data-preview-card]")).to_have_attribute("lang", "de")
    expect(page.locator("[data-preview-rating]")).to_have_text("richtig")
    expect(page.locator("[data-json-ld]")).to_contain_text('"@type": "ClaimReview"')
    screenshot(page, "publish-preview-de")

    page.set_viewport_size({"width": 390, "height": 844})
    # Nothing wider than the phone: the JSON-LD wraps instead of pushing the page sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "publish-preview-de-390")

    page.locator("[data-confirm-publish]").click()
    expect(page.locator("[data-claim-status]")).to_have_text("veröffentlicht")
