"""Viewing archived captures: text and metadata, the WARC file, the sandboxed page."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.clickjacking import xframe_options_sameorigin
from warcio.archiveiterator import ArchiveIterator

from .models import Capture
from .replay import embedding_policy, replay_url

# The archived page runs in a sandbox: no scripts, no same-origin access, nothing
# loaded from anywhere (which would also tell the page's owner who is looking).
ARCHIVED_PAGE_POLICY = (
    "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
    "form-action 'none'; base-uri 'none'; frame-ancestors 'self'"
)


def _capture(pk) -> Capture:
    return get_object_or_404(Capture.objects.select_related("source"), pk=pk)


def _open_warc(capture: Capture):
    """The capture's WARC file, or a 404 that says it is missing (never a 500)."""
    try:
        return capture.warc.open("rb")
    except (OSError, ValueError):  # no such file in the storage, or no file name at all
        raise Http404("The archived file of this capture is missing.") from None


@login_required
@permission_required("sources.view_capture", raise_exception=True)
def capture_detail(request, pk):
    capture = _capture(pk)
    metadata = sorted((capture.metadata or {}).items())
    replay = replay_url(capture, request)
    response = render(
        request,
        "sources/capture_detail.html",
        {"capture": capture, "source": capture.source, "metadata": metadata, "replay_url": replay},
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
    """The page as the server sent it, with its content encoding undone."""
    with _open_warc(capture) as warc:
        payload = b""
        for record in ArchiveIterator(warc):
            if record.rec_type == "response":
                payload = record.content_stream().read()
        return payload
