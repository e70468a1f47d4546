"""The REST API for the publishing CMS (/api/v1/). Thin: serializers in, services out."""

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from claims import promotion, selectors
from claims.extraction import ExtractionError, detect_language
from claims.models import Article, Claim, Verdict
from matching import index as match_index
from sources import services as source_services
from sources.models import Capture, Evidence, Source

from .. import webhooks
from ..articles import submit_article
from ..claimreview import article_reviews, claim_review, current_verdict, to_json_ld
from ..models import WebhookDelivery
from . import cache as reply_cache
from . import serializers
from .auth import (
    READ,
    WRITE,
    HasScope,
    IsApiClient,
    WritesArticles,
    may_read_verdicts,
    may_write,
)


class Pages(CursorPagination):
    page_size = 50
    ordering = "-id"


class ClaimPages(Pages):
    ordering = "id"


def _verdicts():
    return Verdict.objects.select_related("rating").order_by("published_at")


def _claims():
    return Claim.objects.select_related("article").prefetch_related(
        Prefetch("verdicts", queryset=_verdicts())
    )


# Who sees what (README, "Scopes"): articles:write shows the client's own articles
# with everything about them; verdicts:read shows every claim with a published
# verdict in force, and of its article the public fields only.
def _in_force(claim_path: str) -> Q:
    return Q(Exists(Verdict.objects.in_force().filter(**{claim_path: OuterRef("pk")})))


def _visible(request, own: Q, published: Q) -> Q | None:
    parts = []
    if may_write(request):
        parts.append(own)
    if may_read_verdicts(request):
        parts.append(published)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else parts[0] | parts[1]


def visible_articles(request):
    if request is None:  # the schema generator
        return Article.objects.none()
    visible = _visible(request, Q(api_client=request.auth), _in_force("claim__article"))
    return Article.objects.none() if visible is None else Article.objects.filter(visible)


def visible_claims(request):
    visible = _visible(request, Q(article__api_client=request.auth), _in_force("claim"))
    return Claim.objects.none() if visible is None else _claims().filter(visible)


def _published_claims():
    return _claims().filter(_in_force("claim")).order_by("start", "id")


class ArticleFilter(filters.FilterSet):
    class Meta:
        model = Article
        fields = ["external_id", "language"]


class ArticleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Articles of this client (scope articles:write). POST with a body extracts now (201);
    with a url only, the page is fetched by a worker (202) and `status` tells how far it got.
    With the scope verdicts:read, an article of the desk that has a published fact-check
    can be read too (by id, and its claimreview/): its public fields and published claims."""

    lookup_value_converter = "int"
    pagination_class = Pages
    filterset_class = ArticleFilter
    permission_classes = [IsApiClient, HasScope]
    required_scopes = {"list": (WRITE,), "create": (WRITE,), "promote": (WRITE,)}

    def get_queryset(self):
        if self.action in ("list", "create", "promote"):
            articles = Article.objects.filter(api_client=self.request.auth)
        else:
            articles = visible_articles(self.request)
        if self.action == "list":
            return articles
        claims = _claims().order_by("start", "id")
        return articles.prefetch_related(Prefetch("claims", queryset=claims))

    def get_serializer_class(self):
        return (
            serializers.ArticleListSerializer
            if self.action == "list"
            else serializers.ArticleSerializer
        )

    @extend_schema(
        description="This client's article with all its claims (articles:write), or, with "
        "verdicts:read, an article of the desk that has a published fact-check: only `id`, "
        "`title`, `language`, `url`, `outlet`, `author`, `published_at` and its published claims."
    )
    def retrieve(self, request, pk=None):
        """Served from the cache while nothing it shows has changed (see api/cache.py)."""
        if not str(pk).isdigit():
            raise Http404("No such article.")
        client = request.auth
        keys = reply_cache.reply_keys(int(pk))
        found = cache.get_many(list(keys.values()))
        # Each cached reply is (the article's client id, the reply or None).
        full = found.get(keys[reply_cache.FULL])
        public = found.get(keys[reply_cache.PUBLIC])
        owner = (full or public or (None,))[0]
        own = may_write(request) and owner == client.pk
        if own and full is not None:
            return _json(full[1])
        if public is not None and not own:
            if may_read_verdicts(request) and public[1] is not None:
                return _json(public[1])
            raise Http404("No such article.")
        if full is not None and not own and not may_read_verdicts(request):
            raise Http404("No such article.")
        article = get_object_or_404(Article.objects.only("id", "api_client_id"), pk=pk)
        if may_write(request) and article.api_client_id == client.pk:
            article = self.get_queryset().get(pk=pk)
            reply = JSONRenderer().render(serializers.ArticleSerializer(article).data)
            cache.set(keys[reply_cache.FULL], (article.api_client_id, reply), reply_cache.TIMEOUT)
            return _json(reply)
        if not may_read_verdicts(request):
            raise Http404("No such article.")
        article = (
            Article.objects.filter(pk=pk)
            .prefetch_related(Prefetch("claims", queryset=_published_claims()))
            .get()
        )
        claims = list(article.claims.all())
        reply = (
            JSONRenderer().render(serializers.PublicArticleSerializer(article).data)
            if claims
            else None
        )
        cache.set(keys[reply_cache.PUBLIC], (article.api_client_id, reply), reply_cache.TIMEOUT)
        if reply is None:
            raise Http404("No such article.")
        return _json(reply)

    @extend_schema(
        request=serializers.ArticleInputSerializer,
        responses={
            200: serializers.ArticleSerializer,
            201: serializers.ArticleSerializer,
            202: serializers.ArticleSerializer,
            400: OpenApiResponse(description="Invalid input; the message says why."),
        },
    )
    def create(self, request):
        data = serializers.ArticleInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            submitted = submit_article(request.auth, data.validated_data)
        except ExtractionError as refused:
            return Response({"error": str(refused)}, status=status.HTTP_400_BAD_REQUEST)
        if submitted.queued_fetch:
            code = status.HTTP_202_ACCEPTED
        else:
            code = status.HTTP_201_CREATED if submitted.created else status.HTTP_200_OK
        article = self.get_queryset().get(pk=submitted.article.pk)
        return Response(serializers.ArticleSerializer(article).data, status=code)

    @extend_schema(
        request=serializers.PromoteInputSerializer,
        responses={
            201: serializers.ClaimSerializer,
            400: OpenApiResponse(
                description="The span is not one of the article's other sentences, or "
                "overlaps a claim; the message says why."
            ),
            404: OpenApiResponse(description="No such article of this client."),
        },
    )
    @action(detail=True, methods=["post"], url_path="promote")
    def promote(self, request, pk=None):
        """Make one of the article's `other_sentences` a claim (origin "promoted").

        Send its `start` and `end` exactly as listed; the new claim is returned.
        """
        article = self.get_object()
        data = serializers.PromoteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            claim = promotion.promote_sentence(article, **data.validated_data, by=None)
        except promotion.PromotionError as refused:
            return Response({"error": str(refused)}, status=status.HTTP_400_BAD_REQUEST)
        claim = _claims().get(pk=claim.pk)
        return Response(serializers.ClaimSerializer(claim).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        description="The published fact-checks of this client's article (articles:write) or, "
        "with verdicts:read, of any article of the desk.",
        responses={200: OpenApiResponse(description="schema.org ClaimReview JSON-LD")},
    )
    @action(detail=True, methods=["get"], url_path="claimreview")
    def claimreview(self, request, pk=None):
        article = self.get_object()
        reviews = article_reviews(article)
        if not reviews:
            raise Http404("This article has no published fact-checks yet.")
        return _json_ld({"@context": "https://schema.org", "@graph": reviews})


class ClaimFilter(filters.FilterSet):
    # Only articles the client may see are valid choices: any other article
    # answers like an unknown one, so ids reveal nothing.
    article = filters.ModelChoiceFilter(queryset=visible_articles)
    q = filters.CharFilter(method="search", label="words in the claim")
    own = filters.BooleanFilter(
        method="of_own_articles",
        label="true: only claims of this client's articles; false: only the desk's others",
    )

    class Meta:
        model = Claim
        fields = ["article", "status", "kind"]

    def search(self, queryset, name, value):
        matching = selectors.search_claims(value).values("id")
        return queryset.filter(id__in=matching)

    def of_own_articles(self, queryset, name, value):
        mine = Q(article__api_client=self.request.auth)
        return queryset.filter(mine if value else ~mine)


class ClaimViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Claims of this client's articles (articles:write), with their published verdicts; with
    verdicts:read also every claim of the desk that has a published verdict. Filter by
    article, status, kind, text, or `own`."""

    lookup_value_converter = "int"
    serializer_class = serializers.ClaimSerializer
    pagination_class = ClaimPages
    filterset_class = ClaimFilter
    permission_classes = [IsApiClient, HasScope]
    required_scopes = {"sources": (WRITE,)}

    def get_queryset(self):
        if self.action == "sources":
            return _claims().filter(article__api_client=self.request.auth)
        return visible_claims(self.request).order_by("id")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ClaimDetailSerializer
        return serializers.ClaimSerializer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["may_read_verdicts"] = may_read_verdicts(self.request)
        return context

    @extend_schema(
        description="Cite a source for a claim of this client's article (articles:write).",
        request=serializers.EvidenceInputSerializer,
        responses={202: serializers.EvidenceSerializer},
    )
    @action(detail=True, methods=["post"], url_path="sources")
    def sources(self, request, pk=None):
        claim = self.get_object()
        data = serializers.EvidenceInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            evidence = source_services.cite(claim, **data.validated_data)
        except source_services.SourceError as refused:
            return Response({"error": str(refused)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(
            serializers.EvidenceSerializer(evidence).data, status=status.HTTP_202_ACCEPTED
        )

    @extend_schema(
        description="The claim's published fact-check: for this client's claims "
        "(articles:write), or for any claim of the desk (verdicts:read).",
        responses={200: OpenApiResponse(description="schema.org ClaimReview JSON-LD")},
    )
    @action(detail=True, methods=["get"], url_path="claimreview")
    def claimreview(self, request, pk=None):
        claim = self.get_object()
        verdict = current_verdict(claim)
        if verdict is None:
            raise Http404("This claim has no published fact-check yet.")
        return _json_ld(claim_review(claim, verdict))


def _json_ld(document: dict) -> HttpResponse:
    return HttpResponse(to_json_ld(document), content_type="application/ld+json; charset=utf-8")


def _json(reply: bytes) -> HttpResponse:
    return HttpResponse(reply, content_type="application/json")


class SourceViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Sources cited for this client's claims, with their captures (articles:write)."""

    lookup_value_converter = "int"
    serializer_class = serializers.SourceSerializer
    permission_classes = [IsApiClient, WritesArticles]

    def get_queryset(self):
        cited = Evidence.objects.filter(claim__article__api_client=self.request.auth).values(
            "source_id"
        )
        captures = Capture.objects.order_by("-captured_at")
        return Source.objects.filter(pk__in=cited).prefetch_related(
            Prefetch("captures", queryset=captures)
        )


def _client_capture(request, pk) -> Capture:
    cited = Evidence.objects.filter(claim__article__api_client=request.auth).values("source_id")
    return get_object_or_404(Capture, pk=pk, source_id__in=cited)


def _capture_file(file, filename: str, content_type: str) -> FileResponse:
    if not file:
        raise NotFound(_("This capture has no such file."))
    try:
        opened = file.open("rb")
    except (OSError, ValueError):  # no such file in the storage, or no file name at all
        raise NotFound(_("The archived file of this capture is missing.")) from None
    return FileResponse(opened, as_attachment=True, filename=filename, content_type=content_type)


@extend_schema(
    description="A capture of a source cited for this client's claims (articles:write).",
    responses={200: OpenApiResponse(description="The WARC file (gzip)")},
)
@api_view(["GET"])
@permission_classes([IsApiClient, WritesArticles])
def capture_warc(request, pk):
    capture = _client_capture(request, pk)
    return _capture_file(capture.warc, f"capture-{pk}.warc.gz", "application/warc")


@extend_schema(
    description=(
        "The capture packaged as WACZ (WARC, CDXJ index, pages.jsonl, datapackage.json with "
        "the SHA-256 of every file), for a source cited for this client's claims "
        "(articles:write). 404 for a capture without a package."
    ),
    responses={200: OpenApiResponse(description="The WACZ package (zip)")},
)
@api_view(["GET"])
@permission_classes([IsApiClient, WritesArticles])
def capture_wacz(request, pk):
    capture = _client_capture(request, pk)
    return _capture_file(capture.wacz, f"capture-{pk}.wacz", "application/wacz")


@extend_schema(
    description=(
        "The full-page screenshot of a browser capture, for a source cited for this client's "
        "claims (articles:write). 404 for a capture made without the browser."
    ),
    responses={200: OpenApiResponse(description="The screenshot (PNG)")},
)
@api_view(["GET"])
@permission_classes([IsApiClient, WritesArticles])
def capture_screenshot(request, pk):
    capture = _client_capture(request, pk)
    return _capture_file(capture.screenshot, f"capture-{pk}.png", "image/png")


@extend_schema(
    description="A capture of a source cited for this client's claims (articles:write).",
    responses={200: OpenApiResponse(description="The extracted main text")},
)
@api_view(["GET"])
@permission_classes([IsApiClient, WritesArticles])
def capture_text(request, pk):
    capture = _client_capture(request, pk)
    return HttpResponse(capture.text, content_type="text/plain; charset=utf-8")


class ReadsVerdicts(HasScope):
    scopes = (READ,)


@extend_schema(
    description="Published fact-checks (the desk's own and other fact-checkers' imported "
    "ClaimReview) that a sentence or a draft paragraph repeats, best first, with the score "
    "and the reasons of each match (scope verdicts:read).",
    parameters=[serializers.MatchesQuerySerializer],
    responses={
        200: serializers.MatchesSerializer,
        400: OpenApiResponse(description="No text, or a text over 10,000 characters."),
    },
)
@api_view(["GET"])
@permission_classes([IsApiClient, ReadsVerdicts])
def matches(request):
    query = serializers.MatchesQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    text = query.validated_data["text"]
    language = query.validated_data.get("language") or detect_language(text)
    found = match_index.match_text(text, language)
    return Response({"results": [serializers.MatchSerializer.from_match(m) for m in found]})


_ID = OpenApiParameter("id", int, OpenApiParameter.PATH)


def _webhook_id(value) -> int:
    if not str(value).isdigit():
        raise Http404("No such webhook.")
    return int(value)


@extend_schema_view(
    destroy=extend_schema(parameters=[_ID]), deliveries=extend_schema(parameters=[_ID])
)
class WebhookViewSet(viewsets.ViewSet):
    """Webhook endpoints of this client; the signing secret is returned once, on creation."""

    serializer_class = serializers.WebhookSerializer
    lookup_value_converter = "int"
    permission_classes = [IsApiClient, HasScope]

    def list(self, request):
        endpoints = request.auth.webhooks.order_by("id")
        return Response(serializers.WebhookSerializer(endpoints, many=True).data)

    @extend_schema(
        request=serializers.WebhookSerializer, responses={201: serializers.WebhookSerializer}
    )
    def create(self, request):
        data = serializers.WebhookSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            source_services.normalize_url(data.validated_data["url"])
            endpoint = webhooks.register(request.auth, **data.validated_data)
        except (source_services.SourceError, webhooks.EndpointRefused) as refused:
            return Response({"error": str(refused)}, status=status.HTTP_400_BAD_REQUEST)
        body = dict(serializers.WebhookSerializer(endpoint).data, secret=endpoint.secret)
        return Response(body, status=status.HTTP_201_CREATED)

    def destroy(self, request, pk=None):
        endpoint = get_object_or_404(request.auth.webhooks, pk=_webhook_id(pk))
        endpoint.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses={200: serializers.DeliverySerializer(many=True)})
    @action(detail=True, methods=["get"])
    def deliveries(self, request, pk=None):
        endpoint = get_object_or_404(request.auth.webhooks, pk=_webhook_id(pk))
        return Response(
            serializers.DeliverySerializer(endpoint.deliveries.all()[:100], many=True).data
        )


@extend_schema(request=None, responses={202: serializers.DeliverySerializer})
@api_view(["POST"])
@permission_classes([IsApiClient, HasScope])
def replay_delivery(request, pk):
    delivery = get_object_or_404(WebhookDelivery, pk=pk, endpoint__client=request.auth)
    again = webhooks.replay(delivery)
    return Response(serializers.DeliverySerializer(again).data, status=status.HTTP_202_ACCEPTED)


@extend_schema(responses={200: OpenApiResponse(description="Liveness")})
@api_view(["GET"])
@permission_classes([AllowAny])
def ping(request):
    """A trivial JSON view: the baseline in bench/api.py."""
    return Response({"ok": True})
