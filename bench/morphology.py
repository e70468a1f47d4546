"""What finding speech verbs costs: generated inflected forms against lemmatizers.

    .venv/bin/python bench/morphology.py

Measures, on the benchmark corpus, the generated speech-verb pattern that the
engine uses (claims/extraction/lexicon.py), the whole attribution step, and, where they are installed, the
lemmatizers that could replace it: simplemma, spaCy's lookup lemmatizer with
spacy-lookups-data, and HanTa (German morphology and part of speech). None of
the three is a dependency of the project; install one into a scratch target to
compare (`pip install --target DIR simplemma` and PYTHONPATH=DIR). Prints load
time, memory growth, cost per sentence and per article, and throughput.
"""

import re
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import corpus

KB = 1024
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"\w+")


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(name, load, grown, elapsed, texts):
    sentences = sum(len(_SENTENCE_END.split(t)) for t in texts)
    size = sum(len(t.encode()) for t in texts) / KB
    print(
        f"{name:34} load {load:6.2f} s  +{grown:5.0f} MB  {elapsed * 1e6 / sentences:8.1f} us/sentence"
        f"  {elapsed * 1000 / len(texts):7.2f} ms/article  {size / elapsed:8,.0f} KB/s"
    )


def generated(by_language):
    from claims.extraction.lexicon import speech_pattern

    re.purge()  # measure building and compiling the patterns, not the cache
    start, before = time.perf_counter(), rss_mb()
    patterns = {language: re.compile(speech_pattern(language)) for language in by_language}
    load, grown = time.perf_counter() - start, rss_mb() - before
    for language, texts in by_language.items():
        start = time.perf_counter()
        for text in texts:
            for sentence in _SENTENCE_END.split(text):
                patterns[language].search(sentence)
        report(f"generated forms ({language})", load, grown, time.perf_counter() - start, texts)


def attribution(by_language):
    """The whole attribution step (speech verbs, speakers, frames) on segmented sentences."""
    from claims.extraction.attribution import Attributor
    from claims.extraction.segment import sentences

    for language, texts in by_language.items():
        split = [
            [(text[s.start : s.end], s.paragraph) for s in sentences(text, language)]
            for text in texts
        ]
        start = time.perf_counter()
        for article in split:
            attributor = Attributor(language)
            for sentence, paragraph in article:
                attributor.attribute(sentence, sentence, paragraph)
        report(f"attribution step ({language})", 0.0, 0.0, time.perf_counter() - start, texts)


def simplemma(by_language):
    try:
        import simplemma
    except ImportError:
        print("simplemma: not installed")
        return
    start, before = time.perf_counter(), rss_mb()
    for language in by_language:
        simplemma.lemmatize("sagte", lang=language)
    load, grown = time.perf_counter() - start, rss_mb() - before
    for language, texts in by_language.items():
        start = time.perf_counter()
        for text in texts:
            for word in _WORD.findall(text):
                simplemma.lemmatize(word, lang=language)
        report(
            f"simplemma, every word ({language})", load, grown, time.perf_counter() - start, texts
        )


def spacy_lookups(by_language):
    try:
        import spacy
        import spacy_lookups_data  # noqa: F401
    except ImportError:
        print("spaCy lookup lemmatizer: spacy-lookups-data not installed")
        return
    for language, texts in by_language.items():
        start, before = time.perf_counter(), rss_mb()
        nlp = spacy.blank(language)
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
        load, grown = time.perf_counter() - start, rss_mb() - before
        start = time.perf_counter()
        for _doc in nlp.pipe(texts):
            pass
        report(
            f"spaCy lookup lemmatizer ({language})", load, grown, time.perf_counter() - start, texts
        )


def hanta(by_language):
    try:
        from HanTa import HanoverTagger
    except ImportError:
        print("HanTa: not installed")
        return
    start, before = time.perf_counter(), rss_mb()
    tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
    load, grown = time.perf_counter() - start, rss_mb() - before
    texts = by_language["de"][:10]  # slow: a sample is enough
    start = time.perf_counter()
    for text in texts:
        for sentence in _SENTENCE_END.split(text):
            tagger.tag_sent(_WORD.findall(sentence), taglevel=1)
    report("HanTa tagger, sample (de)", load, grown, time.perf_counter() - start, texts)


def main():
    articles = corpus(256 * KB)
    by_language = {
        language: [text for lang, text in articles if lang == language] for language in ("de", "en")
    }
    generated(by_language)
    attribution(by_language)
    simplemma(by_language)
    spacy_lookups(by_language)
    hanta(by_language)


if __name__ == "__main__":
    main()
