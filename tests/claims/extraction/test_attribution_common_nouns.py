"""Speakers named by a common noun (the company, die Ministerin, a spokesperson for X)
and organisations whose name ends in a company's word (Calder Foods)."""

import json
from pathlib import Path

import pytest

from claims.extraction import extract_claims
from claims.extraction.attribution import Attributor


def read(sentences, language):
    """The attribution of each sentence, read in order as one paragraph."""
    attributor = Attributor(language)
    return [attributor.attribute(s, s, 0) for s in sentences]


def last(sentences, language):
    return read(sentences, language)[-1]


def who(attribution):
    speaker = attribution.speaker
    return (
        (speaker.name, speaker.role) if speaker else None,
        attribution.claimant,
        attribution.claimant_role,
    )


# Organisations: a kind noun points back to the organisation named before.


def test_the_company_after_a_clause_is_the_business_named_before():
    found = last(
        [
            "Brightwater Dairies bought two farms in spring.",
            "Milk output will rise by a tenth, the company said.",
        ],
        "en",
    )
    assert who(found) == (None, "Brightwater Dairies", None)
    assert found.reported and not found.vague


def test_das_unternehmen_after_a_separable_verb_is_the_business_named_before():
    found = last(
        [
            "Die Kesselbach GmbH baut in Aurich eine zweite Halle.",
            "Dort entstünden 80 Arbeitsplätze, teilte das Unternehmen am Freitag mit.",
        ],
        "de",
    )
    assert who(found) == (None, "Kesselbach GmbH", None)


def test_der_konzern_before_the_verb_is_the_business_named_before():
    found = last(
        ["Die Ostwind Holding legte Zahlen vor.", "Der Konzern betonte, der Gewinn sei stabil."],
        "de",
    )
    assert found.claimant == "Ostwind Holding"


def test_a_ministry_noun_points_to_the_ministry_not_to_the_latest_business():
    found = last(
        [
            "Das Verkehrsministerium prüft die Pläne seit Mai.",
            "Auch die Harzbau AG ist beteiligt.",
            "Das Ministerium erklärte, eine Entscheidung falle im Herbst.",
        ],
        "de",
    )
    assert found.claimant == "Verkehrsministerium"


def test_the_council_points_to_the_council_named_before():
    found = last(
        [
            "Marlow Borough Council will vote in June.",
            "Tidewell Homes wants to build 300 flats.",
            "The plans are premature, the council said.",
        ],
        "en",
    )
    assert found.claimant == "Marlow Borough Council"


def test_a_business_noun_never_points_to_a_public_body():
    found = last(
        ["Marlow Borough Council will vote in June.", "The firm said its offer stands."], "en"
    )
    assert found.claimant is None


# People: a role alone points back to the last person named with that role.


def test_die_ministerin_is_the_last_person_named_with_that_role():
    found = last(
        [
            "Umweltministerin Greta Sommer besuchte am Morgen das Moor.",
            "Die Ministerin erwiderte, die Mittel reichten aus.",
        ],
        "de",
    )
    assert who(found) == (("Greta Sommer", "Umweltministerin"), "Greta Sommer", None)


def test_the_minister_finds_a_role_written_in_lower_case_before_the_name():
    found = last(
        [
            "Housing minister Adam Kettering toured the estate on Monday.",
            "The minister replied that repairs would start in May.",
        ],
        "en",
    )
    assert who(found)[0] == ("Adam Kettering", "Housing minister")


def test_a_role_after_the_verb_is_the_person_named_with_it():
    found = last(
        [
            "Pressesprecher Lars Wendt kündigte eine Erklärung an.",
            "Das Angebot gelte bis März, sagte der Sprecher.",
        ],
        "de",
    )
    assert who(found)[0] == ("Lars Wendt", "Pressesprecher")


def test_a_role_back_reference_skips_people_with_another_role():
    found = last(
        [
            "Spokeswoman Rina Patel confirmed the date.",
            "Chief executive Omar Lindqvist spoke first.",
            "The spokesperson said the figures were provisional.",
        ],
        "en",
    )
    assert who(found)[0] == ("Rina Patel", "Spokeswoman")


def test_a_masculine_role_does_not_point_to_a_woman_named_with_the_feminine():
    found = last(
        [
            "Finanzministerin Ilse Gerber stellte den Haushalt vor.",
            "Der Minister erklärte, das Defizit sinke.",
        ],
        "de",
    )
    assert found.speaker is None


# A spokesperson for an organisation: the organisation is the claimant, with the role.


@pytest.mark.parametrize(
    ("sentences", "language", "expected"),
    [
        (
            ["Fares will rise in April, said a spokesman for Greyhollow Rail."],
            "en",
            (None, "Greyhollow Rail", "spokesman"),
        ),
        (
            ["A spokeswoman for Pellham Water said supplies were safe."],
            "en",
            (None, "Pellham Water", "spokeswoman"),
        ),
        (
            [
                "Die Lindauer Brauerei AG verkauft ihr Werk.",
                "Der Verkauf sei abgeschlossen, sagte eine Sprecherin des Konzerns.",
            ],
            "de",
            (None, "Lindauer Brauerei AG", "Sprecherin"),
        ),
        (
            ["Ein Sprecher von Vossberg erklärte, die Lieferungen liefen wieder."],
            "de",
            (None, "Vossberg", "Sprecher"),
        ),
    ],
)
def test_a_spokesperson_for_an_organisation_makes_it_the_claimant(sentences, language, expected):
    assert who(last(sentences, language)) == expected


