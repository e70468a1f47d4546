"""Fetched bodies wait in temporary files, not in memory, as received and as unpacked.

A fetch worker holds many fetched pages while it parses one at a time, so a large body
must not sit in the process's memory meanwhile (figures: bench/archive.py).
"""

import gzip

import pytest

from sources.fetcher import SPOOL_BYTES, FetchPolicy, fetch
from tests.sources.slowserver import LARGE_PAGE_BYTES, LargePageServer, large_article
from tests.sources.webserver import ARTICLE

POLICY = FetchPolicy.build(allowed_networks=["127.0.0.2/32"], total_timeout=10.0)


@pytest.fixture(scope="module")
def server():
    with LargePageServer("127.0.0.2") as running:
        yield running


def in_a_file(spooled) -> bool:
    """A SpooledTemporaryFile that moved its contents from memory to a file on disk."""
    return spooled._rolled


def test_a_large_body_waits_in_a_file(server):
    with fetch(server.url("/large/1"), POLICY) as result:
        assert in_a_file(result.body)
        assert result.content_size == len(large_article(1)) > SPOOL_BYTES


def test_a_large_compressed_body_is_unpacked_into_a_file(server):
    with fetch(server.url("/large-gzipped/1"), POLICY) as result:
        assert not in_a_file(result.body)  # the compressed bytes are few
        assert in_a_file(result.decoded)
        assert result.content_size >= LARGE_PAGE_BYTES
        assert result.content == large_article(1)
        assert gzip.decompress(result.body.read()) == large_article(1)


def test_a_small_compressed_body_stays_in_memory(server):
    with fetch(server.url("/gzipped"), POLICY) as result:
        assert not in_a_file(result.decoded)
        assert (result.content, result.content_size) == (ARTICLE.encode(), len(ARTICLE.encode()))
