"""The desk teaches the ranking: its decisions become labels for a versioned model.

Labels (see decisions()):
- 1, check-worthy: a claim taken into review (in review, awaiting approval,
  published, withdrawn), one that has a verdict, or one promoted from the
  article's other sentences;
- 0, not check-worthy: a claim an editor dismissed with "not check-worthy";
- both: decisions imported from another tool (ImportedDecision).
Other dismissals (a duplicate, a badly cut sentence) say nothing about
check-worthiness and are left out.

train_desk_model() fits a model starting from the one in force (or the shipped
base model), regularized toward it, measures it and the one in force on a
held-out part of the decisions, stores it as a RankingModelVersion, and puts it
in force only if it is not worse there. active_model() is what extraction uses.
"""

import hashlib
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import signals
from .extraction.ranking import (
    RankingModel,
    evaluate,
    load_base_model,
    sentence_features,
    train,
)
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
# How hard training pulls toward the model in force: about as much as this many
# decisions, so a few dozen decisions move the scores a little and thousands
# dominate. Measured on generated decisions that contradict the base model (match
# reports, base score 0.56 on average): with 100, 40 decisions take them to 0.34 and
# 3,000 to 0.02; with train()'s default of 4, 40 decisions already reach 0.05 and
# move unrelated check-worthy statements down by 0.2.
DESK_PRIOR_STRENGTH = 100.0


class TrainingError(Exception):
    """Training cannot start (no decisions, or only one kind); the message says why."""


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


def _next_name() -> str:
    name = f"desk-{timezone.now():%Y%m%d-%H%M%S}"
    taken = set(
        RankingModelVersion.objects.filter(version__startswith=name).values_list(
            "version", flat=True
        )
    )
    suffix = 1
    while (candidate := name if suffix == 1 else f"{name}-{suffix}") in taken:
        suffix += 1
    return candidate


def train_desk_model(
    *,
    language: str | None = None,
    by=None,
    progress: Callable[[int, int], None] | None = None,
) -> RankingModelVersion:
    """Fit a model on the desk's decisions, store it, and put it in force if not worse.

    The new version's `note` says what was done and why; `is_active` whether it
    is now in force. Raises TrainingError when there is nothing to learn from.
    """
    found = decisions(language)
    if not found:
        raise TrainingError("There are no decisions to learn from yet.")
    if len({d.label for d in found}) < 2:
        raise TrainingError(
            f"All {len(found)} decisions have the same label; training needs "
            "check-worthy and not check-worthy examples."
        )
    training, held_out = split(found)
    if len({d.label for d in training}) < 2:
        training = found  # too few to hold any out: train on all, measure on what was held
    rows = featurize(found, progress)
    features = dict(zip(found, rows, strict=True))
    prior = active_model()
    name = _next_name()
    model = train(
        [d.example() for d in training],
        prior=prior,
        prior_strength=DESK_PRIOR_STRENGTH,
        version=name,
        features=[features[d] for d in training],
    )
    examples = [d.example() for d in held_out]
    held_rows = [features[d] for d in held_out]
    metrics = clean_metrics(evaluate(model, examples, features=held_rows)) if examples else {}
    before = clean_metrics(evaluate(prior, examples, features=held_rows)) if examples else {}
    new_auc, old_auc = metrics.get("auc"), before.get("auc")
    if new_auc is None or old_auc is None:
        activate_it = True
        note = "No held-out decisions of both kinds to compare on; put in force."
    elif new_auc >= old_auc:
        activate_it = True
        note = f"Put in force: held-out AUC {new_auc:.3f}, {prior.version} had {old_auc:.3f}."
    else:
        activate_it = False
        note = (
            f"Not put in force: held-out AUC {new_auc:.3f} is below the {old_auc:.3f} "
            f"of {prior.version}, which stays in force."
        )
    model.metrics = {"held_out": metrics, "trained_on": len(training)}
    with transaction.atomic():
        stored = RankingModelVersion.objects.create(
            version=name,
            weights=model.to_dict(),
            threshold=model.threshold,
            metrics={**metrics, "previous": {"version": prior.version, **before}}
            if metrics
            else {},
            trained_on=len(training),
            base_version=prior.version,
            language=language or "",
            note=note,
            created_by=by,
        )
        if activate_it:
            activate(stored, by=by)
    return stored


def featurize(
    found: list[Decision], progress: Callable[[int, int], None] | None = None
) -> list[dict[str, float]]:
    """The features of each decision's sentence (the slow part of training)."""
    rows = []
    for done, decision in enumerate(found, 1):
        rows.append(sentence_features(decision.text, decision.language))
        if progress is not None:
            progress(done, len(found))
    return rows


def clean_metrics(metrics: dict) -> dict:
    """Metrics as JSON can carry them: an undefined AUC (one class only) becomes None."""
    return {k: None if isinstance(v, float) and math.isnan(v) else v for k, v in metrics.items()}
