"""Sources: citing them, archiving them, watching them, locating claims in them."""

import contextlib
import ctypes
import dataclasses
import datetime as dt
import fcntl
import functools
import gc
import hashlib
import logging
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import courlan
from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from claims import roles
from claims.models import Claim, Verdict
from claims.services import flag_claims
from claims.signals import send_on_commit
from claims.text import TRACKING_PARAMETERS, TRACKING_PREFIXES

from . import locator, signals, tasks  # tasks imports this module too: names are looked up on use
from .browser import BrowserFailed, BrowserLimits, PageCapture, browser_available, capture_page
from .content import extract_content
from .fetcher import FetchFailed, FetchPolicy, FetchRefused, fetch
from .models import ArchiveOutbox, Capture, Evidence, Source, archive_storage
from .wacz import WaczFailed, package_wacz, wacz_available, wacz_signature
from .warc import write_warc

log = logging.getLogger(__name__)
GONE_STATUSES = {404, 410}
# Storing a page costs several times its size in memory (a 5 MB page: about 40 MB, for
# its text, the parse and the row). Pages above this size take turns; see large_page_turn.
LARGE_PAGE_BYTES = 1024 * 1024


class SourceError(ValueError):
    """A URL that cannot be cited; the message says why."""


class Retry(Exception):
    """A fetch failed in a way that may pass; the task should try again later."""


@dataclasses.dataclass(frozen=True)
class Outcome:
    source: Source
    capture: Capture | None  # the new capture, if one was stored
    message: str


def fetch_policy() -> FetchPolicy:
    """The safe fetcher's limits, from the settings: every outbound request uses them."""
    return FetchPolicy.build(
        allowed_networks=settings.FETCH_ALLOWED_NETWORKS,
        allowed_ports=settings.FETCH_ALLOWED_PORTS,
        max_redirects=settings.FETCH_MAX_REDIRECTS,
        connect_timeout=settings.FETCH_CONNECT_TIMEOUT,
        total_timeout=settings.FETCH_TOTAL_TIMEOUT,
        max_bytes=settings.FETCH_MAX_BYTES,
    )


def browser_limits() -> BrowserLimits:
    return BrowserLimits(
        executable=settings.BROWSER_EXECUTABLE,
        timeout=settings.BROWSER_TIMEOUT,
        settle=settings.BROWSER_SETTLE_SECONDS,
        resource_timeout=min(settings.FETCH_TOTAL_TIMEOUT, settings.BROWSER_TIMEOUT / 2),
        max_memory=settings.BROWSER_MAX_MEMORY_MB * 1024 * 1024,
        max_requests=settings.BROWSER_MAX_REQUESTS,
        max_total_bytes=4 * settings.FETCH_MAX_BYTES,
    )


def browser_capture_on() -> bool:
    """Whether HTML pages are captured in the browser (on, and Chromium is installed)."""
    return settings.ARCHIVE_BROWSER and browser_available(browser_limits())


def archive_queue() -> str:
    """The queue of archive tasks: "browser" while browser capture is on, else "fetch"."""
    return "browser" if browser_capture_on() else "fetch"


def normalize_url(url: str) -> str:
    """One spelling per page: lower-case host, no default port, no fragment, no tracking.

    Query parameters keep their exact spelling and are sorted by name (repeated names in
    their order); only tracking parameters are dropped.
    """
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise SourceError(f"“{url}” is not an http(s) address.")
    try:
        # courlan for scheme, host and path only: its query cleaning drops parameters
        # that pick pages (cid, ref, session, bare names), so distinct pages merged.
        base = urlsplit(courlan.normalize_url(urlunsplit(parts._replace(query="", fragment=""))))
    except ValueError as failure:
        raise SourceError(f"“{url}” is not a valid address ({failure}).") from None
    kept = []
    for parameter in parts.query.split("&"):
        name = parameter.split("=", 1)[0].lower()
        if name and name not in TRACKING_PARAMETERS and not name.startswith(TRACKING_PREFIXES):
            kept.append(parameter)
    query = "&".join(sorted(kept, key=lambda parameter: parameter.split("=", 1)[0]))
    path = base.path or ("/" if query else "")
    return urlunsplit(base._replace(path=path, query=query, fragment=""))


