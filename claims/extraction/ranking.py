"""Check-worthiness ranking: features of a sentence and a linear model over them.

A candidate sentence becomes a sparse feature vector:
- rule signals from the engine's findings and small lexicons (figures and their
  kinds, dates, attribution, quotes, comparisons, causal words, opinion and
  evaluative words, hedges, questions, first person, promises, length ...), and
- hashed lexical features: lower-cased word unigrams and bigrams (digits read
  as 0) and character 3-5-grams inside words, each group scaled to unit length,
  hashed with CRC-32 into 2**18 signed buckets (stable across runs and
  machines, unlike Python's hash()).

`RankingModel` holds one weight per feature (the same weights for German and
English; the words themselves tell the languages apart), a bias and the
threshold of the queue; its score is the logistic function of the weighted sum,
a calibrated probability. Scoring is plain Python over the stored weights, so
that extracting claims needs neither numpy nor scipy; fitting a model lives in
`training`. The model's weights are data: treat a loaded model as read-only (it
caches per-word sums).
"""

from __future__ import annotations

import itertools
import json
import math
import operator
import re
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from .attribution import Attribution, Attributor, is_speech_quote
from .dates import find_dates
from .figures import find_figures
from .lexicon import LOWER, WordCache, alphanumeric_runs
from .scoring import _SIGNALS, _VAGUE_WORDS, _has_actor
from .segment import quotes
from .types import DateMention, Figure

HASH_BITS = 18
FEATURES_VERSION = "cw-features-2"  # change it when the features change
BASE_MODEL_PATH = Path(__file__).resolve().parent / "models" / "checkworthiness-base.json"

_MASK = (1 << HASH_BITS) - 1
_WORD = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"\d")


def _lexicon(words: str) -> tuple[str, ...]:
    """Words, multi-word phrases and prefixes ("*" at the end), lower case, "|"-separated."""
    return tuple(e for e in words.split("|") if e)


