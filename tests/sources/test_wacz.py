"""WACZ packages of a real capture: a page fetched from a local server, written as WARC,
packaged and checked by the real `wacz` command (.venv-wacz, made by make install)."""

import gzip
import hashlib
import json
import zipfile
from datetime import UTC, datetime, timedelta, timezone

import pytest
from warcio.archiveiterator import ArchiveIterator

from sources.fetcher import FetchPolicy, fetch
from sources.services import fetch_policy
from sources.wacz import WaczFailed, package_wacz, validate_wacz, wacz_available
from sources.warc import write_warc

TITLE = "Stadtwerke melden Rekord"
TEXT = (
    "Die Stadtwerke Rheinfeld haben im vergangenen Jahr mehr als 85 Millionen Fahrgäste befördert."
)


def capture_warc(url, policy, path):
    with fetch(url, policy) as result, open(path, "wb") as out:
        write_warc(result, out)
    return path


def response_date(warc_path, url):
    with open(warc_path, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response" and record.rec_headers["WARC-Target-URI"] == url:
                return record.rec_headers["WARC-Date"]
    raise AssertionError(f"no response for {url}")


@pytest.fixture(scope="module")
def packaged(web, tmp_path_factory):
    """One capture of /article packaged once; the tests below only read it."""
    folder = tmp_path_factory.mktemp("wacz")
    url = web.url("/article")
    policy = FetchPolicy.build(allowed_networks=["127.0.0.2/32"], total_timeout=3.0)
    warc = capture_warc(url, policy, folder / "article.warc.gz")
    out = folder / "article.wacz"
    digest = package_wacz(
        warc, out, pages=[{"url": url, "title": TITLE, "text": TEXT}], title="Beleg"
    )
    return {"url": url, "warc": warc, "wacz": out, "sha256": digest}


def read(package, name) -> bytes:
    with zipfile.ZipFile(package["wacz"]) as wacz:
        return wacz.read(name)


def page_lines(package):
    return [json.loads(line) for line in read(package, "pages/pages.jsonl").splitlines()]


def test_the_installed_tool_is_available():
    assert wacz_available()


def test_a_packaged_capture_passes_wacz_validate(packaged):
    validate_wacz(packaged["wacz"])


def test_the_returned_sha256_is_the_hash_of_the_package(packaged):
    assert packaged["sha256"] == hashlib.sha256(packaged["wacz"].read_bytes()).hexdigest()


def test_datapackage_lists_every_file_with_the_sha256_of_its_bytes(packaged):
    datapackage = json.loads(read(packaged, "datapackage.json"))
    with zipfile.ZipFile(packaged["wacz"]) as wacz:
        files = set(wacz.namelist()) - {"datapackage.json", "datapackage-digest.json"}
        listed = {resource["path"]: resource for resource in datapackage["resources"]}
        assert set(listed) == files
        for name in files:
            data = wacz.read(name)
            assert listed[name]["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
            assert listed[name]["bytes"] == len(data)


def test_datapackage_digest_holds_the_hash_of_the_datapackage(packaged):
    digest = json.loads(read(packaged, "datapackage-digest.json"))
    datapackage = read(packaged, "datapackage.json")
    assert digest == {
        "path": "datapackage.json",
        "hash": "sha256:" + hashlib.sha256(datapackage).hexdigest(),
    }


def test_datapackage_names_the_captured_page_and_the_title(packaged):
    datapackage = json.loads(read(packaged, "datapackage.json"))
    assert datapackage["title"] == "Beleg"
    assert datapackage["mainPageURL"] == packaged["url"]
    assert datapackage["mainPageDate"] == response_date(packaged["warc"], packaged["url"])
    assert datapackage["wacz_version"] == "1.1.1"


def test_pages_jsonl_starts_with_a_header_that_announces_the_text(packaged):
    header = page_lines(packaged)[0]
    assert header["format"] == "json-pages-1.0"
    assert header["hasText"] is True
    assert "url" not in header


def test_pages_jsonl_has_the_page_url_title_text_and_archive_time(packaged):
    pages = page_lines(packaged)[1:]
    assert len(pages) == 1
    page = pages[0]
    assert page["url"] == packaged["url"]
    assert page["title"] == TITLE
    assert page["text"] == TEXT
    assert page["ts"] == response_date(packaged["warc"], packaged["url"])
    assert page["id"]


def test_the_cdxj_index_has_the_page_url_in_the_packaged_warc(packaged):
    lines = gzip.decompress(read(packaged, "indexes/index.cdx.gz")).decode().splitlines()
    entries = [json.loads(line.split(" ", 2)[2]) for line in lines]
    page = [e for e in entries if e["url"] == packaged["url"] and e["status"] == "200"]
    assert len(page) == 1
    # Replay reads the record at this offset of archive/<filename>.
    record = read(packaged, "archive/" + page[0]["filename"])[int(page[0]["offset"]) :]
    assert gzip.decompress(record[: int(page[0]["length"])]).startswith(b"WARC/1.0\r\n")
    assert read(packaged, "indexes/index.idx").startswith(b"!meta")


def test_the_warc_and_the_index_are_stored_uncompressed_for_range_reads(packaged):
    with zipfile.ZipFile(packaged["wacz"]) as wacz:
        archive = wacz.getinfo("archive/article.warc.gz")
        assert archive.compress_type == zipfile.ZIP_STORED
        assert wacz.read(archive) == packaged["warc"].read_bytes()
        assert wacz.getinfo("indexes/index.cdx.gz").compress_type == zipfile.ZIP_STORED


def test_a_page_time_given_as_a_datetime_is_written_in_utc(web, tmp_path, settings):
    url = web.url("/article")
    warc = capture_warc(url, fetch_policy(), tmp_path / "a.warc.gz")
    moment = datetime(2026, 3, 1, 13, 30, 5, tzinfo=timezone(timedelta(hours=1)))
    out = tmp_path / "a.wacz"
    package_wacz(warc, out, pages=[{"url": url, "ts": moment}])
    with zipfile.ZipFile(out) as wacz:
        page = json.loads(wacz.read("pages/pages.jsonl").splitlines()[1])
    assert page["ts"] == moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert page["title"] == url
    assert "text" not in page


def test_a_warc_of_any_name_is_stored_under_a_warc_name(web, tmp_path):
    url = web.url("/article")
    warc = capture_warc(url, fetch_policy(), tmp_path / "upload-1234")
    out = tmp_path / "a.wacz"
    package_wacz(warc, out, pages=[{"url": url}])
    with zipfile.ZipFile(out) as wacz:
        assert "archive/capture.warc.gz" in wacz.namelist()
    validate_wacz(out)


def test_a_missing_tool_fails_with_a_readable_reason(web, tmp_path, settings):
    settings.WACZ_COMMAND = str(tmp_path / "nowhere" / "wacz")
    url = web.url("/article")
    warc = capture_warc(url, fetch_policy(), tmp_path / "a.warc.gz")
    out = tmp_path / "a.wacz"
    assert not wacz_available()
    with pytest.raises(WaczFailed) as failed:
        package_wacz(warc, out, pages=[{"url": url}])
    assert failed.value.reason == (
        f"The wacz tool is not installed at {settings.WACZ_COMMAND} (make install installs it)."
    )
    assert not out.exists()
    with pytest.raises(WaczFailed, match="not installed"):
        validate_wacz(tmp_path / "a.wacz")


@pytest.mark.parametrize(
    "content",
    [bytes(range(256)) * 4, b"WARC/1.0\r\nWARC-Type: response\r\n\r\nno headers here"],
    ids=["not a warc", "damaged record"],
)
def test_a_broken_warc_fails_with_a_readable_reason(tmp_path, content):
    warc = tmp_path / "broken.warc.gz"
    warc.write_bytes(content)
    out = tmp_path / "broken.wacz"
    page = {"url": "http://127.0.0.2/article", "ts": "2026-03-01T12:00:00Z"}
    with pytest.raises(WaczFailed) as failed:
        package_wacz(warc, out, pages=[page])
    assert (
        failed.value.reason == "The WARC file broken.warc.gz is damaged or not a WARC file at all."
    )
    assert not out.exists()


def test_a_warc_cut_short_fails_as_damaged(web, tmp_path):
    url = web.url("/article")
    whole = capture_warc(url, fetch_policy(), tmp_path / "whole.warc.gz").read_bytes()
    warc = tmp_path / "cut.warc.gz"
    warc.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(WaczFailed) as failed:
        package_wacz(warc, tmp_path / "cut.wacz", pages=[{"url": url}])
    assert failed.value.reason == "The WARC file cut.warc.gz is damaged or not a WARC file at all."


def test_a_warc_with_a_changed_payload_fails_as_damaged(web, tmp_path):
    url = web.url("/article")
    warc = tmp_path / "changed.warc"  # uncompressed, so the payload's bytes can be edited
    with fetch(url, fetch_policy()) as result, open(warc, "wb") as out:
        write_warc(result, out)
    plain = gzip.decompress(warc.read_bytes())
    warc.write_bytes(plain.replace(b"85 Millionen", b"95 Millionen"))
    with pytest.raises(WaczFailed) as failed:
        package_wacz(warc, tmp_path / "changed.wacz", pages=[{"url": url}])
    assert failed.value.reason == "The WARC file changed.warc is damaged or not a WARC file at all."


def test_a_page_missing_from_the_warc_fails(web, tmp_path):
    warc = capture_warc(web.url("/article"), fetch_policy(), tmp_path / "a.warc.gz")
    missing = web.url("/elsewhere")
    with pytest.raises(WaczFailed) as failed:
        package_wacz(warc, tmp_path / "a.wacz", pages=[{"url": missing}])
    assert failed.value.reason == f"The page {missing} is not in the WARC file."


def test_a_tool_that_runs_too_long_is_stopped(web, tmp_path):
    url = web.url("/article")
    warc = capture_warc(url, fetch_policy(), tmp_path / "a.warc.gz")
    out = tmp_path / "a.wacz"
    with pytest.raises(WaczFailed) as failed:
        package_wacz(warc, out, pages=[{"url": url}], timeout=0.01)
    assert failed.value.reason == "The wacz tool took longer than 0.01 seconds and was stopped."
    assert not out.exists()


def test_a_package_with_a_changed_file_fails_validation(packaged, tmp_path):
    tampered = tmp_path / "tampered.wacz"
    with zipfile.ZipFile(packaged["wacz"]) as original, zipfile.ZipFile(tampered, "w") as copy:
        for entry in original.infolist():
            data = original.read(entry)
            if entry.filename == "pages/pages.jsonl":
                data = data.replace(b"85 Millionen", b"95 Millionen")
            copy.writestr(entry, data)
    with pytest.raises(WaczFailed) as failed:
        validate_wacz(tampered)
    assert failed.value.reason.startswith("The wacz tool found the WACZ package invalid: ")


def test_a_file_that_is_no_zip_fails_validation(tmp_path):
    path = tmp_path / "not.wacz"
    path.write_bytes(b"not a zip file")
    with pytest.raises(WaczFailed) as failed:
        validate_wacz(path)
    assert failed.value.reason == (
        "The wacz tool found the WACZ package invalid: zipfile.BadZipFile: File is not a zip file."
    )


def test_missing_files_fail_with_a_readable_reason(tmp_path):
    warc, wacz = tmp_path / "gone.warc.gz", tmp_path / "gone.wacz"
    with pytest.raises(WaczFailed) as failed:
        package_wacz(warc, wacz, pages=[{"url": "http://127.0.0.2/"}])
    assert failed.value.reason == f"The WARC file {warc} does not exist."
    with pytest.raises(WaczFailed) as failed:
        validate_wacz(wacz)
    assert failed.value.reason == f"The WACZ package {wacz} does not exist."
