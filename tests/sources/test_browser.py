"""The browser capture: Chromium runs the page, the safe fetcher answers every request."""

import time

import psutil
import pytest

from sources import services
from sources.browser import BrowserFailed, BrowserLimits, capture_page
from sources.fetcher import fetch
from tests.chromium import needs_chromium
from tests.sources.script_pages import (
    FRAMED,
    QUOTE,
    serve_page_pulling_from,
    serve_quote_after_scrolling,
    serve_script_built_page,
)
from tests.sources.webserver import LocalWebServer

pytestmark = needs_chromium
LIMITS = BrowserLimits(timeout=30.0, settle=1.0, resource_timeout=3.0)


@pytest.fixture(scope="module")
def refused_server():
    """A second loopback server the policy does not allow: nothing may reach it."""
    with LocalWebServer("127.0.0.3") as server:
        yield server


def browse(url, limits=LIMITS):
    policy = services.fetch_policy()
    with fetch(url, policy) as document:
        return capture_page(document, policy, limits)


def test_the_browser_sees_the_quote_a_script_fetched(web):
    with browse(serve_script_built_page(web)) as page:
        assert QUOTE in page.dom
        assert page.title == "Ladesäulen im Landkreis"


def test_the_plain_fetch_of_the_same_page_misses_the_quote(web):
    with fetch(serve_script_built_page(web), services.fetch_policy()) as document:
        assert QUOTE not in document.content.decode()


def test_an_image_that_loads_on_scrolling_is_loaded_and_kept(web):
    with browse(serve_script_built_page(web, "/lazy")) as page:
        assert web.url("/lazy-lazy.png") in [resource.url for resource in page.resources]


def test_content_fetched_after_scrolling_is_waited_for_on_a_slow_server():
    with (
        LocalWebServer("127.0.0.2", latency=0.4) as slow,
        browse(serve_quote_after_scrolling(slow)) as page,
    ):
        assert QUOTE in page.dom


def test_the_rendered_frames_are_kept_with_their_addresses(web):
    with browse(serve_script_built_page(web, "/framed")) as page:
        assert [(url, FRAMED in dom) for url, dom in page.frames] == [
            (web.url("/framed-frame"), True)
        ]


def test_the_document_is_not_fetched_twice(web):
    url = serve_script_built_page(web, "/once")
    with browse(url):
        assert web.hits["/once"] == 1


def test_a_screenshot_of_the_page_is_taken(web):
    with browse(serve_script_built_page(web, "/screenshot")) as page:
        assert page.screenshot.startswith(b"\x89PNG\r\n\x1a\n")


def test_nothing_reaches_an_address_the_policy_refuses(web, refused_server):
    with browse(serve_page_pulling_from(web, refused_server)):
        assert sum(refused_server.hits.values()) == 0


def test_every_refused_request_is_recorded_with_its_reason(web, refused_server):
    with browse(serve_page_pulling_from(web, refused_server, "/bezieht-2")) as page:
        refused = {refusal.url: refusal.reason for refusal in page.refused}
    for path in ("/script.js", "/style.css", "/bild.png", "/rahmen", "/daten.json", "/xhr"):
        assert "internal or reserved address" in refused[refused_server.url(path)]
    assert web.url("/umleitung") in refused  # its redirect led to the refused server
    assert refused[refused_server.url("/socket").replace("http", "ws")] == (
        "WebSockets are not opened."
    )


def test_a_hundred_megabyte_image_is_refused_and_the_page_still_captured(web):
    web.pages["/grosses-bild"] = (
        b'<html><body><p>Ein Bild.</p><img src="/hundred-mb.png"></body></html>',
        "text/html",
    )
    with browse(web.url("/grosses-bild")) as page:
        refused = {refusal.url: refusal.reason for refusal in page.refused}
        assert "larger than" in refused[web.url("/hundred-mb.png")]
        assert "Ein Bild." in page.dom


