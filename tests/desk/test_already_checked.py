"""The desk's "Already checked": the workspace panel with its two buttons, the article
view's marks and the dashboard's count (through Django's test client)."""

import pytest
from django.urls import reverse

from claims import workflow
from claims.models import Claim, Rating, Verdict
from desk import selectors
from matching import index
from matching.models import MatchCandidate
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    EditorFactory,
    ExternalClaimReviewFactory,
    ReviewerFactory,
)
from tests.matching.claims import HARLOW_DE, HARLOW_EN, desk_claim

pytestmark = pytest.mark.django_db

OTHER_SENTENCE = "Der Vorstand tagte am Montag in Bremen."


def review(text=HARLOW_EN, **fields):
    stored = ExternalClaimReviewFactory(claim_reviewed=text, **fields)
    index.index_review(stored)
    return stored


def workspace(client, claim):
    return client.get(reverse("desk:claim", args=[claim.pk]), HTTP_ACCEPT_LANGUAGE="en")


def reuse_url(claim, candidate):
    return reverse("desk:match-reuse", args=[claim.pk, candidate.pk])


def dismiss_url(claim, candidate):
    return reverse("desk:match-dismiss", args=[claim.pk, candidate.pk])


def test_the_panel_lists_the_matches_best_first_with_their_verdicts(reviewer_client):
    near = review(publisher_name="Correctiv", rating_name="Falsch")
    far = review(
        "Harlow Foods made about $1 billion in revenue, Brad Glasser said.",
        publisher_name="Full Fact",
        rating_name="Mostly false",
    )
    claim = desk_claim()
    index.match_claim(claim)
    scores = dict(MatchCandidate.objects.filter(claim=claim).values_list("entry__review", "score"))
    best, second = sorted([near, far], key=lambda r: -scores[r.pk])
    html = workspace(reviewer_client, claim).content.decode()
    panel = html[html.index('id="already-checked"') :]
    assert panel.index(best.url) < panel.index(second.url)
    assert 'rel="noopener noreferrer" target="_blank"' in panel
    assert "Correctiv" in panel and "Falsch" in panel and "Mostly false" in panel
    assert "same speaker: Brad Glasser" in panel  # the reasons in words
    assert "<meter" in panel and 'href="#already-checked"' in html


def test_the_panel_escapes_what_others_wrote(reviewer_client):
    review(
        HARLOW_EN + " <script>alert(1)</script>",
        publisher_name="<b>Evil</b>",
        rating_name="<i>False</i>",
    )
    claim = desk_claim()
    index.match_claim(claim)
    html = workspace(reviewer_client, claim).content.decode()
    assert "<script>alert(1)</script>" not in html and "<b>Evil</b>" not in html
    assert "&lt;b&gt;Evil&lt;/b&gt;" in html


def test_the_panel_shows_the_desks_own_verdict_in_the_page_language(reviewer_client, editor):
    earlier = desk_claim(HARLOW_EN, "en")
    author = ReviewerFactory()
    earlier = workflow.take_claim(earlier, by=author)
    workflow.propose_verdict(
        earlier, rating=Rating.objects.get(slug="false"), summary="No.", by=author
    )
    workflow.approve_and_publish(Claim.objects.get(pk=earlier.pk), by=editor)
    index.index_claim(earlier)
    claim = desk_claim()
    index.match_claim(claim)
    html = reviewer_client.get(
        reverse("desk:claim", args=[claim.pk]), HTTP_ACCEPT_LANGUAGE="de"
    ).content.decode()
    panel = html[html.index('id="already-checked"') :]
    assert "<strong data-match-rating>falsch</strong>" in panel
    assert reverse("desk:claim", args=[earlier.pk]) in panel


