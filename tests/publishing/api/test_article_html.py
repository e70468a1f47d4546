"""POST /api/v1/articles/ with `html` instead of `body`, and the article's `links` in replies."""

import pytest
from django.urls import reverse

from claims.models import Article

pytestmark = pytest.mark.django_db

ARTICLES = reverse("api:article-list")
HTML = """<html lang="de"><body><nav><a href="/">Start</a></nav>
<article><h1>Rekord bei den Fahrgästen</h1>
<p>Die Stadt zählte 2025 laut <a href="/bericht">Jahresbericht</a> rund 85 Millionen Fahrgäste.</p>
<p>Der Kämmerer warnte, die Stadt habe 780 Mio. Euro Schulden (<a href="https://stadt.example/haushalt">Haushalt</a>).</p>
</article></body></html>"""


def post(api, **fields):
    return api.post(ARTICLES, fields, format="json")


def test_html_is_stored_as_its_text_with_its_links_and_their_positions(cms):
    response = post(cms, html=HTML, url="https://rundschau.example/a/rekord", external_id="h-1")
    assert response.status_code == 201, response.json()
    data = response.json()
    article = Article.objects.get(pk=data["id"])
    assert data["title"] == "Rekord bei den Fahrgästen"
    assert article.body.startswith("Die Stadt zählte 2025 laut Jahresbericht rund 85 Millionen")
    assert data["links"] == [
        {
            "url": "https://rundschau.example/bericht",
            "text": "Jahresbericht",
            "start": article.body.index("Jahresbericht"),
            "end": article.body.index("Jahresbericht") + len("Jahresbericht"),
        },
        {
            "url": "https://stadt.example/haushalt",
            "text": "Haushalt",
            "start": article.body.index("Haushalt"),
            "end": article.body.index("Haushalt") + len("Haushalt"),
        },
    ]
    assert data["claims"]


def test_a_given_title_wins_over_the_headline(cms):
    data = post(cms, html=HTML, title="Eigener Titel").json()
    assert data["title"] == "Eigener Titel"


def test_reading_the_article_returns_its_links_and_the_list_leaves_them_out(cms):
    created = post(cms, html=HTML, url="https://rundschau.example/a/lesen").json()
    read = cms.get(reverse("api:article-detail", args=[created["id"]])).json()
    assert [link["text"] for link in read["links"]] == ["Jahresbericht", "Haushalt"]
    listed = cms.get(ARTICLES).json()["results"][0]
    assert "links" not in listed


def test_an_article_sent_as_plain_text_has_no_links(cms):
    data = post(cms, title="Text", body="Die Stadt zählte 2025 rund 85 Millionen Fahrgäste.").json()
    assert data["links"] == []


def test_sent_again_as_plain_text_the_links_stay_on_their_text_or_go(cms):
    first = post(cms, html=HTML, url="https://rundschau.example/a/neu", external_id="h-2").json()
    body = Article.objects.get(pk=first["id"]).body
    again = post(
        cms, title="Neu", body="Vorspann.\n" + body.replace("Haushalt", "Plan"), external_id="h-2"
    )
    assert again.status_code == 200
    article = Article.objects.get(pk=first["id"])
    assert [link["text"] for link in again.json()["links"]] == ["Jahresbericht"]
    link = article.links[0]
    assert article.body[link["start"] : link["end"]] == "Jahresbericht"


@pytest.mark.parametrize(
    ("payload", "words"),
    [
        ({"html": HTML, "body": "Die Stadt zählte 85 Millionen."}, "either a body or html"),
        ({"title": "x", "html": "Die Stadt zählte 85 Millionen."}, "not HTML"),
        ({"title": "x", "html": "<div><script>x()</script></div>"}, "no article text"),
        ({"html": "<p>Die Stadt zählte 2025 rund 85 Millionen Fahrgäste.</p>"}, "title"),
    ],
)
def test_bad_html_is_a_clear_400_and_nothing_is_stored(cms, payload, words):
    response = post(cms, **payload)
    assert response.status_code == 400
    assert words in str(response.json())
    assert not Article.objects.exists()


def test_html_whose_text_is_above_the_limit_is_refused(cms, settings):
    settings.EXTRACTION_MAX_CHARS = 50
    response = post(cms, html=HTML)
    assert response.status_code == 400
    assert "the limit is 50" in str(response.json()["details"])
    assert not Article.objects.exists()


def test_the_schema_documents_html_in_and_links_out(cms):
    schema = cms.get(reverse("schema"), {"format": "json"}).json()
    components = schema["components"]["schemas"]
    assert "html" in components["ArticleInputRequest"]["properties"]
    assert "links" in components["Article"]["properties"]
    assert set(components["Link"]["properties"]) == {"url", "text", "start", "end"}
