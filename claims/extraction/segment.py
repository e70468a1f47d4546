"""Paragraphs, direct quotes and sentences, with exact character offsets.

Sentences come from spaCy's rule-based sentencizer on a blank pipeline (its
tokenizer knows the abbreviations of each language: z. B., Dr., Mio., U.S.,
Inc. ...). Abbreviations it does not know (report no. 12, approx. 40, Jan. 5,
Sen. X) are joined back first; then two repairs follow, because news prose
quotes people:
- a quotation that runs over several sentences stays one sentence, and
- a fragment that cannot start a sentence (`sagte sie.`, `, she said.`) is
  joined to the sentence before it.
"""

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .lexicon import words

_PARAGRAPH = re.compile(r"[^\r\n]*\S[^\r\n]*")
# Opening and closing marks; each pattern stops at a paragraph's end.
_QUOTE = re.compile(
    r"„[^„“”\n]*[“”]"  # German „…“ (and „…”)
    r"|»[^»«\n]*«"  # German/French »…«
    r"|«[^«»\n]*»"  # Swiss «…»
    r"|“[^“”„\n]*”"  # English “…”
    r"|‚[^‚‘’\n]*‘(?!\w)"  # German single ‚…‘
    r'|"[^"\n]*"'  # typewriter "…"
)
# Marks that open a quotation; “ opens in English but closes in German.
_OPENERS = {"de": "„»‚", "en": "“‘"}


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Sentence(Span):
    paragraph: int


@cache
def _spacy():
    # Imported on first use, not with this module: spaCy costs a process about 90 MB and
    # a second, and the processes that only fetch and archive sources never segment.
    import spacy

    return spacy


@cache
def pipeline(language: str):
    """spaCy's blank pipeline of a language with its rule-based sentencizer, made once."""
    nlp = _spacy().blank(language)
    nlp.add_pipe("sentencizer")
    return nlp


@cache
def _sentencizer(language: str):
    """The pipeline's tokenizer (`make_doc`, as `nlp.pipe` calls it: it refuses a text over
    `nlp.max_length`), the characters its sentencizer ends sentences with, and the token
    attributes `_sentencized` reads."""
    nlp = pipeline(language)
    attrs = _spacy().attrs
    return (
        nlp.make_doc,
        nlp.get_pipe("sentencizer").punct_chars,
        [attrs.IDX, attrs.LENGTH, attrs.IS_PUNCT],
    )


def _sentencized(text: str, para: Span, language: str) -> list[tuple[int, int]]:
    """The sentences (start, end) of spaCy's sentencizer in a paragraph: the `sents` of
    `nlp(text[para.start : para.end])`, read off the tokens' attributes. The sentencizer
    and `sents` make a Token object for every token and a Span for every sentence, which
    took a fifth of the time of `sentences`.

    The sentencizer starts a sentence at the first token, and at a token that is neither
    punctuation nor one of its sentence-final characters if such a character came after
    the last token of that kind.
    """
    tokenizer, finals, attributes = _sentencizer(language)
    tokens = tokenizer(text[para.start : para.end]).to_array(attributes)
    found, first, pending, end = [], para.start, False, para.start
    for offset, length, punct in tokens.tolist():
        offset += para.start
        if length == 1 and text[offset] in finals:
            pending = True
        elif pending and not punct:
            found.append((first, end))
            first, pending = offset, False
        end = offset + length
    found.append((first, end))
    return found


def paragraphs(text: str) -> list[Span]:
    """Every non-blank line is a paragraph (headlines included)."""
    return list(_paragraphs(text))


@lru_cache(maxsize=1)  # the engine asks for the titles, then for the sentences, of one text
def _paragraphs(text: str) -> tuple[Span, ...]:
    return tuple(Span(m.start(), m.end()) for m in _PARAGRAPH.finditer(text))


def quotes(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Direct quotations (marks included), outermost first, never overlapping."""
    found = []
    position = start
    end = len(text) if end is None else end
    while True:
        match = _QUOTE.search(text, position, end)
        if not match:
            return found
        found.append(Span(match.start(), match.end()))
        position = match.end()


def sentences(text: str, language: str) -> list[Sentence]:
    result: list[Sentence] = []
    for index, para in enumerate(paragraphs(text)):
        spans = [s for s in (_trimmed(text, *s) for s in _sentencized(text, para, language)) if s]
        spans = _join_abbreviations(text, spans, language)
        spans = _opening_marks_forward(text, spans, _OPENERS[language])
        spans = _join_quotations(spans, quotes(text, para.start, para.end))
        spans = _join_fragments(text, spans)
        result.extend(Sentence(s.start, s.end, index) for s in spans)
    return result


# Abbreviations the sentencizer may take for a sentence's end. A title (Mr., Dr.)
# never ends one; the others do not when a number or a lower-case word follows
# (report no. 12, approx. 40, Jan. 5, Acme Inc. and ...).
_TITLES = words("dr mr mrs ms mx prof sen rep gov gen col capt lt sgt rev hon fr hr")
_ABBREVIATIONS = {
    "en": words(
        "no nos nr approx e.g i.e vs etc inc ltd co corp fig figs vol p pp ch sec art st "
        "para ed est ca cf jan feb mar apr jun jul aug sep sept oct nov dec dept univ u.s "
        "u.k e.u a.m p.m jr sr bros mt ft"
    ),
    "de": words(
        "nr abs art s ca vgl bzw inkl zzgl evtl ggf mio mrd tsd jh bd z.b u.a d.h o.ä jan "
        "feb märz apr jun jul aug sep sept okt nov dez"
    ),
}
_LAST_WORD = re.compile(r"(?<![^\s(\[/])([^\W\d_](?:[^\W\d_]|\.(?=[^\W\d_]))*)\.$")


def _join_abbreviations(text: str, spans: list[Span], language: str) -> list[Span]:
    joined: list[Span] = []
    for span in spans:
        if joined:
            before = joined[-1]
            last = _LAST_WORD.search(text, max(before.start, before.end - 12), before.end)
            word = last[1].lower() if last else ""
            first = text[span.start]
            if word in _TITLES or (
                word in _ABBREVIATIONS[language] and (first.isdigit() or first.islower())
            ):
                joined[-1] = Span(before.start, span.end)
                continue
        joined.append(span)
    return joined


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if start < end else None


def _opening_marks_forward(text: str, spans: list[Span], openers: str) -> list[Span]:
    """The sentencizer leaves an opening quote mark at the end of the sentence before."""
    for i in range(len(spans) - 1):
        end = spans[i].end
        while end > spans[i].start and (
            text[end - 1] in openers or (text[end - 1] == '"' and text[end - 2 : end - 1].isspace())
        ):
            end -= 1
        if end < spans[i].end:
            moved = _trimmed(text, spans[i].start, end)
            spans[i + 1] = Span(end, spans[i + 1].end)
            spans[i] = moved or spans[i]
    return spans


def _join_quotations(spans: list[Span], quoted: list[Span]) -> list[Span]:
    for quote in quoted:
        inside = [i for i, s in enumerate(spans) if s.start < quote.end and s.end > quote.start]
        if len(inside) > 1:
            first, last = inside[0], inside[-1]
            spans[first : last + 1] = [Span(spans[first].start, spans[last].end)]
    return spans


def _join_fragments(text: str, spans: list[Span]) -> list[Span]:
    joined: list[Span] = []
    for span in spans:
        first = text[span.start]
        if joined and (first.islower() or first in ",;:–—-)"):
            joined[-1] = Span(joined[-1].start, span.end)
        else:
            joined.append(span)
    return joined
