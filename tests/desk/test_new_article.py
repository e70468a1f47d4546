"""The desk's "New article": pasted text, pasted HTML, or an address a worker fetches;
and the article's own links proposed as sources in the claim workspace."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.timezone import localtime

from claims.html import article_from_html
from claims.models import Article, Claim
from claims.services import save_article
from sources.models import Evidence, Source
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    EvidenceFactory,
    SourceFactory,
    UserFactory,
)
from tests.sources.queue import queued_archive_tasks
from tests.worker import purge_queues

pytestmark = pytest.mark.django_db

NEW = reverse("desk:article-new")
TEXT = (
    "Die Stadt zählte 2025 rund 85 Millionen Fahrgäste.\n"
    "„Das sind 15 Prozent mehr als im bisherigen Rekordjahr 2019“, sagte Verkehrsdezernentin Petra Albers.\n"
    "Der Kämmerer warnte, die Stadt habe 780 Mio. Euro Schulden."
)
HTML = """<html lang="de"><head><title>Rekord | Rundschau</title></head><body>
<nav><a href="https://rundschau.example/">Start</a></nav>
<article><h1>Rekord bei den Fahrgästen</h1>
<p>Die Stadt zählte 2025 laut <a href="https://stadtwerke.example/bericht">Jahresbericht</a> rund 85 Millionen Fahrgäste.</p>
<p>Der Kämmerer warnte, die Stadt habe 780 Mio. Euro Schulden (<a href="https://stadt.example/haushalt">Haushalt</a>).</p>
</article></body></html>"""


def post(client, **fields):
    return client.post(NEW, {"kind": "text", "title": "", "language": "", **fields})


@pytest.fixture(autouse=True)
def fetchable_test_server(settings):
    settings.FETCH_ALLOWED_NETWORKS = ["127.0.0.2/32"]


@pytest.fixture(autouse=True)
def in_english(client):
    # The desk speaks German unless the browser asks otherwise; these tests read English.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


# --- who may ---------------------------------------------------------------


def test_the_form_needs_a_login(client):
    response = client.get(NEW)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_people_outside_the_desk_may_not_add_articles(client):
    client.force_login(UserFactory())
    assert client.get(NEW).status_code == 403
    assert post(client, title="Fahrgäste", text=TEXT).status_code == 403
    assert not Article.objects.exists()


def test_editors_may_add_articles_too(editor_client):
    assert post(editor_client, title="Fahrgäste", text=TEXT).status_code == 302


def test_a_post_without_the_csrf_token_is_refused(reviewer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    assert post(client, title="Fahrgäste", text=TEXT).status_code == 403
    assert not Article.objects.exists()


def test_the_article_list_and_the_dashboard_link_to_the_form(reviewer_client):
    for page in ("desk:articles", "desk:dashboard"):
        html = reviewer_client.get(reverse(page)).content.decode()
        assert f'href="{NEW}"' in html


def test_the_form_offers_text_html_and_an_address(reviewer_client):
    html = reviewer_client.get(NEW).content.decode()
    for kind in ("text", "html", "url"):
        assert f'name="kind" value="{kind}"' in html
    assert 'name="published_at"' in html and 'name="language"' in html


# --- pasted text -------------------------------------------------------------


def test_pasted_text_is_stored_and_its_claims_extracted_at_once(reviewer_client):
    response = post(reviewer_client, title="Fahrgäste", text=TEXT, published_at="2026-11-25")
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:article", args=[article.pk])
    assert article.body == TEXT and article.title == "Fahrgäste"
    assert (
        article.language == "de"
        and localtime(article.published_at).date().isoformat() == "2026-11-25"
    )
    assert article.claims.filter(text__contains="85 Millionen").exists()


def test_without_a_title_a_headline_first_line_becomes_the_title(reviewer_client):
    post(reviewer_client, text="Rekord bei den Fahrgästen\n" + TEXT)
    article = Article.objects.get()
    assert article.title == "Rekord bei den Fahrgästen" and article.body == TEXT


def test_text_without_any_title_is_refused_with_a_clear_error(reviewer_client):
    response = post(reviewer_client, text=TEXT)
    assert response.status_code == 400
    assert "Give the article a title." in response.content.decode()
    assert not Article.objects.exists()


def test_empty_text_is_refused(reviewer_client):
    response = post(reviewer_client, title="Leer", text="   \n ")
    assert response.status_code == 400
    assert "Paste the text of the article." in response.content.decode()
    assert not Article.objects.exists()


def test_text_above_the_limit_is_refused_and_nothing_is_written(reviewer_client, settings):
    settings.EXTRACTION_MAX_CHARS = 50
    response = post(reviewer_client, title="Lang", text=TEXT)
    assert response.status_code == 400
    assert "the limit is 50" in response.content.decode()
    assert not Article.objects.exists() and not Claim.objects.exists()


def test_the_language_is_detected_and_a_chosen_one_wins(reviewer_client):
    english = "The city counted 85 million passengers in 2025, the council said on Tuesday."
    post(reviewer_client, title="Passengers", text=english)
    assert Article.objects.get(title="Passengers").language == "en"
    post(reviewer_client, title="Gewählt", text=TEXT, language="en")
    assert Article.objects.get(title="Gewählt").language == "en"


def test_the_same_text_again_is_refused_with_a_link_to_the_stored_article(reviewer_client):
    existing = ArticleFactory(body=TEXT, title="Schon da")
    response = post(reviewer_client, title="Nochmal", text=TEXT.replace("\n", "\r\n"))
    page = response.content.decode()
    assert response.status_code == 400
    assert f'href="{reverse("desk:article", args=[existing.pk])}"' in page
    assert "same text" in page
    assert Article.objects.count() == 1


def test_an_impossible_publication_date_is_a_form_error(reviewer_client):
    response = post(reviewer_client, title="Alt", text=TEXT, published_at="0099-01-01")
    assert response.status_code == 400 and "between 1900 and 2100" in response.content.decode()


# --- pasted HTML ---------------------------------------------------------------


def test_pasted_html_keeps_its_text_headline_and_links(reviewer_client):
    response = post(reviewer_client, kind="html", html=HTML)
    article = Article.objects.get()
    assert response.status_code == 302
    assert article.title == "Rekord bei den Fahrgästen"
    assert article.body.startswith("Die Stadt zählte 2025 laut Jahresbericht rund 85 Millionen")
    assert "Start" not in article.body
    assert [link["url"] for link in article.links] == [
        "https://stadtwerke.example/bericht",
        "https://stadt.example/haushalt",
    ]
    assert all(article.body[li["start"] : li["end"]] == li["text"] for li in article.links)
    assert article.claims.exists()


def test_plain_text_in_the_html_field_is_refused(reviewer_client):
    response = post(reviewer_client, kind="html", title="Kein HTML", html=TEXT)
    assert response.status_code == 400
    assert "This is not HTML" in response.content.decode()
    assert not Article.objects.exists()


def test_html_beyond_what_a_request_may_carry_is_a_400_not_an_error(reviewer_client):
    huge = "<p>" + "Die Stadt zählte 85 Millionen Fahrgäste. " * 80_000 + "</p>"
    response = post(reviewer_client, kind="html", title="Riesig", html=huge)
    assert response.status_code == 400
    assert not Article.objects.exists()


def test_html_above_its_own_limit_is_a_form_error(reviewer_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000_000
    huge = "<p>" + "x" * 2_000_001 + "</p>"
    response = post(reviewer_client, kind="html", title="Riesig", html=huge)
    assert response.status_code == 400
    assert "at most 2000000 characters" in response.content.decode()
    assert not Article.objects.exists()


def test_html_without_text_is_refused(reviewer_client):
    response = post(
        reviewer_client, kind="html", title="Leer", html="<div><script>x()</script></div>"
    )
    assert response.status_code == 400
    assert "There is no article text in this HTML." in response.content.decode()


# --- an address ------------------------------------------------------------------


def test_an_address_makes_a_pending_article_that_a_worker_fetches(
    reviewer_client, web, django_capture_on_commit_callbacks
):
    purge_queues()
    url = web.url("/page/desk-new")
    with django_capture_on_commit_callbacks(execute=True):
        response = post(reviewer_client, kind="url", url=url)
    article = Article.objects.get()
    assert response.status_code == 302
    assert article.fetch_status == "pending" and article.url == url and article.body == ""
    assert queued_archive_tasks() == 1  # on the "fetch" queue, for a worker
    purge_queues()
    page = reviewer_client.get(response["Location"]).content.decode()
    assert 'data-fetch-status="pending"' in page
    assert reverse("desk:article-status", args=[article.pk]) in page


def test_an_address_is_fetched_and_the_article_gets_its_text(
    reviewer_client, web, django_capture_on_commit_callbacks, eager_tasks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(reviewer_client, kind="url", url=web.url("/page/desk-fetched"))
    article = Article.objects.get()
    assert article.fetch_status == "fetched"
    assert article.title == "Stadtwerke melden Rekord desk-fetched"
    assert "85 Millionen" in article.body and article.claims.exists()
    status = reviewer_client.get(reverse("desk:article-status", args=[article.pk])).json()
    assert status == {"status": "fetched", "label": "fetched", "error": ""}


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("", "Give the address of the article."),
        ("not an address", "Enter a valid URL."),
        ("http://10.1.2.3/artikel", "internal or reserved address"),
        ("http://127.0.0.1/artikel", "internal or reserved address"),
        ("ftp://files.example/artikel", "Only http and https addresses"),
    ],
)
def test_a_bad_or_blocked_address_is_a_form_error_and_nothing_is_written(
    reviewer_client, url, words
):
    response = post(reviewer_client, kind="url", url=url)
    assert response.status_code == 400
    assert words in response.content.decode()
    assert not Article.objects.exists()


def test_an_address_stored_already_is_refused_with_a_link(reviewer_client, web):
    existing = ArticleFactory(url=web.url("/page/known"))
    response = post(reviewer_client, kind="url", url=web.url("/page/known/?utm_source=x"))
    assert response.status_code == 400
    assert reverse("desk:article", args=[existing.pk]) in response.content.decode()
    assert Article.objects.count() == 1


def test_a_failed_fetch_shows_its_reason_on_the_article_page(reviewer_client):
    article = ArticleFactory(
        url="https://a.example/x",
        body="",
        fetch_status="failed",
        fetch_error="The page answered 404.",
    )
    page = reviewer_client.get(reverse("desk:article", args=[article.pk])).content.decode()
    assert 'data-fetch-status="failed"' in page and "The page answered 404." in page
    status = reviewer_client.get(reverse("desk:article-status", args=[article.pk])).json()
    assert status["status"] == "failed" and status["error"] == "The page answered 404."


def test_the_status_of_a_missing_article_is_a_404(reviewer_client):
    assert reviewer_client.get(reverse("desk:article-status", args=[999999])).status_code == 404


def test_the_article_list_shows_articles_being_fetched_in_few_queries(
    reviewer_client, django_assert_max_num_queries
):
    for n in range(5):
        ArticleFactory(
            url=f"https://a.example/{n}",
            title=f"https://a.example/{n}",
            body="",
            fetch_status="pending",
        )
    with django_assert_max_num_queries(6):
        page = reviewer_client.get(reverse("desk:articles")).content.decode()
    assert page.count("being fetched") == 5


# --- the language of pasted text ---------------------------------------------------


def test_the_form_is_told_the_language_of_pasted_text_and_html(reviewer_client):
    url = reverse("desk:article-language")
    assert reviewer_client.post(url, {"text": TEXT}).json()["language"] == "de"
    english = "<p>The council said on Tuesday that the city has more passengers than ever.</p>"
    assert reviewer_client.post(url, {"html": english}).json() == {
        "language": "en",
        "label": "English",
    }
    assert reviewer_client.post(url, {"text": ""}).json()["language"] == ""
    assert reviewer_client.get(url).status_code == 405


# --- the article's own links as proposed sources -------------------------------------


def article_with_links():
    page = article_from_html(HTML)
    article = Article(title="Mit Links", language="de", body=page.body, links=page.links)
    save_article(article)
    return article


def claim_on(article, text):
    sentence = next(line for line in article.body.split("\n") if text in line)
    start = article.body.index(sentence)
    return Claim.objects.filter(article=article, start=start).first() or ClaimFactory(
        article=article, start=start, end=start + len(sentence), text=sentence
    )


def test_a_link_inside_the_claim_is_proposed_as_a_source(reviewer_client):
    claim = claim_on(article_with_links(), "Jahresbericht")
    page = reviewer_client.get(reverse("desk:claim", args=[claim.pk])).content.decode()
    assert "Links in the article" in page
    assert 'data-proposed-link="https://stadtwerke.example/bericht"' in page
    assert "https://stadt.example/haushalt" not in page


def test_a_link_right_after_the_claim_is_proposed_too(reviewer_client):
    article = article_with_links()
    sentence = "Der Kämmerer warnte, die Stadt habe 780 Mio. Euro Schulden"
    start = article.body.index(sentence)
    claim = ClaimFactory(article=article, start=start, end=start + len(sentence), text=sentence)
    page = reviewer_client.get(reverse("desk:claim", args=[claim.pk])).content.decode()
    assert 'data-proposed-link="https://stadt.example/haushalt"' in page


def test_a_claim_without_links_around_it_proposes_none(reviewer_client):
    claim = ClaimFactory(article=ArticleFactory())
    page = reviewer_client.get(reverse("desk:claim", args=[claim.pk])).content.decode()
    assert "data-proposed-links" not in page


def test_proposed_links_are_not_fetched_before_someone_cites_them(reviewer_client):
    claim = claim_on(article_with_links(), "Jahresbericht")
    reviewer_client.get(reverse("desk:claim", args=[claim.pk]))
    assert not Source.objects.exists()


def test_cite_and_archive_cites_the_link_through_the_usual_way(reviewer_client):
    claim = claim_on(article_with_links(), "Jahresbericht")
    response = reviewer_client.post(
        reverse("desk:source-add", args=[claim.pk]),
        {"url": "https://stadtwerke.example/bericht", "stance": "context"},
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(claim=claim)
    assert evidence.source.normalized_url == "https://stadtwerke.example/bericht"
    page = reviewer_client.get(reverse("desk:claim", args=[claim.pk])).content.decode()
    assert "data-proposed-link=" not in page


def test_a_link_cited_already_is_not_proposed_again(reviewer_client):
    claim = claim_on(article_with_links(), "Jahresbericht")
    source = SourceFactory(
        url="https://stadtwerke.example/bericht",
        normalized_url="https://stadtwerke.example/bericht",
    )
    EvidenceFactory(claim=claim, source=source)
    page = reviewer_client.get(reverse("desk:claim", args=[claim.pk])).content.decode()
    assert "data-proposed-links" not in page