# Signals beyond the rule scorer's lexicons, German and English together.
_LEXICONS = {
    "first_singular": _lexicon("ich|mich|mir|mein|meine|meinen|meiner|meinem|i|me|my|mine"),
    "first_plural": _lexicon("wir|uns|unser|unsere|unseren|unserer|unserem|we|us|our|ours"),
    "future": _lexicon(
        "wird|werden|werde|wollen|will|plant|planen|soll|sollen|künftig|demnächst|"
        "versprach|verspricht|versprochen|kündigte an|going to|plans to|plan to|intends|"
        "promised|promises|pledged|pledge|next year|next week|soon|upcoming|"
        "will|shall|expects to|expected to"
    ),
    "modal": _lexicon(
        "muss|müssen|müsste|sollte|sollten|darf|dürfen|brauchen|braucht|nötig|notwendig|"
        "must|should|ought|need to|needs to|have to|has to"
    ),
    "evaluative": _lexicon(
        "gut|gute|guten|schlecht|schlechte|toll|großartig|schön|schöne|wunderbar|schrecklich|"
        "enttäuschend|enttäuscht|ärgerlich|skandal*|katastroph*|unverantwortlich|richtig|"
        "falsch|fair|unfair|gerecht|ungerecht|mutig|peinlich|lächerlich|begrüß*|kritisier*|"
        "freue|freuen|froh|sorge|sorgen|angst|hoffe|hoffen|zufrieden|unzufrieden|"
        "good|great|bad|terrible|awful|wonderful|excellent|disappoint*|shameful|disgrace*|"
        "ridiculous|brave|fair|unfair|wrong|right|welcome|welcomed|criticis*|criticiz*|"
        "happy|glad|worried|worry|fear|hope|hopeful|pleased|love|hate|proud|sad|"
        "frustrat*|angry|delighted|excited|concerned"
    ),
    "hedge": _lexicon(
        "offenbar|anscheinend|scheinbar|angeblich|womöglich|vermutlich|mutmaßlich|"
        "apparently|allegedly|reportedly|seemingly|supposedly|it seems|seems|appears"
    ),
    "past": _lexicon(
        "war|waren|hatte|hatten|wurde|wurden|gab|stieg|sank|fiel|lag|lagen|"
        "was|were|had|did|rose|fell|grew|dropped|increased|decreased|declined"
    ),
    "vague_source": _lexicon(
        "experten|beobachter|kritiker|kritikerinnen|viele|manche|einige|insider|kreise|"
        "experts|observers|critics|many|some|insiders|sources|people|others"
    ),
    "official": _lexicon(
        "ministerium|ministerin|minister|behörde|amt|senat|regierung|verwaltung|stadtrat|"
        "gemeinderat|bundesamt|landesamt|statistisch*|polizei|gericht|staatsanwaltschaft|"
        "ministry|department|government|council|agency|office|authority|police|court|"
        "prosecutors|commission|regulator|statistics|census|report|study|survey|data|figures"
    ),
    "organisation": _lexicon(
        "konzern*|unternehmen*|firma|firmen|gesellschaft|betreiber*|hersteller*|verband*|"
        "gewerkschaft*|klinik*|krankenhaus*|universität*|bank|stadtwerke*|verein*|"
        "company|companies|firm|group|operator|manufacturer|union|association|hospital|"
        "university|bank|utility|club|charity|board|trust|corporation|insurer"
    ),
    # Records and superlatives: a claim that something is the most, least or first ever.
    "record": _lexicon(
        "rekord*|höchste*|niedrigste*|größte*|kleinste*|meiste*|wenigste*|wie nie zuvor|"
        "noch nie|erstmals|seit beginn der aufzeichnungen|record|records|highest|lowest|largest|"
        "biggest|smallest|fastest|slowest|oldest|youngest|all-time|all time|first time|"
        "never before|since records began|on record"
    ),
    # Events of consequence: closures, exits, cuts, sales, insolvencies, resignations.
    "consequence": _lexicon(
        "schließ*|schloss*|geschlossen|beende*|eingestellt|stellt ein|stellte ein|streich*|"
        "gestrichen|strich|entlass*|abgebaut|baut ab|baute ab|abbau*|verkauf*|übernahm*|"
        "übernommen|übernimmt|insolven*|pleite|kündig*|gekündigt|stillgelegt|legt still|"
        "legte still|zurückgezogen|zieht sich|zog sich|rückzug|aufgelöst|auflösung|aus für|"
        "verbot*|verboten|verurteil*|angeklagt|festgenommen|zurückgetreten|rücktritt|"
        "close|closes|closed|closing|closure|shut|shuts|shutting|ended|ends|axed|axes|cut|cuts|"
        "sold|sells|selling|acquired|acquires|bought|takeover|bankrupt*|insolven*|laid off|"
        "lay off|layoff*|redundanc*|withdr*|pulled out|pulls out|resign*|scrapp*|scrap|"
        "cancel*|banned|bans|convicted|charged|arrested|fined|dissolved|disband*"
    ),
    # What public figures are measured by: a claim that one of them changed, or is the
    # highest in years, can be checked even when no figure is written.
    "measure": _lexicon(
        "miete|mieten|preis|preise|preisen|kosten|steuer|steuern|abgabe*|lohn|löhne|gehalt|"
        "gehälter|rente|renten|inflation|arbeitslos*|beschäftigung|armut|kinderarmut|"
        "zahl|anzahl|anteil|quote|kriminalität|straftat*|gewalt*|angriffe|messerangriff*|"
        "einbrüche|einbruchszahlen|unfälle|unfallzahlen|schulden|verschuldung|defizit|"
        "haushaltsdefizit|wachstum|wirtschaftsleistung|exporte|importe|emission*|ausstoß|co2|"
        "wartezeit*|geburtenrate|lebenserwartung|zuwanderung|einwanderung|migration|"
        "asylanträge|abschiebungen|wahlbeteiligung|umsatz|gewinn|verlust|verluste|"
        "energiepreise|strompreis*|gaspreis*|spritpreis*|fahrpreis*|ticketpreis*|gebühren|"
        "rent|rents|price|prices|fare|fares|fees|cost|costs|tax|taxes|wage|wages|salary|"
        "salaries|pension|"
        "pensions|inflation|unemployment|jobless|employment|poverty|crime|crimes|violence|"
        "attacks|assaults|shootings|stabbings|burglaries|murders|homicides|accidents|debt|"
        "deficit|growth|gdp|economy|exports|imports|emissions|waiting|life expectancy|"
        "birth rate|immigration|migration|deportations|turnout|revenue|revenues|profit|"
        "profits|losses|energy bills|spending|funding|budget|budgets|homelessness|"
        "overdoses|deaths|number|numbers|share|rate|rates"
    ),
    # Words of change and multiples: rose, halved, verdoppelt.
    "change": _lexicon(
        "gestiegen|steigt|stieg|stiegen|gesunken|sinkt|sank|sanken|gefallen|fiel|fielen|"
        "erhöht|erhöhte|erhöhten|gesenkt|senkte|senkten|verdoppelt|verdoppelte|verdreifacht|"
        "vervierfacht|verzehnfacht|halbiert|halbierte|zugenommen|abgenommen|zurückgegangen|"
        "explodiert|eingebrochen|gekürzt|kürzte|gestrichen|angehoben|verringert|"
        "rose|risen|rises|rising|fell|fallen|falls|falling|increased|increases|decreased|"
        "decreases|grew|grown|dropped|declined|doubled|tripled|trebled|quadrupled|halved|"
        "soared|surged|plunged|plummeted|slashed|collapsed|raised|cut|cuts|lowered|"
        "went up|gone up|went down|gone down"
    ),
    # A politician's record: voted for or against, blocked, supported.
    "record_vote": _lexicon(
        "stimmte|stimmten|abgestimmt|gestimmt|blockiert|blockierte|abgelehnt|lehnte|"
        "voted|votes|vote against|vote for|blocked|opposed|supported|sponsored|vetoed"
    ),
    "greeting": _lexicon(
        "hallo|guten tag|danke|vielen dank|willkommen|tschüss|hello|thank you|thanks|welcome to|"
        "good morning|goodbye"
    ),
    "law": _lexicon(
        "gesetz*|verordnung*|paragraf*|richtlinie*|verbot*|haushalt*|steuer*|gebühr*|"
        "law|laws|bill|act|regulation*|ban|banned|budget*|tax|taxes|fee|fees|fine|fined"
    ),
}


