"""The editor sees the public ClaimReview (card and JSON-LD) before publishing, then confirms."""

import html
import json
import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from claims import workflow
from claims.models import Claim, Rating
from publishing.api_clients import create_api_client
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    EditorFactory,
    EvidenceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SUMMARY = "Gezählt wurden 58 Millionen Fahrgäste, nicht 85."


@pytest.fixture
def proposed(reviewer):
    """A claim whose verdict the reviewer proposed; it awaits an editor's approval."""
    article = ArticleFactory(
        title="Rekord bei den Fahrgästes", url="https://rundschau.example/fahrgaeste"
    )
    claim = ClaimFactory(article=article)
    EvidenceFactory(claim=claim, source__title="Verkehrsbericht 2025")
    workflow.take_claim(claim, by=reviewer)
    workflow.propose_verdict(
        claim,
        rating=Rating.objects.get(slug="false"),
        summary=SUMMARY,
        by=reviewer,
        wording={
            "reviewed_text": "Rheinfeld zählte 2025 85 Millionen Fahrgäste.",
            "speaker_name": "Petra Albers",
            "speaker_role": "Verkehrsdezernentin",
            "claimant": "Petra Albers",
        },
    )
    claim.refresh_from_db()
    return claim


def preview_url(claim):
    return reverse("publishing:preview", args=[claim.pk])


def json_ld_of(page: str) -> dict:
    shown = re.search(r"<pre[^>]*data-json-ld[^>]*>(.*?)</pre>", page, re.S).group(1)
    return json.loads(html.unescape(shown))


