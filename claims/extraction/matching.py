"""Does a new claim repeat one checked before? A language-independent claim matcher.

A text (a claim, a sentence, a draft paragraph) is read once into a `Signature`:
- its figures, normalized as the engine reads them (value rounded to three
  significant digits, unit: an ISO 4217 code, `percent`, `percentage_points`,
  or `count` with the counted noun's stem and what it counts in both languages,
  `nouns.concept`), so that "rund eine Milliarde Dollar" and "about $1 billion"
  are both (1e9, USD) and "3.000 Lehrkräfte" and "3,000 teachers" one count;
- its dates (ISO values: 2025, 2025-03, 2025-03-14);
- its persons (the speaker's name, casefolded, accents kept, and the words of
  their roles) and actors (a claimant that is no person, and names of
  organisations written in the text), and the places it names (in Grünhagen);
- what its rates and changes measure (`nouns.measures`: unemployment, rents ...)
  and the directions of change it states (rose / fell);
- its content words (lowercased, stop words and speech verbs removed), for text
  similarity, which only means something within one language.

`keys` gives the strings a store indexes to find candidates without scanning;
`compare` scores two signatures (0..1) with its reasons; `best_matches` ranks
candidates. Nothing here calls spaCy or the engine per comparison: a signature
is computed once per text.

How the score is made (see `compare`): a shared figure counts for something on
its own and for a lot together with a shared speaker or actor; dates add a
little (the same day more); text similarity over what the texts are about
(same language only, above a baseline) adds up to 1. The evidence is capped at 1,
then each contradiction halves it: figures on both sides with none shared,
different actors (or two names of one shape), years, directions of change,
measures or places that differ, and two texts of one language about different
things; different speakers take a little away. So two companies' "1 billion"
revenue are two claims, and so are two unemployment rates of one office.
"""

import datetime as dt
import math
import re
from collections.abc import Iterable, Set
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

from rapidfuzz import fuzz

from .dates import find_dates
from .engine import extract_claims
from .figures import find_figures
from .lexicon import (
    english_forms,
    english_role_forms,
    german_forms,
    german_role_forms,
    speech_words,
    words,
)
from .nouns import PERSON_CONCEPTS, concept, measures
from .segment import pipeline

# The score at or above which a candidate is a match; chosen on the "tune" part of
# corpus/matching/pairs.jsonl (see its README), not on the whole set.
THRESHOLD = 0.7

# Weights of the evidence (see the module's docstring).
FIGURE = 0.35  # a shared figure with a unit (money, percent) or the same counted noun
NUMBER = 0.25  # a shared count across languages (the counted nouns are not comparable)
MORE_FIGURES = 0.1  # each further shared figure, at most two
FIGURE_CONFLICT_FACTOR = 0.5  # figures on both sides, none shared: halves the score
PERSON = 0.25
ACTOR = 0.2
ENTITY_MAX = 0.35
PERSON_CONFLICT = 0.15
ACTOR_CONFLICT_FACTOR = 0.5
FIGURE_AND_ENTITY = 0.15
SAME_DATE = 0.1
SAME_DAY = 0.2  # the same day (2026-03-01): one event, more than the same year or month
SAME_YEAR = 0.05
DATE_CONFLICT_FACTOR = 0.5  # dates on both sides, no year shared: two events
DIRECTION_CONFLICT_FACTOR = 0.5  # one says a figure rose, the other that it fell
MEASURE_CONFLICT_FACTOR = 0.5  # one is about unemployment, the other about inflation
PLACE_CONFLICT_FACTOR = 0.5  # in Grünhagen / in Lauterbrück: the same figure, two places
# One language, both texts with words of their own beyond names, roles, units and
# directions, and none of them shared: the same speaker's 3.4 percent is about another
# thing (growth / wages), another claim. (Any shared word is enough: paraphrases share few.)
TOPIC_CONFLICT_FACTOR = 0.5
TEXT = 1.0
# Two sentences on one topic share words by chance; only similarity above this
# baseline counts (a figure plus words of the same topic are not the same claim).
TEXT_BASELINE = 0.3

