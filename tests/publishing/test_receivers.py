"""What the CMS hears about workflow events: each becomes a webhook delivery."""

import pytest
from django.utils import timezone

from claims import workflow
from claims.models import Claim
from publishing.models import WebhookDelivery, WebhookEndpoint
from tests.factories import (
    ApiClientFactory,
    ArticleFactory,
    ClaimFactory,
    EditorFactory,
    ReviewerFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


def test_withdrawing_a_published_verdict_notifies_the_cms(django_capture_on_commit_callbacks):
    client = ApiClientFactory()
    WebhookEndpoint.objects.create(
        client=client, url="https://cms.example/hook", events=["claim.withdrawn"], secret="s"
    )
    claim = ClaimFactory(
        article=ArticleFactory(api_client=client, external_id="a-1"),
        status=Claim.Status.PUBLISHED,
    )
    VerdictFactory(
        claim=claim, author=ReviewerFactory(), approver=EditorFactory(), published_at=timezone.now()
    )
    editor = EditorFactory()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.withdraw_verdict(claim, reason="Die Quelle war gefälscht.", by=editor)
    delivery = WebhookDelivery.objects.get(event="claim.withdrawn")
    assert delivery.payload["data"]["claim"] == claim.pk
    assert delivery.payload["data"]["reason"] == "Die Quelle war gefälscht."
