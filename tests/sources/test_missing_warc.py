"""A capture whose WARC file is gone answers 404 with a reason, never a 500."""

import pytest
from django.urls import reverse

from sources import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def capture_without_file(web):
    capture = services.archive(services.source_for_url(web.url("/page/lost-file"))).capture
    capture.warc.storage.delete(capture.warc.name)
    yield capture
    capture.delete()  # nothing left to read back for the WARC check after the test


@pytest.mark.parametrize("view", ["sources:capture-warc", "sources:capture-page"])
def test_a_capture_whose_file_is_missing_answers_404(reviewer_client, capture_without_file, view):
    response = reviewer_client.get(reverse(view, args=[capture_without_file.pk]))
    assert response.status_code == 404


def test_the_capture_page_still_shows_text_and_hash_without_the_file(
    reviewer_client, capture_without_file
):
    response = reviewer_client.get(reverse("sources:capture", args=[capture_without_file.pk]))
    assert response.status_code == 200
    assert capture_without_file.sha256 in response.content.decode()
