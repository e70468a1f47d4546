"""Speakers and attribution, as the engine reads them in whole texts."""

from claims.extraction import extract_claims


def speakers(text, language="de"):
    return [
        (c.speaker.name, c.speaker.role) if c.speaker else None
        for c in extract_claims(text, language, min_checkworthiness=0)
    ]


def only(text, language="de"):
    (claim,) = extract_claims(text, language, min_checkworthiness=0)
    return claim


def test_role_and_name_before_the_verb():
    claim = only("Sprecher Brad Glasser sprach von „schwierigen geschäftlichen Entscheidungen“.")
    assert (claim.kind, claim.speaker.name, claim.speaker.role) == (
        "quote",
        "Brad Glasser",
        "Sprecher",
    )


def test_name_in_apposition():
    claim = only(
        "Ein Teamleiter des Labors, Wang Minjie, bestätigte die Auflösung: „Unser Team wird aufgelöst.“"
    )
    assert claim.speaker.name == "Wang Minjie"
    assert claim.speaker.role == "Teamleiter des Labors"


def test_sagte_with_role_and_name_after_the_quote():
    claim = only("„Das ist ein Rekord“, sagte Verkehrsdezernentin Petra Albers.")
    assert (claim.speaker.name, claim.speaker.role) == ("Petra Albers", "Verkehrsdezernentin")


def test_so_after_the_quote():
    assert speakers("„Das reicht nicht“, so Umweltministerin Eva Brandt.") == [
        ("Eva Brandt", "Umweltministerin")
    ]


def test_titles_are_not_part_of_the_name():
    assert speakers("„Das ist falsch“, sagte Prof. Dr. Jana Roth.") == [("Jana Roth", None)]


def test_name_zufolge():
    claim = only("Kämmerer Jonas Weber zufolge fehlen der Stadt 80 Millionen Euro.")
    assert claim.kind == "reported_speech"
    assert claim.speaker.name == "Jonas Weber"
    assert claim.attribution == "Kämmerer Jonas Weber zufolge"


def test_laut_names_the_source():
    claim = only("Laut Statistischem Bundesamt stieg die Zahl auf 2,1 Millionen.")
    assert claim.kind == "reported_speech"
    assert claim.attribution.startswith("Laut Statistischem Bundesamt")


def test_a_surname_alone_is_completed_from_an_earlier_mention():
    text = (
        "Verkehrsdezernentin Petra Albers sagte am Dienstag, das Netz wachse. "
        "„Wir bauen für die nächste Generation“, sagte Albers."
    )
    assert speakers(text)[-1] == ("Petra Albers", "Verkehrsdezernentin")


def test_pronoun_refers_to_the_last_person_in_the_paragraph():
    text = (
        "Stadtkämmerer Jonas Weber warnte vor neuen Schulden. "
        "Er sagte, die Stadt habe bereits 780 Mio. Euro Schulden."
    )
    assert speakers(text) == [("Jonas Weber", "Stadtkämmerer")] * 2


def test_der_sprecher_refers_back():
    text = "Sprecher Tom Lenz bestätigte die Pläne. Der Sprecher sagte, es gehe um 300 Stellen."
    assert speakers(text)[-1] == ("Tom Lenz", "Sprecher")


def test_konjunktiv_continues_the_speech_of_the_sentence_before():
    text = (
        "Ein Teamleiter des Labors, Wang Minjie, bestätigte die Auflösung. "
        "Das Labor habe über 100 Studien veröffentlicht."
    )
    assert speakers(text)[-1][0] == "Wang Minjie"


def test_a_new_paragraph_forgets_the_speaker():
    text = "Sprecher Tom Lenz bestätigte die Pläne.\nEr sagte, es gehe um 300 Stellen."
    assert speakers(text)[-1] is None


def test_english_said_after_quote_with_role():
    claim = only("“Doing nothing is no longer an option,” said council leader Maria Okafor.", "en")
    assert (claim.speaker.name, claim.speaker.role) == ("Maria Okafor", "council leader")


def test_english_name_said():
    assert speakers("Maria Okafor said the plant would open in 2028.", "en") == [
        ("Maria Okafor", None)
    ]


def test_english_told_reporters_with_apposition():
    claim = only(
        "Dr. Samuel Reyes, a marine biologist at Westcoast University, told reporters that "
        "salinity rose by up to 2 percent.",
        "en",
    )
    assert (claim.speaker.name, claim.speaker.role) == (
        "Samuel Reyes",
        "marine biologist at Westcoast University",
    )
    assert claim.kind == "reported_speech"


def test_english_she_said_refers_back():
    text = "Council leader Maria Okafor said the plant was needed. She added that bills would rise by 4 percent."
    assert speakers(text, "en")[-1] == ("Maria Okafor", "Council leader")


def test_english_according_to():
    claim = only("According to the water authority, reservoirs fell to 31 percent.", "en")
    assert claim.attribution == "According to the water authority"
    assert claim.kind == "reported_speech"


def test_names_inside_a_quotation_are_not_speakers():
    claim = only("„Sagte Max Mustermann das wirklich?“, fragte der Moderator.")
    assert claim.speaker is None


def test_each_claim_names_its_claimant_without_the_frame():
    claim = only("Laut Stadtwerke Kellinghusen stieg der Gaspreis um 9 Prozent.")
    assert claim.attribution == "Laut Stadtwerke Kellinghusen"
    assert claim.claimant == "Stadtwerke Kellinghusen"
    assert claim.to_dict()["claimant"] == "Stadtwerke Kellinghusen"


def test_a_frame_that_names_nobody_has_no_claimant():
    claim = only("Nach eigenen Angaben verkaufte man 12.000 Tickets.")
    assert claim.claimant is None and claim.attribution_vague
