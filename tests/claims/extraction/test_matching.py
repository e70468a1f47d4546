"""The claim matcher: a language-independent signature, its index keys, and the score."""

from claims.extraction.matching import (
    THRESHOLD,
    FigureValue,
    Reason,
    best_matches,
    compare,
    describe,
    keys,
    signature,
)

HARLOW_DE = (
    "Harlow Foods hat 2025 rund eine Milliarde Dollar Umsatz gemacht, sagte Finanzchef "
    "Brad Glasser."
)
HARLOW_EN = (
    "Harlow Foods made about $1 billion in revenue in 2025, chief financial officer "
    "Brad Glasser said."
)
OTHER_COMPANY_EN = (
    "Dunmore Steel made about $1 billion in revenue in 2025, chief executive Anna Pike said."
)


def test_a_german_and_an_english_figure_have_the_same_normalized_value_and_unit():
    german = signature("Der Konzern machte rund eine Milliarde Dollar Umsatz.", "de")
    english = signature("The group made about $1 billion in revenue.", "en")

    assert german.figures == english.figures == (FigureValue(1e9, "USD"),)


def test_the_speaker_is_kept_casefolded_with_its_accents():
    sig = signature("„Wir haben 300 Lehrer eingestellt“, sagte Ministerin Jana Köhler.", "de")

    assert sig.persons == ("jana köhler",)


def test_keys_name_figure_date_speaker_actor_and_words():
    found = keys(signature(HARLOW_EN, "en"))

    assert {"f:1e9:USD", "d:2025", "p:brad glasser", "a:harlow foods"} <= found
    assert "w:en:revenue" in found
    assert "b:en:billion revenue" in found


def test_two_companies_with_the_same_revenue_do_not_match_on_the_figure_alone():
    match = compare(signature(HARLOW_EN, "en"), signature(OTHER_COMPANY_EN, "en"))

    assert match.score < THRESHOLD


def test_a_shared_figure_counts_much_more_with_a_shared_speaker_than_without_one():
    query = signature("Brad Glasser said the plant cost $40 million.", "en")
    same_speaker = signature("The plant cost $40 million, Brad Glasser said.", "en")
    other_speaker = signature("The plant cost $40 million, Anna Pike said.", "en")

    assert compare(query, same_speaker).score >= THRESHOLD
    assert compare(query, other_speaker).score < compare(query, same_speaker).score - 0.3


def test_the_same_claim_in_german_and_english_matches_across_languages():
    match = compare(signature(HARLOW_DE, "de"), signature(HARLOW_EN, "en"))

    assert match.score >= THRESHOLD
    assert {r.kind for r in match.reasons} >= {"figure", "person", "date"}


def test_text_similarity_is_not_used_across_languages():
    match = compare(signature(HARLOW_DE, "de"), signature(HARLOW_EN, "en"))

    assert "text" not in {r.kind for r in match.reasons}


def test_a_sentence_reworded_in_one_language_matches_through_text_similarity():
    a = signature("The mayor said the old bridge over the river is no longer safe.", "en")
    b = signature("The old river bridge is no longer safe, the mayor said.", "en")

    match = compare(a, b)

    assert match.score >= THRESHOLD
    assert [r.kind for r in match.reasons] == ["text"]


def test_the_same_topic_with_a_different_figure_does_not_match():
    a = signature("Die Arbeitslosenquote im Kreis Eschental lag im Juni bei 4,8 Prozent.", "de")
    b = signature("Die Arbeitslosenquote im Kreis Eschental lag im Juni bei 6,2 Prozent.", "de")

    assert compare(a, b).score < THRESHOLD


def test_the_same_speaker_saying_something_else_does_not_match():
    a = signature("Mayor Carl Benson said Millbrook will open a new library next spring.", "en")
    b = signature("Mayor Carl Benson said the budget for roads will be cut.", "en")

    assert compare(a, b).score < THRESHOLD


