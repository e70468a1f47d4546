"""Articles from a CMS: submitted with their text, or by URL only and fetched by a worker.

`submit_article` is the API's one way in; `article.extracted` reaches the client's
webhooks from `_announce_extracted` alone, once the article has its claims.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction

from claims.models import Article
from claims.services import save_article
from claims.text import normalize_body
from sources.content import extract_content
from sources.fetcher import FetchFailed, FetchRefused, fetch
from sources.services import fetch_policy, large_page_turn

from . import webhooks
from .models import WebhookEvent

# What a client may set on an article it submits (the body and the url are handled apart).
SUBMITTED_FIELDS = ("title", "url", "outlet", "author", "published_at", "external_id", "language")


@dataclass(frozen=True)
class Submission:
    article: Article
    created: bool
    queued_fetch: bool  # sent by url only: a worker fetches it (see fetch_article_text)


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
    # tasks imports this module: the task is looked up when it is queued.
    from .tasks import fetch_article

    article = existing or Article(api_client=client)
    for name in SUBMITTED_FIELDS:
        if name in fields:
            setattr(article, name, fields[name])
    if fields.get("body"):
        article.body = fields["body"]
        article.fetch_status = Article.FetchStatus.NONE
        save_article(article)
        _announce_extracted(article)
        return Submission(article, created=existing is None, queued_fetch=False)
    article.fetch_status, article.fetch_error = Article.FetchStatus.PENDING, ""
    article.language = article.language or "de"
    article.save()
    transaction.on_commit(lambda: fetch_article.delay(article.pk))
    return Submission(article, created=existing is None, queued_fetch=True)


def fetch_article_text(article: Article) -> str:
    """For an article sent by URL only: fetch it safely, take its main text, extract claims."""
    try:
        with fetch(article.url, fetch_policy()) as result:
            if result.status >= 400:
                raise FetchFailed(f"The page answered {result.status}.", retryable=False)
            with large_page_turn(result.content_size):
                content = extract_content(result.content, result.content_type, result.final_url)
    except (FetchRefused, FetchFailed) as failure:
        _fetch_failed(article, failure.reason)
        return failure.reason
    if not content.text.strip():
        _fetch_failed(article, "No article text was found at this address.")
        return "no text"
    # Cut as stored (save_article normalizes too): the limit counts real characters.
    article.body = normalize_body(content.text)[: settings.EXTRACTION_MAX_CHARS]
    article.title = article.title or content.title[:500]
    article.author = article.author or content.author[:200]
    article.outlet = article.outlet or content.site_name[:200]
    article.fetch_status, article.fetch_error = Article.FetchStatus.FETCHED, ""
    with transaction.atomic():
        summary = save_article(article)
        _announce_extracted(article)
    return str(summary)


def _fetch_failed(article: Article, reason: str) -> None:
    # A save, not a queryset update: its signal invalidates the API's cached reply.
    article.fetch_status, article.fetch_error = Article.FetchStatus.FAILED, reason
    article.save(update_fields=["fetch_status", "fetch_error", "updated_at"])


def _announce_extracted(article: Article) -> None:
    webhooks.emit(article.api_client, WebhookEvent.ARTICLE_EXTRACTED, extracted_payload(article))


def extracted_payload(article: Article) -> dict:
    return {
        "article": article.pk,
        "external_id": article.external_id,
        "revision": article.revision,
        "claims": article.claims.filter(is_anchored=True).count(),
    }