# The rule scorer's comparison words, split: an explicit comparison (mehr als, doubled,
# compared with) can be checked; a bare comparative (schwieriger, better) is often a
# judgement.
_COMPARISONS = {
    "comparison": _lexicon(
        "mehr als|weniger als|doppelt|halb so|verdoppelt|halbiert|wie nie zuvor|so viele wie|"
        "als je|im vergleich|gegenüber dem vorjahr|more than|less than|fewer than|doubled|"
        "halved|than ever|compared with|compared to|twice as|half as"
    ),
    "comparative_bare": _lexicon(
        "höher|niedriger|schwieriger|besser|schlechter|stärker|schwächer|größer|kleiner|"
        "higher|lower|better|worse|harder|easier|stronger|weaker|bigger|smaller"
    ),
}


class _Index:
    """All lexicons in three lookups: a word, a phrase of consecutive words, a prefix."""

    def __init__(self, lexicons: Mapping[str, Sequence[str]]):
        self.words: dict[str, set[str]] = {}
        self.phrases: dict[str, set[str]] = {}
        self.prefixes: dict[str, set[str]] = {}
        for name, entries in lexicons.items():
            for entry in entries:
                if entry.endswith("*"):
                    self.prefixes.setdefault(entry[:-1], set()).add(name)
                elif " " in entry:
                    self.phrases.setdefault(entry, set()).add(name)
                else:
                    self.words.setdefault(entry, set()).add(name)
        self.lengths = sorted({len(p) for p in self.prefixes})
        self.longest = max((len(p.split()) for p in self.phrases), default=1)
        # The lengths (in words) of the phrases each first word starts, shortest first.
        lengths: dict[str, set[int]] = {}
        for phrase in self.phrases:
            lengths.setdefault(phrase.split()[0], set()).add(len(phrase.split()))
        self.phrase_lengths = {word: tuple(sorted(n)) for word, n in lengths.items()}

        self.word_hits = WordCache(self._word_hits)

    def _word_hits(self, word: str) -> frozenset[str]:
        found = set(self.words.get(word, ()))
        for length in self.lengths:
            if length > len(word):
                break
            found |= self.prefixes.get(word[:length], set())
        return frozenset(found)

    def hits(self, words: list[str], unique: set[str] | None = None) -> set[str]:
        """The lexicons that `words` hit (`unique`: the set of them, if at hand).

        The set is built by the same steps in the same order whatever the shortcuts (the
        order of its names orders the features, and so the sum of the score's terms).
        """
        found = set().union(
            *map(self.word_hits.__getitem__, set(words) if unique is None else unique)
        )
        phrase_lengths = self.phrase_lengths
        if unique is not None and unique.isdisjoint(phrase_lengths):
            return found  # no phrase starts here
        for i, word in enumerate(words):
            lengths = phrase_lengths.get(word)
            if lengths:
                rest = len(words) - i
                # The lengths of its phrases only, shortest first, as a loop over every
                # length looked them up.
                for n in lengths:
                    if n > rest:
                        break
                    names = self.phrases.get(" ".join(words[i : i + n]))
                    if names:
                        found |= names
                if rest < self.longest and rest in lengths:
                    # Near the end that loop ran out of words and added the last words'
                    # phrase again for each length beyond them. Adding the same names may
                    # still resize the set, and so reorder it: added as often as before.
                    names = self.phrases.get(" ".join(words[i:]))
                    if names:
                        for _ in range(self.longest - rest):
                            found |= names
        return found


