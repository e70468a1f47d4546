"""Evidence locator: where a claim's quoted words and figures appear in a source.

A reviewer attaches a source (the plain text extracted from an archived page)
to a claim. `locate` finds the passage the claim rests on, so the review page
can state "quote found in source", "figure found" or "not found" as a fact and
highlight `source_text[start:end]`.

Words
- What is searched: each direct quote of the claim („…“, »…«, “…”, "…", ‚…‘,
  as the extraction engine reads them) on its own; without quotes, the claim
  minus its attribution ("sagte X", "laut X", "X zufolge", "according to X",
  "X said that"). With several quotes the weakest one decides the score, since
  every quoted word is put in the speaker's mouth.
- Both sides are normalized for matching: lower case, typographic double
  quotes and soft hyphens dropped, apostrophes and dashes unified, whitespace
  runs squeezed. A map of anchors ties every normalized offset back to
  source_text, so offsets always point into the original.
- An exact hit on word boundaries is taken first. Otherwise rapidfuzz's
  `partial_ratio_alignment` slides the needle over the whole normalized source
  (bit-parallel; a sentence over 200 KB takes milliseconds, so no windowing is
  needed; see Bounds for long needles). The alignment is widened to whole
  words and rescored with `fuzz.ratio`: `partial_ratio` alone scores "nie
  wieder" 90 inside "keine Wiederholung", whole words score it 64.
- found = score >= FOUND_SCORE (85). Verbatim quotes score 100 whatever their
  typography, case or spacing; a changed ending or one changed word stays above
  85; paraphrases land around 40 to 75.

Figures
- The source is parsed with the extraction engine's `find_figures` in the
  source's language, so "1,2 Milliarden Euro" (de) and "1.2 billion euros" (en)
  both become 1.2e9 EUR. Parsing 1 MB of figure-dense text takes about 0.8
  seconds, so the passage's neighbourhood (1,500 characters either side) is
  parsed first, and the whole text only when nothing there has the value, or
  only a figure without the unit the claim names.
- Same value: within 0.5 % of each other. Qualifiers (über, rund, more than)
  are not compared; the reviewer judges them from `source_text`.
- Units, best first: the same unit (a noun up to its ending: Mitarbeiter,
  Mitarbeitern); two different counted nouns (Mitarbeiter, Beschäftigte,
  employees), because synonyms and translations cannot be told apart from
  another noun by spelling; a unit on one side only. Measured units
  (currencies, percent, percentage points) must be equal: EUR is not USD and
  percent is not percentage points. Among equals the nearest to the passage
  wins.
- A bare number that is part of a date ("June 3, 2021") is no figure.

The passage and the score
- found = score >= FOUND_SCORE, and only a found location has a passage: below
  the threshold start = end = 0 and the passage is empty, never a window of
  words that merely resemble the claim.
- A claim whose figures are in the source (same value, same unit or counted
  noun, in any written form: "780 Millionen Euro", "780 Mio. €",
  "780.000.000 Euro") is found there even when its words are paraphrased: the
  passage is the source sentence that holds all of them, provided that
  sentence shares at least a third of the claim's content words (so "5
  Prozent" in a sentence on another subject is no match). Its score is
  FOUND_SCORE plus up to 15 for the share of content words, or the words'
  score when that is higher.

Bounds (a worker runs this on whatever a page yields, up to the fetcher's 25 MB)
- Only the first MAX_SOURCE_CHARS (2 million) characters are searched, cut
  between words; a quote or figure beyond them is reported as not found. Every
  step is linear in the searched text, so one location takes at most about 2 s
  and 100 MB for sentence-length claims (bench/locator.py).
- The fuzzy alignment costs about the needle's length squared times the
  source's: a needle is cut at a word to stay within ALIGNMENT_BUDGET (2,000
  characters over 200 KB; about 630 over the cap: 3 to 7 s at worst).
- Nothing is shared between calls and nothing holds a lock, so threads of one
  worker locate side by side.
"""

import math
import re
from bisect import bisect_right
from dataclasses import dataclass

from rapidfuzz import fuzz

