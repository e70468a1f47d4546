"""Archiving with browser capture on: what is stored, and what happens when the browser fails."""

import json
import tempfile
import zipfile
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from sources import services
from sources.models import Capture
from sources.wacz import validate_wacz
from tests.chromium import needs_chromium
from tests.factories import ClaimFactory
from tests.sources.conftest import read_warc
from tests.sources.script_pages import FRAMED, QUOTE, serve_script_built_page

pytestmark = [
    pytest.mark.django_db,
    needs_chromium,
]


@pytest.fixture
def browser_on(settings):
    settings.ARCHIVE_BROWSER = True
    settings.BROWSER_SETTLE_SECONDS = 1.0
    settings.BROWSER_TIMEOUT = 30.0


def archived(url) -> Capture:
    return services.archive(services.source_for_url(url)).capture


def quoted_claim():
    return ClaimFactory(text=QUOTE)


def test_the_evidence_finder_finds_the_quote_in_the_browser_capture(web, browser_on):
    evidence = services.cite(
        quoted_claim(), serve_script_built_page(web, "/finder"), stance="supports"
    )
    services.archive(evidence.source)
    evidence.refresh_from_db()
    assert evidence.located is True
    assert "412 verdoppelt" in evidence.located_passage


def test_the_plain_capture_misses_the_quote(web, settings):
    settings.ARCHIVE_BROWSER = False
    capture = archived(serve_script_built_page(web, "/plain"))
    assert capture.method == Capture.Method.PLAIN
    assert QUOTE not in capture.text


def test_a_browser_capture_says_so_and_keeps_the_rendered_text_and_a_screenshot(web, browser_on):
    capture = archived(serve_script_built_page(web, "/made"))
    assert capture.method == Capture.Method.BROWSER
    assert QUOTE in capture.text
    assert FRAMED in capture.text  # the frame's text follows the page's
    with capture.screenshot.open("rb") as png:
        assert png.read(8) == b"\x89PNG\r\n\x1a\n"


def test_the_capture_hash_is_the_document_as_the_server_sent_it(web, browser_on):
    capture = archived(serve_script_built_page(web, "/hash"))
    assert QUOTE.encode() not in read_warc(capture)  # the payload, not the rendered DOM


def test_the_warc_holds_each_request_and_response_the_document_first(web, browser_on):
    url = serve_script_built_page(web, "/records")
    capture = archived(url)
    with capture.warc.open("rb") as warc:
        records = [
            (r.rec_type, r.rec_headers.get_header("WARC-Target-URI"), r.rec_headers)
            for r in ArchiveIterator(warc)
        ]
    responses = [uri for kind, uri, _headers in records if kind == "response"]
    requests = [uri for kind, uri, _headers in records if kind == "request"]
    assert responses[0] == url
    assert set(responses) == {url, f"{url}.json", f"{url}-frame", f"{url}-lazy.png"}
    assert requests == responses
    assert all(
        headers.get_header("WARC-Payload-Digest").startswith("sha256:")
        for kind, _uri, headers in records
        if kind == "response"
    )
    resources = [uri for kind, uri, _headers in records if kind == "resource"]
    assert resources == [
        f"urn:rendered-dom:{url}",
        f"urn:rendered-dom:{url}-frame",
        f"urn:screenshot:{url}",
    ]


def test_requests_the_policy_refused_are_kept_with_the_capture(web, browser_on):
    web.pages["/verweigert"] = (
        b'<html><body><p>Text.</p><img src="http://127.0.0.3:8/bild.png"></body></html>',
        "text/html",
    )
    capture = archived(web.url("/verweigert"))
    assert capture.refused_requests[0]["url"] == "http://127.0.0.3:8/bild.png"
    assert "internal or reserved address" in capture.refused_requests[0]["reason"]


def test_pdfs_stay_on_the_plain_fetcher(web, browser_on):
    capture = archived(web.url("/report.pdf"))
    assert capture.method == Capture.Method.PLAIN
    assert not capture.screenshot
    assert "browser_error" not in capture.metadata


def test_when_the_browser_fails_the_plain_capture_is_kept_and_says_why(
    web, browser_on, settings, tmp_path
):
    broken = tmp_path / "chromium"
    broken.write_text("#!/bin/sh\nexit 1\n")
    broken.chmod(0o755)
    settings.BROWSER_EXECUTABLE = str(broken)
    capture = archived(serve_script_built_page(web, "/fallback"))
    assert capture.method == Capture.Method.PLAIN
    assert capture.metadata["browser_error"].startswith("The browser could not")
    assert "Ladesäulen im Landkreis" in capture.text


def test_archive_tasks_go_to_the_browser_queue_while_browser_capture_is_on(browser_on):
    assert services.archive_queue() == "browser"


def test_archive_tasks_stay_on_the_fetch_queue_without_chromium(browser_on, settings):
    settings.BROWSER_EXECUTABLE = "/nonexistent/chromium"
    assert services.archive_queue() == "fetch"


def test_archive_tasks_stay_on_the_fetch_queue_when_browser_capture_is_off(settings):
    settings.ARCHIVE_BROWSER = False
    assert services.archive_queue() == "fetch"


@pytest.fixture
def packaged(settings):
    settings.ARCHIVE_WACZ = True


def test_a_browser_capture_is_packaged_as_a_wacz_that_validates(web, browser_on, packaged):
    capture = archived(serve_script_built_page(web, "/paket"))
    assert capture.wacz
    assert "wacz_error" not in capture.metadata
    with capture.wacz.open("rb") as package, tempfile.TemporaryDirectory() as work:
        path = Path(work) / "capture.wacz"
        path.write_bytes(package.read())
        validate_wacz(path)
        with zipfile.ZipFile(path) as archive:
            header, page = [
                json.loads(line) for line in archive.read("pages/pages.jsonl").splitlines()
            ]
    assert header["hasText"] is True
    assert QUOTE in page["text"]  # the page's rendered text, for ReplayWeb.page's search


def test_a_capture_whose_packaging_fails_is_kept_and_says_why(web, packaged, settings, tmp_path):
    broken = tmp_path / "wacz"
    broken.write_text("#!/bin/sh\necho 'no space left' >&2\nexit 3\n")
    broken.chmod(0o755)
    settings.WACZ_COMMAND = str(broken)
    capture = archived(web.url("/article?fuer=paket"))
    assert not capture.wacz
    assert capture.metadata["wacz_error"]
    read_warc(capture)
