"""The shortcuts taken for speed give what the plain computations give.

Each fast path (a cheap test before a pattern, a shared or cached computation, a
pattern rewritten to start with a character class) is compared here with the plain
computation it stands for, on the labelled corpus's sentences and on made-up strings
that probe the edge cases (İ, Σ, underscores, case, words at the end).
"""

import dataclasses
import inspect
import itertools
import json
import math
import random
import re
from pathlib import Path

import pytest

from claims.extraction import attribution, dates, engine, figures, ranking, scoring, segment, split
from claims.extraction.lexicon import (
    GERMAN_SPEECH_VERBS,
    alphanumeric_runs,
    german_forms,
    speech_words,
)
from claims.extraction.types import DateMention, ExtractedClaim, Figure, Per, Speaker

ROOT = Path(__file__).resolve().parents[3]
ODD = ["İstanbul", "ΑΣ.Β", "snake_case", "ſaid", "dırector", "HE SAID", "ß", "½", "²", "A٣8"]


@pytest.fixture(scope="module")
def corpus_sentences():
    found = {"de": [], "en": []}
    for language in found:
        path = ROOT / "corpus" / "checkworthiness" / f"{language}.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found[language].append(json.loads(line)["sentence"])
    return found


def sentences_with_odd_words(corpus_sentences, language):
    rnd = random.Random(7)
    base = corpus_sentences[language][:300]
    return base + [f"{s} {rnd.choice(ODD)} {rnd.choice(ODD)}" for s in base[:100]]


@pytest.mark.parametrize("language", ["de", "en"])
def test_sentencized_reads_the_sentencizers_sentences(corpus_sentences, language):
    """Only the chunks around sentence-final characters are tokenized: the sentences are
    still spaCy's (up to the whitespace at their edges, which `sentences` trims)."""
    nlp = segment.pipeline(language)
    rnd = random.Random(3)
    texts = [" ".join(rnd.sample(corpus_sentences[language], 3)) for _ in range(150)]
    gaps = [" ", "  ", "\t", "\u00a0", " \u00a0 ", "\u2009"]
    texts += [rnd.choice(gaps).join(rnd.sample(corpus_sentences[language], 3)) for _ in range(100)]
    texts += [
        "Dr. Weber kam. Er sagte: „Ja.“ Dann ging er!",
        "  Leading space. And trailing.  ",
        "z. B. 3. März 2024?! Ende…",
        "He said 'No.' (Really!) Then: nothing.",
        "No final punctuation here",
        ". . . ?",
        "Ende.  (Neu) beginnt es.",
        "Ende.\t„Neu“ beginnt es.",
        "Ende. \u00a0 (a) b.",
        'Ende. " " ( Neu.',
        "Ende.Neu. A.B. 3.5 Prozent.",
        "Ende!!! ??? Neu",
    ]
    for text in texts:
        para = segment.Span(0, len(text))
        expected = [segment._trimmed(text, s.start_char, s.end_char) for s in nlp(text).sents]
        found = [segment._trimmed(text, *s) for s in segment._sentencized(text, para, language)]
        assert list(filter(None, found)) == list(filter(None, expected)), text


@pytest.mark.parametrize("language", ["de", "en"])
def test_speech_verbs_are_found_from_the_words(corpus_sentences, language):
    attributor = attribution.Attributor(language)
    pattern = attribution._PATTERNS[language]["speech"]
    for text in sentences_with_odd_words(corpus_sentences, language):
        words = attribution._words(text)
        assert words == set(re.findall(r"\w+", text))
        assert attributor._speech(text, words) == bool(pattern.search(text)), text
        assert attributor._reported(text, words) == bool(
            attribution._PATTERNS[language]["reported"].search(text)
        ), text
        assert attributor._pronoun(text, words) == bool(
            attribution._PATTERNS[language]["pronoun"].search(text)
        ), text


def test_every_speech_form_is_a_word_of_the_pattern():
    for language in ("de", "en"):
        alone, _separable = speech_words(language)
        pattern = attribution._PATTERNS[language]["speech"]
        assert all(pattern.fullmatch(form) for form in alone)
    # Separable verbs count with their particle closing the clause: "teilte ... mit."
    _joined, by_particle = german_forms(GERMAN_SPEECH_VERBS)
    assert speech_words("de")[1] == set().union(*by_particle.values())
    pattern = attribution._PATTERNS["de"]["speech"]
    for particle, forms in by_particle.items():
        for form in forms:
            assert pattern.match(f"{form} es {particle}."), form


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_words_each_pattern_needs(corpus_sentences, language):
    needs = attribution._PATTERNS[language]
    for text in sentences_with_odd_words(corpus_sentences, language):
        words = attribution._words(text)
        if needs["reported"].search(text):
            assert not words.isdisjoint(needs["reported_words"]), text
        if needs["reported_in_context"].search(text):
            assert not words.isdisjoint(needs["in_context_words"]), text
        for pattern, strings in split._CUTS[language]:
            if pattern.search(text):
                assert any(s in text for s in strings), text


