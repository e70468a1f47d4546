"""Replay of a capture's WACZ package in ReplayWeb.page, on an origin of its own.

Replay runs the archived page's own scripts. They run on settings.REPLAY_ORIGIN, whose
host name is not the app's, so the browser keeps every cookie of the app from them
(cookies are told apart by host name, not by port) and the app's CSRF check refuses
whatever they post to it. On the replay host only the replay routes exist
(sources.replay_urls) and no cookie is read; on the app's hosts those routes do not exist.

The app hands a replay URL to a desk member on the capture page (replay_url): it carries
a signed token naming the capture and the app origin that may frame the replay, valid
for settings.REPLAY_URL_MAX_AGE seconds, for the replay page and the WACZ it reads.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponseNotFound
from django.http.request import split_domain_port
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Capture

REPLAY_SALT = "sources.replay.capture"
REPLAY_URLCONF = "sources.replay_urls"
DEFAULT_PORTS = {"http": "80", "https": "443"}


class ReplayRefused(Exception):
    """A replay token that was forged, damaged or has expired; the message says which."""


@dataclass(frozen=True)
class ReplayTicket:
    capture_id: int
    frame_origin: str  # the app origin whose page may frame the replay


def replay_url(capture: Capture, request: HttpRequest) -> str | None:
    """The replay page of `capture` on REPLAY_ORIGIN, for the app page answering `request`.

    None when replay is off or the capture has no WACZ package. Only hand it to someone
    who may see the capture: the URL alone opens it, until it expires.
    """
    if not settings.REPLAY_ORIGIN or not capture.wacz:
        return None
    frame_origin = f"{request.scheme}://{request.get_host()}"
    token = signing.dumps({"capture": capture.pk, "frame": frame_origin}, salt=REPLAY_SALT)
    path = reverse("replay-page", urlconf=REPLAY_URLCONF, args=[token])
    return settings.REPLAY_ORIGIN + path


def read_token(token: str) -> ReplayTicket:
    """What a replay token grants; ReplayRefused when it is forged or expired."""
    try:
        data = signing.loads(token, salt=REPLAY_SALT, max_age=settings.REPLAY_URL_MAX_AGE)
    except signing.SignatureExpired:
        raise ReplayRefused(
            _("This replay link has expired. Open the capture page again for a new one.")
        ) from None
    except signing.BadSignature:
        raise ReplayRefused(_("This replay link is not valid.")) from None
    # Only this module signs with this salt, so a valid signature means this shape.
    return ReplayTicket(capture_id=int(data["capture"]), frame_origin=str(data["frame"]))


def embedding_policy() -> str:
    """The Content-Security-Policy of an app page that frames replay: the site's own,
    plus REPLAY_ORIGIN as a frame source. The page itself may be framed by nobody."""
    return (
        f"{settings.CONTENT_SECURITY_POLICY}; frame-src 'self' {settings.REPLAY_ORIGIN}; "
        "frame-ancestors 'none'"
    )


def replay_page_policy(frame_origin: str) -> str:
    """The replay page's policy: scripts only from the replay origin (ReplayWeb.page's own
    files), framed only by the app origin the token names. ReplayWeb.page styles itself
    inline. The archived pages run in frames its service worker serves, without this policy.
    """
    return (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; font-src 'self' data:; object-src 'none'; "
        f"base-uri 'none'; form-action 'none'; frame-ancestors {frame_origin}"
    )


class ReplayHostMiddleware:
    """Requests to REPLAY_ORIGIN's host get the replay URLconf, and nothing else.

    Their cookies are dropped before anything can read them, and their responses set
    none. The replay host name on any other port answers nothing at all: the app must
    never run there, or the app's cookies would be the replay's (cookies ignore ports).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        role = host_role(request)
        if role == "app":
            return self.get_response(request)
        if role == "reserved":
            return HttpResponseNotFound(
                _("This host name serves only replays of archived pages."),
                content_type="text/plain; charset=utf-8",
            )
        request.urlconf = REPLAY_URLCONF
        request.META.pop("HTTP_COOKIE", None)
        request.COOKIES = {}
        response = self.get_response(request)
        response.cookies.clear()
        return response


def host_role(request: HttpRequest) -> str:
    """ "replay" for REPLAY_ORIGIN's host and port, "reserved" for its host name on
    another port, "app" for everything else (and for all when replay is off)."""
    if not settings.REPLAY_ORIGIN:
        return "app"
    origin = urlsplit(settings.REPLAY_ORIGIN)
    replay_host = f"[{origin.hostname}]" if ":" in origin.hostname else origin.hostname
    host, port = split_domain_port(request.get_host())
    if host != replay_host:
        return "app"
    # A proxy may drop the port from Host: the host name alone then means replay.
    replay_port = str(origin.port or DEFAULT_PORTS[origin.scheme])
    return "replay" if port in ("", replay_port) else "reserved"
