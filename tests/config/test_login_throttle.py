"""Guessing passwords is throttled per account and per address, on both login pages."""

import pytest
from django.test import RequestFactory, override_settings

from config.login_throttle import client_ip
from tests.factories import EditorFactory, ReviewerFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # tests/factories.py
LOGIN_PAGES = ["/accounts/login/", "/admin/login/"]


def log_in(client, url, username, password, address="203.0.113.7", **headers):
    return client.post(
        url, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def fail(client, url, username, times, address="203.0.113.7"):
    for _ in range(times):
        log_in(client, url, username, "wrong password", address)


def logged_in_as(client):
    return client.session.get("_auth_user_id")


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_the_right_password_is_refused_after_too_many_wrong_ones(client, settings, url):
    editor = EditorFactory()
    fail(client, url, editor.username, settings.AXES_FAILURE_LIMIT)

    response = log_in(client, url, editor.username, PASSWORD)

    assert response.status_code == 429
    assert logged_in_as(client) is None


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_the_right_password_works_below_the_limit(client, settings, url):
    editor = EditorFactory()
    fail(client, url, editor.username, settings.AXES_FAILURE_LIMIT - 1)

    response = log_in(client, url, editor.username, PASSWORD)

    assert response.status_code == 302
    assert logged_in_as(client) == str(editor.pk)


def test_an_account_is_throttled_whatever_address_the_guesses_come_from(client, settings):
    reviewer = ReviewerFactory()
    for number in range(settings.AXES_FAILURE_LIMIT):
        fail(client, "/accounts/login/", reviewer.username, 1, address=f"198.51.100.{number}")

    response = log_in(client, "/accounts/login/", reviewer.username, PASSWORD, "192.0.2.50")

    assert response.status_code == 429


def test_an_address_is_throttled_whatever_accounts_it_tries(client, settings):
    reviewer = ReviewerFactory()
    for number in range(settings.AXES_FAILURE_LIMIT):
        fail(client, "/accounts/login/", f"guess-{number}", 1)

    response = log_in(client, "/accounts/login/", reviewer.username, PASSWORD)

    assert response.status_code == 429


def test_another_address_can_still_log_in_to_another_account(client, settings):
    fail(client, "/accounts/login/", "someone-else", settings.AXES_FAILURE_LIMIT)
    reviewer = ReviewerFactory()

    response = log_in(client, "/accounts/login/", reviewer.username, PASSWORD, "192.0.2.50")

    assert response.status_code == 302


def test_the_lockout_page_says_what_happened_and_when_to_try_again(client, settings):
    fail(client, "/accounts/login/", "erika", settings.AXES_FAILURE_LIMIT)

    response = log_in(client, "/accounts/login/", "erika", PASSWORD, HTTP_ACCEPT_LANGUAGE="en")

    page = response.content.decode()
    assert "Too many failed logins" in page
    assert "Please try again in 15 minutes." in page
    assert "<form" in page  # the site's layout: header with the language switch


def test_the_lockout_page_speaks_german(client, settings):
    fail(client, "/admin/login/", "erika", settings.AXES_FAILURE_LIMIT)

    response = log_in(client, "/admin/login/", "erika", PASSWORD, HTTP_ACCEPT_LANGUAGE="de")

    page = response.content.decode()
    assert "Zu viele fehlgeschlagene Anmeldungen" in page
    assert "Bitte versuchen Sie es in 15 Minuten erneut." in page


def test_without_a_proxy_the_address_is_the_connecting_one():
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert client_ip(request) == "192.0.2.1"


@override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw():
    # The client may send its own X-Forwarded-For; the proxy appends the real address.
    request = RequestFactory().get(
        "/", REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR="10.9.9.9, 192.0.2.1"
    )
    assert client_ip(request) == "192.0.2.1"