def source_for_url(url: str, *, by=None) -> Source:
    normalized = normalize_url(url)
    if len(normalized) > 2000:
        raise SourceError("The address is longer than 2000 characters.")
    try:
        with transaction.atomic():
            source, _created = Source.objects.get_or_create(
                normalized_url=normalized, defaults={"url": url.strip(), "added_by": by}
            )
    except IntegrityError:  # created by someone else at the same moment
        source = Source.objects.get(normalized_url=normalized)
    return source


def cite(claim: Claim, url: str, *, stance: str, excerpt: str = "", note: str = "", by=None):
    """Attach a source to a claim; it is archived (or located, if already archived).

    The source, the evidence and the request to archive are committed together,
    so a broker that is down loses nothing: the request waits in the outbox.
    """
    with transaction.atomic():
        # Locked: its status cannot change under us (an archive finishing meanwhile).
        source = Source.objects.select_for_update().get(pk=source_for_url(url, by=by).pk)
        evidence, created = Evidence.objects.get_or_create(
            claim=claim,
            source=source,
            defaults={"stance": stance, "excerpt": excerpt, "note": note, "added_by": by},
        )
        if not created:
            evidence.stance, evidence.excerpt, evidence.note = stance, excerpt, note
            evidence.save()
        if source.status in (Source.Status.PENDING, Source.Status.FETCHING, Source.Status.FAILED):
            request_archive(source)  # does nothing while an archive is in flight
    if source.status in (Source.Status.ARCHIVED, Source.Status.GONE):
        capture = source.latest_capture
        if capture:
            _locate_safely(evidence, capture)
    return evidence


# A claim's sources are part of its record once a verdict awaits approval or is out.
_SOURCES_SETTLED = (Claim.Status.AWAITING_APPROVAL, Claim.Status.PUBLISHED, Claim.Status.WITHDRAWN)


def may_remove_evidence(claim: Claim, user) -> bool:
    try:
        _check_may_remove(claim, user)
    except SourceError:
        return False
    return True


def _check_may_remove(claim: Claim, user) -> None:
    if claim.status in _SOURCES_SETTLED or claim.has_published_record:
        raise SourceError(
            _("The sources of a claim whose verdict awaits approval or is published stay.")
        )
    if claim.assignee_id not in (None, user.pk) and not roles.may_approve(user):
        raise SourceError(_("Only the claim's reviewer or an editor may remove its sources."))


def remove_evidence(evidence: Evidence, *, by) -> None:
    """Take a wrongly cited source off a claim (the source and its archive stay).

    Only while the claim is being checked, and only by its reviewer or an editor.
    """
    _check_may_remove(evidence.claim, by)
    evidence._history_user, evidence._change_reason = by, "removed"
    evidence.delete()


def may_capture_again(user) -> bool:
    """Who may ask for a fresh capture of a source: whoever may archive or cite sources."""
    return user.has_perm("sources.archive_source") or user.has_perm("sources.add_source")


def retry_archive(source: Source) -> bool:
    """Try a failed source again now (a person asked); False when it has not failed."""
    with transaction.atomic():
        locked = Source.objects.select_for_update().get(pk=source.pk)
        if locked.status != Source.Status.FAILED:
            return False
        _update_source(locked, status=Source.Status.PENDING, last_error="")
        return request_archive(locked)


def request_archive(source: Source, *, recheck: bool = False) -> bool:
    """Queue one archive of the source, unless one is already queued or running.

    The task is named in the source's lease and written to the outbox in the
    caller's transaction; it goes to the broker after the commit. Only the task
    holding the lease archives, so a source never has two archives in flight.
    Returns whether a task was queued.
    """
    now = timezone.now()
    with transaction.atomic():
        locked = Source.objects.select_for_update().get(pk=source.pk)
        if locked.archive_in_flight(now):
            return False
        task_id = str(uuid.uuid4())
        ArchiveOutbox.objects.filter(source=locked).delete()  # superseded by this one
        ArchiveOutbox.objects.create(source=locked, task_id=task_id, recheck=recheck)
        lease = dt.timedelta(seconds=settings.ARCHIVE_QUEUE_LEASE)
        _update_source(source, lease_holder=task_id, lease_expires_at=now + lease)
    transaction.on_commit(send_outbox)
    return True


