import pytest

from claims.extraction.segment import paragraphs, quotes, sentences


def split(text, language="de"):
    return [text[s.start : s.end] for s in sentences(text, language)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Es gab z. B. Äpfel u. a. aus Italien.",
        "Dr. Meier und Prof. Schulz widersprachen.",
        "Die Kosten betragen ca. 1,5 Mio. Euro bzw. 2 Mrd. Euro insgesamt.",
        "Er kam am 3. März 2024 in Berlin an.",
        "Die Zahl stieg auf 1.000 Fälle.",
        "Mehr steht unter https://example.org/a.b?x=1 im Netz.",
        "Das Urteil Nr. 5 gilt.",
    ],
)
def test_german_abbreviations_numbers_and_urls_do_not_end_a_sentence(sentence):
    assert split(f"{sentence} Danach kam nichts mehr.") == [sentence, "Danach kam nichts mehr."]


@pytest.mark.parametrize(
    "sentence",
    [
        "The U.S. economy grew 2.5 percent.",
        "Acme Inc. and others, e.g. banks, agreed.",
        "Growth reached 1,000,000 units.",
    ],
)
def test_english_abbreviations_and_numbers_do_not_end_a_sentence(sentence):
    assert split(f"{sentence} Then it stopped.", "en") == [sentence, "Then it stopped."]


def test_a_quotation_over_several_sentences_stays_one_sentence():
    text = "„Wir gehen. Heute noch. Sofort“, sagte sie. Dann war Ruhe."
    assert split(text) == ["„Wir gehen. Heute noch. Sofort“, sagte sie.", "Dann war Ruhe."]


def test_an_attribution_after_a_quotation_stays_with_it():
    text = '"We won. It was great," she said. Then she left.'
    assert split(text, "en") == ['"We won. It was great," she said.', "Then she left."]


def test_an_opening_quote_mark_starts_the_next_sentence():
    text = "Er zögerte. »Ja. Nein.« So war es."
    assert split(text) == ["Er zögerte.", "»Ja. Nein.«", "So war es."]


def test_every_line_is_a_paragraph_and_sentences_never_cross_it():
    text = "Überschrift ohne Punkt\nErster Satz. Zweiter Satz.\n\nDritter Satz."
    found = sentences(text, "de")
    assert [text[s.start : s.end] for s in found] == [
        "Überschrift ohne Punkt",
        "Erster Satz.",
        "Zweiter Satz.",
        "Dritter Satz.",
    ]
    assert [s.paragraph for s in found] == [0, 1, 1, 2]
    assert len(paragraphs(text)) == 3


def test_sentences_have_no_outer_whitespace_and_exact_offsets():
    text = "  Eins ist gut.   Zwei ist besser.  "
    assert split(text) == ["Eins ist gut.", "Zwei ist besser."]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Er sagte: „Wir gehen.“ Fertig.", ["„Wir gehen.“"]),
        ("Er sagte: »Wir gehen.« Fertig.", ["»Wir gehen.«"]),
        ("He said: “We go.” Done.", ["“We go.”"]),
        ('He said: "We go." Done.', ['"We go."']),
        ("Er sagte: ‚Wir gehen.‘ Fertig.", ["‚Wir gehen.‘"]),
        ("„Er rief: ‚Halt!‘ und ging“, hieß es.", ["„Er rief: ‚Halt!‘ und ging“"]),
    ],
)
def test_quotation_marks_of_both_languages(text, quoted):
    assert [text[q.start : q.end] for q in quotes(text)] == quoted


def test_an_unclosed_quote_is_not_a_quotation():
    assert quotes("Er sagte: „Wir gehen. Fertig.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The audit (report no. 12) found gaps.",
        "Case No. 4471 was closed.",
        "It drew approx. 3,000 visitors.",
        "Small firms, e.g. bakeries, pay less.",
        "That is, i.e. in plain words, a cut.",
        "Mr. Okoye and Mrs. Lund met Ms. Berg.",
        "Dr. Amal Haddad led the team.",
        "Sen. Ada Moss and Gov. Ray Bell met.",
        "Northwind Ltd. and Harbour Co. signed.",
        "It opened on Feb. 12 and closed on Nov. 3 last year.",
        "The plan vs. the budget was the issue.",
        "He lives on St. Anne's Road.",
        "Pens, paper, etc. are included.",
        "Acme Inc. announced cuts.",
    ],
)
def test_english_abbreviations_before_a_number_lowercase_or_name_do_not_end_a_sentence(
    sentence,
):
    assert split(f"{sentence} Then it stopped.", "en") == [sentence, "Then it stopped."]


def test_an_english_abbreviation_at_a_real_sentence_end_still_ends_it():
    text = "Prices rose, e.g. for pens, paper, etc. The shops were full."
    assert split(text, "en") == ["Prices rose, e.g. for pens, paper, etc.", "The shops were full."]


@pytest.mark.parametrize(
    "sentence",
    ["Siehe Art. 3 des Gesetzes.", "Die Regel Abs. 2 gilt.", "Der Bescheid vom 4. Jan. 2025 gilt."],
)
def test_more_german_abbreviations_before_a_number_do_not_end_a_sentence(sentence):
    assert split(f"{sentence} Danach kam nichts mehr.") == [sentence, "Danach kam nichts mehr."]
