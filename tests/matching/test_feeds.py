"""Reading ClaimReview from feeds (matching.feeds): the shapes fact-checkers publish, and broken ones."""

import datetime as dt
import json

import pytest

from matching.feeds import FeedError, read_claimreviews

from .feeds import claimreview, data_feed, data_feed_bytes


def as_json(data) -> bytes:
    return json.dumps(data).encode()


def html_page(*blocks: str) -> bytes:
    scripts = "".join(f'<script type="application/ld+json">{block}</script>' for block in blocks)
    return f"<!doctype html><html><head>{scripts}</head><body><p>Text</p></body></html>".encode()


def test_a_data_feed_of_claimreviews_gives_each_review_normalized():
    reviews = read_claimreviews(data_feed_bytes(claimreview(1), claimreview(2)), "application/json")
    assert [r["url"] for r in reviews] == [
        "https://faktencheck.example/pruefung-1",
        "https://faktencheck.example/pruefung-2",
    ]
    first = reviews[0]
    assert first["claim_reviewed"].startswith("Die Stadt hat im vergangenen Jahr 1 Millionen")
    assert first["rating_name"] == "Falsch"
    assert (first["rating_value"], first["rating_best"], first["rating_worst"]) == (1.0, 5.0, 1.0)
    assert first["publisher_name"] == "Faktencheck Nord"
    assert first["publisher_url"] == "https://faktencheck.example"
    assert first["claimant"] == "Petra Albers"
    assert first["claim_date"] == dt.date(2026, 2, 20)
    assert first["review_date"] == dt.date(2026, 3, 2)
    assert first["raw"] == claimreview(1)
    assert reviews.skipped == []


def test_data_feed_items_may_carry_the_review_under_item():
    feed = data_feed({"@type": "DataFeedItem", "dateCreated": "2026-03-02", "item": claimreview(3)})
    reviews = read_claimreviews(as_json(feed), "application/ld+json")
    assert [r["url"] for r in reviews] == ["https://faktencheck.example/pruefung-3"]


def test_types_written_as_full_schema_org_addresses_are_recognised():
    review = claimreview(4, **{"@type": "http://schema.org/ClaimReview"})
    assert len(read_claimreviews(as_json([review]), "")) == 1


def test_a_plain_list_of_claimreviews_is_read():
    reviews = read_claimreviews(as_json([claimreview(1), claimreview(2)]), "application/json")
    assert len(reviews) == 2


def test_a_page_with_claimreview_json_ld_in_a_graph_is_read():
    graph = {
        "@context": "https://schema.org",
        "@graph": [{"@type": "WebPage", "name": "Faktencheck"}, claimreview(5)],
    }
    reviews = read_claimreviews(html_page(json.dumps(graph)), "text/html; charset=utf-8")
    assert [r["url"] for r in reviews] == ["https://faktencheck.example/pruefung-5"]


def test_a_page_with_several_blocks_reads_them_all_and_survives_a_broken_one():
    page = html_page(
        json.dumps({"@type": "NewsArticle", "headline": "x"}),
        "{ not json",
        json.dumps([claimreview(6), claimreview(7)]),
    )
    assert [r["url"][-1] for r in read_claimreviews(page, "text/html")] == ["6", "7"]


def test_a_page_is_recognised_by_its_markup_without_a_content_type():
    assert len(read_claimreviews(html_page(json.dumps(claimreview(8))), "")) == 1


def test_a_fact_check_tools_export_is_read_review_by_review():
    export = {
        "claims": [
            {
                "text": "Germany produces 40 percent of its electricity from coal.",
                "claimant": "Brad Glasser",
                "claimDate": "2026-01-05T00:00:00Z",
                "claimReview": [
                    {
                        "publisher": {"name": "Fact Desk", "site": "factdesk.example"},
                        "url": "https://factdesk.example/coal",
                        "title": "Coal share",
                        "reviewDate": "2026-01-07T10:00:00Z",
                        "textualRating": "Mostly false",
                        "languageCode": "en",
                    },
                    {
                        "publisher": {"name": "Prüfstelle", "site": "pruefstelle.example"},
                        "url": "https://pruefstelle.example/kohle",
                        "textualRating": "Falsch",
                        "languageCode": "de",
                    },
                ],
            }
        ]
    }
    reviews = read_claimreviews(as_json(export), "application/json")
    assert [r["url"] for r in reviews] == [
        "https://factdesk.example/coal",
        "https://pruefstelle.example/kohle",
    ]
    coal = reviews[0]
    assert coal["claim_reviewed"] == "Germany produces 40 percent of its electricity from coal."
    assert coal["claimant"] == "Brad Glasser"
    assert coal["rating_name"] == "Mostly false" and coal["rating_value"] is None
    assert (coal["publisher_name"], coal["publisher_url"]) == (
        "Fact Desk",
        "https://factdesk.example",
    )
    assert coal["claim_date"] == dt.date(2026, 1, 5)
    assert coal["review_date"] == dt.date(2026, 1, 7)
    assert coal["language"] == "en" and reviews[1]["language"] == "de"
    assert coal["raw"]["claimReview"] == [export["claims"][0]["claimReview"][0]]