def send_outbox(limit: int = 200) -> int:
    """Hand waiting archive tasks to the broker; stops at the first failure.

    Runs after each request that queued one, and from the beat. Each task is
    deleted from the outbox in the transaction that sends it, so a failed send
    keeps it. Returns how many were sent.
    """
    sent = 0
    try:
        with _producer(tasks.archive_source.app) as producer:
            while sent < limit:
                with transaction.atomic():
                    waiting = (
                        ArchiveOutbox.objects.select_for_update(skip_locked=True)
                        .order_by("created_at")
                        .first()
                    )
                    if waiting is None:
                        break
                    waiting.delete()
                    tasks.archive_source.apply_async(
                        (waiting.source_id,),
                        {"recheck": waiting.recheck},
                        task_id=waiting.task_id,
                        queue=archive_queue(),
                        producer=producer,
                        retry=False,
                    )
                sent += 1
    except Exception as failure:  # whatever the broker or its transport raised: keep it for later
        log.warning("Archive tasks wait in the outbox; the broker refused them: %s", failure)
    return sent


@contextlib.contextmanager
def _producer(app):
    if app.conf.task_always_eager:  # tasks run inline; the broker is not involved
        yield None
        return
    with app.pool.acquire(block=True) as connection:
        # One try, no waiting: the outbox is the retry, and a request must not hang.
        connection.ensure_connection(max_retries=0)
        yield connection.Producer()


def resume_archiving(now: dt.datetime | None = None) -> int:
    """Queue again every source whose archive was lost (no lease, or an expired one).

    A worker killed mid-task, a hard time limit, a message the broker lost: the
    source stays pending or fetching and its lease runs out; this hands it to a
    new task. Returns how many were queued.
    """
    now = now or timezone.now()
    unfinished = Source.objects.filter(status__in=[Source.Status.PENDING, Source.Status.FETCHING])
    lost = unfinished.filter(Q(lease_expires_at__isnull=True) | Q(lease_expires_at__lte=now))
    queued = 0
    for source in lost:
        if source.status == Source.Status.FETCHING:
            # A run that started and never finished: a page that kills its worker or
            # hits the time limit every time must end, not loop forever.
            source.interrupted_archives += 1
            _update_source(source, interrupted_archives=source.interrupted_archives)
            if source.interrupted_archives > settings.FETCH_MAX_RETRIES:
                _failed(source, "Archiving was interrupted too often (time limit or a crash).")
                continue
        queued += request_archive(source)
    return queued


def hold_for_retry(source: Source, task_id: str, delay: float) -> None:
    """Keep the lease of a task that will try again in `delay` seconds."""
    until = timezone.now() + dt.timedelta(seconds=delay + settings.ARCHIVE_QUEUE_LEASE)
    Source.objects.filter(pk=source.pk, lease_holder=task_id).update(lease_expires_at=until)


