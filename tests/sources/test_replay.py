"""Replay on an origin of its own: routing by host, signed WACZ URLs, byte ranges."""

import time
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.urls import reverse

from sources import replay
from tests.factories import UserFactory
from tests.sources.replaying import archive_with_wacz

pytestmark = pytest.mark.django_db

REPLAY_ORIGIN = "http://localhost:8001"
REPLAY_HOST = "localhost:8001"
PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Pressemitteilung</title></head>
<body><p>Die Stadtwerke Rheinfeld haben 85 Millionen Fahrgäste befördert.</p></body></html>"""


@pytest.fixture(autouse=True)
def replay_on(settings):
    settings.REPLAY_ORIGIN = REPLAY_ORIGIN
    settings.REPLAY_URL_MAX_AGE = 300


@pytest.fixture
def capture(web, tmp_path):
    return archive_with_wacz(web, "/replay-me", PAGE, tmp_path)


@pytest.fixture
def replay_client(client):
    """A browser on the replay origin."""
    client.defaults["HTTP_HOST"] = REPLAY_HOST
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def app_request(rf):
    return rf.get("/sources/captures/1/")  # the app page asking, on host "testserver"


def token_of(url: str) -> str:
    return urlsplit(url).path.split("/")[2]


def issued_token(capture, rf) -> str:
    return token_of(replay.replay_url(capture, app_request(rf)))


def token_signed_long_ago(capture_id: int) -> str:
    class SignedAnHourAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - 3600)

    payload = {"capture": capture_id, "frame": "http://testserver"}
    return SignedAnHourAgo(salt=replay.REPLAY_SALT).sign_object(payload)


def wacz_bytes(capture) -> bytes:
    with capture.wacz.open("rb") as package:
        return package.read()


# --- The replay URL the app hands out ------------------------------------------------


def test_there_is_no_replay_url_when_replay_is_off(settings, capture, rf):
    settings.REPLAY_ORIGIN = ""
    assert replay.replay_url(capture, app_request(rf)) is None


def test_there_is_no_replay_url_for_a_capture_without_wacz(web, rf):
    from sources import services

    plain = services.archive(services.source_for_url(web.url("/article"))).capture
    assert replay.replay_url(plain, app_request(rf)) is None


def test_the_replay_url_is_the_replay_page_on_the_replay_origin(capture, rf):
    url = replay.replay_url(capture, app_request(rf))
    assert url.startswith(f"{REPLAY_ORIGIN}/captures/")
    assert url.endswith("/")


# --- The replay page -------------------------------------------------------------------


def test_the_replay_page_embeds_replaywebpage_with_the_signed_wacz_and_the_page_url(
    replay_client, capture, rf
):
    token = issued_token(capture, rf)
    response = replay_client.get(f"/captures/{token}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<script src="/replay/ui.js"></script>' in page
    assert f'source="/captures/{token}/archive.wacz"' in page
    assert f'url="{capture.final_url}"' in page
    assert 'replaybase="/replay/"' in page


def test_the_replay_page_runs_only_its_own_scripts_and_only_the_app_may_frame_it(
    replay_client, capture, rf
):
    response = replay_client.get(f"/captures/{issued_token(capture, rf)}/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert policy.endswith("frame-ancestors http://testserver")
    assert "X-Frame-Options" not in response


@pytest.mark.parametrize("suffix", ["/", "/archive.wacz"])
def test_an_expired_link_is_refused_with_a_message(replay_client, capture, suffix):
    response = replay_client.get(f"/captures/{token_signed_long_ago(capture.pk)}{suffix}")
    assert response.status_code == 403
    assert "expired" in response.content.decode()


@pytest.mark.parametrize("suffix", ["/", "/archive.wacz"])
def test_a_tampered_link_is_refused_with_a_message(replay_client, capture, rf, suffix):
    token = issued_token(capture, rf)
    value, _, signature = token.rpartition(":")
    forged = f"{value}:{signature[::-1]}"
    response = replay_client.get(f"/captures/{forged}{suffix}")
    assert response.status_code == 403
    assert "not valid" in response.content.decode()


def test_a_token_signed_for_something_else_is_refused(replay_client, capture):
    other = signing.dumps({"capture": capture.pk, "frame": "http://testserver"})
    assert replay_client.get(f"/captures/{other}/archive.wacz").status_code == 403


def test_a_lifetime_of_zero_seconds_refuses_every_link(settings, replay_client, capture, rf):
    token = issued_token(capture, rf)
    settings.REPLAY_URL_MAX_AGE = -1
    assert replay_client.get(f"/captures/{token}/").status_code == 403


def test_an_unknown_capture_is_not_found(replay_client, capture, rf):
    token = issued_token(capture, rf)
    capture.delete()
    assert replay_client.get(f"/captures/{token}/").status_code == 404
    assert replay_client.get(f"/captures/{token}/archive.wacz").status_code == 404


def test_a_capture_without_wacz_is_not_found(replay_client, capture, rf):
    token = issued_token(capture, rf)
    capture.wacz = ""
    capture.save(update_fields=["wacz"])
    assert replay_client.get(f"/captures/{token}/").status_code == 404
    response = replay_client.get(f"/captures/{token}/archive.wacz")
    assert response.status_code == 404
    assert "no WACZ" in response.content.decode()


# --- The WACZ, by byte ranges ----------------------------------------------------------


def test_the_first_request_of_replaywebpage_learns_the_size_and_that_ranges_work(
    replay_client, capture, rf
):
    response = replay_client.head(
        f"/captures/{issued_token(capture, rf)}/archive.wacz", HTTP_RANGE="bytes=0-"
    )
    size = len(wacz_bytes(capture))
    assert response.status_code == 206
    assert response["Content-Length"] == str(size)
    assert response["Content-Range"] == f"bytes 0-{size - 1}/{size}"
    assert response["Accept-Ranges"] == "bytes"


def test_a_range_is_exactly_those_bytes(replay_client, capture, rf):
    response = replay_client.get(
        f"/captures/{issued_token(capture, rf)}/archive.wacz", HTTP_RANGE="bytes=10-109"
    )
    package = wacz_bytes(capture)
    assert response.status_code == 206
    assert b"".join(response.streaming_content) == package[10:110]
    assert response["Content-Range"] == f"bytes 10-109/{len(package)}"


def test_the_last_bytes_hold_the_zip_directory_end(replay_client, capture, rf):
    response = replay_client.get(
        f"/captures/{issued_token(capture, rf)}/archive.wacz", HTTP_RANGE="bytes=-22"
    )
    body = b"".join(response.streaming_content)
    assert response.status_code == 206
    assert body == wacz_bytes(capture)[-22:]
    assert body.startswith(b"PK\x05\x06")


def test_without_a_range_the_whole_package_comes_private(replay_client, capture, rf):
    response = replay_client.get(f"/captures/{issued_token(capture, rf)}/archive.wacz")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == wacz_bytes(capture)
    assert response["Cache-Control"] == "private"


def test_a_range_beyond_the_end_is_not_satisfiable(replay_client, capture, rf):
    size = len(wacz_bytes(capture))
    response = replay_client.get(
        f"/captures/{issued_token(capture, rf)}/archive.wacz", HTTP_RANGE=f"bytes={size}-"
    )
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{size}"


# --- Two hosts, two sites --------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/", "/admin/", "/accounts/login/", "/api/v1/articles/", "/sources/captures/1/"]
)
def test_nothing_of_the_app_answers_on_the_replay_host(replay_client, path):
    response = replay_client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/plain")


def test_the_replay_routes_do_not_exist_on_the_app_host(client, capture, rf):
    token = issued_token(capture, rf)
    for path in (f"/captures/{token}/", f"/captures/{token}/archive.wacz", "/replay/sw.js"):
        assert client.get(path).status_code == 404


def test_the_replay_host_reads_no_cookie_and_sets_none(replay_client, capture, rf, reviewer):
    replay_client.force_login(reviewer)  # a session cookie the browser would never send here
    response = replay_client.get(f"/captures/{issued_token(capture, rf)}/")
    assert response.status_code == 200
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert response.wsgi_request.COOKIES == {}


def test_the_replay_host_name_on_another_port_answers_nothing(client):
    response = client.get("/accounts/login/", HTTP_HOST="localhost:8000")
    assert response.status_code == 404
    assert "only replays" in response.content.decode()


@pytest.mark.parametrize("name", ["ui.js", "sw.js"])
def test_replaywebpage_is_served_from_the_npm_package(replay_client, name):
    response = replay_client.get(f"/replay/{name}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert b"".join(response.streaming_content)[:200].strip()


# --- The capture page in the app -------------------------------------------------------


def test_without_login_there_is_no_replay_url(client, capture):
    response = client.get(reverse("sources:capture", args=[capture.pk]))
    assert response.status_code == 302
    assert REPLAY_ORIGIN not in response.content.decode()


def test_a_user_without_rights_gets_no_replay_url(client, capture):
    client.force_login(UserFactory())
    response = client.get(reverse("sources:capture", args=[capture.pk]))
    assert response.status_code == 403
    assert REPLAY_ORIGIN not in response.content.decode()


def test_a_desk_member_sees_the_replay_framed_from_the_replay_origin(reviewer_client, capture):
    response = reviewer_client.get(reverse("sources:capture", args=[capture.pk]))
    assert f'src="{REPLAY_ORIGIN}/captures/' in response.content.decode()
    assert f"frame-src 'self' {REPLAY_ORIGIN}" in response["Content-Security-Policy"]
