"""Telling German from English by their most frequent words.

spaCy's stop-word lists (of the pipelines that segment) give the frequent words of each language; words both
lists share say nothing and are dropped.
"""

import re
from functools import cache

from .segment import pipeline

SUPPORTED = ("de", "en")
_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE = 20_000  # characters: plenty to decide, and bounded for huge inputs


@cache
def _stop_words() -> tuple[frozenset, frozenset]:
    german, english = (pipeline(language).Defaults.stop_words for language in ("de", "en"))
    shared = german & english
    return frozenset(german - shared), frozenset(english - shared)


def detect_language(text: str, default: str = "de") -> str:
    german, english = _stop_words()
    de = en = 0
    for match in _WORD.finditer(text[:_SAMPLE]):
        word = match.group().lower()
        de += word in german
        en += word in english
    if de == en:
        return default
    return "de" if de > en else "en"
