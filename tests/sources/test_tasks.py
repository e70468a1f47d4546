"""One archive in flight per source: leases, row claims, no duplicate tasks or captures."""

import datetime as dt
import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone

from sources import services
from sources.models import Capture, Source
from sources.tasks import archive_source
from tests.factories import ClaimFactory
from tests.sources.queue import queued_archive_tasks
from tests.worker import purge_queues

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def empty_queues():
    purge_queues()
    yield
    purge_queues()


def fresh(source) -> Source:
    return Source.objects.get(pk=source.pk)


def test_citing_a_source_queues_one_archive_task(web):
    evidence = services.cite(ClaimFactory(), web.url("/page/once"), stance="supports")
    assert queued_archive_tasks() == 1
    assert fresh(evidence.source).lease_holder


def test_citing_a_source_whose_archive_is_queued_queues_no_second_task(web):
    services.cite(ClaimFactory(), web.url("/page/twice"), stance="supports")
    services.cite(ClaimFactory(), web.url("/page/twice"), stance="refutes")
    assert queued_archive_tasks() == 1


def test_citing_a_source_being_fetched_queues_no_second_task(web):
    source = services.source_for_url(web.url("/page/running"))
    soon = timezone.now() + dt.timedelta(minutes=2)
    Source.objects.filter(pk=source.pk).update(
        status="fetching", lease_holder="the-running-task", lease_expires_at=soon
    )
    services.cite(ClaimFactory(), source.url, stance="supports")
    assert queued_archive_tasks() == 0
    assert fresh(source).lease_holder == "the-running-task"


def test_citing_a_source_whose_lease_ran_out_queues_it_again(web):
    source = services.source_for_url(web.url("/page/stuck"))
    long_ago = timezone.now() - dt.timedelta(hours=1)
    Source.objects.filter(pk=source.pk).update(
        status="fetching", lease_holder="a-dead-task", lease_expires_at=long_ago
    )
    services.cite(ClaimFactory(), source.url, stance="supports")
    assert queued_archive_tasks() == 1
    assert fresh(source).lease_holder != "a-dead-task"


def test_a_task_finding_its_source_row_locked_leaves_without_fetching(web):
    source = services.source_for_url(web.url("/page/locked"))
    services.request_archive(source)
    task_id = fresh(source).lease_holder
    locked, release = threading.Event(), threading.Event()

    def claim_elsewhere():
        try:
            with transaction.atomic():
                Source.objects.select_for_update().get(pk=source.pk)
                locked.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    other = threading.Thread(target=claim_elsewhere)
    other.start()
    try:
        assert locked.wait(timeout=10)
        message = archive_source.apply((source.pk,), task_id=task_id).get()
    finally:
        release.set()
        other.join()
    assert message.startswith("left")
    assert web.hits["/page/locked"] == 0
    assert fresh(source).status == "pending"


def test_a_task_that_does_not_hold_the_lease_leaves_without_fetching(web):
    source = services.source_for_url(web.url("/page/duplicate"))
    services.request_archive(source)
    message = archive_source.apply((source.pk,), task_id="a-duplicate").get()
    assert message.startswith("left")
    assert web.hits["/page/duplicate"] == 0


def test_a_duplicate_delivery_after_the_archive_stores_no_second_capture(web):
    source = services.source_for_url(web.url("/page/delivered-twice"))
    services.request_archive(source)
    task_id = fresh(source).lease_holder
    assert archive_source.apply((source.pk,), task_id=task_id).get() == "archived"
    again = archive_source.apply((source.pk,), task_id=task_id, retries=1).get()
    assert again.startswith("left")
    assert Capture.objects.filter(source=source).count() == 1
    assert web.hits["/page/delivered-twice"] == 1


def test_a_source_whose_archive_keeps_getting_interrupted_fails_instead_of_looping(web, settings):
    source = services.source_for_url(web.url("/page/poison"))
    long_ago = timezone.now() - dt.timedelta(hours=1)
    Source.objects.filter(pk=source.pk).update(
        status="fetching",
        lease_holder="a-killed-task",
        lease_expires_at=long_ago,
        interrupted_archives=settings.FETCH_MAX_RETRIES,
    )
    assert services.resume_archiving() == 0
    source = fresh(source)
    assert source.status == "failed"
    assert "interrupted" in source.last_error
    assert queued_archive_tasks() == 0


def test_a_pending_source_nobody_queued_is_queued_by_the_beat(web):
    source = services.source_for_url(web.url("/page/forgotten"))
    assert services.resume_archiving() == 1
    assert queued_archive_tasks() == 1
    assert fresh(source).lease_holder