def test_reuse_proposes_the_verdict_and_returns_to_the_panel(reviewer_client, reviewer):
    external = review(rating_name="False")
    claim = desk_claim()
    (candidate,) = index.match_claim(claim)
    response = reviewer_client.post(
        reuse_url(claim, candidate), {"version": claim.version}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/claims/{claim.pk}/#already-checked")
    claim.refresh_from_db()
    assert (claim.status, claim.assignee) == (Claim.Status.AWAITING_APPROVAL, reviewer)
    assert Verdict.objects.get(claim=claim).rating.slug == "false"
    assert claim.evidence.get().source.url == external.url
    page = reviewer_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert "Verdict proposed from an earlier fact-check" in page.content.decode()


def test_an_unmapped_rating_is_a_form_error_and_changes_nothing(reviewer_client):
    review(rating_name="Four Pinocchios")
    claim = desk_claim()
    (candidate,) = index.match_claim(claim)
    response = reviewer_client.post(
        reuse_url(claim, candidate), {"version": claim.version}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "No rating of ours is called “Four Pinocchios”" in html
    assert "data-reuse-error" in html
    after = Claim.objects.get(pk=claim.pk)
    assert (after.status, after.version) == (Claim.Status.NEW, claim.version)
    assert not Verdict.objects.filter(claim=claim).exists() and not claim.evidence.exists()


def test_the_verdict_form_comes_prefilled_when_the_rating_is_unmapped(reviewer_client, reviewer):
    review(rating_name="Four Pinocchios")
    claim = workflow.take_claim(desk_claim(), by=reviewer)
    (candidate,) = index.match_claim(claim)
    response = reviewer_client.post(
        reuse_url(claim, candidate), {"version": claim.version}, HTTP_ACCEPT_LANGUAGE="en"
    )
    form = response.context["verdict_form"]
    assert form["summary"].value().startswith("Already checked by Factcheck Example")
    assert "rating" in form.errors


def test_a_stale_version_is_a_conflict(reviewer_client):
    review()
    claim = desk_claim()
    (candidate,) = index.match_claim(claim)
    response = reviewer_client.post(reuse_url(claim, candidate), {"version": claim.version + 1})
    assert response.status_code == 409
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.NEW


def test_not_the_same_claim_hides_the_match_for_good(reviewer_client):
    external = review()
    claim = desk_claim()
    (candidate,) = index.match_claim(claim)
    response = reviewer_client.post(dismiss_url(claim, candidate), HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"].endswith("#already-checked")
    index.match_claim(claim)
    html = workspace(reviewer_client, claim).content.decode()
    assert external.url not in html
    assert "Match hidden." in html
    assert MatchCandidate.objects.get(pk=candidate.pk).dismissed_at is not None


def test_a_reviewer_who_may_not_work_on_the_claim_is_refused(client):
    review()
    claim = workflow.take_claim(desk_claim(), by=ReviewerFactory())
    (candidate,) = index.match_claim(claim)
    client.force_login(ReviewerFactory(username="another-reviewer"))
    assert client.post(reuse_url(claim, candidate), {"version": claim.version}).status_code == 403
    assert client.post(dismiss_url(claim, candidate)).status_code == 403
    assert "data-reuse" not in workspace(client, claim).content.decode()
    assert MatchCandidate.objects.get(pk=candidate.pk).dismissed_at is None


def test_a_match_of_another_claim_is_not_found(reviewer_client):
    review()
    claim = desk_claim()
    (candidate,) = index.match_claim(claim)
    other = desk_claim(OTHER_SENTENCE)
    assert reviewer_client.post(dismiss_url(other, candidate)).status_code == 404


def test_the_workspace_takes_as_many_queries_for_many_matches(
    reviewer_client, django_assert_max_num_queries
):
    review()
    claim = desk_claim()
    index.match_claim(claim)
    with django_assert_max_num_queries(100) as one:
        workspace(reviewer_client, claim)
    for n in range(3):
        review(f"Harlow Foods made about $1 billion in revenue in 2025, Brad Glasser said ({n}).")
    assert len(index.match_claim(claim)) == 4
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert workspace(reviewer_client, claim).content.decode().count("data-match=") == 4


def test_the_article_marks_its_claims_that_were_checked_before(reviewer_client):
    review()
    text = f"{HARLOW_DE}\n{OTHER_SENTENCE}"
    article = ArticleFactory(body=text)
    matched = ClaimFactory(article=article, start=0, end=len(HARLOW_DE), text=HARLOW_DE)
    start = text.index(OTHER_SENTENCE)
    alone = ClaimFactory(
        article=article, start=start, end=start + len(OTHER_SENTENCE), text=OTHER_SENTENCE
    )
    index.match_article(article.pk)
    html = reviewer_client.get(
        reverse("desk:article", args=[article.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert html.count(f'data-checked-before="{matched.pk}"') == 2  # in the text and the list
    assert f'data-checked-before="{alone.pk}"' not in html
    assert 'aria-label="This claim matches an earlier fact-check"' in html


def test_the_article_marks_come_from_one_query(django_assert_num_queries):
    review()
    article = ArticleFactory(body=HARLOW_DE)
    claim = ClaimFactory(article=article, start=0, end=len(HARLOW_DE), text=HARLOW_DE)
    index.match_claim(claim)
    with django_assert_num_queries(1):
        assert selectors.claims_with_matches(article) == {claim.pk}


def test_the_dashboard_counts_claims_matching_a_published_verdict(
    reviewer_client, django_capture_on_commit_callbacks
):
    review()
    desk_claim(OTHER_SENTENCE)  # no match
    claim = desk_claim()
    html = reviewer_client.get(reverse("desk:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    assert "data-matching-published-count>0<" in html.content.decode()
    # The matching task stores the matches; the cached count is forgotten on commit.
    with django_capture_on_commit_callbacks(execute=True):
        index.match_claim(claim)
    html = reviewer_client.get(reverse("desk:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Claims matching a published verdict" in html.content.decode()
    assert "data-matching-published-count>1<" in html.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        index.dismiss_match(MatchCandidate.objects.get(claim=claim), by=EditorFactory())
    assert selectors.claim_counts()["matching_published"] == 0


def test_the_dashboard_count_links_to_the_claims_it_counts(reviewer_client):
    review()
    unmatched = desk_claim(OTHER_SENTENCE)
    claim = desk_claim()
    index.match_claim(claim)
    dashboard = reviewer_client.get(reverse("desk:dashboard")).content.decode()
    link = f"{reverse('desk:search')}?checked_before=on"
    assert f'href="{link}"' in dashboard
    found = reviewer_client.get(reverse("desk:search"), {"checked_before": "on"})
    assert [c.pk for c in found.context["page"]] == [claim.pk]
    everything = reviewer_client.get(reverse("desk:search"))
    assert {c.pk for c in everything.context["page"]} >= {claim.pk, unmatched.pk}
