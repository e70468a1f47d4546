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


# Spans and sentences are made by the ten thousand: slotted and not frozen, they are made
# three times faster (a frozen dataclass sets each field with object.__setattr__). Nobody
# changes one after it is made.
@dataclass(slots=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
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


# A character outside the Basic Multilingual Plane (a few sentence-final marks are).
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@cache
def _sentencizer(language: str):
    """The characters the pipeline's sentencizer ends sentences with, a pattern that
    finds them, and one that finds those of them inside the Basic Multilingual Plane."""
    finals = pipeline(language).get_pipe("sentencizer").punct_chars
    bmp = sorted(c for c in finals if ord(c) <= 0xFFFF)
    return (
        finals,
        re.compile("[" + "".join(map(re.escape, sorted(finals))) + "]"),
        # Ten times faster: with astral characters in its class the regex engine tries a
        # match at every position instead of skipping ahead to the class's characters.
        re.compile("[" + "".join(map(re.escape, bmp)) + "]"),
    )


@lru_cache(maxsize=100_000)
def _tokens(chunk: str, language: str) -> tuple[tuple[int, int, bool], ...]:
    """(offset, length, is_punct) of the tokens of a chunk of text without whitespace.

    spaCy's tokenizer splits a text at whitespace first and tokenizes each chunk on its
    own (its special cases hold no whitespace but whitespace itself), so a chunk's tokens
    are the same wherever it stands. Chunks repeat: "sagte", "Prozent.", "said."
    """
    nlp = pipeline(language)  # make_doc: as nlp.pipe calls the tokenizer
    attrs = _spacy().attrs
    array = nlp.make_doc(chunk).to_array([attrs.IDX, attrs.LENGTH, attrs.IS_PUNCT])
    return tuple((offset, length, bool(punct)) for offset, length, punct in array.tolist())


# A chunk (a run without whitespace) and whitespace, from a position on: one call each
# instead of a loop testing character after character (str.isspace is \s).
_CHUNK = re.compile(r"\S*")
_SPACES = re.compile(r"\s*")
_WHITESPACE = re.compile(r"\s+")


def _chunk_start(text: str, start: int, position: int) -> int:
    """Where the chunk holding `position` starts (not before `start`): after the last
    whitespace before it, most often a plain space."""
    start = max(start, text.rfind(" ", start, position) + 1)
    while (space := _WHITESPACE.search(text, start, position)) is not None:
        start = space.end()
    return start


def _sentencized(text: str, para: Span, language: str) -> list[tuple[int, int]]:
    """The sentences (start, end) of spaCy's sentencizer in a paragraph: the `sents` of
    `nlp(text[para.start : para.end])` (up to whitespace at their edges, which
    `sentences` trims).

    The sentencizer starts a sentence at the first token, and at a token that is neither
    punctuation nor one of its sentence-final characters if such a character came after
    the last token of that kind. So only the chunks (runs without whitespace) that hold
    such a character, and those right after them, can start a sentence: only they are
    tokenized, which made segmentation several times faster than tokenizing every word.
    A run of whitespace other than one space is a token of its own (not punctuation).
    """
    finals, final, final_bmp = _sentencizer(language)
    stop = para.end
    if not _ASTRAL.search(text, para.start, stop):
        final = final_bmp  # the same hits where no astral final can be
    found, first, read = [], para.start, para.start
    for hit in final.finditer(text, para.start, stop):
        if hit.start() < read:
            continue  # in a chunk read already
        start = _chunk_start(text, para.start, hit.start())
        pending, end = False, start
        while True:
            chunk_end = _CHUNK.match(text, start, stop).end()
            for offset, length, punct in _tokens(text[start:chunk_end], language):
                offset += start
                if length == 1 and text[offset] in finals:
                    pending = True
                elif pending and not punct:
                    found.append((first, end))
                    first, pending = offset, False
                end = offset + length
            read = chunk_end
            if not pending:
                break
            start = _SPACES.match(text, chunk_end, stop).end()
            if start == stop:
                break
            if text[chunk_end:start] != " ":  # a whitespace token ends the pending sentence
                found.append((first, end))
                first = chunk_end + 1 if text[chunk_end] == " " else chunk_end
                break
    found.append((first, stop))
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
# The words that may join (as endings, for str.endswith), and the longest of them.
_JOINING = {language: tuple(_TITLES | _ABBREVIATIONS[language]) for language in _ABBREVIATIONS}
_LONGEST_JOINING = max(len(word) for endings in _JOINING.values() for word in endings)


def _join_abbreviations(text: str, spans: list[Span], language: str) -> list[Span]:
    joined: list[Span] = []
    for span in spans:
        if joined:
            before = joined[-1]
            end = before.end
            word = ""
            # Only a title or an abbreviation before the final dot joins: the end of the span
            # is tested for one (cheap) before the pattern looks for its last word.
            if text[end - 1] == "." and (
                text[max(before.start, end - 1 - _LONGEST_JOINING) : end - 1]
                .lower()
                .endswith(_JOINING[language])
            ):
                last = _LAST_WORD.search(text, max(before.start, end - 12), end)
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
