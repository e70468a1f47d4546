"""Who says so: speakers of quotes and reported speech, and how vague that is.

The article is read sentence by sentence (`Attributor` keeps the state): a
speaker is a name, with the role kept apart (Sprecher Brad Glasser, CEO Andy
Jassy, Geschäftsführerin X: role nouns and German compounds ending in one),
found after a speech verb (sagte X, said X, so X; never a place phrase such
as "told a briefing in X"), as the subject before one (X sagte, X said), in
apposition (Ein Teamleiter des Labors, Wang Minjie, bestätigte ...; Dr.
Samuel Reyes, a biologist, told ...), or in an attribution frame (X zufolge,
laut X, according to X, wie X mitteilte, heißt es aus X, X said, figures
published by X show). Speech verbs are found in all their inflected forms
(lexicon.py). Speakers are people; organisations and groups are claimants
(`Attribution.claimant`), never the frame's words.

Pronouns and back-references (er, sie, der Sprecher, she said) point to the
last person named in the paragraph; indirect speech that goes on (Konjunktiv
I, or Konjunktiv II right after reported speech) keeps the last speaker of
the paragraph until another one speaks. Konjunktiv I in a purpose clause (um
... zu, dafür zu sorgen, dass ... werde) is no reported speech. A surname or
a first name alone is completed from any earlier mention of the full name,
spoken or not, with the role given there.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import (
    ENGLISH_INVERTED_SPEECH_VERBS,
    WordCache,
    alphanumeric_runs,
    alternation,
    english_forms,
    english_role_forms,
    german_role_forms,
    organisation_nouns,
    speech_pattern,
    speech_words,
    words,
)
from .types import Speaker

_CAPITAL = r"[A-ZÄÖÜ]"
_NAME_TOKEN_REST = r"[a-zäöüßéèáàóòíìúùçñ’'-]*[a-zäöüßéèáàóòíìúùçñ]"  # noqa: S105 (after its capital)
_NAME_TOKEN = _CAPITAL + _NAME_TOKEN_REST
_PARTICLE = r"(?:von|van|de|der|den|da|di|du|zu|ten|bin|al|el|le|la)"
_MENTION_PARTICLE = r"(?:von|van|de|da|di|du|zu|ten|bin|al|el|le|la)(?:\s+(?:der|den))?"
_NAME = rf"{_NAME_TOKEN}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_TOKEN}){{0,3}}"
_TITLE = r"(?:(?:(?:Dr|Prof|Mr|Mrs|Ms|Mx|Sen|Rep|Gov)\.|Sir|Dame|Frau|Herr)\s+)*"
_NOT_NAMES = frozenset(
    [
        "Die",
        "Der",
        "Das",
        "Den",
        "Dem",
        "Des",
        "Ein",
        "Eine",
        "Einer",
        "Er",
        "Sie",
        "Es",
        "Wir",
        "Ich",
        "Ihr",
        "Man",
        "Auch",
        "Damit",
        "Dann",
        "Doch",
        "Im",
        "Am",
        "In",
        "An",
        "Auf",
        "Aus",
        "Bei",
        "Mit",
        "Nach",
        "Laut",
        "Seit",
        "Vor",
        "Für",
        "Über",
        "Unter",
        "Zum",
        "Zur",
        "Dies",
        "Diese",
        "Dieser",
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
        "Montag",
        "Dienstag",
        "Mittwoch",
        "Donnerstag",
        "Freitag",
        "Samstag",
        "Sonntag",
        "Heute",
        "Gestern",
        "The",
        "A",
        "An",
        "He",
        "She",
        "It",
        "We",
        "They",
        "I",
        "You",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "Here",
        "But",
        "And",
        "Yet",
        "So",
        "January",
        "February",
        "March",
        "May",
        "June",
        "July",
        "October",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Today",
        "Yesterday",
        "According",
    ]
)

# Words that are never part of a person's or organisation's name, wherever they stand.
_NEVER_IN_NAME = words(
    "Er Sie Es Wir Ich Ihr Man Was Wer Wie Wo Wann Warum Welche Welcher Welches Unser "
    "Unsere Mein Meine Sein Seine Kein Keine Alle Viele Jetzt Nun Noch Wenn Weil Dass Ob "
    "Und Oder What Who Whom Whose When Where Why How Which If Whether He She It We They "
    "You Me Him Her Us Them My Our Your His Their Its All Every Some Many Most Now Then "
    "Also Still Even Just Only Let As Not No And Or But If Because While Although"
)
# Endings of a contraction (we've, she'd, it's): no name.
_CONTRACTIONS = tuple(mark + end for mark in "’'" for end in ("ve", "re", "ll", "d", "m", "s", "t"))
# Head nouns that make a name an organisation's (Northwind Rail, Westcoast University,
# Harlow Foods, Elbtal Holding): kinds of body, trades in the plural, legal forms.
_ORGANISATION_HEADS = words(
    "Rail Railway Railways Bank Group University College School Hospital Council Office "
    "Ministry Department Agency Authority Institute Association Union Company Corporation "
    "Corp Inc Ltd Plc PLC LLC LLP GmbH AG SE KG KGaA OHG eG eV mbH Co Party Police Court "
    "Commission Committee Board Trust Foundation Service Services Network Airlines Airways "
    "Motors Energy Systems Partners Bund Verband Amt Ministerium Institut Gewerkschaft Partei "
    "Stiftung Verein Kammer Klinik Klinikum Universität Hochschule Stadtwerke Werke Gericht "
    "Polizei Kommission Behörde Agentur Bundesamt Landesamt Konzern Holding Bahn "
    "Foods Holdings Industries Technologies Pharma Pharmaceuticals Logistics Media Capital "
    "Ventures Brands Stores Markets Brewery Farms Dairies Dairy Insurance Finance "
    "Investments Properties Homes Construction Electric Chemicals Labs Laboratories "
    "Software Solutions Communications Telecom Shipping Ferries Buses Transport Healthcare "
    "Society Federation League Club FC Council Directorate Tribunal Inspectorate Institution "
    "Museum Library Theatre Orchestra Times Herald Gazette Courier Tribune "
    "Chronicle Journal News Fund Reserve Exchange Centre Center Alliance Coalition "
    "Gruppe Sparkasse Versicherung Versicherungen Kliniken Brauerei Molkerei Bäckerei "
    "Apotheke Zeitung Rundschau Kurier Anzeiger Nachrichten Senat Landtag Bundestag "
    "Regierung Verwaltung Gemeinde Stadt Landkreis Bezirk Kirche Bistum Museum "
    "Theater Betriebe Verkehrsbetriebe Genossenschaft Fraktion Bündnis Forum Zentrum"
)
_PRONOUN_SUBJECTS = words(
    "he she it we they i you this that these those there er sie es wir ich ihr man"
)
_QUOTE_MARKS = "„“”»«‚‘’\"' "

_ROLE_FORMS = {"de": german_role_forms(), "en": english_role_forms()}
_ORGANISATION_NOUNS = {language: organisation_nouns(language) for language in ("de", "en")}
_SO_NAME = re.compile(r",\s*so\s+[A-ZÄÖÜ]")
_REPORTED = {
    "de": r"\b(?:habe|sei|seien|seiest|werde|könne|müsse|dürfe|solle|wolle|gebe|liege|stehe|"
    r"komme|gehe|bleibe|wisse|zufolge|[Ll]aut|[Nn]ach Angaben|eigenen Angaben)\b",
    "en": r"\b(?:(?:said|says|say|told \w+|added|claimed|claims?|stated|estimated|estimates?|"
    r"reported|argued|warned|insisted|noted|believes?|found|shows?|showed)\s+that|[Aa]ccording to)\b",
}
# Words that each of these patterns needs, whole (a cheap test before the pattern).
_REPORTED_WORDS = {
    "de": words(
        "habe sei seien seiest werde könne müsse dürfe solle wolle gebe liege stehe komme gehe "
        "bleibe wisse zufolge Laut laut Angaben"
    ),
    "en": words("that According according"),
}
# The words that are a match of these patterns on their own.
_REPORTED_ALONE = {
    "de": _REPORTED_WORDS["de"] - {"Angaben"},
    "en": frozenset(),
}
# Konjunktiv I in a purpose or dependent clause (um ... zu, dafür zu sorgen, dass ... werde,
# damit ... werde) is not somebody's reported speech: such clauses are masked first.
_PURPOSE_CLAUSE = {
    "de": re.compile(
        r"\b(?:um|ohne|statt|anstatt)\b[^,;.]*?\bzu\b[^,;.]*"
        r"|\bzu\s+[a-zäöüß]+(?:en|ern|eln)\s*,\s*(?:dass|daß)\b[^,;.]*"
        r"|\b(?:damit|sodass)\b[^,;.]*"
        # What someone ensures or prevents (dafür sorgen, dass ... werde; verhindern, dass).
        r"|\b(?:(?:sorg|sicherstell|gewährleist|verhinder)[a-zäöüß]*|achte(?:n|t|te|ten)?)\b"
        r"[^,;.]*?,\s*(?:dass|daß)\b[^,;.]*"
    ),
}
# Konjunktiv II stands in for Konjunktiv I, but only counts where someone was speaking.
_REPORTED_IN_CONTEXT = {"de": r"\b(?:hätte|hätten|wäre|wären|würde|würden)\b", "en": r"\bwould\b"}
_IN_CONTEXT_WORDS = {"de": words("hätte hätten wäre wären würde würden"), "en": words("would")}
_WORD = re.compile(r"\w+")


def _words(text: str) -> set[str]:
    """The words (`\\w+`) of `text`: its runs of letters and digits unless it has an
    underscore, a word character too."""
    return set(_WORD.findall(text)) if "_" in text else set(alphanumeric_runs(text))


def _without_purpose_clauses(part: str) -> str:
    """`part` with its purpose clauses blanked (German)."""
    # Every clause needs one of these words.
    if any(word in part for word in ("zu", "damit", "sodass", "dass", "daß")):
        return _PURPOSE_CLAUSE["de"].sub(" ", part)
    return part


_VAGUE_SOURCES = {
    "de": "Schätzungen|Berichten|Medienberichten|Kreisen|Insidern|Beobachtern|"
    "Experten|Analysten|Branchenkennern|Beobachter|Experten",
    "en": "estimates?|analysts|experts|observers|sources|insiders|reportedly|critics|"
    "people familiar",
}
_VAGUE = {language: rf"\b(?:{sources})\b" for language, sources in _VAGUE_SOURCES.items()}
# Whether a word is the first of a vague source, as the pattern matches them (ignoring
# case): every match of the pattern starts with such a word, whole.
_VAGUE_FIRST = {
    language: re.compile("|".join(source.split()[0] for source in sources.split("|")), re.I)
    for language, sources in _VAGUE_SOURCES.items()
}
_VAGUE_FIRST_WORD = {
    language: WordCache(lambda word, p=pattern: p.fullmatch(word) is not None)
    for language, pattern in _VAGUE_FIRST.items()
}
_PRONOUN_SPEECH = {
    "de": r"\b(?:(?:{speech})\s+(?:er|sie)\b|(?:Er|Sie)\s+(?:{speech})\b"
    r"|(?:[Dd]er|[Dd]ie)\s+(?:{role})\s+(?:{speech})\b)",
    "en": r"\b(?:(?:{speech})\s+(?:he|she)\b|(?:He|She|he|she)\s+(?:{speech})\b"
    r"|(?:{speech})\s+the\s+(?:{role})\b|[Tt]he\s+(?:{role})\s+(?:{speech})\b)",
}


# One per candidate: slotted and not frozen, it is made three times faster (a frozen
# dataclass sets each field with object.__setattr__). Nobody changes one after it is made.
@dataclass(slots=True)
class Attribution:
    speaker: Speaker | None = None
    phrase: str | None = None  # the attributing words, e.g. "Amazon eigenen Angaben zufolge"
    vague: bool = False
    reported: bool = False  # indirect speech
    # Who makes the claim, without the frame: a person's name or an organisation
    # ("Westcoast University" for "Laut Westcoast University"); None when unknown.
    claimant: str | None = None
    speech: bool = False  # a speech verb or "so X" attaches the words to a speaker
    # The role of whoever speaks for the claimant when no person is named: "a
    # spokesperson for Harlow Foods" -> claimant "Harlow Foods", claimant_role "spokesperson".
    claimant_role: str | None = None


def _compile(language: str) -> dict:
    speech, show = speech_pattern(language), speech_pattern(language, show=True)
    role_forms = alternation(_ROLE_FORMS[language])
    if language == "de":
        # A capitalized word ending in a role (Verkehrsdezernentin, Geschäftsführer).
        role = rf"(?<![\w-])(?=[A-ZÄÖÜ])[\w-]*?(?i:{role_forms})(?![\w-])"
        after_verb_role = None
        complement = r"(?:\s+(?:des|der|von|vom|im|bei)\s+(?:\w+\s+)?[A-ZÄÖÜ][\w-]+)?"
        apposition = (
            rf"(?:^|[,:;]\s+)(?:(?:Ein|Eine|Der|Die|ein|eine|der|die)\s+)?"
            rf"(?P<role>(?:[\w-]+\s+)?{role}{complement}),\s+(?P<name>{_TITLE}{_NAME}),"
        )
        org = r"(?:(?:der|die|das|dem|den|des)\s+)?[A-ZÄÖÜ][\w-]*(?:\s+(?:(?:der|des|für|von|vom)\s+)?[A-ZÄÖÜ][\w-]*){0,4}"
        # Each frame with a cheap test of whether the sentence can hold it (most cannot).
        frames = [
            (
                "aut ",
                r"(?P<phrase>[Ll]aut\s+(?P<who2>(?:(?:dem|der|des|den|einer|einem)\s+)?"
                r"(?:[a-zäöüß]+(?:e|en|er|em|es)\s+)?[A-ZÄÖÜ][\w-]*(?:\s+[A-ZÄÖÜ][\w-]*)*))",
            ),
            (
                "Angaben",
                r"(?P<phrase>[Nn]ach (?P<own>eigenen )?Angaben(?:\s+(?:des|der|von|vom)\s+"
                r"(?P<who3>[A-ZÄÖÜ][\w-]+(?:\s+[A-ZÄÖÜ][\w-]+)?))?)",
            ),
            (
                "ie ",
                rf"(?P<phrase>\b[Ww]ie\s+(?P<who4>(?:(?:der|die|das|den|dem|des)\s+)?[\w-]+"
                rf"(?:\s+[\w-]+){{0,4}}?)\s+(?:{speech}))",
            ),
            (
                re.compile("ßt? es"),
                rf"(?P<phrase>\b(?:heißt|hieß)\s+es(?:\s+(?:aus|von|vom|bei|beim|im|in)\s+(?P<who5>{org}))?"
                rf"|^(?:Aus|Von|Vom|Bei|Beim|Im)\s+(?P<who8>{org})\s+(?:heißt|hieß)\s+es)",
            ),
            (
                re.compile(
                    r"(?:Zahlen|Daten|Statistiken|Erhebungen|Berechnungen|Studie|Umfrage|Analyse|Auswertung) "
                ),
                rf"(?P<phrase>(?:Zahlen|Daten|Statistiken|Erhebungen|Berechnungen|Studie|Umfrage|Analyse|"
                rf"Auswertung)\s+(?:des|der|vom|von)\s+(?P<who6>{org})\s+(?:{show}))",
            ),
            (
                re.compile(r"^(?:Der|Die|Das) "),
                rf"(?P<phrase2>^(?P<who7>(?:Der|Die|Das)\s+[A-ZÄÖÜ][\w-]+(?:\s+(?:der|des|für|von)\s+"
                rf"(?:[\w-]+\s+)?[A-ZÄÖÜ][\w-]+)?)\s+(?:{speech}))",
            ),
            (
                # An organisation's name of several words (Elbtal Holding teilte mit),
                # taken only when it is one (checked with the name).
                re.compile(r"^(?:(?:Der|Die|Das)\s+)?[A-ZÄÖÜ][\w&-]*\s+[A-ZÄÖÜ]"),
                rf"(?P<phrase2>^(?:(?:Der|Die|Das)\s+)?(?P<who9>[A-ZÄÖÜ][\w&-]*"
                rf"(?:\s+[A-ZÄÖÜ][\w&-]*){{1,3}})\s+(?:{speech}))",
            ),
        ]
    else:
        role = rf"(?i:{role_forms})(?![\w-])"
        complement = ""
        # Lower-case words between the verb and the name are a role ("said council leader
        # X"), never a place phrase ("told a briefing in X", "said at a meeting in X").
        plain = rf"(?!{_EN_NOT_ROLE}\b)[a-z][\w-]*"
        after_verb_role = rf"(?:the\s+)?(?:{plain}\s+){{0,3}}{plain}"
        apposition = (
            rf"(?P<name>{_TITLE}{_NAME}),\s+(?:a|an|the)\s+(?P<role>[^,]{{3,80}}?),\s+"
            rf"(?:{speech})"
        )
        frames = [
            ("ccording to", r"(?P<phrase>[Aa]ccording to\s+(?P<who>[^,.;]{2,80}))"),
            (
                " by ",
                r"(?P<phrase>(?:[Ff]igures|[Dd]ata|[Ss]tatistics|[Nn]umbers|[Rr]esearch|(?:[Aa]n?|[Tt]he)\s+"
                r"(?:new\s+)?(?:report|study|survey|analysis|review|audit|poll))\s+(?:(?:published|released|"
                r"compiled|commissioned|conducted|produced|carried out)\s+)?by\s+"
                rf"(?P<who3>(?:the\s+)?[A-Z][^,;]{{1,80}}?)\s+(?:{show}))",
            ),
            (
                re.compile(r"^[A-Z]"),
                # The subject is a noun phrase: no verb, adverb or clause word inside it.
                rf"(?P<phrase2>^(?P<who2>(?:(?:The|A|An)\s+)?[A-Z][\w'’-]*(?:\s+(?:of|for|and|on|the|"
                rf"(?!{_EN_NOT_SUBJECT}\b)[\w'’-]+(?<!ed)(?<!ly)(?<!ing))){{0,4}}?)\s+(?:{speech})"
                rf"(?:\s+that\b)?)",
            ),
        ]
    named = rf"(?P<name>{_TITLE}{_NAME})"
    # English roles may take words before them (chief medical officer); German ones are one word.
    role_words = r"(?:[\w-]+\s+){0,2}?" if language == "en" else ""
    after_verb_role = after_verb_role or f"{role}{complement}"
    pronoun = _PRONOUN_SPEECH[language].replace("{speech}", speech).replace("{role}", role)
    before, after, subject = _subject_patterns(language, speech, role)
    return {
        "subject_before": re.compile(before),
        "subject_after": re.compile(after),
        # The verbs that open subject_after in English: speech verbs that put their subject
        # after them (in German any speech verb, or ", so").
        "inverted_words": frozenset(english_forms(ENGLISH_INVERTED_SPEECH_VERBS)),
        "subject": re.compile(subject),
        "after_verb": re.compile(
            rf"(?:{speech}|,\s*so)\s+(?:(?P<role>{after_verb_role})\s+)?{named}(?!\w)"
            + _AFTER_VERB_NAME_END.get(language, "")
        ),
        "apposition": re.compile(apposition),
        "role_name": re.compile(rf"(?<![\w-])(?P<role>{role_words}{role})\s+{named}(?!\w)"),
        "role": re.compile(rf"^{role}$" if language == "de" else rf"^(?:{role_words}{role})$"),
        "name_verb": re.compile(rf"{named}\s+(?:{speech})"),
        "speech": re.compile(speech),
        "speech_words": speech_words(language),
        "frames": [(gate, _frame_finder(frame)) for gate, frame in frames],
        # A full name anywhere; articles (der, den) are no particles here: "Angaben der Polizei".
        # The capital comes first and its left edge is checked after it, (?<![\w-].): the
        # regex engine then skips ahead to capitals instead of trying every position.
        "mention": re.compile(
            rf"{_CAPITAL}(?<![\w-].){_NAME_TOKEN_REST}"
            rf"(?:\s+(?:{_MENTION_PARTICLE}\s+)?{_NAME_TOKEN}){{1,3}}"
        ),
        "pronoun": re.compile(pronoun, re.I if language == "en" else 0),
        "reported": re.compile(_REPORTED[language]),
        "reported_words": _REPORTED_WORDS[language],
        "reported_alone": _REPORTED_ALONE[language],
        "reported_in_context": re.compile(_REPORTED_IN_CONTEXT[language]),
        "in_context_words": _IN_CONTEXT_WORDS[language],
        "vague": re.compile(_VAGUE[language], re.IGNORECASE),
        # The patterns whose every match starts with a capital (a title or a name).
        "capital_first": {"name_verb"} | ({"apposition"} if language == "en" else set()),
    }


def _frame_finder(frame: str):
    """The search of a frame; `match` for a frame that opens with "^", which search tried
    at every position of a sentence that does not start with it."""
    pattern = re.compile(frame)
    return pattern.match if frame.startswith("(?P<phrase2>^") else pattern.search


def _subject_patterns(language: str, speech: str, role: str) -> tuple[str, str, str]:
    """A subject named by a common noun (das Unternehmen, the minister, a spokesperson for
    X) before its speech verb, and right after it (teilte das Unternehmen mit, said the
    ministry). Group `organisation` or `role` holds the noun, `mods` the words before it,
    `of` whom a role speaks for, `np` the whole subject; the third pattern is the subject
    alone."""
    organisation = alternation(_ORGANISATION_NOUNS[language])
    if language == "de":
        det = r"(?:[Dd]er|[Dd]ie|[Dd]as|[Ee]in|[Ee]ine)\s+"
        mods = r"(?P<mods>(?:[a-zäöüß][\w-]*(?:e|en)\s+){0,2})"
        noun = (
            rf"(?:(?P<organisation>(?<![\w-])(?=[A-ZÄÖÜ])[\w-]*?(?i:{organisation}))"
            rf"|(?P<role>{role}))(?![\w-])"
        )
        of = (
            r"(?:\s+(?:des|der|von|vom|beim|bei|im)\s+(?P<of>(?:(?:der|dem|den)\s+)?"
            r"(?:[a-zäöüß]+(?:e|en|er|es)\s+)?[A-ZÄÖÜ][\w-]*(?:\s+[A-ZÄÖÜ][\w-]*){0,3}))?"
        )
        np = f"(?P<np>{det}{mods}{noun}{of})"
        before = rf"(?:^|[,;:(–—]\s*){np}\s+(?:{speech})"
        after = rf"(?P<verb>{speech}|,\s*so)\s+{np}"
        return before, after, np
    det = r"(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+"
    mods = rf"(?P<mods>(?:(?!(?:{_EN_NOT_SUBJECT}|{_EN_NOT_ROLE})\b)[\w-]+\s+){{0,2}}?)"
    noun = rf"(?:(?P<organisation>(?i:{organisation}))|(?P<role>{role}))(?![\w-])"
    proper = r"[A-Z][\w&'’-]*(?:\s+(?:(?:of|for|and|&|the)\s+)*[A-Z][\w&'’-]*){0,5}"
    of = (
        rf"(?:\s+(?:for|of|at|from)\s+(?P<of>(?:the\s+)?{proper}"
        rf"|the\s+(?:[\w-]+\s+)?(?i:{organisation})(?![\w-])))?"
    )
    np = f"(?P<np>{det}{mods}{noun}{of})"
    inverted = rf"\b{alternation(english_forms(ENGLISH_INVERTED_SPEECH_VERBS))}\b"
    clause_end = (
        r"(?=\s*(?:[,.;:!?)—–]|$)|\s+(?:on|in|at|late|earlier|yesterday|today|this|last)\b)"
    )
    before = rf"(?<![\w-]){np}\s+(?:{speech})(?:\s+that\b)?"
    after = rf"(?P<verb>{inverted})\s+{np}{clause_end}"
    return before, after, np


# In English a name after the speech verb ends its clause ("…, said Amy Shaw." or "said
# Amy Shaw on Monday"); a name with more words after it is the reported clause's subject
# ("Amy Shaw said Halden County council plans …"). German puts objects after the name
# ("sagte Brandt dem Sender"), so the rule is English only.
_AFTER_VERB_NAME_END = {
    "en": r"(?=\s*(?:[,.;:!?)(—–\"”’]|$)|\s+-\s|\s+(?:on|in|at|of|for|from|to|by|with|via|"
    r"about|late|earlier|yesterday|today|tonight|this|last|during|after|before|when|while|"
    r"as|and|who|told|added|adding|speaking|noting|citing|referring|according)\b)"
}
_EN_NOT_SUBJECT = (
    r"(?:as|while|when|after|before|because|if|is|are|was|were|be|has|have|had|will|would|can|"
    r"could|may|might|must|should|also|not|rose|fell|grew|that|which|who|it|they|he|she|we|to|"
    r"in|at|by|with|from|but|or|so|than|then|now)"
)
_EN_NOT_ROLE = (
    r"(?:in|at|on|to|from|for|with|by|during|after|before|near|outside|inside|into|over|under|"
    r"across|a|an|his|her|their|its|our|my|your|this|that|reporters|journalists|lawmakers|"
    r"me|him|them|us|it|there|here|then|now|today|yesterday|tonight|earlier|later|last|on)"
)
_PATTERNS = {language: _compile(language) for language in ("de", "en")}
_DATA_NOUNS = (
    "Zahlen", "Daten", "Statistiken", "Erhebungen", "Berechnungen", "Studie", "Umfrage",
    "Analyse", "Auswertung",
)  # fmt: skip
_PHRASE_HINT = {
    # Frames without a speech verb; those with one are looked for in every sentence that has one.
    # Each German alternative starts with a letter, so that the regex engine skips ahead:
    # "[Ll]aut |Angaben|(?:Zahlen|Daten|...) (?:des|der|vom|von) ".
    "de": re.compile(
        "|".join(
            ["Laut ", "laut ", "Angaben"] + [f"{noun} (?:des|der|vom|von) " for noun in _DATA_NOUNS]
        )
    ),
    "en": re.compile(r"ccording to|\w(?:ed|ied|out) by |(?:ures|ata|tics|bers|arch) by "),
}
# Substrings that every English hint needs (tested first: most sentences have neither).
_EN_HINT_NEEDS = ("ccording to", " by ")
# The groups of the frames that name who says so, in order.
_WHO_GROUPS = ("who", "who2", "who3", "who4", "who5", "who6", "who7", "who8", "who9")
_SUBJECT_FIRST = re.compile(
    r"(?:(?:Der|Die|Das|The)\s+)?(?P<subject>[A-ZÄÖÜ][\w-]*(?:\s+[A-ZÄÖÜ][\w-]*){0,3})\s+[a-zäöüß]"
)
_SUBJECT_AFTER_VERB = re.compile(
    r"[Nn]ach\s+eigenen\s+Angaben\s+[a-zäöüß]+\s+(?:(?:der|die|das)\s+)?"
    r"(?P<subject>[A-ZÄÖÜ][\w-]*(?:\s+[A-ZÄÖÜ][\w-]*){0,3})"
)
# Head nouns of German compounds that name an organisation (Verkehrsbetriebe, Stadtwerke).
_GERMAN_ACTOR_HEADS = tuple(
    words(
        "betrieb betriebe werk werke amt ämter ministerium verband verbände konzern "
        "unternehmen firma gesellschaft bank bahn klinik kliniken klinikum gemeinde "
        "verwaltung regierung gruppe kasse kassen verein kammer gewerkschaft partei "
        "polizei behörde institut universität hochschule stiftung agentur erei kanzlei"
    )
)
# The same heads closing the last word of a name (Elbtal Verkehrsbetriebe): a compound,
# so at least three letters before the head; heads that end surnames too (Steinkammer)
# are left out.
_COMPOUND_HEAD = re.compile(
    r"\w{3,}(?:" + "|".join(h for h in _GERMAN_ACTOR_HEADS if h not in ("kammer", "werk")) + ")$"
)
_LOOK_BACK = 25  # sentences searched for what a common noun points back to
# A run of capitalized words, with the small words inside names (Ministry of Transport,
# Bank für Gemeinwirtschaft); looked at only when the sentence holds an organisation's head.
_ORGANISATION_NAME = re.compile(
    r"[A-ZÄÖÜ][\w&'’-]*(?:\s+(?:(?:of|for|and|on|&|der|des|für|the)\s+)*[A-ZÄÖÜ][\w&'’-]*)+"
)
# Nouns of a source's words, never part of its name: "(nach) Angaben der Stadt" names
# the city, not a body called "Angaben der Stadt".
_SOURCE_NOUNS = words(
    "Angaben Angabe Berichten Bericht Informationen Auskunft Auskünften Mitteilung "
    "Schätzungen Schätzung Aussagen Aussage Darstellung Einschätzung"
)
_PREPOSITION_BEFORE = re.compile(r"(?<![\w-])(?:for|of|at|from|von|vom|des|bei|beim)\s+$")
_CAPITALIZED_WORD = re.compile(r"(?<![\w-])[A-ZÄÖÜ]\w{5,}")
# A pronoun right before a speech verb is its subject: "Er kritisierte das Ministerium".
_PRONOUN_BEFORE = {
    "de": re.compile(r"(?<![\w-])(?:[Ee]r|[Ss]ie|[Ee]s|[Ww]ir|[Ii]ch|[Mm]an|[Ii]hr)\s+$"),
    "en": re.compile(r"(?<![\w-])(?:[Hh]e|[Ss]he|[Ii]t|[Ww]e|I|[Tt]hey|[Yy]ou)\s+$"),
}
_GERMAN_ORGANISATION_SUFFIX = re.compile(
    "(?:" + alternation(form[::-1] for form in _ORGANISATION_NOUNS["de"]) + ")"
)
# Kind nouns of public bodies, as the last part of a name's word: no business.
_PUBLIC_BODY = re.compile(
    "(?:"
    + "|".join(
        sorted(
            {
                base
                for language in ("de", "en")
                for base, business in _ORGANISATION_NOUNS[language].values()
                if not business
            },
            key=len,
            reverse=True,
        )
    )
    + r")\b"
)


def _names_organisation(words: set[str]) -> bool:
    """Whether some word is an organisation's head (Holding) or a compound ending in one
    (Energiewerke): what every organisation's name holds (see _is_organisation)."""
    return not words.isdisjoint(_ORGANISATION_HEADS) or any(map(_compound_head.__getitem__, words))


