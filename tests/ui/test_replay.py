"""Replay in Chromium: an archived page's scripts run on the replay origin, away from the app.

The app is the live server under the host name `localhost`; replay is the same server
under `127.0.0.1` (REPLAY_ORIGIN), as `make run` has them the other way round. Cookies
are kept per host name, so the two share none. The archived page's script writes a
sentence, writes what it could read of the cookies, and posts a form to the app.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.sources.replaying import archive_with_wacz
from tests.ui.browsing import PASSWORD, login, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

SENTENCE = "Die Stadtwerke Rheinfeld haben 85 Millionen Fahrgäste befördert."
REPLAY_TIMEOUT_MS = 30_000  # the service worker starts, reads the WACZ index, renders
FIRST_TRY_MS = 15_000


def replayed(page, frame_of_replay):
    """The archived page inside the replay, once it shows the archived sentence.

    ReplayWeb.page waits only about 300 ms for its service worker to take the frame over
    on a first visit; on a busy machine the worker can be slower, and the frame stays
    empty until the page is loaded again, as a reader would. So: one reload at most.
    """
    archived = frame_of_replay().frame_locator("replay-web-page iframe").frame_locator("iframe")
    sentence = archived.first.locator("#sentence")
    try:
        expect(sentence).to_have_text(SENTENCE, timeout=FIRST_TRY_MS)
    except AssertionError:
        page.reload()
        archived = frame_of_replay().frame_locator("replay-web-page iframe").frame_locator("iframe")
        sentence = archived.first.locator("#sentence")
        expect(sentence).to_have_text(SENTENCE, timeout=REPLAY_TIMEOUT_MS)
    return archived.first


def archived_page(app_url: str) -> str:
    return f"""<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Pressemitteilung</title></head>
<body>
<h1>Pressemitteilung</h1>
<p id="sentence"></p>
<p id="cookies">Cookies not read</p>
<form id="post" method="post" action="{app_url}/accounts/logout/" target="sink"></form>
<iframe name="sink" title="sink"></iframe>
<script>
document.getElementById("sentence").textContent = "{SENTENCE}";
document.getElementById("cookies").textContent = "Cookies: [" + document.cookie + "]";
document.getElementById("post").submit();
</script>
</body></html>
"""


@pytest.fixture
def replay_origin(settings, live_server):
    assert live_server.url.startswith("http://localhost:")
    settings.REPLAY_ORIGIN = live_server.url.replace("localhost", "127.0.0.1")
    return settings.REPLAY_ORIGIN


@pytest.fixture
def capture(web, live_server, demo, tmp_path):
    return archive_with_wacz(web, "/pressemitteilung", archived_page(live_server.url), tmp_path)


def replay_link(page, live_server, capture) -> str:
    page.goto(f"{live_server.url}/sources/captures/{capture.pk}/")
    link = page.get_by_role("link", name="Open the replay in a tab of its own")
    return link.get_attribute("href")


def test_a_replayed_page_runs_its_script_but_reads_no_cookie_of_the_app(
    page, live_server, replay_origin, capture
):
    login(page, live_server, "reviewer", PASSWORD)
    assert "csrftoken=" in page.evaluate("document.cookie")  # readable on the app's host
    url = replay_link(page, live_server, capture)
    assert url.startswith(f"{replay_origin}/captures/")

    posts_to_app = []
    page.on(
        "response",
        lambda r: (
            r.request.method == "POST"
            and r.url.startswith(live_server.url)
            and posts_to_app.append(r.status)
        ),
    )
    page.goto(url)
    archived = replayed(page, lambda: page)
    read = archived.locator("#cookies").inner_text()
    assert read == "Cookies: []"
    screenshot(page, "replay")
    # The archived form's post went to the replay, not to the app (ReplayWeb.page
    # rewrites the page's addresses); had it reached the app, the app refused it.
    assert all(status == 403 for status in posts_to_app), posts_to_app


def test_a_form_post_from_the_replay_origin_to_the_app_is_refused(
    page, live_server, replay_origin, capture
):
    login(page, live_server, "reviewer", PASSWORD)
    page.goto(replay_link(page, live_server, capture))
    replayed(page, lambda: page)
    # A script on the replay origin that no rewriting stops: ReplayWeb.page's own frame.
    # Into a new window: the replay page's policy keeps its frames from leaving its origin.
    frame = next(f for f in page.frames if f.url.startswith(f"{replay_origin}/replay/?"))
    logout = f"{live_server.url}/accounts/logout/"
    with page.context.expect_event("response", lambda r: r.url == logout) as answer:
        frame.evaluate(
            """(action) => {
                const form = document.createElement("form");
                form.method = "post";
                form.action = action;
                form.target = "_blank";
                document.body.append(form);
                form.submit();
            }""",
            logout,
        )
    assert answer.value.status == 403  # CSRF: wrong origin, no token
    assert answer.value.request.headers["origin"] == replay_origin
    page.goto(f"{live_server.url}/")
    expect(page.locator(".who")).to_have_text("reviewer")  # still logged in


def test_a_tampered_replay_link_shows_why_it_is_refused(page, live_server, replay_origin, capture):
    login(page, live_server, "reviewer", PASSWORD)
    url = replay_link(page, live_server, capture)
    response = page.goto(url.replace("/captures/", "/captures/x"))
    assert response.status == 403
    expect(page.locator("body")).to_contain_text("This replay link is not valid.")


def test_without_login_the_capture_page_gives_no_replay_link(
    page, live_server, replay_origin, capture
):
    page.goto(f"{live_server.url}/sources/captures/{capture.pk}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert replay_origin not in page.content()


def test_the_capture_page_frames_the_replay_when_the_replay_is_a_subdomain_of_the_app(
    page, live_server, settings, web, demo, tmp_path
):
    # As `make run` has them: the app on app.localhost, the replay on replay.app.localhost
    # (browsers send every *.localhost name to this machine).
    port = live_server.url.rsplit(":", 1)[1]
    app = type("App", (), {"url": f"http://app.localhost:{port}"})()
    settings.REPLAY_ORIGIN = f"http://replay.app.localhost:{port}"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "app.localhost", "replay.app.localhost"]
    capture = archive_with_wacz(web, "/eingebettet", archived_page(app.url), tmp_path)
    login(page, app, "reviewer", PASSWORD)
    page.goto(f"{app.url}/sources/captures/{capture.pk}/")
    archived = replayed(page, lambda: page.frame_locator("iframe.replay"))
    assert archived.locator("#cookies").inner_text() == "Cookies: []"
    page.locator("#replay").scroll_into_view_if_needed()
    screenshot(page, "capture-replay-framed")
