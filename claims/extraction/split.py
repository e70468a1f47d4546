"""Cutting a sentence into atomic claims.

A sentence that carries separate checkable facts becomes several claims: it is
cut at a dash, a semicolon, or a coordinating conjunction that starts a new
predicate (und sei ..., and is ...), but only where both sides hold a fact of
their own (a figure, or a date) and never inside a quotation or a range
(zwischen 10 und 20).
"""

import re

from .segment import Span

# Stronger cuts first: a dash or semicolon before a conjunction. Each comes with the
# strings one of which it needs: tested first, as most sentences have none.
_MARKS = ("–", "—", "-", ";")
_CUTS = {
    "de": [
        (re.compile(r"\s+[–—-]\s+|;\s+"), _MARKS),
        (
            re.compile(r",?\s+(?:und|während|aber|doch|sondern)\s+(?=[a-zäöüß])"),
            ("und", "während", "aber", "doch", "sondern"),
        ),
    ],
    "en": [
        (re.compile(r"\s+[–—-]\s+|;\s+"), _MARKS),
        (
            re.compile(r",?\s+(?:and|while|whereas|but)\s+(?=[a-z])"),
            ("and", "while", "whereas", "but"),
        ),
    ],
}
_RANGE_START = re.compile(r"\s*(?:\d|bis\b|to\b)")


def atomic_spans(text: str, span: Span, language: str, facts, quoted) -> list[Span]:
    """`facts(start, end)` tells whether a part holds a fact; `quoted` are quote spans."""
    # A loop over the parts still to cut, not recursion: a long run of "und" must not
    # exhaust the stack.
    found, pending = [], [span]
    while pending:
        part = pending.pop()
        halves = _first_cut(text, part, language, facts, quoted)
        if halves is None:
            found.append(part)
        else:
            pending.extend(reversed(halves))  # the left half next: parts in text order
    return found


def _first_cut(text: str, span: Span, language: str, facts, quoted) -> tuple[Span, Span] | None:
    """The span's two halves at its first cut with a fact on both sides, or None."""
    if not facts(span.start, span.end):
        return None  # no side of any cut can hold a fact (most sentences: no search)
    sentence = text[span.start : span.end]
    cuts = (
        cut
        for pattern, needs in _CUTS[language]
        if any(need in sentence for need in needs)
        for cut in pattern.finditer(text, span.start, span.end)
    )
    for cut in cuts:
        if any(q.start < cut.end() and cut.start() < q.end for q in quoted):
            continue
        # A digit (\d) ends the left side before its whitespace: a range (10 und 20).
        if _RANGE_START.match(text, cut.end()) or (
            text[span.start : cut.start()].rstrip()[-1:].isdecimal()
        ):
            continue
        left, right = Span(span.start, cut.start()), Span(cut.end(), span.end)
        if facts(left.start, left.end) and facts(right.start, right.end):
            return left, right
    return None