@WordCache  # words repeat
def _compound_head(word: str) -> bool:
    return _COMPOUND_HEAD.match(word.lower()) is not None


@WordCache  # words repeat
def _german_kind_noun_or_role(word: str) -> bool:
    lowered = word.lower()
    return _ends_in_role(word) or _GERMAN_ORGANISATION_SUFFIX.match(lowered[::-1]) is not None


@lru_cache(maxsize=1_000)
def _is_public_body(name: str) -> bool:
    return _PUBLIC_BODY.search(name.lower()) is not None


@lru_cache(maxsize=10_000)
def _german_public_body(word: str) -> str | None:
    """A German compound naming a public body (Finanzministeriums -> Finanzministerium)."""
    lowered = word.lower()
    suffix = _GERMAN_ORGANISATION_SUFFIX.match(lowered[::-1])
    if suffix is None or suffix.end() + 3 > len(lowered):
        return None
    base, business = _ORGANISATION_NOUNS["de"][suffix[0][::-1]]
    return None if business else word[: len(word) - suffix.end()] + base


@lru_cache(maxsize=1_000)
def _role_key(language: str, role: str) -> str:
    """A role as compared with another: lower case, without what it is of (Sprecher des
    Labors), the last word in German (compounds), spokes(wo)man as spokesperson."""
    role = _ROLE_COMPLEMENT.split(role.lower(), maxsplit=1)[0].strip()
    if language == "de":
        return role.split()[-1] if role else role
    return _SPOKES.sub("spokesperson", role)


