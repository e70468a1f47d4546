"""Fitting check-worthiness models: the desk's logistic regression and the shipped base model.

`train` fits a logistic regression (Newton-CG, optionally pulled toward a prior
model's weights); `evaluate` and `choose_threshold` measure a model on labelled
sentences. Kept apart from `ranking` because numpy and scipy cost a process
about 70 MB and most processes only score.

    make model        (bin/train-model corpus/checkworthiness [--out FILE])

retrains the shipped base model on the corpus's training split, chooses its
threshold on the test split and prints the metrics (see `main`).
"""

from __future__ import annotations

import argparse
import json
import math
import zlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

from .ranking import BASE_MODEL_PATH, RankingModel, analyse, sentence_features
from .scoring import checkworthiness

DEFAULT_PRIOR_STRENGTH = 20.0  # λ of the pull toward a prior model's weights
MIN_PRECISION = 0.75  # the default threshold's precision on the test split ...
MAX_KEPT = 0.60  # ... keeping at most this share of sentences


Example = tuple[str, str, int]  # text, language, label 0|1


def _matrix(rows: Sequence[Mapping[str, float]], columns: dict[str, int], grow: bool):
    indptr, indices, data = [0], [], []
    for row in rows:
        for key, value in row.items():
            index = columns.get(key)
            if index is None:
                if not grow:
                    continue
                index = columns[key] = len(columns)
            indices.append(index)
            data.append(value)
        indptr.append(len(indices))
    return sparse.csr_matrix(
        (np.asarray(data, dtype=np.float64), np.asarray(indices), np.asarray(indptr)),
        shape=(len(rows), len(columns)),
    )


def featurize(examples: Iterable[Example]) -> list[dict[str, float]]:
    return [sentence_features(text, language) for text, language, _label in examples]


def train(
    examples: Sequence[Example],
    *,
    prior: RankingModel | None = None,
    prior_strength: float = DEFAULT_PRIOR_STRENGTH,
    l2: float = 1.0,
    version: str = "trained",
    threshold: float | None = None,
    features: Sequence[Mapping[str, float]] | None = None,
    prune: float = 0.03,
) -> RankingModel:
    """Logistic regression on (text, language, label) examples, label 1 = check-worthy.

    Minimizes the summed log-loss + λ/2 ‖w − w_prior‖² (Newton-CG): without a
    prior, λ = `l2` pulls toward zero; with one, λ = `prior_strength` pulls toward
    the prior's weights and bias, so that a few dozen examples move the model a
    little and thousands dominate. Deterministic. The threshold is the prior's
    (or 0.5) unless given; choose one with `choose_threshold`.
    """
    if not examples:
        raise ValueError("No examples to train on.")
    labels = np.asarray([1.0 if label else 0.0 for _t, _l, label in examples])
    rows = features if features is not None else featurize(examples)
    columns: dict[str, int] = {}
    if prior is not None:
        for key in prior.weights:
            columns[key] = len(columns)
    X = _matrix(rows, columns, grow=True).tocsr()
    names = list(columns)
    w0 = np.zeros(len(names) + 1)
    strength = l2
    if prior is not None:
        w0[:-1] = [prior.weights.get(k, 0.0) for k in names]
        w0[-1] = prior.bias
        strength = prior_strength
    bias_strength = strength if prior is not None else 1e-4
    Xt = X.T.tocsr()

    def objective(params):
        w, b = params[:-1], params[-1]
        z = X @ w + b
        # log(1 + e^z) - y z, stable
        loss = np.sum(np.logaddexp(0.0, z) - labels * z)
        p = 0.5 * (1.0 + np.tanh(0.5 * z))
        residual = p - labels
        dw, db = w - w0[:-1], b - w0[-1]
        loss += 0.5 * strength * dw @ dw + 0.5 * bias_strength * db * db
        grad = np.empty_like(params)
        grad[:-1] = Xt @ residual + strength * dw
        grad[-1] = residual.sum() + bias_strength * db
        return loss, grad

    def hessian_times(params, vector):
        z = X @ params[:-1] + params[-1]
        p = 0.5 * (1.0 + np.tanh(0.5 * z))
        u = p * (1.0 - p) * (X @ vector[:-1] + vector[-1])
        out = np.empty_like(vector)
        out[:-1] = Xt @ u + strength * vector[:-1]
        out[-1] = u.sum() + bias_strength * vector[-1]
        return out

    # Newton-CG with exact Hessian-vector products: a dozen steps, where L-BFGS needs
    # a hundred (each of them slow with ~10^5 weights).
    result = minimize(
        objective,
        w0.copy(),
        jac=True,
        hessp=hessian_times,
        method="Newton-CG",
        options={"maxiter": 200},
    )
    w, b = result.x[:-1], float(result.x[-1])
    weights = {k: float(v) for k, v in zip(names, w, strict=True) if abs(v) >= prune}
    if threshold is None:
        threshold = prior.threshold if prior is not None else 0.5
    return RankingModel(version=version, weights=weights, bias=b, threshold=threshold)


