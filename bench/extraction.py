"""Claim extraction speed: throughput per core, reference-article latency, scaling,
and the time to train the check-worthiness model on 10,000 desk decisions.

    .venv/bin/python bench/extraction.py [--quick]

Prints its figures; the bars of the extraction and ranking issues are shown beside them.
Extraction runs with the shipped ranking model (the engine's default).
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import corpus
from claims.extraction import extract_claims, load_base_model
from claims.extraction.segment import paragraphs, pipeline, sentences
from claims.extraction.training import featurize, train

MB = 1024 * 1024
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "seed" / "article-de.txt"


def kilobytes(articles) -> float:
    return sum(len(text.encode()) for _, text in articles) / 1024


def time_extraction(articles) -> tuple[float, int]:
    start = time.perf_counter()
    claims = sum(len(extract_claims(text, language)) for language, text in articles)
    return time.perf_counter() - start, claims


def time_bare_sentencizer(articles) -> float:
    start = time.perf_counter()
    for language, text in articles:
        nlp = pipeline(language)
        for _doc in nlp.pipe(text[p.start : p.end] for p in paragraphs(text)):
            pass
    return time.perf_counter() - start


def best_of(runs, measure):
    return min(measure() for _ in range(runs))


def decisions(count: int) -> list[tuple[str, str, int]]:
    """`count` distinct sentences of the generated corpus, labelled as a desk might: the
    base model's verdict, with one decision in ten going the other way (fixed seed)."""
    model = load_base_model()
    found, seen, seed = [], set(), 1
    while len(found) < count:
        for language, text in corpus(512 * 1024, seed=seed):
            for s in sentences(text, language):
                sentence = text[s.start : s.end]
                if sentence in seen:
                    continue
                seen.add(sentence)
                label = int(model.score_text(sentence, language) >= model.threshold)
                if (len(found) * 7919) % 10 == 0:
                    label = 1 - label
                found.append((sentence, language, label))
                if len(found) == count:
                    return found
        seed += 1
    return found


def time_training(count: int) -> None:
    examples = decisions(count)
    start = time.perf_counter()
    rows = featurize(examples)
    featurized = time.perf_counter() - start
    train(examples, features=rows, prior=load_base_model())
    total = time.perf_counter() - start
    print(
        f"training on {len(examples):,} desk decisions (base model as prior): {total:.1f} s "
        f"(features {featurized:.1f} s, fit {total - featurized:.1f} s)   (bar: < 60 s)"
    )


def main():
    quick = "--quick" in sys.argv
    if "--training-only" in sys.argv:
        time_training(10_000)
        return
    runs = 1 if quick else 3
    one_mb = corpus(MB)
    time_extraction(one_mb[:20])  # warm: load pipelines, compile patterns
    time_bare_sentencizer(one_mb[:20])

    size = kilobytes(one_mb)
    bare = best_of(runs, lambda: time_bare_sentencizer(one_mb))
    elapsed, claims = min((time_extraction(one_mb) for _ in range(runs)), key=lambda r: r[0])
    print(f"corpus: {size:,.0f} KB, {len(one_mb)} articles (de/en alternating), {claims:,} claims")
    print(f"bare spaCy sentencizer:  {size / bare:8,.0f} KB/s per core")
    print(f"extract_claims end to end: {size / elapsed:6,.0f} KB/s per core   (bar: >= 500 KB/s)")

    if REFERENCE.exists():
        reference = REFERENCE.read_text()
        extract_claims(reference)
        samples = []
        for _ in range(50 if quick else 300):
            start = time.perf_counter()
            extract_claims(reference)
            samples.append(time.perf_counter() - start)
        samples.sort()
        print(
            f"reference article ({len(reference.encode()):,} bytes): median "
            f"{statistics.median(samples) * 1000:.2f} ms, p95 {samples[int(len(samples) * 0.95)] * 1000:.2f} ms"
            "   (bar: median <= 10 ms)"
        )
    else:
        print(f"reference article: not found at {REFERENCE}")

    time_training(10_000)

    print("scaling (time should grow linearly with size):")
    base = None
    for megabytes in (1, 2, 4):
        articles = corpus(megabytes * MB, seed=megabytes)
        seconds = best_of(1 if quick else 2, lambda a=articles: time_extraction(a)[0])
        rate = kilobytes(articles) / seconds
        base = base or seconds
        print(
            f"  {megabytes} MB: {seconds:6.2f} s  {rate:6,.0f} KB/s  time x{seconds / base:4.2f} "
            f"(size x{megabytes})"
        )


if __name__ == "__main__":
    main()
