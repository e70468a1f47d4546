"""The API's WARC download reads the capture from an S3 bucket (moto on loopback)."""

import pytest
from django.urls import reverse

from sources import services as source_services
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def capture(cms, web, s3_archive):
    claim = ClaimFactory(article__api_client=cms.cms)
    evidence = source_services.cite(claim, web.url("/article"), stance="supports")
    return source_services.archive(evidence.source).capture


def test_the_warc_download_comes_from_the_bucket(cms, capture, s3_archive):
    response = cms.get(reverse("api:capture-warc", args=[capture.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/warc"
    assert b"".join(response.streaming_content) == s3_archive.objects()[capture.warc.name]


def test_a_warc_gone_from_the_bucket_is_a_404_with_a_reason(cms, capture, s3_archive):
    s3_archive.client().delete_object(Bucket=s3_archive.name, Key=capture.warc.name)
    response = cms.get(reverse("api:capture-warc", args=[capture.pk]))
    assert response.status_code == 404
    assert "missing" in response.json()["error"]