_ROLE_COMPLEMENT = re.compile(r"\s+(?:des|der|von|vom|im|bei|beim|für|of|at|for|in|from)\s+")
_SPOKES = re.compile(r"\bspokes(?:man|woman|person)\b")
_FULL_NAME = re.compile(_NAME)
_LEADING_TITLE = re.compile(f"^{_TITLE}")
# Possessive: a word that is not followed by a capital is given up at once, not shortened.
# A word before a capitalized one: (?<![\w-])[\w-]++(?=\s+[A-ZÄÖÜ]), with its first
# character first and its left edge checked after it, so that the regex engine skips
# ahead to word characters instead of trying the lookbehind at every position.
_WORD_BEFORE_CAPITAL = re.compile(r"[\w-](?<![\w-].)[\w-]*+(?=\s+[A-ZÄÖÜ])")
_WORDS_BEFORE_ROLE = re.compile(r"(?:[\w-]+\s+){1,2}$")  # English roles take up to two
# German role nouns as suffixes, matched on the reversed word: Verkehrs|dezernentin.
_GERMAN_ROLE_SUFFIX = re.compile(
    "(?i:" + alternation(role[::-1] for role in _ROLE_FORMS["de"]) + ")"
)


@lru_cache(maxsize=10_000)  # names come again and again
def _is_organisation(name: str) -> bool:
    """A name with an organisation's head noun in it, or (German) ending in a compound
    with one (Elbtal Verkehrsbetriebe, Nordbank)."""
    tokens = name.split()
    if not _ORGANISATION_HEADS.isdisjoint(tokens):
        return True
    return len(tokens) > 1 and _compound_head(tokens[-1])


