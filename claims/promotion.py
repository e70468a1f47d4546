"""Other sentences: an article's candidates below the threshold, and promoting one to a claim.

Extraction keeps only the candidates at or above the ranking model's threshold
as claims; the rest stay listed with the article as "other sentences", each with
its score and reasons, so that a reviewer (or the CMS, through the API) can make
one a claim. A promotion is a check-worthy decision that the desk's ranking
model learns from (origin "promoted").

Reading the list runs the extraction at most once per call, and its candidates
are cached per article text, revision and model version, so showing an article
again costs one cache lookup; which candidates are "other" is decided on every
call against the article's current claims.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from .exceptions import ClaimEditError
from .extracted import claim_fields
from .extraction import ExtractedClaim, ExtractionError, extract_claims
from .extraction.ranking import RankingModel
from .models import Article, Claim
from .ranking import active_model

CACHE_TIMEOUT = 24 * 3600
# Part of the cache key: bump it when the cached candidates change shape.
CACHE_FORMAT = 1


@dataclass(frozen=True)
class OtherSentence:
    """A candidate sentence of an article that is not a claim: below the threshold."""

    start: int
    end: int
    text: str
    checkworthiness: float
    reasons: tuple[str, ...] = ()

    @property
    def percent(self) -> int:
        return round(self.checkworthiness * 100)


class PromotionError(ClaimEditError):
    """The span cannot be promoted; the message says why."""


def other_sentences(article: Article) -> list[OtherSentence]:
    """The article's candidates below the threshold that no anchored claim overlaps, in order.

    Uses the article's claims as loaded (prefetch them to save the query).
    """
    candidates, threshold = _candidates(article)
    claimed = [(c.start, c.end) for c in article.claims.all() if c.is_anchored]
    return [
        OtherSentence(c.start, c.end, c.text, c.checkworthiness, tuple(c.reasons))
        for c in candidates
        if c.checkworthiness < threshold and not _overlaps(c.start, c.end, claimed)
    ]


def promote_sentence(article: Article, *, start: int, end: int, by=None) -> Claim:
    """Make the other sentence at exactly [start, end) a claim (origin "promoted").

    Its kind, speaker, figures, dates and score are the extraction's. Refused with
    PromotionError when the span is not one of the article's other sentences or
    overlaps a claim. `by` is the user recorded in the claim's history (None for
    an API client).
    """
    with transaction.atomic():
        # Promotions of one article take turns, so two cannot claim the same text.
        article = Article.objects.select_for_update().get(pk=article.pk)
        candidates, threshold = _candidates(article)
        found = next((c for c in candidates if (c.start, c.end) == (start, end)), None)
        if found is None or article.body[start:end] != found.text:
            raise PromotionError(
                _(
                    "Characters %(start)s to %(end)s are not one of the article's other "
                    "sentences; choose one from the list, or select text to add a claim by hand."
                )
                % {"start": start, "end": end}
            )
        overlapping = (
            article.claims.filter(is_anchored=True, start__lt=end, end__gt=start)
            .order_by("start")
            .first()
        )
        if overlapping is not None:
            raise PromotionError(
                _("This sentence overlaps claim %(id)s; it cannot become a claim of its own.")
                % {"id": overlapping.pk}
            )
        if found.checkworthiness >= threshold:
            raise PromotionError(
                _("This sentence is above the threshold, not one of the other sentences.")
            )
        claim = Claim(
            article=article,
            text=found.text,
            start=found.start,
            end=found.end,
            origin=Claim.Origin.PROMOTED,
            **claim_fields(found),
        )
        claim._history_user = by
        claim._change_reason = "promoted from other sentences"
        claim.save()  # its signal invalidates the API's cached reply for the article
        return claim


def remember_candidates(article: Article, model: RankingModel, candidates) -> None:
    """Keep what an extraction of the article's current text with `model` and
    `min_checkworthiness=0` found, so that listing its other sentences needs no
    second extraction (for services.extract_and_reanchor_claims, which extracts anyway)."""
    cache.set(_cache_key(article, model), tuple(candidates), CACHE_TIMEOUT)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _candidates(article: Article) -> tuple[tuple[ExtractedClaim, ...], float]:
    """All of the article's candidates with their scores, and the threshold in force."""
    model = active_model()
    key = _cache_key(article, model)
    candidates = cache.get(key)
    if candidates is None:
        candidates = _extract(article, model)
        cache.set(key, candidates, CACHE_TIMEOUT)
    return candidates, model.threshold


def _extract(article: Article, model: RankingModel) -> tuple[ExtractedClaim, ...]:
    if not article.body.strip():
        return ()  # sent by url, not fetched yet
    published = article.published_at.date() if article.published_at else None
    try:
        found = extract_claims(
            article.body,
            article.language,
            published,
            model=model,
            min_checkworthiness=0,
            max_chars=settings.EXTRACTION_MAX_CHARS,
        )
    except ExtractionError:
        return ()  # such a body has no claims either (see services.extract_and_reanchor_claims)
    return tuple(found)


def _cache_key(article: Article, model: RankingModel) -> str:
    digest = hashlib.blake2b(digest_size=12)
    published = article.published_at.date().isoformat() if article.published_at else ""
    digest.update(f"{article.language}|{published}|".encode())
    digest.update(article.body.encode("utf-8", "surrogatepass"))
    return (
        f"claims:other-sentences:{CACHE_FORMAT}:{article.pk}:{article.revision}:"
        f"{model.version}:{model.features}:{digest.hexdigest()}"
    )