def test_lexicon_hits_are_the_same_set_built_the_same_way():
    index = ranking._INDEX
    vocabulary = list(index.words) + [w for p in index.phrases for w in p.split()]
    vocabulary += [p + "x" for p in index.prefixes] + ["foo", "der", "the", "und"]
    phrases = [p.split() for p in index.phrases]
    rnd = random.Random(5)
    for _ in range(5000):
        words = [rnd.choice(vocabulary) for _ in range(rnd.randint(0, 12))]
        for _ in range(rnd.randint(0, 3)):  # phrases, some at the very end
            at = rnd.choice([len(words), rnd.randint(0, len(words))])
            words[at:at] = rnd.choice(phrases)
        expected: set[str] = set()
        for word in set(words):
            if names := index.word_hits(word):
                expected |= names
        for i, word in enumerate(words):
            if word in index.phrase_lengths:
                for n in range(2, index.longest + 1):
                    if names := index.phrases.get(" ".join(words[i : i + n])):
                        expected |= names
        # The same names in the same order: the order of the features orders the sum.
        assert list(index.hits(words, set(words))) == list(expected)


@pytest.mark.parametrize("language", ["de", "en"])
def test_words_and_tokens_as_the_plain_regexes_give_them(corpus_sentences, language):
    for text in sentences_with_odd_words(corpus_sentences, language):
        tokens = [
            w if w.isalpha() else re.sub(r"\d", "0", w)
            for w in re.findall(r"[^\W_]+", text.lower())
        ]
        assert ranking._tokens(text) == tokens, text
        assert alphanumeric_runs(text) == tuple(re.findall(r"[^\W_]+", text))
        words, lowered, digits = figures.sentence_words(text, 0, len(text))
        assert words == set(re.findall(r"[^\W\d_]+", text))
        assert lowered == {w.lower() for w in words}
        assert digits == bool(re.search(r"\d", text))


@pytest.mark.parametrize("language", ["de", "en"])
def test_rewritten_patterns_match_as_before(corpus_sentences, language):
    actor = re.compile(r"\b[A-ZÄÖÜ]{2,}\b|\b[A-ZÄÖÜ][a-zäöüß]+\s+[A-ZÄÖÜ][a-zäöüß]+\b")
    number = {
        "de": r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?",
        "en": r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?",
    }[language]
    mention = re.compile(
        rf"(?<![\w-]){attribution._NAME_TOKEN}"
        rf"(?:\s+(?:{attribution._MENTION_PARTICLE}\s+)?{attribution._NAME_TOKEN}){{1,3}}"
    )
    spans = lambda pattern, text: [m.span() for m in pattern.finditer(text)]  # noqa: E731
    for text in sentences_with_odd_words(corpus_sentences, language):
        assert spans(scoring._ACTOR, text) == spans(actor, text), text
        assert spans(re.compile(figures._NUMBER[language]), text) == spans(re.compile(number), text)
        assert spans(attribution._PATTERNS[language]["mention"], text) == spans(mention, text)


@pytest.mark.parametrize("language", ["de", "en"])
def test_qualifier_and_currency_before_a_number(language):
    pattern = figures._PATTERNS[language]
    pieces = [*figures._QUALIFIERS[language], "US$", "€", "$", "x", " ", "  ", "\n", "Die"]
    pieces += ["ÜBER", "MEHR ALS", "ſome", "abouT", "Rund", "ca", "übers", "\t"]
    rnd = random.Random(11)
    for _ in range(5000):
        before = "".join(rnd.choice(pieces) + rnd.choice(["", " ", "  "]) for _ in range(4))[-25:]
        for found, expected in (
            (figures._qualifier(before, language), pattern["qualifier"].search(before)),
            (figures._currency_before(before, language), pattern["currency_before"].search(before)),
        ):
            assert (found and found.span()) == (expected and expected.span()), repr(before)


def test_purpose_clauses_are_masked_as_before():
    rnd = random.Random(2)
    words = ["um", "zu", "damit", "sodass", "ohne", "statt", "dass", "werde", "es", ",", ".", ";"]
    for _ in range(3000):
        part = " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 12)))
        expected = attribution._PURPOSE_CLAUSE["de"].sub(" ", part)
        assert attribution._without_purpose_clauses(part) == expected