_INDEX = _Index(
    {name: _lexicon(phrases) for name, (_weight, phrases) in _SIGNALS.items()}
    | _LEXICONS
    | _COMPARISONS
)


# Reason codes the engine reports (the UI shows them): feature -> reason.
REASONS = {
    "figure": "figure",
    "figure_money": "figure",
    "figure_percent": "figure",
    "figure_count": "figure",
    "figure_rate": "figure",
    "figure_bare": "figure",
    "figure_amount": "figure",
    "figure_duration": "figure",
    "figures_many": "figure",
    "date": "date",
    "date_day": "date",
    "attributed_statement": "attributed_statement",
    "named_speaker": "attributed_statement",
    "named_actor": "named_actor",
    "official": "named_actor",
    "comparison": "comparison",
    "causal": "causal",
    "law": "law",
    "opinion": "opinion",
    "evaluative": "opinion",
    "speculation": "speculation",
    "hedge": "speculation",
    "vague": "vague",
    "vague_source": "vague",
    "attribution_vague": "vague",
    "question": "question",
    "first_singular": "first_person",
    "first_plural": "first_person",
    "voxpop": "first_person",
    "speaker_official": "attributed_statement",
    "organisation": "named_actor",
    "future": "future",
    "modal": "opinion",
    "greeting": "filler",
    "consequence": "consequence",
    "record": "comparison",
    "measure": "measure",
    "change": "change",
    "record_vote": "voting_record",
}

