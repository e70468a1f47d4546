"""Every page carries a strict Content-Security-Policy; views with their own keep theirs."""

import re

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.views.decorators.clickjacking import xframe_options_sameorigin

from config.middleware import ContentSecurityPolicyMiddleware

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def inline_scripts(html: str) -> list[str]:
    return [tag for tag in re.findall(r"<script\b[^>]*>", html) if "src=" not in tag]


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_login_pages_allow_scripts_and_styles_from_this_site_only(client, url):
    policy = directives(client.get(url))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]


def test_reviewer_pages_carry_the_policy(reviewer_client):
    response = reviewer_client.get("/")
    assert response.status_code == 200
    assert directives(response)["script-src"] == ["'self'"]


def test_reviewer_pages_have_no_inline_scripts(reviewer_client):
    assert inline_scripts(reviewer_client.get("/").content.decode()) == []


def test_no_page_may_be_framed_by_default(client):
    assert directives(client.get("/accounts/login/"))["frame-ancestors"] == ["'none'"]


def test_a_page_that_allows_same_origin_framing_keeps_allowing_it():
    # The XFrameOptionsMiddleware runs inside this one, as in settings.MIDDLEWARE.
    view = xframe_options_sameorigin(lambda request: HttpResponse("framed"))
    response = ContentSecurityPolicyMiddleware(view)(RequestFactory().get("/"))
    assert directives(response)["frame-ancestors"] == ["'self'"]


def test_a_view_with_its_own_policy_keeps_it():
    def sandboxed(request):
        response = HttpResponse("archived")
        response["Content-Security-Policy"] = "sandbox; default-src 'none'"
        return response

    response = ContentSecurityPolicyMiddleware(sandboxed)(RequestFactory().get("/"))
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_the_api_docs_load_no_inline_script(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert directives(response)["script-src"] == ["'self'"]
    assert inline_scripts(response.content.decode()) == []


def test_the_api_docs_set_up_script_is_served_from_this_site(client):
    response = client.get("/api/docs/?script=")
    assert response.status_code == 200
    assert "SwaggerUIBundle" in response.content.decode()
