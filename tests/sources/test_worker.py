"""Archiving through the queue with real Celery workers on Redis, some of them killed."""

import pytest
from django.utils import timezone

from sources import services
from sources.models import Capture, Source, archive_storage
from sources.tasks import resume_archiving
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
    services.request_archive(source)
    assert wait_for(lambda: status(source) == "archived"), worker.log_path.read_text()[-2000:]
    assert web.hits["/flaky?case=worker"] == 2


def test_a_missing_page_is_not_retried(web, worker):
    source = services.source_for_url(web.url("/missing?case=worker"))
    services.request_archive(source)
    assert wait_for(lambda: status(source) == "failed")
    assert web.hits["/missing?case=worker"] == 1


def test_a_worker_killed_mid_task_is_redelivered_and_captures_once(tmp_path):
    purge_queues()
    with LocalWebServer("127.0.0.2", latency=3.0) as slow:
        source = services.source_for_url(slow.url("/page/slow"))
        first = Worker(tmp_path / "first.log").start()
        services.request_archive(source)
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


def lease_expired(source):
    expires = Source.objects.get(pk=source.pk).lease_expires_at
    return expires is not None and expires <= timezone.now()


def warc_files(source) -> set[str]:
    folder = f"warc/{source.pk}"
    return set(archive_storage().listdir(folder)[1]) if archive_storage().exists(folder) else set()


def each_finished_a_task(logs) -> bool:
    return all("succeeded in" in log.read_text() for log in logs)


def test_a_worker_killed_mid_fetch_leaves_a_lease_that_the_beat_hands_on(tmp_path):
    purge_queues()
    # The broker never hands the task out again here: only the lease brings the work back.
    no_redelivery = {"CELERY_VISIBILITY_TIMEOUT": "3600"}
    with LocalWebServer("127.0.0.2", latency=3.0) as slow:
        source = services.source_for_url(slow.url("/page/lost"))
        first = Worker(tmp_path / "first.log", ARCHIVE_FETCH_LEASE="1", **no_redelivery).start()
        services.request_archive(source)
        assert wait_for(lambda: slow.hits["/page/lost"] == 1)
        first.kill()  # in the middle of the download
        assert status(source) == "fetching"
        assert wait_for(lambda: lease_expired(source))
        lost_task = Source.objects.get(pk=source.pk).lease_holder

        assert resume_archiving() == "1 queued again, 0 sent"  # what the beat runs

        assert Source.objects.get(pk=source.pk).lease_holder not in ("", lost_task)
        second = Worker(tmp_path / "second.log", **no_redelivery).start()
        try:
            assert wait_for(lambda: status(source) == "archived", timeout=60), (
                tmp_path / "second.log"
            ).read_text()[-3000:]
        finally:
            second.stop()
            purge_queues()
        assert slow.hits["/page/lost"] == 2
    capture = Capture.objects.get(source=source)
    read_warc(capture)
    assert Source.objects.get(pk=source.pk).lease_expires_at is None


def test_overlapping_runs_of_one_task_never_delete_each_others_warc(tmp_path):
    purge_queues()
    # The task outlives the visibility timeout: Redis hands it to the second worker
    # while the first is still downloading.
    overlapping = {"CELERY_VISIBILITY_TIMEOUT": "1"}
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    with LocalWebServer("127.0.0.2", latency=4.0) as slow:
        source = services.source_for_url(slow.url("/page/overlap"))
        files_before = warc_files(source)
        workers = [Worker(log, **overlapping).start() for log in logs]
        try:
            services.request_archive(source)
            assert wait_for(lambda: slow.hits["/page/overlap"] >= 2), logs[0].read_text()[-3000:]
            # Both runs downloaded the page, and both finished before the workers stop.
            assert wait_for(lambda: each_finished_a_task(logs), timeout=60), logs[1].read_text()
        finally:
            for worker in workers:
                worker.stop()
            purge_queues()
    capture = Capture.objects.get(source=source)
    read_warc(capture)  # the file the row points to is there and whole
    # The run whose row lost deleted its own file, and only that.
    assert warc_files(source) - files_before == {capture.warc.name.rsplit("/", 1)[-1]}