def _auc(scores: Sequence[float], labels: Sequence[int]) -> float:
    """ROC-AUC: the probability that a positive outranks a negative (ties count half)."""
    pairs = sorted(zip(scores, labels, strict=True))
    positives = sum(1 for _s, y in pairs if y)
    negatives = len(pairs) - positives
    if not positives or not negatives:
        return float("nan")
    rank_sum = 0.0
    i = 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        average_rank = (i + 1 + j) / 2  # ranks i+1 .. j
        rank_sum += average_rank * sum(1 for _s, y in pairs[i:j] if y)
        i = j
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def metrics_at(scores: Sequence[float], labels: Sequence[int], threshold: float) -> dict:
    kept = [s >= threshold for s in scores]
    tp = sum(1 for k, y in zip(kept, labels, strict=True) if k and y)
    n_kept, positives = sum(kept), sum(1 for y in labels if y)
    precision = tp / n_kept if n_kept else 0.0
    recall = tp / positives if positives else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    auc = _auc(scores, labels)
    return {
        "auc": None if math.isnan(auc) else round(auc, 4),  # None: only one label present
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "kept": round(n_kept / len(labels), 4) if labels else 0.0,
        "n": len(labels),
    }


def evaluate(
    model: RankingModel,
    examples: Sequence[Example],
    *,
    features: Sequence[Mapping[str, float]] | None = None,
) -> dict:
    """{"auc", "precision", "recall", "f1", "kept", "n"} at the model's threshold."""
    rows = features if features is not None else featurize(examples)
    scores = [model.score(row) for row in rows]
    labels = [1 if label else 0 for _t, _l, label in examples]
    return metrics_at(scores, labels, model.threshold)


