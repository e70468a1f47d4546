"""Other fact-checkers' published ClaimReview, and the feeds they come from."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ClaimReviewFeed(models.Model):
    """An address an editor registered: a DataFeed, a page with ClaimReview JSON-LD,
    or a Fact Check Tools export; fetched by the beat (matching.tasks.fetch_feeds)."""

    url = models.URLField(_("URL"), max_length=2000, unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    last_fetched_at = models.DateTimeField(_("last fetched at"), null=True, blank=True)
    # How many usable ClaimReviews the last successful fetch read (new, changed or not).
    last_imported = models.PositiveIntegerField(_("imported last time"), default=0)
    # Empty when the last fetch went well.
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("ClaimReview feed")
        verbose_name_plural = _("ClaimReview feeds")
        ordering = ["name", "url"]

    def __str__(self):
        return self.name or self.url


class ExternalClaimReview(models.Model):
    """One ClaimReview published by another fact-checker, stored once by its own URL."""

    class Language(models.TextChoices):
        GERMAN = "de", _("German")
        ENGLISH = "en", _("English")
        OTHER = "other", _("other")

    url = models.URLField(_("URL"), max_length=2000, unique=True)
    claim_reviewed = models.TextField(_("claim reviewed"))
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.OTHER
    )
    rating_name = models.CharField(_("rating"), max_length=200, blank=True)
    rating_value = models.FloatField(_("rating value"), null=True, blank=True)
    rating_best = models.FloatField(_("best rating"), null=True, blank=True)
    rating_worst = models.FloatField(_("worst rating"), null=True, blank=True)
    publisher_name = models.CharField(_("publisher"), max_length=200, blank=True)
    publisher_url = models.URLField(_("publisher URL"), max_length=2000, blank=True)
    claimant = models.CharField(_("claimant"), max_length=200, blank=True)
    claim_date = models.DateField(_("claim date"), null=True, blank=True)
    review_date = models.DateField(_("review date"), null=True, blank=True)
    feed = models.ForeignKey(
        ClaimReviewFeed,
        verbose_name=_("feed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,  # the reviews stay when a feed is removed
        related_name="reviews",
    )
    # SHA-256 of the normalized review: the same hash means nothing changed.
    content_sha256 = models.CharField(_("content SHA-256"), max_length=64)
    raw = models.JSONField(_("as read"), default=dict)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("external ClaimReview")
        verbose_name_plural = _("external ClaimReviews")
        ordering = ["-review_date", "-created_at"]
        indexes = [
            models.Index(fields=["publisher_name"], name="extreview_publisher_idx"),
            models.Index(fields=["language"], name="extreview_language_idx"),
        ]

    def __str__(self):
        return self.claim_reviewed[:80]


class MatchEntry(models.Model):
    """One item of the match index: a desk claim or an external review, with the
    signature its matches are computed from (matching.index), stored so that comparing
    never runs the extraction engine again."""

    claim = models.OneToOneField(
        "claims.Claim",
        verbose_name=_("claim"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="match_entry",
    )
    review = models.OneToOneField(
        ExternalClaimReview,
        verbose_name=_("external ClaimReview"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="match_entry",
    )
    language = models.CharField(_("language"), max_length=5)
    text = models.TextField(_("text"))  # what the signature was read from
    signature = models.JSONField(_("signature"), default=dict)
    # The API answers with published verdicts only: a desk claim with a verdict in
    # force, or any external review (they are published by their fact-checkers).
    is_published = models.BooleanField(_("published"), default=False)
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        verbose_name = _("match index entry")
        verbose_name_plural = _("match index entries")
        constraints = [
            models.CheckConstraint(
                condition=(Q(claim__isnull=False) & Q(review__isnull=True))
                | (Q(claim__isnull=True) & Q(review__isnull=False)),
                name="matchentry_claim_xor_review",
            )
        ]

    def __str__(self):
        return self.text[:80]


class MatchKey(models.Model):
    """A posting of the match index: entry `entry` has key `key` (matching.keys)."""

    entry = models.ForeignKey(
        MatchEntry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="keys"
    )
    key = models.CharField(_("key"), max_length=120)

    class Meta:
        verbose_name = _("match key")
        verbose_name_plural = _("match keys")
        indexes = [models.Index(fields=["key", "entry"], name="matchkey_key_entry_idx")]

    def __str__(self):
        return self.key


class MatchCandidate(models.Model):
    """A stored match of a desk claim with an index entry (another claim or a review)."""

    claim = models.ForeignKey(
        "claims.Claim",
        verbose_name=_("claim"),
        on_delete=models.CASCADE,
        related_name="match_candidates",
    )
    entry = models.ForeignKey(
        MatchEntry, verbose_name=_("matched"), on_delete=models.CASCADE, related_name="candidates"
    )
    score = models.FloatField(_("score"))
    # The reasons of the match as records: [{"kind": "figure", "value": "1 billion USD"}].
    reasons = models.JSONField(_("reasons"), default=list)
    # "Not the same claim": kept, so that matching again does not bring it back.
    dismissed_at = models.DateTimeField(_("dismissed at"), null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dismissed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "entry"], name="matchcandidate_unique_pair")
        ]
        indexes = [models.Index(fields=["claim", "-score"], name="matchcandidate_claim_idx")]

    def __str__(self):
        return f"{self.claim_id} ~ {self.entry_id} ({self.score:.2f})"
