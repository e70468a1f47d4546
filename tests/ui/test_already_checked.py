"""In a real browser: a reviewer opens an English claim that repeats a German one the
desk published, sees it under "Already checked", reuses its verdict, and an editor
publishes it. Matching runs as it does in production: a real worker, after extraction."""

import re
import time

import pytest
from playwright.sync_api import expect

from claims import services, workflow
from claims.models import Article, Claim, Rating
from matching.models import MatchCandidate
from tests.ui.browsing import PASSWORD, login, logout, screenshot, switch_language
from tests.ui.test_accessibility import audit

pytestmark = pytest.mark.django_db(transaction=True)

HARLOW_DE = (
    "Harlow Foods hat 2025 rund eine Milliarde Dollar Umsatz gemacht, sagte Finanzchef "
    "Brad Glasser am Dienstag in Hamburg."
)
HARLOW_EN = (
    "Harlow Foods made about $1 billion in revenue in 2025, chief financial officer "
    "Brad Glasser said on Tuesday in Hamburg."
)
SUMMARY_DE = "Laut Geschäftsbericht lag der Umsatz 2025 bei 610 Millionen Dollar."
MATCHING_TIMEOUT = 60.0  # the worker extracts nothing here, but loads the matcher once


def publish_german_claim(reviewer, editor) -> Claim:
    article = Article(title="Harlow Foods: Umsatz", body=HARLOW_DE, language="de")
    services.save_article(article)
    claim = article.claims.get()
    claim = workflow.take_claim(claim, by=reviewer)
    workflow.propose_verdict(
        claim, rating=Rating.objects.get(slug="false"), summary=SUMMARY_DE, by=reviewer
    )
    workflow.approve_and_publish(Claim.objects.get(pk=claim.pk), by=editor)
    return claim


def english_claim_matched_by_the_worker() -> Claim:
    article = Article(title="Harlow Foods revenue", body=HARLOW_EN, language="en")
    services.save_article(article)  # extraction, then the worker matches the claims
    claim = article.claims.get()
    deadline = time.monotonic() + MATCHING_TIMEOUT
    while not MatchCandidate.objects.filter(claim=claim, entry__is_published=True).exists():
        assert time.monotonic() < deadline, "the worker did not match the English claim"
        time.sleep(0.3)
    return claim


def test_a_reviewer_reuses_a_published_verdict_and_an_editor_publishes_it(
    page, live_server, demo, worker, django_user_model
):
    reviewer = django_user_model.objects.get(username="reviewer")
    editor = django_user_model.objects.get(username="editor")
    german = publish_german_claim(reviewer, editor)
    english = english_claim_matched_by_the_worker()

    login(page, live_server, "reviewer", PASSWORD)
    page.goto(f"{live_server.url}/articles/{english.article_id}/")
    expect(
        page.locator(f'[data-side-claim="{english.pk}"] ~ [data-checked-before]')
    ).to_be_visible()
    page.goto(f"{live_server.url}/claims/{english.pk}/")
    page.locator("[data-already-checked-link]").click()
    panel = page.locator("[data-already-checked]")
    match = panel.locator("[data-match]").first
    expect(match).to_contain_text("our desk")
    expect(match.locator("[data-match-rating]")).to_have_text("false")
    expect(match.locator("[data-match-reasons]")).to_contain_text("1 billion USD")
    expect(match.get_by_role("link", name=f"claim {german.pk}")).to_be_visible()
    assert audit(page, "claim-already-checked", "en") == []
    screenshot(page, "already-checked-en")

    match.get_by_role("button", name="Reuse this verdict").click()
    expect(page).to_have_url(re.compile(rf"/claims/{english.pk}/#already-checked$"))
    expect(page.locator(".message.success")).to_contain_text(
        "Verdict proposed from an earlier fact-check"
    )
    expect(page.locator("[data-claim-status]")).to_have_text("awaiting approval")
    expect(page.locator("[data-approve]")).to_have_count(0)  # four eyes
    logout(page)

    login(page, live_server, "editor", PASSWORD)
    page.goto(f"{live_server.url}/claims/{english.pk}/")
    switch_language(page, "de")
    expect(page.locator("#already-checked-heading")).to_have_text("Schon geprüft")
    expect(page.locator("[data-match-rating]").first).to_have_text("falsch")
    assert audit(page, "claim-already-checked", "de") == []
    screenshot(page, "already-checked-de")
    page.locator("[data-approve]").click()
    expect(page.locator("[data-preview-summary]")).to_contain_text(SUMMARY_DE)
    page.locator("[data-confirm-publish]").click()
    expect(page.locator("[data-claim-status]")).to_have_text("veröffentlicht")
    assert Claim.objects.get(pk=english.pk).status == Claim.Status.PUBLISHED
