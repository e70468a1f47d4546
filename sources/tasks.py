"""Celery tasks for sources: thin wrappers around sources.services."""

import random

from celery import shared_task
from django.conf import settings

from claims.models import Article

from . import articles, services
from .models import Source


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def archive_source(self, source_id: int, recheck: bool = False) -> str:
    """Capture one source (queue "fetch"); retried with backoff when the failure may pass.

    Queue it with `services.request_archive`, which gives it the source's lease;
    a task without the lease leaves at once.
    """
    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        return "source deleted"
    # The same attempt keeps its id when a dead worker's task is handed out again.
    attempt_id = f"{self.request.id}:{self.request.retries}"
    try:
        return services.archive(
            source, task_id=self.request.id, attempt_id=attempt_id, recheck=recheck
        ).message
    except services.Retry as failure:
        if self.request.retries >= settings.FETCH_MAX_RETRIES:
            services.give_up(source, str(failure))
            return f"gave up: {failure}"
        delay = settings.FETCH_RETRY_DELAY * 2**self.request.retries
        delay *= random.uniform(0.8, 1.2)  # noqa: S311
        services.hold_for_retry(source, self.request.id, delay)
        raise self.retry(countdown=delay) from None


@shared_task
def recheck_sources() -> int:
    """Queue a fresh capture of every cited source that is due (Celery beat)."""
    due = services.sources_to_recheck()
    return sum(services.request_archive(source, recheck=True) for source in due)


@shared_task
def resume_archiving() -> str:
    """Send what waits in the outbox; queue again what a lost task left (Celery beat)."""
    queued = services.resume_archiving()
    sent = services.send_outbox()
    return f"{queued} queued again, {sent} sent"


# Named as it was when the claims app ran it, so that messages queued then still run.
@shared_task(name="claims.tasks.fetch_article", bind=True, acks_late=True)
def fetch_article(self, article_id: int, detect_language: bool = False) -> str:
    """Fetch an article sent by URL only (queue "fetch"), store its text and its claims."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return "article deleted"
    if article.fetch_status != Article.FetchStatus.PENDING:
        return "not waiting for its text"  # handed out again after it was done
    return articles.fetch_article_text(article, detect_language=detect_language)
