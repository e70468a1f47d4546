from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims import promotion
from claims.extraction import SUPPORTED
from claims.html import article_from_html, looks_like_html
from claims.models import Article, Claim
from claims.validators import validate_body_length
from matching import selectors as match_selectors
from publishing.claimreview import current_verdict
from publishing.models import WebhookEvent
from sources.models import Capture, Evidence, Source

SPEAKER_SCHEMA = {
    "type": "object",
    "nullable": True,
    "properties": {"name": {"type": "string"}, "role": {"type": "string", "nullable": True}},
}
VERDICT_SCHEMA = {
    "type": "object",
    "nullable": True,
    "properties": {
        "rating": {"type": "string"},
        "label": {"type": "string"},
        "rating_value": {"type": "integer", "nullable": True},
        "best_rating": {"type": "integer"},
        "worst_rating": {"type": "integer"},
        "summary": {"type": "string"},
        "published_at": {"type": "string", "format": "date-time"},
        "corrected": {"type": "boolean"},
    },
}


@extend_schema_field(SPEAKER_SCHEMA)
class SpeakerField(serializers.Field):
    def to_representation(self, claim):
        if not claim.speaker_name:
            return None
        return {"name": claim.speaker_name, "role": claim.speaker_role or None}


@extend_schema_field(VERDICT_SCHEMA)
class PublishedVerdictField(serializers.Field):
    """Only the published verdict in force; drafts never leave the desk."""

    def to_representation(self, claim):
        verdict = current_verdict(claim)
        if verdict is None:
            return None
        rating = verdict.rating
        return {
            "rating": rating.slug,
            "label": rating.alternate_name(claim.article.language),
            "rating_value": rating.rating_value,
            "best_rating": rating.best_rating,
            "worst_rating": rating.worst_rating,
            "summary": verdict.summary,
            "published_at": verdict.published_at,
            "corrected": verdict.corrects_id is not None,
        }


class ClaimSerializer(serializers.ModelSerializer):
    speaker = SpeakerField(source="*", read_only=True)
    verdict = PublishedVerdictField(source="*", read_only=True)
    corrected = serializers.SerializerMethodField()
    claimreview_url = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = [
            "id", "article", "text", "start", "end", "is_anchored", "kind", "status", "origin",
            "reviewed_text", "speaker", "attribution", "attribution_is_vague", "claimant",
            "claimant_role", "figures", "dates",
            "checkworthiness", "reasons", "corrected", "verdict", "claimreview_url",
        ]  # fmt: skip
        read_only_fields = fields

    def get_corrected(self, claim) -> bool:
        return claim.corrected_at is not None

    def get_claimreview_url(self, claim) -> str | None:
        if claim.status != Claim.Status.PUBLISHED:
            return None
        return reverse("api:claim-claimreview", args=[claim.pk])


def desk_fact_check_url(claim_id: int) -> str:
    """Where the desk's fact-check of a claim is published (its ClaimReview url)."""
    return f"{settings.NEWSROOM_URL.rstrip('/')}/fact-checks/{claim_id}"


class MatchReasonSerializer(serializers.Serializer):
    kind = serializers.CharField(
        help_text="figure, number, person, actor, date, year, text, or one of them with "
        "_conflict (evidence against)"
    )
    value = serializers.CharField()


class MatchSerializer(serializers.Serializer):
    """A published fact-check (the desk's, or another fact-checker's ClaimReview) that a
    text or claim repeats, with the score and the reasons of the match."""

    score = serializers.FloatField(help_text="0..1; matches start at 0.7")
    reasons = MatchReasonSerializer(many=True)
    reasons_text = serializers.CharField(
        help_text='The reasons in words: "same figure: 1 billion USD · text 0.82"'
    )
    source = serializers.ChoiceField(
        choices=["desk", "external"], help_text="desk: our own fact-check; external: imported"
    )
    claim_reviewed = serializers.CharField()
    rating = serializers.CharField(help_text="The rating's name, as its publisher gave it")
    url = serializers.CharField(help_text="The fact-check's address")
    publisher = serializers.CharField()

    @staticmethod
    def from_match(match) -> dict:
        """A reply item from matching.index.TextMatch or matching.selectors.ClaimMatch."""
        desk = match.claim_id is not None
        return {
            "score": match.score,
            "reasons": match.reasons,
            "reasons_text": match.reasons_text,
            "source": "desk" if desk else "external",
            "claim_reviewed": match.text,
            "rating": match.rating,
            "url": desk_fact_check_url(match.claim_id) if desk else match.url,
            "publisher": settings.NEWSROOM_NAME if desk else match.publisher,
        }


