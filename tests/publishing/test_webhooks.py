"""Webhook signing and which endpoints hear which event (no delivery here; see api/)."""

import hashlib
import hmac

import pytest

from publishing import webhooks
from publishing.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from tests.factories import ApiClientFactory

pytestmark = pytest.mark.django_db


def endpoint(client, events, active=True):
    return WebhookEndpoint.objects.create(
        client=client, url="https://cms.example/hook", events=events, secret="s3cret", active=active
    )


def test_the_signature_is_an_hmac_of_time_delivery_id_and_body():
    expected = hmac.new(b"s3cret", b"1700000000.42.{}", hashlib.sha256).hexdigest()
    assert webhooks.signature("s3cret", 1_700_000_000, 42, b"{}") == expected


def test_a_changed_body_changes_the_signature():
    assert webhooks.signature("s", 1, 1, b'{"a":1}') != webhooks.signature("s", 1, 1, b'{"a":2}')


def test_an_event_reaches_only_active_endpoints_that_asked_for_it(
    django_capture_on_commit_callbacks,
):
    client = ApiClientFactory()
    wants = endpoint(client, ["claim.published"])
    endpoint(client, ["article.extracted"])
    endpoint(client, ["claim.published"], active=False)
    endpoint(ApiClientFactory(), ["claim.published"])  # another client's
    deliveries = webhooks.emit(client, WebhookEvent.CLAIM_PUBLISHED, {"claim": 1})
    assert [d.endpoint for d in deliveries] == [wants]
    assert deliveries[0].payload["event"] == "claim.published"
    assert WebhookDelivery.objects.count() == 1


def test_an_article_without_a_client_announces_to_nobody():
    assert webhooks.emit(None, WebhookEvent.CLAIM_PUBLISHED, {}) == []


def test_an_unknown_event_name_is_refused():
    with pytest.raises(ValueError):
        webhooks.emit(ApiClientFactory(), "claim.eaten", {})