_UNITS = frozenset(["percent", "percentage_points"])
_CURRENCY = re.compile(r"[A-Z]{3}")
# Names: runs of capitalized words ("Harlow Foods", "Brenner Logistik GmbH").
_CAPITALIZED_RUN = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\w&'’.-]*(?:\s+(?:&\s+)?[A-ZÄÖÜ][\w&'’.-]*)*")
_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# Words that are capitalized without naming anyone: months, weekdays.
_NOT_NAMES = words(
    """
    januar februar märz april mai juni juli august september oktober november dezember
    january february march may june july october december montag dienstag mittwoch
    donnerstag freitag samstag sonntag monday tuesday wednesday thursday friday saturday
    sunday prozent euro dollar percent laut zufolge according milliarde milliarden million
    millionen billion billionen tausend thousand
    """
)
# Words that say what kind of place or body the proper name after them is.
_KIND_WORDS = words(
    """
    gemeinde stadt kreis landkreis bezirk dorf land kanton klinikum krankenhaus
    universität hochschule schule verein verband firma konzern bank
    city town county village district borough council university hospital school
    """
)
# Concepts that may stand for any count of persons: people, and jobs (posts for them).
_ANY_PERSONS = frozenset(["people", "jobs"])
_POSSESSIVE = re.compile(r"['’]s$")  # Greyline Transit's: the name is Greyline Transit
_ARTICLES = words("the a an der die das den dem des ein eine einer eines")
# Words of change, as verbs (all their forms) and nouns: a claim that a figure rose and one
# that it fell are two claims even with the same speaker and number.
_DIRECTION_ENTRIES = {
    "en": {
        "up": (
            "rise:rose,risen increase grow:grew,grown climb jump+ surge soar gain",
            "increase increases rise rises growth",
        ),
        "down": (
            "fall:fell,fallen drop+ decline decrease shrink:shrank,shrunk sink:sank,sunk "
            "plunge slump slip+ halve",
            "decrease decreases decline declines drop drops fall falls",
        ),
    },
    "de": {
        "up": (
            "steigen:steigt,stieg,gestiegen wachsen:wächst,wuchs,gewachsen erhöhen klettern "
            "verdoppeln",
            # Particles such as an, zu, ab, ein stand in too many sentences to mark a verb
            # split from them: only the joined forms count.
            "angestiegen ansteigen zugenommen zunehmen anstieg anstiegs zunahme zuwachs "
            "zuwachses wachstum wachstums plus erhöhung",
        ),
        "down": (
            "sinken:sinkt,sank,gesunken fallen:fällt,fiel,gefallen "
            "zurück|gehen:geht,ging,gegangen verringern senken schrumpfen halbieren",
            "abgenommen abnehmen eingebrochen einbrechen rückgang rückgangs abnahme minus "
            "senkung einbruch einbruchs",
        ),
    },
}


@dataclass(frozen=True)
class FigureValue:
    value: float  # rounded to three significant digits
    unit: str  # ISO 4217 code, percent, percentage_points, count, or "" (no unit)
    noun: str = ""  # for a count: the counted noun's stem, in the text's language
    concept: str = ""  # for a count: what it counts in both languages (nouns.concept)

    def describe(self) -> str:
        unit = {"percent": "%", "percentage_points": "pp", "count": self.concept, "": ""}.get(
            self.unit, self.unit
        )
        return f"{_words_for(self.value)} {unit}".strip()


@dataclass(frozen=True)
class Signature:
    language: str
    figures: tuple[FigureValue, ...] = ()
    dates: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    # Capitalized words (casefolded): what two texts in different languages share is
    # names, so they stand in for actors the name finder missed, across languages only.
    names: frozenset[str] = frozenset()
    words: tuple[str, ...] = ()  # content words in text order, lowercased
    directions: frozenset[str] = frozenset()  # "up", "down": the changes the text states
    roles: frozenset[str] = frozenset()  # the words of the speakers' roles, casefolded
    measures: frozenset[str] = frozenset()  # what its rates and changes are about (nouns)
    places: frozenset[str] = frozenset()  # names after in/aus/bei (in Grünhagen), casefolded


