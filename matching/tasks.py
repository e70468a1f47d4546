"""Celery tasks for matching: thin wrappers around matching.services and matching.index."""

from celery import shared_task

from claims.models import Claim

from . import index, services


@shared_task
def fetch_feeds() -> str:
    """Fetch and import every active ClaimReview feed (Celery beat, queue "fetch").

    Idempotent: a review already stored with the same content is left untouched.
    """
    done = services.fetch_active_feeds()
    return f"{done['fetched']} fetched, {done['failed']} failed"


@shared_task
def match_article(article_id: int) -> str:
    """Index an article's claims and store their matches (after every extraction).

    Idempotent: indexing replaces an entry's keys, matching refreshes the stored
    candidates and keeps dismissed ones dismissed; a redelivery does the same again.
    """
    stored = index.match_article(article_id)
    return f"{stored} matches"


@shared_task
def index_claim(claim_id: int) -> str:
    """Index one claim again (its wording as checked may have changed when published) and
    refresh its matches. Idempotent, like match_article."""
    claim = Claim.objects.select_related("article").filter(pk=claim_id).first()
    if claim is None:
        return "no such claim"
    index.index_claim(claim)
    return f"{len(index.match_claim(claim))} matches"
