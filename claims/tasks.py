"""Celery tasks for articles and webhooks: thin wrappers around services."""

import random

from celery import shared_task
from django.conf import settings

from . import ranking, services, webhooks
from .models import Article, WebhookDelivery


@shared_task(bind=True, acks_late=True, max_retries=None)
def deliver_webhook(self, delivery_id: int) -> str:
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or delivery.status == WebhookDelivery.Status.DELIVERED:
        return "nothing to do"
    try:
        webhooks.deliver(delivery)
    except webhooks.DeliveryFailed as failure:
        if self.request.retries >= settings.WEBHOOK_MAX_RETRIES:
            webhooks.give_up(delivery)
            return f"gave up: {failure}"
        delay = settings.WEBHOOK_RETRY_DELAY * 2**self.request.retries
        raise self.retry(countdown=delay * random.uniform(0.8, 1.2)) from None  # noqa: S311
    return delivery.status


@shared_task(bind=True, acks_late=True)
def fetch_article(self, article_id: int) -> str:
    """Fetch an article sent by URL only, extract its text and its claims."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return "article deleted"
    return services.fetch_article_text(article)


# Training reads every decision's sentence: longer than the default limits of a task.
@shared_task(acks_late=True, soft_time_limit=30 * 60, time_limit=31 * 60)
def train_checkworthiness_nightly() -> str:
    """Fit the desk's check-worthiness model, when it took decisions since the last one."""
    if not ranking.has_new_decisions():
        return "no new decisions"
    try:
        version = ranking.train_desk_model()
    except ranking.TrainingError as refused:
        return str(refused)
    return f"{version.version}: {version.note}"
