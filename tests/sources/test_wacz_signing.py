"""Signing WACZ packages with a signing server, when one is set (WACZ_SIGNING_URL)."""

import json
import zipfile

import pytest
from django.urls import reverse

from sources import services
from sources.models import Capture
from tests.sources.signingserver import SigningServer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def packaged(settings):
    settings.ARCHIVE_WACZ = True


def archived(url) -> Capture:
    return services.archive(services.source_for_url(url)).capture


def test_with_a_signing_server_set_the_package_carries_its_signature(web, settings):
    with SigningServer() as signer:
        settings.WACZ_SIGNING_URL, settings.WACZ_SIGNING_TOKEN = signer.url, "geheim"
        capture = archived(web.url("/article?fuer=signiert"))
    assert signer.requests[0][0] == "bearer geheim"
    assert capture.metadata["wacz_signed_by"] == "signing.test"
    with capture.wacz.open("rb") as package, zipfile.ZipFile(package) as archive:
        digest = json.loads(archive.read("datapackage-digest.json"))
    assert digest["signedData"]["hash"] == digest["hash"]


def test_a_refused_signature_leaves_the_package_unsigned_and_says_so(web, settings):
    with SigningServer(refuse=True) as signer:
        settings.WACZ_SIGNING_URL = signer.url
        capture = archived(web.url("/article?fuer=unsigniert"))
    assert capture.wacz
    assert capture.metadata["wacz_signed_by"] == ""


def test_the_capture_page_names_who_signed_the_package(web, settings, reviewer_client):
    with SigningServer() as signer:
        settings.WACZ_SIGNING_URL = signer.url
        capture = archived(web.url("/article?fuer=seite-signiert"))
    url = reverse("sources:capture", args=[capture.pk])
    page = reviewer_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The WACZ package is signed by signing.test." in page
