"""From an article's text to its check-worthy claims."""

import datetime as dt

from .attribution import Attribution, Attributor
from .dates import find_dates
from .figures import find_figures
from .language import SUPPORTED, detect_language
from .scoring import checkworthiness
from .segment import Span, quotes, sentences
from .split import atomic_spans
from .types import ExtractedClaim

MAX_CHARS = 200_000  # about 30,000 words: far beyond any news article
MIN_CHECKWORTHINESS = 0.1


class ExtractionError(ValueError):
    """The text cannot be processed; the message says why."""


def extract_claims(
    text: str,
    language: str | None = None,
    published_at: dt.date | dt.datetime | None = None,
    *,
    max_chars: int = MAX_CHARS,
    min_checkworthiness: float = MIN_CHECKWORTHINESS,
) -> list[ExtractedClaim]:
    """Claims of `text`, in text order; each claim's text is text[start:end]."""
    if len(text) > max_chars:
        raise ExtractionError(f"The text has {len(text):,} characters; the limit is {max_chars:,}.")
    language = language or detect_language(text)
    if language not in SUPPORTED:
        raise ExtractionError(
            f"Unsupported language {language!r}: use one of {', '.join(SUPPORTED)}."
        )
    if isinstance(published_at, dt.datetime):
        published_at = published_at.date()
    attributor = Attributor(language)
    claims = []
    for sentence in sentences(text, language):
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
            claim = _claim(text, part, attribution, quoted, figures, dates)
            if claim.checkworthiness >= min_checkworthiness:
                claims.append(claim)
    return claims


def _claim(text, part: Span, attribution: Attribution, quoted, figures, dates) -> ExtractedClaim:
    inside = lambda items: tuple(i for i in items if part.start <= i.start and i.end <= part.end)  # noqa: E731
    part_figures, part_dates = inside(figures), inside(dates)
    part_quotes = [q for q in quoted if part.start <= q.start and q.end <= part.end]
    speaker, phrase, vague = attribution.speaker, attribution.phrase, attribution.vague
    is_quote = any(len(text[q.start : q.end].split()) >= 2 for q in part_quotes)
    if is_quote:
        kind = "quote"
    elif attribution.reported or phrase:
        kind = "reported_speech"
    elif part_figures:
        kind = "statistic"
    elif part_dates:
        kind = "event"
    else:
        kind = "statement"
    score, reasons = checkworthiness(
        text[part.start : part.end],
        has_figure=bool(part_figures),
        has_date=any(not d.relative or d.value for d in part_dates),
        attributed=bool(speaker or phrase) and kind in ("quote", "reported_speech"),
        named_actor=speaker is not None,
        vague=vague or any(f.approximate and f.qualifier == "at_least" for f in part_figures),
    )
    return ExtractedClaim(
        text=text[part.start : part.end],
        start=part.start,
        end=part.end,
        kind=kind,
        speaker=speaker,
        attribution=phrase,
        attribution_vague=vague,
        figures=part_figures,
        dates=part_dates,
        checkworthiness=score,
        reasons=reasons,
    )


def _blank(text: str, sentence: Span, quoted: list[Span]) -> str:
    """The sentence with its quotations blanked out, offsets kept."""
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
    return Span(start, end) if start < end else span
