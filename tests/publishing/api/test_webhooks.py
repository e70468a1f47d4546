"""Webhooks through a real Celery worker to a real local receiver."""

import hashlib
import hmac
import json
import time

import pytest
from django.urls import reverse

from claims import workflow
from claims.models import Claim, Rating
from publishing import webhooks
from publishing.models import WebhookDelivery, WebhookEndpoint
from tests.factories import EditorFactory, ReviewerFactory
from tests.worker import Worker, purge_queues, wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BODY = "Die Stadt zählte 2025 rund 85 Millionen Fahrgäste."


@pytest.fixture
def worker(tmp_path):
    purge_queues()
    running = Worker(tmp_path / "worker.log", WEBHOOK_RETRY_DELAY="0.2").start()
    yield running
    running.stop()
    purge_queues()


def register(cms, url, events):
    response = cms.post(reverse("api:webhook-list"), {"url": url, "events": events}, format="json")
    assert response.status_code == 201
    return response.json()


def publish_first_claim(cms):
    data = cms.post(
        reverse("api:article-list"), {"title": "Fahrgäste", "body": BODY}, format="json"
    ).json()
    claim = Claim.objects.get(pk=data["claims"][0]["id"])
    reviewer, editor = ReviewerFactory(), EditorFactory()
    workflow.assign_claim(claim, assignee=reviewer, by=editor)
    workflow.propose_verdict(
        claim, rating=Rating.objects.get(slug="false"), summary="Falsch.", by=reviewer
    )
    workflow.approve_and_publish(claim, by=editor)
    return claim


def valid_signature(secret, received):
    header = received["headers"]["X-Claimtracker-Signature"]
    fields = dict(part.split("=", 1) for part in header.split(","))
    delivery = received["headers"]["X-Claimtracker-Delivery"]
    signed = f"{fields['t']}.{delivery}.".encode() + received["body"]
    expected = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, fields["v1"]) and abs(time.time() - int(fields["t"])) < 300


def test_a_published_claim_is_delivered_signed(cms, receiver, worker):
    endpoint = register(cms, receiver.url, ["claim.published"])
    claim = publish_first_claim(cms)
    assert wait_for(lambda: receiver.received), worker.log_path.read_text()[-2000:]
    (received,) = receiver.received
    assert valid_signature(endpoint["secret"], received)
    payload = json.loads(received["body"])
    assert payload["event"] == "claim.published"
    assert payload["data"]["claim"] == claim.pk
    assert payload["data"]["claimreview"]["@type"] == "ClaimReview"
    delivery = WebhookDelivery.objects.get()
    assert wait_for(lambda: WebhookDelivery.objects.get().status == "delivered")
    assert delivery.event == "claim.published"


def test_a_failed_delivery_is_retried_and_recorded(cms, receiver, worker):
    receiver.failures = 1
    register(cms, receiver.url, ["claim.published"])
    publish_first_claim(cms)
    assert wait_for(lambda: WebhookDelivery.objects.filter(status="delivered").exists(), timeout=30)
    delivery = WebhookDelivery.objects.get()
    assert delivery.attempts == 2 and delivery.response_status == 200
    assert len(receiver.received) == 2


def test_a_delivery_can_be_replayed(cms, receiver, worker):
    register(cms, receiver.url, ["claim.published"])
    publish_first_claim(cms)
    assert wait_for(lambda: WebhookDelivery.objects.filter(status="delivered").exists())
    first = WebhookDelivery.objects.get()
    response = cms.post(reverse("api:delivery-replay", args=[first.pk]))
    assert response.status_code == 202
    assert wait_for(lambda: len(receiver.received) == 2)
    assert receiver.received[0]["body"] == receiver.received[1]["body"]


def test_an_article_sent_by_url_is_fetched_extracted_and_announced(cms, receiver, worker, web):
    register(cms, receiver.url, ["article.extracted"])
    response = cms.post(
        reverse("api:article-list"),
        {"title": "Von der Website", "url": web.url("/article")},
        format="json",
    )
    assert response.status_code == 202 and response.json()["status"] == "pending"
    url = reverse("api:article-detail", args=[response.json()["id"]])
    assert wait_for(lambda: cms.get(url).json()["status"] == "fetched"), (
        worker.log_path.read_text()[-2000:]
    )
    article = cms.get(url).json()
    assert any("85 Millionen" in c["text"] for c in article["claims"])
    assert wait_for(lambda: receiver.received)
    assert json.loads(receiver.received[0]["body"])["event"] == "article.extracted"


def test_a_webhook_to_an_internal_address_is_refused_not_retried(cms):
    # Registered before its address became internal (or before registration checked it).
    endpoint = WebhookEndpoint.objects.create(
        client=cms.cms, url="http://10.1.2.3/hooks", events=["claim.published"], secret="s"
    )
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event="claim.published", payload={}
    )
    webhooks.deliver(delivery)
    delivery.refresh_from_db()
    assert delivery.status == "failed" and "10.1.2.3" in delivery.last_error


def test_webhook_registration_validates_events(cms):
    response = cms.post(
        reverse("api:webhook-list"),
        {"url": "https://cms.example/h", "events": ["nope"]},
        format="json",
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hooks",  # loopback
        "http://localhost/hooks",
        "http://10.1.2.3/hooks",  # private
        "http://192.168.0.10/hooks",
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata
        "http://[::1]/hooks",
    ],
)
def test_a_webhook_to_an_internal_address_is_refused_at_registration(cms, url):
    response = cms.post(
        reverse("api:webhook-list"), {"url": url, "events": ["claim.published"]}, format="json"
    )
    assert response.status_code == 400
    assert "not fetched" in response.json()["error"]
    assert not WebhookEndpoint.objects.exists()