@dataclass(frozen=True)
class Reason:
    kind: str  # figure, number, person, actor, date, year, text, and *_conflict
    value: str


@dataclass(frozen=True)
class Match:
    score: float
    reasons: tuple[Reason, ...]


def signature(
    text: str, language: str, *, published_at: dt.date | dt.datetime | None = None
) -> Signature:
    """The language-independent signature of `text` (computed once per text)."""
    if isinstance(published_at, dt.datetime):
        published_at = published_at.date()
    claims = extract_claims(text, language, published_at, min_checkworthiness=0)
    dates = find_dates(text, 0, len(text), language, published_at)
    figures = find_figures(text, 0, len(text), language, [(d.start, d.end) for d in dates])
    persons = {_normal(c.speaker.name) for c in claims if c.speaker}
    actors = {
        _actor(c.claimant) for c in claims if c.claimant and _normal(c.claimant) not in persons
    }
    actors |= _named_actors(text, language, persons)
    actors.discard("")
    return Signature(
        language=language,
        figures=tuple(dict.fromkeys(v for f in figures if (v := _figure_value(f, language)))),
        dates=tuple(dict.fromkeys(d.value for d in dates if d.value)),
        persons=tuple(sorted(persons)),
        actors=tuple(sorted(actors)),
        names=frozenset(
            word.casefold()
            for run in _CAPITALIZED_RUN.findall(text)
            for word in _TOKEN.findall(run)
            if word.casefold() not in _stop_words(language)
            and word.casefold() not in _NOT_NAMES
            and not word.isdigit()
        ),
        words=tuple(_content_words(text, language)),
        directions=_directions(text, language),
        measures=measures(tuple(w.casefold() for w in _TOKEN.findall(text)), language),
        places=_places(text, language),
        roles=frozenset(
            word.casefold()
            for c in claims
            if c.speaker and c.speaker.role
            for word in _TOKEN.findall(c.speaker.role)
        ),
    )


def keys(sig: Signature) -> frozenset[str]:
    """The index keys of a signature; a candidate shares at least one with its query.

    Stable strings: "f:<value>:<unit>" (value with three significant digits, as
    1e9, 5.4, 3e3; unit an ISO code, percent, percentage_points, "#" for a count or
    "" for none), "d:<ISO date>" and "d:<year>", "p:<person>", "a:<actor>",
    "w:<language>:<word>" and "b:<language>:<word> <word>" (bigrams of content words).
    """
    found = set()
    for figure in sig.figures:
        unit = "#" if figure.unit == "count" else figure.unit
        found.add(f"f:{_number(figure.value)}:{unit}")
    for date in sig.dates:
        found.add(f"d:{date}")
        found.add(f"d:{date[:4]}")
    found.update(f"p:{person}" for person in sig.persons)
    found.update(f"a:{actor}" for actor in sig.actors)
    found.update(f"w:{sig.language}:{word}" for word in sig.words)
    found.update(f"b:{sig.language}:{a} {b}" for a, b in pairwise(sig.words))
    return frozenset(found)


