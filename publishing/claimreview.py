"""schema.org ClaimReview (JSON-LD) for published verdicts, and for a draft as it would be published."""

import json

from django.conf import settings
from django.utils import timezone

from claims.models import Article, Claim, Verdict


def _verdicts(claim: Claim) -> list:
    # Prefetched verdicts without cloning a queryset per claim (it adds up over 50 claims).
    cached = getattr(claim, "_prefetched_objects_cache", {}).get("verdicts")
    return list(cached) if cached is not None else list(claim.verdicts.all())


def current_verdict(claim: Claim) -> Verdict | None:
    """The published verdict in force (a correction replaces its predecessor)."""
    published = [v for v in _verdicts(claim) if v.is_in_force]
    return max(published, key=lambda v: v.published_at, default=None)


def first_publication(claim: Claim):
    dates = [v.published_at for v in _verdicts(claim) if v.published_at]
    return min(dates, default=None)


def claim_review(claim: Claim, verdict: Verdict, *, now=None) -> dict:
    """The ClaimReview of `verdict`, as the API serves it once published.

    A draft (the editor's preview) is shown as if published at `now`: the one
    function builds both, so the preview is what readers will get.
    """
    article: Article = claim.article
    published_at = verdict.published_at or now or timezone.now()
    rating = verdict.rating
    review_rating = {
        "@type": "Rating",
        "bestRating": rating.best_rating,
        "worstRating": rating.worst_rating,
        "alternateName": rating.alternate_name(article.language),
    }
    if rating.rating_value is not None:
        review_rating["ratingValue"] = rating.rating_value
    item = {"@type": "Claim", "appearance": _appearance(article)}
    if claim.speaker_name:
        item["author"] = {"@type": "Person", "name": claim.speaker_name}
        if claim.speaker_role:
            item["author"]["jobTitle"] = claim.speaker_role
    elif claim.claimant:
        # Never the attributing words: "nach eigenen Angaben" is nobody's name.
        item["author"] = {"@type": "Organization", "name": claim.claimant}
    if article.published_at:
        item["datePublished"] = article.published_at.date().isoformat()
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{settings.NEWSROOM_URL.rstrip('/')}/fact-checks/{claim.pk}",
        "claimReviewed": claim.reviewed_text or claim.text,
        "reviewRating": review_rating,
        "itemReviewed": item,
        "author": {
            "@type": "Organization",
            "name": settings.NEWSROOM_NAME,
            "url": settings.NEWSROOM_URL,
        },
        "datePublished": (first_publication(claim) or published_at).date().isoformat(),
        "inLanguage": article.language,
        "reviewBody": verdict.summary,
    }
    if verdict.corrects_id:
        review["dateModified"] = published_at.isoformat()
    return review


def _appearance(article: Article) -> dict:
    appearance = {"@type": "CreativeWork", "headline": article.title}
    if article.url:
        appearance["url"] = article.url
    if article.outlet:
        appearance["publisher"] = {"@type": "Organization", "name": article.outlet}
    return appearance


def article_reviews(article: Article) -> list[dict]:
    reviews = []
    for claim in article.claims.all():
        verdict = current_verdict(claim)
        if verdict:
            review = claim_review(claim, verdict)
            review.pop("@context")
            reviews.append(review)
    return reviews


# Escaped so that a CMS can inline the JSON-LD in a <script> tag as it is: neither
# "</script>" nor "<!--" can appear in it. The escapes are plain JSON.
_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def to_json_ld(document: dict, indent: int | None = None) -> str:
    """The document as JSON text that is safe inside an HTML <script> element."""
    text = json.dumps(document, ensure_ascii=False, default=str, indent=indent)
    return text.translate(_SCRIPT_SAFE)
