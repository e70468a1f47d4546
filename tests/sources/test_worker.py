"""Archiving through the queue with a real Celery worker on Redis."""

import pytest

from sources import services
from sources.models import Capture, Source
from sources.tasks import archive_source
from tests.factories import ClaimFactory
from tests.sources.conftest import read_warc
from tests.sources.webserver import LocalWebServer
from tests.worker import Worker, purge_queues, wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def worker(tmp_path):
    purge_queues()
    running = Worker(tmp_path / "worker.log").start()
    yield running
    running.stop()
    purge_queues()


def status(source):
    return Source.objects.get(pk=source.pk).status


def test_a_cited_source_is_archived_by_the_worker(web, worker):
    claim = ClaimFactory()
    evidence = services.cite(claim, web.url("/page/queue"), stance="supports")
    assert wait_for(lambda: status(evidence.source) == "archived"), worker.log_path.read_text()[
        -2000:
    ]
    capture = Capture.objects.get(source=evidence.source)
    read_warc(capture)
    evidence.refresh_from_db()
    assert evidence.located_capture == capture


def test_a_server_error_is_retried_by_the_worker(web, worker):
    source = services.source_for_url(web.url("/flaky?case=worker"))
    archive_source.delay(source.pk)
    assert wait_for(lambda: status(source) == "archived"), worker.log_path.read_text()[-2000:]
    assert web.hits["/flaky?case=worker"] == 2


def test_a_missing_page_is_not_retried(web, worker):
    source = services.source_for_url(web.url("/missing?case=worker"))
    archive_source.delay(source.pk)
    assert wait_for(lambda: status(source) == "failed")
    assert web.hits["/missing?case=worker"] == 1


def test_a_worker_killed_mid_task_is_redelivered_and_captures_once(tmp_path):
    purge_queues()
    with LocalWebServer("127.0.0.2", latency=3.0) as slow:
        source = services.source_for_url(slow.url("/page/slow"))
        first = Worker(tmp_path / "first.log").start()
        archive_source.delay(source.pk)
        assert wait_for(lambda: slow.hits["/page/slow"] == 1)
        first.kill()  # in the middle of the download
        assert status(source) == "fetching"
        second = Worker(tmp_path / "second.log").start()
        try:
            assert wait_for(lambda: status(source) == "archived", timeout=60), (
                tmp_path / "second.log"
            ).read_text()[-3000:]
        finally:
            second.stop()
            purge_queues()
        assert slow.hits["/page/slow"] == 2  # fetched again by the second worker
    captures = Capture.objects.filter(source=source)
    assert captures.count() == 1
    read_warc(captures.get())
