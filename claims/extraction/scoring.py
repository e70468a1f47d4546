"""Check-worthiness: how much a claim deserves a fact-checker's time, 0..1.

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

_SIGNALS = {
    "comparison": (
        0.10,
        r"\b(?:mehr als|weniger als|höher|niedriger|größte[nrs]?|kleinste[nrs]?|stärkste[nrs]?|"
        r"schwächste[nrs]?|doppelt|halb so|verdoppelt|rekord\w*|wie nie zuvor|so viele wie|"
        r"als je|schwieriger|besser|schlechter|more than|less than|fewer than|higher|lower|"
        r"largest|biggest|smallest|highest|lowest|record|doubled|halved|than ever|the most|"
        r"the least|compared (?:with|to)|im Vergleich)\b",
    ),
    "causal": (
        0.10,
        r"\b(?:weil|da sie|da er|aufgrund|wegen|infolge|durch die|durch den|bedingt|führte zu|"
        r"verursacht|because|due to|caused|led to|as a result|resulting in|owing to)\b",
    ),
    "opinion": (
        -0.25,
        r"\b(?:exemplarisch|steht für|symbolisch|zeigt,? dass|offenbar|bemerkenswert|"
        r"erfreulich|bedauerlich|muss man|sollte man|bleibt abzuwarten|in unseren Augen|"
        r"meiner Meinung|is emblematic|symbol of|shows that|remains to be seen|arguably|"
        r"in our view|we believe|it is clear that|unfortunately|fortunately)\b",
    ),
    "speculation": (
        -0.15,
        r"\b(?:könnte|könnten|dürfte|dürften|vermutlich|möglicherweise|wahrscheinlich|wohl|"
        r"eventuell|vielleicht|could|might|may|possibly|probably|perhaps|likely)\b",
    ),
}
_COMPILED = {
    name: (weight, re.compile(pattern, re.I)) for name, (weight, pattern) in _SIGNALS.items()
}
_ACTOR = re.compile(r"\b[A-ZÄÖÜ]{2,}\b|\b[A-ZÄÖÜ][a-zäöüß]+\s+[A-ZÄÖÜ][a-zäöüß]+\b")
_VAGUE_AMOUNT = re.compile(r"\b(?:mehrere|einige|zunehmend|several|some|increasingly)\b", re.I)
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
    for name, (_weight, pattern) in _COMPILED.items():
        if pattern.search(text):
            reasons.append(name)
    if vague or _VAGUE_AMOUNT.search(text):
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
