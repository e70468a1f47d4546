"""Articles from a CMS: submitted with their text (plain or HTML), or by URL only.

`submit_article` is the API's one way in. An article sent by URL only is fetched
by a worker (sources.articles). `article.extracted` reaches the client's webhooks
once the article has its claims: from `_announce_extracted` for a submitted text,
from `announce_fetched` (on sources' article_fetched signal) for a fetched one.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from claims.models import Article
from claims.services import save_article
from sources.articles import queue_fetch

from . import webhooks
from .models import WebhookEvent

# What a client may set on an article it submits (the body and the url are handled apart).
SUBMITTED_FIELDS = ("title", "url", "outlet", "author", "published_at", "external_id", "language")


@dataclass(frozen=True)
class Submission:
    article: Article
    created: bool
    queued_fetch: bool  # sent by url only: a worker fetches it (sources.articles)


def submit_article(client, fields: dict) -> Submission:
    """Create an API client's article, or update the one with the same external_id.

    Submissions of one external_id are serialised on the article's row: the first
    creates it, the others (a CMS retrying on a timeout) wait for it and update it
    in turn, each from the revision the previous one left. Raises ExtractionError
    for a body that cannot be extracted.
    """
    external_id = fields.get("external_id") or ""
    try:
        with transaction.atomic():
            return _submit(client, fields, _locked_article(client, external_id))
    except IntegrityError:
        # Another request created this external_id between our look-up and our
        # insert; its row is committed now, so update it like any re-submission.
        with transaction.atomic():
            existing = _locked_article(client, external_id)
            if existing is None:
                raise
            return _submit(client, fields, existing)


def _locked_article(client, external_id: str) -> Article | None:
    if not external_id:
        return None
    return (
        Article.objects.select_for_update()
        .filter(api_client=client, external_id=external_id)
        .first()
    )


def _submit(client, fields: dict, existing: Article | None) -> Submission:
    article = existing or Article(api_client=client)
    for name in SUBMITTED_FIELDS:
        if name in fields:
            setattr(article, name, fields[name])
    if fields.get("body"):
        article.body = fields["body"]
        if "links" in fields:  # sent as HTML: its links replace those of an earlier text
            article.links = fields["links"]
        article.fetch_status = Article.FetchStatus.NONE
        save_article(article)
        _announce_extracted(article)
        return Submission(article, created=existing is None, queued_fetch=False)
    article.fetch_status, article.fetch_error = Article.FetchStatus.PENDING, ""
    detect = not article.language
    article.language = article.language or "de"  # a placeholder until the text tells
    article.save()
    queue_fetch(article, detect_language=detect)
    return Submission(article, created=existing is None, queued_fetch=True)


def announce_fetched(sender, article, **kwargs):
    """sources.signals.article_fetched: a CMS's article sent by URL has its claims now."""
    _announce_extracted(article)


def _announce_extracted(article: Article) -> None:
    webhooks.emit(article.api_client, WebhookEvent.ARTICLE_EXTRACTED, extracted_payload(article))


def extracted_payload(article: Article) -> dict:
    return {
        "article": article.pk,
        "external_id": article.external_id,
        "revision": article.revision,
        "claims": article.claims.filter(is_anchored=True).count(),
    }