def compare(a: Signature, b: Signature) -> Match:
    """How likely `a` and `b` state the same claim (0..1), and why."""
    reasons: list[Reason] = []
    score = 0.0
    same_language = a.language == b.language

    shared = _shared_figures(a, b, same_language)
    if shared:
        strong = [f for f, exact in shared if exact]
        score += FIGURE if strong else NUMBER
        score += MORE_FIGURES * min(2, len(shared) - 1)
        for figure, exact in shared:
            reasons.append(Reason("figure" if exact else "number", figure.describe()))
    figure_conflict = not shared and bool(a.figures and b.figures)
    if figure_conflict:
        reasons.append(Reason("figure_conflict", _figures_text(a, b)))

    entity = 0.0
    persons = _shared(a.persons, b.persons, _same_person)
    if persons:
        entity += PERSON
        reasons.extend(Reason("person", p) for p in persons)
    elif a.persons and b.persons:
        score -= PERSON_CONFLICT
        reasons.append(Reason("person_conflict", f"{a.persons[0]} / {b.persons[0]}"))
    # The engine may read a company before a speech verb as a speaker ("Dunmore
    # Textiles reported"): actors are compared with both sides' names of either kind.
    people = set(persons) | {p for p in b.persons if any(_same_person(p, q) for q in persons)}
    names_a = [x for x in (*a.actors, *a.persons) if not _is_person(x, people)]
    names_b = [x for x in (*b.actors, *b.persons) if not _is_person(x, people)]
    actors = _shared(names_a, names_b, _same_actor)
    # A word both sides' different names share ("Foods" of Harlow Foods and Crestline
    # Foods) names neither.
    generic = {
        w
        for x in names_a
        for y in names_b
        if not _same_actor(x, y)
        for w in set(x.split()) & set(y.split())
    }
    if not actors and not same_language:
        shared_names = (a.names & b.names) - {w for p in people for w in p.split()} - generic
        actors = sorted(shared_names)[:1]
    elif not actors:
        # One language: a name's last word written on the other side without the words
        # before it ("die Gemeinde Ebersmoor" / "von Ebersmoor").
        actors = sorted(
            _last_words_named(names_a, b.names, generic)
            | _last_words_named(names_b, a.names, generic)
        )
    actor_conflict = False
    if actors:
        entity += ACTOR
        reasons.extend(Reason("actor", x) for x in actors)
    rivals = _rival_names(names_a, names_b, generic) if same_language and generic else None
    if rivals:
        # "Elm Lane Bakeries" / "Oak Lane Bakeries": two bodies of one kind, even when a
        # place both name is shared (across languages a name is translated: no rivals).
        actor_conflict = True
        reasons.append(Reason("actor_conflict", " / ".join(rivals)))
    elif not actors and names_a and names_b and not persons:
        actor_conflict = True
        reasons.append(Reason("actor_conflict", f"{names_a[0]} / {names_b[0]}"))
    entity = min(entity, ENTITY_MAX)
    score += entity
    if shared and entity:
        score += FIGURE_AND_ENTITY

    dates = set(a.dates) & set(b.dates)
    years_a, years_b = {d[:4] for d in a.dates}, {d[:4] for d in b.dates}
    if dates:
        score += SAME_DAY if any(len(d) == 10 for d in dates) else SAME_DATE
        reasons.extend(Reason("date", d) for d in sorted(dates))
    elif years_a & years_b:
        score += SAME_YEAR
        reasons.extend(Reason("year", y) for y in sorted(years_a & years_b))
    date_conflict = bool(years_a and years_b) and not dates and not years_a & years_b
    if date_conflict:
        reasons.append(Reason("date_conflict", f"{min(years_a)} / {min(years_b)}"))

    direction_conflict = bool(a.directions and b.directions) and a.directions.isdisjoint(
        b.directions
    )
    if direction_conflict:
        reasons.append(
            Reason("direction_conflict", f"{_first(a.directions)} / {_first(b.directions)}")
        )

    measure_conflict = bool(a.measures and b.measures) and a.measures.isdisjoint(b.measures)
    if measure_conflict:
        reasons.append(Reason("measure_conflict", f"{_first(a.measures)} / {_first(b.measures)}"))

    place_conflict = _other_places(a, b) and _other_places(b, a)
    if place_conflict:
        reasons.append(Reason("place_conflict", f"{_first(a.places)} / {_first(b.places)}"))

    topic_conflict = False
    if same_language and a.words and b.words:
        similarity = text_similarity(a, b)
        score += TEXT * max(0.0, similarity - TEXT_BASELINE) / (1 - TEXT_BASELINE)
        reasons.append(Reason("text", f"{similarity:.2f}"))
        topic_a, topic_b = _topic_stems(a), _topic_stems(b)
        # Synonyms share no word (jobless rate / unemployment): a measure both texts are
        # about says they are about one thing.
        if topic_a and topic_b and not similarity and a.measures.isdisjoint(b.measures):
            topic_conflict = True
            reasons.append(Reason("topic_conflict", f"{_first(topic_a)} / {_first(topic_b)}"))

    # The evidence for counts up to certainty; each contradiction then takes its share.
    score = min(1.0, score)
    if topic_conflict:
        score *= TOPIC_CONFLICT_FACTOR
    if actor_conflict:
        score *= ACTOR_CONFLICT_FACTOR
    if figure_conflict:
        score *= FIGURE_CONFLICT_FACTOR
    if date_conflict:
        score *= DATE_CONFLICT_FACTOR
    if direction_conflict:
        score *= DIRECTION_CONFLICT_FACTOR
    if measure_conflict:
        score *= MEASURE_CONFLICT_FACTOR
    if place_conflict:
        score *= PLACE_CONFLICT_FACTOR
    return Match(round(min(1.0, max(0.0, score)), 4), tuple(reasons))


