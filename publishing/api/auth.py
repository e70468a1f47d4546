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
            "description": "Token <key>, from `manage.py create_api_client NAME`",
        }
