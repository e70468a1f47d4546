"""Browser capture on its own queue, with real Celery workers on Redis, one of them killed."""

import psutil
import pytest

from sources import services
from sources.models import Capture, Source
from tests.chromium import needs_chromium
from tests.factories import ClaimFactory
from tests.sources.conftest import read_warc
from tests.sources.script_pages import QUOTE, serve_script_built_page
from tests.sources.webserver import LocalWebServer
from tests.worker import Worker, purge_queues, wait_for

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    needs_chromium,
]
BROWSER = {"ARCHIVE_BROWSER": "1", "BROWSER_SETTLE_SECONDS": "1"}


@pytest.fixture(autouse=True)
def browser_on(settings):
    settings.ARCHIVE_BROWSER = True  # so that the tasks are sent to the browser queue


def browser_worker(log, **env):
    return Worker(log, queues="browser", **BROWSER, **env).start()


def status(source):
    return Source.objects.get(pk=source.pk).status


def capture_browsers() -> list:
    found = []
    for process in psutil.process_iter(["cmdline"]):
        if "claimtracker-capture" in " ".join(process.info["cmdline"] or []):
            found.append(process)
    return found


def test_the_browser_worker_archives_a_cited_page_and_the_quote_is_found(web, tmp_path):
    purge_queues()
    worker = browser_worker(tmp_path / "browser.log")
    try:
        claim = ClaimFactory(text=QUOTE)
        evidence = services.cite(claim, serve_script_built_page(web, "/worker"), stance="supports")
        assert wait_for(lambda: status(evidence.source) == "archived", timeout=60), (
            tmp_path / "browser.log"
        ).read_text()[-3000:]
    finally:
        worker.stop()
        purge_queues()
    capture = Capture.objects.get(source=evidence.source)
    assert capture.method == Capture.Method.BROWSER
    evidence.refresh_from_db()
    assert evidence.located is True


def test_a_browser_worker_killed_mid_capture_leaves_no_browser_and_captures_once(tmp_path):
    purge_queues()
    with LocalWebServer("127.0.0.2", latency=2.0) as slow:
        url = serve_script_built_page(slow, "/getoetet")
        source = services.source_for_url(url)
        first = browser_worker(tmp_path / "first.log")
        services.request_archive(source)
        assert wait_for(lambda: slow.hits["/getoetet.json"] == 1, timeout=60)
        assert capture_browsers()  # the page is open in the browser
        first.kill()
        assert wait_for(lambda: not capture_browsers(), timeout=10)
        assert status(source) == "fetching"
        second = browser_worker(tmp_path / "second.log")
        try:
            assert wait_for(lambda: status(source) == "archived", timeout=90), (
                tmp_path / "second.log"
            ).read_text()[-3000:]
        finally:
            second.stop()
            purge_queues()
    capture = Capture.objects.get(source=source)
    assert capture.method == Capture.Method.BROWSER
    assert QUOTE in capture.text
    read_warc(capture)
