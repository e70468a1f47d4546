"""Cached API replies for articles: read by the CMS often, changed rarely.

Each article has a generation number in the cache; anything that changes what
its reply shows bumps it (model signals for saves, and the services that write
in bulk call `article_changed` themselves), so a read is one cache lookup. The
cache must be shared by all web and worker processes (see CACHES in settings).
"""

from django.core.cache import cache
from django.db import transaction

TIMEOUT = 24 * 3600


def _generation_key(article_id: int) -> str:
    return f"api:article:{article_id}:generation"


def generation(article_id: int) -> int:
    return cache.get_or_set(_generation_key(article_id), 1, TIMEOUT)


def article_changed(article_id: int) -> None:
    _bump(article_id)
    # Once more when the write is committed: a read in between sees the old rows
    # and would keep them cached under the new generation.
    transaction.on_commit(lambda: _bump(article_id))


def _bump(article_id: int) -> None:
    try:
        cache.incr(_generation_key(article_id))
    except ValueError:
        cache.set(_generation_key(article_id), 2, TIMEOUT)


def reply_key(article_id: int) -> str:
    return f"api:article:{article_id}:reply:{generation(article_id)}"


def connect():
    from django.db.models.signals import post_delete, post_save

    from claims.models import ApiClient, Article, Claim, Verdict

    def on_client(sender, instance, **kwargs):
        # A revoked (or edited) client must not stay valid in the token cache; again
        # on commit, in case a request cached the row as it was in the meantime.
        key = f"api:token:{instance.token_sha256}"
        cache.delete(key)
        transaction.on_commit(lambda: cache.delete(key))

    def on_article(sender, instance, **kwargs):
        article_changed(instance.pk)

    def on_claim(sender, instance, **kwargs):
        article_changed(instance.article_id)

    def on_verdict(sender, instance, **kwargs):
        article_changed(
            Claim.objects.filter(pk=instance.claim_id).values_list("article_id", flat=True).first()
            or 0
        )

    for signal in (post_save, post_delete):
        signal.connect(
            on_client, sender=ApiClient, weak=False, dispatch_uid=f"api-cache-client-{signal}"
        )
        signal.connect(
            on_article, sender=Article, weak=False, dispatch_uid=f"api-cache-article-{signal}"
        )
        signal.connect(on_claim, sender=Claim, weak=False, dispatch_uid=f"api-cache-claim-{signal}")
        signal.connect(
            on_verdict, sender=Verdict, weak=False, dispatch_uid=f"api-cache-verdict-{signal}"
        )