from claims.extraction.dates import find_dates
from claims.extraction.figures import find_figures
from claims.extraction.language import SUPPORTED
from claims.extraction.segment import quotes
from claims.extraction.types import Figure

FOUND_SCORE = 85.0
VALUE_TOLERANCE = 0.005  # relative
NEARBY_FIGURES = 1_500  # characters either side of the passage parsed first
NEARBY_QUOTES = 600  # quotes found this close to the main one widen the passage
MAX_NEEDLE = 2_000  # alignment cost grows with the needle's square; claims are sentences
MAX_WORD = 40  # widening to whole words stops here (long tokens are no words)
# Only this much of a source is searched, words and figures alike: every step is linear,
# so this caps the time and memory of one location (about 2 s and 0.4 GB at the cap; see
# bench/locator.py). A passage beyond it is reported as not found.
MAX_SOURCE_CHARS = 2_000_000
# The fuzzy alignment costs about needle length squared times source length: 5 s at
# 2,000 x 200,000. Beyond that a long needle is cut (its first ~630 characters at the cap).
ALIGNMENT_BUDGET = MAX_NEEDLE**2 * 200_000


@dataclass(frozen=True)
class Location:
    found: bool  # score >= FOUND_SCORE
    start: int  # the best passage in source_text; 0, 0 when there is none
    end: int
    passage: str  # source_text[start:end]
    score: float  # 0..100: fuzz.ratio of the claim's words to the passage
    quote_found: bool | None  # None when the claim has no direct quote
    figures_found: list[dict]  # per claim figure: {"text", "found", "source_text"}


# --- Normalization -------------------------------------------------------------------

_WHITESPACE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
_DROPPED = "\u00ad\u200b\u200c\u200d\u2060\ufeff" + '"„“”«»‹›‟'
_UNIFY = str.maketrans(
    dict.fromkeys(_WHITESPACE, " ") | dict.fromkeys("‚‘’‛`´", "'") | dict.fromkeys("‐‑‒–—―−", "-")
)
# Only what shifts offsets: space runs and dropped marks (a single space maps 1:1).
_SQUEEZE = re.compile(f"[ {re.escape(_DROPPED)}]{{2,}}|[{re.escape(_DROPPED)}]")
# Punctuation at a needle's or passage's edge says nothing about the words.
_EDGE = " .,;:!?-'()[]…"


@dataclass(frozen=True)
class _Normalized:
    text: str
    anchors: list[int]  # normalized offsets where the offset shift changes ...
    origins: list[int]  # ... and the original offsets there

    def origin(self, i: int) -> int:
        k = bisect_right(self.anchors, i) - 1
        return self.origins[k] + (i - self.anchors[k])

    def span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            return 0, 0
        return self.origin(start), self.origin(end - 1) + 1


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few letters lower to two characters (İ); they stay as they are, so offsets hold.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _normalize(text: str) -> _Normalized:
    """Lower case, marks unified or dropped, spaces squeezed; anchors lead back to text."""
    unified = _lower(text).translate(_UNIFY)
    pieces, anchors, origins = [], [0], [0]
    position = length = 0
    for run in _SQUEEZE.finditer(unified):
        pieces.append(unified[position : run.start()])
        length += run.start() - position
        replacement = " " if " " in run.group() else ""
        pieces.append(replacement)
        anchors.append(length)
        origins.append(run.start())
        length += len(replacement)
        position = run.end()
        anchors.append(length)
        origins.append(position)
    pieces.append(unified[position:])
    return _Normalized("".join(pieces), anchors, origins)


def _needle(words: str) -> str:
    return _normalize(words).text.strip(_EDGE)[:MAX_NEEDLE]


# --- Words ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Match:
    start: int  # normalized offsets
    end: int
    score: float


_NO_MATCH = _Match(0, 0, 0.0)


