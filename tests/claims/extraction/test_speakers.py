"""Who speaks: place phrases, organisations and frames, completed names, roles apart."""

import pytest

from claims.extraction import extract_claims
from claims.extraction.attribution import Attributor


def read(sentences, language="de"):
    """The attribution of each sentence, read in order as one paragraph."""
    attributor = Attributor(language)
    return [attributor.attribute(s, s, 0) for s in sentences]


def names(sentences, language="de"):
    return [
        (a.speaker.name, a.speaker.role) if a.speaker else None for a in read(sentences, language)
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Mayor Helen Price told a press conference in Eastbrook that the bridge would reopen.",
        "Mayor Helen Price said at a briefing in Eastbrook that the bridge would reopen.",
        "Mayor Helen Price told reporters in Eastbrook on Friday that the bridge would reopen.",
    ],
)
def test_a_place_after_an_english_speech_verb_is_never_the_speaker(sentence):
    assert names([sentence], "en") == [("Helen Price", "Mayor")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Councillor Ruth Dale said Marsh County council plans to resurface 30 miles of road.",
        "Ruth Dale said Marsh County Hospital would hire 40 nurses.",
    ],
)
def test_a_name_after_said_that_begins_the_reported_clause_is_not_the_speaker(sentence):
    assert names([sentence], "en")[0][0] == "Ruth Dale"


def test_she_said_after_a_place_phrase_inherits_the_real_speaker():
    found = names(
        [
            "Mayor Helen Price told a press conference in Eastbrook that the bridge would reopen.",
            "She said the repairs had cost 3 million dollars.",
        ],
        "en",
    )
    assert found[-1] == ("Helen Price", "Mayor")


def test_a_place_after_a_german_speech_verb_is_never_the_speaker():
    found = names(
        [
            "Oppositionsführer Karl Stein sagte bei einer Pressekonferenz in Lindenau, der Plan sei teuer.",
            "Sie sagte, es fehlten 20 Millionen Euro.",
        ]
    )
    assert found == [("Karl Stein", "Oppositionsführer")] * 2


def test_a_surname_is_completed_from_an_earlier_mention_without_a_speech_verb():
    found = names(
        [
            "Gesundheitsministerin Lena Vogt stellte am Morgen den Bericht vor.",
            "Das reiche bei weitem nicht, sagte Vogt.",
        ]
    )
    assert found[-1] == ("Lena Vogt", "Gesundheitsministerin")


def test_an_english_surname_is_completed_from_an_earlier_mention():
    found = names(
        [
            "Headteacher Rosa Delgado opened the new wing in March.",
            "Delgado said the school needed 12 more teachers.",
        ],
        "en",
    )
    assert found[-1] == ("Rosa Delgado", "Headteacher")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Geschäftsführer Jan Olsen sagte, der Umsatz wachse.", ("Jan Olsen", "Geschäftsführer")),
        ("Landrätin Ute Kern erklärte, die Straße bleibe zu.", ("Ute Kern", "Landrätin")),
        ("Pressesprecherin Mia Hahn betonte, alles sei geprüft.", ("Mia Hahn", "Pressesprecherin")),
        ("Bürgermeister Olaf Timm räumte ein, das Geld fehle.", ("Olaf Timm", "Bürgermeister")),
        ("Superintendent Dan Ryle said the road was closed.", ("Dan Ryle", "Superintendent")),
    ],
)
def test_a_role_word_before_a_name_is_the_role_not_part_of_the_name(sentence, expected):
    language = "en" if " said " in sentence else "de"
    assert names([sentence], language) == [expected]


def test_a_first_name_alone_is_the_person_introduced_before():
    found = names(
        [
            "Nurse Jolene Marsh has worked at the clinic for eleven years.",
            "Jolene said the queues had doubled since spring.",
        ],
        "en",
    )
    assert found[-1] == ("Jolene Marsh", "Nurse")


@pytest.mark.parametrize(
    "sentence",
    [
        "What I've learned is that nobody listens, said one resident.",
        "What We've seen here said enough.",
        "How They said it mattered little.",
    ],
)
def test_pronoun_and_question_word_fragments_are_never_speakers(sentence):
    assert names([sentence], "en") == [None]


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        ("Die Gebühren steigen im Mai, wie das Ordnungsamt mitteilte.", "Ordnungsamt"),
        (
            "Die Kosten steigen um 5 Prozent, heißt es aus dem Finanzministerium.",
            "Finanzministerium",
        ),
        ("Laut Northbay University sank die Zahl der Bewerber.", "Northbay University"),
        ("Dem Sozialverband zufolge fehlen 900 Pflegekräfte.", "Sozialverband"),
        ("Nach Angaben der Feuerwehr brannten drei Hallen.", "Feuerwehr"),
        ("Northwind Rail said fares would rise by 3 percent.", "Northwind Rail"),
        ("Commuter groups say the increase is unfair.", "Commuter groups"),
        ("According to the harbour authority, 40 ships were delayed.", "harbour authority"),
        (
            "Figures published by the Office of Road Safety show a fall of 8 percent.",
            "Office of Road Safety",
        ),
    ],
)
def test_the_claimant_is_who_says_so_never_the_frame(sentence, claimant):
    language = "de" if any(w in sentence for w in ("Die ", "Laut", "Dem", "Nach")) else "en"
    (attribution,) = read([sentence], language)
    assert attribution.claimant == claimant
    assert attribution.phrase is not None


