"""Who says so: speakers of quotes and reported speech, and how vague that is.

The article is read sentence by sentence (`Attributor` keeps the state): a
speaker is a name, with the role kept apart (Sprecher Brad Glasser, CEO Andy
Jassy), found after a speech verb (sagte X, said X, so X), as the subject
before one (X sagte, X said), in apposition (Ein Teamleiter des Labors, Wang
Minjie, bestätigte ...; Dr. Samuel Reyes, a biologist, told ...), or in an
attribution phrase (X zufolge, laut X, according to X). Pronouns and
back-references (er, sie, der Sprecher, she said) and indirect speech that
simply goes on (Konjunktiv I) point to the last person named in the paragraph.
A surname alone (sagte Albers) is completed from earlier mentions.
"""

import re
from dataclasses import dataclass

from .types import Speaker

_NAME_TOKEN = r"[A-ZÄÖÜ][a-zäöüßéèáàóòíìúùçñ’'-]*[a-zäöüßéèáàóòíìúùçñ]"  # noqa: S105
_PARTICLE = r"(?:von|van|de|der|den|da|di|du|zu|ten|bin|al|el|le|la)"
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

_SPEECH = {
    "de": "sagte|sagt|sagten|sagen|gesagt|erklärte|erklärt|erklärten|betonte|betont|sprach|"
    "spricht|meinte|meint|warnte|warnt|gewarnt|bestätigte|bestätigt|kündigte|kündigt|"
    "angekündigt|teilte|teilt|mitgeteilt|schrieb|schreibt|kritisierte|kritisiert|forderte|"
    "fordert|räumte|berichtete|berichtet|versicherte|unterstrich|ergänzte|fügte|argumentierte|"
    "behauptete|behauptet|bezweifelt|bezweifelte|widersprach|beklagte|verwies|äußerte|"
    "geäußert|bekräftigte|dementierte|verkündete|hieß",
    "en": "said|says|say|told|tells|added|adds|stated|states|explained|warned|warns|wrote|"
    "writes|claimed|claims|argued|insisted|confirmed|announced|noted|stressed|acknowledged|"
    "denied|predicted|estimated|reported",
}
_ROLES = {
    "de": "sprecher|sprecherin|chef|chefin|leiter|leiterin|minister|ministerin|präsident|"
    "präsidentin|dezernent|dezernentin|kämmerer|kämmerin|direktor|direktorin|vorsitzende|"
    "vorsitzender|bürgermeister|bürgermeisterin|experte|expertin|analyst|analystin|ökonom|"
    "ökonomin|forscher|forscherin|wissenschaftler|wissenschaftlerin|professor|professorin|"
    "manager|managerin|gründer|gründerin|berater|beraterin|anwalt|anwältin|abgeordnete|"
    "abgeordneter|senator|senatorin|kanzler|kanzlerin|sekretär|sekretärin|beauftragte|"
    "beauftragter|referent|referentin|biologe|biologin|ingenieur|ingenieurin|arzt|ärztin|"
    "vertreter|vertreterin|vorstand|ceo|cfo|cto|coo",
    "en": "spokesperson|spokesman|spokeswoman|chief executive|executive|CEO|CFO|CTO|minister|"
    "mayor|president|director|analyst|economist|professor|leader|chair|chairman|chairwoman|"
    "secretary|senator|governor|biologist|scientist|researcher|manager|official|head|founder|"
    "lawyer|commissioner|councillor|councilor|chancellor|adviser|advisor|expert|engineer|officer",
}
_REPORTED = {
    "de": r"\b(?:habe|sei|seien|seiest|werde|könne|müsse|dürfe|solle|wolle|gebe|liege|stehe|"
    r"komme|gehe|bleibe|wisse|zufolge|[Ll]aut|[Nn]ach Angaben|eigenen Angaben)\b",
    "en": r"\b(?:(?:said|says|say|told \w+|added|claimed|claims?|stated|estimated|estimates?|"
    r"reported|argued|warned|insisted|noted|believes?)\s+that|[Aa]ccording to)\b",
}
# Konjunktiv II stands in for Konjunktiv I, but only counts where someone was speaking.
_REPORTED_IN_CONTEXT = {"de": r"\b(?:hätte|hätten|wäre|wären|würde|würden)\b", "en": r"\bwould\b"}
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