def _search(needle: str, source: _Normalized) -> _Match:
    """The needle's best passage: an exact hit on word boundaries, else the best alignment."""
    if not needle or not source.text:
        return _NO_MATCH
    start = _exact(needle, source.text)
    if start is not None:
        return _Match(start, start + len(needle), 100.0)
    needle = _alignable(needle, len(source.text))
    hit = fuzz.partial_ratio_alignment(needle, source.text)
    if hit is None or hit.score == 0:
        return _NO_MATCH
    start, end = _whole_words(source.text, hit.dest_start, hit.dest_end)
    if start >= end:
        return _NO_MATCH
    return _Match(start, end, fuzz.ratio(needle, source.text[start:end]))


def _alignable(needle: str, length: int) -> str:
    """The needle, cut at a word so that aligning it over `length` characters stays in budget."""
    longest = math.isqrt(ALIGNMENT_BUDGET // max(1, length))
    if len(needle) <= longest:
        return needle
    cut = needle[:longest]
    return cut.rsplit(" ", 1)[0] if " " in cut else cut


def _exact(needle: str, text: str) -> int | None:
    start = text.find(needle)
    while start != -1:
        if not _cuts_word(text, start, start + len(needle)):
            return start
        start = text.find(needle, start + 1)
    return None


def _cuts_word(text: str, start: int, end: int) -> bool:
    before = start > 0 and text[start - 1].isalnum() and text[start].isalnum()
    after = end < len(text) and text[end].isalnum() and text[end - 1].isalnum()
    return before or after


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    if start == end:
        return start, end
    lowest, highest = max(0, start - MAX_WORD), min(len(text), end + MAX_WORD)
    while start > lowest and text[start - 1].isalnum():
        start -= 1
    while end < highest and text[end].isalnum():
        end += 1
    return start, end


def _quoted(claim: str) -> list[str]:
    # Every mark the engine reads as a quotation mark is a single character.
    return [claim[q.start + 1 : q.end - 1] for q in quotes(claim)]


def _locate_words(claim: str, source: _Normalized) -> tuple[_Match, bool | None]:
    needles = [needle for needle in map(_needle, _quoted(claim)) if needle]
    if not needles:
        return _search(_needle(_strip_attribution(claim)), source), None
    matches = [_search(needle, source) for needle in needles]
    main = matches[max(range(len(needles)), key=lambda i: len(needles[i]))]
    match = _widened(main, matches, min(m.score for m in matches))
    return match, match.score >= FOUND_SCORE


def _widened(main: _Match, matches: list[_Match], score: float) -> _Match:
    """The main quote's passage, widened to the other quotes found close to it."""
    start, end = main.start, main.end
    if start < end:
        for m in matches:
            if m.score >= FOUND_SCORE and m.end > m.start and abs(m.start - start) <= NEARBY_QUOTES:
                start, end = min(start, m.start), max(end, m.end)
    return _Match(start, end, score)


# --- Attribution ---------------------------------------------------------------------

# The claim may be in either language whatever the source's: both are stripped.
_SPEECH = (
    "sagte|sagt|sagten|erklärte|erklärt|betonte|betont|meinte|meint|warnte|warnt|"
    "bestätigte|bestätigt|kündigte|teilte|schrieb|schreibt|kritisierte|forderte|berichtete|"
    "berichtet|ergänzte|fügte|behauptete|behauptet|hieß|heißt|said|says|told|added|stated|"
    "explained|warned|wrote|claimed|claims|argued|insisted|confirmed|announced|noted|stressed"
)
_LEADING_ATTRIBUTION = re.compile(
    r"^(?:"
    r"(?:[Ll]aut|[Nn]ach (?:eigenen )?Angaben(?: (?:des|der|von|vom|dem))?)\s+"
    r"(?:(?:dem|der|des|den|einer|einem|eines)\s+)?(?:[a-zäöüß]+(?:e|en|er|em|es)\s+)?"
    r"(?:[A-ZÄÖÜ][\w&.-]*\s+)*"
    r"|(?:[\w-]+\s+){1,4}zufolge,?\s+"
    rf"|(?:[\w.'-]+\s+){{1,6}}?(?i:{_SPEECH})\s+(?:that\s+)?"
    r")"
)
_ATTRIBUTION_CLAUSE = re.compile(
    rf"(?i:\b(?:{_SPEECH}|zufolge)\b|^(?:laut|according to|nach (?:eigenen )?angaben)\b)"
    r"|^so\s+(?:der|die|das|ein|eine|[A-ZÄÖÜ])"
)
_CLAUSE_BREAK = re.compile(r"\s*[,;:]\s+|\s+[–—-]\s+")
# What a stripped speech verb leaves behind: "(teilte) mit, dass", "(said) that".
_CONJUNCTION = re.compile(r"^(?:(?:an|mit|hinzu|ein),\s+)?(?:(?:dass|that)\s+)?", re.IGNORECASE)
_MAX_ATTRIBUTION_WORDS = 8


def _strip_attribution(claim: str) -> str:
    text = _LEADING_ATTRIBUTION.sub("", claim.strip(), count=1)
    kept = [c for c in _CLAUSE_BREAK.split(text) if not _is_attribution(c)]
    stripped = _CONJUNCTION.sub("", ", ".join(kept).strip())
    return stripped if any(c.isalnum() for c in stripped) else claim


def _is_attribution(clause: str) -> bool:
    return (
        len(clause.split()) <= _MAX_ATTRIBUTION_WORDS
        and not any(c.isdigit() for c in clause)  # a figure is content, whoever said it
        and bool(_ATTRIBUTION_CLAUSE.search(clause.strip()))
    )


# --- Figures -------------------------------------------------------------------------

_MEASURES = frozenset(["percent", "percentage_points"])
_CURRENCY_CODE = re.compile(r"[A-Z]{3}")


class _SourceFigures:
    """The source's figures: near the passage first, the whole text only when needed."""

    def __init__(self, text: str, language: str, passage: tuple[int, int], parsed=None):
        self.text, self.language, self.passage = text, language, passage
        # Parsed on first use. Not functools.cached_property: on Python 3.11 its lock is
        # shared by every instance, so one long parse held up the locators of other threads.
        self._near: list[Figure] | None = None
        # The whole text's figures do not depend on the passage: taken over when given.
        self._everywhere: list[Figure] | None = parsed._everywhere if parsed else None

    @property
    def near(self) -> list[Figure]:
        if self._near is None:
            start = _boundary(self.text, max(0, self.passage[0] - NEARBY_FIGURES), -1)
            end = _boundary(self.text, min(len(self.text), self.passage[1] + NEARBY_FIGURES), 1)
            self._near = find_figures(self.text, start, end, self.language)
        return self._near

    @property
    def everywhere(self) -> list[Figure]:
        if self._everywhere is None:
            self._everywhere = find_figures(self.text, 0, len(self.text), self.language)
        return self._everywhere

    def distance(self, figure: Figure) -> int:
        start, end = self.passage
        return max(0, start - figure.end, figure.start - end)

    def in_date(self, figure: Figure) -> bool:
        start, end = max(0, figure.start - 40), min(len(self.text), figure.end + 40)
        dates = find_dates(self.text, start, end, self.language)
        return any(d.start < figure.end and figure.start < d.end for d in dates)


def _boundary(text: str, i: int, direction: int) -> int:
    """A line break or space near i, so a cut never splits "1,2 | Milliarden Euro"."""
    for mark in ("\n", " "):
        if direction < 0:
            found = text.rfind(mark, max(0, i - 300), i)
        else:
            found = text.find(mark, i, i + 300)
        if found != -1:
            return found + 1 if direction < 0 else found
    return i


def _number(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _is_measure(unit: str) -> bool:
    return unit in _MEASURES or bool(_CURRENCY_CODE.fullmatch(unit))


def _unit_rank(claimed: str | None, found: str | None) -> int | None:
    """0: the same unit; 1: two counted nouns; 2: a unit on one side only; None: incompatible."""
    if claimed is None or found is None:
        return 2
    if _is_measure(claimed) or _is_measure(found):
        return 0 if claimed == found else None
    a, b = claimed.casefold(), found.casefold()
    # Mitarbeiter/Mitarbeitern, employee/employees: one noun, inflected.
    shared = max(4, min(len(a), len(b)) - 2)
    return 0 if a[:shared] == b[:shared] else 1


def _best_figure(value: float, unit, figures: list[Figure], source: _SourceFigures):
    ranked = []
    for figure in figures:
        rank = _unit_rank(unit, figure.unit)
        if rank is not None and _same_value(value, figure.value):
            ranked.append((rank, source.distance(figure), figure.start, figure))
    for rank, _, _, figure in sorted(ranked, key=lambda r: r[:3]):
        if figure.unit is not None or not source.in_date(figure):
            return rank, figure
    return None, None


def _same_value(claimed: float, found: float | None) -> bool:
    return found is not None and math.isclose(claimed, found, rel_tol=VALUE_TOLERANCE)


def _find_figure(claimed: dict, source: _SourceFigures, normalized: _Normalized) -> str | None:
    """The source's text of the claimed figure, or None."""
    value = _number(claimed.get("value"))
    if value is None:
        return _find_figure_text(claimed.get("text"), source.text, normalized)
    unit = claimed.get("unit")
    unit = str(unit) if unit is not None else None
    rank, figure = _best_figure(value, unit, source.near, source)
    # The whole text costs 0.2 to 0.3 s per 200 KB: parsed only when nothing near the
    # passage has the value, or only a figure without the unit the claim names.
    if rank is None or (rank == 2 and unit is not None):
        rank_everywhere, anywhere = _best_figure(value, unit, source.everywhere, source)
        if anywhere is not None and (rank is None or rank_everywhere < rank):
            figure = anywhere
    return figure.text if figure else None


def _find_figure_text(text, source_text: str, normalized: _Normalized) -> str | None:
    # A figure without a value (unparsed) can only be found as written.
    needle = _needle(text) if isinstance(text, str) else ""
    start = _exact(needle, normalized.text) if needle else None
    if start is None:
        return None
    start, end = normalized.span(start, start + len(needle))
    return source_text[start:end]


def _figures_found(figures, source: _SourceFigures, normalized) -> list[dict]:
    found = []
    for claimed in figures:
        match = _find_figure(claimed, source, normalized)
        found.append(
            {"text": claimed.get("text"), "found": match is not None, "source_text": match}
        )
    return found


# --- Passages anchored on figures ------------------------------------------------------

FIGURE_CONTEXT = 1 / 3  # share of the claim's content words the figure's sentence must hold
MAX_SENTENCE = 600  # a sentence around a figure reaches at most this far either side
_SENTENCE_END = re.compile(r"[.!?…][\"“”»«)']*\s+(?=[A-ZÄÖÜ„\"“»«(])|\n")
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")
# Words too common to tie a sentence to a claim (function words, frequent verbs).
_COMMON = frozenset(
    [
        "aber",
        "alle",
        "auch",
        "beim",
        "dass",
        "diese",
        "dieser",
        "dieses",
        "doch",
        "eine",
        "einem",
        "einen",
        "einer",
        "eines",
        "etwa",
        "gegen",
        "haben",
        "hatte",
        "hatten",
        "heute",
        "immer",
        "jetzt",
        "kein",
        "keine",
        "mehr",
        "noch",
        "nach",
        "oder",
        "ohne",
        "rund",
        "schon",
        "sein",
        "seien",
        "seit",
        "sich",
        "sind",
        "soll",
        "sollen",
        "über",
        "unter",
        "viel",
        "vom",
        "wegen",
        "wird",
        "werden",
        "wieder",
        "wurde",
        "wurden",
        "zwei",
        "drei",
        "sagte",
        "sagt",
        "laut",
        "liegt",
        "lagen",
        "stieg",
        "sank",
        "stiegen",
        "sanken",
        "that",
        "this",
        "with",
        "from",
        "have",
        "been",
        "were",
        "will",
        "would",
        "said",
        "says",
        "about",
        "more",
        "than",
        "over",
        "under",
        "into",
        "their",
        "there",
        "they",
        "which",
        "while",
        "after",
        "before",
        "also",
        "only",
        "some",
        "such",
        "rose",
        "fell",
        "according",
        "percent",
        "prozent",
        "million",
        "millionen",
        "milliarden",
        "billion",
        "euro",
        "dollar",
    ]
)


def _content(words: str) -> set[str]:
    """A text's content words, cut to a stem of five letters (inflections match)."""
    return {w[:5] for w in (m.casefold() for m in _CONTENT_WORD.findall(words)) if w not in _COMMON}


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of the source around text[start:end]."""
    low = max(0, start - MAX_SENTENCE)
    breaks = list(_SENTENCE_END.finditer(text, low, start))
    first = breaks[-1].end() if breaks else low
    after = _SENTENCE_END.search(text, end, min(len(text), end + MAX_SENTENCE))
    if after is None:
        last = min(len(text), end + MAX_SENTENCE)
    else:
        last = after.start() + (after.group() != "\n")  # keep the full stop
    while first < last and text[first].isspace():
        first += 1
    while last > first and text[last - 1].isspace():
        last -= 1
    return first, last


def _figure_passage(claim: str, figures: list[dict], source: _SourceFigures):
    """The source sentence holding every figure of the claim: (start, end, score) or None."""
    claimed = []
    for figure in figures:
        value, unit = _number(figure.get("value")), figure.get("unit")
        if value is not None and unit is not None:
            claimed.append((value, str(unit)))
    if not claimed:
        return None
    words = _content(_strip_attribution(claim))
    for figure in figures:  # the figures' own words say nothing about the subject
        words -= _content(str(figure.get("text") or ""))
    if not words:
        return None
    sentences: dict[tuple[int, int], set[int]] = {}
    for i, (value, unit) in enumerate(claimed):
        for figure in source.everywhere:
            rank = _unit_rank(unit, figure.unit)
            if rank is not None and rank <= 1 and _same_value(value, figure.value):
                sentences.setdefault(_sentence(source.text, figure.start, figure.end), set()).add(i)
    best = None
    for (start, end), holds in sentences.items():
        if len(holds) < len(claimed):
            continue
        share = len(words & _content(source.text[start:end])) / len(words)
        if share >= FIGURE_CONTEXT and (best is None or share > best[2]):
            best = (start, end, share)
    if best is None:
        return None
    start, end, share = best
    return start, end, FOUND_SCORE + (100 - FOUND_SCORE) * share


# --- Entry point ---------------------------------------------------------------------


def _searched(source_text: str) -> str:
    """The part of the source that is searched: all of it up to the cap, cut between words."""
    if len(source_text) <= MAX_SOURCE_CHARS:
        return source_text
    return source_text[: _boundary(source_text, MAX_SOURCE_CHARS, -1)]


def locate(claim_text: str, figures: list[dict], source_text: str, language: str) -> Location:
    """Where claim_text's words and figures appear in source_text (written in `language`).

    Only the first MAX_SOURCE_CHARS characters of source_text are searched.
    """
    if language not in SUPPORTED:
        raise ValueError(f"Unsupported language {language!r}: use one of {', '.join(SUPPORTED)}.")
    figures = list(figures or [])
    if not _needle(claim_text) or not source_text:
        missing = [{"text": f.get("text"), "found": False, "source_text": None} for f in figures]
        return Location(False, 0, 0, "", 0.0, None, missing)
    source_text = _searched(source_text)
    normalized = _normalize(source_text)
    match, quote_found = _locate_words(claim_text, normalized)
    start, end = normalized.span(match.start, match.end)
    score = match.score
    source = _SourceFigures(source_text, language, (start, end))
    if score < FOUND_SCORE:
        anchored = _figure_passage(claim_text, figures, source)
        if anchored is not None and anchored[2] > score:
            start, end, score = anchored
            source = _SourceFigures(source_text, language, (start, end), source)
    score = round(score, 1)
    found = score >= FOUND_SCORE and end > start
    figures_found = _figures_found(figures, source, normalized)
    if not found:
        start = end = 0  # below the threshold: no passage
    return Location(
        found=found,
        start=start,
        end=end,
        passage=source_text[start:end],
        score=score,
        quote_found=quote_found,
        figures_found=figures_found,
    )
