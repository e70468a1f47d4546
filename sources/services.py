"""Sources: citing them, archiving them, watching them, locating claims in them."""

import datetime as dt
import hashlib
import logging
import tempfile
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import courlan
from django.conf import settings
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims.models import Claim

from . import locator
from .content import extract_content
from .fetcher import FetchFailed, FetchPolicy, FetchRefused, fetch
from .models import Capture, Evidence, Source, archive_storage
from .warc import write_warc

log = logging.getLogger(__name__)
GONE_STATUSES = {404, 410}


class SourceError(ValueError):
    """A URL that cannot be cited; the message says why."""


class Retry(Exception):
    """A fetch failed in a way that may pass; the task should try again later."""


@dataclass(frozen=True)
class Outcome:
    source: Source
    capture: Capture | None  # the new capture, if one was stored
    message: str


def policy() -> FetchPolicy:
    return FetchPolicy.build(
        allowed_networks=settings.FETCH_ALLOWED_NETWORKS,
        allowed_ports=settings.FETCH_ALLOWED_PORTS,
        max_redirects=settings.FETCH_MAX_REDIRECTS,
        connect_timeout=settings.FETCH_CONNECT_TIMEOUT,
        total_timeout=settings.FETCH_TOTAL_TIMEOUT,
        max_bytes=settings.FETCH_MAX_BYTES,
    )