def test_describe_puts_the_reasons_in_words():
    match = compare(signature(HARLOW_DE, "de"), signature(HARLOW_EN, "en"))

    text = describe(match, "en")

    assert "same figure: 1 billion USD" in text
    assert "same speaker: Brad Glasser" in text


def test_best_matches_ranks_the_same_claim_first_and_leaves_out_the_others():
    query = signature(HARLOW_DE, "de")
    candidates = [
        ("other", signature(OTHER_COMPANY_EN, "en")),
        ("same", signature(HARLOW_EN, "en")),
        ("unrelated", signature("The museum welcomed 310,000 visitors.", "en")),
    ]

    assert [identifier for identifier, _ in best_matches(query, candidates)] == ["same"]


def test_a_rise_and_a_fall_of_the_same_figure_by_the_same_speaker_do_not_match():
    rose = signature("Minister Lea Brandt said exports rose 12 percent.", "en")
    fell = signature("Minister Lea Brandt said imports fell by 12 percent.", "en")

    match = compare(rose, fell)

    assert match.score < THRESHOLD
    assert "direction_conflict" in {r.kind for r in match.reasons}


def test_a_german_separable_verb_states_its_direction():
    assert signature("Die Zahl der Unfälle ging um 8 Prozent zurück.", "de").directions == {"down"}
    assert signature("Die Mieten stiegen um 8 Prozent.", "de").directions == {"up"}


def test_companies_sharing_a_generic_word_are_different_actors_across_languages():
    german = signature(
        "Crestwood Textil hat 2025 einen Umsatz von 1 Milliarde Dollar gemeldet.", "de"
    )
    english = signature("Harrow Textil made $1 billion in revenue in 2025.", "en")

    match = compare(german, english)

    assert match.score < THRESHOLD
    assert "actor" not in {r.kind for r in match.reasons}


def test_the_same_speaker_figure_and_year_about_another_thing_do_not_match():
    growth = signature("Treasurer Mina Kovac said the economy grew 2.8 percent in 2025.", "en")
    wages = signature("Treasurer Mina Kovac said pensions went up 2.8 percent in 2025.", "en")

    match = compare(growth, wages)

    assert match.score < THRESHOLD
    assert "topic_conflict" in {r.kind for r in match.reasons}


def test_the_same_sentence_for_another_year_does_not_match_however_alike_the_words():
    earlier = signature("The Fennick zoo welcomed 310,000 visitors in 2023.", "en")
    later = signature("The Fennick zoo welcomed 310,000 visitors in 2024.", "en")

    assert compare(earlier, later).score < THRESHOLD


def test_a_bare_number_and_the_same_number_counted_are_the_same_number():
    bare = signature("Der TSV Wiesenbach kam auf einen Schnitt von 5.300 pro Spiel.", "de")
    counted = signature("Im Schnitt sahen 5300 Zuschauer die Spiele des TSV Wiesenbach.", "de")

    reasons = {r.kind for r in compare(bare, counted).reasons}

    assert "number" in reasons
    assert "figure_conflict" not in reasons


def test_a_possessive_names_the_same_organisation():
    plain = signature("Corvel Rail will buy 60 trains by 2029, the company said.", "en")
    possessive = signature("By 2029, Corvel Rail's fleet will grow by 60 new trains.", "en")

    assert "actor_conflict" not in {r.kind for r in compare(plain, possessive).reasons}


def test_the_same_number_of_two_different_things_is_no_shared_figure():
    births = signature("Das Klinikum Auental zählte 2025 genau 1.900 Geburten.", "de")
    operations = signature("Das Klinikum Auental zählte 2025 genau 1.900 Operationen.", "de")

    match = compare(births, operations)

    assert match.score < THRESHOLD
    assert "figure_conflict" in {r.kind for r in match.reasons}