def archive(
    source: Source,
    *,
    task_id: str | None = None,
    attempt_id: str | None = None,
    recheck: bool = False,
) -> Outcome:
    """Fetch the source now and store a capture (WARC, text, hash).

    A task (`task_id`) works only while it holds the source's lease and nobody
    else is claiming the row; otherwise it leaves. `attempt_id` makes it
    idempotent: a second run of the same attempt returns the capture it
    already made. On a re-check (`recheck`), a capture is only stored when the
    text changed, and a page that went away marks the source gone and flags
    the claims citing it. Raises `Retry` for passing failures.
    """
    if attempt_id:
        done = Capture.objects.filter(attempt_id=attempt_id).first()
        if done:
            return Outcome(source, done, "already captured by this attempt")
    if not _claim(source, task_id):
        return Outcome(source, None, "left: another archive of this source is in flight")
    try:
        with fetch(source.url, fetch_policy()) as result:
            if result.status >= 400:
                return _http_error(source, result.status, result.final.reason, recheck)
            with large_page_turn(result.content_size):
                page, browser_error = _render(result)
                try:
                    return _store(source, result, attempt_id, recheck, page, browser_error)
                finally:
                    if page is not None:
                        page.close()
    except FetchRefused as refused:
        return _failed(source, refused.reason)
    except FetchFailed as failure:
        if failure.retryable:
            _update_source(
                source, status=Source.Status.PENDING, last_error=f"Will try again: {failure.reason}"
            )
            raise Retry(failure.reason) from None
        if recheck and source.captures.exists():
            return _gone(source, failure.reason)
        return _failed(source, failure.reason)


_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _render(result) -> tuple[PageCapture | None, str]:
    """The page as the browser showed it, for HTML while browser capture is on.

    Returns (page, "") or, when the browser could not capture it, (None, why): the
    plain capture is then kept and says so.
    """
    content_type = result.content_type.split(";")[0].strip().lower()
    if content_type not in _HTML_TYPES or not browser_capture_on():
        return None, ""
    try:
        return capture_page(result, fetch_policy(), browser_limits()), ""
    except BrowserFailed as failure:
        return None, failure.reason
    except Exception:  # a browser that cannot start, a driver that broke: keep the plain capture
        log.exception("Browser capture of %s failed", result.final_url)
        return None, _("The browser could not be used; the page was captured without it.")


@contextlib.contextmanager
def large_page_turn(size: int):
    """Parse and store a page larger than LARGE_PAGE_BYTES only while no other does.

    Side by side, the pages' costs added up (a fetch worker of 4 processes given 16
    pages of 5 MB: 388 MB); in turns, a worker needs one page's worth beside its idle
    size, whatever its concurrency (240 MB). The waiting processes hold their bodies
    in temporary files, not in memory (see the fetcher). Small
    pages never wait. The lock is a file lock under VAR_DIR, shared by every
    process on the host, and the kernel releases it when its holder dies (a hard
    time limit, a crash). Afterwards the freed memory goes back to the system.
    """
    if size <= LARGE_PAGE_BYTES:
        yield
        return
    path = Path(settings.VAR_DIR) / "large-page.lock"
    with path.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            _give_memory_back()
            fcntl.flock(lock, fcntl.LOCK_UN)


def _give_memory_back() -> None:
    """Free what a large page left behind and hand it back to the system.

    The parse leaves reference cycles that only a full collection frees (in a pool
    process, seldom); and glibc keeps freed heap for reuse unless asked to trim it.
    """
    gc.collect()
    if trim := _malloc_trim():
        trim(0)


@functools.cache
def _malloc_trim():
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to trim
        return None


def _claim(source: Source, task_id: str | None) -> bool:
    """Mark the source as being fetched, by this task if it holds the lease.

    The row lock is held only for this short transaction, never over the fetch.
    A redelivery of the same task (its worker died, or the broker thought so)
    holds the same lease and may go on: its files and rows cannot clash.
    """
    lease = dt.timedelta(seconds=settings.ARCHIVE_FETCH_LEASE)
    with transaction.atomic():
        row = Source.objects.select_for_update(skip_locked=True).filter(pk=source.pk).first()
        if row is None:
            return False  # another task is claiming it at this very moment
        if task_id is not None and row.lease_holder != task_id:
            return False  # handed to another task, or already done
        _update_source(
            source,
            status=Source.Status.FETCHING,
            lease_holder=task_id or "",  # fetched now, by hand: queued tasks leave
            lease_expires_at=timezone.now() + lease,
        )
    return True


def _http_error(source: Source, status: int, reason: str, recheck: bool) -> Outcome:
    message = f"The page answered {status} {reason}".strip() + "."
    if status in (429,) or status >= 500:
        _update_source(
            source, status=Source.Status.PENDING, last_error=f"Will try again: {message}"
        )
        raise Retry(message)
    if status in GONE_STATUSES and recheck and source.captures.exists():
        return _gone(source, message)
    return _failed(source, message)


