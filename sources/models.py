from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from claims.models import history_user


class SourceStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    FETCHING = "fetching", _("fetching")
    ARCHIVED = "archived", _("archived")
    FAILED = "failed", _("failed")
    GONE = "gone", _("gone")


class Source(models.Model):
    """A cited web page or document, one per normalized URL."""

    Status = SourceStatus
    url = models.URLField(_("URL as first cited"), max_length=2000)
    normalized_url = models.CharField(_("normalized URL"), max_length=2000, unique=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    published_date = models.DateField(_("published date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    last_error = models.TextField(_("last error"), blank=True)
    last_checked_at = models.DateTimeField(_("last checked at"), null=True, blank=True)
    # When a re-check found different text, and when the page went away.
    changed_at = models.DateTimeField(_("content changed at"), null=True, blank=True)
    gone_at = models.DateTimeField(_("gone since"), null=True, blank=True)
    # The archive in flight holds a lease: only the task named here may work on the
    # source, until the lease expires; then the beat hands the work to a new task.
    lease_holder = models.CharField(_("archiving task"), max_length=64, blank=True)
    lease_expires_at = models.DateTimeField(_("archiving lease expires at"), null=True, blank=True)
    # Runs that started and were lost (worker killed, time limit) since the last outcome.
    interrupted_archives = models.PositiveSmallIntegerField(_("interrupted archives"), default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["-created_at"]
        permissions = [("archive_source", _("Can archive sources again"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=SourceStatus.values), name="source_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["status"], name="source_status_idx")]

    def __str__(self):
        return self.title or self.normalized_url

    @property
    def latest_capture(self):
        return self.captures.order_by("-captured_at").first()

    def archive_in_flight(self, now) -> bool:
        """An archive is queued or running and has not been given up for lost."""
        return self.lease_expires_at is not None and self.lease_expires_at > now


def _delegated(name):
    def method(self, *args, **kwargs):
        return getattr(storages["archive"], name)(*args, **kwargs)

    method.__name__ = name
    return method


class ArchiveStorage(Storage):
    """Stands for the storage named "archive" in STORAGES, looked up on every use.

    A FileField calls its storage callable once, when the model class is built, and
    keeps what it returned; handing it this stand-in instead of the backend itself
    lets a change of STORAGES (a test switching to S3, a settings override) reach
    every capture's files. Attributes that are not Storage methods (an S3 storage's
    `bucket`, a file system storage's `location`) come from the backend in force too.
    """

    def __getattr__(self, name):
        return getattr(storages["archive"], name)


for _name in (
    "open",
    "save",
    "is_name_available",
    "get_valid_name",
    "get_alternative_name",
    "get_available_name",
    "generate_filename",
    "path",
    "delete",
    "exists",
    "listdir",
    "size",
    "url",
    "get_accessed_time",
    "get_created_time",
    "get_modified_time",
):
    setattr(ArchiveStorage, _name, _delegated(_name))

_archive_storage = ArchiveStorage()


def archive_storage():
    """The archive storage of WARC, WACZ and screenshot files (STORAGES["archive"])."""
    return _archive_storage


def warc_path(capture, filename):
    return f"warc/{capture.source_id}/{filename}"


class CaptureMethod(models.TextChoices):
    PLAIN = "plain", _("plain HTTP request")
    BROWSER = "browser", _("browser")


class Capture(models.Model):
    """One archived snapshot of a source, immutable once written."""

    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.CASCADE, related_name="captures"
    )
    captured_at = models.DateTimeField(_("captured at"))
    http_status = models.PositiveSmallIntegerField(_("HTTP status"))
    final_url = models.URLField(_("final URL"), max_length=2000)
    content_type = models.CharField(_("content type"), max_length=200, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    # Hex SHA-256 of the archived payload (the response body as received).
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    warc = models.FileField(
        _("WARC file"), upload_to=warc_path, storage=archive_storage, max_length=500
    )
    # How it was made: the plain fetcher's response alone, or a browser that ran the page
    # (every request still through the safe fetcher) and kept its resources and looks.
    method = models.CharField(
        _("capture method"), max_length=10, choices=CaptureMethod.choices, default="plain"
    )
    Method = CaptureMethod
    screenshot = models.FileField(
        _("screenshot"), storage=archive_storage, max_length=500, blank=True
    )
    wacz = models.FileField(_("WACZ package"), storage=archive_storage, max_length=500, blank=True)
    # What the browser was not allowed to load: [{"url": ..., "reason": ...}, ...].
    refused_requests = models.JSONField(_("refused requests"), default=list, blank=True)
    text = models.TextField(_("extracted text"), blank=True)
    # Hash of the extracted text: a re-capture is kept only when this changes.
    text_sha256 = models.CharField(_("SHA-256 of the text"), max_length=64, blank=True)
    metadata = models.JSONField(_("metadata"), default=dict, blank=True)
    # The task attempt that wrote it, so a redelivered task does not capture twice.
    attempt_id = models.CharField(max_length=64, unique=True, null=True, blank=True)

    class Meta:
        verbose_name = _("capture")
        verbose_name_plural = _("captures")
        ordering = ["source", "-captured_at"]
        get_latest_by = "captured_at"
        indexes = [models.Index(fields=["source", "-captured_at"], name="capture_source_time_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(http_status__gte=100) & Q(http_status__lte=599),
                name="capture_http_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.source} @ {self.captured_at:%Y-%m-%d %H:%M}"


class ArchiveOutbox(models.Model):
    """An archive task to send to the broker, written in the transaction that asked for it.

    Sent after the commit and deleted once the broker took it; whatever the broker
    could not take (it was down) stays here until the next request or the beat
    sends it.
    """

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="+")
    task_id = models.CharField(max_length=64, unique=True)
    recheck = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("archive task waiting for the queue")
        verbose_name_plural = _("archive tasks waiting for the queue")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.task_id} ({self.source_id})"


class EvidenceStance(models.TextChoices):
    SUPPORTS = "supports", _("supports")
    REFUTES = "refutes", _("refutes")
    CONTEXT = "context", _("context")


class Evidence(models.Model):
    """A source cited for a claim, with what it says about it."""

    Stance = EvidenceStance
    claim = models.ForeignKey(
        "claims.Claim", verbose_name=_("claim"), on_delete=models.CASCADE, related_name="evidence"
    )
    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="evidence"
    )
    stance = models.CharField(
        _("stance"), max_length=10, choices=Stance.choices, default=Stance.CONTEXT
    )
    excerpt = models.TextField(_("excerpt"), blank=True)
    note = models.TextField(_("note"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # What the evidence locator found in the capture (empty until it ran).
    located_capture = models.ForeignKey(
        Capture,
        verbose_name=_("searched capture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    located = models.BooleanField(_("found in source"), null=True, blank=True)
    located_score = models.FloatField(_("match score"), null=True, blank=True)
    located_start = models.PositiveIntegerField(null=True, blank=True)
    located_end = models.PositiveIntegerField(null=True, blank=True)
    located_passage = models.TextField(_("passage in source"), blank=True)
    quote_found = models.BooleanField(_("quote found"), null=True, blank=True)
    figures_found = models.JSONField(_("figures found"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence items")
        ordering = ["claim", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "source"], name="evidence_one_per_claim_source"
            ),
            models.CheckConstraint(
                condition=Q(stance__in=EvidenceStance.values), name="evidence_stance_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_stance_display()}: {self.source}"