def text_similarity(a: Signature, b: Signature) -> float:
    """Similarity of what two texts of one language are about (0..1): the cosine of their
    topic stems (`_topic_stems`: the speaker's name and role count apart, as evidence of
    their own), where stems that differ by little (rapidfuzz ratio of at least 85:
    Einbrüche/Einbruch) count as one. Texts of nothing but names: all their words."""
    topic_a, topic_b = _topic_stems(a), _topic_stems(b)
    if topic_a and topic_b:
        return _stem_similarity(topic_a, topic_b)
    return _stem_similarity({_stem(w) for w in a.words}, {_stem(w) for w in b.words})


def _stem_similarity(stems_a: Set[str], stems_b: Set[str]) -> float:
    common = sum(1 for x in stems_a if x in stems_b or any(fuzz.ratio(x, y) >= 85 for y in stems_b))
    return round(min(1.0, common / math.sqrt(len(stems_a) * len(stems_b))), 4)


@lru_cache(maxsize=4096)  # compare() asks for both texts' topics; a query meets many
def _topic_stems(sig: Signature) -> frozenset[str]:
    """The stems of what a text is about: its content words (the parts of hyphenated
    ones apart) without its speakers' names, roles, units, months and directions of
    change. Organisations and places stay: they are part of what is claimed about."""
    named = {w for name in sig.persons for w in name.split()} | sig.roles
    changes = _change_words(sig.language)
    return frozenset(
        _stem(part)
        for w in sig.words
        if w not in named
        and w not in _NOT_NAMES
        and w not in changes
        and not _is_role(w, sig.language)
        for part in w.split("-")
        if len(part) > 1
    )


def best_matches(
    query: Signature,
    candidates: Iterable[tuple[object, Signature]],
    limit: int = 5,
    threshold: float = THRESHOLD,
) -> list[tuple[object, Match]]:
    """The candidates scoring at least `threshold`, best first, at most `limit`."""
    scored = []
    for identifier, candidate in candidates:
        match = compare(query, candidate)
        if match.score >= threshold:
            scored.append((identifier, match))
    scored.sort(key=lambda pair: -pair[1].score)
    return scored[:limit]


_LABELS = {
    "en": {
        "figure": "same figure",
        "number": "same number",
        "person": "same speaker",
        "actor": "same actor",
        "date": "same date",
        "year": "same year",
        "text": "text",
        "figure_conflict": "different figures",
        "person_conflict": "different speakers",
        "actor_conflict": "different actors",
        "date_conflict": "different years",
        "direction_conflict": "different direction",
        "topic_conflict": "about another thing",
        "measure_conflict": "different measures",
        "place_conflict": "different places",
    },
    "de": {
        "figure": "gleiche Zahl",
        "number": "gleiche Anzahl",
        "person": "gleiche Person",
        "actor": "gleicher Akteur",
        "date": "gleiches Datum",
        "year": "gleiches Jahr",
        "text": "Text",
        "figure_conflict": "andere Zahlen",
        "person_conflict": "andere Personen",
        "actor_conflict": "andere Akteure",
        "date_conflict": "andere Jahre",
        "direction_conflict": "andere Richtung",
        "topic_conflict": "über etwas anderes",
        "measure_conflict": "andere Größen",
        "place_conflict": "andere Orte",
    },
}


