import pytest

from claims.extraction import extract_claims


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
