"""The replay origin's views: the page that embeds ReplayWeb.page, the WACZ it reads
(by byte ranges), and ReplayWeb.page's two files from the npm package.

No login here: the signed token in the URL is the permission (sources.replay). These
views never read a cookie or the session; the replay host has none (its middleware).
"""

from django.conf import settings
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseNotFound,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from .byteranges import RangeNotSatisfiable, byte_range, read_part
from .models import Capture
from .replay import ReplayRefused, read_token, replay_page_policy

# Installed from the npm registry by `make install` (package.json), never from a CDN.
REPLAYWEBPAGE_DIR = settings.BASE_DIR / "node_modules" / "replaywebpage"
# The service worker sits in this folder, so its scope (the replay) is the folder.
REPLAY_BASE = "/replay/"
PLAIN_TEXT = "text/plain; charset=utf-8"


def _refused(refusal: ReplayRefused) -> HttpResponse:
    return HttpResponseForbidden(str(refusal), content_type=PLAIN_TEXT)


def _capture_with_wacz(capture_id: int) -> Capture:
    capture = get_object_or_404(Capture, pk=capture_id)
    if not capture.wacz:
        raise Http404(_("This capture has no WACZ package to replay."))
    return capture


@require_safe
@xframe_options_exempt  # its Content-Security-Policy says who may frame it
def replay_page(request, token):
    try:
        ticket = read_token(token)
    except ReplayRefused as refusal:
        return _refused(refusal)
    capture = _capture_with_wacz(ticket.capture_id)
    response = render(
        request,
        "sources/replay.html",
        {
            "capture": capture,
            "wacz_url": reverse("replay-wacz", args=[token]),
            "replay_base": REPLAY_BASE,
        },
    )
    response["Content-Security-Policy"] = replay_page_policy(ticket.frame_origin)
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_safe
def replay_wacz(request, token):
    """The capture's WACZ, whole or one byte range of it, from the archive storage."""
    try:
        ticket = read_token(token)
    except ReplayRefused as refusal:
        return _refused(refusal)
    capture = _capture_with_wacz(ticket.capture_id)
    try:
        size = capture.wacz.size
        wacz = capture.wacz.open("rb")
    except (OSError, ValueError):  # the file is not in the storage
        raise Http404(_("The WACZ package of this capture is missing.")) from None
    try:
        part = byte_range(request.headers.get("Range", ""), size)
    except RangeNotSatisfiable:
        wacz.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    first, last = part or (0, size - 1)
    length = max(last - first + 1, 0)
    response = StreamingHttpResponse(
        read_part(wacz, first, length), status=206 if part else 200, content_type="application/zip"
    )
    if part:
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Content-Length"] = str(length)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "private"
    return response


@require_safe
@xframe_options_exempt
def replay_frame_start(request):
    """The replay frame before the service worker has taken it over: ReplayWeb.page loads
    it once, sees no service worker in control and reloads it, which the worker answers.

    Empty, so any page may frame it: it sits inside the replay page, which the app's
    capture page frames, and frame-ancestors would check the app's origin too."""
    response = HttpResponse(
        "<!doctype html><title>Replay</title>", content_type="text/html; charset=utf-8"
    )
    response["Content-Security-Policy"] = "default-src 'none'"
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def replay_asset(request, name):
    """ui.js or sw.js of the replaywebpage package (the URLconf names only these two)."""
    path = REPLAYWEBPAGE_DIR / name
    try:
        file = path.open("rb")
    except FileNotFoundError:
        return HttpResponseNotFound(
            _("ReplayWeb.page is not installed here: run make install."), content_type=PLAIN_TEXT
        )
    response = FileResponse(file, content_type="text/javascript; charset=utf-8")
    # Asked again each time (304 while unchanged): a new install may bring a new version.
    response["Last-Modified"] = http_date(path.stat().st_mtime)
    response["Cache-Control"] = "no-cache"
    return response


def not_found(request, exception=None):
    message = exception.args[0] if exception and exception.args else ""
    if not isinstance(message, str) or not message:
        message = _("Not found.")
    return HttpResponseNotFound(message, content_type=PLAIN_TEXT)


def server_error(request):
    return HttpResponse(_("Replay failed."), status=500, content_type=PLAIN_TEXT)