def describe(match: Match, language: str = "en") -> str:
    """The reasons in words: "same figure: 1 billion USD · same speaker: Brad Glasser ·
    text 0.82". Plain labels in the engine's two languages (the engine has no gettext;
    the desk may translate the reason kinds itself)."""
    labels = _LABELS.get(language, _LABELS["en"])
    parts = []
    for reason in match.reasons:
        label = labels[reason.kind]
        value = _title(reason.value) if reason.kind in ("person", "actor") else reason.value
        parts.append(f"{label} {value}" if reason.kind == "text" else f"{label}: {value}")
    return " · ".join(parts)


# --- reading a text -------------------------------------------------------------------


def _round3(value: float) -> float:
    if value == 0:
        return 0.0
    return round(value, 2 - math.floor(math.log10(abs(value))))


def _number(value: float) -> str:
    """1e9, 5.4, 3e3, 1.25e6: three significant digits, no padding (stable keys)."""
    text = f"{value:.3g}"
    mantissa, e, exponent = text.partition("e")
    return f"{mantissa}e{int(exponent)}" if e else text


def _words_for(value: float) -> str:
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            return f"{value / scale:g} {word}"
    return f"{value:g}"


def _figure_value(figure, language: str) -> FigureValue | None:
    if figure.value is None:
        return None
    value = _round3(figure.value)
    unit = figure.unit or ""
    if unit in _UNITS or _CURRENCY.fullmatch(unit):
        return FigureValue(value, unit)
    if unit:
        return FigureValue(value, "count", _stem(unit.casefold()), concept(unit, language))
    return FigureValue(value, "")


def _normal(name: str) -> str:
    return " ".join(name.casefold().split())


def _actor(name: str) -> str:
    tokens = _normal(name).split()
    while tokens and tokens[0] in _ARTICLES:
        tokens = tokens[1:]
    return " ".join(tokens)


@cache
def _roles(language: str) -> tuple[frozenset[str], tuple[str, ...]]:
    forms = german_role_forms() if language == "de" else english_role_forms()
    suffixes = tuple(f for f in forms if len(f) >= 4) if language == "de" else ()
    return frozenset(forms), suffixes


def _is_role(word: str, language: str) -> bool:
    forms, suffixes = _roles(language)
    lowered = word.casefold()
    return lowered in forms or lowered.endswith(suffixes) if suffixes else lowered in forms


def _named_actors(text: str, language: str, persons: set[str]) -> set[str]:
    """Names of two or more capitalized words (without articles, roles, months) that are
    no speaker; in English also single capitalized words inside a sentence; acronyms."""
    stop = _stop_words(language)
    found = set()
    for match in _CAPITALIZED_RUN.finditer(text):
        tokens = match[0].rstrip(".").split()
        while tokens and (
            tokens[0].casefold() in stop
            or tokens[0].casefold() in _NOT_NAMES
            or _is_role(tokens[0], language)
        ):
            tokens = tokens[1:]
        tokens = [
            _POSSESSIVE.sub("", t).rstrip(".,'’") for t in tokens if t.casefold() not in _NOT_NAMES
        ]
        name = _normal(" ".join(tokens))
        if not name or name in persons or any(_same_person(name, p) for p in persons):
            continue
        at_start = match.start() == 0 or text[: match.start()].rstrip()[-1:] in '.!?:"„“»'
        acronym = len(tokens) == 1 and sum(c.isupper() for c in tokens[0]) >= 2
        single_english = len(tokens) == 1 and language == "en" and not at_start
        if len(tokens) >= 2 or acronym or single_english:
            found.add(name)
    return found


@cache
def _stop_words(language: str) -> frozenset[str]:
    """spaCy's stop words of the language and its speech verbs (said, sagte)."""
    verbs, _ = speech_words(language)
    return frozenset(pipeline(language).Defaults.stop_words) | frozenset(verbs) | _ARTICLES


def _content_words(text: str, language: str) -> list[str]:
    stop = _stop_words(language)
    return [
        word
        for word in (w.casefold() for w in _TOKEN.findall(text))
        if word not in stop and not word[0].isdigit() and len(word) > 1
    ]


