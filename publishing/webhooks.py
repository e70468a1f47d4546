"""Webhooks for API clients: registered per client, signed, retried, recorded, replayable.

Each delivery is a POST of JSON through the safe fetcher with the headers
    X-Claimtracker-Event: claim.published
    X-Claimtracker-Delivery: <delivery id>
    X-Claimtracker-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<delivery id>.<body>">
signed with the endpoint's secret, so a receiver can check origin and freshness, and
de-duplicate by delivery id without trusting an unsigned header.
"""

import hashlib
import hmac
import json
import secrets
import time

from django.db import transaction
from django.utils import timezone

from claims.models import ApiClient
from sources.fetcher import FetchFailed, FetchRefused, check_url, fetch
from sources.services import fetch_policy

from . import tasks  # tasks imports this module too: names are looked up on use
from .models import WebhookDelivery, WebhookEndpoint, WebhookEvent

Status = WebhookDelivery.Status


class DeliveryFailed(Exception):
    """This attempt did not reach the receiver or was refused by it; try again later."""


class EndpointRefused(ValueError):
    """A webhook URL the deliveries would never be allowed to reach; the message says why."""


def register(client: ApiClient, *, url: str, events: list[str]) -> WebhookEndpoint:
    """A new endpoint, if the safe fetcher may reach its URL (else EndpointRefused)."""
    try:
        check_url(url, fetch_policy())
    except (FetchRefused, FetchFailed) as refused:
        # Refused now rather than at every delivery: loopback, private and
        # cloud metadata addresses are never reached, whatever the client asks.
        raise EndpointRefused(refused.reason) from None
    return WebhookEndpoint.objects.create(
        client=client, url=url, events=sorted(set(events)), secret=secrets.token_hex(32)
    )


def signature(secret: str, timestamp: int, delivery_id: int, body: bytes) -> str:
    message = f"{timestamp}.{delivery_id}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def emit(client: ApiClient | None, event: WebhookEvent, data: dict) -> list[WebhookDelivery]:
    """Queue `event` for every active endpoint of the client that asked for it."""
    if client is None:
        return []
    event = WebhookEvent(event).value
    payload = {"event": event, "created_at": timezone.now().isoformat(), "data": data}
    deliveries = [
        WebhookDelivery.objects.create(endpoint=endpoint, event=event, payload=payload)
        for endpoint in client.webhooks.filter(active=True)
        if event in endpoint.events
    ]
    for delivery in deliveries:
        _queue(delivery)
    return deliveries


def replay(delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a recorded delivery again, as a new delivery with the same payload."""
    again = WebhookDelivery.objects.create(
        endpoint=delivery.endpoint,
        event=delivery.event,
        payload=delivery.payload,
        replay_of=delivery,
    )
    _queue(again)
    return again


def _queue(delivery: WebhookDelivery):
    transaction.on_commit(lambda: tasks.deliver_webhook.delay(delivery.pk))


def deliver(delivery: WebhookDelivery) -> WebhookDelivery:
    """One attempt; records what happened and raises DeliveryFailed when it should be retried."""
    body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
    timestamp = int(time.time())
    headers = [
        ("Content-Type", "application/json"),
        ("X-Claimtracker-Event", delivery.event),
        ("X-Claimtracker-Delivery", str(delivery.pk)),
        (
            "X-Claimtracker-Signature",
            f"t={timestamp},v1={signature(delivery.endpoint.secret, timestamp, delivery.pk, body)}",
        ),
    ]
    delivery.attempts += 1
    try:
        with fetch(delivery.endpoint.url, fetch_policy(), post=body, headers=headers) as result:
            delivery.response_status = result.status
            delivery.response_body = result.content[:2000].decode("utf-8", "replace")
            delivered = 200 <= result.status < 300
            delivery.last_error = "" if delivered else f"The receiver answered {result.status}."
    except FetchRefused as refused:
        delivery.status, delivery.last_error = Status.FAILED, refused.reason
        delivery.save()
        return delivery  # refused addresses stay refused: no retry
    except FetchFailed as failure:
        delivered = False
        delivery.last_error = failure.reason
    if delivered:
        delivery.status, delivery.delivered_at = Status.DELIVERED, timezone.now()
    delivery.save()
    if not delivered:
        raise DeliveryFailed(delivery.last_error)
    return delivery


def give_up(delivery: WebhookDelivery):
    delivery.status = Status.FAILED
    delivery.save(update_fields=["status"])
