import hashlib

import pytest
from warcio.archiveiterator import ArchiveIterator


@pytest.fixture(autouse=True)
def fetch_policy(settings):
    settings.FETCH_ALLOWED_NETWORKS = ["127.0.0.2/32"]
    settings.FETCH_TOTAL_TIMEOUT = 3.0
    settings.FETCH_RETRY_DELAY = 0.2


@pytest.fixture(autouse=True)
def every_warc_is_valid(request):
    """After each test, read back every WARC it wrote: digests and payload hash must hold."""
    yield
    if request.node.get_closest_marker("django_db"):
        from sources.models import Capture

        for capture in Capture.objects.all():
            read_warc(capture)


def read_warc(capture):
    """Every record of the capture's WARC, digests checked; returns the document's payload
    (the first response that is not a redirect: a browser capture's resources follow it)."""
    payload = None
    with capture.warc.open("rb") as warc:
        for record in ArchiveIterator(warc, check_digests="raise"):
            redirect = record.http_headers and record.http_headers.get_statuscode().startswith("3")
            if record.rec_type == "response" and payload is None and not redirect:
                payload = record.raw_stream.read()
    assert payload is not None
    assert hashlib.sha256(payload).hexdigest() == capture.sha256
    return payload
