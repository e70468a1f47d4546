"""claims/text.py: an article's text as it is stored, compared and split (pure functions)."""

from claims.text import body_sha256, normalize_body, split_headline, url_key

DECOMPOSED = "Bu\u0308rger"  # "Bürger" with u + combining diaeresis, as macOS pastes it


def test_normalize_body_turns_crlf_into_lf():
    assert normalize_body("Erste Zeile.\r\nZweite Zeile.") == "Erste Zeile.\nZweite Zeile."


def test_normalize_body_turns_a_lone_cr_into_lf():
    assert normalize_body("Erste Zeile.\rZweite Zeile.") == "Erste Zeile.\nZweite Zeile."


def test_normalize_body_composes_unicode_to_nfc():
    assert normalize_body(f"Die {DECOMPOSED} zahlen.") == "Die Bürger zahlen."


def test_normalize_body_strips_whitespace_at_the_end_only():
    assert normalize_body("  Eingerückt.\n\nSchluss. \r\n\t ") == "  Eingerückt.\n\nSchluss."


def test_normalize_body_leaves_a_normalized_text_as_it_is():
    text = "Die Stadt zählte 85 Millionen Fahrgäste.\n\nDer Kämmerer warnte."
    assert normalize_body(text) == text


def test_the_same_text_with_other_line_breaks_has_the_same_sha256():
    assert body_sha256("Eins.\r\nZwei.\r\n") == body_sha256("Eins.\nZwei.")


def test_a_body_without_text_has_no_sha256():
    assert body_sha256(" \r\n ") == ""


def test_url_key_ignores_how_the_same_address_is_spelled():
    assert (
        url_key("HTTP://WWW.Zeitung.example:80/politik/artikel-1/?utm_source=x#kommentare")
        == url_key("https://zeitung.example/politik/artikel-1")
        == "zeitung.example/politik/artikel-1"
    )


def test_url_key_keeps_the_other_query_parameters_in_any_order():
    assert url_key("https://zeitung.example/a?id=2&seite=1") == url_key(
        "https://zeitung.example/a?seite=1&id=2"
    )
    assert url_key("https://zeitung.example/a?id=2") != url_key("https://zeitung.example/a?id=3")


def test_url_key_keeps_the_case_of_the_path():
    assert url_key("https://zeitung.example/Artikel") != url_key("https://zeitung.example/artikel")


def test_url_key_of_no_http_address_is_empty():
    assert url_key("") == url_key("ftp://zeitung.example/a") == url_key("https://:99999/") == ""


def test_split_headline_takes_a_short_first_line_without_final_punctuation():
    text = "Stadt zählt Rekord bei Fahrgästen\nDie Stadt zählte 85 Millionen Fahrgäste."
    assert split_headline(text) == (
        "Stadt zählt Rekord bei Fahrgästen",
        "Die Stadt zählte 85 Millionen Fahrgäste.",
    )


def test_split_headline_keeps_a_first_line_that_ends_like_a_sentence():
    assert split_headline("The council met on Monday.\nIt approved the budget.") is None


def test_split_headline_needs_more_text_below():
    assert split_headline("Council approves budget\n\n") is None


def test_split_headline_refuses_a_long_first_line():
    long_line = " ".join(["word"] * 17)
    assert split_headline(f"{long_line}\nThe council approved the budget.") is None
