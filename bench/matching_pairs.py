"""Precision@1 and recall@1 of the claim matcher on corpus/matching/pairs.jsonl.

Every pair's "a" is a query against the pool of all "b" texts of its language
pair (de-de, en-en, de-en). A query's top match above the threshold is correct
when it is the pair's own "b" and the pair is the same claim; any other match
above the threshold is a false positive (for a pair that is no same claim, every
match is). precision@1 = correct / queries with a match; recall@1 = correct /
queries whose pair is the same claim.

    .venv/bin/python bench/matching_pairs.py [--part tune|test|all] [--threshold 0.5]
        [--file corpus/matching/pairs-b.jsonl]

The last line is the result as JSON.
"""

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extraction.matching import THRESHOLD, best_matches, signature  # noqa: E402

PAIRS = ROOT / "corpus" / "matching" / "pairs.jsonl"
GROUPS = ("de-de", "en-en", "de-en")


def group_of(pair: dict) -> str:
    return f"{pair['a']['language']}-{pair['b']['language']}"


def evaluate(pairs: list[dict], threshold: float) -> dict:
    by_group = defaultdict(list)
    for pair in pairs:
        by_group[group_of(pair)].append(pair)
    results = {}
    for group in GROUPS:
        members = by_group.get(group, [])
        pool = [(p["id"], signature(p["b"]["text"], p["b"]["language"])) for p in members]
        matched = correct = positives = 0
        for pair in members:
            query = signature(pair["a"]["text"], pair["a"]["language"])
            top = best_matches(query, pool, limit=1, threshold=threshold)
            positives += pair["same"]
            if top:
                matched += 1
                correct += top[0][0] == pair["id"] and pair["same"]
        results[group] = {
            "precision_at_1": round(correct / matched, 3) if matched else None,
            "recall_at_1": round(correct / positives, 3) if positives else None,
            "n": len(members),
            "matched": matched,
            "correct": correct,
            "positives": positives,
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("tune", "test", "all"), default="all")
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--file", type=Path, default=PAIRS, help="a pairs file (JSON lines)")
    args = parser.parse_args()
    text = args.file.read_text(encoding="utf-8")
    pairs = [json.loads(line) for line in text.splitlines() if line]
    if args.part != "all":
        pairs = [p for p in pairs if p["part"] == args.part]
    started = time.perf_counter()
    results = evaluate(pairs, args.threshold)
    seconds = time.perf_counter() - started
    print(f"file={args.file.name} part={args.part} threshold={args.threshold}")
    for group, r in results.items():
        print(
            f"{group}: precision@1 {r['precision_at_1']}  recall@1 {r['recall_at_1']}  n {r['n']} "
            f"(matched {r['matched']}, correct {r['correct']}, same-claim pairs {r['positives']})"
        )
    print(
        json.dumps(
            {
                "file": args.file.name,
                "part": args.part,
                "threshold": args.threshold,
                "seconds": round(seconds, 2),
                **results,
            }
        )
    )


if __name__ == "__main__":
    main()
