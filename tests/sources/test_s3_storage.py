"""Archives in an S3 bucket: a real S3 API server (moto) on loopback, read back with boto3."""

import hashlib
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import models
from django.db.models.signals import post_save
from django.urls import reverse
from storages.backends.s3 import S3Storage
from warcio.archiveiterator import ArchiveIterator

from sources import services
from sources.models import Capture
from tests.chromium import needs_chromium
from tests.sources.conftest import read_warc
from tests.sources.webserver import ARTICLE

pytestmark = pytest.mark.django_db

CAPTURE_FILE_FIELDS = [
    field for field in Capture._meta.get_fields() if isinstance(field, models.FileField)
]


@pytest.fixture(autouse=True)
def every_warc_is_valid(s3_archive):
    """The package's read-back of every WARC, while the storage is still the bucket."""
    yield
    for capture in Capture.objects.all():
        read_warc(capture)


def archived(web, path="/article"):
    return services.archive(services.source_for_url(web.url(path))).capture


def response_payload(warc: bytes) -> bytes:
    for record in ArchiveIterator(io.BytesIO(warc), check_digests="raise"):
        if record.rec_type == "response":
            return record.raw_stream.read()
    raise AssertionError("no response record in the WARC")


def test_every_capture_file_field_uses_the_s3_storage_while_configured(s3_archive):
    assert type(storages["archive"]) is S3Storage
    for field in CAPTURE_FILE_FIELDS:
        assert field.storage.bucket_name == s3_archive.name, field.name


def test_an_archived_page_stores_its_warc_in_the_bucket(s3_archive, web):
    capture = archived(web)
    stored = s3_archive.objects()
    assert list(stored) == [capture.warc.name]
    payload = response_payload(stored[capture.warc.name])
    assert payload == ARTICLE.encode()
    assert hashlib.sha256(payload).hexdigest() == capture.sha256


def test_the_capture_pages_warc_download_comes_from_the_bucket(s3_archive, web, reviewer_client):
    capture = archived(web)
    response = reviewer_client.get(reverse("sources:capture-warc", args=[capture.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == s3_archive.objects()[capture.warc.name]


def test_the_sandboxed_page_is_read_from_the_bucket(s3_archive, web, reviewer_client):
    capture = archived(web)
    response = reviewer_client.get(reverse("sources:capture-page", args=[capture.pk]))
    assert response.status_code == 200
    assert response.content == ARTICLE.encode()


@pytest.mark.parametrize("view", ["sources:capture-warc", "sources:capture-page"])
def test_a_capture_whose_object_is_gone_from_the_bucket_answers_404(
    s3_archive, web, reviewer_client, view
):
    capture = archived(web)
    s3_archive.client().delete_object(Bucket=s3_archive.name, Key=capture.warc.name)
    response = reviewer_client.get(reverse(view, args=[capture.pk]))
    assert response.status_code == 404
    capture.delete()  # nothing left to read back after the test


def test_a_failed_row_write_deletes_the_stored_object(s3_archive, web):
    def refuse(**kwargs):
        raise RuntimeError("the row write failed")

    post_save.connect(refuse, sender=Capture, dispatch_uid="s3-refuse-capture")
    try:
        with pytest.raises(RuntimeError, match="the row write failed"):
            archived(web)
    finally:
        post_save.disconnect(sender=Capture, dispatch_uid="s3-refuse-capture")
    assert not Capture.objects.exists()
    assert s3_archive.objects() == {}


def test_every_file_a_capture_names_is_in_the_bucket(s3_archive, web):
    capture = archived(web)
    stored = s3_archive.objects()
    named = [getattr(capture, field.name) for field in CAPTURE_FILE_FIELDS]
    assert capture.warc in named
    for field_file in named:
        if field_file:
            assert field_file.name in stored
            with field_file.open("rb") as stored_file:
                assert stored_file.read() == stored[field_file.name]


def test_every_capture_file_field_stores_in_the_bucket(s3_archive, web):
    """What the browser capture adds (screenshot, WACZ) goes where its WARC goes."""
    capture = archived(web)
    for field in CAPTURE_FILE_FIELDS:
        if not getattr(capture, field.name):
            getattr(capture, field.name).save(
                f"{field.name}/{capture.pk}.bin", ContentFile(field.name.encode()), save=True
            )
    capture.refresh_from_db()
    stored = s3_archive.objects()
    for field in CAPTURE_FILE_FIELDS:
        assert getattr(capture, field.name).name in stored
    assert len(stored) == len(CAPTURE_FILE_FIELDS)


def test_a_name_taken_in_the_bucket_is_never_overwritten(s3_archive):
    storage = Capture._meta.get_field("warc").storage
    first = storage.save("warc/1/same.warc.gz", ContentFile(b"first"))
    second = storage.save("warc/1/same.warc.gz", ContentFile(b"second"))
    assert first != second
    assert s3_archive.objects() == {first: b"first", second: b"second"}


@needs_chromium
def test_a_browser_capture_stores_its_warc_screenshot_and_wacz_in_the_bucket(
    s3_archive, web, settings
):
    settings.ARCHIVE_BROWSER = True
    settings.ARCHIVE_WACZ = True
    settings.BROWSER_SETTLE_SECONDS = 1.0
    capture = archived(web, "/article?fuer=s3-browser")
    stored = s3_archive.objects()
    names = [capture.warc.name, capture.screenshot.name, capture.wacz.name]
    assert sorted(stored) == sorted(names)
    assert stored[capture.screenshot.name][:8] == b"\x89PNG\r\n\x1a\n"
    assert stored[capture.wacz.name][:2] == b"PK"  # a zip
