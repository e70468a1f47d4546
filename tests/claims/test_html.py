"""claims.html: an article that arrives as HTML, its text as stored and its own links."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.html import (
    article_from_html,
    cut,
    links_around,
    looks_like_html,
    relocate_links,
)
from claims.text import normalize_body

PAGE = """<!doctype html>
<html lang="de-DE"><head><meta charset="utf-8"><title>Rekord | Rheinfelder Rundschau</title>
<script>window.tracking = "Die Stadt zählte 99 Millionen";</script></head>
<body>
<header><h1>Rheinfelder Rundschau</h1><nav><a href="/">Start</a> <a href="/politik">Politik</a></nav></header>
<article>
  <header><h1>Stadtwerke   melden Rekord</h1></header>
  <p>Die Stadtwerke haben laut
     <a href="https://stadtwerke.example/bericht-2025.pdf">Jahresbericht</a> mehr als
     85&nbsp;Millionen Fahrgäste befördert.</p>
  <p>„Wir bauen für die nächste Generation“, sagte
     <a href="/personen/albers">Petra Albers</a>.<br>Die Kosten: 1,2 Milliarden Euro.</p>
  <p hidden>Versteckter Text</p>
  <aside>Lesen Sie auch: <a href="/andere">Anderes</a></aside>
</article>
<footer><a href="/impressum">Impressum</a></footer>
</body></html>
"""


def spans_hold(article):
    return all(article.body[link["start"] : link["end"]] == link["text"] for link in article.links)


# --- reading a page ---------------------------------------------------------


def test_paragraphs_become_lines_with_white_space_collapsed():
    article = article_from_html(PAGE, base_url="https://rundschau.example/a/rekord")
    assert article.body == (
        "Die Stadtwerke haben laut Jahresbericht mehr als 85 Millionen Fahrgäste befördert.\n"
        "„Wir bauen für die nächste Generation“, sagte Petra Albers.\n"
        "Die Kosten: 1,2 Milliarden Euro."
    )


def test_every_link_keeps_the_exact_span_of_its_text_in_the_body():
    article = article_from_html(PAGE, base_url="https://rundschau.example/a/rekord")
    assert [(link["text"], link["url"]) for link in article.links] == [
        ("Jahresbericht", "https://stadtwerke.example/bericht-2025.pdf"),
        ("Petra Albers", "https://rundschau.example/personen/albers"),
    ]
    assert spans_hold(article)
    first = article.links[0]
    assert (first["start"], first["end"]) == (26, 39)


def test_the_headline_of_the_article_is_the_title_and_no_line_of_the_body():
    article = article_from_html(PAGE)
    assert article.title == "Stadtwerke melden Rekord"
    assert "Rekord" not in article.body


def test_without_a_headline_the_title_comes_from_the_page():
    html = '<html><head><meta property="og:title" content="Rekord bei den Stadtwerken"><title>x</title></head><body><p>Die Stadt zählte 85 Millionen Fahrgäste.</p></body></html>'
    assert article_from_html(html).title == "Rekord bei den Stadtwerken"
    html = "<title> Rekord  </title><p>Die Stadt zählte 85 Millionen Fahrgäste.</p>"
    assert article_from_html(html).title == "Rekord"


def test_navigation_furniture_scripts_and_hidden_text_are_not_part_of_the_body():
    body = article_from_html(PAGE).body
    for absent in ("Politik", "Impressum", "99 Millionen", "Versteckter", "Lesen Sie", "Rundschau"):
        assert absent not in body


def test_the_longest_article_of_a_page_is_its_main_text():
    html = (
        "<body><article><p>Kurzer Teaser.</p></article>"
        "<article><p>Der eigentliche Artikel hat viel mehr Text als der Teaser davor.</p></article>"
        "</body>"
    )
    assert article_from_html(html).body == (
        "Der eigentliche Artikel hat viel mehr Text als der Teaser davor."
    )


def test_a_fragment_without_a_document_around_it_is_read_too():
    article = article_from_html(
        '<p>Erster Absatz mit <a href="https://a.example/">Link</a>.</p><p>Zweiter.</p>'
    )
    assert article.body == "Erster Absatz mit Link.\nZweiter."
    assert article.links == [{"url": "https://a.example/", "text": "Link", "start": 18, "end": 22}]


def test_relative_links_need_an_address_to_be_made_absolute():
    html = '<p>Siehe <a href="/bericht">Bericht</a>.</p>'
    assert article_from_html(html).links == []
    assert article_from_html(html, base_url="https://a.example/x/y").links[0]["url"] == (
        "https://a.example/bericht"
    )
    with_base = '<base href="https://b.example/dir/">' + html.replace("/bericht", "bericht")
    assert article_from_html(with_base).links[0]["url"] == "https://b.example/dir/bericht"


@pytest.mark.parametrize(
    "href", ["mailto:presse@stadt.example", "javascript:alert(1)", "#oben", "ftp://a.example/f", ""]
)
def test_links_that_are_no_web_addresses_are_left_out(href):
    html = f'<p>Schreiben Sie <a href="{href}">uns</a>.</p>'
    assert article_from_html(html, base_url="https://a.example/").links == []


def test_a_link_without_text_is_left_out():
    html = (
        '<p>Bild: <a href="https://a.example/bild"><img src="x.png" alt="Ein Bild"></a> Ende.</p>'
    )
    article = article_from_html(html)
    assert article.links == [] and article.body == "Bild: Ende."


def test_a_link_around_several_paragraphs_spans_them_as_they_are_stored():
    html = '<a href="https://a.example/"><p>Erster Teil.</p><p>Zweiter Teil.</p></a>'
    article = article_from_html(html)
    assert article.links[0]["text"] == "Erster Teil.\nZweiter Teil."
    assert spans_hold(article)


def test_the_body_is_stored_as_every_body_and_offsets_follow_composed_characters():
    # "a" and a combining diaeresis in two text nodes: stored, they are one "ä".
    html = '<p>Die Stadt za<b>\u0308hlte</b> <a href="https://a.example/">85 Millionen</a>.</p>'
    article = article_from_html(html)
    assert article.body == normalize_body(article.body) == "Die Stadt zählte 85 Millionen."
    assert article.links[0]["text"] == "85 Millionen"
    assert spans_hold(article)


def test_the_declared_language_is_read():
    assert article_from_html(PAGE).language == "de"
    assert article_from_html("<p>x</p>").language == ""


@pytest.mark.parametrize(
    ("text", "is_html"),
    [("<p>Hallo</p>", True), ("Text mit <br> Umbruch", True), ("Nur Text, 3 < 4 > 2.", False)],
)
def test_markup_is_told_from_plain_text(text, is_html):
    assert looks_like_html(text) is is_html


def test_a_cut_body_keeps_only_the_links_inside_it():
    article = article_from_html(
        '<p><a href="https://a.example/">Erster</a> Satz.</p><p><a href="https://b.example/">Zweiter</a> Satz.</p>'
    )
    short = cut(article, len("Erster Satz.\nZwei"))
    assert short.body == "Erster Satz.\nZwei"
    assert [link["url"] for link in short.links] == ["https://a.example/"]


words = st.text(alphabet="abcäöüßxyz AOU.,\u0308", min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(words, st.booleans(), st.sampled_from(["p", "span", "li", "b", "br"])),
        min_size=1,
        max_size=12,
    )
)
def test_whatever_the_markup_each_link_span_is_its_text_in_the_stored_body(parts):
    html = "".join(
        f'<{tag}><a href="https://a.example/{i}">{text}</a></{tag}>'
        if linked
        else f"<{tag}>{text}</{tag}>"
        for i, (text, linked, tag) in enumerate(parts)
    )
    article = article_from_html(html)
    assert article.body == normalize_body(article.body)
    assert spans_hold(article)
    assert all(link["text"].strip() for link in article.links)


# --- links of a body that changed ------------------------------------------


LINKS = [
    {"url": "https://a.example/bericht", "text": "Bericht", "start": 10, "end": 17},
    {"url": "https://a.example/albers", "text": "Albers", "start": 30, "end": 36},
]
BODY = "Laut dem  Bericht stieg es.   Albers sagte das."


def test_links_still_standing_at_their_offsets_stay():
    assert relocate_links(LINKS, BODY) == LINKS


def test_a_link_whose_text_moved_is_found_again_nearest_to_where_it_was():
    moved = relocate_links(LINKS, "Vorspann. " + BODY)
    assert [(link["text"], link["start"]) for link in moved] == [("Bericht", 20), ("Albers", 40)]
    body = "Bericht eins. " + "x" * 20 + " Bericht zwei."
    late = {**LINKS[0], "start": 30, "end": 37}
    assert relocate_links([late], body)[0]["start"] == body.rindex("Bericht")


def test_a_link_whose_text_is_gone_is_dropped_rather_than_pointing_elsewhere():
    assert relocate_links(LINKS, "Laut dem Jahresheft stieg es. Albers sagte das.") == [
        {**LINKS[1], "start": 30, "end": 36}
    ]


def test_a_link_is_found_again_only_as_a_whole_word():
    assert relocate_links([LINKS[0]], "Die Berichte stiegen, Berichterstattung auch.") == []


def test_two_links_with_the_same_text_do_not_land_on_one_occurrence():
    links = [
        {"url": "https://a.example/1", "text": "hier", "start": 0, "end": 4},
        {"url": "https://a.example/2", "text": "hier", "start": 9, "end": 13},
    ]
    moved = relocate_links(links, "Neu: hier und hier.")
    assert sorted(link["start"] for link in moved) == [5, 14]


# --- the links around a claim ----------------------------------------------


TEXT = "Die Stadt zählte 85 Millionen Fahrgäste (Jahresbericht).\nAnderer Satz mit Quelle."


def link_to(url, text):
    start = TEXT.index(text)
    return {"url": url, "text": text, "start": start, "end": start + len(text)}


AROUND = [
    link_to("https://a.example/jb", "Jahresbericht"),
    link_to("https://a.example/q", "Quelle"),
    link_to("https://a.example/zahl", "85 Millionen"),
]


def test_links_inside_a_claim_and_right_next_to_it_are_around_it():
    claim_end = TEXT.index(" (")
    found = links_around(AROUND, TEXT, 0, claim_end)
    assert [link["url"] for link in found] == ["https://a.example/zahl", "https://a.example/jb"]


def test_a_link_on_another_line_or_further_away_is_not_around_the_claim():
    assert links_around(AROUND, TEXT, 0, len("Die Stadt")) == []
    other = TEXT.index("Anderer Satz")
    assert links_around(AROUND, TEXT, other, other + len("Anderer Satz")) == []


def test_each_address_is_proposed_once():
    twice = [*AROUND, link_to("https://a.example/zahl", "Fahrgäste")]
    found = links_around(twice, TEXT, 0, TEXT.index("\n"))
    assert [link["url"] for link in found].count("https://a.example/zahl") == 1


@pytest.mark.django_db
def test_an_article_edited_later_keeps_its_links_on_their_text_or_drops_them():
    from claims.services import save_article
    from tests.factories import ArticleFactory

    page = article_from_html(PAGE, base_url="https://rundschau.example/a/rekord")
    article = ArticleFactory(body=page.body, links=page.links)
    article.body = "Neu vorangestellt.\n" + page.body.replace("Petra Albers", "die Dezernentin")
    save_article(article)
    article.refresh_from_db()
    assert [link["text"] for link in article.links] == ["Jahresbericht"]
    assert spans_hold(article)
