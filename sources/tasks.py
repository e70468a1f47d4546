"""Celery tasks for sources: thin wrappers around sources.services."""

import random

from celery import shared_task
from django.conf import settings

from . import services
from .models import Source


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def archive_source(self, source_id: int, recheck: bool = False) -> str:
    """Capture one source (queue "fetch"); retried with backoff when the failure may pass."""
    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        return "source deleted"
    # The same attempt keeps its id when a dead worker's task is handed out again.
    attempt_id = f"{self.request.id}:{self.request.retries}" if self.request.id else None
    try:
        return services.archive(source, attempt_id=attempt_id, recheck=recheck).message
    except services.Retry as failure:
        if self.request.retries >= settings.FETCH_MAX_RETRIES:
            services.give_up(source, str(failure))
            return f"gave up: {failure}"
        delay = settings.FETCH_RETRY_DELAY * 2**self.request.retries
        raise self.retry(countdown=delay * random.uniform(0.8, 1.2)) from None  # noqa: S311


@shared_task
def recheck_sources() -> int:
    """Queue a fresh capture of every cited source that is due (Celery beat)."""
    due = list(services.sources_to_recheck().values_list("pk", flat=True))
    for source_id in due:
        archive_source.delay(source_id, recheck=True)
    return len(due)
