"""The desk on a phone (390 px wide): every page fits the width, in both languages."""

import pytest
from django.urls import reverse

from claims.models import Article, Claim
from tests.ui.browsing import PASSWORD, login, screenshot, switch_language

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="en-US", viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("language", ["en", "de"])
def test_no_desk_page_is_wider_than_a_phone(phone, live_server, demo, language):
    login(phone, live_server, "editor", PASSWORD)
    if language != "en":
        switch_language(phone, language)
    article = Article.objects.order_by("pk").first()
    claim = Claim.objects.filter(article=article).order_by("pk").first()
    pages = {
        "dashboard": reverse("desk:dashboard"),
        "articles": reverse("desk:articles"),
        "new-article": reverse("desk:article-new"),
        "article": reverse("desk:article", args=[article.pk]),
        "claim": reverse("desk:claim", args=[claim.pk]),
        "search": reverse("desk:search") + "?q=Euro",
    }
    widths = {}
    for name, path in pages.items():
        phone.goto(f"{live_server.url}{path}")
        widths[name] = phone.evaluate("document.documentElement.scrollWidth")
        screenshot(phone, f"390px-{name}-{language}")
    assert widths == dict.fromkeys(pages, PHONE["width"])
