"""The safe fetcher against a real HTTP server on 127.0.0.2 (allowed for these tests only)."""

import gzip
import re
import socket

import pytest

from sources.fetcher import FetchFailed, FetchPolicy, FetchRefused, fetch, refusal
from tests.sources.webserver import ARTICLE, LocalWebServer

# The test server listens on 127.0.0.2; 127.0.0.1 stays forbidden like any internal address.
POLICY = FetchPolicy.build(allowed_networks=["127.0.0.2/32"], total_timeout=3.0)


@pytest.fixture(scope="module")
def server():
    with LocalWebServer("127.0.0.2") as running:
        yield running


def test_fetches_a_page_and_records_the_connected_address(server):
    with fetch(server.url("/article"), POLICY) as result:
        assert result.status == 200
        assert result.content == ARTICLE.encode()
        assert result.final.peer_address == "127.0.0.2"
        assert result.body.read() == ARTICLE.encode()


def test_keeps_the_compressed_payload_and_decodes_the_content(server):
    with fetch(server.url("/gzipped"), POLICY) as result:
        assert gzip.decompress(result.body.read()) == ARTICLE.encode()
        assert result.content == ARTICLE.encode()


def test_follows_up_to_five_redirects(server):
    with fetch(server.url("/redirect/5"), POLICY) as result:
        assert result.final_url == server.url("/article")
        assert [r.status for r in result.redirects] == [302] * 5


def test_refuses_a_sixth_redirect(server):
    with pytest.raises(FetchRefused, match="More than 5 redirects"):
        fetch(server.url("/redirect/6"), POLICY)


def test_refuses_a_redirect_to_loopback(server):
    with pytest.raises(FetchRefused, match=re.escape("127.0.0.1")):
        fetch(server.url("/to-loopback"), POLICY)


def test_refuses_a_redirect_to_the_cloud_metadata_address(server):
    with pytest.raises(FetchRefused, match=re.escape("169.254.169.254")):
        fetch(server.url("/to-metadata"), POLICY)


def test_refuses_a_redirect_to_another_scheme(server):
    with pytest.raises(FetchRefused, match="Only http and https"):
        fetch(server.url("/to-file"), POLICY)


def test_loopback_is_refused_unless_allowed(server):
    with pytest.raises(FetchRefused, match="internal or reserved"):
        fetch(server.url("/article"), FetchPolicy.build())


def test_a_non_standard_port_is_refused_outside_allowed_networks():
    with pytest.raises(FetchRefused, match="Port 8080"):
        fetch("http://93.184.215.14:8080/", FetchPolicy.build())


@pytest.mark.parametrize(
    "url",
    ["ftp://example.org/file", "javascript:alert(1)", "http://", "http://user:pw@example.org/"],
)
def test_refuses_what_is_not_a_plain_web_address(url):
    with pytest.raises(FetchRefused):
        fetch(url, POLICY)


def test_stops_a_slow_page_at_the_time_limit(server):
    with pytest.raises(FetchFailed, match=r"longer than|stopped sending") as failure:
        fetch(server.url("/slow"), POLICY)
    assert failure.value.retryable


QUICK = FetchPolicy.build(allowed_networks=["127.0.0.2/32"], total_timeout=1.0)


def test_stops_a_server_dripping_its_headers_at_the_time_limit(server):
    with pytest.raises(FetchFailed, match=r"longer than 1 s") as failure:
        fetch(server.url("/header-drip"), QUICK)
    assert failure.value.retryable
    assert server.finished["/header-drip"] == 0  # given up long before the headers ended


def test_a_body_stalled_past_the_time_limit_fails_naming_the_limit(server):
    with pytest.raises(FetchFailed, match=r"longer than 1 s"):
        fetch(server.url("/stall"), QUICK)


def test_stops_an_endless_body_at_the_byte_limit(server):
    small = FetchPolicy.build(allowed_networks=["127.0.0.2/32"], max_bytes=1024 * 1024)
    with pytest.raises(FetchRefused, match="larger than 1 MB"):
        fetch(server.url("/endless"), small)


