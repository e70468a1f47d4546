from functools import wraps

from django.conf import settings
from django.utils import translation


class ApiLanguageMiddleware:
    """The API answers in English unless the client asks for a language (Accept-Language)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/") and "HTTP_ACCEPT_LANGUAGE" not in request.META:
            translation.activate("en")
            request.LANGUAGE_CODE = "en"
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Sends settings.CONTENT_SECURITY_POLICY with every response that has no policy yet.

    A view that needs another policy sets its own header (the sandboxed archived page,
    the API docs); it is never replaced. frame-ancestors follows X-Frame-Options, so a
    view that allows same-origin framing keeps that; otherwise no page may be framed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy_with_frame_ancestors(
                settings.CONTENT_SECURITY_POLICY, response.get("X-Frame-Options", "DENY")
            )
        return response


def policy_with_frame_ancestors(policy: str, x_frame_options: str) -> str:
    ancestors = "'self'" if x_frame_options.upper() == "SAMEORIGIN" else "'none'"
    return f"{policy}; frame-ancestors {ancestors}"


def content_security_policy(policy: str):
    """A view decorator: this view's responses carry `policy` instead of the site's."""

    def decorator(view):
        @wraps(view)
        def with_policy(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response.setdefault(
                "Content-Security-Policy",
                policy_with_frame_ancestors(policy, response.get("X-Frame-Options", "DENY")),
            )
            return response

        return with_policy

    return decorator
