"""What the CMS hears about: workflow and archive events turned into webhooks."""

from . import webhooks, workflow
from .claimreview import claim_review


def connect():
    workflow.claim_published.connect(_published, dispatch_uid="claims.webhooks.published")
    workflow.claim_withdrawn.connect(_withdrawn, dispatch_uid="claims.webhooks.withdrawn")


def _published(sender, claim, verdict, corrected, **kwargs):
    article = claim.article
    event = "claim.corrected" if corrected else "claim.published"
    webhooks.emit(
        article.api_client,
        event,
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
        "claim.withdrawn",
        {
            "claim": claim.pk,
            "article": article.pk,
            "external_id": article.external_id,
            "verdict": verdict.pk,
            "reason": reason,
            "withdrawn_at": verdict.withdrawn_at.isoformat(),
        },
    )


def source_archived(source, capture):
    """Tell every client whose claims cite the source that a new capture exists."""
    from .models import ApiClient

    clients = ApiClient.objects.filter(articles__claims__evidence__source=source).distinct()
    for client in clients:
        claim_ids = list(
            source.evidence.filter(claim__article__api_client=client).values_list(
                "claim_id", flat=True
            )
        )
        webhooks.emit(
            client,
            "source.archived",
            {"source": source.pk, "url": source.url, "sha256": capture.sha256, "claims": claim_ids},
        )