def test_refuses_a_declared_size_above_the_limit_without_reading(server):
    with pytest.raises(FetchRefused, match="larger than 25 MB"):
        fetch(server.url("/huge-declared"), POLICY)


def test_stops_a_gzip_bomb_at_the_byte_limit(server):
    small = FetchPolicy.build(allowed_networks=["127.0.0.2/32"], max_bytes=4 * 1024 * 1024)
    with pytest.raises(FetchRefused, match="unpacks to more than 4 MB"):
        fetch(server.url("/bomb"), small)


def test_server_errors_are_returned_for_the_caller_to_retry(server):
    with fetch(server.url("/missing"), POLICY) as result:
        assert result.status == 404


def test_an_unknown_host_fails_without_retry():
    with pytest.raises(FetchFailed) as failure:
        fetch("http://no-such-host.invalid/", POLICY)
    assert not failure.value.retryable


def test_a_refused_connection_fails_at_once_in_plain_words():
    with socket.socket() as probe:
        probe.bind(("127.0.0.2", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchFailed) as failure:
        fetch(f"http://127.0.0.2:{port}/", POLICY)
    assert not failure.value.retryable  # nothing listens there: no quarter hour of retries
    assert failure.value.reason == "The site refused the connection: nothing answers at 127.0.0.2."
    assert "Errno" not in failure.value.reason and "Connection(" not in failure.value.reason


def test_dns_is_asked_once_and_the_checked_address_is_used(server, monkeypatch):
    # A hostile resolver: a harmless answer first, then the internal address (rebinding).
    answers = iter(["127.0.0.2", "127.0.0.1", "127.0.0.1"])
    real = socket.getaddrinfo

    def rebinding(host, port, *args, **kwargs):
        if host == "rebind.example":
            return real(next(answers), port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    port = server.server_address[1]
    with fetch(f"http://rebind.example:{port}/article", POLICY) as result:
        assert result.final.peer_address == "127.0.0.2"
        assert ("Host", f"rebind.example:{port}") in result.final.request_headers


def test_a_host_with_any_internal_address_is_refused(monkeypatch):
    real = socket.getaddrinfo

    def mixed(host, port, *args, **kwargs):
        return real("93.184.215.14", port, *args, **kwargs) + real(
            "10.0.0.5", port, *args, **kwargs
        )

    monkeypatch.setattr(socket, "getaddrinfo", mixed)
    with pytest.raises(FetchRefused, match=re.escape("10.0.0.5")):
        fetch("http://mixed.example/", FetchPolicy.build())


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
        "0.0.0.0", "224.0.0.1", "240.0.0.1", "198.18.0.1", "::1", "fe80::1", "fc00::1",
        "::ffff:127.0.0.1", "::ffff:8.8.8.8", "2002:7f00:1::1", "64:ff9b::7f00:1",
        "2001:db8::1", "ff02::1", "::ffff:0:a9fe:a9fe", "::ffff:0:808:808", "5f00::1",
        "5f00:ffff::1", "3fff::1", "3fff:fff:ffff::1",
    ],
)  # fmt: skip
def test_internal_reserved_and_embedding_addresses_are_refused(address):
    assert refusal(address, FetchPolicy.build()) is not None


@pytest.mark.parametrize(
    ("address", "embedded"),
    [
        ("2a00:1450:4001:80b:0:5efe:a9fe:a9fe", "169.254.169.254"),
        ("2a00:1450:4001:80b:200:5efe:a00:5", "10.0.0.5"),
    ],
)
def test_a_public_ipv6_address_embedding_a_refused_ipv4_address_is_refused(address, embedded):
    assert embedded in refusal(address, FetchPolicy.build())


def test_a_public_ipv6_address_embedding_a_public_ipv4_address_is_allowed():
    assert refusal("2a00:1450:4001:80b:0:5efe:808:808", FetchPolicy.build()) is None


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2a00:1450:4001:80b::200e"])
def test_public_addresses_are_allowed(address):
    assert refusal(address, FetchPolicy.build()) is None


def test_allowed_networks_exempt_only_themselves():
    policy = FetchPolicy.build(allowed_networks=["127.0.0.0/8"])
    assert refusal("127.0.0.1", policy) is None
    assert refusal("10.0.0.1", policy) is not None
