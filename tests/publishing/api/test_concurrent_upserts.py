"""A CMS retrying on a timeout sends the same external_id several times at once."""

import threading

import pytest
from django.db import connection
from django.urls import reverse
from rest_framework.test import APIClient

from claims.models import Article

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ARTICLES = reverse("api:article-list")
BODY = "Die Stadt zählte 2025 rund 85 Millionen Fahrgäste."


def post_at_once(token: str, bodies: list[str], external_id: str) -> list:
    """POST one body per thread, all released together, each on its own connection."""
    barrier = threading.Barrier(len(bodies))
    replies = [None] * len(bodies)

    def submit(index, body):
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        try:
            barrier.wait()
            payload = {"title": "Fahrgäste", "body": body, "external_id": external_id}
            replies[index] = api.post(ARTICLES, payload, format="json")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=pair) for pair in enumerate(bodies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return replies


def test_simultaneous_first_submissions_create_one_article_and_update_it(cms):
    bodies = [f"Teil {n}. {BODY}" for n in range(4)]
    replies = post_at_once(cms.token, bodies, "cms-race")
    assert sorted(reply.status_code for reply in replies) == [200, 200, 200, 201]
    article = Article.objects.get(api_client=cms.cms, external_id="cms-race")
    assert article.revision == 4  # no update was dropped
    assert article.body in bodies


def test_simultaneous_updates_each_count_as_a_revision_with_its_history(cms):
    cms.post(
        ARTICLES, {"title": "Fahrgäste", "body": BODY, "external_id": "cms-rev"}, format="json"
    )
    bodies = [f"Nachtrag {n}. {BODY}" for n in range(4)]
    replies = post_at_once(cms.token, bodies, "cms-rev")
    assert [reply.status_code for reply in replies] == [200] * 4
    article = Article.objects.get(api_client=cms.cms, external_id="cms-rev")
    assert article.revision == 5
    revisions = article.history.order_by("history_date").values_list("revision", flat=True)
    assert list(revisions) == [1, 2, 3, 4, 5]
