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
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import (
    alphanumeric_runs,
    alternation,
    english_role_forms,
    german_role_forms,
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
# Head nouns that make a name an organisation's (Northwind Rail, Westcoast University).
_ORGANISATION_HEADS = words(
    "Rail Railway Railways Bank Group University College School Hospital Council Office "
    "Ministry Department Agency Authority Institute Association Union Company Corporation "
    "Corp Inc Ltd Plc LLC GmbH AG SE KG eV Party Police Court Commission Committee Board "
    "Trust Foundation Service Services Network Airlines Airways Motors Energy Systems "
    "Partners Bund Verband Amt Ministerium Institut Gewerkschaft Partei Stiftung Verein "
    "Kammer Klinik Klinikum Universität Hochschule Stadtwerke Werke Gericht Polizei "
    "Kommission Behörde Agentur Bundesamt Landesamt Konzern Holding Bahn"
)
_PRONOUN_SUBJECTS = words(
    "he she it we they i you this that these those there er sie es wir ich ihr man"
)
_QUOTE_MARKS = "„“”»«‚‘’\"' "

_ROLE_FORMS = {"de": german_role_forms(), "en": english_role_forms()}
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
# Konjunktiv I in a purpose or dependent clause (um ... zu, dafür zu sorgen, dass ... werde,
# damit ... werde) is not somebody's reported speech: such clauses are masked first.
_PURPOSE_CLAUSE = {
    "de": re.compile(
        r"\b(?:um|ohne|statt|anstatt)\b[^,;.]*?\bzu\b[^,;.]*"
        r"|\bzu\s+[a-zäöüß]+(?:en|ern|eln)\s*,\s*(?:dass|daß)\b[^,;.]*"
        r"|\b(?:damit|sodass)\b[^,;.]*"
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
    if "zu" in part or "damit" in part or "sodass" in part:  # every clause needs one
        return _PURPOSE_CLAUSE["de"].sub(" ", part)
    return part


_VAGUE = {
    "de": r"\b(?:Schätzungen|Berichten|Medienberichten|Kreisen|Insidern|Beobachtern|"
    r"Experten|Analysten|Branchenkennern|Beobachter|Experten)\b",
    "en": r"\b(?:estimates?|analysts|experts|observers|sources|insiders|reportedly|critics|"
    r"people familiar)\b",
}
_PRONOUN_SPEECH = {
    "de": r"\b(?:(?:{speech})\s+(?:er|sie)\b|(?:Er|Sie)\s+(?:{speech})\b"
    r"|(?:[Dd]er|[Dd]ie)\s+(?:{role})\s+(?:{speech})\b)",
    "en": r"\b(?:(?:{speech})\s+(?:he|she)\b|(?:He|She|he|she)\s+(?:{speech})\b"
    r"|(?:{speech})\s+the\s+(?:{role})\b|[Tt]he\s+(?:{role})\s+(?:{speech})\b)",
}


@dataclass(frozen=True)
class Attribution:
    speaker: Speaker | None = None
    phrase: str | None = None  # the attributing words, e.g. "Amazon eigenen Angaben zufolge"
    vague: bool = False
    reported: bool = False  # indirect speech
    # Who makes the claim, without the frame: a person's name or an organisation
    # ("Westcoast University" for "Laut Westcoast University"); None when unknown.
    claimant: str | None = None
    speech: bool = False  # a speech verb or "so X" attaches the words to a speaker


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
    return {
        "after_verb": re.compile(
            rf"(?:{speech}|,\s*so)\s+(?:(?P<role>{after_verb_role})\s+)?{named}(?!\w)"
        ),
        "apposition": re.compile(apposition),
        "role_name": re.compile(rf"(?<![\w-])(?P<role>{role_words}{role})\s+{named}(?!\w)"),
        "role": re.compile(rf"^{role}$" if language == "de" else rf"^(?:{role_words}{role})$"),
        "name_verb": re.compile(rf"{named}\s+(?:{speech})"),
        "speech": re.compile(speech),
        "speech_words": speech_words(language),
        "frames": [(gate, re.compile(frame)) for gate, frame in frames],
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
        "reported_in_context": re.compile(_REPORTED_IN_CONTEXT[language]),
        "in_context_words": _IN_CONTEXT_WORDS[language],
        "vague": re.compile(_VAGUE[language], re.IGNORECASE),
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
_WHO_GROUPS = ("who", "who2", "who3", "who4", "who5", "who6", "who7", "who8")
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
_FULL_NAME = re.compile(_NAME)
_LEADING_TITLE = re.compile(f"^{_TITLE}")
# Possessive: a word that is not followed by a capital is given up at once, not shortened.
_WORD_BEFORE_CAPITAL = re.compile(r"(?<![\w-])[\w-]++(?=\s+[A-ZÄÖÜ])")
_WORDS_BEFORE_ROLE = re.compile(r"(?:[\w-]+\s+){1,2}$")  # English roles take up to two
# German role nouns as suffixes, matched on the reversed word: Verkehrs|dezernentin.
_GERMAN_ROLE_SUFFIX = re.compile(
    "(?i:" + alternation(role[::-1] for role in _ROLE_FORMS["de"]) + ")"
)


def _is_organisation(name: str) -> bool:
    return not _ORGANISATION_HEADS.isdisjoint(name.split())


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
@lru_cache(maxsize=100_000)
def _ends_in_role(word: str) -> bool:
    """A German word ending in a role noun (Verkehrs|dezernentin)."""
    return _GERMAN_ROLE_SUFFIX.match(word[::-1]) is not None


def _is_english_role(word: str) -> bool:
    return word.lower() in _ROLE_FORMS["en"]


_ENGLISH_ROLE_IGNORING_CASE = re.compile(f"(?i:{alternation(_ROLE_FORMS['en'])})")


@lru_cache(maxsize=10_000)
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
        if speaker is None and speech and self._pronoun(part, words):
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
            speaker is None and reported and bool(p["vague"].search(part))
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
                "the" in folded and any(map(_is_english_role_ignoring_case, words))
            ):
                return False
        return bool(self.patterns["pronoun"].search(part))

    def _role_before_name(self, sentence: str, words: set[str]) -> int | None:
        """A quick test for a role word before a capitalized word (before the full pattern):
        None if there is none, else where role_name can first match. `words` are the
        sentence's words: a role is one of them (or ends one, in German)."""
        german = self.language == "de"
        is_role = _ends_in_role if german else _is_english_role
        if not any(map(is_role, words)):
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
            for match in p[name].finditer(sentence, start):
                role = None if unnamed_role else match["role"]
                single = unnamed_role and len(match["name"].split()) == 1
                speaker = self._person(match["name"], role, known_only=single)
                if speaker:
                    return speaker
        return None

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
            for gate, frame in self.patterns["frames"]:
                if gate in sentence if isinstance(gate, str) else gate.search(sentence):
                    found = frame.search(sentence, 0, match.start() if match else len(sentence))
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
        # "The Westford Echo": a name after an article is a paper or an organisation.
        return _is_organisation(rest) or rest != who or not _FULL_NAME.fullmatch(rest)

    def _claimant(self, who: str) -> str | None:
        who = _CLAIMANT_NOISE.sub("", who.strip()).strip(" ,;:")
        tokens = who.split()
        if not tokens or tokens[0] in _NEVER_IN_NAME or tokens[0].lower() in _PRONOUN_SUBJECTS:
            return None
        if len(tokens) == 1 and who.islower() and self.last_claimant:
            return self.last_claimant  # "the company said": the one named before
        return who

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
        return speaker
