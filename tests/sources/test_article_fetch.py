"""Articles given by their address only: fetched through the safe fetcher (sources.articles)."""

import pytest

from claims.models import Article
from config import celery_app
from publishing.models import WebhookDelivery, WebhookEndpoint
from sources import articles, tasks
from sources.content import Content
from tests.factories import ApiClientFactory, ArticleFactory

pytestmark = pytest.mark.django_db

LINKED = """<!doctype html><html lang="de"><head><meta charset="utf-8">
<title>Rekord | Rundschau</title><meta name="author" content="Lena Hartmann"></head>
<body><nav><a href="/">Start</a></nav>
<article><h1>Stadtwerke melden Rekord</h1>
<p>Die Stadtwerke haben laut <a href="/bericht-2025.pdf">Jahresbericht</a> im vergangenen Jahr
mehr als 85 Millionen Fahrgäste befördert.</p>
<p>Die Kosten für den Ausbau beziffert die Stadt auf rund 1,2 Milliarden Euro, sagte
<a href="https://stadt.example/albers">Petra Albers</a>.</p>
</article></body></html>
"""
ENGLISH = """<html><body><article><h1>Record year</h1>
<p>The city said that more than 85 million passengers used its trams and buses last year.</p>
<p>The council will decide on the extension of the network in the spring.</p>
</article></body></html>"""


def serve(web, path, body, content_type="text/html; charset=utf-8"):
    web.pages[path] = (body.encode() if isinstance(body, str) else body, content_type)
    return web.url(path)


def pending(url, **fields):
    return ArticleFactory(
        url=url, title=url, body="", fetch_status=Article.FetchStatus.PENDING, **fields
    )


def test_a_fetched_page_keeps_its_text_its_headline_and_its_links(web):
    url = serve(web, "/fetch/linked", LINKED)
    article = pending(url)
    articles.fetch_article_text(article)
    article.refresh_from_db()
    assert article.fetch_status == "fetched" and article.fetch_error == ""
    assert article.title == "Stadtwerke melden Rekord"
    assert article.body.startswith("Die Stadtwerke haben laut Jahresbericht im vergangenen Jahr")
    assert [link["url"] for link in article.links] == [
        web.url("/bericht-2025.pdf"),
        "https://stadt.example/albers",
    ]
    assert all(article.body[li["start"] : li["end"]] == li["text"] for li in article.links)
    assert article.claims.exists()


def test_a_title_given_with_the_address_is_kept(web):
    url = serve(web, "/fetch/titled", LINKED.replace("1,2 Milliarden", "1,3 Milliarden"))
    article = pending(url)
    article.title = "Eigener Titel"
    articles.fetch_article_text(article)
    article.refresh_from_db()
    assert article.title == "Eigener Titel"


def test_without_a_given_language_the_fetched_text_tells_it(web):
    article = pending(serve(web, "/fetch/english", ENGLISH))
    articles.fetch_article_text(article, detect_language=True)
    article.refresh_from_db()
    assert article.language == "en"


def test_a_given_language_stays_whatever_the_text(web):
    article = pending(serve(web, "/fetch/english-as-given", ENGLISH.replace("spring", "autumn")))
    articles.fetch_article_text(article, detect_language=False)
    article.refresh_from_db()
    assert article.language == "de"


def test_a_page_that_answers_with_an_error_fails_with_the_reason(web):
    article = pending(web.url("/missing"))
    articles.fetch_article_text(article)
    article.refresh_from_db()
    assert article.fetch_status == "failed" and "404" in article.fetch_error
    assert article.body == "" and not article.claims.exists()


def test_an_address_that_is_no_web_page_fails_plainly(web):
    article = pending(
        serve(web, "/fetch/picture.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")
    )
    articles.fetch_article_text(article)
    article.refresh_from_db()
    assert article.fetch_status == "failed"
    assert article.fetch_error == "This address does not lead to a web page or a document."


