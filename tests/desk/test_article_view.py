"""The article page: claims ranked and highlighted by check-worthiness, the other
sentences faint in the text and promotable, and a way to the claims on a phone."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from claims import promotion, services
from tests.factories import ArticleFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Der Bund zahlt 60 Prozent der Kosten. Die Stimmung war gut.\n"
    "Die Linie kostet 1,2 Milliarden Euro. Man wird sehen.\n"
    "Die Stadt hat 780 Mio. Euro Schulden."
)


def claim_at(article, sentence, checkworthiness, **fields):
    start = article.body.index(sentence)
    return ClaimFactory(
        article=article,
        start=start,
        end=start + len(sentence),
        text=sentence,
        checkworthiness=checkworthiness,
        **fields,
    )


def scored_article():
    article = ArticleFactory(body=BODY, language="de")
    return article, {
        "very high": claim_at(article, "Der Bund zahlt 60 Prozent der Kosten.", 0.95),
        "medium": claim_at(article, "Die Linie kostet 1,2 Milliarden Euro.", 0.55),
        "high": claim_at(article, "Die Stadt hat 780 Mio. Euro Schulden.", 0.8),
    }


def extracted(body=BODY):
    article = ArticleFactory(body=body, language="de")
    services.extract_and_reanchor_claims(article)
    return article


def get(client, article, language="en"):
    response = client.get(
        reverse("desk:article", args=[article.pk]), headers={"accept-language": language}
    )
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_each_claim_in_the_text_is_highlighted_with_its_check_worthiness_level(reviewer_client):
    article, claims = scored_article()
    page = get(reviewer_client, article)
    levels = {
        int(mark["data-claim-id"]): mark["data-level"]
        for mark in page.select("[data-article-body] [data-claim-id]")
    }
    assert levels == {
        claims["very high"].pk: "4",
        claims["high"].pk: "3",
        claims["medium"].pk: "2",
    }


def test_a_claim_below_the_bands_of_the_queue_is_highlighted_at_the_lowest_level(
    reviewer_client,
):
    article = ArticleFactory(body=BODY)
    claim = claim_at(article, "Man wird sehen.", 0.2, origin="manual")
    page = get(reviewer_client, article)
    assert page.select_one(f'[data-claim-id="{claim.pk}"]')["data-level"] == "1"


def test_a_claims_tooltip_names_its_level_and_score(reviewer_client):
    article, claims = scored_article()
    page = get(reviewer_client, article)
    title = page.select_one(f'[data-claim-id="{claims["high"].pk}"]')["title"]
    assert "check-worthiness: high (0.80)" in title


def test_the_legend_explains_every_level_with_its_range(reviewer_client):
    article, _ = scored_article()
    legend = get(reviewer_client, article).select_one("[data-checkworthiness-legend]")
    swatches = [" ".join(s.get_text().split()) for s in legend.select("[data-level]")]
    assert swatches == [
        "very high from 0.9",
        "high 0.7–0.9",
        "medium 0.5–0.7",
        "low below 0.5",
    ]
    assert "other sentence" in legend.get_text()


def test_the_legends_numbers_follow_the_german_locale(reviewer_client):
    article, _ = scored_article()
    legend = get(reviewer_client, article, "de").select_one("[data-checkworthiness-legend]")
    assert "0,7–0,9" in legend.get_text()


def test_the_side_list_ranks_claims_by_check_worthiness(reviewer_client):
    article, claims = scored_article()
    page = get(reviewer_client, article)
    order = [int(li["data-ranked-claim"]) for li in page.select("[data-ranked-claim]")]
    assert order == [claims["very high"].pk, claims["high"].pk, claims["medium"].pk]


def test_claims_no_longer_in_the_text_come_last_in_the_side_list(reviewer_client):
    article, claims = scored_article()
    gone = claims["very high"]
    gone.is_anchored = False
    gone.save()
    page = get(reviewer_client, article)
    order = [int(li["data-ranked-claim"]) for li in page.select("[data-ranked-claim]")]
    assert order[-1] == gone.pk
    assert not page.select(f'[data-article-body] [data-claim-id="{gone.pk}"]')


def test_each_claims_score_is_a_meter_with_a_locale_independent_value(reviewer_client):
    article, claims = scored_article()
    page = get(reviewer_client, article, "de")
    item = page.select_one(f'[data-ranked-claim="{claims["medium"].pk}"]')
    meter = item.select_one("meter")
    assert (meter["min"], meter["max"], meter["value"]) == ("0", "1", "0.55")
    assert meter["aria-label"]
    assert "0,55" in item.select_one(".score-number").get_text()  # the text is German


def test_other_sentences_are_faint_in_place_in_the_text(reviewer_client, figures_model):
    article = extracted()
    page = get(reviewer_client, article)
    faint = {
        span["data-faint-sentence"]: span.get_text()
        for span in page.select("[data-article-body] [data-faint-sentence]")
    }
    assert faint == {
        f"{s.start}-{s.end}": s.text for s in promotion.other_sentences(article)
    } and set(faint.values()) == {"Die Stimmung war gut.", "Man wird sehen."}


def test_each_faint_sentence_has_a_button_that_submits_its_promotion_form(
    reviewer_client, figures_model
):
    article = extracted()
    page = get(reviewer_client, article)
    start = BODY.index("Man wird sehen.")
    span = page.select_one(f'[data-faint-sentence="{start}-{start + 15}"]')
    button = span.find_next_sibling()
    assert button.name == "button" and button["type"] == "submit"
    assert button["aria-label"] == "Make it a claim"
    assert button["aria-describedby"] == span["id"]
    form = page.find("form", id=button["form"])
    assert form["method"] == "post"
    assert form["action"] == reverse("desk:promote", args=[article.pk])
    fields = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    assert fields["start"] == str(start) and fields["end"] == str(start + 15)
    assert fields["csrfmiddlewaretoken"]


def test_the_text_of_the_article_body_is_exactly_the_article(reviewer_client, figures_model):
    """The page turns a selection into offsets by counting the body's text: the marks and
    buttons in it may add no characters."""
    article = extracted()
    ClaimFactory(article=article, start=0, end=9, text=BODY[:9], is_anchored=False)
    page = get(reviewer_client, article)
    assert page.select_one("[data-article-body]").get_text() == article.body


def test_submitting_a_faint_sentences_form_makes_it_a_claim(reviewer_client, figures_model):
    article = extracted()
    page = get(reviewer_client, article)
    start = BODY.index("Man wird sehen.")
    button = page.select_one(f'[data-faint-sentence="{start}-{start + 15}"]').find_next_sibling()
    form = page.find("form", id=button["form"])
    data = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    response = reviewer_client.post(form["action"], data, follow=True)
    claim = article.claims.get(start=start)
    assert claim.origin == "promoted"
    after = BeautifulSoup(response.content, "html.parser")
    assert after.select_one(f'[data-article-body] [data-claim-id="{claim.pk}"].promoted')
    assert not after.select(f'[data-faint-sentence="{start}-{start + 15}"]')


def test_a_narrow_screen_gets_links_to_the_text_and_to_the_claims(reviewer_client):
    article, _ = scored_article()
    page = get(reviewer_client, article)
    jump = page.select_one("[data-article-jump]")
    targets = [link["href"] for link in jump.select("a")]
    assert targets == ["#article-text", "#claims"]
    assert page.select_one("#article-text [data-article-body]")
    assert page.select_one("#claims").select("[data-ranked-claim]")
    assert "Claims (3)" in jump.get_text()


def test_the_article_page_needs_a_desk_member(client):
    article, _ = scored_article()
    client.force_login(UserFactory())
    assert client.get(reverse("desk:article", args=[article.pk])).status_code == 403


def test_the_article_pages_queries_do_not_grow_with_claims_and_other_sentences(
    reviewer_client, figures_model, django_assert_max_num_queries
):
    def count(article):
        with django_assert_max_num_queries(30) as captured:
            get(reviewer_client, article)
        return len(captured.captured_queries)

    small = extracted("Der Bund zahlt 60 Prozent. Es war ruhig.")
    large = extracted(BODY + "\n" + " ".join(f"Am Tag {n} kamen 40 Busse." for n in range(12)))
    large_claims = list(large.claims.all())
    reviewer = UserFactory()
    for claim in large_claims[:2]:
        claim.status, claim.assignee = "assigned", reviewer
        claim.save()
    large_claims[2].status, large_claims[2].dismissal_reason = "dismissed", "Schon geprüft."
    large_claims[2].save()
    assert len(large_claims) > 10
    assert count(small) == count(large)
