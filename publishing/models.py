"""What the CMS side keeps: where each client hears about events, and every delivery."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from claims.models import ApiClient


class WebhookEvent(models.TextChoices):
    """The events a CMS can subscribe to; the webhook's `event` field."""

    ARTICLE_EXTRACTED = "article.extracted", "article.extracted"
    CLAIM_PUBLISHED = "claim.published", "claim.published"
    CLAIM_CORRECTED = "claim.corrected", "claim.corrected"
    CLAIM_WITHDRAWN = "claim.withdrawn", "claim.withdrawn"
    SOURCE_ARCHIVED = "source.archived", "source.archived"


class WebhookEndpoint(models.Model):
    """Where a CMS wants to hear about events, signed with its own secret."""

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(max_length=2000)
    events = models.JSONField(default=list)  # WebhookEvent values
    secret = models.CharField(max_length=64, editable=False)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["client", "id"]

    def __str__(self):
        return self.url


class WebhookDelivery(models.Model):
    """One event sent (or being sent) to one endpoint, with what came back."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        DELIVERED = "delivered", _("delivered")
        FAILED = "failed", _("failed")

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40, choices=WebhookEvent.choices)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True)
    last_error = models.TextField(blank=True)
    replay_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.event} -> {self.endpoint}"