@cache
def _direction_words(language: str) -> dict[str, tuple[frozenset[str], dict[str, set[str]]]]:
    """{direction: (words, {separable particle: bare verb forms})} of one language."""
    found = {}
    for direction, (verbs, nouns) in _DIRECTION_ENTRIES[language].items():
        if language == "de":
            joined, separable = german_forms(verbs)
        else:
            joined, separable = english_forms(verbs), {}
        found[direction] = (frozenset(joined) | words(nouns), separable)
    return found


# A capitalized word right after a preposition of place, without an article: a place
# ("in Grünhagen", "aus Lauterbrück", "in Denton"), unless a noun used so (in Kraft).
_PLACE = {
    "de": re.compile(
        r"(?<![\w-])(?:[Ii]n|[Aa]us|[Bb]ei|[Nn]ahe|[Nn]ach)\s+"
        r"([A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?)\b"
    ),
    "en": re.compile(
        r"(?<![\w-])(?:[Ii]n|[Ff]rom|[Nn]ear|[Aa]t)\s+([A-Z][a-z]+(?:[- ][A-Z][a-z]+)?)\b"
    ),
}
_NOT_PLACES = words(
    """
    zukunft kraft betrieb höhe folge summe zusammenarbeit absprache abstimmung bezug frage
    gefahr richtung ordnung form kürze ruhe sicht haft quarantäne betracht anbetracht
    aussicht planung arbeit verbindung eile vorbereitung teilen zeiten grenzen zahlen
    euro prozent deutschland europa kurzarbeit elternzeit rente angaben auskunft ansicht
    meinung auffassung einschätzung schätzungen berichten medienberichten informationen
    aussagen darstellung worten abzug bedarf recherchen kindern jugendlichen erwachsenen
    frauen männern menschen familien schulen betrieben unternehmen teilen kosten zeiten
    the a an this that these those his her their its our my your least last first all
    times once total most best home work school court office parliament
    """
)
_NOT_PLACE_ENDINGS = (
    "ung", "ungen", "heit", "heiten", "keit", "keiten", "schaft", "schaften", "tion",
    "tionen", "tät", "täten", "nis", "nisse", "ismus", "gründen", "räumen", "städten",
)  # fmt: skip


def _other_places(a: Signature, b: Signature) -> bool:
    """Whether `a` names places and `b` writes none of their words as a name."""
    return bool(a.places) and not any(w in b.names for p in a.places for w in p.split())


def _places(text: str, language: str) -> frozenset[str]:
    pattern = _PLACE.get(language)
    if pattern is None:
        return frozenset()
    verbs, _ = speech_words(language)
    found = set()
    for match in pattern.finditer(text):
        name = match[1].casefold()
        first = name.split()[0]
        if first in _NOT_PLACES or first in _NOT_NAMES or first.endswith(_NOT_PLACE_ENDINGS):
            continue
        before = text[max(0, match.start() - 30) : match.start()].split()
        if before and before[-1].casefold().strip(",") in verbs:
            continue  # where it was said ("said in London"), not what it is about
        found.add(name)
    return frozenset(found)


@cache
def _change_words(language: str) -> frozenset[str]:
    """Every word of change, the bare forms of separable verbs (ging) too."""
    found: set[str] = set()
    for joined, separable in _direction_words(language).values():
        found |= joined
        for forms in separable.values():
            found |= forms
    return frozenset(found)


def _directions(text: str, language: str) -> frozenset[str]:
    """The directions of change the text states; a separable German verb counts when its
    particle stands in the text too ("ging ... zurück")."""
    tokens = {w.casefold() for w in _TOKEN.findall(text)}
    found = set()
    for direction, (joined, separable) in _direction_words(language).items():
        if tokens & joined or any(
            particle in tokens and tokens & forms for particle, forms in separable.items()
        ):
            found.add(direction)
    return frozenset(found)


def _first(words) -> str:
    return "/".join(sorted(words)[:3])


