from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import signals
from .text import body_sha256 as sha256_of_body
from .validators import validate_body_length


def history_user(request=None, **kwargs):
    """Who made a change: a person; API clients (not users) are recorded as nobody."""
    user = getattr(request, "user", None)
    return user if isinstance(user, models.Model) else None


class Language(models.TextChoices):
    GERMAN = "de", _("German")
    ENGLISH = "en", _("English")


def api_client_default_scopes() -> list[str]:
    # What every client could do before scopes existed; clients made by
    # `create_api_client` get the scopes it is given (both by default).
    return ["articles:write"]


class ApiClient(models.Model):
    """A publishing system (CMS) that talks to the REST API with its own token."""

    class Scope(models.TextChoices):
        """What a client may do; the API checks them on every request (README, API section)."""

        ARTICLES_WRITE = "articles:write", _("post articles, read own articles, claims, sources")
        VERDICTS_READ = "verdicts:read", _("read every published fact-check of the desk")

    name = models.CharField(_("name"), max_length=100, unique=True)
    scopes = models.JSONField(
        _("scopes"),
        default=api_client_default_scopes,
        blank=True,
        help_text=_("What this client may do through the API."),
    )
    # Only the SHA-256 of the token is stored; the token itself is shown once.
    token_sha256 = models.CharField(max_length=64, unique=True, editable=False)
    token_prefix = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or ())