class MatchesQuerySerializer(serializers.Serializer):
    MAX_CHARS = 10_000

    text = serializers.CharField(
        max_length=MAX_CHARS,
        help_text="A sentence or a draft paragraph, at most 10,000 characters.",
        error_messages={
            "required": _("Send the text to match as ?text=..."),
            "blank": _("Send the text to match as ?text=..."),
            "max_length": _("The text is too long: at most 10,000 characters."),
        },
    )
    language = serializers.ChoiceField(
        choices=SUPPORTED, required=False, help_text="de or en; detected when not given."
    )


class MatchesSerializer(serializers.Serializer):
    results = MatchSerializer(many=True)


class ClaimDetailSerializer(ClaimSerializer):
    """A claim as /claims/{id}/ answers it: with its matches to published fact-checks."""

    matches = serializers.SerializerMethodField(
        help_text="Published fact-checks (the desk's and imported ones) that this claim "
        "repeats, best first; for a client with the scope verdicts:read, else empty."
    )

    class Meta(ClaimSerializer.Meta):
        fields = [*ClaimSerializer.Meta.fields, "matches"]
        read_only_fields = fields

    @extend_schema_field(MatchSerializer(many=True))
    def get_matches(self, claim) -> list:
        if not self.context.get("may_read_verdicts"):
            return []
        found = match_selectors.matches_for_claim(claim, published_only=True)
        return [MatchSerializer.from_match(match) for match in found]


class OtherSentenceSerializer(serializers.Serializer):
    """A candidate sentence below the check-worthiness threshold: not a claim, promotable."""

    start = serializers.IntegerField()
    end = serializers.IntegerField()
    text = serializers.CharField()
    checkworthiness = serializers.FloatField()


class LinkSerializer(serializers.Serializer):
    """One of the article's own links (sent as HTML): its address and its text's span."""

    url = serializers.CharField()
    text = serializers.CharField(help_text="body[start:end]")
    start = serializers.IntegerField()
    end = serializers.IntegerField()


