"""Feeds as other fact-checkers publish them, built for the tests."""

import json


def claimreview(n: int, *, claim: str | None = None, rating: str = "Falsch", **extra) -> dict:
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://faktencheck.example/pruefung-{n}",
        "claimReviewed": claim
        or f"Die Stadt hat im vergangenen Jahr {n} Millionen Euro für Radwege ausgegeben.",
        "datePublished": "2026-03-02",
        "author": {
            "@type": "Organization",
            "name": "Faktencheck Nord",
            "url": "https://faktencheck.example",
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 1,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": rating,
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Petra Albers"},
            "datePublished": "2026-02-20T09:30:00+01:00",
        },
    }
    review.update(extra)
    return review


def data_feed(*reviews: dict) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "dataFeedElement": list(reviews),
    }


def data_feed_bytes(*reviews: dict) -> bytes:
    return json.dumps(data_feed(*reviews)).encode()