def test_an_organisation_is_a_claimant_not_a_person():
    (attribution,) = read(["Northwind Rail said fares would rise by 3 percent."], "en")
    assert attribution.speaker is None


def test_nach_eigenen_angaben_names_who_spoke_before_or_is_vague():
    alone, *_ = read(["Nach eigenen Angaben stieg der Absatz um 4 Prozent."])
    assert (alone.claimant, alone.vague) == (None, True)
    found = read(
        [
            "Laut Brauerei Seefeld stieg der Absatz deutlich.",
            "Nach eigenen Angaben verkaufte sie 40.000 Hektoliter.",
        ]
    )
    assert found[-1].claimant == "Brauerei Seefeld"
    assert found[-1].phrase == "Nach eigenen Angaben"


def test_a_named_person_before_zufolge_is_the_claimant():
    (attribution,) = read(["Stadtplanerin Nora Wiese zufolge fehlen 300 Wohnungen."])
    assert (attribution.speaker.name, attribution.claimant) == ("Nora Wiese", "Nora Wiese")


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Die Ministerin erwiderte, das sei falsch.", "de"),
        ("Der Sprecher räumte ein, es gebe Verzögerungen.", "de"),
        ("Der Verband betonte, die Löhne seien zu niedrig.", "de"),
        ("The union called the offer an insult.", "en"),
        ("The company says demand is falling.", "en"),
    ],
)
def test_inflected_speech_verbs_make_reported_speech(sentence, language):
    (attribution,) = read([sentence], language)
    assert attribution.reported


def test_a_separable_speech_verb_in_a_subordinate_clause_is_speech():
    (attribution,) = read(["Die Linie fährt ab Juni, wie die Verkehrsbetriebe mitteilten."])
    assert attribution.speech


def test_a_separable_verb_without_its_particle_at_the_clause_end_is_no_speech():
    (attribution,) = read(["Die Firma teilte die Kosten mit der Stadt."])
    assert not attribution.speech


def test_the_engine_keeps_the_speaker_of_an_english_sentence_with_a_place_phrase():
    text = (
        "Fire chief Omar Reyes told a news conference in Millbrook that 14 homes burned. "
        "He said crews worked for 20 hours."
    )
    claims = extract_claims(text, "en", min_checkworthiness=0)
    assert [(c.speaker.name, c.speaker.role) for c in claims] == [("Omar Reyes", "Fire chief")] * 2


def test_the_company_refers_to_the_organisation_named_before():
    found = read(
        [
            "Harbourline Ferries said it would cut 40 sailings.",
            "The company said demand had fallen by a fifth.",
        ],
        "en",
    )
    assert found[-1].claimant == "Harbourline Ferries"


@pytest.mark.parametrize(
    ("sentence", "claimant", "language"),
    [
        ("Aus dem Landratsamt hieß es, die Zahlen würden geprüft.", "Landratsamt", "de"),
        ("Die Stadtwerke rechnen nach eigenen Angaben mit 4.000 Kunden.", "Stadtwerke", "de"),
        ("Nach eigenen Angaben verkaufte die Molkerei 9 Millionen Liter.", "Molkerei", "de"),
        ("The Lakeside Courier called the budget a gamble.", "Lakeside Courier", "en"),
    ],
)
def test_frames_with_the_claimant_before_or_around_them(sentence, claimant, language):
    (attribution,) = read([sentence], language)
    assert (attribution.claimant, attribution.vague) == (claimant, False)


def test_a_role_and_name_before_a_speech_verb_is_a_speaker_not_a_frame():
    (attribution,) = read(["Union leader Gail Novak told members the vote was close."], "en")
    assert (attribution.speaker.name, attribution.phrase) == ("Gail Novak", None)


def test_a_clause_before_a_speech_verb_is_not_taken_as_the_claimant():
    (attribution,) = read(["Prices rose sharply as analysts warned of more cuts."], "en")
    assert attribution.claimant is None


def test_a_surname_after_a_role_in_a_mention_is_not_glued_to_the_words_before_it():
    found = names(["Nach Angaben von Stadträtin Holm wird die Brücke im Mai gesperrt."])
    assert found[0][0] == "Holm"


def test_the_words_of_a_source_are_never_part_of_the_claimant():
    (claim,) = extract_claims(
        "Nach Angaben der Stadt warten in Hollfeld 300 Familien auf eine Wohnung.",
        "de",
        min_checkworthiness=0,
    )
    assert "Angaben" not in (claim.claimant or "")


@pytest.mark.parametrize(
    "ending", ["by phone", "- the council leader", "speaking at the conference", "with a sigh"]
)
def test_a_speaker_after_said_may_be_followed_by_how_or_where_he_spoke(ending):
    found = names([f"The plan will cost £4 million, said Amy Shaw {ending}."], "en")
    assert found[0][0] == "Amy Shaw"
