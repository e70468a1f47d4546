from claims.extraction import extract_claims


def texts(text, language="de"):
    return [c.text for c in extract_claims(text, language, min_checkworthiness=0)]


def test_a_sentence_with_two_figures_across_a_dash_becomes_two_claims():
    text = (
        "Das Labor habe über 100 Studien veröffentlicht – eine Arbeit, die eigenen Angaben "
        "zufolge rund eine Milliarde Dollar Umsatz eingebracht habe."
    )
    assert texts(text) == [
        "Das Labor habe über 100 Studien veröffentlicht",
        "eine Arbeit, die eigenen Angaben zufolge rund eine Milliarde Dollar Umsatz eingebracht habe.",
    ]


def test_coordinated_predicates_with_their_own_figures_are_split():
    text = (
        "The plant will cost about $340 million and is expected to supply 45 million litres a day."
    )
    assert texts(text, "en") == [
        "The plant will cost about $340 million",
        "is expected to supply 45 million litres a day.",
    ]


def test_a_range_is_not_split():
    text = "Die Preise stiegen zwischen 10 und 20 Prozent."
    assert texts(text) == [text]


def test_a_part_without_a_fact_of_its_own_stays_attached():
    text = "Die Busse beförderten 85 Millionen Fahrgäste – so viele wie nie zuvor."
    assert texts(text) == [text]


def test_a_quotation_is_never_cut():
    text = "„Wir haben 100 Busse gekauft – und 20 Bahnen“, sagte Kessler."
    assert texts(text) == [text]


def test_split_claims_keep_exact_spans():
    text = "Der Umsatz stieg um 5 Prozent; der Gewinn sank um 3 Prozent."
    for claim in extract_claims(text, "de"):
        assert text[claim.start : claim.end] == claim.text
    assert len(texts(text)) == 2


def test_a_very_long_run_of_cuts_is_split_without_exhausting_the_stack():
    text = "die acht Leute und " * 1100 + "."
    assert len(extract_claims(text, "de", min_checkworthiness=0)) == 1100
