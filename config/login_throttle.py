"""Login throttling (django-axes): who is asking, and what a locked-out visitor sees."""

from django.conf import settings
from django.shortcuts import render


def client_ip(request) -> str:
    """The address that throttling counts failures for.

    Behind the TLS-terminating proxy (SECURE_PROXY_SSL_HEADER set) every request comes
    from the proxy: the client is the last X-Forwarded-For entry, the one the proxy
    appended itself (entries before it are whatever the client claimed).
    """
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "")


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out login gets: 429, in the visitor's language, in the site's layout."""
    minutes = round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