def _stem(word: str) -> str:
    """A crude stem for both languages: the first six letters (Umsatzes/Umsatz,
    teachers/teacher); enough for a similarity, no lemmatizer per comparison."""
    return word[:6]


# --- comparing ------------------------------------------------------------------------


def _shared_figures(a: Signature, b: Signature, same_language: bool):
    """[(figure, exact)]: figures of `a` that `b` has too. A count is the same figure when
    both count the same thing (3.000 Lehrkräfte / 3,000 teachers), never when they count
    two known different things (2.400 births / 2.400 operations), and otherwise (a noun
    the lexicon lacks) the same number only (exact False), unless one language and one
    noun."""
    shared = []
    for figure in a.figures:
        for other in b.figures:
            if figure.value != other.value:
                continue
            if figure.unit != other.unit:
                # A count on one side, the bare number on the other ("ein Schnitt von
                # 7.800" / "7800 Zuschauer"): the same number.
                if {figure.unit, other.unit} == {"count", ""}:
                    shared.append((figure, False))
                    break
                continue
            if figure.concept and other.concept:
                if figure.concept == other.concept:
                    shared.append((figure, True))
                    break
                pair = {figure.concept, other.concept}
                if pair & _ANY_PERSONS and pair <= PERSON_CONCEPTS:
                    # 46,000 people / passengers, 1,300 jobs / teachers: the same number,
                    # perhaps.
                    shared.append((figure, False))
                    break
                continue  # the same number of two different things
            # The same unit, or the same counted noun in one language: the same figure.
            same_noun = same_language and figure.noun[:4] == other.noun[:4]
            if figure.unit != "count" or same_noun:
                shared.append((figure, True))
            else:
                # Across languages, or counted by another word (Fahrgäste/Passagiere,
                # cars/vehicles): the same number, weaker evidence than the same figure.
                shared.append((figure, False))
            break
    return shared


def _figures_text(a: Signature, b: Signature) -> str:
    return f"{a.figures[0].describe()} / {b.figures[0].describe()}"


def _rival_names(names_a, names_b, generic: set[str]) -> tuple[str, str] | None:
    """Two names holding a word both texts' names share, when all such names differ
    (Harlow Foods / Crestline Foods; not Harlow Foods / Harlow Foods Inc), else None."""
    holding_a = [x for x in names_a if generic & set(x.split())]
    holding_b = [y for y in names_b if generic & set(y.split())]
    if not holding_a or not holding_b:
        return None
    if any(_same_actor(x, y) for x in holding_a for y in holding_b):
        return None
    return holding_a[0], holding_b[0]


def _last_words_named(names, written: frozenset[str], generic: set[str]) -> set[str]:
    """The proper names after a kind word ("Gemeinde Ebersmoor", "Klinikum Weststadt")
    that the other text writes as a name, but no word two different names share."""
    return {
        last
        for name in names
        if len(words := name.split()) == 2
        and words[0] in _KIND_WORDS
        and (last := words[-1]) in written
        and last not in generic
        and last not in _NOT_NAMES
    }


def _shared(left, right, same) -> list[str]:
    return [x for x in left if any(same(x, y) for y in right)]


def _same_person(a: str, b: str) -> bool:
    """The same name, a surname alone that ends the full name, or a full name with more
    words after it ("Benedikt Laux von der Reederei ...": the name finder went on)."""
    if a == b:
        return True
    ta, tb = a.split(), b.split()
    if (len(ta) == 1 or len(tb) == 1) and ta[-1] == tb[-1]:
        return True
    shorter, longer = sorted((ta, tb), key=len)
    return len(shorter) >= 2 and longer[: len(shorter)] == shorter


def _same_actor(a: str, b: str) -> bool:
    """The same name, or one's words all in the other's (Harlow Foods, Harlow Foods Inc)."""
    ta, tb = set(a.split()), set(b.split())
    return a == b or ta <= tb or tb <= ta


def _is_person(actor: str, people: set[str]) -> bool:
    return any(_same_person(actor, p) or set(actor.split()) <= set(p.split()) for p in people)


def _title(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in name.split())
