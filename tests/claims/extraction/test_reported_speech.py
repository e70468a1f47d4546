import pytest

from claims.extraction import extract_claims
from claims.extraction.attribution import Attributor


def only(text, language="de"):
    (claim,) = extract_claims(text, language, min_checkworthiness=0)
    return claim


@pytest.mark.parametrize(
    "text",
    [
        "Das Labor habe über 100 Studien veröffentlicht.",
        "Die Zahlen seien künstlich aufgebläht worden.",
        "Die Stadt werde bis 2030 sparen.",
        "Laut Rathaus kostet das Projekt 1,2 Milliarden Euro.",
        "Nach Angaben der Polizei kamen 5.000 Menschen.",
        "Der Umsatz lag eigenen Angaben zufolge bei 3 Mrd. Euro.",
    ],
)
def test_german_indirect_speech_is_reported_speech(text):
    assert only(text).kind == "reported_speech"


def test_eigenen_angaben_zufolge_names_who_says_so():
    claim = only("Amazon eigenen Angaben zufolge erzielte 3 Mrd. Euro Umsatz.")
    assert claim.attribution == "Amazon eigenen Angaben zufolge"
    assert not claim.attribution_vague


@pytest.mark.parametrize(
    "text",
    [
        "Schätzungen zufolge hatte AWS zeitweise über 1.000 Mitarbeiter in China.",
        "Analysten zufolge sinkt der Umsatz um 5 Prozent.",
        "Berichten zufolge seien 300 Stellen betroffen.",
    ],
)
def test_estimates_and_anonymous_analysts_are_vague(text):
    claim = only(text)
    assert (claim.kind, claim.attribution_vague) == ("reported_speech", True)


def test_english_said_that_is_reported_speech():
    claim = only("The council said that more than 1,200 residents responded.", "en")
    assert claim.kind == "reported_speech"
    assert claim.attribution == "The council said that"


def test_english_analysts_are_vague():
    claim = only("Analysts estimate that sales fell by 5 percent.", "en")
    assert claim.attribution_vague


def test_a_plain_statement_is_not_reported_speech():
    assert only("Die Stadt hat 2024 rund 85 Millionen Fahrgäste gezählt.").kind == "statistic"


def read(sentences, language="de"):
    attributor = Attributor(language)
    return [attributor.attribute(s, s, 0) for s in sentences]


def test_so_and_a_name_make_reported_speech_not_a_statistic():
    claim = only("Die Sanierung kostet 6 Millionen Euro, so Baudezernent Felix Moor.")
    assert (claim.kind, claim.speaker.name) == ("reported_speech", "Felix Moor")


def test_indirect_speech_after_a_quote_goes_to_the_quoted_speaker():
    text = (
        "„Wir liegen im Plan“, sagte Projektleiterin Hanna Reich. "
        "Die Brücke habe bisher 14 Millionen Euro gekostet."
    )
    claims = extract_claims(text, "de", min_checkworthiness=0)
    assert (claims[-1].kind, claims[-1].speaker.name) == ("reported_speech", "Hanna Reich")


def test_indirect_speech_is_carried_past_a_plain_sentence_until_another_speaker():
    found = read(
        [
            "Projektleiterin Hanna Reich sagte, der Zeitplan halte.",
            "Die Brücke ist 300 Meter lang.",
            "Die Kosten lägen bei 14 Millionen Euro, sie seien gedeckt.",
            "Stadtrat Ole Brink widersprach, das Geld reiche nicht.",
            "Es fehlten mindestens zwei Millionen Euro, die Lücke sei groß.",
        ]
    )
    assert [a.speaker.name if a.speaker else None for a in found] == [
        "Hanna Reich",
        None,
        "Hanna Reich",
        "Ole Brink",
        "Ole Brink",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Das Amt bemüht sich, dafür zu sorgen, dass der Verkehr nicht gestört werde.",
        "Die Stadt baut eine Umleitung, um den Schulweg sicherer zu machen.",
        "Die Firma investiert, damit die Produktion nicht stocke.",
    ],
)
def test_konjunktiv_in_a_purpose_clause_is_not_reported_speech(sentence):
    (attribution,) = read([sentence])
    assert not attribution.reported


@pytest.mark.parametrize(
    "sentence",
    [
        "Die Mieten würden weiter steigen, hieß es aus dem Mieterverein.",
        "Ohne Förderung hätten viele Höfe aufgegeben, so Agrarexpertin Ina Falk.",
    ],
)
def test_konjunktiv_ii_with_hiess_es_or_so_is_reported_speech(sentence):
    (attribution,) = read([sentence])
    assert attribution.reported


def test_konjunktiv_ii_without_anyone_speaking_is_no_reported_speech():
    (attribution,) = read(["Mit mehr Personal wären die Wartezeiten kürzer."])
    assert not attribution.reported


def test_konjunktiv_ii_counts_only_right_after_reported_speech():
    found = read(
        [
            "Klinikchef Udo Sand sagte, die Station sei voll.",
            "Die Klinik hat 300 Betten.",
            "Mit mehr Personal wären die Wartezeiten kürzer.",
        ]
    )
    assert not found[-1].reported


def test_indirect_speech_opening_the_next_paragraph_keeps_the_speaker():
    text = (
        "„Wir müssen sparen“, sagte Kämmerin Ada Pohl.\n"
        "Die Stadt habe bereits 20 Millionen Euro Schulden."
    )
    claims = extract_claims(text, "de", min_checkworthiness=0)
    assert claims[-1].speaker.name == "Ada Pohl"


def test_a_plain_sentence_opening_the_next_paragraph_ends_the_speech():
    attributor = Attributor("de")
    attributor.attribute("Kämmerin Ada Pohl sagte, es fehle Geld.", "x", 0)
    attributor.attribute("Die Stadt hat 20 Schulen.", "y", 1)
    attribution = attributor.attribute("Der Neubau koste 5 Millionen Euro.", "z", 1)
    assert attribution.speaker is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Das Amt will dafür sorgen, dass kein Antrag liegen bleibe.",
        "Die Schule achtet darauf, dass jedes Kind ein Mittagessen bekomme.",
        "Der Verein möchte verhindern, dass der Platz verkauft werde.",
    ],
)
def test_konjunktiv_after_ensuring_or_preventing_is_no_reported_speech(sentence):
    (claim,) = extract_claims(sentence, "de", min_checkworthiness=0)
    assert claim.kind != "reported_speech"


def test_the_number_eight_is_no_verb_of_ensuring():
    text = (
        "Bürgermeisterin Ria Olander sagte, die Stadt müsse sparen. "
        "Seit acht Jahren gelte, dass jede Schule ein eigenes Budget habe."
    )
    claims = extract_claims(text, "de", min_checkworthiness=0)
    assert claims[-1].kind == "reported_speech"
