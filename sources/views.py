"""Viewing archived captures: screenshot, replay, text and passages, the files, the sandboxed page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from . import services
from .models import Capture
from .replay import embedding_policy, replay_url
from .selectors import located_passages
from .warc import archived_document

# The archived page runs in a sandbox: no scripts, no same-origin access, nothing
# loaded from anywhere (which would also tell the page's owner who is looking).
ARCHIVED_PAGE_POLICY = (
    "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
    "form-action 'none'; base-uri 'none'; frame-ancestors 'self'"
)


def _capture(pk) -> Capture:
    return get_object_or_404(Capture.objects.select_related("source"), pk=pk)


def _open(file):
    """One of the capture's files, or a 404 that says it is missing (never a 500)."""
    try:
        return file.open("rb")
    except (OSError, ValueError):  # no such file in the storage, or no file name at all
        raise Http404(_("The archived file of this capture is missing.")) from None


def _open_warc(capture: Capture):
    return _open(capture.warc)


# Shown by the capture page; the rest of the metadata is listed as it is.
_NOTES = ("browser_error", "browser_notes", "wacz_error", "wacz_signed_by")


@login_required
@permission_required("sources.view_capture", raise_exception=True)
def capture_detail(request, pk):
    capture = _capture(pk)
    metadata = sorted(
        (key, value) for key, value in (capture.metadata or {}).items() if key not in _NOTES
    )
    replay = replay_url(capture, request)
    response = render(
        request,
        "sources/capture_detail.html",
        {
            "capture": capture,
            "source": capture.source,
            "metadata": metadata,
            "passages": located_passages(capture),
            "browser_error": capture.metadata.get("browser_error", ""),
            "browser_notes": capture.metadata.get("browser_notes", ""),
            "wacz_error": capture.metadata.get("wacz_error", ""),
            "signing_asked": "wacz_signed_by" in capture.metadata,
            "signed_by": capture.metadata.get("wacz_signed_by", ""),
            "made_before_browser_captures": not capture.screenshot and not capture.wacz,
            "may_capture_again": services.may_capture_again(request.user),
            "replay_url": replay,
        },
    )
    if replay:
        response["Content-Security-Policy"] = embedding_policy()
    return response


@login_required
@permission_required("sources.view_capture", raise_exception=True)
def capture_warc(request, pk):
    capture = _capture(pk)
    return FileResponse(
        _open_warc(capture),
        as_attachment=True,
        filename=f"capture-{capture.pk}.warc.gz",
        content_type="application/warc",
    )


@login_required
@permission_required("sources.view_capture", raise_exception=True)
def capture_wacz(request, pk):
    capture = _capture(pk)
    if not capture.wacz:
        raise Http404(_("This capture has no WACZ package."))
    return FileResponse(
        _open(capture.wacz),
        as_attachment=True,
        filename=f"capture-{capture.pk}.wacz",
        content_type="application/wacz",
    )


@login_required
@permission_required("sources.view_capture", raise_exception=True)
def capture_screenshot(request, pk):
    capture = _capture(pk)
    if not capture.screenshot:
        raise Http404(_("This capture has no screenshot."))
    response = FileResponse(
        _open(capture.screenshot),
        as_attachment="download" in request.GET,
        filename=f"capture-{capture.pk}.png",
        content_type="image/png",
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_POST
@login_required
@permission_required("sources.view_capture", raise_exception=True)
def capture_again(request, pk):
    capture = _capture(pk)
    if not services.may_capture_again(request.user):
        messages.error(request, _("You may not ask for a new capture."))
    elif services.request_archive(capture.source):
        messages.success(request, _("A new capture was asked for; it appears here when done."))
    else:
        messages.info(request, _("A capture of this source is already on its way."))
    return redirect("sources:capture", pk=capture.pk)


@xframe_options_sameorigin
@login_required
@permission_required("sources.view_capture", raise_exception=True)
def capture_page(request, pk):
    capture = _capture(pk)
    if "html" not in capture.content_type.lower():
        raise Http404("This capture is not an HTML page.")
    response = HttpResponse(_archived_payload(capture), content_type=capture.content_type)
    response["Content-Security-Policy"] = ARCHIVED_PAGE_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response


def _archived_payload(capture: Capture) -> bytes:
    with _open_warc(capture) as warc:
        return archived_document(warc)