def normalize_url(url: str) -> str:
    """One spelling per page: lower-case host, no default port, no fragment, no tracking."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise SourceError(f"“{url}” is not an http(s) address.")
    try:
        normalized = courlan.normalize_url(url)
    except ValueError as failure:
        raise SourceError(f"“{url}” is not a valid address ({failure}).") from None
    return urlunsplit(urlsplit(normalized)._replace(fragment=""))


def source_for_url(url: str, *, by=None) -> Source:
    normalized = normalize_url(url)
    if len(normalized) > 2000:
        raise SourceError("The address is longer than 2000 characters.")
    try:
        with transaction.atomic():
            source, _ = Source.objects.get_or_create(
                normalized_url=normalized, defaults={"url": url.strip(), "added_by": by}
            )
    except IntegrityError:  # created by someone else at the same moment
        source = Source.objects.get(normalized_url=normalized)
    return source


def cite(claim: Claim, url: str, *, stance: str, excerpt: str = "", note: str = "", by=None):
    """Attach a source to a claim; it is archived (or located, if already archived)."""
    source = source_for_url(url, by=by)
    with transaction.atomic():
        evidence, created = Evidence.objects.get_or_create(
            claim=claim,
            source=source,
            defaults={"stance": stance, "excerpt": excerpt, "note": note, "added_by": by},
        )
        if not created:
            evidence.stance, evidence.excerpt, evidence.note = stance, excerpt, note
            evidence.save()
    if source.status in (Source.Status.PENDING, Source.Status.FAILED):
        request_archive(source)
    elif source.latest_capture:
        locate_evidence(evidence, source.latest_capture)
    return evidence


def request_archive(source: Source) -> None:
    """Queue a capture of the source once the current transaction has committed."""
    from .tasks import archive_source

    transaction.on_commit(lambda: archive_source.delay(source.pk))


def archive(source: Source, *, attempt_id: str | None = None, recheck: bool = False) -> Outcome:
    """Fetch the source now and store a capture (WARC, text, hash).

    `attempt_id` makes it idempotent: a second run of the same attempt returns
    the capture it already made. On a re-check (`recheck`), a capture is only
    stored when the text changed, and a page that went away marks the source
    gone and flags the claims citing it. Raises `Retry` for passing failures.
    """
    if attempt_id:
        done = Capture.objects.filter(attempt_id=attempt_id).first()
        if done:
            return Outcome(source, done, "already captured by this attempt")
    Source.objects.filter(pk=source.pk).update(status=Source.Status.FETCHING)
    try:
        with fetch(source.url, policy()) as result:
            if result.status >= 400:
                return _http_error(source, result.status, result.final.reason, recheck)
            return _store(source, result, attempt_id, recheck)
    except FetchRefused as refused:
        return _failed(source, refused.reason)
    except FetchFailed as failure:
        if failure.retryable:
            _set(
                source, status=Source.Status.PENDING, last_error=f"Will try again: {failure.reason}"
            )
            raise Retry(failure.reason) from None
        if recheck and source.captures.exists():
            return _gone(source, failure.reason)
        return _failed(source, failure.reason)


def _http_error(source: Source, status: int, reason: str, recheck: bool) -> Outcome:
    message = f"The page answered {status} {reason}".strip() + "."
    if status in (429,) or status >= 500:
        _set(source, status=Source.Status.PENDING, last_error=f"Will try again: {message}")
        raise Retry(message)
    if status in GONE_STATUSES and recheck and source.captures.exists():
        return _gone(source, message)
    return _failed(source, message)


def _store(source: Source, result, attempt_id: str | None, recheck: bool) -> Outcome:
    content = extract_content(result.content, result.content_type, result.final_url)
    text_sha256 = hashlib.sha256(content.text.encode()).hexdigest()
    previous = source.captures.order_by("-captured_at").first()
    now = timezone.now()
    if recheck and previous and previous.text_sha256 == text_sha256:
        _set(
            source, status=Source.Status.ARCHIVED, last_error="", last_checked_at=now, gone_at=None
        )
        return Outcome(source, None, "unchanged since the last capture")

    storage = archive_storage()
    stem = (attempt_id or now.strftime("%Y%m%dT%H%M%S%f")).replace(":", "-")
    name = f"warc/{source.pk}/{stem}.warc.gz"
    with tempfile.TemporaryFile() as warc_file:
        sha256 = write_warc(result, warc_file)
        warc_file.seek(0)
        if storage.exists(name):  # left by an attempt that died before its row was written
            storage.delete(name)
        stored_name = storage.save(name, File(warc_file, name=name))
    try:
        with transaction.atomic():
            capture = Capture.objects.create(
                source=source,
                captured_at=now,
                http_status=result.status,
                final_url=result.final_url[:2000],
                content_type=result.content_type[:200],
                size=result.size,
                sha256=sha256,
                warc=stored_name,
                text=content.text,
                text_sha256=text_sha256,
                metadata=content.metadata,
                attempt_id=attempt_id,
            )
            _set(
                source,
                status=Source.Status.ARCHIVED,
                last_error="",
                last_checked_at=now,
                gone_at=None,
                changed_at=now if previous else source.changed_at,
                title=(content.title or source.title)[:500],
                publisher=(content.site_name or source.publisher)[:200],
                author=(content.author or source.author)[:200],
                published_date=content.published or source.published_date,
            )
            # In the same transaction, so nobody sees "archived" without the findings.
            for evidence in source.evidence.select_related("claim__article"):
                locate_evidence(evidence, capture)
    except BaseException:
        storage.delete(stored_name)  # no file without its row
        raise
    from claims.events import source_archived

    source_archived(source, capture)
    return Outcome(source, capture, "archived")


def give_up(source: Source, reason: str) -> Outcome:
    """After the last retry: the source failed, or, if it was archived before, went away."""
    if source.captures.exists():
        return _gone(source, reason)
    return _failed(source, f"Gave up after several tries: {reason}")


def _failed(source: Source, reason: str) -> Outcome:
    _set(source, status=Source.Status.FAILED, last_error=reason, last_checked_at=timezone.now())
    return Outcome(source, None, reason)


def _gone(source: Source, reason: str) -> Outcome:
    now = timezone.now()
    _set(source, status=Source.Status.GONE, last_error=reason, last_checked_at=now, gone_at=now)
    flag = f"A cited source went away: {source.normalized_url} ({reason})"[:300]
    Claim.objects.filter(evidence__source=source).update(flag=flag, flagged_at=now)
    return Outcome(source, None, reason)


def _set(source: Source, **fields) -> None:
    for name, value in fields.items():
        setattr(source, name, value)
    Source.objects.filter(pk=source.pk).update(**fields, updated_at=timezone.now())


def locate_evidence(evidence: Evidence, capture: Capture) -> Evidence:
    """Find the claim's quoted words and figures in the capture and keep what was found."""
    claim = evidence.claim
    found = locator.locate(claim.text, claim.figures, capture.text, _language(capture, claim))
    evidence.located_capture = capture
    evidence.located = found.found
    evidence.located_score = found.score
    evidence.located_start, evidence.located_end = found.start, found.end
    evidence.located_passage = found.passage
    evidence.quote_found = found.quote_found
    evidence.figures_found = found.figures_found
    evidence.save()
    return evidence


def _language(capture: Capture, claim: Claim) -> str:
    language = (capture.metadata or {}).get("language") or ""
    return language if language in ("de", "en") else claim.article.language


def sources_to_recheck(now: dt.datetime | None = None):
    """Sources cited by published verdicts whose last check is older than the interval."""
    now = now or timezone.now()
    due = now - dt.timedelta(hours=settings.SOURCE_RECHECK_HOURS)
    return (
        Source.objects.filter(
            evidence__claim__verdicts__published_at__isnull=False,
            status__in=[Source.Status.ARCHIVED, Source.Status.GONE],
        )
        .filter(last_checked_at__lt=due)
        .distinct()
    )