class ArticleSerializer(serializers.ModelSerializer):
    claims = ClaimSerializer(many=True, read_only=True)
    links = LinkSerializer(
        many=True,
        read_only=True,
        help_text="The article's own links when it came as HTML (posted or fetched), "
        "with the span of their text in the body.",
    )
    other_sentences = serializers.SerializerMethodField(
        help_text="Candidate sentences below the threshold, not claims; "
        "POST one's start and end to promote/ to make it a claim."
    )
    url = serializers.CharField(read_only=True, help_text="The article's address, or empty.")
    status = serializers.CharField(source="fetch_status", read_only=True)

    class Meta:
        model = Article
        fields = [
            "id", "external_id", "title", "language", "url", "outlet", "author", "published_at",
            "revision", "status", "fetch_error", "created_at", "updated_at", "claims",
            "other_sentences", "links",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(OtherSentenceSerializer(many=True))
    def get_other_sentences(self, article) -> list:
        return OtherSentenceSerializer(promotion.other_sentences(article), many=True).data


class ArticleListSerializer(ArticleSerializer):
    class Meta(ArticleSerializer.Meta):
        fields = [
            f
            for f in ArticleSerializer.Meta.fields
            if f not in ("claims", "other_sentences", "links")
        ]
        read_only_fields = fields


class PublicArticleSerializer(serializers.ModelSerializer):
    """An article as a client with verdicts:read sees it when another client (or the desk)
    entered it: its public fields and only its claims with a published verdict."""

    claims = serializers.SerializerMethodField()
    url = serializers.CharField(read_only=True, help_text="The article's address, or empty.")

    class Meta:
        model = Article
        fields = ["id", "title", "language", "url", "outlet", "author", "published_at", "claims"]
        read_only_fields = fields

    @extend_schema_field(ClaimSerializer(many=True))
    def get_claims(self, article) -> list:
        published = [claim for claim in article.claims.all() if current_verdict(claim)]
        return ClaimSerializer(published, many=True).data


class PromoteInputSerializer(serializers.Serializer):
    """The span of one of the article's other sentences, as listed in `other_sentences`."""

    start = serializers.IntegerField(min_value=0, max_value=2**31 - 1)
    end = serializers.IntegerField(min_value=1, max_value=2**31 - 1)


class ArticleInputSerializer(serializers.Serializer):
    # Pasted markup is larger than its text; the text itself is held to the body's limit.
    HTML_MAX_CHARS = 5_000_000

    title = serializers.CharField(
        max_length=500, required=False, help_text="Required, unless `html` has a headline."
    )
    body = serializers.CharField(required=False, allow_blank=False, trim_whitespace=True)
    html = serializers.CharField(
        required=False,
        allow_blank=False,
        trim_whitespace=False,
        max_length=HTML_MAX_CHARS,
        help_text="The article as HTML, instead of `body`: its text becomes the body and its "
        "links are kept with their places in it (`links` in the reply).",
    )
    url = serializers.URLField(required=False, max_length=2000)
    language = serializers.ChoiceField(choices=SUPPORTED, required=False)
    external_id = serializers.CharField(
        required=False, max_length=200, allow_blank=True, default=""
    )
    published_at = serializers.DateTimeField(required=False, allow_null=True)
    author = serializers.CharField(required=False, max_length=200, allow_blank=True, default="")
    outlet = serializers.CharField(required=False, max_length=200, allow_blank=True, default="")

    def validate_published_at(self, value):
        if value is not None and not 1900 <= value.year <= 2100:
            raise serializers.ValidationError(_("Give a publication date between 1900 and 2100."))
        return value

    def validate_body(self, body):
        validate_body_length(body)
        return body

    def validate(self, data):
        if data.get("body") and data.get("html"):
            raise serializers.ValidationError(_("Send either a body or html, not both."))
        if data.get("html"):
            data = self._from_html(data)
        if not data.get("body") and not data.get("url"):
            raise serializers.ValidationError(
                _("Send the article's body, or its url to fetch it from.")
            )
        if not data.get("title"):
            raise serializers.ValidationError({"title": [_("This field is required.")]})
        return data

    def _from_html(self, data):
        html = data.pop("html")
        if not looks_like_html(html):
            raise serializers.ValidationError(
                {"html": [_("This is not HTML (there is no tag in it); send it as body.")]}
            )
        page = article_from_html(html, base_url=data.get("url") or "")
        if not page.body:
            raise serializers.ValidationError({"html": [_("There is no article text in it.")]})
        try:
            validate_body_length(page.body)
        except DjangoValidationError as too_long:
            raise serializers.ValidationError({"html": too_long.messages}) from None
        return {
            **data,
            "title": data.get("title") or page.title,
            "body": page.body,
            "links": page.links,
        }


class CaptureSerializer(serializers.ModelSerializer):
    warc_url = serializers.SerializerMethodField()
    text_url = serializers.SerializerMethodField()
    wacz_url = serializers.SerializerMethodField()
    screenshot_url = serializers.SerializerMethodField()

    class Meta:
        model = Capture
        fields = [
            "id", "captured_at", "method", "http_status", "final_url", "content_type", "size",
            "sha256", "text_sha256", "metadata", "refused_requests", "warc_url", "text_url",
            "wacz_url", "screenshot_url",
        ]  # fmt: skip
        read_only_fields = fields

    def get_warc_url(self, capture) -> str:
        return reverse("api:capture-warc", args=[capture.pk])

    def get_text_url(self, capture) -> str:
        return reverse("api:capture-text", args=[capture.pk])

    def get_wacz_url(self, capture) -> str | None:
        return reverse("api:capture-wacz", args=[capture.pk]) if capture.wacz else None

    def get_screenshot_url(self, capture) -> str | None:
        return reverse("api:capture-screenshot", args=[capture.pk]) if capture.screenshot else None


class SourceSerializer(serializers.ModelSerializer):
    captures = CaptureSerializer(many=True, read_only=True)

    class Meta:
        model = Source
        fields = [
            "id", "url", "normalized_url", "status", "last_error", "title", "publisher", "author",
            "published_date", "last_checked_at", "changed_at", "gone_at", "captures",
        ]  # fmt: skip
        read_only_fields = fields


class EvidenceInputSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=2000)
    stance = serializers.ChoiceField(choices=Evidence.Stance.choices)
    excerpt = serializers.CharField(required=False, allow_blank=True, default="", max_length=10000)


class EvidenceSerializer(serializers.ModelSerializer):
    source = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = ["id", "claim", "stance", "excerpt", "source"]
        read_only_fields = fields

    def get_source(self, evidence) -> dict:
        source = evidence.source
        return {
            "id": source.pk,
            "status": source.status,
            "url": reverse("api:source-detail", args=[source.pk]),
        }


class WebhookSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    url = serializers.URLField(max_length=2000)
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=WebhookEvent.choices),
        allow_empty=False,
    )
    active = serializers.BooleanField(read_only=True)


class DeliverySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    event = serializers.CharField()
    status = serializers.CharField()
    attempts = serializers.IntegerField()
    response_status = serializers.IntegerField(allow_null=True)
    last_error = serializers.CharField()
    created_at = serializers.DateTimeField()
    delivered_at = serializers.DateTimeField(allow_null=True)