def test_reasons_are_ordered_as_before():
    model = ranking.load_base_model()
    rnd = random.Random(4)
    names = list(ranking.REASONS)
    for _ in range(2000):
        rules = {name: rnd.choice([1.0, 0.5, -1.0]) for name in rnd.sample(names, 8)}
        totals: dict[str, float] = {}
        for name, value in model.contributions(rules).items():
            if (reason := ranking.REASONS.get(name)) is not None:
                totals[reason] = totals.get(reason, 0.0) + value
        assert model.reasons(rules) == tuple(sorted(totals, key=lambda r: -totals[r]))
        margin = model.bias + sum(model.weights.get(k, 0.0) * v for k, v in rules.items())
        text = " ".join(itertools.islice(itertools.cycle(rules), 6))
        assert model.score_parts(rules, text) == ranking._sigmoid(
            margin + model.lexical_margin(text)
        )


@pytest.mark.parametrize("language", ["de", "en"])
def test_sentencized_finds_astral_finals_as_before(language):
    """A paragraph without astral characters is searched with the sentence-final
    characters of the Basic Multilingual Plane only; one with them, with all of them."""
    nlp = segment.pipeline(language)
    finals, everything, bmp = segment._sentencizer(language)
    astral = sorted(c for c in finals if ord(c) > 0xFFFF)
    assert astral  # else the shortcut is no longer needed
    texts = [
        f"Ende{astral[0]} Neu beginnt. Und {astral[-1]}weiter",
        f"A 𝔘 b. C{astral[1]} D. E",
        "Kein Zeichen 𝔘 hier. Dann. Schluss",
        "Ende. Neu! Und? Fertig",
    ]
    for text in texts:
        para = segment.Span(0, len(text))
        expected = [segment._trimmed(text, s.start_char, s.end_char) for s in nlp(text).sents]
        found = [segment._trimmed(text, *s) for s in segment._sentencized(text, para, language)]
        assert list(filter(None, found)) == list(filter(None, expected)), text
    for text in texts + [chr(c) for c in range(0x20, 0x3000)]:
        if not segment._ASTRAL.search(text):
            assert everything.findall(text) == bmp.findall(text)


@pytest.mark.parametrize("language", ["de", "en"])
def test_patterns_tried_at_capitals_match_as_before(corpus_sentences, language):
    patterns = attribution._PATTERNS[language]
    texts = [
        *sentences_with_odd_words(corpus_sentences, language),
        "Dr. Prof. Anna Weber sagte, es gehe.",
        "Sir John Smith said so. Mr. Ed Lee told reporters.",
        "Äbtissin Öztürk sagte, Übermorgen komme.",
        "ÉLISE said it; Frau Müller erklärte.",
    ]
    for name in patterns["capital_first"]:
        pattern = patterns[name]
        for text in texts:
            for start in (0, len(text) // 3):
                expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text, start)]
                found = [(m.span(), m.groupdict()) for m in attribution._at_capitals(pattern, text, start)]  # fmt: skip
                assert found == expected, text


@pytest.mark.parametrize("language", ["de", "en"])
def test_lexicon_words_leave_out_acronyms_as_before(corpus_sentences, language):
    texts = [*sentences_with_odd_words(corpus_sentences, language), "US und EU", "I am A", "IT"]
    for text in texts:
        raw = re.findall(r"[^\W_]+", text)
        expected = [w.lower() for w in raw if not w.isupper() or len(w) < 2]
        assert ranking._lexicon_words(text) == expected, text