def _store(
    source: Source,
    result,
    attempt_id: str | None,
    recheck: bool,
    page: PageCapture | None = None,
    browser_error: str = "",
) -> Outcome:
    if page is not None:
        content = _rendered_content(page)
    else:
        content = extract_content(result.content, result.content_type, result.final_url)
    text_sha256 = hashlib.sha256(content.text.encode()).hexdigest()
    previous = source.captures.order_by("-captured_at").first()
    now = timezone.now()
    if recheck and previous and previous.text_sha256 == text_sha256:
        _update_source(
            source,
            status=Source.Status.ARCHIVED,
            last_error="",
            last_checked_at=now,
            gone_at=None,
            **_NO_LEASE,
        )
        return Outcome(source, None, "unchanged since the last capture")

    metadata = dict(content.metadata)
    if page is not None and page.notes:
        metadata["browser_notes"] = " ".join(page.notes)
    if browser_error:
        metadata["browser_error"] = browser_error
    # The files first, under names no other run can have; then the row that points to
    # them. A run deletes only its own files, and only when its row was not written.
    files = _save_files(source, now, result, page, content)
    if files.wacz_error:
        metadata["wacz_error"] = files.wacz_error
    if files.wacz and settings.WACZ_SIGNING_URL:
        metadata["wacz_signed_by"] = files.signed_by
    try:
        with transaction.atomic():
            capture = Capture.objects.create(
                source=source,
                captured_at=now,
                http_status=result.status,
                final_url=result.final_url[:2000],
                content_type=result.content_type[:200],
                size=result.size,
                sha256=files.sha256,
                warc=files.warc,
                screenshot=files.screenshot,
                wacz=files.wacz,
                method=Capture.Method.BROWSER if page is not None else Capture.Method.PLAIN,
                refused_requests=[
                    {"url": refusal.url, "reason": refusal.reason}
                    for refusal in (page.refused if page is not None else [])
                ],
                text=content.text,
                text_sha256=text_sha256,
                metadata=metadata,
                attempt_id=attempt_id,
            )
            _update_source(
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
                **_NO_LEASE,
            )
    except IntegrityError:
        files.delete()
        done = Capture.objects.filter(attempt_id=attempt_id).first() if attempt_id else None
        if done is None:
            raise
        return Outcome(source, done, "already captured by an overlapping run of this attempt")
    except BaseException:
        files.delete()
        raise
    # After the commit: a slow or failing search must not hold or undo the capture.
    for evidence in source.evidence.select_related("claim__article"):
        _locate_safely(evidence, capture)
    send_on_commit(signals.source_archived, Source, source=source, capture=capture)
    return Outcome(source, capture, "archived")


def _rendered_content(page: PageCapture):
    """The text of the rendered page, then the text of each of its frames (an embedded
    statement or post is evidence too)."""
    content = extract_content(page.dom.encode(), "text/html; charset=utf-8", page.url)
    for url, dom in page.frames:
        framed = extract_content(dom.encode(), "text/html; charset=utf-8", url).text.strip()
        if framed and framed not in content.text:
            content = dataclasses.replace(content, text=f"{content.text}\n\n{framed}".strip())
    return content


@dataclasses.dataclass
class _StoredFiles:
    sha256: str = ""  # of the document's payload
    warc: str = ""
    screenshot: str = ""
    wacz: str = ""
    wacz_error: str = ""
    signed_by: str = ""  # the signing server's domain, when the package is signed

    def delete(self):
        storage = archive_storage()
        for name in (self.warc, self.screenshot, self.wacz):
            if name:
                storage.delete(name)


