"""Check-worthiness ranking: learning curve from simulated desk decisions.

    .venv/bin/python bench/ranking.py [corpus/checkworthiness] [--before GIT-REF]

The base model is trained on the corpus's training split (as `make model` does);
a desk then takes N decisions, drawn at random (fixed seed) from the training
split, and a desk model is fitted on them with the base model as its prior. The
figures are ROC-AUC on the corpus's test split, which neither ever sees, per
language. Beside it: a model fitted on the same N decisions from scratch, and a
harder variant where the base model knows only half the training articles and
the decisions come from the other half (decisions it has never seen).

With --before REF (e.g. the last commit before the ranking model, 760fbbc), the
engine of that commit (`git archive`, read-only) scores each test sentence too
(its best candidate, threshold 0.1 as it shipped): the measure "before".
"""

import importlib
import io
import random
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extraction.ranking import BASE_MODEL_PATH, RankingModel  # noqa: E402
from claims.extraction.training import (  # noqa: E402
    corpus_split,
    evaluate,
    featurize,
    metrics_at,
    read_corpus,
    train,
)

SIZES = (0, 50, 200, 1000)
SEED = 2026


def aucs(model, test_by_language):
    return "  ".join(
        f"{language} {evaluate(model, examples, features=rows)['auc']:.3f}"
        for language, (examples, rows) in sorted(test_by_language.items())
    )


def curve(title, base, pool, pool_rows, test_by_language):
    print(title)
    rng = random.Random(SEED)  # noqa: S311 (a fixed, reproducible draw)
    order = list(range(len(pool)))
    rng.shuffle(order)
    for n in SIZES:
        chosen = order[: min(n, len(pool))]
        if not chosen:
            print(f"  {n:>5} decisions: with prior {aucs(base, test_by_language)}")
            continue
        decisions = [pool[i] for i in chosen]
        rows = [pool_rows[i] for i in chosen]
        desk = train(decisions, prior=base, features=rows)
        line = f"  {len(chosen):>5} decisions: with prior {aucs(desk, test_by_language)}"
        if len({label for _t, _l, label in decisions}) == 2:
            scratch = train(decisions, features=rows)
            scratch.threshold = base.threshold
            line += f"   |   from scratch {aucs(scratch, test_by_language)}"
        print(line)


def engine_before(ref: str, test_by_language) -> None:
    """The test split scored by the engine of an earlier commit."""
    archive = subprocess.run(
        ["git", "archive", ref, "claims/extraction"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        (Path(folder) / "claims" / "extraction").rename(Path(folder) / "extraction_before")
        sys.path.insert(0, folder)
        old = importlib.import_module("extraction_before")
        print(f"the engine at {ref} (rule scorer, threshold 0.1) on the same test split:")
        for language, (examples, _rows) in sorted(test_by_language.items()):
            scores = []
            for text, lang, _y in examples:
                found = old.extract_claims(text, lang, min_checkworthiness=0)
                scores.append(max((c.checkworthiness for c in found), default=0.0))
            labels = [y for _t, _l, y in examples]
            m = metrics_at(scores, labels, 0.1)
            print(
                f"  {language}: AUC {m['auc']:.3f}  precision {m['precision']:.3f}  recall "
                f"{m['recall']:.3f}  F1 {m['f1']:.3f}  kept {m['kept']:.1%}  n {m['n']}"
            )
        sys.path.remove(folder)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    before = sys.argv[sys.argv.index("--before") + 1] if "--before" in sys.argv else None
    if before in args:
        args.remove(before)
    directory = Path(args[0]) if args else ROOT / "corpus" / "checkworthiness"
    train_set, test_set = corpus_split(directory)
    train_rows, test_rows = featurize(train_set), featurize(test_set)
    test_by_language = {}
    for language in sorted({e[1] for e in test_set}):
        picked = [i for i, e in enumerate(test_set) if e[1] == language]
        test_by_language[language] = (
            [test_set[i] for i in picked],
            [test_rows[i] for i in picked],
        )
    if before:
        engine_before(before, test_by_language)
        return
    shipped = RankingModel.load(BASE_MODEL_PATH)
    l2 = float(shipped.metrics.get("l2", 1.0))
    print(
        f"corpus: {len(train_set)} training, {len(test_set)} test sentences; "
        f"AUC on the test split; L2 {l2}"
    )
    base = train(train_set, features=train_rows, l2=l2, version="bench-base")
    base.threshold = shipped.threshold
    curve(
        "desk decisions drawn from the training split:",
        base,
        train_set,
        train_rows,
        test_by_language,
    )

    # The harder case: the base model has not seen the articles the decisions come from.
    articles = sorted({r["article"] for r in read_corpus(directory)})
    half = set(random.Random(SEED).sample(articles, len(articles) // 2))  # noqa: S311
    rows_meta = [r for r in read_corpus(directory) if r["sentence"]]
    known = {r["sentence"] for r in rows_meta if r["article"] in half}
    first = [i for i, e in enumerate(train_set) if e[0] in known]
    second = [i for i, e in enumerate(train_set) if e[0] not in known]
    half_base = train([train_set[i] for i in first], features=[train_rows[i] for i in first], l2=l2)
    half_base.threshold = shipped.threshold
    curve(
        f"base on {len(first)} sentences of half the training articles, decisions from the "
        f"other {len(second)}:",
        half_base,
        [train_set[i] for i in second],
        [train_rows[i] for i in second],
        test_by_language,
    )


if __name__ == "__main__":
    main()
