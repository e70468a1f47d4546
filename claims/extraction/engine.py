"""From an article's text to its check-worthy claims.

Every sentence (or atomic part of one) is a candidate; the ranking model
(`ranking.RankingModel`, by default the shipped base model) gives it a
check-worthiness probability, and the candidates at or above the model's
threshold are the claims. Titles and subheadings (a short line without final
punctuation followed by more text) and markup or code are never candidates.
"""

import bisect
import datetime as dt
import re

from .attribution import Attribution, Attributor
from .dates import find_dates
from .figures import find_figures
from .language import SUPPORTED, detect_language
from .ranking import RankingModel, claim_kind, load_base_model, looks_like_markup, rule_features
from .segment import Span, paragraphs, quotes, sentences
from .split import atomic_spans
from .types import ExtractedClaim

MAX_CHARS = 200_000  # about 30,000 words: far beyond any news article
# A title or subheading: at most this many words, and no final punctuation.
TITLE_MAX_WORDS = 16
SUBHEADING_MAX_WORDS = 10
_FINAL_PUNCTUATION = ".!?:;…\"“”»«'’)"
_CODE_BLOCK = re.compile(r"<(script|style)\b.*?(?:</\1\s*>|\Z)", re.I | re.S)


class ExtractionError(ValueError):
    """The text cannot be processed; the message says why."""


def extract_claims(
    text: str,
    language: str | None = None,
    published_at: dt.date | dt.datetime | None = None,
    *,
    model: RankingModel | None = None,
    min_checkworthiness: float | None = None,
    max_chars: int = MAX_CHARS,
) -> list[ExtractedClaim]:
    """Claims of `text`, in text order; each claim's text is text[start:end].

    `model` ranks the candidates (default: the shipped base model); only those
    scoring at least `min_checkworthiness` (default: the model's threshold) are
    returned, so `min_checkworthiness=0` returns every candidate.
    """
    if len(text) > max_chars:
        raise ExtractionError(f"The text has {len(text):,} characters; the limit is {max_chars:,}.")
    language = language or detect_language(text)
    if language not in SUPPORTED:
        raise ExtractionError(
            f"Unsupported language {language!r}: use one of {', '.join(SUPPORTED)}."
        )
    if isinstance(published_at, dt.datetime):
        published_at = published_at.date()
    model = model or load_base_model()
    if min_checkworthiness is None:
        min_checkworthiness = model.threshold
    attributor = Attributor(language)
    titles, code = _titles(text), _code_blocks(text)
    claims = []
    for sentence in sentences(text, language):
        if sentence.paragraph in titles or (code and _overlaps(code, sentence)):
            continue
        quoted = quotes(text, sentence.start, sentence.end)
        blanked = _blank(text, sentence, quoted)
        dates = find_dates(text, sentence.start, sentence.end, language, published_at)
        taken = [(d.start, d.end) for d in dates]
        figures = find_figures(text, sentence.start, sentence.end, language, taken)

        def has_fact(start, end, figures=figures, dates=dates):
            return any(start <= f.start < end for f in figures) or any(
                start <= d.start < end and not d.relative for d in dates
            )

        for part in atomic_spans(text, sentence, language, has_fact, quoted):
            part = _trim(text, part)
            own = blanked[part.start - sentence.start : part.end - sentence.start]
            attribution = attributor.attribute(own, blanked, sentence.paragraph)
            if looks_like_markup(text[part.start : part.end]):
                continue
            claim = _claim(
                text, part, attribution, quoted, figures, dates, model, language,
                min_checkworthiness,
            )  # fmt: skip
            if claim is not None:
                claims.append(claim)
    return claims


def _claim(
    text, part: Span, attribution: Attribution, quoted, figures, dates, model, language, minimum
) -> ExtractedClaim | None:
    """The candidate as a claim, or None when it scores below `minimum` (most do not
    reach the threshold: their reasons and the claim object are never built)."""
    inside = lambda items: tuple(i for i in items if part.start <= i.start and i.end <= part.end)  # noqa: E731
    # Most sentences have no date, many no figure: no generator for nothing.
    part_figures = inside(figures) if figures else ()
    part_dates = inside(dates) if dates else ()
    speaker, phrase, vague = attribution.speaker, attribution.phrase, attribution.vague
    kind = claim_kind(
        text, part.start, part.end, quoted, attribution, part_figures, part_dates, language
    )
    own = text[part.start : part.end]
    rules = rule_features(
        own,
        language,
        figures=part_figures,
        dates=part_dates,
        attribution=attribution,
        quoted=kind == "quote",
        kind=kind,
    )
    score = round(model.score_parts(rules, own), 4)
    if score < minimum:
        return None
    return ExtractedClaim(
        text=own,
        start=part.start,
        end=part.end,
        kind=kind,
        speaker=speaker,
        attribution=phrase,
        attribution_vague=vague,
        claimant=attribution.claimant,
        claimant_role=attribution.claimant_role,
        figures=part_figures,
        dates=part_dates,
        checkworthiness=score,
        reasons=model.reasons(rules),
        model_version=model.version,
    )


def _titles(text: str) -> set[int]:
    """Indices of the paragraphs that are a title or a subheading: a short line that
    starts with a capital or a digit, has no final punctuation, and is followed by
    another paragraph that starts like a sentence."""
    lines = paragraphs(text)
    titles = set()
    for index, line in enumerate(lines[:-1]):
        if text[line.end - 1] in _FINAL_PUNCTUATION:
            continue  # most paragraphs: no need to split them into words
        words = text[line.start : line.end].split()
        limit = TITLE_MAX_WORDS if index == 0 else SUBHEADING_MAX_WORDS
        following = text[lines[index + 1].start]
        if (
            len(words) <= limit
            and (words[0][0].isupper() or words[0][0].isdigit())
            and (following.isupper() or following.isdigit() or not following.isalnum())
        ):
            titles.add(index)
    return titles


def _code_blocks(text: str) -> list[Span]:
    """<script> and <style> blocks, in text order (an unclosed one runs to the end)."""
    return [Span(m.start(), m.end()) for m in _CODE_BLOCK.finditer(text)]


def _overlaps(spans: list[Span], span: Span) -> bool:
    """Whether `span` overlaps any of the ordered, disjoint `spans` (binary search)."""
    index = bisect.bisect_left(spans, span.end, key=lambda s: s.start) - 1
    return index >= 0 and spans[index].end > span.start


def _blank(text: str, sentence: Span, quoted: list[Span]) -> str:
    """The sentence with its quotations blanked out, offsets kept."""
    if not quoted:
        return text[sentence.start : sentence.end]
    chars = list(text[sentence.start : sentence.end])
    for q in quoted:
        for i in range(q.start - sentence.start, q.end - sentence.start):
            chars[i] = " "
    return "".join(chars)


def _trim(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and (text[start].isspace() or text[start] in ",;–—-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;–—-"):
        end -= 1
    if start == span.start and end == span.end:
        return span  # most parts need no trimming: no new span
    return Span(start, end) if start < end else span
