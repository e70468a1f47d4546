"""Training the desk's model: train_desk_model() fits a model starting from the one in
force (or the shipped base model), regularized toward it, measures it and the one in
force on a held-out part of the decisions, stores it as a RankingModelVersion, and
puts it in force only if it is not worse there.

Only the processes that train import this module (numpy and scipy come with it).
"""

import math
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from .extraction.ranking import sentence_features
from .extraction.training import evaluate, train
from .models import RankingModelVersion
from .ranking import Decision, activate, active_model, decisions, split

# How hard training pulls toward the model in force: about as much as this many
# decisions, so a few dozen decisions move the scores a little and thousands
# dominate. Measured on generated decisions that contradict the base model (match
# reports, base score 0.56 on average): with 100, 40 decisions take them to 0.34 and
# 3,000 to 0.02; with train()'s default of 4, 40 decisions already reach 0.05 and
# move unrelated check-worthy statements down by 0.2.
DESK_PRIOR_STRENGTH = 100.0


class TrainingError(Exception):
    """Training cannot start (no decisions, or only one kind); the message says why."""


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