def test_an_internal_address_is_refused_without_a_request(settings):
    settings.FETCH_ALLOWED_NETWORKS = []
    article = pending("http://10.1.2.3/artikel")
    articles.fetch_article_text(article)
    article.refresh_from_db()
    assert article.fetch_status == "failed" and "internal" in article.fetch_error


def test_the_newsrooms_own_article_is_not_stored_twice(web):
    url = serve(web, "/fetch/twice", LINKED.replace("85 Millionen", "86 Millionen"))
    first = pending(url)
    articles.fetch_article_text(first)
    second = pending(url + "?again=1")
    articles.fetch_article_text(second)
    second.refresh_from_db()
    assert second.fetch_status == "failed" and second.body == ""
    assert f"article {first.pk}" in second.fetch_error


def test_a_fetched_text_is_cut_at_the_limit_as_stored(web, settings, monkeypatch):
    text = "Die Stadt za\u0308hlte 85 Millionen Fahrga\u0308ste.\r\n" * 3
    monkeypatch.setattr(articles, "extract_content", lambda *args: Content(text=text, kind="text"))
    settings.EXTRACTION_MAX_CHARS = 2 * len("Die Stadt zählte 85 Millionen Fahrgäste.\n")
    article = pending(web.url("/article"))
    articles.fetch_article_text(article)
    article.refresh_from_db()
    assert article.body == ("Die Stadt zählte 85 Millionen Fahrgäste.\n" * 2).rstrip()


def test_links_beyond_the_limit_are_not_kept(web, settings):
    url = serve(web, "/fetch/long", LINKED.replace("86", "87"))
    settings.EXTRACTION_MAX_CHARS = len("Die Stadtwerke haben laut Jahresbericht")
    article = pending(url)
    articles.fetch_article_text(article)
    article.refresh_from_db()
    assert [link["text"] for link in article.links] == ["Jahresbericht"]


def test_a_cms_article_fetched_is_announced_to_the_cms(web, django_capture_on_commit_callbacks):
    client = ApiClientFactory()
    WebhookEndpoint.objects.create(
        client=client, url="https://cms.example/hooks", events=["article.extracted"], secret="s"
    )
    article = pending(serve(web, "/fetch/cms", LINKED.replace("Rekord", "Rekordjahr")))
    article.api_client = client
    article.save()
    with django_capture_on_commit_callbacks(execute=True):
        articles.fetch_article_text(article)
    delivery = WebhookDelivery.objects.get()
    assert delivery.event == "article.extracted"
    assert delivery.payload["data"]["article"] == article.pk


def test_the_task_keeps_the_name_that_queued_messages_carry_and_runs_on_the_fetch_queue():
    assert tasks.fetch_article.name == "claims.tasks.fetch_article"
    assert celery_app.tasks["claims.tasks.fetch_article"].run.__module__ == "sources.tasks"
    route = celery_app.conf.task_routes["claims.tasks.fetch_article"]
    assert route == {"queue": "fetch"}


def test_the_task_leaves_an_article_that_is_no_longer_waiting_alone(web):
    article = ArticleFactory(url=web.url("/article"), fetch_status=Article.FetchStatus.FETCHED)
    before = web.hits["/article"]
    assert tasks.fetch_article.run(article.pk) == "not waiting for its text"
    assert web.hits["/article"] == before


def test_adding_an_article_by_address_queues_its_fetch_once_committed(
    web, django_capture_on_commit_callbacks, eager_tasks
):
    url = serve(web, "/fetch/added", LINKED.replace("Rekord", "Rekordzahl"))
    with django_capture_on_commit_callbacks(execute=False) as queued:
        article = articles.add_article_by_url(url)
    assert article.fetch_status == "pending" and article.title == url
    article.refresh_from_db()
    assert article.fetch_status == "pending"
    for callback in queued:  # the commit: the (eager) task fetches it now
        callback()
    article.refresh_from_db()
    assert article.fetch_status == "fetched" and article.title == "Stadtwerke melden Rekordzahl"