@lru_cache(maxsize=100_000)  # names come again and again
def _person_name(
    language: str, name: str, role: str | None
) -> tuple[str, tuple[str, ...], str | None] | None:
    """A person's name as written (titles off, role words glued before it moved to the
    role): (name, its words, role), or None if it cannot be a person's name."""
    name = name.strip()
    name = name[_LEADING_TITLE.match(name).end() :]  # the titles (always matches)
    tokens = name.split()
    if tokens and tokens[0] not in _NOT_NAMES:
        # Role words glued before a name (Geschäftsführer Markus Lindner) go to the role.
        while len(tokens) > 1 and _is_role(language, tokens[0]):
            role = f"{role} {tokens[0]}" if role else tokens[0]
            tokens = tokens[1:]
        name = " ".join(tokens)
    if (
        not tokens
        or tokens[0] in _NOT_NAMES
        or any(t in _NEVER_IN_NAME or t.endswith(_CONTRACTIONS) for t in tokens)
        or not _FULL_NAME.fullmatch(name)
        or any(token.endswith(_NOUN_ENDINGS) for token in tokens)
        or _is_organisation(name)
    ):
        return None
    role = _ROLE_NOISE.sub("", role.strip()) or None if role else None
    return name, tuple(tokens), role


# Word tests, cached: the same words come again and again.
@WordCache
def _ends_in_role(word: str) -> bool:
    """A German word ending in a role noun (Verkehrs|dezernentin)."""
    return _GERMAN_ROLE_SUFFIX.match(word[::-1]) is not None


