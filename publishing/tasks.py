"""Celery tasks of the CMS side: thin wrappers around services.

The tasks keep the names they had before this app existed, so messages queued by
an earlier release are still understood. Fetching an article sent by URL only
(`claims.tasks.fetch_article`) is sources' task now (sources.tasks).
"""

import random

from celery import shared_task
from django.conf import settings

from . import webhooks
from .models import WebhookDelivery


@shared_task(name="claims.tasks.deliver_webhook", bind=True, acks_late=True, max_retries=None)
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
