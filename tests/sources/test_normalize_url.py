"""One spelling per page, and never one spelling for two pages."""

import pytest

from sources.services import normalize_url, source_for_url


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/article?cid=17",
        "https://example.org/article?ref=42",
        "https://example.org/article?session=3",
        "https://example.org/article?id=9",
        "https://example.org/article?source=report",
    ],
)
def test_parameters_that_may_pick_the_page_are_kept(url):
    assert normalize_url(url) == url


@pytest.mark.parametrize(
    "url", ["http://example.org/test?kill-child", "http://example.org/test?child-kill-2"]
)
def test_a_parameter_without_a_value_is_kept_as_written(url):
    assert normalize_url(url) == url


@pytest.mark.parametrize(
    "tracking",
    [
        "utm_source=news",
        "utm_medium=email",
        "utm_campaign=spring",
        "UTM_Content=x",
        "fbclid=IwAR0",
        "gclid=Cj0",
        "msclkid=1a2b",
        "mc_eid=abc",
        "mtm_campaign=y",
        "_ga=2.1.2.3",
    ],
)
def test_tracking_parameters_are_dropped(tracking):
    assert normalize_url(f"https://example.org/a?id=1&{tracking}") == "https://example.org/a?id=1"


def test_parameters_are_sorted_by_name_and_repeated_names_keep_their_order():
    assert normalize_url("https://example.org/a?b=2&a=1&b=1") == "https://example.org/a?a=1&b=2&b=1"


def test_parameter_values_keep_their_spelling():
    url = "https://example.org/search?q=caf%C3%A9+au+lait&page=2"
    assert normalize_url(url) == "https://example.org/search?page=2&q=caf%C3%A9+au+lait"


def test_host_is_lower_cased_and_the_fragment_dropped():
    assert normalize_url("https://Example.ORG/Path?X=1#top") == "https://example.org/Path?X=1"


@pytest.mark.parametrize(
    ("url", "normalized"),
    [
        ("http://example.org:80/a", "http://example.org/a"),
        ("https://example.org:443/a", "https://example.org/a"),
        ("https://example.org:80/a", "https://example.org:80/a"),
        ("http://example.org:8080/a", "http://example.org:8080/a"),
    ],
)
def test_only_the_default_port_of_the_scheme_is_dropped(url, normalized):
    assert normalize_url(url) == normalized


@pytest.mark.django_db
def test_pages_differing_only_in_a_bare_parameter_are_different_sources():
    first = source_for_url("http://example.org/test?kill-child")
    second = source_for_url("http://example.org/test?child-kill-2")
    assert first != second
    assert second.url == "http://example.org/test?child-kill-2"