def test_a_count_translated_with_another_noun_is_the_same_figure_across_languages():
    german = signature("Die Firma Velten Bau hat 2025 genau 310 Lehrkräfte geschult.", "de")
    english = signature("Velten Bau trained 310 teachers in 2025.", "en")

    match = compare(german, english)

    assert match.score >= THRESHOLD
    assert Reason("figure", "310 teachers") in match.reasons


def test_people_may_count_the_passengers_of_the_other_text():
    people = signature("Täglich nutzen 12.000 Menschen die Fähre nach Sandholm.", "de")
    passengers = signature("Die Fähre nach Sandholm hat täglich 12.000 Fahrgäste.", "de")

    assert "figure_conflict" not in {r.kind for r in compare(people, passengers).reasons}


def test_the_same_share_of_two_different_measures_does_not_match_across_languages():
    german = signature(
        "Laut Statistikerin Ute Marr lag die Inflationsrate in Kellborn 2025 bei 3,1 Prozent.", "de"
    )
    english = signature(
        "Statistician Ute Marr said the jobless rate in Kellborn was 3.1 percent in 2025.", "en"
    )

    match = compare(german, english)

    assert match.score < THRESHOLD
    assert Reason("measure_conflict", "inflation / unemployment") in match.reasons


def test_a_place_named_after_its_kind_word_meets_the_place_named_alone():
    with_kind = signature("Die Gemeinde Auwald hat am 3. Mai 2026 ihr Hallenbad eröffnet.", "de")
    alone = signature("Am 03.05.2026 wurde das Hallenbad von Auwald eröffnet.", "de")

    assert Reason("actor", "auwald") in compare(with_kind, alone).reasons


def test_two_companies_named_alike_are_rivals_even_with_a_place_in_common():
    one = signature("Birch Hill Dairies will cut 120 jobs at its plant in Marlow.", "en")
    other = signature("Ash Hill Dairies is cutting 120 jobs at its Marlow plant.", "en")

    match = compare(one, other)

    assert match.score < THRESHOLD
    assert "actor_conflict" in {r.kind for r in match.reasons}


def test_posts_for_teachers_count_the_same_number_as_the_teachers():
    teachers = signature("Im Kreis Hallberg fehlen derzeit 640 Lehrkräfte.", "de")
    posts = signature("Im Kreis Hallberg sind derzeit 640 Lehrerstellen unbesetzt.", "de")

    assert "figure_conflict" not in {r.kind for r in compare(teachers, posts).reasons}


def test_the_same_figure_in_two_places_does_not_match():
    one = signature("In Birkenfeld warten rund 400 Menschen auf einen Kitaplatz.", "de")
    other = signature("In Lindental warten rund 400 Menschen auf einen Kitaplatz.", "de")

    match = compare(one, other)

    assert match.score < THRESHOLD
    assert Reason("place_conflict", "birkenfeld / lindental") in match.reasons


def test_the_same_day_counts_more_than_the_same_month():
    day = compare(
        signature("Die Fähre nach Sandholm fährt ab dem 4. Mai 2026 stündlich.", "de"),
        signature("Am 04.05.2026 beginnt der Stundentakt der Sandholmer Fährlinie.", "de"),
    )
    month = compare(
        signature("Die Fähre nach Sandholm fährt ab Mai 2026 stündlich.", "de"),
        signature("Im Mai 2026 beginnt der Stundentakt der Sandholmer Fährlinie.", "de"),
    )
    assert day.score > month.score


def test_synonyms_for_one_measure_are_no_topic_conflict():
    jobless = signature("Minister Anna Berg said the jobless rate was 5.9 percent.", "en")
    unemployment = signature("Unemployment stood at 5.9 percent, said Anna Berg.", "en")

    assert compare(jobless, unemployment).score >= THRESHOLD


def test_a_particle_of_an_everyday_phrase_states_no_direction():
    assert not signature("Die Stadt werde 40 Millionen Euro in die Hand nehmen.", "de").directions


def test_where_something_was_said_is_no_place_it_is_about():
    assert not signature("The rate is 4 percent, the minister said in London.", "en").places
