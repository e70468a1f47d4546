"""axe-core, injected into the desk's pages in Chromium: no serious or critical violation.

axe-core comes from the npm registry at install time (package.json, `make test` runs
`npm ci`); each page's counts by impact land in test-artifacts/axe-<page>-<lang>.json.
"""

import json

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from claims.models import Article, Claim
from tests.ui.browsing import ARTIFACTS, PASSWORD, ROOT, login, switch_language

pytestmark = pytest.mark.django_db(transaction=True)

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


def axe_violations(page: Page) -> list[dict]:
    # Run through the DevTools protocol, as the page's own scripts are not: the strict
    # Content-Security-Policy stays on for the page itself.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate("async () => (await axe.run(document)).violations")


def audit(page: Page, name: str, language: str) -> list[dict]:
    violations = axe_violations(page)
    counts = {}
    for violation in violations:
        counts[violation["impact"]] = counts.get(violation["impact"], 0) + len(violation["nodes"])
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"axe-{name}-{language}.json").write_text(
        json.dumps({"counts": counts, "violations": violations}, indent=1), encoding="utf-8"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in BLOCKING
    ]


def desk_pages() -> dict[str, str]:
    article = Article.objects.order_by("pk").first()
    claim = Claim.objects.filter(article=article).order_by("pk").first()
    return {
        "dashboard": reverse("desk:dashboard"),
        "articles": reverse("desk:articles"),
        "new-article": reverse("desk:article-new"),
        "article": reverse("desk:article", args=[article.pk]),
        "claim": reverse("desk:claim", args=[claim.pk]),
        "search": reverse("desk:search") + "?q=Millionen",
    }


@pytest.fixture(scope="module")
def axe_available():
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test` (it runs `npm ci`) or `npm ci`.")


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_desk_pages_have_no_serious_accessibility_violation(
    page, live_server, demo, axe_available, language
):
    login(page, live_server, "reviewer", PASSWORD)
    if language != "en":
        switch_language(page, language)
    found = {}
    for name, path in desk_pages().items():
        page.goto(f"{live_server.url}{path}")
        found[name] = audit(page, name, language)
    assert found == {name: [] for name in found}
