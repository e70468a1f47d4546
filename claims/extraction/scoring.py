"""The rule-based check-worthiness scorer that came before the ranking model.

The engine now ranks with `ranking.RankingModel`; the lexicons and `_has_actor`
here are among its rule signals, and `training.rule_score` keeps the old score callable
to compare the two on the corpus's test split. The old score:

A claim starts at 0.2 and each signal moves it:

  figure                 +0.35  a quantity that can be compared with a source
  date                   +0.10  a dated event can be looked up
  attributed_statement   +0.15  someone named (or a named body) says so
  named_actor            +0.10  a person or an organisation is involved
  comparison             +0.10  more/less than, records, superlatives
  causal                 +0.10  because, due to, led to, wegen, aufgrund
  opinion                -0.25  analysis and judgement (steht exemplarisch, shows that)
  speculation            -0.15  could, might, dürfte, vermutlich
  vague                  -0.10  vague source or amount (Schätzungen zufolge, several)
  question               -0.30  a question asserts nothing

The reasons list names the signals that applied, positive first.
"""

import re

# Words and phrases (lower case) that signal each kind; "*" ends a prefix.
_SIGNALS = {
    "comparison": (
        0.10,
        "mehr als|weniger als|höher|niedriger|größte*|kleinste*|stärkste*|schwächste*|doppelt|"
        "halb so|verdoppelt|rekord*|wie nie zuvor|so viele wie|als je|schwieriger|besser|"
        "schlechter|im vergleich|more than|less than|fewer than|higher|lower|largest|biggest|"
        "smallest|highest|lowest|record|doubled|halved|than ever|the most|the least|"
        "compared with|compared to",
    ),
    "causal": (
        0.10,
        "weil|da sie|da er|aufgrund|wegen|infolge|durch die|durch den|bedingt|führte zu|"
        "verursacht|because|due to|caused|led to|as a result|resulting in|owing to",
    ),
    "opinion": (
        -0.25,
        "exemplarisch|steht für|symbolisch|zeigt dass|offenbar|bemerkenswert|erfreulich|"
        "bedauerlich|muss man|sollte man|bleibt abzuwarten|in unseren augen|meiner meinung|"
        "emblematic|symbol of|shows that|remains to be seen|arguably|in our view|we believe|"
        "it is clear that|unfortunately|fortunately",
    ),
    "speculation": (
        -0.15,
        "könnte|könnten|dürfte|dürften|vermutlich|möglicherweise|wahrscheinlich|wohl|eventuell|"
        "vielleicht|could|might|may|possibly|probably|perhaps|likely",
    ),
}


class _Phrases:
    """Finds a kind's phrases in a text's words: set lookups and substring tests, fast."""

    def __init__(self, phrases: str):
        entries = phrases.split("|")
        self.words = frozenset(e for e in entries if " " not in e and not e.endswith("*"))
        self.multi = tuple(f" {e} " for e in entries if " " in e)
        prefixes = [re.escape(e[:-1]) for e in entries if e.endswith("*")]
        self.prefixes = re.compile(f" (?:{'|'.join(prefixes)})") if prefixes else None

    def found_in(self, unique: set[str], padded: str) -> bool:
        """`padded` is the text's words joined by single spaces, with a space at each end."""
        if unique & self.words:
            return True
        if self.prefixes and self.prefixes.search(padded):
            return True
        return any(phrase in padded for phrase in self.multi)


_COMPILED = {name: (weight, _Phrases(phrases)) for name, (weight, phrases) in _SIGNALS.items()}
_WORD = re.compile(r"[^\W_]+")
_VAGUE_WORDS = frozenset({"mehrere", "einige", "zunehmend", "several", "some", "increasingly"})
# An acronym or two capitalized words: \b[A-ZÄÖÜ]{2,}\b|\b[A-ZÄÖÜ][a-zäöüß]+\s+[A-ZÄÖÜ][a-zäöüß]+\b,
# written to start with the capital (its word boundary checked by the lookbehind after
# it) so that the regex engine skips ahead to capitals instead of trying every position.
_ACTOR = re.compile(r"[A-ZÄÖÜ](?<!\w.)(?:[A-ZÄÖÜ]+\b|[a-zäöüß]+\s+[A-ZÄÖÜ][a-zäöüß]+\b)")
_DETERMINER = re.compile(r"^(?:Die|Der|Das|Den|Dem|Des|Ein|Eine|The|A|An|Im|Am|In|Auf)\s", re.I)

BASE = 0.2
WEIGHTS = {
    "figure": 0.35,
    "date": 0.10,
    "attributed_statement": 0.15,
    "named_actor": 0.10,
    "vague": -0.10,
    "question": -0.30,
}


def checkworthiness(
    text: str, *, has_figure: bool, has_date: bool, attributed: bool, named_actor: bool, vague: bool
) -> tuple[float, tuple[str, ...]]:
    reasons: list[str] = []
    if has_figure:
        reasons.append("figure")
    if has_date:
        reasons.append("date")
    if attributed:
        reasons.append("attributed_statement")
    if named_actor or _has_actor(text):
        reasons.append("named_actor")
    words = _WORD.findall(text.lower())
    unique = set(words)
    padded = f" {' '.join(words)} "
    for name, (_weight, phrases) in _COMPILED.items():
        if phrases.found_in(unique, padded):
            reasons.append(name)
    if vague or unique & _VAGUE_WORDS:
        reasons.append("vague")
    if text.rstrip().endswith("?"):
        reasons.append("question")
    score = BASE + sum(WEIGHTS.get(r) or _COMPILED[r][0] for r in reasons)
    reasons.sort(key=lambda r: -(WEIGHTS.get(r) or _COMPILED[r][0]))
    return round(min(1.0, max(0.0, score)), 2), tuple(reasons)


_NOT_ACTORS = frozenset({"KI", "AI", "IT", "TV", "PR", "OK", "CO2"})


def _has_actor(text: str) -> bool:
    for match in _ACTOR.finditer(text):
        if match.group() in _NOT_ACTORS:
            continue
        if not (match.start() == 0 and _DETERMINER.match(match.group() + " ")):
            return True
    return False