def test_the_declared_language_wins_and_regional_codes_count():
    review = claimreview(1, claim="The city spent 12 million euros.", inLanguage="de-AT")
    assert read_claimreviews(as_json([review]), "")[0]["language"] == "de"


def test_without_a_declared_language_the_claims_words_tell_it():
    german = claimreview(1, claim="Die Stadt hat mehr Geld ausgegeben, als sie eingenommen hat.")
    english = claimreview(2, claim="The city has spent more money than it has taken in.")
    # No German or English word at all: the detector cannot tell, so neither is claimed.
    polish = claimreview(3, claim="Miasto wydało więcej pieniędzy niż zarobiło.")
    reviews = read_claimreviews(as_json([german, english, polish]), "")
    assert [r["language"] for r in reviews] == ["de", "en", "other"]


def test_a_language_the_desk_does_not_work_in_is_other():
    review = claimreview(
        1, inLanguage={"@type": "Language", "name": "French", "alternateName": "fr"}
    )
    assert read_claimreviews(as_json([review]), "")[0]["language"] == "other"


def test_a_review_without_claim_reviewed_is_skipped_with_its_reason_and_the_others_kept():
    broken = claimreview(2)
    del broken["claimReviewed"]
    reviews = read_claimreviews(data_feed_bytes(claimreview(1), broken, claimreview(3)), "")
    assert [r["url"][-1] for r in reviews] == ["1", "3"]
    assert reviews.skipped == [
        "A ClaimReview without “claimReviewed” was skipped (https://faktencheck.example/pruefung-2)."
    ]


def test_a_review_without_a_web_address_is_skipped():
    review = claimreview(1, url="javascript:alert(1)")
    reviews = read_claimreviews(as_json([review, claimreview(2)]), "")
    assert len(reviews) == 1
    assert reviews.skipped[0].startswith("A ClaimReview without a web address was skipped")


def test_unreadable_numbers_and_dates_are_left_empty():
    review = claimreview(1, datePublished="last Tuesday")
    review["reviewRating"]["ratingValue"] = "very"
    stored = read_claimreviews(as_json([review]), "")[0]
    assert stored["review_date"] is None and stored["rating_value"] is None


@pytest.mark.parametrize(
    ("payload", "content_type", "message"),
    [
        (b"hello, world", "text/plain", "The feed is neither JSON nor an HTML page."),
        (b"\xff\xfe\xfa", "", "The feed is neither JSON nor an HTML page."),
        (
            b'{"@type": "DataFeed", ',
            "application/json",
            "The feed is not valid JSON (line 1, column 23).",
        ),
        (b"[" * 100_000, "application/json", "The feed is nested too deeply to be read."),
        (b'"just a string"', "application/json", "Expected a schema.org DataFeed"),
        (b'{"title": "Our fact-checks"}', "application/json", "Expected a schema.org DataFeed"),
        (
            b'{"claims": {"text": "x"}}',
            "application/json",
            "Expected “claims” to be a list of objects",
        ),
        (b'{"claims": []}', "application/json", "No ClaimReview was found in the feed."),
        (
            b'{"@type": "DataFeed", "dataFeedElement": [{"@type": "Article"}]}',
            "",
            "No ClaimReview was found in the feed.",
        ),
        (b"[]", "application/json", "No ClaimReview was found in the feed."),
        (
            b"<html><body>No markup</body></html>",
            "text/html",
            "No ClaimReview was found in the page.",
        ),
    ],
)
def test_a_feed_that_cannot_be_read_says_why_in_one_sentence(payload, content_type, message):
    with pytest.raises(FeedError) as error:
        read_claimreviews(payload, content_type)
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


def test_a_page_whose_only_json_ld_is_broken_says_so():
    with pytest.raises(FeedError, match="1 JSON-LD block"):
        read_claimreviews(html_page("{broken"), "text/html")