def test_the_workspace_offers_a_preview_instead_of_publishing_at_once(editor_client, proposed):
    page = editor_client.get(
        reverse("desk:claim", args=[proposed.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert f'href="{preview_url(proposed)}"' in page
    assert "Preview and publish" in page
    assert reverse("desk:action", args=[proposed.pk, "approve"]) not in page


def test_the_preview_shows_the_card_as_readers_will_see_it(editor_client, proposed):
    page = editor_client.get(preview_url(proposed), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    card = re.search(r"<article[^>]*data-preview-card.*?</article>", page, re.S).group(0)
    assert "Rheinfeld zählte 2025 85 Millionen Fahrgäste." in card
    assert "Petra Albers, Verkehrsdezernentin" in card
    assert "falsch" in card  # the rating in the article's language: the readers' one
    assert SUMMARY in card
    assert "Verkehrsbericht 2025" in card
    assert "Rekord bei den Fahrgästes" in card
    assert 'lang="de"' in card


def test_the_preview_shows_the_json_ld_the_api_then_publishes(editor_client, proposed):
    page = editor_client.get(preview_url(proposed)).content.decode()
    previewed = json_ld_of(page)
    editor_client.post(
        reverse("desk:action", args=[proposed.pk, "approve"]), {"version": proposed.version}
    )
    _client, token = create_api_client("Rundschau", ["verdicts:read"])
    cms = APIClient()
    cms.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    published = cms.get(reverse("api:claim-claimreview", args=[proposed.pk])).json()
    assert previewed == published


def test_the_confirm_button_publishes_the_version_that_was_previewed(editor_client, proposed):
    page = editor_client.get(preview_url(proposed)).content.decode()
    form = re.search(
        r'<form method="post" action="([^"]+)"[^>]*>((?:(?!</form>).)*data-confirm-publish)',
        page,
        re.S,
    )
    assert form.group(1) == reverse("desk:action", args=[proposed.pk, "approve"])
    version = re.search(r'name="version" value="(\d+)"', form.group(2)).group(1)
    editor_client.post(form.group(1), {"version": version})
    proposed.refresh_from_db()
    assert proposed.status == Claim.Status.PUBLISHED


def test_a_verdict_changed_after_the_preview_is_not_published_by_its_confirm(
    editor_client, reviewer, proposed
):
    seen = proposed.version
    workflow.send_back(proposed, reason="Zahl prüfen", by=EditorFactory())
    workflow.propose_verdict(
        proposed, rating=Rating.objects.get(slug="true"), summary="Doch richtig.", by=reviewer
    )
    reply = editor_client.post(
        reverse("desk:action", args=[proposed.pk, "approve"]), {"version": seen}
    )
    assert reply.status_code == 409
    proposed.refresh_from_db()
    assert proposed.status == Claim.Status.AWAITING_APPROVAL


def test_the_json_ld_is_shown_escaped_as_text(editor_client, reviewer):
    claim = ClaimFactory()
    workflow.take_claim(claim, by=reviewer)
    workflow.propose_verdict(
        claim,
        rating=Rating.objects.get(slug="false"),
        summary='</pre><script>alert("x")</script> & mehr',
        by=reviewer,
    )
    page = editor_client.get(preview_url(claim)).content.decode()
    assert "<script>alert" not in page
    assert json_ld_of(page)["reviewBody"] == '</pre><script>alert("x")</script> & mehr'


def test_a_correction_keeps_its_first_date_and_says_when_it_changed(
    editor_client, reviewer, proposed
):
    other_editor = EditorFactory()
    workflow.approve_and_publish(proposed, by=other_editor)
    workflow.reopen_claim(proposed, reason="Neue Zählung", by=other_editor)
    workflow.propose_verdict(
        proposed, rating=Rating.objects.get(slug="mostly-false"), summary="Korrigiert.", by=reviewer
    )
    page = editor_client.get(preview_url(proposed)).content.decode()
    review = json_ld_of(page)
    first = proposed.verdicts.get(corrects__isnull=True).published_at
    assert review["datePublished"] == first.date().isoformat()
    assert "dateModified" in review
    assert "Neue Zählung" in page


def test_the_author_of_the_verdict_may_not_open_its_preview(client, proposed):
    author = EditorFactory()
    claim = ClaimFactory()
    workflow.assign_claim(claim, assignee=author, by=author)
    workflow.propose_verdict(
        claim, rating=Rating.objects.get(slug="true"), summary="Eigenes", by=author
    )
    client.force_login(author)
    reply = client.get(preview_url(claim), HTTP_ACCEPT_LANGUAGE="en")
    assert reply.status_code == 403
    assert "Four eyes" in reply.content.decode()


def test_a_reviewer_may_not_open_the_preview(reviewer_client, proposed):
    assert reviewer_client.get(preview_url(proposed)).status_code == 403


def test_someone_outside_the_desk_may_not_open_the_preview(client, proposed):
    client.force_login(UserFactory())
    assert client.get(preview_url(proposed)).status_code == 403


def test_the_preview_asks_a_visitor_to_log_in(client, proposed):
    reply = client.get(preview_url(proposed))
    assert reply.status_code == 302 and "/accounts/login/" in reply["Location"]


def test_a_claim_already_published_leads_back_to_its_workspace(editor_client, proposed):
    workflow.approve_and_publish(proposed, by=EditorFactory())
    reply = editor_client.get(preview_url(proposed))
    assert reply.status_code == 302
    assert reply["Location"] == reverse("desk:claim", args=[proposed.pk])


def test_an_unknown_claim_answers_404(editor_client):
    assert editor_client.get(reverse("publishing:preview", args=[999999])).status_code == 404


def test_the_preview_takes_the_same_queries_for_many_sources(
    editor_client, proposed, django_assert_max_num_queries
):
    for _ in range(10):
        EvidenceFactory(claim=proposed)
    with django_assert_max_num_queries(10):
        page = editor_client.get(preview_url(proposed)).content.decode()
    assert page.count("<li><a href=") == 11


def test_the_preview_speaks_german(editor_client, proposed):
    page = editor_client.get(preview_url(proposed), HTTP_ACCEPT_LANGUAGE="de")
    assert page.status_code == 200
    assert '<html lang="de">' in page.content.decode()
