from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions, permissions, throttling
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from claims.models import ApiClient
from publishing.api_clients import client_for_token


class ApiPrincipal:
    """request.user for API calls: the CMS client, not a person."""

    is_authenticated = True
    is_active = True
    is_staff = False
    pk = None

    def __init__(self, client: ApiClient):
        self.client = client

    def __str__(self):
        return f"API client {self.client.name}"


class ApiTokenAuthentication(BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the header as: Authorization: Token <key>.")
            )
        try:
            token = parts[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("The token is not valid.")) from None
        client = client_for_token(token)
        if client is None:
            raise exceptions.AuthenticationFailed(_("Unknown or revoked token."))
        return ApiPrincipal(client), client

    def authenticate_header(self, request):
        return self.keyword


class IsApiClient(permissions.BasePermission):
    message = _("Send your API token: Authorization: Token <key>.")

    def has_permission(self, request, view):
        return isinstance(request.auth, ApiClient)


WRITE = ApiClient.Scope.ARTICLES_WRITE
READ = ApiClient.Scope.VERDICTS_READ


class HasScope(permissions.BasePermission):
    """The client holds a scope the view asks for.

    A view names them in `required_scopes`: {action or HTTP method: scopes}, where
    one of the listed scopes is enough; what is not named needs any scope at all.
    Which rows a scope shows is up to the view's queryset.
    """

    scopes: tuple = ()

    def has_permission(self, request, view):
        client = request.auth
        if not isinstance(client, ApiClient):
            return False
        needed = getattr(view, "required_scopes", {})
        scopes = (
            self.scopes or needed.get(getattr(view, "action", None)) or needed.get(request.method)
        )
        if scopes is None:
            scopes = tuple(ApiClient.Scope.values)
        if not any(client.has_scope(scope) for scope in scopes):
            if len(scopes) == 1:
                message = _(
                    "This API client may not do this: it needs the scope %(scope)s, which an "
                    "editor can grant in the admin."
                ) % {"scope": scopes[0]}
            else:
                message = _(
                    "This API client has none of the scopes %(scopes)s; an editor can grant "
                    "them in the admin."
                ) % {"scopes": ", ".join(scopes)}
            raise exceptions.PermissionDenied(message)
        return True


class WritesArticles(HasScope):
    scopes = (WRITE,)


def may_write(request) -> bool:
    return isinstance(request.auth, ApiClient) and request.auth.has_scope(WRITE)


def may_read_verdicts(request) -> bool:
    return isinstance(request.auth, ApiClient) and request.auth.has_scope(READ)


SCOPES_DESCRIPTION = (
    "`Token <key>`, from `manage.py create_api_client NAME [--scope SCOPE ...]`. "
    "Each client has scopes (set in the admin): "
    "**articles:write**: post articles, promote sentences, cite sources, and read its own "
    "articles, their claims, sources and captures; "
    "**verdicts:read**: read every claim of the desk that has a published verdict in force, "
    "whoever entered its article: the claim with its verdict, its ClaimReview, the article's "
    "public fields (id, title, language, url, outlet, author, published_at) with only its "
    "published claims, and the article's ClaimReview. Drafts, unpublished claims, other "
    "clients' external ids, sources and captures stay hidden. A request that needs a scope "
    "the client lacks answers 403 with a message."
)


class ApiClientThrottle(throttling.SimpleRateThrottle):
    """Requests per client (API_RATE, e.g. 1200/min), so one CMS cannot starve the others."""

    scope = "api_client"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiClient):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": SCOPES_DESCRIPTION,
        }