# Nothing earlier to point to: still attributed speech, with nobody named.


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("The headteacher said the roof would be fixed by autumn.", "en"),
        ("Repairs will cost more, the agency warned.", "en"),
        ("Die Behörde teilte mit, die Straße bleibe gesperrt.", "de"),
        ("Das Institut erklärte, die Daten seien vorläufig.", "de"),
    ],
)
def test_a_common_noun_pointing_nowhere_is_attributed_without_a_claimant(sentence, language):
    (claim,) = extract_claims(sentence, language, min_checkworthiness=0)
    assert claim.kind == "reported_speech"
    assert (claim.speaker, claim.claimant) == (None, None)
    assert claim.attribution and claim.attribution_vague


def test_a_pronoun_before_the_verb_is_the_subject_not_the_noun_after_it():
    found = last(
        [
            "Stadträtin Hanne Ruprecht sagte, der Plan komme zu spät.",
            "Sie kritisierte das Ministerium scharf.",
        ],
        "de",
    )
    assert found.speaker is not None and found.speaker.name == "Hanne Ruprecht"
    assert found.claimant_role is None


def test_an_object_after_told_is_never_the_speaker():
    found = last(["Residents told the council nothing had changed."], "en")
    assert found.claimant != "council"


def test_the_claimant_role_comes_with_the_engines_claim():
    (claim,) = extract_claims(
        "Prices stay frozen until May, said a spokeswoman for Corran Energy.",
        "en",
        min_checkworthiness=0,
    )
    assert (claim.claimant, claim.claimant_role) == ("Corran Energy", "spokeswoman")
    assert claim.to_dict()["claimant_role"] == "spokeswoman"


# Names of several words whose last word marks an organisation.


@pytest.mark.parametrize(
    ("sentence", "language", "claimant"),
    [
        ("Calder Foods said its margins had shrunk.", "en", "Calder Foods"),
        ("Brightwater Holdings said the deal was off.", "en", "Brightwater Holdings"),
        ("Quenby Logistics reported 40 new routes.", "en", "Quenby Logistics"),
        ("Ostsee Versicherung teilte mit, die Beiträge stiegen.", "de", "Ostsee Versicherung"),
        ("Nordland Energiewerke erklärten, der Preis sinke.", "de", "Nordland Energiewerke"),
        (
            "Die Elbmarsch Genossenschaft betonte, alle Höfe blieben.",
            "de",
            "Elbmarsch Genossenschaft",
        ),
    ],
)
def test_a_name_ending_in_an_organisations_word_is_a_claimant_not_a_person(
    sentence, language, claimant
):
    (found,) = read([sentence], language)
    assert (found.speaker, found.claimant) == (None, claimant)


def test_a_persons_name_is_still_a_speaker():
    (found,) = read(["Hannah Fieldmoor said the vote was close."], "en")
    assert found.speaker is not None and found.speaker.name == "Hannah Fieldmoor"


def test_an_organisation_named_as_a_speaker_is_not_carried_to_the_next_sentence():
    found = read(
        [
            "Laut Tarvin Foods stiegen die Preise um drei Prozent.",
            "Kesterholm Holding teilte mit, die Preise würden gesenkt.",
        ],
        "de",
    )
    assert (found[-1].speaker, found[-1].claimant) == (None, "Kesterholm Holding")


# The cheap test before looking for organisations' names lets every one through.


def test_every_organisations_name_passes_the_cheap_test_before_the_search():
    from claims.extraction import attribution

    root = Path(__file__).resolve().parents[3] / "corpus" / "checkworthiness"
    names = [
        "Calder Foods", "Ostsee Versicherung", "Nordland Energiewerke", "Harwick Verkehrsbetriebe",
        "Ministry of Fisheries", "Kestrel Airways", "Brauhaus Gruppe", "Elbtal Holding",
    ]  # fmt: skip
    sentences = [f"{name} sagte, es gehe voran." for name in names]
    for language in ("de", "en"):
        for line in (root / f"{language}.jsonl").read_text(encoding="utf-8").splitlines()[:400]:
            if line.strip():
                sentences.append(json.loads(line)["sentence"])
    checked = 0
    for sentence in sentences:
        for match in attribution._ORGANISATION_NAME.finditer(sentence):
            tokens = match[0].split()
            for start in range(len(tokens) - 1):
                name = " ".join(tokens[start:])
                if attribution._is_organisation(name):
                    checked += 1
                    assert attribution._names_organisation(attribution._words(sentence)), name
    assert checked > len(names)


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_common_noun_subject_passes_the_cheap_test_before_the_patterns(language):
    from claims.extraction import attribution

    root = Path(__file__).resolve().parents[3] / "corpus" / "checkworthiness"
    lines = (root / f"{language}.jsonl").read_text(encoding="utf-8").splitlines()
    sentences = [json.loads(line)["sentence"] for line in lines if line.strip()]
    sentences += [
        "Das sei falsch, sagte die Nordwerk-Sprecherin.",
        "Der Autokonzern teilte mit, alles laufe.",
        "THE MINISTER SAID no.",
        "Prices rise, the Company said.",
    ]
    attributor = Attributor(language)
    patterns = attribution._PATTERNS[language]
    matched = 0
    for sentence in sentences:
        if patterns["subject_before"].search(sentence) or patterns["subject_after"].search(
            sentence
        ):
            matched += 1
            assert attributor._kind_noun_or_role(attribution._words(sentence)), sentence
    assert matched > 3