@WordCache
def _is_english_role(word: str) -> bool:
    return word.lower() in _ROLE_FORMS["en"]


_ENGLISH_ROLE_IGNORING_CASE = re.compile(f"(?i:{alternation(_ROLE_FORMS['en'])})")


@WordCache
def _is_english_role_ignoring_case(word: str) -> bool:
    """A role as the patterns find it, ignoring case (as re.IGNORECASE does)."""
    return _ENGLISH_ROLE_IGNORING_CASE.fullmatch(word) is not None


@lru_cache(maxsize=100_000)
def _is_role(language: str, text: str) -> bool:
    """Whether `text` is a role as a whole (Sprecherin, chief executive)."""
    return _PATTERNS[language]["role"].match(text) is not None


_ZUFOLGE = re.compile(r"(?<=\s)zufolge\b")
_WORDS_BEFORE = re.compile(r"(?<![\w-])(?P<who>(?:[\w-]+\s+){0,3}[\w-]+)\s+$")
_OWN_STATEMENT = re.compile(r"\s*\b(?:nach\s+)?eigenen\s+Angaben\b\s*", re.I)


_CAPITAL_CHARACTER = re.compile(_CAPITAL)


def _at_capitals(pattern: re.Pattern, text: str, start: int = 0) -> Iterator[re.Match]:
    """`pattern.finditer(text, start)` for a pattern whose every match starts with a
    capital: tried at the capitals only. A pattern that opens with optional titles
    keeps the regex engine from skipping ahead to them, and it tried every position."""
    while (capital := _CAPITAL_CHARACTER.search(text, start)) is not None:
        match = pattern.match(text, capital.start())
        if match is None:
            start = capital.start() + 1
        else:
            yield match
            start = match.end()  # a match is never empty: it holds a name


def _at_positions(pattern: re.Pattern, text: str, positions: list[int]) -> Iterator[re.Match]:
    """`pattern.finditer(text)` for a pattern whose every match starts at one of the
    ascending `positions`: tried there only."""
    reached = 0
    for position in positions:
        if position >= reached and (match := pattern.match(text, position)) is not None:
            yield match
            reached = match.end()


def _occurrences(text: str, strings) -> list[int]:
    """Where each of `strings` occurs in `text`, in text order."""
    found = []
    for string in strings:
        at = text.find(string)
        while at >= 0:
            found.append(at)
            at = text.find(string, at + 1)
    return sorted(found)


def _zufolge(sentence: str) -> tuple[str | None, str]:
    """ "X zufolge": up to four words before it, looked for near it only (fast)."""
    if "zufolge" not in sentence:
        return None, ""  # a substring test is much faster than the search (rare word)
    trigger = _ZUFOLGE.search(sentence)
    if not trigger:
        return None, ""
    words = _WORDS_BEFORE.search(sentence, max(0, trigger.start() - 120), trigger.start())
    if not words:
        return None, ""
    return sentence[words.start() : trigger.end()], words["who"]


