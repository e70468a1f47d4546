"""The API's cache is shared by every web and worker process and follows every write."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.urls import reverse

from claims.models import Article
from tests.worker import Worker, database_url, purge_queues, wait_for

ROOT = Path(__file__).resolve().parents[3]
ARTICLES = reverse("api:article-list")


def manage_shell(code: str, **env) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "DATABASE_URL"}}
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={**base, "ENV_FILE": "", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


def test_the_default_cache_is_shared_between_processes(tmp_path):
    # No CACHE_URL: the embedded setup, where the web server and the worker are two processes.
    manage_shell(
        "from django.core.cache import cache; cache.set('shared-check', 'from the worker', 60)",
        VAR_DIR=str(tmp_path),
    )
    read = manage_shell(
        "from django.core.cache import cache; print(cache.get('shared-check'))",
        VAR_DIR=str(tmp_path),
    )
    assert read.stdout.strip().endswith("from the worker")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_token_revoked_in_another_process_is_refused_at_once(cms):
    assert cms.get(ARTICLES).status_code == 200  # the token is cached now
    manage_shell(
        "from publishing.api_clients import revoke; from claims.models import ApiClient; "
        f"revoke(ApiClient.objects.get(pk={cms.cms.pk}))",
        DATABASE_URL=database_url(),
        CACHE_URL=os.environ["CACHE_URL"],
    )
    assert cms.get(ARTICLES).status_code == 401


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_read_during_an_uncommitted_write_does_not_keep_the_old_reply(cms):
    data = cms.post(ARTICLES, {"title": "Alt", "body": "Es gab 85 Busse."}, format="json").json()
    url = reverse("api:article-detail", args=[data["id"]])

    def read_meanwhile():
        try:
            assert cms.get(url).json()["title"] == "Alt"  # not committed yet
        finally:
            connection.close()

    with transaction.atomic():
        article = Article.objects.get(pk=data["id"])
        article.title = "Neu"
        article.save()
        reader = threading.Thread(target=read_meanwhile)
        reader.start()
        reader.join()
    assert cms.get(url).json()["title"] == "Neu"


@pytest.fixture
def worker(tmp_path):
    purge_queues()
    running = Worker(tmp_path / "worker.log")
    yield running  # started by the test, once the reply it checks is cached
    if running.process:
        running.stop()
    purge_queues()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failed_fetch_in_the_worker_shows_in_the_article_reply(cms, web, worker):
    data = cms.post(ARTICLES, {"title": "Weg", "url": web.url("/missing")}, format="json").json()
    url = reverse("api:article-detail", args=[data["id"]])
    assert cms.get(url).json()["status"] == "pending"  # now cached
    worker.start()
    # The worker forgets the cached reply right after its commit (on_commit): the reply
    # follows the row within moments, never stays stale.
    assert wait_for(lambda: cms.get(url).json()["status"] == "failed")
    assert "404" in cms.get(url).json()["fetch_error"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_fetched_article_shows_its_claims_in_the_article_reply(cms, web, worker):
    data = cms.post(ARTICLES, {"title": "Rekord", "url": web.url("/article")}, format="json")
    assert data.status_code == 202, data.json()
    url = reverse("api:article-detail", args=[data.json()["id"]])
    assert cms.get(url).json()["claims"] == []  # now cached
    worker.start()
    assert wait_for(lambda: cms.get(url).json()["status"] == "fetched")
    reply = cms.get(url).json()
    assert reply["claims"]
