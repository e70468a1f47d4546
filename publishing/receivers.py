"""What the CMS hears about: the domain's and the archive's signals turned into webhooks."""

from claims import signals as claim_signals
from claims.models import ApiClient
from sources import signals as source_signals

from . import webhooks
from .api import cache
from .articles import announce_fetched
from .claimreview import claim_review
from .models import WebhookEvent


def connect():
    cache.connect()
    claim_signals.claim_published.connect(_published, dispatch_uid="publishing.published")
    claim_signals.claim_withdrawn.connect(_withdrawn, dispatch_uid="publishing.withdrawn")
    source_signals.source_archived.connect(_archived, dispatch_uid="publishing.archived")
    source_signals.article_fetched.connect(announce_fetched, dispatch_uid="publishing.fetched")


def _published(sender, claim, verdict, corrected, **kwargs):
    article = claim.article
    webhooks.emit(
        article.api_client,
        WebhookEvent.CLAIM_CORRECTED if corrected else WebhookEvent.CLAIM_PUBLISHED,
        {
            "claim": claim.pk,
            "article": article.pk,
            "external_id": article.external_id,
            "claimreview": claim_review(claim, verdict),
        },
    )


def _withdrawn(sender, claim, verdict, reason, **kwargs):
    article = claim.article
    webhooks.emit(
        article.api_client,
        WebhookEvent.CLAIM_WITHDRAWN,
        {
            "claim": claim.pk,
            "article": article.pk,
            "external_id": article.external_id,
            "verdict": verdict.pk,
            "reason": reason,
            "withdrawn_at": verdict.withdrawn_at.isoformat(),
        },
    )


def _archived(sender, source, capture, **kwargs):
    """Tell every client whose claims cite the source that a new capture exists."""
    clients = ApiClient.objects.filter(articles__claims__evidence__source=source).distinct()
    for client in clients:
        claim_ids = list(
            source.evidence.filter(claim__article__api_client=client).values_list(
                "claim_id", flat=True
            )
        )
        webhooks.emit(
            client,
            WebhookEvent.SOURCE_ARCHIVED,
            {"source": source.pk, "url": source.url, "sha256": capture.sha256, "claims": claim_ids},
        )