class Article(models.Model):
    class FetchStatus(models.TextChoices):
        """For articles sent by URL only: fetching and extracting their text."""

        NONE = "", _("not fetched")
        PENDING = "pending", _("pending")
        FETCHED = "fetched", _("fetched")
        FAILED = "failed", _("failed")

    title = models.CharField(_("title"), max_length=500)
    # The single source of truth for claim offsets: plain text, never HTML.
    body = models.TextField(_("body"), validators=[validate_body_length])
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    url = models.URLField(_("URL"), max_length=2000, blank=True)
    outlet = models.CharField(_("outlet"), max_length=200, blank=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    api_client = models.ForeignKey(
        ApiClient,
        verbose_name=_("API client"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
    )
    external_id = models.CharField(_("external id"), max_length=200, blank=True)
    # Incremented each time the body changes; the body of every revision is in history.
    revision = models.PositiveIntegerField(_("revision"), default=1)
    fetch_status = models.CharField(
        _("fetch status"), max_length=10, blank=True, choices=FetchStatus.choices
    )
    fetch_error = models.TextField(_("fetch error"), blank=True)
    # Hex SHA-256 of the normalized body, set in save() ("" while there is no text):
    # the same article sent again is found by it (selectors.duplicate_of).
    # The article's own links when it arrived as HTML: {"url", "text", "start", "end"}
    # with offsets into `body`; the first sources to check for the claims around them.
    links = models.JSONField(_("links"), default=list, blank=True, editable=False)
    body_sha256 = models.CharField(
        _("SHA-256 of the body"), max_length=64, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["api_client", "external_id"],
                condition=~Q(external_id="") & Q(api_client__isnull=False),
                name="article_external_id_unique_per_client",
            ),
            # Articles entered in the newsroom itself (no API client) share one namespace.
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id="") & Q(api_client__isnull=True),
                name="article_external_id_unique_in_house",
            ),
            models.CheckConstraint(
                condition=Q(language__in=Language.values), name="article_language_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["-created_at"], name="article_created_idx"),
            models.Index(fields=["body_sha256"], name="article_body_sha256_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_sha256 = sha256_of_body(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_sha256"}
        super().save(*args, **kwargs)


class ClaimKind(models.TextChoices):
    QUOTE = "quote", _("quote")
    REPORTED_SPEECH = "reported_speech", _("reported speech")
    STATISTIC = "statistic", _("statistic")
    EVENT = "event", _("event")
    STATEMENT = "statement", _("statement")


class ClaimStatus(models.TextChoices):
    NEW = "new", _("new")
    ASSIGNED = "assigned", _("assigned")
    IN_REVIEW = "in_review", _("in review")
    AWAITING_APPROVAL = "awaiting_approval", _("awaiting approval")
    PUBLISHED = "published", _("published")
    # Its published verdict was withdrawn (with a reason); kept, but no longer in force.
    WITHDRAWN = "withdrawn", _("withdrawn")
    DISMISSED = "dismissed", _("dismissed")


class PublishedRecordError(IntegrityError):
    """A write that would change the published record outside the workflow.

    Raised by the model layer (save, update, delete) whatever the caller: an
    admin form, a shell, a bulk update. On PostgreSQL, triggers refuse the
    same writes for raw SQL too.
    """


# What a published claim shows to the public (ClaimReview's claimReviewed and author).
CLAIM_PUBLIC_FIELDS = (
    "article_id",
    "text",
    "reviewed_text",
    "speaker_name",
    "speaker_role",
    "attribution",
    "claimant",
)


def _update_keeping(queryset, kwargs: dict, fields: tuple, published: Q, message) -> int:
    """A bulk update that leaves the given fields of published rows as they were.

    Bulk writes skip save(), and bulk_update() sends every listed field for every
    row, so the rows are compared before and after, inside one transaction.
    """
    names = {f.removesuffix("_id") for f in fields} | set(fields)
    if not names & set(kwargs):
        return models.QuerySet.update(queryset, **kwargs)
    with transaction.atomic(using=queryset.db):
        rows = queryset.filter(published).select_for_update().values("pk", *fields)
        before = {row["pk"]: row for row in rows}
        try:
            count = models.QuerySet.update(queryset, **kwargs)
        except IntegrityError as refused:  # PostgreSQL's trigger saw it first
            if before:
                raise PublishedRecordError(message) from refused
            raise
        if before:
            after = queryset.model._base_manager.filter(pk__in=before).values("pk", *fields)
            if any(row != before[row["pk"]] for row in after):
                raise PublishedRecordError(message)
        return count


def _announce_articles(article_ids) -> None:
    """Bulk writes send no model signal: say which articles changed (on commit)."""
    for article_id in sorted(set(article_ids) - {None}):
        _article_changed(article_id)


class ClaimQuerySet(models.QuerySet):
    def update(self, **kwargs):
        articles = list(self.values_list("article_id", flat=True).distinct())
        count = _update_keeping(
            self,
            kwargs,
            CLAIM_PUBLIC_FIELDS,
            Q(status=ClaimStatus.PUBLISHED),
            _("A published claim's text and speaker change only through a correction."),
        )
        _announce_articles(articles)
        return count


class ClaimOrigin(models.TextChoices):
    EXTRACTED = "extracted", _("extracted")
    MANUAL = "manual", _("added by hand")
    PROMOTED = "promoted", _("promoted from other sentences")


class Claim(models.Model):
    Kind = ClaimKind
    Status = ClaimStatus
    Origin = ClaimOrigin
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="claims"
    )
    text = models.TextField(_("text"))
    # The claim as checked, worded by the reviewer for the public record (ClaimReview's
    # claimReviewed); empty: the text as it stands in the article.
    reviewed_text = models.TextField(_("claim as checked"), blank=True)
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    # False when a new revision of the article no longer contains the text.
    is_anchored = models.BooleanField(_("anchored in current text"), default=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.STATEMENT)
    origin = models.CharField(
        _("origin"), max_length=10, choices=Origin.choices, default=Origin.EXTRACTED
    )
    speaker_name = models.CharField(_("speaker"), max_length=200, blank=True)
    speaker_role = models.CharField(_("speaker role"), max_length=200, blank=True)
    attribution = models.CharField(_("attribution"), max_length=300, blank=True)
    attribution_is_vague = models.BooleanField(_("vague attribution"), default=False)
    # Who makes the claim: the speaker, else an organisation or group; never the
    # attributing frame ("nach eigenen Angaben"). ClaimReview's itemReviewed.author.
    claimant = models.CharField(_("claimant"), max_length=200, blank=True)
    # The role in which the claimant speaks when only the role is named: "a spokesperson
    # for Harlow Foods" gives claimant "Harlow Foods", role "spokesperson".
    claimant_role = models.CharField(_("claimant's role"), max_length=200, blank=True)
    figures = models.JSONField(_("figures"), default=list, blank=True)
    dates = models.JSONField(_("dates"), default=list, blank=True)
    checkworthiness = models.FloatField(_("check-worthiness"), default=0.0)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_claims",
    )
    dismissal_reason = models.TextField(_("reason for dismissal"), blank=True)
    # Dismissed because it is not worth checking: a label (0) for the desk's ranking model.
    dismissed_not_checkworthy = models.BooleanField(
        _("dismissed as not check-worthy"), default=False
    )
    # The check-worthiness model version that scored it ("" for claims added by hand).
    model_version = models.CharField(_("ranking model version"), max_length=40, blank=True)
    # Why reviewers should look again, e.g. a cited source went away; empty when all is well.
    flag = models.CharField(_("needs attention"), max_length=300, blank=True)
    flagged_at = models.DateTimeField(_("flagged at"), null=True, blank=True)
    # Set when a published fact-check was reopened and published again.
    corrected_at = models.DateTimeField(_("corrected at"), null=True, blank=True)
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)
    # Optimistic locking: every write bumps it; a write based on an older value is refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ClaimQuerySet.as_manager()
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["article", "start"]
        permissions = [
            ("assign_claim", _("Can assign claims to reviewers")),
            ("dismiss_claim", _("Can dismiss claims")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="claim_start_before_end"),
            models.CheckConstraint(
                condition=Q(checkworthiness__gte=0) & Q(checkworthiness__lte=1),
                name="claim_checkworthiness_0_to_1",
            ),
            models.CheckConstraint(condition=Q(kind__in=ClaimKind.values), name="claim_kind_valid"),
            models.CheckConstraint(
                condition=Q(status__in=ClaimStatus.values), name="claim_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="dismissed") | ~Q(dismissal_reason=""),
                name="claim_dismissal_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "assignee"], name="claim_status_assignee_idx"),
            models.Index(fields=["assignee", "status"], name="claim_assignee_status_idx"),
            models.Index(fields=["article", "start"], name="claim_article_start_idx"),
            # The dashboard's lists and the filtered search (bench/ui.py, 100,000 claims).
            models.Index(
                fields=["-checkworthiness", "id"],
                condition=Q(status="new", assignee__isnull=True, is_anchored=True),
                name="claim_unassigned_queue_idx",
            ),
            models.Index(fields=["status", "updated_at"], name="claim_status_updated_idx"),
            models.Index(
                fields=["status", "kind", "-checkworthiness", "-id"],
                name="claim_status_kind_rank_idx",
            ),
            # A reviewer's own queue on the dashboard: the top of it, not all their work.
            models.Index(
                fields=["assignee", "-checkworthiness"],
                condition=Q(status__in=["assigned", "in_review"]),
                name="claim_working_queue_idx",
            ),
        ]

    def __str__(self):
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"

    def save(self, *args, **kwargs):
        if self.pk and not kwargs.get("force_insert"):
            stored = Claim.objects.filter(pk=self.pk).values("status", *CLAIM_PUBLIC_FIELDS).first()
            if stored and stored["status"] == ClaimStatus.PUBLISHED:
                changed = [f for f in CLAIM_PUBLIC_FIELDS if getattr(self, f) != stored[f]]
                if changed:
                    raise PublishedRecordError(
                        _(
                            "A published claim's text and speaker change only through a "
                            "correction: reopen it first (changed: %(fields)s)."
                        )
                        % {"fields": ", ".join(changed)}
                    )
        super().save(*args, **kwargs)

    @property
    def has_published_record(self) -> bool:
        return self.verdicts.published().exists()


class Rating(models.Model):
    """One step of the rating scale, mapped to schema.org ClaimReview's reviewRating."""

    slug = models.SlugField(unique=True)
    label_de = models.CharField(_("label (German)"), max_length=100)
    label_en = models.CharField(_("label (English)"), max_length=100)
    description_de = models.TextField(_("description (German)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    # ClaimReview ratingValue; empty for ratings outside the scale (unverifiable).
    rating_value = models.SmallIntegerField(_("ratingValue"), null=True, blank=True)
    best_rating = models.SmallIntegerField(_("bestRating"), default=5)
    worst_rating = models.SmallIntegerField(_("worstRating"), default=1)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(worst_rating__lt=F("best_rating")), name="rating_scale_ordered"
            ),
            models.CheckConstraint(
                condition=Q(rating_value__isnull=True)
                | (Q(rating_value__gte=F("worst_rating")) & Q(rating_value__lte=F("best_rating"))),
                name="rating_value_within_scale",
            ),
        ]

    def __str__(self):
        return self.label()

    def label(self, language: str | None = None) -> str:
        """The label in `language`, by default the language the page is shown in."""
        language = (language or translation.get_language() or "de")[:2]
        return self.label_de if language == Language.GERMAN else self.label_en

    def alternate_name(self, language: str) -> str:
        """ClaimReview alternateName: the label in the language of the review."""
        return self.label(language)


# Fixed once a verdict is published: a change is a new verdict that corrects it.
VERDICT_PUBLISHED_FIELDS = (
    "claim_id",
    "rating_id",
    "summary",
    "rationale",
    "author_id",
    "approver_id",
    "published_at",
    "corrects_id",
    "correction_reason",
)
VERDICT_WITHDRAWAL_FIELDS = ("withdrawn_at", "withdrawal_reason")


class VerdictQuerySet(models.QuerySet):
    def drafts(self):
        """Proposed, not yet published verdicts."""
        return self.filter(published_at__isnull=True, withdrawn_at__isnull=True)

    def published(self):
        """Every verdict ever published, in force or not: the public record."""
        return self.filter(published_at__isnull=False)

    def in_force(self):
        """Published and neither corrected nor withdrawn."""
        return self.filter(published_at__isnull=False, withdrawn_at__isnull=True)

    def update(self, **kwargs):
        # Publishing and withdrawing happen one verdict at a time, in the workflow
        # (save() checks them); in bulk, only drafts' words may change.
        if {"published_at", "approver", "approver_id", *VERDICT_WITHDRAWAL_FIELDS} & set(kwargs):
            raise PublishedRecordError(
                _("Verdicts are published and withdrawn only through the workflow.")
            )
        articles = list(self.values_list("claim__article_id", flat=True).distinct())
        count = _update_keeping(
            self,
            kwargs,
            VERDICT_PUBLISHED_FIELDS,
            Q(published_at__isnull=False),
            _("A published verdict cannot be changed; publish a correction instead."),
        )
        _announce_articles(articles)
        return count


class Verdict(models.Model):
    claim = models.ForeignKey(
        Claim, verbose_name=_("claim"), on_delete=models.CASCADE, related_name="verdicts"
    )
    rating = models.ForeignKey(
        Rating, verbose_name=_("rating"), on_delete=models.PROTECT, related_name="verdicts"
    )
    summary = models.TextField(_("public summary"))
    rationale = models.TextField(_("internal rationale"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="authored_verdicts",
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approver"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_verdicts",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # A correction names the published verdict it replaces, and why.
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    # Withdrawn: replaced by a correction, or taken back with a reason (kept, never deleted).
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for the withdrawal"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = VerdictQuerySet.as_manager()
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("verdict")
        verbose_name_plural = _("verdicts")
        ordering = ["claim", "-created_at"]
        get_latest_by = "created_at"
        permissions = [
            ("approve_verdict", _("Can approve and publish verdicts")),
        ]
        constraints = [
            # Four eyes, enforced by the database as well as by the workflow.
            models.CheckConstraint(
                condition=Q(approver__isnull=True) | ~Q(approver=F("author")),
                name="verdict_four_eyes",
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(approver__isnull=False),
                name="verdict_published_needs_approver",
            ),
        ]
        indexes = [
            models.Index(fields=["claim", "-created_at"], name="verdict_claim_created_idx"),
            # The dashboard's count by rating, from the index alone.
            models.Index(
                fields=["rating"],
                condition=Q(published_at__isnull=False, withdrawn_at__isnull=True),
                name="verdict_in_force_rating_idx",
            ),
        ]

    def __str__(self):
        return f"{self.rating} – {self.claim}"

    def save(self, *args, **kwargs):
        if self.pk and not kwargs.get("force_insert"):
            stored = (
                Verdict.objects.filter(pk=self.pk)
                .values(*VERDICT_PUBLISHED_FIELDS, *VERDICT_WITHDRAWAL_FIELDS)
                .first()
            )
            if stored:
                self._refuse_change_of_record(stored)
        super().save(*args, **kwargs)

    def _refuse_change_of_record(self, stored: dict):
        if stored["published_at"] is not None:
            changed = [f for f in VERDICT_PUBLISHED_FIELDS if getattr(self, f) != stored[f]]
            if changed:
                raise PublishedRecordError(
                    _(
                        "A published verdict cannot be changed; publish a correction "
                        "instead (changed: %(fields)s)."
                    )
                    % {"fields": ", ".join(changed)}
                )
        if stored["withdrawn_at"] is not None and any(
            getattr(self, f) != stored[f] for f in VERDICT_WITHDRAWAL_FIELDS
        ):
            raise PublishedRecordError(_("A withdrawal is final."))
        if stored["withdrawn_at"] is None and self.withdrawn_at is not None:
            if stored["published_at"] is None:
                raise PublishedRecordError(_("Only a published verdict can be withdrawn."))
            if not self.withdrawal_reason.strip() and not self.corrections.exists():
                raise PublishedRecordError(
                    _("A verdict is withdrawn with a reason or replaced by a correction.")
                )

    @property
    def is_draft(self) -> bool:
        return self.published_at is None and self.withdrawn_at is None

    @property
    def is_in_force(self) -> bool:
        return self.published_at is not None and self.withdrawn_at is None


@receiver(pre_delete, sender=Verdict, dispatch_uid="claims.verdict.keep_published")
def _keep_published_verdicts(sender, instance: Verdict, **kwargs):
    # Also sent for cascades (deleting a claim, an article, a user's account).
    if instance.published_at is not None:
        raise PublishedRecordError(_("A published verdict cannot be deleted."))


class UserLanguage(models.Model):
    """The language a person reads the product in: set from the language switch, used
    for what reaches them later (notifications, e-mails), whoever caused it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="language_preference"
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)

    class Meta:
        verbose_name = _("language preference")
        verbose_name_plural = _("language preferences")

    def __str__(self):
        return f"{self.user}: {self.language}"


class Notification(models.Model):
    """Something a user should look at: a new assignment, a verdict awaiting approval."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    message = models.CharField(_("message"), max_length=300)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
        ]

    def __str__(self):
        return self.message


class ClaimNote(models.Model):
    """An internal note on a claim, for the desk only (never published)."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at"]

    def __str__(self):
        return self.text[:80]


class RankingModelVersion(models.Model):
    """A check-worthiness model trained on the desk's decisions; at most one is in force."""

    version = models.CharField(_("version"), max_length=40, unique=True)
    # RankingModel.to_dict(): the weights, bias, threshold and metrics, as plain data.
    weights = models.JSONField(_("weights"))
    threshold = models.FloatField(_("threshold"))
    # Measured on the held-out part of the decisions (auc, precision, recall, f1, kept, n).
    metrics = models.JSONField(_("held-out metrics"), default=dict, blank=True)
    trained_on = models.PositiveIntegerField(_("decisions trained on"), default=0)
    base_version = models.CharField(_("trained from"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, blank=True)
    # What training decided and why (activated, or kept the version in force).
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField(_("active"), default=False)

    class Meta:
        verbose_name = _("ranking model version")
        verbose_name_plural = _("ranking model versions")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("activate_rankingmodelversion", _("Can put a ranking model version in force")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"],
                condition=Q(is_active=True),
                name="ranking_model_one_active",
            ),
        ]

    def __str__(self):
        return self.version


class ImportedDecision(models.Model):
    """A check-worthiness decision taken in another tool (train_checkworthiness --import)."""

    text = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    label = models.PositiveSmallIntegerField(_("label"), choices=[(0, "0"), (1, "1")])
    source_file = models.CharField(_("source file"), max_length=500, blank=True)
    line_number = models.PositiveIntegerField(_("line number"), default=0)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("imported decision")
        verbose_name_plural = _("imported decisions")
        ordering = ["imported_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(label__in=[0, 1]), name="imported_label_0_or_1"),
            models.CheckConstraint(
                condition=Q(language__in=Language.values), name="imported_language_valid"
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.text[:70]}"


# --- Saves and deletes announced as the app's own signals (see signals.py). Bulk
# writes send no model signal: the querysets above and the services announce those.


def _article_changed(article_id: int | None) -> None:
    if article_id:
        signals.send_on_commit(signals.article_changed, Article, article_id=article_id)


@receiver([post_save, post_delete], sender=Article, dispatch_uid="claims.announce.article")
def _on_article(sender, instance, **kwargs):
    _article_changed(instance.pk)


@receiver([post_save, post_delete], sender=Claim, dispatch_uid="claims.announce.claim")
def _on_claim(sender, instance, **kwargs):
    _article_changed(instance.article_id)


@receiver([post_save, post_delete], sender=Verdict, dispatch_uid="claims.announce.verdict")
def _on_verdict(sender, instance, **kwargs):
    claim = Claim.objects.filter(pk=instance.claim_id).values_list("article_id", flat=True)
    _article_changed(claim.first())


@receiver(
    [post_save, post_delete], sender=RankingModelVersion, dispatch_uid="claims.announce.ranking"
)
def _on_ranking(sender, instance, **kwargs):
    # A version trained and put in force in one save; activate() announces its bulk update.
    signals.send_on_commit(signals.ranking_changed, RankingModelVersion)
