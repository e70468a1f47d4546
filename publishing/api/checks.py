"""System checks for what the API publishes."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, register

# Host names that are never a real site (RFC 2606, RFC 6761), e.g. the placeholder default.
NOT_A_SITE = (".example", ".invalid", ".test", ".localhost")


@register("claimreview", deploy=True)
def check_newsroom_url(app_configs=None, **kwargs):
    """ClaimReview's `url` must be the newsroom's page that shows the fact-check.

    Google ignores (or flags) markup whose url is not the page hosting it, so a
    production site (DEBUG off) must say where its fact-checks are published.
    A deployment check (`manage.py check --deploy`): every other command, such as
    extract_claims, works without it.
    """
    if settings.DEBUG:
        return []
    host = (urlsplit(settings.NEWSROOM_URL).hostname or "").lower()
    if host and not f".{host}".endswith(NOT_A_SITE) and host != "localhost":
        return []
    return [
        Error(
            f"NEWSROOM_URL is “{settings.NEWSROOM_URL}”, not the newsroom's site.",
            hint=(
                "Set NEWSROOM_URL to the site that publishes the fact-checks (ClaimReview "
                "urls are NEWSROOM_URL/fact-checks/<claim id>); it is required when DEBUG is off."
            ),
            id="claims.E001",
        )
    ]