def _compile(language: str) -> dict:
    speech, roles = _SPEECH[language], _ROLES[language]
    if language == "de":
        # A capitalized word ending in a role (Verkehrsdezernentin), read without backtracking.
        endings = "|".join(f"(?<={ending})" for ending in roles.split("|"))
        role = rf"[A-ZÄÖÜ][\w-]*+(?i:{endings})(?![\w-])"
        after_verb_role = None
        complement = r"(?:\s+(?:des|der|von|vom|im|bei)\s+(?:\w+\s+)?[A-ZÄÖÜ][\w-]+)?"
        apposition = (
            rf"(?:^|[,:;]\s+)(?:(?:Ein|Eine|Der|Die|ein|eine|der|die)\s+)?"
            rf"(?P<role>(?:[\w-]+\s+)?{role}{complement}),\s+(?P<name>{_TITLE}{_NAME}),"
        )
        phrase = (
            r"(?P<phrase>[Ll]aut\s+(?P<who2>(?:(?:dem|der|des|den|einer|einem)\s+)?(?:[a-zäöüß]+(?:e|en|er|em|es)\s+)?"
            r"[A-ZÄÖÜ][\w-]*(?:\s+[A-ZÄÖÜ][\w-]*)*)"
            r"|[Nn]ach (?:eigenen )?Angaben(?:\s+(?:des|der|von|vom)\s+(?P<who3>[A-ZÄÖÜ][\w-]+(?:\s+[A-ZÄÖÜ][\w-]+)?))?)"
        )
    else:
        role = rf"(?:{roles})"
        # English roles before a name are lower-case words: "said chief medical officer X".
        complement = ""
        after_verb_role = r"(?:the\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}"
        apposition = (
            rf"(?P<name>{_TITLE}{_NAME}),\s+(?:a|an|the)\s+(?P<role>[^,]{{3,80}}?),\s+"
            rf"(?:{speech})\b"
        )
        phrase = (
            r"(?P<phrase>[Aa]ccording to\s+(?P<who>[^,.;]{2,80}))"
            rf"|(?P<phrase2>^(?P<who2>(?:The|A|An)\s+[\w\s-]{{2,40}}?)\s+(?:{speech})\s+that)"
        )
    named = rf"(?P<name>{_TITLE}{_NAME})"
    # English roles may take words before them (chief medical officer); German ones are one word.
    role_words = r"(?:[\w-]+\s+){0,2}?" if language == "en" else ""
    after_verb_role = after_verb_role or f"{role}{complement}"
    return {
        "after_verb": re.compile(
            rf"(?:\b(?:{speech})|,\s*so)\s+(?:(?P<role>{after_verb_role})\s+)?{named}(?!\w)"
        ),
        "apposition": re.compile(apposition),
        "role_name": re.compile(rf"(?<![\w-])(?P<role>{role_words}{role})\s+{named}(?!\w)"),
        "name_verb": re.compile(rf"{named}\s+(?:{speech})\b"),
        "speech": re.compile(rf"\b(?:{speech})\b"),
        "phrase": re.compile(phrase),
        "pronoun": re.compile(
            _PRONOUN_SPEECH[language].format(speech=speech, role=roles),
            re.I if language == "en" else 0,
        ),
        "reported": re.compile(_REPORTED[language]),
        "reported_in_context": re.compile(_REPORTED_IN_CONTEXT[language]),
        "vague": re.compile(_VAGUE[language], re.IGNORECASE),
    }


_PATTERNS = {language: _compile(language) for language in _SPEECH}
_PHRASE_HINT = {"de": re.compile(r"[Ll]aut |Angaben"), "en": re.compile(r"ccording to| that\b")}
_ZUFOLGE = re.compile(r"(?<=\s)zufolge\b")
_WORDS_BEFORE = re.compile(r"(?<![\w-])(?P<who>(?:[\w-]+\s+){0,3}[\w-]+)\s+$")


def _zufolge(sentence: str) -> tuple[str | None, str]:
    """ "X zufolge": up to four words before it, looked for near it only (fast)."""
    trigger = _ZUFOLGE.search(sentence)
    if not trigger:
        return None, ""
    words = _WORDS_BEFORE.search(sentence, max(0, trigger.start() - 120), trigger.start())
    if not words:
        return None, ""
    return sentence[words.start() : trigger.end()], words["who"]


# German nouns that look like names when capitalized: Schätzungen, Gesellschaft ...
_NOUN_ENDING = re.compile(
    r"(?:ung|ungen|heit|heiten|keit|keiten|schaft|schaften|tion|tionen|ität|ismus|nisse?)$"
)
_LEADING_FUNCTION_WORDS = re.compile(
    r"^(?:(?:die|der|das|den|dem|des|dessen|deren|und|oder|aber|wie|als|so|the|and|but)\s+)+"
)
_ROLE_NOISE = re.compile(r"^(?:(?:said|says|told|according|to|the|a|an|by|and|but|of)\s+)+", re.I)