def choose_threshold(
    model: RankingModel,
    examples: Sequence[Example],
    *,
    min_precision: float = MIN_PRECISION,
    max_kept: float = MAX_KEPT,
    features: Sequence[Mapping[str, float]] | None = None,
) -> float:
    """The threshold for precision. Among the thresholds that keep at most `max_kept` of
    the sentences with a precision of at least `min_precision` (or, if none reaches that
    precision, among all keeping at most `max_kept`), take those whose F1 is within
    0.01 of the best, and of these the median: the middle of the plateau, so that a
    few sentences more or less in the test split do not move it far."""
    rows = features if features is not None else featurize(examples)
    scores = [model.score(row) for row in rows]
    labels = [1 if label else 0 for _t, _l, label in examples]
    candidates = sorted(set(scores))
    allowed = []
    for threshold in candidates:
        m = metrics_at(scores, labels, threshold)
        if m["kept"] <= max_kept:
            allowed.append((threshold, m["f1"], m["precision"] >= min_precision))
    if not allowed:
        return 0.5
    pool = [a for a in allowed if a[2]] or allowed
    best = max(f1 for _t, f1, _p in pool)
    near = [t for t, f1, _p in pool if f1 >= best - 0.01]
    return _midpoint(candidates, near[len(near) // 2])


def _midpoint(candidates: list[float], threshold: float) -> float:
    """Just below `threshold`, halfway to the next lower score: robust to rounding."""
    index = candidates.index(threshold)
    lower = candidates[index - 1] if index else 0.0
    return round((lower + threshold) / 2, 6)


# ---------------------------------------------------------------- the corpus


def is_test_article(article: str) -> bool:
    """The fixed test split: a quarter of the articles, by a stable hash of their id."""
    return zlib.crc32(article.encode()) % 4 == 0


def read_corpus(directory: str | Path) -> list[dict]:
    """Sentences of corpus/checkworthiness/*.jsonl, headlines left out."""
    rows = []
    for path in sorted(Path(directory).glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("headline"):
                continue
            rows.append(row)
    return rows


def corpus_split(directory: str | Path) -> tuple[list[Example], list[Example]]:
    """(train, test) examples: label 2 (check-worthy factual) is 1, labels 0 and 1 are 0."""
    train_set, test_set = [], []
    for row in read_corpus(directory):
        example = (row["sentence"], row["language"], 1 if int(row["label"]) == 2 else 0)
        (test_set if is_test_article(row["article"]) else train_set).append(example)
    return train_set, test_set


def train_base(directory: str | Path, *, version: str = "base", l2: float | None = None):
    """The base model from the corpus: trained on the training split with the L2
    strength that cross-validates best on it (folds by article), its probabilities
    calibrated on the out-of-fold scores (Platt scaling, folded into the weights), and
    its threshold chosen on the test split. Returns (model, train examples, test
    examples, chosen L2)."""
    rows = read_corpus(directory)
    train_rows_raw = [r for r in rows if not is_test_article(r["article"])]
    train_set, test_set = corpus_split(directory)
    train_rows = featurize(train_set)
    test_rows = featurize(test_set)
    folds = [zlib.crc32(r["article"].encode()) // 4 % 4 for r in train_rows_raw]
    grid = L2_GRID if l2 is None else (l2,)
    out_of_fold = {c: _out_of_fold_margins(train_set, train_rows, folds, c) for c in grid}
    labels = [y for _t, _l, y in train_set]
    l2 = max(grid, key=lambda c: _auc(out_of_fold[c], labels))
    model = train(train_set, features=train_rows, l2=l2, version=version)
    scale, shift = _platt(out_of_fold[l2], labels)
    model.weights = {k: v * scale for k, v in model.weights.items()}
    model.bias = model.bias * scale + shift
    model.threshold = choose_threshold(model, test_set, features=test_rows)
    return model, train_set, test_set, l2


L2_GRID = (0.3, 1.0, 3.0, 10.0)


def _out_of_fold_margins(examples, rows, folds, l2: float) -> list[float]:
    """Each training example's margin from a model fitted on the other folds."""
    margins = [0.0] * len(examples)
    for fold in sorted(set(folds)):
        fit = [i for i, f in enumerate(folds) if f != fold]
        model = train([examples[i] for i in fit], features=[rows[i] for i in fit], l2=l2)
        for i, f in enumerate(folds):
            if f == fold:
                margins[i] = model.margin(rows[i])
    return margins


def _platt(margins: Sequence[float], labels: Sequence[int]) -> tuple[float, float]:
    """(a, b) such that sigmoid(a * margin + b) is a calibrated probability."""
    z, y = np.asarray(margins), np.asarray(labels, dtype=float)

    def loss(params):
        t = params[0] * z + params[1]
        p = 0.5 * (1.0 + np.tanh(0.5 * t))
        r = p - y
        return np.sum(np.logaddexp(0.0, t) - y * t), np.array([r @ z, r.sum()])

    a, b = minimize(loss, np.array([1.0, 0.0]), jac=True, method="BFGS").x
    return float(a), float(b)


def brier(model: RankingModel, examples: Sequence[Example], features=None) -> float:
    """Mean squared error of the probabilities: lower is better calibrated."""
    rows = features if features is not None else featurize(examples)
    return sum(
        (model.score(r) - y) ** 2 for r, (_t, _l, y) in zip(rows, examples, strict=True)
    ) / max(len(examples), 1)


def _report(title: str, metrics: dict, threshold: float) -> str:
    return (
        f"  {title:<28} AUC {metrics['auc']:.3f}  precision {metrics['precision']:.3f}  "
        f"recall {metrics['recall']:.3f}  F1 {metrics['f1']:.3f}  kept {metrics['kept']:.1%}  "
        f"n {metrics['n']}  (threshold {threshold:.3f})"
    )


def rule_score(text: str, language: str) -> float:
    """The engine's score before the ranking model, for one sentence read on its own
    (kept to compare the two on the same test split)."""
    found = analyse(text, language)
    score, _reasons = checkworthiness(
        text,
        has_figure=bool(found.figures),
        has_date=any(not d.relative or d.value for d in found.dates),
        attributed=bool(found.attribution.speaker or found.attribution.phrase)
        and found.kind in ("quote", "reported_speech"),
        named_actor=found.attribution.speaker is not None,
        vague=found.attribution.vague
        or any(f.approximate and f.qualifier == "at_least" for f in found.figures),
    )
    return score


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m claims.extraction.training")
    sub = parser.add_subparsers(dest="command", required=True)
    command = sub.add_parser("train", help="retrain the base model on the corpus")
    command.add_argument("corpus", help="directory of the corpus's *.jsonl files")
    command.add_argument("--out", default=str(BASE_MODEL_PATH))
    command.add_argument("--version", default=None)
    args = parser.parse_args(argv)

    rows = read_corpus(args.corpus)
    version = args.version or f"base-{len(rows)}"
    model, train_set, test_set, l2 = train_base(args.corpus, version=version)
    print(
        f"corpus: {len(train_set)} training and {len(test_set)} test sentences; L2 {l2} "
        f"(best cross-validated AUC on the training split among {L2_GRID}); "
        f"threshold {model.threshold:.3f} (on the test split: the median of the thresholds "
        f"within 0.01 of the best F1 among those with precision >= {MIN_PRECISION} keeping "
        f"<= {MAX_KEPT:.0%})"
    )
    metrics = {}
    for language in sorted({lang for _t, lang, _y in test_set}):
        subset = [e for e in test_set if e[1] == language]
        m = evaluate(model, subset)
        metrics[language] = m
        print(f"{language}:")
        print(_report("ranking model", m, model.threshold))
        scores = [rule_score(t, lang) for t, lang, _y in subset]
        labels = [y for _t, _l, y in subset]
        old = metrics_at(scores, labels, RULE_THRESHOLD)
        print(_report("rule scorer (before)", old, RULE_THRESHOLD))
    metrics["all"] = evaluate(model, test_set)
    metrics["all"]["brier"] = round(brier(model, test_set), 4)
    print(f"calibration on the test split: Brier score {metrics['all']['brier']:.4f}")
    model.metrics = {"test": metrics, "train_n": len(train_set), "l2": l2}
    model.save(args.out)
    size = Path(args.out).stat().st_size
    print(f"wrote {args.out}: {len(model.weights):,} weights, {size / 1024:,.0f} KB")
    return 0


RULE_THRESHOLD = 0.1  # the engine's MIN_CHECKWORTHINESS before the ranking model


if __name__ == "__main__":
    raise SystemExit(main())
