"""The desk teaches the ranking: its decisions become labels for a versioned model.

Labels (see decisions()):
- 1, check-worthy: a claim taken into review (in review, awaiting approval,
  published, withdrawn), one that has a verdict, or one promoted from the
  article's other sentences;
- 0, not check-worthy: a claim an editor dismissed with "not check-worthy";
- both: decisions imported from another tool (ImportedDecision).
Other dismissals (a duplicate, a badly cut sentence) say nothing about
check-worthiness and are left out.

active_model() is what extraction uses; training.train_desk_model() fits new
versions from the decisions.
"""

import hashlib
import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import signals
from .extraction.ranking import RankingModel, load_base_model
from .models import Claim, ImportedDecision, RankingModelVersion

logger = logging.getLogger(__name__)

# A claim in one of these states was taken into review by the desk.
TAKEN = [
    Claim.Status.IN_REVIEW,
    Claim.Status.AWAITING_APPROVAL,
    Claim.Status.PUBLISHED,
    Claim.Status.WITHDRAWN,
]
# The share of decisions (by a hash of their text) that training never sees.
HELD_OUT_PERCENT = 20


@dataclass(frozen=True)
class Decision:
    text: str
    language: str
    label: int

    def example(self) -> tuple[str, str, int]:
        return (self.text, self.language, self.label)

    @property
    def held_out(self) -> bool:
        """A stable split: the same sentence is always on the same side, whoever decided it."""
        digest = hashlib.sha256(" ".join(self.text.split()).lower().encode()).digest()
        return int.from_bytes(digest[:4], "big") % 100 < HELD_OUT_PERCENT


def _positive() -> Q:
    return Q(status__in=TAKEN) | Q(verdicts__isnull=False) | Q(origin=Claim.Origin.PROMOTED)


def _negative() -> Q:
    return Q(status=Claim.Status.DISMISSED, dismissed_not_checkworthy=True)


def decision_claims(language: str | None = None):
    """The claims that carry a decision of the desk (either label)."""
    claims = Claim.objects.filter(_positive() | _negative())
    if language:
        claims = claims.filter(article__language=language)
    return claims.distinct()


def decisions(language: str | None = None) -> list[Decision]:
    """Every decision of the desk, then the imported ones; optionally of one language."""
    claims = decision_claims(language)
    # The latest word wins: a claim dismissed as not check-worthy is 0 even if it had
    # been promoted or taken before, unless someone wrote a verdict on it.
    negatives = set(claims.filter(_negative(), verdicts__isnull=True).values_list("pk", flat=True))
    rows = claims.order_by("pk").values_list("pk", "text", "article__language")
    found = [Decision(text, lang, 0 if pk in negatives else 1) for pk, text, lang in rows]
    rows = _imported(language).order_by("pk").values_list("text", "language", "label")
    found += [Decision(text, lang, label) for text, lang, label in rows]
    return found


def split(found: list[Decision]) -> tuple[list[Decision], list[Decision]]:
    """(training part, held-out part)."""
    return [d for d in found if not d.held_out], [d for d in found if d.held_out]


# --- The model in force ------------------------------------------------------

# The version in force, loaded: (pk, created_at) -> model; names alone may come back
# after versions were deleted.
_loaded: dict[tuple, RankingModel] = {}


def active_model() -> RankingModel:
    """The model new articles are scored with: the version in force, else the base model.

    One small query per call; the weights of a version are loaded once per process.
    """
    key = RankingModelVersion.objects.filter(is_active=True).values_list("pk", "created_at").first()
    if key is None:
        return load_base_model()
    model = _loaded.get(key)
    if model is None:
        stored = RankingModelVersion.objects.get(pk=key[0])
        try:
            model = RankingModel.from_dict(stored.weights)
        except ValueError as mismatch:
            # Trained on features this code no longer computes (an upgrade changed
            # them): score with the base model until the desk trains again.
            logger.warning("Ranking model %s not used: %s", stored.version, mismatch)
            model = load_base_model()
        else:
            model.version, model.threshold = stored.version, stored.threshold
        _loaded.clear()  # only the version in force is kept
        _loaded[key] = model
    return model


@transaction.atomic
def activate(version: RankingModelVersion, *, by=None) -> RankingModelVersion:
    """Put a version in force (and the one in force out): also the way to roll back."""
    RankingModelVersion.objects.select_for_update().filter(is_active=True).exclude(
        pk=version.pk
    ).update(is_active=False)
    if by is not None:  # a person put it in force (a roll-back): say who and when
        version.note = (
            f"{version.note}\nPut in force by {by.get_username()} on {timezone.now():%Y-%m-%d %H:%M}."
        ).strip()
    RankingModelVersion.objects.filter(pk=version.pk).update(is_active=True, note=version.note)
    version.is_active = True
    # Bulk updates send no save signal: the API's cached replies show other sentences
    # scored by the model in force, so they go stale now.
    signals.send_on_commit(signals.ranking_changed, RankingModelVersion)
    return version


# --- Training ------------------------------------------------------------------


def last_version() -> RankingModelVersion | None:
    return RankingModelVersion.objects.defer("weights").order_by("-created_at", "-pk").first()


def has_new_decisions(language: str | None = None) -> bool:
    """Whether a decision was taken (or imported) since the last version was trained."""
    last = last_version()
    if last is None:
        return decision_claims(language).exists() or _imported(language).exists()
    since = last.created_at
    return (
        decision_claims(language).filter(updated_at__gt=since).exists()
        or _imported(language).filter(imported_at__gt=since).exists()
    )


def _imported(language: str | None):
    imported = ImportedDecision.objects.all()
    return imported.filter(language=language) if language else imported
