"""Citing survives a broker outage: the archive task waits in the outbox until it can be sent."""

import os
import socket

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from config import celery_app
from publishing.api_clients import create_api_client
from sources.models import ArchiveOutbox, Evidence, Source
from sources.tasks import resume_archiving
from tests.factories import ClaimFactory
from tests.sources.queue import queued_archive_tasks
from tests.worker import purge_queues

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Broker:
    """Switches the Celery app of this process to a port nobody listens on, and back."""

    def __init__(self):
        self.url = os.environ["CELERY_BROKER_URL"]  # Celery reads it from there first

    def down(self):
        self._switch(f"redis://127.0.0.1:{closed_port()}/0")

    def up(self):
        self._switch(self.url)

    def _switch(self, url):
        os.environ["CELERY_BROKER_URL"] = url
        # Pooled connections would still reach the old address.
        celery_app._pool = None
        celery_app.amqp._producer_pool = None


@pytest.fixture
def broker():
    purge_queues()
    switch = Broker()
    yield switch
    switch.up()
    purge_queues()


@pytest.fixture
def cms():
    client, token = create_api_client("Rundschau CMS")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    api.cms = client
    return api


def cite_by_api(cms, url):
    claim = ClaimFactory(article__api_client=cms.cms)
    path = reverse("api:claim-sources", args=[claim.pk])
    return cms.post(path, {"url": url, "stance": "supports"}, format="json")


def test_citing_while_the_broker_is_down_answers_and_keeps_the_task(cms, broker, web):
    broker.down()
    response = cite_by_api(cms, web.url("/page/outage"))
    assert response.status_code == 202
    source = Source.objects.get(normalized_url=web.url("/page/outage"))
    assert Evidence.objects.filter(source=source).exists()
    waiting = ArchiveOutbox.objects.get(source=source)
    assert waiting.task_id == source.lease_holder


def test_the_beat_sends_what_waited_in_the_outbox_once_the_broker_is_back(cms, broker, web):
    broker.down()
    cite_by_api(cms, web.url("/page/later"))
    broker.up()
    assert resume_archiving() == "0 queued again, 1 sent"
    assert not ArchiveOutbox.objects.exists()
    assert queued_archive_tasks() == 1


def test_the_next_citation_sends_what_waited_in_the_outbox(cms, broker, web):
    broker.down()
    cite_by_api(cms, web.url("/page/first"))
    broker.up()
    cite_by_api(cms, web.url("/page/second"))
    assert not ArchiveOutbox.objects.exists()
    assert queued_archive_tasks() == 2