_MARKUP = re.compile(
    r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>|<!--|-->|\{\{|\}\}|\bfunction\s*\(.*[{;]|=>|"
    r"\b(?:var|let|const)\s+\w+\s*=|[{};]\s*$|^\s*[.#]?[\w-]+\s*\{|:\s*[\w#-]+\s*;"
)


_CODE_CHARACTER = re.compile(r"[<>{};=]")


@lru_cache(maxsize=1)  # the engine asks, then rule_features, about the same text
def looks_like_markup(text: str) -> bool:
    """HTML tags, script or style code: never a claim."""
    if not _CODE_CHARACTER.search(text):
        return False  # every pattern below needs one of these characters
    if _MARKUP.search(text):
        return True
    code = sum(text.count(c) for c in "{}<>;=[]")
    return code >= 4 and code > len(text) / 40


def claim_kind(
    text: str,
    part_start: int,
    part_end: int,
    quoted,
    attribution: Attribution,
    figures,
    dates,
    language: str,
) -> str:
    """The kind of a claim text[part_start:part_end] (quote, reported speech ...)."""
    part_quotes = [q for q in quoted if part_start <= q.start and q.end <= part_end]
    # Titles, names and scare quotes are quoted too, but nobody says them.
    if any(is_speech_quote(text[q.start : q.end], attribution, language) for q in part_quotes):
        return "quote"
    if attribution.reported or attribution.phrase:
        return "reported_speech"
    if figures:
        return "statistic"
    if dates:
        return "event"
    return "statement"


@dataclass(frozen=True)
class Analysis:
    """The engine's findings for one sentence read on its own."""

    figures: tuple[Figure, ...]
    dates: tuple[DateMention, ...]
    attribution: Attribution
    quoted: bool
    kind: str


def analyse(text: str, language: str) -> Analysis:
    """Run the engine's finders on one sentence (for texts that come without them)."""
    quoted = quotes(text)
    chars = list(text)
    for q in quoted:
        chars[q.start : q.end] = " " * (q.end - q.start)
    blanked = "".join(chars)
    dates = find_dates(text, 0, len(text), language)
    figures = find_figures(text, 0, len(text), language, [(d.start, d.end) for d in dates])
    attribution = Attributor(language).attribute(blanked, blanked, 0)
    kind = claim_kind(text, 0, len(text), quoted, attribution, figures, dates, language)
    is_quote = kind == "quote"
    return Analysis(tuple(figures), tuple(dates), attribution, is_quote, kind)


_MONEY_UNITS = re.compile(r"^[A-Z]{3}$")
# Roles of people who speak for an institution, and of people who speak for themselves.
_OFFICIAL_ROLE = re.compile(
    r"sprecher|chef|leiter|direktor|minister|präsident|vorsitzend|vorstand|geschäftsführ|"
    r"bürgermeister|dezernent|kämmerer|senator|abgeordnet|beauftragt|staatssekretär|"
    r"polizei|richter|staatsanwalt|analyst|ökonom|forscher|professor|ärztlich|"
    r"spokes|chief|head|director|minister|president|chair|executive|officer|manager|"
    r"mayor|councillor|councilor|senator|secretary|commissioner|governor|judge|prosecutor|"
    r"economist|analyst|researcher|professor|scientist|ceo|cfo|founder"
)
_PRIVATE_ROLE = re.compile(
    r"rentner|student|schüler|anwohner|mutter|vater|passant|kundin|kunde|pendler|"
    r"pensioner|retired|resident|mother|father|mum|dad|shopper|commuter|customer|"
    r"neighbour|neighbor|fan|parent|grandmother|grandfather|student|pupil"
)
# A comparative and its "als"/"than" a few words on: mehr Geld als, teurer als, fewer trains than.
_COMPARATIVE = {
    "de": re.compile(r"\b(?:mehr|weniger|[a-zäöüß]{3,}er)\b(?: [a-zäöüß0-9]+){0,3} als\b"),
    "en": re.compile(r"\b(?:more|less|fewer|[a-z]{3,}er)\b(?: [a-z0-9]+){0,3} than\b"),
}
_COMPARATIVE_WORD = {"de": "als", "en": "than"}
_PAST_FORM = {
    "de": re.compile(r"\b(?:[a-zäöüß]{3,}(?:ete|eten|ierte|ierten)|ge[a-zäöüß]{3,}(?:t|en))\b"),
    "en": re.compile(r"\b[a-z]{3,}ed\b"),
}
# Whether a word is such a form, cached (the words repeat; a search of the sentence cost
# more). A match in the words joined by spaces is a whole word, unless a lower-cased İ put a
# combining dot, no word character, inside one.
_PAST_WORD = {
    language: WordCache(lambda word, p=pattern: p.fullmatch(word) is not None)
    for language, pattern in _PAST_FORM.items()
}
_AGE = re.compile(r",\s(?:1[4-9]|[2-8]\d|9[0-9])(?:,|\.|\s*$|\s+(?:Jahre|years))")
_CROSSED = (
    ("date", "past"),
    ("date", "consequence"),
    ("named_actor", "consequence"),
    ("organisation", "consequence"),
    ("date", "future"),
    ("figure", "attributed_statement"),
    ("figure", "date"),
    ("figure", "future"),
    ("quote", "speaker_official"),
    ("quote", "first_singular"),
    ("quote", "first_plural"),
    ("quote", "evaluative"),
    ("quote", "figure"),
    ("quote", "record"),
    ("organisation", "past"),
    ("official", "past"),
    ("named_actor", "past"),
    ("kind_reported_speech", "speaker_official"),
    ("causal", "attributed_statement"),
    # Judgement with nothing to check it against: no figure, date or source.
    ("opinion", "kind_statement"),
    ("evaluative", "kind_statement"),
    ("comparison", "kind_statement"),
    ("comparative_bare", "kind_statement"),
    ("comparison", "figure"),
    # A measure that changed, or is at a record, is checkable without a written figure.
    ("measure", "change"),
    ("measure", "record"),
    ("measure", "comparison"),
    ("change", "kind_statement"),
    ("record_vote", "kind_statement"),
)
_CROSSED_NAMES = tuple((a, b, f"{a}&{b}") for a, b in _CROSSED)
_RATE = re.compile(r"\b(?:je|pro|per|a|an|each)\b|/")


_CLAUSE_BREAK = re.compile(r"[,;:–—]")


def _changed_in_one_clause(text: str) -> bool:
    """Whether a measure and a word of change stand in one clause of `text`."""
    return any(
        {"measure", "change"} <= _INDEX.hits(_lexicon_words(clause))
        for clause in _CLAUSE_BREAK.split(text)
    )


def rule_features(
    text: str,
    language: str,
    *,
    figures: Sequence[Figure] = (),
    dates: Sequence[DateMention] = (),
    attribution: Attribution | None = None,
    quoted: bool = False,
    kind: str | None = None,
) -> dict[str, float]:
    """The rule signals of a sentence, given the engine's findings."""
    features: dict[str, float] = {f"lang_{language}": 1.0}
    raw = alphanumeric_runs(text)
    words = _lexicon_words(text)
    unique = set(words)
    if figures:
        features["figure"] = 1.0
        if len(figures) > 1:
            features["figures_many"] = math.log(len(figures))
        values = [abs(f.value) for f in figures if f.value is not None]
        if values:
            # Magnitude: 85 million passengers is a statistic, 85 cows a detail.
            features["figure_magnitude"] = math.log10(max(values) + 1) / 3
        for figure in figures:
            unit = figure.unit or ""
            figure_kind = getattr(figure, "kind", None)  # money, percent, count, rate ...
            if figure_kind:
                features[f"figure_{figure_kind}"] = 1.0
            elif _MONEY_UNITS.match(unit):
                features["figure_money"] = 1.0
            elif unit in ("percent", "percentage_points"):
                features["figure_percent"] = 1.0
            elif _RATE.search(unit):
                features["figure_rate"] = 1.0
            elif unit:
                features["figure_count"] = 1.0
            else:
                features["figure_bare"] = 1.0
            if figure.approximate:
                features["figure_approximate"] = 1.0
            if figure.qualifier:
                features["figure_qualified"] = 1.0
    if dates and any(not d.relative or d.value for d in dates):
        features["date"] = 1.0
        if any(d.granularity == "day" for d in dates):
            features["date_day"] = 1.0
    if dates and any(d.relative for d in dates):
        features["date_relative"] = 1.0
    if attribution is not None:
        speaker, phrase = attribution.speaker, attribution.phrase
        if bool(speaker or phrase) and kind in ("quote", "reported_speech"):
            features["attributed_statement"] = 1.0
        if speaker is not None:
            features["named_speaker"] = 1.0
            role = (speaker.role or "").lower()
            if role:
                features["speaker_role"] = 1.0
                if _OFFICIAL_ROLE.search(role):
                    features["speaker_official"] = 1.0
                if _PRIVATE_ROLE.search(role):
                    features["speaker_private"] = 1.0
        if attribution.vague:
            features["attribution_vague"] = 1.0
        if attribution.reported:
            features["reported"] = 1.0
    if quoted:
        features["quote"] = 1.0
    if kind:
        features[f"kind_{kind}"] = 1.0
    if _has_actor(text):
        features["named_actor"] = 1.0
    # Sorted: a set's order follows the process's string hashes, and the order of the
    # features orders the sum of the score's terms (its last bits, in every process alike).
    for name in sorted(_INDEX.hits(words, unique)):
        features[name] = 1.0
    if unique & _VAGUE_WORDS:
        features["vague"] = 1.0
    if (
        "comparison" not in features
        and _COMPARATIVE_WORD[language] in unique  # the pattern needs it: most sentences lack it
        and _COMPARATIVE[language].search(" ".join(words))
    ):
        features["comparison"] = 1.0  # "mehr Geld als", "higher fares than"
    if (
        _PAST_FORM[language].search(" ".join(words))
        if "İ" in text
        else any(map(_PAST_WORD[language].__getitem__, unique))
    ):
        features["past"] = 1.0  # weak preterite and participles: beendete, meldeten, closed
    if _AGE.search(text):
        features["voxpop"] = 1.0  # "…, said Jana Roth, 34." / "sagt Renate Kühn, 67, Rentnerin"
    for a, b, crossed in _CROSSED_NAMES:
        if a in features and b in features:
            features[crossed] = 1.0
    if "change" in features and not figures and not _changed_in_one_clause(text):
        # A word of change is one when a figure or a measure goes with it: "die Mieten
        # stiegen", not "die Kinder stiegen in den Bus, die Kosten trug ...".
        for name in ("change", "measure&change", "change&kind_statement"):
            features.pop(name, None)
    stripped = text.rstrip(" \"'”“«»„‘’)")
    if stripped.endswith("?"):
        features["question"] = 1.0
    if stripped.endswith("!"):
        features["exclamation"] = 1.0
    if stripped[-1:] not in ".!?:":
        features["no_final_punctuation"] = 1.0
    count = len(raw)
    # Length as a smooth signal (log of the word count, centred on a dozen words): steps
    # between buckets made a 12-word sentence score far below a 13-word one.
    features["length"] = math.log(max(count, 1) / 12)
    if count <= 5:
        features["length_fragment"] = 1.0
    # Every digit stands in a run of letters and digits (most runs are words without one).
    digits = sum(
        len(run) if run.isdecimal() else len(_DIGIT.findall(run))
        for run in raw
        if not run.isalpha()
    )
    if digits:
        features["digits"] = math.log1p(digits)
    if looks_like_markup(text):
        features["markup"] = 1.0
    return features


# ---------------------------------------------------------------- lexical features


def _bucket(key: str) -> tuple[int, float]:
    h = zlib.crc32(key.encode())
    return h & _MASK, -1.0 if h >> 31 else 1.0


@lru_cache(maxsize=200_000)
def _word_grams(word: str) -> tuple[tuple[int, float], tuple[tuple[int, float], ...]]:
    """A word's unigram bucket and its character 3-5-grams' buckets (cached: words repeat)."""
    padded = f"<{word}>"
    grams = tuple(
        _bucket("c:" + padded[i : i + n]) for n in (3, 4, 5) for i in range(len(padded) - n + 1)
    )
    return _bucket("u:" + word), grams


def _lexicon_words(text: str) -> list[str]:
    """The runs of letters and digits of `text`, lower-cased, but acronyms: they are no
    words of the lexicons ("US" is not "us", "IT" not "it")."""
    raw, lowered = alphanumeric_runs(text), _lower_runs(text)
    if not any(map(str.isupper, raw)):
        return list(lowered)  # no acronym (most sentences): every word, without the loop
    return [low for w, low in zip(raw, lowered, strict=True) if not w.isupper() or len(w) < 2]


@lru_cache(maxsize=2)  # rule_features and then lexical_margin
def _lower_runs(text: str) -> tuple[str, ...]:
    """The runs of letters and digits of `text`, lower-cased one by one."""
    return tuple(map(LOWER.__getitem__, alphanumeric_runs(text)))


def _tokens(text: str) -> list[str]:
    """Lower-cased words, digits read as 0 (2025 and 1999 are the same token)."""
    # The words of the lower-cased text are the words lower-cased, but for the only letters
    # whose lower case depends on the text around them (Σ) or has two characters (İ).
    special = "İ" in text or "Σ" in text
    words = _WORD.findall(text.lower()) if special else _lower_runs(text)
    return list(map(_TOKEN.__getitem__, words))


@WordCache
def _TOKEN(word: str) -> str:  # a cache, read as a table: _TOKEN[word]
    """A word as a token: digits read as 0."""
    if word.isalpha():
        return word
    return "0" * len(word) if word.isdecimal() else _DIGIT.sub("0", word)


def lexical_features(text: str) -> dict[str, float]:
    """Hashed word unigrams and bigrams and character 3-5-grams, each group of unit length."""
    features: dict[str, float] = {}
    tokens = _tokens(text)
    if not tokens:
        return features
    grams = [_word_grams(t) for t in tokens]
    groups = (
        [g[0] for g in grams],
        [_bucket(f"b:{a} {b}") for a, b in itertools.pairwise(tokens)],
        [c for g in grams for c in g[1]],
    )
    for group in groups:
        if not group:
            continue
        scale = 1.0 / math.sqrt(len(group))
        for bucket, sign in group:
            key = f"#{bucket}"
            features[key] = features.get(key, 0.0) + sign * scale
    return features


def sentence_features(
    text: str,
    language: str,
    *,
    figures: Sequence[Figure] = (),
    dates: Sequence[DateMention] = (),
    attribution: Attribution | None = None,
    quoted: bool = False,
    kind: str | None = None,
) -> dict[str, float]:
    """All features of one sentence. Without `kind` (text alone: a desk decision, an
    imported line) the engine's finders run on the sentence first."""
    if kind is None:
        found = analyse(text, language)
        figures, dates, attribution = found.figures, found.dates, found.attribution
        quoted, kind = found.quoted, found.kind
    features = rule_features(
        text,
        language,
        figures=figures,
        dates=dates,
        attribution=attribution,
        quoted=quoted,
        kind=kind,
    )
    features.update(lexical_features(text))
    return features


# ---------------------------------------------------------------- the model


class _LookedUp(dict):
    """A model's weights, by name, as looked up so far (0.0 for a name without one)."""

    def __init__(self, weights: Mapping[str, float]):
        super().__init__()
        self.weights = weights

    def __missing__(self, name: str) -> float:
        weight = self[name] = self.weights.get(name, 0.0)
        return weight


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass
class RankingModel:
    version: str
    weights: dict[str, float] = field(default_factory=dict)
    bias: float = 0.0
    threshold: float = 0.5
    metrics: dict = field(default_factory=dict)
    features: str = FEATURES_VERSION

    def __post_init__(self):
        # Per token: its unigram's weighted share, its character n-grams' summed share and
        # their number; per pair of tokens: its bigram's share. Looked up in C (map over
        # the tokens), computed on a miss.
        self._words = WordCache(self._token_terms, maxsize=200_000)
        self._bigrams = WordCache(self._bigram_term, maxsize=200_000)
        self._looked_up = _LookedUp(self.weights)

    def _rule_weights(self) -> _LookedUp:
        """The weights looked up by name so far (the rule features'): a small table that
        stays in the processor's cache, unlike all of the weights. Taken anew if the
        weights are replaced."""
        if self._looked_up.weights is not self.weights:
            self._looked_up = _LookedUp(self.weights)
        return self._looked_up

    # -- scoring
    def margin(self, features: Mapping[str, float]) -> float:
        w = self.weights
        return self.bias + sum(w.get(k, 0.0) * v for k, v in features.items())

    def score(self, features: Mapping[str, float]) -> float:
        """The probability that a sentence with these features is check-worthy."""
        return _sigmoid(self.margin(features))

    def score_text(self, text: str, language: str) -> float:
        return self.score(sentence_features(text, language))

    def contributions(self, features: Mapping[str, float]) -> dict[str, float]:
        """Each rule signal's share of the margin (hashed features left out)."""
        w = self.weights
        return {k: w.get(k, 0.0) * v for k, v in features.items() if not k.startswith("#")}

    def _token_terms(self, token: str) -> tuple[float, float, int]:
        w = self.weights
        (ub, us), grams = _word_grams(token)
        return (
            w.get(f"#{ub}", 0.0) * us,
            sum(w.get(f"#{b}", 0.0) * s for b, s in grams),
            len(grams),
        )

    def _bigram_term(self, pair: tuple[str, str]) -> float:
        bucket, sign = _bucket(f"b:{pair[0]} {pair[1]}")
        return self.weights.get(f"#{bucket}", 0.0) * sign

    def lexical_margin(self, text: str) -> float:
        """The hashed features' share of the margin, fast: the same value as summing
        `lexical_features(text)` against the weights, with per-word sums cached."""
        tokens = _tokens(text)
        if not tokens:
            return 0.0
        # The terms summed token by token in text order, as a loop adding them did (sum
        # adds floats one by one on Python 3.11), but in C.
        unigram, chars, n_chars = map(sum, zip(*map(self._words.__getitem__, tokens), strict=True))
        total = unigram / math.sqrt(len(tokens))
        if n_chars:
            total += chars / math.sqrt(n_chars)
        if len(tokens) > 1:
            # Cached by the pair of tokens: no key string to build.
            bigram = sum(map(self._bigrams.__getitem__, itertools.pairwise(tokens)))
            total += bigram / math.sqrt(len(tokens) - 1)
        return total

    def score_parts(self, rules: Mapping[str, float], text: str) -> float:
        """`score(rule features + lexical_features(text))`, computed the fast way."""
        # sum(w.get(k, 0.0) * v for k, v in rules.items()), in the same order, without a
        # generator: map runs in C.
        weights = map(self._rule_weights().__getitem__, rules)
        margin = self.bias + sum(map(operator.mul, weights, rules.values()))
        return _sigmoid(margin + self.lexical_margin(text))

    def reasons(self, rules: Mapping[str, float]) -> tuple[str, ...]:
        """Reason codes of the rule signals that apply, strongest push up first."""
        # The contributions of the signals that have a reason, summed in the same order
        # as `contributions` would give them (without building that dict first).
        w = self._rule_weights()
        totals: dict[str, float] = {}
        for name, value in rules.items():
            if name in REASONS:
                reason = REASONS[name]
                totals[reason] = totals.get(reason, 0.0) + w[name] * value
        # Descending, ties in their order (the sort is stable, reversed or not).
        return tuple(sorted(totals, key=totals.__getitem__, reverse=True))

    # -- storage
    def to_dict(self) -> dict:
        return {
            "version": self.version,
            "features": self.features,
            "bias": round(self.bias, 6),
            "threshold": round(self.threshold, 6),
            "metrics": self.metrics,
            "weights": {k: round(v, 4) for k, v in sorted(self.weights.items())},
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> RankingModel:
        if data.get("features", FEATURES_VERSION) != FEATURES_VERSION:
            raise ValueError(
                f"Model features {data.get('features')!r} do not match {FEATURES_VERSION!r}."
            )
        return cls(
            version=str(data["version"]),
            weights={str(k): float(v) for k, v in data.get("weights", {}).items()},
            bias=float(data.get("bias", 0.0)),
            threshold=float(data.get("threshold", 0.5)),
            metrics=dict(data.get("metrics", {})),
        )

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":")))

    @classmethod
    def load(cls, path: str | Path) -> RankingModel:
        return cls.from_dict(json.loads(Path(path).read_text()))


@cache
def load_base_model() -> RankingModel:
    """The shipped base model (trained on the project's own corpus), loaded once."""
    return RankingModel.load(BASE_MODEL_PATH)
