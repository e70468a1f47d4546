"""API clients (publishing systems): tokens are shown once and stored hashed."""

import hashlib
import secrets

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from claims.models import ApiClient


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# A new client may do both unless told otherwise; clients from before scopes
# existed were given articles:write only (migration claims 0019).
DEFAULT_SCOPES = (ApiClient.Scope.ARTICLES_WRITE, ApiClient.Scope.VERDICTS_READ)


class UnknownScope(ValueError):
    pass


def validate_scopes(scopes) -> list[str]:
    """The scopes as stored (known ones, each once, in a fixed order), or UnknownScope."""
    known = ApiClient.Scope.values
    unknown = [scope for scope in scopes if scope not in known]
    if unknown:
        raise UnknownScope(
            _("Unknown scope %(unknown)s; the scopes are: %(known)s.")
            % {"unknown": ", ".join(map(repr, unknown)), "known": ", ".join(known)}
        )
    return [scope for scope in known if scope in scopes]


def create_api_client(name: str, scopes=DEFAULT_SCOPES) -> tuple[ApiClient, str]:
    """A new client and its token; the token is not kept anywhere and cannot be shown again."""
    token = secrets.token_urlsafe(32)
    client = ApiClient.objects.create(
        name=name,
        token_sha256=token_hash(token),
        token_prefix=token[:8],
        scopes=validate_scopes(scopes),
    )
    return client, token


def client_for_token(token: str) -> ApiClient | None:
    """The client a token belongs to; looked up in the cache first (revoking clears it)."""
    digest = token_hash(token)
    key = f"api:token:{digest}"
    client = cache.get(key)
    if client is None:
        client = ApiClient.objects.filter(token_sha256=digest, revoked_at__isnull=True).first()
        if client is not None:
            cache.set(key, client, 300)
    return client


def revoke(client: ApiClient) -> None:
    client.revoked_at = timezone.now()
    client.save(update_fields=["revoked_at"])
    cache.delete(f"api:token:{client.token_sha256}")
