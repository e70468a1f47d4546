"""Reads of the domain shared by the interfaces: each is a fixed number of queries."""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Exists, OuterRef, Q

from .models import Article, Claim, Verdict
from .text import body_sha256, url_key


def claim_rows():
    """Claims with what a list of them shows, and nothing more."""
    return Claim.objects.select_related("article", "assignee").only(
        "id", "text", "status", "kind", "checkworthiness", "flag", "version", "speaker_name",
        "article__id", "article__title", "article__language", "assignee__id", "assignee__username",
    )  # fmt: skip


def search_claims(q: str = "", *, status="", kind="", rating="", assignee="", article=""):
    claims = claim_rows()
    if q:
        claims = _text_matches(q)(claims)
    if status:
        claims = claims.filter(status=status)
    if kind:
        claims = claims.filter(kind=kind)
    if assignee:
        claims = claims.filter(assignee__username=assignee)
    if article.isdigit():
        claims = claims.filter(article_id=int(article))
    if rating:
        rated = Verdict.objects.in_force().filter(claim=OuterRef("pk"), rating__slug=rating)
        claims = claims.filter(Exists(rated))
    return claims.order_by("-checkworthiness", "-id")


def _text_matches(q: str):
    """A filter for `q`; on PostgreSQL both stemmed configurations, each with its GIN index."""
    if connection.vendor != "postgresql":
        return lambda claims: claims.filter(text__icontains=q)

    def matches(claims):
        return claims.alias(
            vector_de=SearchVector("text", config="german"),
            vector_en=SearchVector("text", config="english"),
        ).filter(
            Q(vector_de=SearchQuery(q, config="german", search_type="websearch"))
            | Q(vector_en=SearchQuery(q, config="english", search_type="websearch"))
        )

    return matches


# What makes an article coming in the same as a stored one, in the order looked at.
SAME_EXTERNAL_ID, SAME_URL, SAME_TEXT = "external id", "URL", "text"


def duplicate_of(*, url="", body="", external_id="", api_client=None, exclude_pk=None):
    """The stored article that an article coming in repeats, or None; three queries at most.

    The same article has the same external id (in the same namespace: the API
    client's, or the newsroom's own for api_client None), the same address (by
    claims.text.url_key: scheme, "www.", the host's case, a trailing slash, the
    fragment and tracking parameters aside) or the same text (body_sha256 of the
    normalized body). When several stored articles match, the first in that order
    is returned. It carries `duplicate_by`: what it has in common with the new one
    (SAME_EXTERNAL_ID, SAME_URL, SAME_TEXT, in that order).
    """
    articles = Article.objects.defer("body").order_by("pk")
    if exclude_pk is not None:
        articles = articles.exclude(pk=exclude_pk)
    same_id = (
        articles.filter(external_id=external_id, api_client=api_client).first()
        if external_id
        else None
    )
    same_url = _same_url(articles, url)
    sha = body_sha256(body)
    same_text = articles.filter(body_sha256=sha).first() if sha else None
    found = same_id or same_url or same_text
    if found is not None:
        found.duplicate_by = tuple(
            reason
            for reason, match in (
                (SAME_EXTERNAL_ID, same_id),
                (SAME_URL, same_url),
                (SAME_TEXT, same_text),
            )
            if match is not None and match.pk == found.pk
        )
    return found


def _same_url(articles, url: str):
    key = url_key(url)
    if not key:
        return None
    host, _, path = key.partition("/")
    path = path.partition("?")[0]
    # A superset in SQL (the address holds the host and the path); url_key decides.
    candidates = articles.filter(url__icontains=host.partition(":")[0])
    if path:
        candidates = candidates.filter(url__contains=f"/{path}")
    return next((a for a in candidates.iterator() if url_key(a.url) == key), None)
