"""Reads of stored matches, for the desk's "Already checked" panel and its dashboard."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import translation

from claims.extraction.matching import describe
from claims.models import Claim, Verdict

from .index import claim_text, match_from_records, review_fields
from .models import MatchCandidate


@dataclass(frozen=True)
class ClaimMatch:
    candidate_id: int
    kind: str  # "claim" (the desk's) or "review" (another fact-checker's)
    text: str
    rating: str  # the verdict in force's label or the review's rating name; "" if none yet
    url: str  # an external review's address; "" for a desk claim (see claim_id)
    publisher: str  # an external review's publisher; "" for a desk claim
    claim_id: int | None
    claim_status: str  # a desk claim's status; "" for a review
    score: float
    reasons: list[dict]
    reasons_text: str

    @property
    def is_published(self) -> bool:
        return self.kind == "review" or bool(self.rating)


def _in_force_verdicts():
    return Verdict.objects.in_force().select_related("rating")


def matches_for_claim(claim: Claim, *, published_only: bool = False) -> list[ClaimMatch]:
    """The claim's matches that were not dismissed, best first (a fixed number of queries)."""
    candidates = (
        MatchCandidate.objects.filter(claim=claim, dismissed_at__isnull=True)
        .select_related("entry__review", "entry__claim")
        .prefetch_related(Prefetch("entry__claim__verdicts", queryset=_in_force_verdicts()))
        .order_by("-score", "pk")
    )
    if published_only:
        candidates = candidates.filter(entry__is_published=True)
    language = (translation.get_language() or "en")[:2]
    found = []
    for candidate in candidates:
        entry = candidate.entry
        reasons_text = describe(match_from_records(candidate.score, candidate.reasons), language)
        common = {
            "candidate_id": candidate.pk,
            "score": candidate.score,
            "reasons": candidate.reasons,
            "reasons_text": reasons_text,
        }
        if entry.review_id:
            found.append(
                ClaimMatch(**common, kind="review", claim_status="", **review_fields(entry.review))
            )
        else:
            other = entry.claim
            verdicts = list(other.verdicts.all())
            found.append(
                ClaimMatch(
                    **common,
                    kind="claim",
                    text=claim_text(other),
                    rating=verdicts[-1].rating.label(language) if verdicts else "",
                    url="",
                    publisher="",
                    claim_id=other.pk,
                    claim_status=other.status,
                )
            )
    return found


def count_claims_matching_published() -> int:
    """How many claims have a match (not dismissed) with a published verdict or review."""
    return (
        MatchCandidate.objects.filter(dismissed_at__isnull=True, entry__is_published=True)
        .values("claim_id")
        .distinct()
        .count()
    )


def matching_published(claims):
    """Those of `claims` (a queryset) that the count above counts."""
    return claims.filter(
        Exists(
            MatchCandidate.objects.filter(
                claim=OuterRef("pk"), dismissed_at__isnull=True, entry__is_published=True
            )
        )
    )