# German nouns that look like names when capitalized: Schätzungen, Gesellschaft ...
_NOUN_ENDINGS = (
    "ung", "ungen", "heit", "heiten", "keit", "keiten", "schaft", "schaften", "tion", "tionen",
    "ität", "ismus", "niss", "nisse",  # nisse?: niss or nisse
)  # fmt: skip
_LEADING_FUNCTION_WORDS = re.compile(
    r"^(?:(?:die|der|das|den|dem|des|dessen|deren|und|oder|aber|wie|als|so|the|and|but)\s+)+"
)
_CLAIMANT_NOISE = re.compile(
    r"^(?:(?:laut|according|to|nach|angaben|die|der|das|den|dem|des|the|a|an|wie)\s+)+", re.I
)
_ROLE_NOISE = re.compile(r"^(?:(?:said|says|told|according|to|the|a|an|by|and|but|of)\s+)+", re.I)
# A verb or personal pronoun makes a quoted string a clause: auxiliaries and modals,
# speech verbs in all forms, and (German) finite forms in -t/-te/-ten, (English) -ed/-ing.
_NOT_FINITE = "nicht|jetzt|erst|fast|längst|sonst|selbst|meist|recht|bereits|seit|mit|gut|heut"
_QUOTE_VERB = {
    "de": re.compile(
        r"\b(?:ist|sind|war|waren|hat|haben|hatte|hatten|wird|werden|wurde|wurden|kann|können|"
        r"konnte|muss|müssen|musste|soll|sollen|will|wollen|darf|dürfen|gibt|gab|geht|ging|kommt|"
        r"kam|bleibt|sei|seien|habe|werde|ich|wir|du|er|es|man|uns|"
        rf"(?!(?:{_NOT_FINITE})\b)[a-zäöüß]{{2,}}(?:t|te|ten))\b"
        rf"|{speech_pattern('de')}"
    ),
    "en": re.compile(
        r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|must|should|shall|may|"
        r"might|do|does|did|i|we|you|they|he|she|us|me|our|my|i'm|we're|it's|don't|won't|can't|"
        r"[a-z]{3,}(?:ed|ing))\b"
        rf"|{speech_pattern('en')}",
        re.I,
    ),
}


def is_speech_quote(quote: str, attribution: Attribution | None, language: str) -> bool:
    """Whether a quoted string is somebody's speech rather than a title or scare quote.

    It is when it is a full clause (at least four words, one of them a verb or a
    personal pronoun), or when a speech verb attaches it to a named speaker.
    Titles, names of papers or events and scare quotes of one to three words are not.
    """
    inner = quote.strip(_QUOTE_MARKS)
    tokens = inner.split()
    if len(tokens) >= 4 and _QUOTE_VERB[language].search(inner):
        return True
    return bool(tokens and attribution and attribution.speaker and attribution.speech)


