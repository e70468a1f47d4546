"""The REST API for the publishing CMS (/api/v1/). Thin: serializers in, services out."""

from django.core.cache import cache
from django.db.models import Prefetch
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
from claims.extraction import ExtractionError
from claims.models import Article, Claim, Verdict
from sources import services as source_services
from sources.models import Capture, Evidence, Source

from .. import webhooks
from ..articles import submit_article
from ..claimreview import article_reviews, claim_review, current_verdict, to_json_ld
from ..models import WebhookDelivery
from . import cache as reply_cache
from . import serializers


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


class ArticleFilter(filters.FilterSet):
    class Meta:
        model = Article
        fields = ["external_id", "language"]


class ArticleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Articles of this client. POST with a body extracts now (201); with a url only,
    the page is fetched by a worker (202) and `status` tells how far it got."""

    lookup_value_converter = "int"
    pagination_class = Pages
    filterset_class = ArticleFilter

    def get_queryset(self):
        articles = Article.objects.filter(api_client=self.request.auth)
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

    def retrieve(self, request, pk=None):
        """Served from the cache while nothing it shows has changed (see api/cache.py)."""
        if not str(pk).isdigit():
            raise Http404("No such article.")
        key = reply_cache.reply_key(int(pk))
        cached = cache.get(key)
        if cached is None or cached[0] != request.auth.pk:
            article = get_object_or_404(self.get_queryset(), pk=pk)
            cached = (
                request.auth.pk,
                JSONRenderer().render(serializers.ArticleSerializer(article).data),
            )
            cache.set(key, cached, reply_cache.TIMEOUT)
        return HttpResponse(cached[1], content_type="application/json")

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

    @extend_schema(responses={200: OpenApiResponse(description="schema.org ClaimReview JSON-LD")})
    @action(detail=True, methods=["get"], url_path="claimreview")
    def claimreview(self, request, pk=None):
        article = self.get_object()
        reviews = article_reviews(article)
        if not reviews:
            raise Http404("This article has no published fact-checks yet.")
        return _json_ld({"@context": "https://schema.org", "@graph": reviews})


def _own_articles(request):
    return Article.objects.filter(api_client=request.auth) if request else Article.objects.none()


class ClaimFilter(filters.FilterSet):
    # Only the client's own articles are valid choices: another client's article
    # answers like an unknown one, so ids reveal nothing.
    article = filters.ModelChoiceFilter(queryset=_own_articles)
    q = filters.CharFilter(method="search", label="words in the claim")

    class Meta:
        model = Claim
        fields = ["article", "status", "kind"]

    def search(self, queryset, name, value):
        matching = selectors.search_claims(value).values("id")
        return queryset.filter(id__in=matching)


class ClaimViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Claims of this client's articles, with their published verdicts; filter by article,
    status, kind or text."""

    lookup_value_converter = "int"
    serializer_class = serializers.ClaimSerializer
    pagination_class = ClaimPages
    filterset_class = ClaimFilter

    def get_queryset(self):
        return _claims().filter(article__api_client=self.request.auth).order_by("id")

    @extend_schema(
        request=serializers.EvidenceInputSerializer, responses={202: serializers.EvidenceSerializer}
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

    @extend_schema(responses={200: OpenApiResponse(description="schema.org ClaimReview JSON-LD")})
    @action(detail=True, methods=["get"], url_path="claimreview")
    def claimreview(self, request, pk=None):
        claim = self.get_object()
        verdict = current_verdict(claim)
        if verdict is None:
            raise Http404("This claim has no published fact-check yet.")
        return _json_ld(claim_review(claim, verdict))


def _json_ld(document: dict) -> HttpResponse:
    return HttpResponse(to_json_ld(document), content_type="application/ld+json; charset=utf-8")


class SourceViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Sources cited for this client's claims, with their captures."""

    lookup_value_converter = "int"
    serializer_class = serializers.SourceSerializer

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


@extend_schema(responses={200: OpenApiResponse(description="The WARC file (gzip)")})
@api_view(["GET"])
def capture_warc(request, pk):
    capture = _client_capture(request, pk)
    try:
        warc = capture.warc.open("rb")
    except (OSError, ValueError):  # no such file in the storage, or no file name at all
        raise NotFound(_("The archived file of this capture is missing.")) from None
    return FileResponse(
        warc,
        as_attachment=True,
        filename=f"capture-{pk}.warc.gz",
        content_type="application/warc",
    )


@extend_schema(responses={200: OpenApiResponse(description="The extracted main text")})
@api_view(["GET"])
def capture_text(request, pk):
    capture = _client_capture(request, pk)
    return HttpResponse(capture.text, content_type="text/plain; charset=utf-8")


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
