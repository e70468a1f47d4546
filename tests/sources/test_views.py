import pytest
from django.urls import reverse

from sources import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def capture(web):
    return services.archive(services.source_for_url(web.url("/script"))).capture


def test_a_capture_needs_a_login(client, capture):
    response = client.get(reverse("sources:capture", args=[capture.pk]))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_user_without_rights_is_refused(client, capture):
    client.force_login(UserFactory())
    for name in ("sources:capture", "sources:capture-warc", "sources:capture-page"):
        assert client.get(reverse(name, args=[capture.pk])).status_code == 403


def test_a_reviewer_sees_text_metadata_and_hash(reviewer_client, capture):
    response = reviewer_client.get(reverse("sources:capture", args=[capture.pk]))
    page = response.content.decode()
    assert capture.sha256 in page
    assert "Seite mit Skript." in page
    assert 'sandbox src="' in page


def test_the_warc_downloads_as_an_attachment(reviewer_client, capture):
    response = reviewer_client.get(reverse("sources:capture-warc", args=[capture.pk]))
    assert response["Content-Type"] == "application/warc"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content)[:2] == b"\x1f\x8b"


def test_the_archived_page_is_served_sandboxed_without_scripts(reviewer_client, capture):
    response = reviewer_client.get(reverse("sources:capture-page", args=[capture.pk]))
    policy = response["Content-Security-Policy"]
    assert policy.startswith("sandbox;")
    assert "allow-scripts" not in policy and "allow-same-origin" not in policy
    assert "default-src 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"<script>" in response.content  # kept as archived, but the sandbox never runs it


def test_only_html_captures_have_a_page_view(reviewer_client, web):
    pdf = services.archive(services.source_for_url(web.url("/report.pdf"))).capture
    assert reviewer_client.get(reverse("sources:capture-page", args=[pdf.pk])).status_code == 404


def test_an_unknown_capture_is_not_found(reviewer_client):
    assert reviewer_client.get(reverse("sources:capture", args=[999999])).status_code == 404