def _save_files(source: Source, now, result, page: PageCapture | None, content) -> _StoredFiles:
    """Write the capture's WARC, its WACZ package and the browser's screenshot into the
    archive storage; what was written is deleted again if writing the rest fails."""
    storage = archive_storage()
    stem = f"{now:%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex}"
    files = _StoredFiles()
    try:
        with tempfile.TemporaryDirectory(prefix="capture-") as work:
            warc_path = Path(work) / f"{stem}.warc.gz"
            with warc_path.open("w+b") as warc_file:
                files.sha256 = write_warc(result, warc_file, page)
                warc_file.seek(0)
                name = f"warc/{source.pk}/{stem}.warc.gz"
                files.warc = storage.save(name, File(warc_file, name=name))
            if page is not None:
                name = f"screenshots/{source.pk}/{stem}.png"
                files.screenshot = storage.save(name, ContentFile(page.screenshot, name=name))
            if settings.ARCHIVE_WACZ and wacz_available():
                wacz_path = Path(work) / f"{stem}.wacz"
                try:
                    package_wacz(warc_path, wacz_path, pages=[_page_entry(result, content, now)])
                except WaczFailed as failure:
                    files.wacz_error = failure.reason
                else:
                    files.signed_by = _signer(wacz_path)
                    with wacz_path.open("rb") as wacz_file:
                        name = f"wacz/{source.pk}/{stem}.wacz"
                        files.wacz = storage.save(name, File(wacz_file, name=name))
    except BaseException:
        files.delete()
        raise
    return files


def _signer(wacz_path: Path) -> str:
    """Who signed the package: the domain the signing server names, "" when unsigned."""
    signature = wacz_signature(wacz_path)
    if signature is None:
        return ""
    return str(signature.get("domain") or signature.get("software") or "yes")[:200]


def _page_entry(result, content, now) -> dict:
    """The captured page as the WACZ lists it: its address, title, time and text."""
    return {
        "url": result.final_url,
        "title": content.title or result.final_url,
        "text": content.text,
        "ts": now,
    }


def give_up(source: Source, reason: str) -> Outcome:
    """After the last retry: the source failed, or, if it was archived before, went away."""
    if source.captures.exists():
        return _gone(source, reason)
    return _failed(source, f"Gave up after several tries: {reason}")


def _failed(source: Source, reason: str) -> Outcome:
    _update_source(
        source,
        status=Source.Status.FAILED,
        last_error=reason,
        last_checked_at=timezone.now(),
        **_NO_LEASE,
    )
    return Outcome(source, None, reason)


def _gone(source: Source, reason: str) -> Outcome:
    now = timezone.now()
    with transaction.atomic():  # the source and the flags of its claims change together
        _update_source(
            source,
            status=Source.Status.GONE,
            last_error=reason,
            last_checked_at=now,
            gone_at=now,
            **_NO_LEASE,
        )
        citing = set(Claim.objects.filter(evidence__source=source).values_list("pk", flat=True))
        flag = f"A cited source went away: {source.normalized_url} ({reason})"
        flag_claims(citing, reason=flag)
        send_on_commit(signals.source_gone, Source, source=source, reason=reason)
    return Outcome(source, None, reason)


_NO_LEASE = {"lease_holder": "", "lease_expires_at": None, "interrupted_archives": 0}


def _update_source(source: Source, **fields) -> None:
    for name, value in fields.items():
        setattr(source, name, value)
    Source.objects.filter(pk=source.pk).update(**fields, updated_at=timezone.now())


def _locate_safely(evidence: Evidence, capture: Capture) -> None:
    """Locate, but never let a failing or timed-out search undo what was stored."""
    try:
        locate_evidence(evidence, capture)
    except Exception:
        log.exception("Locating evidence %s in capture %s failed", evidence.pk, capture.pk)


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
    """Sources cited for verdicts in force whose last check is older than the interval."""
    now = now or timezone.now()
    due = now - dt.timedelta(hours=settings.SOURCE_RECHECK_HOURS)
    cited = Verdict.objects.in_force().filter(claim__evidence__source=OuterRef("pk"))
    return Source.objects.filter(
        Exists(cited),
        status__in=[Source.Status.ARCHIVED, Source.Status.GONE],
        last_checked_at__lt=due,
    )
