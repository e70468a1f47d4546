"""claims.selectors.duplicate_of: the same article, sent again."""

import pytest

from claims.selectors import SAME_EXTERNAL_ID, SAME_TEXT, SAME_URL, duplicate_of
from tests.factories import ApiClientFactory, ArticleFactory

pytestmark = pytest.mark.django_db

TEXT = "Der Stadtrat beschloss am Montag den Haushalt.\nDie Opposition stimmte dagegen."


def test_an_article_with_the_same_text_is_found_whatever_its_line_breaks():
    stored = ArticleFactory(body=TEXT)
    found = duplicate_of(url="", body=TEXT.replace("\n", "\r\n") + "\r\n", external_id="")
    assert found == stored
    assert found.duplicate_by == (SAME_TEXT,)


def test_an_article_at_the_same_address_spelled_otherwise_is_found():
    stored = ArticleFactory(url="https://www.zeitung.example/politik/haushalt")
    found = duplicate_of(
        url="http://zeitung.example/politik/haushalt/?utm_medium=social", body="", external_id=""
    )
    assert found == stored
    assert found.duplicate_by == (SAME_URL,)


def test_an_address_that_only_contains_the_stored_one_is_another_article():
    ArticleFactory(url="https://zeitung.example/politik/haushalt")
    assert (
        duplicate_of(url="https://zeitung.example/politik/haushalt-2", body="", external_id="")
        is None
    )


def test_an_article_with_the_same_in_house_external_id_is_found():
    stored = ArticleFactory(external_id="RS-2026-17")
    found = duplicate_of(url="", body="", external_id="RS-2026-17")
    assert found == stored
    assert found.duplicate_by == (SAME_EXTERNAL_ID,)


def test_the_same_external_id_of_another_api_client_is_another_article():
    ArticleFactory(external_id="17", api_client=ApiClientFactory())
    assert duplicate_of(url="", body="", external_id="17") is None
    assert duplicate_of(url="", body="", external_id="17", api_client=ApiClientFactory()) is None


def test_everything_the_found_article_shares_is_said():
    stored = ArticleFactory(body=TEXT, url="https://zeitung.example/a")
    found = duplicate_of(url="https://zeitung.example/a", body=TEXT, external_id="")
    assert found == stored
    assert found.duplicate_by == (SAME_URL, SAME_TEXT)


def test_the_article_itself_is_no_duplicate():
    stored = ArticleFactory(body=TEXT)
    assert duplicate_of(url="", body=TEXT, external_id="", exclude_pk=stored.pk) is None


def test_articles_without_text_are_not_the_same_text():
    ArticleFactory(body="")
    assert duplicate_of(url="", body="", external_id="") is None


def test_a_new_article_has_no_duplicate():
    ArticleFactory(body=TEXT, url="https://zeitung.example/a", external_id="RS-1")
    assert (
        duplicate_of(url="https://zeitung.example/b", body="Anderer Text.", external_id="RS-2")
        is None
    )


def test_looking_for_a_duplicate_costs_three_queries_at_most(django_assert_max_num_queries):
    ArticleFactory(body=TEXT, url="https://zeitung.example/a", external_id="RS-1")
    with django_assert_max_num_queries(3):
        duplicate_of(url="https://zeitung.example/a", body=TEXT, external_id="RS-1")
