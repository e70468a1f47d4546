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


# Bumped when another ranking model is put in force: it changes every article's
# other sentences (their scores, and which candidates are below the threshold).
RANKING_KEY = "api:ranking:generation"


def generation(article_id: int) -> int:
    return cache.get_or_set(_generation_key(article_id), 1, TIMEOUT)


def article_changed(article_id: int) -> None:
    _changed(_generation_key(article_id))


def ranking_changed() -> None:
    """Call when the ranking model in force changes (a new version, a rollback)."""
    _changed(RANKING_KEY)


def _changed(key: str) -> None:
    _bump(key)
    # Once more when the write is committed: a read in between sees the old rows
    # and would keep them cached under the new generation.
    transaction.on_commit(lambda: _bump(key))


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 2, TIMEOUT)


def reply_key(article_id: int) -> str:
    """The article's reply under its own generation and the ranking's: one cache round trip."""
    keys = (_generation_key(article_id), RANKING_KEY)
    found = cache.get_many(keys)
    article, ranking = (found.get(key) or cache.get_or_set(key, 1, TIMEOUT) for key in keys)
    return f"api:article:{article_id}:reply:{article}:{ranking}"


def connect():
    from django.db.models.signals import post_delete, post_save

    from claims.models import ApiClient, Article, Claim, RankingModelVersion, Verdict

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

    def on_ranking(sender, instance, **kwargs):
        # A version trained and put in force in one transaction; a rollback that
        # updates rows in bulk calls ranking_changed() itself.
        ranking_changed()

    for signal in (post_save, post_delete):
        signal.connect(
            on_ranking,
            sender=RankingModelVersion,
            weak=False,
            dispatch_uid=f"api-cache-ranking-{signal}",
        )
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