class Attributor:
    """Reads one article's sentences in order and tells who says what."""

    def __init__(self, language: str):
        self.patterns = _PATTERNS[language]
        self.language = language
        self.german = language == "de"
        self.people: dict[str, Speaker] = {}  # surname -> fullest mention so far
        self.first_names: dict[str, Speaker] = {}  # first name -> the person introduced
        self.seen: set[str] = set()  # mentions registered already
        self.paragraph = -1
        self.sentence: str | None = None
        self.last_person: Speaker | None = None
        self.last_speaker: Speaker | None = None  # of indirect speech going on
        self.was_reported = False  # whether the sentence before was reported speech
        self.reported_now = False  # whether this sentence is, so far
        self.carry: Speaker | None = (
            None  # the speaker of the paragraph before, if it ended reported
        )
        self.last_claimant: str | None = None  # the organisation or person who spoke last
        # What "das Unternehmen" or "the minister" points back to is looked for only when
        # such a noun speaks (rarely): in the sentences read so far, the latest first, and
        # in who spoke or was named with a role in each (by the sentence's index).
        self.history: list[str] = []
        self.claimants: list[tuple[int, str]] = []
        self.with_role: list[tuple[int, Speaker]] = []
        self._scanned: dict[tuple[str, int], list] = {}

    def attribute(self, part: str, sentence: str, paragraph: int) -> Attribution:
        """Attribution of one claim; `part` and its `sentence` have their quotes blanked."""
        new_paragraph = paragraph != self.paragraph
        if new_paragraph:
            # Indirect speech may go on in the next paragraph, in its first sentence.
            self.carry = self.last_speaker if self.reported_now else None
            self.paragraph, self.last_person, self.last_speaker = paragraph, None, None
        if sentence != self.sentence:
            if not new_paragraph:
                self.carry = None
            self.sentence = sentence
            self.history.append(sentence)
            self.was_reported, self.reported_now = self.reported_now, False
            self._register_mentions(sentence)
        p = self.patterns
        # The patterns below need words of their own: the part's words tell which can match.
        words = _words(part)
        speech = self._speech(part, words) or (
            self.language == "de" and "so" in words and bool(_SO_NAME.search(part))
        )
        reported = self._reported(part, words)
        masked = part
        if reported and self.language == "de":  # only then can a purpose clause matter
            masked = _without_purpose_clauses(part)
            if masked is not part:
                reported = bool(p["reported"].search(masked))
        phrase, speaker, claimant = self._phrase(part, speech)
        speaker = self._named_speaker(part, speech, reported, words) or speaker
        if speaker is None and phrase is None and part != sentence:
            in_sentence = _words(sentence)
            speaker = self._named_speaker(
                sentence,
                self._speech(sentence, in_sentence),
                self._reported(sentence, in_sentence),
                in_sentence,
            )
        claimant_role = None
        if speaker is None and phrase is None and (speech or (", so " in part and self.german)):
            # A subject named by a common noun: das Unternehmen, the minister, a spokesperson.
            subject = self._common_subject(part, words)
            if subject is None and part != sentence:
                subject = self._common_subject(sentence, _words(sentence))
            if subject is not None:
                speaker, claimant, claimant_role, phrase = subject
                speech = True
                if speaker is not None:
                    phrase = None  # a person: the speaker says it all
        if speaker is None and phrase is None and speech and self._pronoun(part, words):
            speaker = self.last_person
        if (
            not reported
            and (self.was_reported or speech or phrase)
            and not words.isdisjoint(p["in_context_words"])  # masking only removes words
        ):
            if self.language == "de" and masked is part:
                masked = _without_purpose_clauses(part)
            reported = bool(p["reported_in_context"].search(masked))
        if speaker is None and reported and phrase is None:
            # Indirect speech going on from before; across a paragraph only without a new verb.
            speaker = self.last_speaker or (None if speech else self.carry)
        reported = reported or (speaker is not None and speech) or (phrase is not None and speech)
        vague = bool(phrase and p["vague"].search(phrase)) or (
            speaker is None
            and reported
            # The words first (the pattern tries every word boundary of the part).
            and any(map(_VAGUE_FIRST_WORD[self.language].__getitem__, words))
            and bool(p["vague"].search(part))
        )
        if speaker:
            claimant = speaker.name
            self.last_person = speaker
        if phrase and claimant is None and _OWN_STATEMENT.search(phrase):
            # "nach eigenen Angaben": the organisation the sentence is about, else who spoke before
            claimant = self._actor_subject(part) or self.last_claimant
            vague = vague or claimant is None
        self.reported_now = self.reported_now or reported
        if claimant:
            self.last_claimant = claimant
            if speaker is None:
                self.claimants.append((len(self.history) - 1, claimant))
        elif phrase and speaker is None:
            vague = True  # "hieß es", "nach Angaben": nobody is named
        if speaker is not None and reported:
            self.last_speaker = speaker
        elif speaker is None and phrase is not None:
            self.last_speaker = None  # someone else speaks now
        return Attribution(
            speaker=speaker,
            phrase=phrase,
            vague=vague,
            reported=reported,
            claimant=claimant,
            speech=speech,
            claimant_role=claimant_role,
        )

    def _speech(self, text: str, words: set[str]) -> bool:
        """Whether `text`, with these `words`, holds a speech verb: `speech.search(text)`.
        Each form is a whole word; only separable verbs need the pattern (their particle)."""
        alone, separable = self.patterns["speech_words"]
        if not words.isdisjoint(alone):
            return True
        return not words.isdisjoint(separable) and bool(self.patterns["speech"].search(text))

    def _reported(self, text: str, words: set[str]) -> bool:
        """`reported.search(text)`, looked for only when `words` hold one it needs."""
        p = self.patterns
        if not words.isdisjoint(p["reported_alone"]):
            return True  # a word the pattern matches on its own (habe, sei, laut): no search
        return not words.isdisjoint(p["reported_words"]) and bool(p["reported"].search(text))

    def _phrase_hint(self, sentence: str) -> bool:
        if self.language == "en" and not any(s in sentence for s in _EN_HINT_NEEDS):
            return False
        return bool(_PHRASE_HINT[self.language].search(sentence))

    def _pronoun(self, part: str, words: set[str]) -> bool:
        """A pronoun or a back-reference to a role speaks (`pronoun.search(part)`). In
        English (case-insensitive) each alternative needs a word of its own, tested first:
        he or she, or the and a role."""
        if self.language == "en":
            folded = {word.casefold() for word in words}  # as the pattern ignores case
            if folded.isdisjoint(("he", "she")) and not (
                "the" in folded and any(map(_is_english_role_ignoring_case.__getitem__, words))
            ):
                return False
        return bool(self.patterns["pronoun"].search(part))

    def _role_before_name(self, sentence: str, words: set[str]) -> int | None:
        """A quick test for a role word before a capitalized word (before the full pattern):
        None if there is none, else where role_name can first match. `words` are the
        sentence's words: a role is one of them (or ends one, in German)."""
        german = self.language == "de"
        is_role = _ends_in_role if german else _is_english_role
        if not any(map(is_role.__getitem__, words)):
            return None
        before_capital = list(_WORD_BEFORE_CAPITAL.finditer(sentence))
        if not any(is_role(word[0]) for word in before_capital):
            return None
        # A match starts at the first word before a name that is a role as the pattern sees
        # it (ignoring case), in English up to two words earlier ("chief executive X").
        if german:
            return next(word.start() for word in before_capital if is_role(word[0]))
        role = next(w.start() for w in before_capital if _is_english_role_ignoring_case(w[0]))
        earlier = _WORDS_BEFORE_ROLE.search(sentence, 0, role)
        return earlier.start() if earlier else role

    def _register_mentions(self, sentence: str) -> None:
        """Every full name in the text, spoken or not, for completing later surnames."""
        for match in self.patterns["mention"].finditer(sentence):
            if match[0] in self.seen:
                continue
            self.seen.add(match[0])
            tokens = match[0].split()
            while tokens and (tokens[0] in _NOT_NAMES or tokens[0] in _NEVER_IN_NAME):
                tokens = tokens[1:]
            # A role inside the run ends what came before it: "Angaben von Dezernentin
            # Olander" mentions Olander, not a person named "Angaben von ...".
            roles = [i for i, t in enumerate(tokens[:-1]) if _is_role(self.language, t)]
            if roles and roles[-1] > 0:
                tokens = tokens[roles[-1] :]
            if len(tokens) > 1:
                self._person(" ".join(tokens), None)  # a role glued before it is split off

    def _named_speaker(
        self, sentence: str, speech: bool, reported: bool, words: set[str]
    ) -> Speaker | None:
        # Cheapest tests first: most sentences name nobody.
        p = self.patterns
        candidates = []
        if sentence.count(",") >= 2:
            candidates.append(("apposition", False, 0))
        if speech or ", so " in sentence:
            candidates.append(("after_verb", False, 0))
        if speech or reported:
            role_at = self._role_before_name(sentence, words)
            if role_at is not None:
                candidates.append(("role_name", False, role_at))  # no match starts before
        if speech:
            candidates.append(("name_verb", True, 0))
        for name, unnamed_role, start in candidates:
            pattern = p[name]
            if name in p["capital_first"]:
                matches = _at_capitals(pattern, sentence, start)
            elif name == "after_verb":
                matches = _at_positions(pattern, sentence, self._after_verb_starts(sentence, words))
            else:
                matches = pattern.finditer(sentence, start)
            for match in matches:
                at = match.start()
                if unnamed_role and _PREPOSITION_BEFORE.search(sentence, max(0, at - 12), at):
                    continue  # "a spokeswoman for Pellham Water said": whom she speaks for
                role = None if unnamed_role else match["role"]
                single = unnamed_role and len(match["name"].split()) == 1
                speaker = self._person(match["name"], role, known_only=single)
                if speaker:
                    return speaker
        return None

    def _after_verb_starts(self, sentence: str, words: set[str]) -> list[int]:
        """Where a match of after_verb may start: at a speech verb (a whole word, so one of
        the sentence's `words`) or at a comma before "so". Tried there only: the pattern
        tried every word boundary of the sentence."""
        alone, separable = self.patterns["speech_words"]
        verbs = (words & alone) | (words & separable)
        return _occurrences(sentence, [*verbs, ","] if "so" in words else verbs)

    def _phrase(self, sentence: str, speech: bool) -> tuple[str | None, Speaker | None, str | None]:
        """The attribution phrase, a speaker named in it, and the claimant it names."""
        phrase, who = _zufolge(sentence) if self.language == "de" else (None, "")
        own = False
        if phrase is not None:
            phrase = _LEADING_FUNCTION_WORDS.sub("", phrase.strip())
        else:
            if not speech and not self._phrase_hint(sentence):
                return None, None, None
            match = None
            for gate, find in self.patterns["frames"]:
                if gate in sentence if isinstance(gate, str) else gate.search(sentence):
                    found = find(sentence, 0, match.start() if match else len(sentence))
                    if found and (match is None or found.start() < match.start()):
                        match = found
            if not match:
                return None, None, None
            groups = match.groupdict()
            phrase = next(filter(None, map(groups.get, ("phrase", "phrase2"))))
            who = next(filter(None, map(groups.get, _WHO_GROUPS)), "")
            own = bool(groups.get("own"))
            subject = groups.get("phrase2") is not None
            if subject and not self._subject_frame(who):
                return None, None, None
            if groups.get("who9") and not _is_organisation(who):
                return None, None, None
        speaker = None
        who = _OWN_STATEMENT.sub(" ", who).strip() if who else ""
        for found in self.patterns["role_name"].finditer(who):
            speaker = self._person(found["name"], found["role"])
        if speaker is None and who:
            speaker = self._person(who, None, known_only=True)
        claimant = None
        if speaker is None and who and not own:
            claimant = self._claimant(who)
        return phrase.strip(), speaker, claimant

    def _actor_subject(self, sentence: str) -> str | None:
        """The subject of a sentence when it names an organisation (Die Stadtwerke rechnen
        ..., Nach eigenen Angaben verkaufte die Brauerei ...)."""
        found = _SUBJECT_AFTER_VERB.match(sentence) or _SUBJECT_FIRST.match(sentence)
        if not found:
            return None
        subject = found["subject"]
        if subject.split()[0] in _NOT_NAMES or not self._actor(subject):
            return None
        return subject

    def _actor(self, name: str) -> bool:
        """An organisation's name, or a German compound with an organisation's head noun."""
        if _is_organisation(name):
            return True
        last = name.split()[-1].lower()
        return self.language == "de" and last.endswith(_GERMAN_ACTOR_HEADS)

    def _subject_frame(self, who: str) -> bool:
        """A sentence-initial subject before a speech verb is a frame unless it is a
        pronoun, a back-reference to a role (the minister) or a person's name."""
        tokens = who.split()
        if tokens[0].lower() in _PRONOUN_SUBJECTS:
            return False
        rest = _CLAIMANT_NOISE.sub("", who)
        if not rest or _is_role(self.language, rest):
            return False
        if any(self.patterns["role_name"].finditer(who)):
            return False  # Council leader X said: a person, found as the speaker
        if self.patterns["subject"].fullmatch(who):
            return False  # the company, a spokesperson for X: a common noun, read apart
        # "The Westford Echo": a name after an article is a paper or an organisation.
        return _is_organisation(rest) or rest != who or not _FULL_NAME.fullmatch(rest)

    def _claimant(self, who: str) -> str | None:
        who = _CLAIMANT_NOISE.sub("", who.strip()).strip(" ,;:")
        tokens = who.split()
        if not tokens or tokens[0] in _NEVER_IN_NAME or tokens[0].lower() in _PRONOUN_SUBJECTS:
            return None
        if len(tokens) == 1:
            kind = self._organisation_noun(tokens[0])
            if kind is not None:
                return self._organisation(*kind)  # "der Verband": the one named before
        return who  # a group (the opposition) or a name

    def _organisation_noun(self, word: str) -> tuple[str, bool, bool] | None:
        """A noun naming a kind of organisation (Konzerns, Finanzministerium, company):
        (the noun in the nominative, whether a business, whether a compound), else None."""
        lowered = word.lower()
        kinds = _ORGANISATION_NOUNS[self.language]
        found = kinds.get(lowered)
        if found is not None:
            return found[0], found[1], False
        if self.german and word[:1].isupper():
            suffix = _GERMAN_ORGANISATION_SUFFIX.match(lowered[::-1])
            if suffix is not None and suffix.end() < len(lowered):
                base, business = kinds[suffix[0][::-1]]
                return word[: len(word) - suffix.end()] + base, business, True
        return None

    def _organisation(self, noun: str, business: bool, compound: bool) -> str | None:
        """The organisation a kind noun points back to: the latest named whose name holds
        it (das Ministerium -> Finanzministerium; a compound must be held whole), else for
        a business the latest business. A bare noun that points nowhere gives None, a
        compound names the body itself (Versorgungsunternehmen)."""
        stem = noun.lower()
        latest_business = None
        for name in self._organisations():
            if any(token.endswith(stem) for token in name.lower().split()):
                return name
            if latest_business is None and not _is_public_body(name):
                latest_business = name
        if business and not compound and latest_business is not None:
            return latest_business
        return noun if compound else None

    def _looking_back(self, kind: str, scan, spoken: list):
        """What `scan` finds in each sentence read so far and what `spoken` holds for it,
        the latest first, back to _LOOK_BACK sentences (each sentence scanned once)."""
        last = len(self.history) - 1
        at = len(spoken) - 1
        for index in range(last, max(-1, last - _LOOK_BACK), -1):
            while at >= 0 and spoken[at][0] > index:
                at -= 1
            while at >= 0 and spoken[at][0] == index:
                yield spoken[at][1]
                at -= 1
            key = (kind, index)
            found = self._scanned.get(key)
            if found is None:
                found = self._scanned[key] = scan(self.history[index])
            yield from reversed(found)

    def _organisations(self):
        """Organisations named or speaking so far, the latest first."""
        return self._looking_back("organisation", self._organisations_in, self.claimants)

    def _organisations_in(self, sentence: str) -> list[str]:
        """The organisations a sentence names, in text order: names of several words with
        an organisation's head (Harlow Foods, Ministry of Transport) and German public
        bodies of one word (Finanzministerium)."""
        found = []
        if _names_organisation(_words(sentence)):
            for match in _ORGANISATION_NAME.finditer(sentence):
                tokens = match[0].split()
                while tokens and (
                    tokens[0] in _NOT_NAMES
                    or tokens[0] in _SOURCE_NOUNS
                    or not tokens[0][0].isupper()
                ):
                    tokens = tokens[1:]
                name = " ".join(tokens)
                if len(tokens) > 1 and _is_organisation(name):
                    found.append((match.start(), name))
        if self.german:
            for match in _CAPITALIZED_WORD.finditer(sentence):
                body = _german_public_body(match[0])
                if body is not None:
                    found.append((match.start(), body))
            found.sort()
        return [name for _, name in found]

    def _person_with_role(self, role: str) -> Speaker | None:
        """The latest person named with this role (die Ministerin -> Gesundheitsministerin
        Hanna Keller; the minister -> transport minister Olivia Barnet)."""
        key = _role_key(self.language, role)
        for person in self._looking_back("role", self._roles_in, self.with_role):
            known = _role_key(self.language, person.role)
            if self.german:
                if known.endswith(key) or key.endswith(known):
                    return person
            elif known == key or known.endswith(" " + key) or key.endswith(" " + known):
                return person
        return None

    def _roles_in(self, sentence: str) -> list[Speaker]:
        """People named with a role in lower case (transport minister Olivia Barnet), which
        no mention holds (those with a role in capitals are registered as mentions)."""
        words = _words(sentence)
        if self.german or words.isdisjoint(_ROLE_FORMS["en"]):
            return []
        role_at = self._role_before_name(sentence, words)
        if role_at is None:
            return []
        found = []
        for match in self.patterns["role_name"].finditer(sentence, role_at):
            checked = _person_name(self.language, match["name"], match["role"])
            if checked is not None and checked[2]:
                found.append(Speaker(checked[0], checked[2]))
        return found

    def _common_subject(
        self, text: str, words: set[str]
    ) -> tuple[Speaker | None, str | None, str | None, str] | None:
        """Who speaks when a common noun names them: (speaker, claimant, claimant's role,
        phrase), or None when no such subject stands by a speech verb; `words` are the
        text's."""
        if not self._kind_noun_or_role(words):
            return None  # every such subject has one (a cheap test before the patterns)
        p = self.patterns
        found = p["subject_before"].search(text)
        if found is None:
            starts = (
                self._after_verb_starts(text, words)  # the same opening
                if self.german
                else _occurrences(text, words & p["inverted_words"])
            )
            for match in _at_positions(p["subject_after"], text, starts):
                if not _PRONOUN_BEFORE[self.language].search(text, 0, match.start()):
                    found = match
                    break
        if found is None:
            return None
        phrase = found[0].strip(" ,;:(–—")
        mods = found["mods"].strip()
        if found["role"] is not None:
            role = f"{mods} {found['role']}" if mods and not self.german else found["role"]
            if found["of"]:
                return None, self._speaks_for(found["of"]), role, phrase
            return self._person_with_role(role), None, None, phrase
        noun = found["organisation"]
        kind = self._organisation_noun(noun)
        if kind is None:
            return None, None, None, phrase
        claimant = self._organisation(*kind)
        if claimant is None and mods and not self.german:
            claimant = f"{mods} {noun}"  # "the harbour authority": a description names it
        return None, claimant, None, phrase

    def _kind_noun_or_role(self, words: set[str]) -> bool:
        """Whether some word is a kind noun of organisations or a role (German: or ends
        in one), as the subject patterns see them (ignoring case)."""
        if self.german:
            return any(map(_german_kind_noun_or_role.__getitem__, words))
        lowered = {word.lower() for word in words}
        if not lowered.isdisjoint(_ORGANISATION_NOUNS["en"]):
            return True
        return any(map(_is_english_role_ignoring_case.__getitem__, words))

    def _speaks_for(self, who: str) -> str | None:
        """The organisation a spokesperson speaks for: a name as written, or the one a kind
        noun points back to (ein Sprecher des Konzerns)."""
        who = _CLAIMANT_NOISE.sub("", who.strip()).strip(" ,;:")
        tokens = who.split()
        if len(tokens) == 1:
            kind = self._organisation_noun(tokens[0])
            if kind is not None:
                return self._organisation(*kind)
        return who or None

    def _person(self, name: str, role: str | None, known_only: bool = False) -> Speaker | None:
        """A person's speaker; `known_only` accepts only people named before."""
        checked = _person_name(self.language, name, role)
        if checked is None:
            return None
        name, tokens, role = checked
        known = self.people.get(tokens[-1])
        if len(tokens) == 1 and known is None:
            known = self.first_names.get(tokens[0])  # a first name alone, introduced before
        if known_only and not (known and (len(tokens) == 1 or known.name == name)):
            return None
        if len(tokens) == 1 and known:
            return Speaker(known.name, role or known.role)
        speaker = Speaker(name, role or (known.role if known else None))
        if len(tokens) > 1 and (known is None or role or known.role is None):
            self.people[tokens[-1]] = speaker
            self.first_names.setdefault(tokens[0], speaker)
            if speaker.role and speaker != known:
                self.with_role.append((len(self.history) - 1, speaker))
        return speaker
