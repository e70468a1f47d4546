import pytest
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from sources.models import Capture, Source
from tests.factories import ClaimFactory, EvidenceFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_one_source_per_normalized_url():
    SourceFactory(url="https://a.example/x?utm_source=feed", normalized_url="https://a.example/x")
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceFactory(url="https://A.example/x", normalized_url="https://a.example/x")


def test_one_evidence_per_claim_and_source():
    claim, source = ClaimFactory(), SourceFactory()
    EvidenceFactory(claim=claim, source=source)
    with pytest.raises(IntegrityError), transaction.atomic():
        EvidenceFactory(claim=claim, source=source)


def test_evidence_stance_must_be_known():
    with pytest.raises(IntegrityError), transaction.atomic():
        EvidenceFactory(stance="maybe")


def test_source_status_must_be_known():
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceFactory(status="lost")


def test_capture_http_status_must_be_a_status_code():
    with pytest.raises(IntegrityError), transaction.atomic():
        Capture.objects.create(
            source=SourceFactory(),
            captured_at="2026-11-25T10:00:00Z",
            http_status=42,
            final_url="https://a.example/",
            size=0,
            sha256="0" * 64,
        )


def test_a_source_cited_as_evidence_cannot_be_deleted():
    evidence = EvidenceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.filter(pk=evidence.source_id).delete()


def test_capture_files_go_to_the_archive_storage_in_force(settings, tmp_path):
    # The fields were built once, at import; a later change of STORAGES still reaches them.
    settings.STORAGES = {
        **settings.STORAGES,
        "archive": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    name = Capture._meta.get_field("warc").storage.save("warc/probe.warc.gz", ContentFile(b"x"))
    assert (tmp_path / name).read_bytes() == b"x"
