"""Feeds fetched from real local web servers through the safe fetcher (matching.services.fetch_feed),
and by the beat's task on a real worker."""

import json

import pytest

from matching import services, tasks
from matching.models import ClaimReviewFeed, ExternalClaimReview
from tests.worker import Worker, purge_queues, wait_for

from .feeds import claimreview, data_feed_bytes

pytestmark = pytest.mark.django_db


def serve(web, path, body: bytes, content_type="application/json"):
    web.pages[path] = (body, content_type)
    return web.url(path)


def feed_at(url: str, **fields) -> ClaimReviewFeed:
    return ClaimReviewFeed.objects.create(url=url, name="Faktencheck Nord", **fields)


def test_a_valid_feed_is_imported_and_its_state_recorded(web):
    feed = feed_at(serve(web, "/feeds/valid.json", data_feed_bytes(claimreview(1), claimreview(2))))
    result = services.fetch_feed(feed)
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    feed.refresh_from_db()
    assert feed.last_error == "" and feed.last_imported == 2 and feed.last_fetched_at is not None
    assert set(ExternalClaimReview.objects.values_list("feed", flat=True)) == {feed.pk}


def test_a_changed_feed_updates_what_changed_and_adds_what_is_new(web):
    url = serve(web, "/feeds/changing.json", data_feed_bytes(claimreview(1), claimreview(2)))
    feed = feed_at(url)
    services.fetch_feed(feed)
    serve(
        web,
        "/feeds/changing.json",
        data_feed_bytes(claimreview(1, rating="Richtig"), claimreview(2), claimreview(3)),
    )
    result = services.fetch_feed(feed)
    assert (result.created, result.updated, result.unchanged) == (1, 1, 1)
    assert ExternalClaimReview.objects.get(url__endswith="pruefung-1").rating_name == "Richtig"
    feed.refresh_from_db()
    assert feed.last_imported == 3


def test_a_page_with_claimreview_markup_is_a_feed_too(web):
    page = f'<html><head><script type="application/ld+json">{json.dumps(claimreview(4))}</script></head></html>'
    feed = feed_at(serve(web, "/feeds/page.html", page.encode(), "text/html; charset=utf-8"))
    assert services.fetch_feed(feed).created == 1


def test_broken_json_is_recorded_and_loses_nothing_already_imported(web):
    url = serve(web, "/feeds/breaking.json", data_feed_bytes(claimreview(1)))
    feed = feed_at(url)
    services.fetch_feed(feed)
    serve(web, "/feeds/breaking.json", b'{"@type": "DataFeed", "dataFeedElement": [')
    assert services.fetch_feed(feed) is None
    feed.refresh_from_db()
    assert feed.last_error == "The feed is not valid JSON (line 1, column 43)."
    assert ExternalClaimReview.objects.count() == 1


def test_a_good_fetch_after_a_bad_one_clears_the_error(web):
    url = serve(web, "/feeds/recovering.json", b"not json at all")
    feed = feed_at(url)
    services.fetch_feed(feed)
    serve(web, "/feeds/recovering.json", data_feed_bytes(claimreview(1)))
    services.fetch_feed(feed)
    feed.refresh_from_db()
    assert feed.last_error == "" and feed.last_imported == 1


def test_a_feed_over_20_mb_is_refused_with_a_readable_error(web):
    huge = data_feed_bytes(claimreview(1, reviewBody="x" * (21 * 1024 * 1024)))
    feed = feed_at(serve(web, "/feeds/huge.json", huge))
    assert services.fetch_feed(feed) is None
    feed.refresh_from_db()
    assert feed.last_error == "The feed is larger than 20 MB; it was not imported."
    assert not ExternalClaimReview.objects.exists()


def test_a_feed_that_never_ends_is_stopped_at_the_limit(web, settings):
    settings.CLAIMREVIEW_FEED_MAX_BYTES = 2 * 1024 * 1024
    feed = feed_at(web.url("/endless"))
    services.fetch_feed(feed)
    feed.refresh_from_db()
    assert feed.last_error == "The feed is larger than 2 MB; it was not imported."


def test_a_redirect_to_a_blocked_address_is_refused_and_recorded(web):
    url = serve(web, "/feeds/kept.json", data_feed_bytes(claimreview(1)))
    feed = feed_at(url)
    services.fetch_feed(feed)
    # The feed now sends the fetcher on to 127.0.0.1, which is not the allowed 127.0.0.2.
    feed.url = web.url("/to-loopback")
    feed.save()
    assert services.fetch_feed(feed) is None
    feed.refresh_from_db()
    assert feed.last_error == (
        "127.0.0.1 points to an internal or reserved address (127.0.0.1, in 127.0.0.0/8); "
        "it is not fetched."
    )
    assert ExternalClaimReview.objects.count() == 1


def test_an_error_status_is_recorded(web):
    feed = feed_at(web.url("/missing"))
    services.fetch_feed(feed)
    feed.refresh_from_db()
    assert feed.last_error == "The feed answered with HTTP status 404."


def test_the_beat_task_fetches_active_feeds_only_and_twice_changes_nothing(web):
    active = feed_at(serve(web, "/feeds/active.json", data_feed_bytes(claimreview(1))))
    resting = feed_at(
        serve(web, "/feeds/resting.json", data_feed_bytes(claimreview(2))), is_active=False
    )
    assert tasks.fetch_feeds() == "1 fetched, 0 failed"
    assert tasks.fetch_feeds() == "1 fetched, 0 failed"
    assert list(ExternalClaimReview.objects.values_list("url", flat=True)) == [
        claimreview(1)["url"]
    ]
    resting.refresh_from_db()
    assert resting.last_fetched_at is None
    assert web.hits["/feeds/active.json"] == 2 and web.hits["/feeds/resting.json"] == 0
    assert active.reviews.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_imports_the_feeds_on_the_fetch_queue(web, tmp_path):
    feed = feed_at(
        serve(web, "/feeds/worker.json", data_feed_bytes(claimreview(1), claimreview(2)))
    )
    purge_queues()
    worker = Worker(tmp_path / "worker.log").start()
    try:
        tasks.fetch_feeds.apply_async(queue="fetch")  # as the beat sends it
        assert wait_for(lambda: ExternalClaimReview.objects.filter(feed=feed).count() == 2), (
            worker.log_path.read_text()[-2000:]
        )
        assert wait_for(lambda: ClaimReviewFeed.objects.get(pk=feed.pk).last_imported == 2)
    finally:
        worker.stop()
        purge_queues()
