"""Cached API replies for articles: read by the CMS often, changed rarely.

Each article has a generation number in the cache; anything that changes what
its reply shows bumps it (the domain's `article_changed` signal, sent for every
write, bulk ones included), so a read is one cache lookup. The
cache must be shared by all web and worker processes (see CACHES in settings).
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from claims import signals
from claims.models import ApiClient

TIMEOUT = 24 * 3600


def _generation_key(article_id: int) -> str:
    return f"api:article:{article_id}:generation"


# Bumped when another ranking model is put in force: it changes every article's
# other sentences (their scores, and which candidates are below the threshold).
RANKING_KEY = "api:ranking:generation"


def generation(article_id: int) -> int:
    return cache.get_or_set(_generation_key(article_id), 1, TIMEOUT)


# Both run after the write committed (the signals are sent on commit): a read
# before that caches the old rows under the old generation, which no one asks for.
def article_changed(article_id: int) -> None:
    _bump(_generation_key(article_id))


def ranking_changed() -> None:
    _bump(RANKING_KEY)


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 2, TIMEOUT)


# An article has two replies, never one for all clients: the full one that only
# its own client reads (with articles:write), and the public one that every
# client with verdicts:read reads (only its published claims). Each cached value
# names the article's owner, so that a reply is served only to whom it is for.
FULL = "full"
PUBLIC = "public"


def reply_key(article_id: int, variant: str = FULL) -> str:
    """The article's reply under its own generation and the ranking's: one cache round trip."""
    return reply_keys(article_id)[variant]


def reply_keys(article_id: int) -> dict[str, str]:
    """Both replies' keys, {FULL: ..., PUBLIC: ...}, for one lookup of the generations."""
    keys = (_generation_key(article_id), RANKING_KEY)
    found = cache.get_many(keys)
    article, ranking = (found.get(key) or cache.get_or_set(key, 1, TIMEOUT) for key in keys)
    return {
        variant: f"api:article:{article_id}:reply:{variant}:{article}:{ranking}"
        for variant in (FULL, PUBLIC)
    }


def connect():
    """Listen to the domain's announcements: the one path by which replies go stale."""
    signals.article_changed.connect(
        _on_article_changed, dispatch_uid="publishing.cache.article_changed"
    )
    signals.ranking_changed.connect(
        _on_ranking_changed, dispatch_uid="publishing.cache.ranking_changed"
    )
    for signal in (post_save, post_delete):
        signal.connect(
            _on_client, sender=ApiClient, dispatch_uid=f"publishing.cache.client.{signal}"
        )


def _on_article_changed(sender, article_id, **kwargs):
    article_changed(article_id)


def _on_ranking_changed(sender, **kwargs):
    ranking_changed()


def _on_client(sender, instance, **kwargs):
    # A revoked (or edited) client must not stay valid in the token cache; again
    # on commit, in case a request cached the row as it was in the meantime.
    key = f"api:token:{instance.token_sha256}"
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))
