"""Articles given by their address only: a worker fetches them through the safe fetcher.

Every way in that has an address but no text (the CMS's API, the desk's "New
article") queues `queue_fetch`; the task (sources.tasks.fetch_article) calls
`fetch_article_text`, which stores the text and its claims, or the plain reason
why there is none. A fetched web page is read like pasted HTML (claims.html): its
text, and its own links with their places in the text. Once stored, the article
is announced with sources.signals.article_fetched.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from claims import selectors
from claims.extraction import SUPPORTED
from claims.extraction import detect_language as language_of
from claims.html import HtmlArticle, article_from_html, cut
from claims.models import Article
from claims.services import save_article
from claims.signals import send_on_commit
from claims.text import normalize_body

from . import services, signals  # services imports tasks, which imports this module
from .content import LARGE_HTML_CHARS, Content, extract_content
from .fetcher import FetchFailed, FetchRefused, fetch


def add_article_by_url(
    url: str, *, title: str = "", language: str = "", published_at=None
) -> Article:
    """A new article of the newsroom's own, to be fetched from `url` by a worker.

    Until its text is there it has the address as its title (when none is given)
    and fetch_status "pending". Without a language, the fetched text's is taken.
    """
    article = Article(
        url=url,
        title=title or url[:500],
        language=language or "de",  # a placeholder until the text tells
        published_at=published_at,
        fetch_status=Article.FetchStatus.PENDING,
    )
    with transaction.atomic():
        article.save()
        queue_fetch(article, detect_language=not language)
    return article


def queue_fetch(article: Article, *, detect_language: bool = False) -> None:
    """Have a worker fetch the article once the current transaction has committed."""
    from .tasks import fetch_article  # tasks imports this module

    transaction.on_commit(lambda: fetch_article.delay(article.pk, detect_language=detect_language))


def fetch_article_text(article: Article, *, detect_language: bool = False) -> str:
    """Fetch an article sent by URL only, keep its main text and links, extract its claims.

    `detect_language`: the language was not given; the text's own is taken.
    Returns what happened, for the task's log.
    """
    try:
        with fetch(article.url, services.fetch_policy()) as result:
            if result.status >= 400:
                raise FetchFailed(f"The page answered {result.status}.", retryable=False)
            with services.large_page_turn(result.content_size):
                content = extract_content(result.content, result.content_type, result.final_url)
                page = _page(result.content, content, result.final_url)
    except (FetchRefused, FetchFailed) as failure:
        return _failed(article, failure.reason)
    if content.kind == "other":
        return _failed(article, _("This address does not lead to a web page or a document."))
    if page is None or not page.body:
        # A PDF, plain text, or a page too large to read as a tree: its text, without links.
        page = HtmlArticle(content.title, normalize_body(content.text), [], content.language)
    # Cut as stored (save_article normalizes too): the limit counts real characters.
    page = cut(page, settings.EXTRACTION_MAX_CHARS)
    if not page.body.strip():
        return _failed(article, _("No article text was found at this address."))
    if article.api_client_id is None:
        # The newsroom's own articles are not stored twice (the CMS keeps its upserts).
        existing = selectors.duplicate_of(body=page.body, exclude_pk=article.pk)
        if existing is not None:
            return _failed(
                article,
                _("This text is stored already as article %(pk)s “%(title)s”.")
                % {"pk": existing.pk, "title": existing.title},
            )
    article.body, article.links = page.body, page.links
    if not article.title or article.title == article.url:
        article.title = (page.title or content.title or article.url)[:500]
    article.author = article.author or content.author[:200]
    article.outlet = article.outlet or content.site_name[:200]
    if article.published_at is None and content.published:
        article.published_at = timezone.make_aware(
            dt.datetime.combine(content.published, dt.time())
        )
    if detect_language:
        # The text decides; the page's declared language only breaks a tie.
        hint = page.language if page.language in SUPPORTED else "de"
        article.language = language_of(article.body, default=hint)
    article.fetch_status, article.fetch_error = Article.FetchStatus.FETCHED, ""
    with transaction.atomic():
        summary = save_article(article)
        send_on_commit(signals.article_fetched, Article, article=article, summary=summary)
    return str(summary)


def _page(payload: bytes, content: Content, url: str) -> HtmlArticle | None:
    """The page read as an article with its links, when it is HTML of a readable size."""
    if content.kind != "html":
        return None
    html = payload.decode(content.metadata.get("encoding") or "utf-8", errors="replace")
    if len(html) > LARGE_HTML_CHARS:
        return None  # a tree of it would take too much memory; content.text has the text
    return article_from_html(html, base_url=url)


def _failed(article: Article, reason: str) -> str:
    # A save, not a queryset update: its signal invalidates the API's cached reply.
    article.fetch_status, article.fetch_error = Article.FetchStatus.FAILED, reason
    article.save(update_fields=["fetch_status", "fetch_error", "updated_at"])
    return reason