@pytest.mark.parametrize("language", ["de", "en"])
def test_word_before_a_capital_matches_as_before(corpus_sentences, language):
    plain = re.compile(r"(?<![\w-])[\w-]++(?=\s+[A-ZÄÖÜ])")
    texts = [*sentences_with_odd_words(corpus_sentences, language), "-a B", "x-y Z", "a\nb C"]
    for text in texts:
        for start in (0, 1, len(text) // 2):
            expected = [m.span() for m in plain.finditer(text, start)]
            found = [m.span() for m in attribution._WORD_BEFORE_CAPITAL.finditer(text, start)]
            assert found == expected, text


def test_titles_are_found_as_before(corpus_sentences):
    def plain(text):
        lines = segment.paragraphs(text)
        titles = set()
        for index, line in enumerate(lines[:-1]):
            words = text[line.start : line.end].split()
            limit = engine.TITLE_MAX_WORDS if index == 0 else engine.SUBHEADING_MAX_WORDS
            following = text[lines[index + 1].start]
            if (
                len(words) <= limit
                and text[line.end - 1] not in engine._FINAL_PUNCTUATION
                and (words[0][0].isupper() or words[0][0].isdigit())
                and (following.isupper() or following.isdigit() or not following.isalnum())
            ):
                titles.add(index)
        return titles

    rnd = random.Random(4)
    lines = corpus_sentences["de"][:200] + corpus_sentences["en"][:200]
    lines += ["Ein Titel", "3 Fragen an", "kurz", "Was nun?", "„Zitat“", "Ende:", "A B C D E F"]
    for _ in range(300):
        text = "\n".join(rnd.choice(lines) for _ in range(rnd.randint(1, 6)))
        assert engine._titles(text) == plain(text), text


@pytest.mark.parametrize("cls", [Speaker, Per, Figure, DateMention, ExtractedClaim])
def test_result_types_are_made_as_the_dataclass_makes_them(cls):
    """The results' quick __init__ takes the dataclass's own parameters and defaults, and
    what it makes is equal, hashed and frozen as before."""
    plain = dataclasses.make_dataclass(
        cls.__name__,
        [(f.name, f.type, f) for f in dataclasses.fields(cls)],
        frozen=True,
    )
    assert inspect.signature(cls.__init__) == inspect.signature(plain.__init__)
    required = {
        f.name: f"{f.name}-value"
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING
    }
    made = cls(**required)
    assert dataclasses.asdict(made) == dataclasses.asdict(plain(**required))
    assert made == cls(**required) and hash(made) == hash(cls(**required))
    assert made != dataclasses.replace(made, **{next(iter(required)): "other"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.start = 3


@pytest.mark.parametrize("language", ["de", "en"])
def test_full_dates_have_their_hint(corpus_sentences, language):
    patterns = dates._PATTERNS[language]
    texts = sentences_with_odd_words(corpus_sentences, language)
    texts += ["Am 3.6.2026 und am 03.06.2026, seit 2026-06-03."]
    texts += ["12.000 Euro, 1.234.567 Menschen, 3.5 Prozent, 2026-6-3, 1.2"]
    for text in texts:
        if patterns["iso"].search(text) or patterns["numeric"].search(text):
            assert dates._FULL_DATE_HINT.search(text), text
    assert not dates._FULL_DATE_HINT.search(texts[-1])


@pytest.mark.parametrize("language", ["de", "en"])
def test_vague_sources_start_with_their_words(corpus_sentences, language):
    pattern = attribution._PATTERNS[language]["vague"]
    first = attribution._VAGUE_FIRST_WORD[language]
    texts = sentences_with_odd_words(corpus_sentences, language)
    texts += ["EXPERTEN zufolge", "Laut Experten.", "people familiar with it", "people, familiar"]
    for text in texts:
        if pattern.search(text):
            assert any(map(first.__getitem__, attribution._words(text))), text


@pytest.mark.parametrize("language", ["de", "en"])
def test_speech_verbs_before_names_are_found_where_they_start(corpus_sentences, language):
    attributor = attribution.Attributor(language)
    pattern = attribution._PATTERNS[language]["after_verb"]
    texts = sentences_with_odd_words(corpus_sentences, language)
    texts += ["Das sei gut, so Vogel, so Petersen.", "essay said Tom Hale, says Ann Lee", ",so X"]
    for text in texts:
        starts = attributor._after_verb_starts(text, attribution._words(text))
        found = [m.span() for m in attribution._at_positions(pattern, text, starts)]
        assert found == [m.span() for m in pattern.finditer(text)], text


@pytest.mark.parametrize("language", ["de", "en"])
def test_digits_are_counted_as_before(corpus_sentences, language):
    for text in sentences_with_odd_words(corpus_sentences, language):
        digits = len(re.findall(r"\d", text))
        assert ranking.rule_features(text, language).get("digits") == (
            math.log1p(digits) if digits else None
        ), text


@pytest.mark.parametrize("language", ["de", "en"])
def test_subjects_after_speech_verbs_are_found_where_they_start(corpus_sentences, language):
    attributor = attribution.Attributor(language)
    patterns = attribution._PATTERNS[language]
    texts = sentences_with_odd_words(corpus_sentences, language)
    texts += ["Das sei gut, so der Sprecher.", "Prices rise, said the ministry, says the council."]
    for text in texts:
        words = attribution._words(text)
        if language == "de":
            starts = attributor._after_verb_starts(text, words)
        else:
            starts = attribution._occurrences(text, words & patterns["inverted_words"])
        found = [
            m.span() for m in attribution._at_positions(patterns["subject_after"], text, starts)
        ]
        assert found == [m.span() for m in patterns["subject_after"].finditer(text)], text


@pytest.mark.parametrize("language", ["de", "en"])
def test_number_words_and_times_have_their_hints(corpus_sentences, language):
    texts = sentences_with_odd_words(corpus_sentences, language)
    texts += ["um 5 p.m. und 7am", "twenty5 fifty_ zwanzig, 3 PM", "sixty-two", "a.m.", "5\tpm"]
    for text in texts:
        lowered = text.lower()
        _words, unique, _digits = figures.sentence_words(lowered, 0, len(lowered))
        if figures._NUMBER_WORD_ENDING.search(lowered):
            assert any(map(figures._ENDS_LIKE_NUMBER_WORD.__getitem__, unique)), text
        assert figures._time_hint(lowered) == bool(figures._TIME_HINT.search(lowered)), text


@pytest.mark.parametrize("language", ["de", "en"])
def test_abbreviations_are_joined_as_before(corpus_sentences, language):
    def plain(text, spans):
        joined = []
        for span in spans:
            if joined:
                before = joined[-1]
                last = segment._LAST_WORD.search(
                    text, max(before.start, before.end - 12), before.end
                )
                word = last[1].lower() if last else ""
                first = text[span.start]
                if word in segment._TITLES or (
                    word in segment._ABBREVIATIONS[language]
                    and (first.isdigit() or first.islower())
                ):
                    joined[-1] = segment.Span(before.start, span.end)
                    continue
            joined.append(span)
        return joined

    rnd = random.Random(8)
    pieces = corpus_sentences[language][:200]
    pieces += ["Dr.", "z.B.", "Nr.", "approx.", "U.S.", "(Prof.", "ΣΑΣ.", "İnc.", "x².", "5 no."]
    for _ in range(1000):
        text = " ".join(rnd.choice(pieces) + rnd.choice(["", " 3", " x", " Y"]) for _ in range(5))
        spans = [s for s in (segment._trimmed(text, *s) for s in text_spans(text)) if s is not None]
        assert segment._join_abbreviations(text, list(spans), language) == plain(text, spans), text


def text_spans(text):
    """Cuts after every dot followed by a space: spans as the sentencizer might give them."""
    cuts = [0] + [m.end() for m in re.finditer(r"\. ", text)] + [len(text)]
    return list(itertools.pairwise(cuts))


def test_identifier_cues_are_read_as_before(corpus_sentences):
    def plain(before):
        previous = None
        for token in reversed(before.split()[-8:]):
            word = token.lstrip(figures._OPENING)
            if not word:
                return False
            if word[-1] in "§#":
                return True
            core = word.rstrip(",–-")
            if (
                not core
                or core.lower() in figures._LIST_WORDS
                or figures._LIST_NUMBER.fullmatch(core)
            ):
                previous = core
                continue
            lowered = core.lower()
            if lowered.endswith("."):
                return lowered[:-1] in figures._ABBREVIATED_CUES
            if lowered in ("linie", "linien") and previous is None:
                index = before.rfind(token)
                return not before[:index].rstrip().lower().endswith(("erster", "vorderster"))
            return lowered in figures._CUES or core in figures._CAPITALIZED_CUES
        return False

    words = [*figures._CUES, *figures._CAPITALIZED_CUES, *figures._LIST_WORDS]
    words += [f"{w}." for w in figures._ABBREVIATED_CUES] + [
        "Linie",
        "Linien",
        "erster",
        "vorderster",
    ]
    words += ["§", "#", "3,", "4", "12a", "(", "„Linie", "-", "–", "Mio.", "rund", "Paragraf,"]
    words += corpus_sentences["de"][0].split() + corpus_sentences["en"][0].split()
    rnd = random.Random(9)
    for _ in range(20000):
        before = " ".join(rnd.choice(words) for _ in range(rnd.randint(0, 6))) + rnd.choice(
            ["", " "]
        )
        assert figures._identifier_cue(before) == plain(before), before


def test_a_digit_before_a_cut_is_seen_as_before(corpus_sentences):
    texts = corpus_sentences["de"][:300] + corpus_sentences["en"][:300]
    texts += ["10 ", "10\n", "10 \n ", "x٣ ", "½ ", "²", "", " ", "5\t\u00a0", "a5b"]
    for text in texts:
        for end in range(len(text) + 1):
            left = text[:end]
            assert left.rstrip()[-1:].isdecimal() == bool(re.search(r"\d\s*$", left)), left
