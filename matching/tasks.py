"""Celery tasks for matching: thin wrappers around matching.services."""

from celery import shared_task

from . import services


@shared_task
def fetch_feeds() -> str:
    """Fetch and import every active ClaimReview feed (Celery beat, queue "fetch").

    Idempotent: a review already stored with the same content is left untouched.
    """
    done = services.fetch_active_feeds()
    return f"{done['fetched']} fetched, {done['failed']} failed"