class Attributor:
    """Reads one article's sentences in order and tells who says what."""

    def __init__(self, language: str):
        self.patterns = _PATTERNS[language]
        self.language = language
        self.people: dict[str, Speaker] = {}  # surname -> fullest mention so far
        self.paragraph = -1
        self.last_person: Speaker | None = None
        self.last_speaker: Speaker | None = None  # of the sentence before, for continuations

    def attribute(self, part: str, sentence: str, paragraph: int) -> Attribution:
        """Attribution of one claim; `part` and its `sentence` have their quotes blanked."""
        if paragraph != self.paragraph:
            self.paragraph, self.last_person, self.last_speaker = paragraph, None, None
        p = self.patterns
        speech = bool(p["speech"].search(part))
        reported = bool(p["reported"].search(part))
        phrase, speaker = self._phrase(part)
        speaker = self._named_speaker(part, speech, reported) or speaker
        if speaker is None and phrase is None and part != sentence:
            speaker = self._named_speaker(
                sentence, bool(p["speech"].search(sentence)), bool(p["reported"].search(sentence))
            )
        if speaker is None and speech and p["pronoun"].search(part):
            speaker = self.last_person
        if not reported and self.last_speaker is not None:
            reported = bool(p["reported_in_context"].search(part))
        if speaker is None and reported and phrase is None:
            speaker = self.last_speaker  # indirect speech going on from the sentence before
        reported = reported or (speaker is not None and speech)
        vague = bool(phrase and p["vague"].search(phrase)) or (
            speaker is None and reported and bool(p["vague"].search(part))
        )
        if speaker:
            self.last_person = speaker
        self.last_speaker = speaker if reported else None
        return Attribution(speaker=speaker, phrase=phrase, vague=vague, reported=reported)

    def _named_speaker(self, sentence: str, speech: bool, reported: bool) -> Speaker | None:
        # Cheapest tests first: most sentences name nobody.
        p = self.patterns
        candidates = []
        if sentence.count(",") >= 2:
            candidates.append(("apposition", False))
        if speech or ", so " in sentence:
            candidates.append(("after_verb", False))
        if speech or reported:
            candidates.append(("role_name", False))
        if speech:
            candidates.append(("name_verb", True))
        for name, unnamed_role in candidates:
            for match in p[name].finditer(sentence):
                role = None if unnamed_role else match["role"]
                single = unnamed_role and len(match["name"].split()) == 1
                speaker = self._person(match["name"], role, known_only=single)
                if speaker:
                    return speaker
        return None

    def _phrase(self, sentence: str) -> tuple[str | None, Speaker | None]:
        phrase, who = _zufolge(sentence) if self.language == "de" else (None, "")
        if phrase is None:
            if not _PHRASE_HINT[self.language].search(sentence):
                return None, None
            match = self.patterns["phrase"].search(sentence)
            if not match:
                return None, None
            groups = match.groupdict()
            phrase = next(g for g in (groups.get(k) for k in ("phrase", "phrase2")) if g)
            who = next((g for g in (groups.get(k) for k in ("who", "who2", "who3")) if g), "")
        speaker = None
        for found in self.patterns["role_name"].finditer(who):
            speaker = self._person(found["name"], found["role"])
        if speaker is None:
            speaker = self._person(who, None, known_only=True) if who else None
        return _LEADING_FUNCTION_WORDS.sub("", phrase.strip()), speaker

    def _person(self, name: str, role: str | None, known_only: bool = False) -> Speaker | None:
        """A person's speaker; `known_only` accepts only people named before."""
        name = re.sub(f"^{_TITLE}", "", name.strip())
        tokens = name.split()
        if (
            not tokens
            or tokens[0] in _NOT_NAMES
            or not re.fullmatch(_NAME, name)
            or any(_NOUN_ENDING.search(token) for token in tokens)
        ):
            return None
        role = _ROLE_NOISE.sub("", role.strip()) or None if role else None
        known = self.people.get(tokens[-1])
        if known_only and not (known and (len(tokens) == 1 or known.name == name)):
            return None
        if len(tokens) == 1 and known:
            return Speaker(known.name, role or known.role)
        speaker = Speaker(name, role or (known.role if known else None))
        if len(tokens) > 1:
            self.people[tokens[-1]] = speaker
        return speaker