def test_a_page_that_never_stops_loading_is_captured_as_it_was_within_the_limit(web):
    web.pages["/unruhig"] = (
        b"<html><body><p>Die Seite laedt immer weiter.</p><img src='/stall'>"
        b"<script>setInterval(() => fetch('/article?' + Math.random()), 50);</script>"
        b"</body></html>",
        "text/html",
    )
    started = time.monotonic()
    with browse(web.url("/unruhig")) as page:
        assert "Die Seite laedt immer weiter." in page.dom
        assert any("did not settle" in note for note in page.notes)
    assert time.monotonic() - started < LIMITS.timeout


def test_a_page_that_takes_too_long_ends_with_a_readable_error(web):
    web.pages["/endlos-skript"] = (
        b"<html><body><p>Rechnet.</p><script>while (true) {}</script></body></html>",
        "text/html",
    )
    started = time.monotonic()
    with pytest.raises(BrowserFailed, match="did not finish within 8 s"):
        browse(web.url("/endlos-skript"), BrowserLimits(timeout=8.0, settle=1.0))
    assert time.monotonic() - started < 20
    assert not _browsers_left()


def test_a_page_that_allocates_memory_without_end_ends_with_a_readable_error(web):
    web.pages["/speicher"] = (
        b"<html><body><p>Speicher.</p><script>const kept = [];"
        b"setInterval(() => { for (let i = 0; i < 8; i++) {"
        b" kept.push(new Uint8Array(16 * 1024 * 1024).fill(7)); } }, 20);"
        b"</script></body></html>",
        "text/html",
    )
    limits = BrowserLimits(timeout=30.0, settle=10.0, max_memory=900 * 1024 * 1024)
    started = time.monotonic()
    with pytest.raises(BrowserFailed, match="memory"):
        browse(web.url("/speicher"), limits)
    assert time.monotonic() - started < 30
    assert not _browsers_left()


def _browsers_left() -> list:
    time.sleep(0.5)
    return [
        process
        for process in psutil.Process().children(recursive=True)
        if "claimtracker-capture" in " ".join(process.cmdline())
    ]


def test_a_service_worker_the_page_registers_is_never_loaded(web):
    web.pages["/sw.js"] = (b"self.addEventListener('fetch', () => {});", "text/javascript")
    web.pages["/arbeiter"] = (
        b"<html><body><p id='state'>offen</p><script>"
        b"navigator.serviceWorker.register('/sw.js')"
        b".then(() => { document.getElementById('state').textContent = 'registriert'; })"
        b".catch(() => { document.getElementById('state').textContent = 'abgelehnt'; });"
        b"</script></body></html>",
        "text/html",
    )
    with browse(web.url("/arbeiter")) as page:
        assert web.url("/sw.js") not in [resource.url for resource in page.resources]
    assert web.hits["/sw.js"] == 0


def test_a_download_the_page_starts_is_refused_and_recorded(web):
    web.pages["/mit-download"] = (
        b"<html><body><p>Bericht als Datei.</p><a id='datei' href='/report.pdf' download>PDF</a>"
        b"<script>document.getElementById('datei').click();</script></body></html>",
        "text/html",
    )
    with browse(web.url("/mit-download")) as page:
        refused = {refusal.url: refusal.reason for refusal in page.refused}
    assert refused[web.url("/report.pdf")] == "Downloads are not made."


def test_a_page_whose_load_event_never_comes_is_captured_as_it_was_with_a_note(web, settings):
    settings.FETCH_TOTAL_TIMEOUT = 12.0  # the image may stall longer than loading may take
    web.pages["/haengt"] = (
        b"<html><body><p>Die Seite wartet auf ein Bild.</p><img src='/stall?bild'></body></html>",
        "text/html",
    )
    limits = BrowserLimits(timeout=10.0, settle=1.0, resource_timeout=12.0)
    started = time.monotonic()
    with browse(web.url("/haengt"), limits) as page:
        assert "Die Seite wartet auf ein Bild." in page.dom
        assert "The page did not finish loading; it was captured as it was." in page.notes
    assert time.monotonic() - started < limits.resource_timeout + 5
