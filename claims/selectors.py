"""Reads of the domain shared by the interfaces: each is a fixed number of queries."""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Exists, OuterRef, Q

from .models import Claim, Verdict


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
