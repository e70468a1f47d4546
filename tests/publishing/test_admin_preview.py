"""The admin's "approve and publish": the editor sees each ClaimReview (card and JSON-LD)
first, and confirming publishes exactly the versions they saw."""

import html
import json
import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from claims import workflow
from claims.models import Claim, Rating
from publishing.api_clients import create_api_client
from tests.admin_forms import change_form_data
from tests.factories import ArticleFactory, ClaimFactory, EvidenceFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:claims_claim_changelist")
SUMMARY = "Gezählt wurden 58 Millionen Fahrgäste, nicht 85."


def propose(reviewer, *, summary=SUMMARY, **claim_fields) -> Claim:
    """A claim whose verdict `reviewer` proposed; it awaits an editor's approval."""
    claim = ClaimFactory(**claim_fields)
    workflow.take_claim(claim, by=reviewer)
    workflow.propose_verdict(
        claim, rating=Rating.objects.get(slug="false"), summary=summary, by=reviewer
    )
    claim.refresh_from_db()
    return claim


@pytest.fixture
def proposed(reviewer):
    article = ArticleFactory(
        title="Rekord bei den Fahrgästen", url="https://rundschau.example/fahrgaeste"
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
        },
    )
    claim.refresh_from_db()
    return claim


def ask_to_approve(client, *claims):
    """The action as the changelist sends it: the confirmation page, nothing published yet."""
    return client.post(
        CHANGELIST,
        {"action": "approve_and_publish", ACTION_CHECKBOX_NAME: [c.pk for c in claims]},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def confirm(client, page: str):
    """Press "Publish now": post the page's form as the browser would."""
    form = re.search(r'<form method="post">(.*?)</form>', page, re.S).group(1)
    assert "data-confirm-publish" in form
    data = {"apply": "Publish now"}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form):
        data.setdefault(name, []).append(value)
    return client.post(CHANGELIST, data, follow=True, HTTP_ACCEPT_LANGUAGE="en")


def section_of(page: str, claim: Claim) -> str:
    return re.search(
        rf'<section[^>]*data-approval-claim="{claim.pk}".*?</section>', page, re.S
    ).group(0)


def json_ld_in(section: str) -> dict:
    shown = re.search(r"<pre[^>]*data-json-ld[^>]*>(.*?)</pre>", section, re.S).group(1)
    return json.loads(html.unescape(shown))


def test_the_confirmation_shows_the_card_as_readers_will_see_it(editor_client, proposed):
    page = ask_to_approve(editor_client, proposed).content.decode()
    card = re.search(r"<article[^>]*data-preview-card.*?</article>", page, re.S).group(0)
    assert "Rheinfeld zählte 2025 85 Millionen Fahrgäste." in card
    assert "Petra Albers, Verkehrsdezernentin" in card
    assert "falsch" in card  # the rating in the article's language: the readers' one
    assert SUMMARY in card
    assert "Verkehrsbericht 2025" in card
    assert "Rekord bei den Fahrgästen" in card


def test_the_confirmation_shows_the_json_ld_the_api_then_serves(editor_client, proposed):
    page = ask_to_approve(editor_client, proposed).content.decode()
    previewed = json_ld_in(section_of(page, proposed))
    confirm(editor_client, page)
    _client, token = create_api_client("Rundschau", ["verdicts:read"])
    cms = APIClient()
    cms.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    published = cms.get(reverse("api:claim-claimreview", args=[proposed.pk])).json()
    assert previewed == published


def test_asking_publishes_nothing(editor_client, proposed):
    ask_to_approve(editor_client, proposed)
    proposed.refresh_from_db()
    assert proposed.status == Claim.Status.AWAITING_APPROVAL


def test_confirming_publishes_every_claim_shown(editor_client, reviewer, proposed):
    other = propose(reviewer, summary="Die Zahl stimmt.")
    page = ask_to_approve(editor_client, proposed, other).content.decode()
    assert "Die Zahl stimmt." in section_of(page, other)
    reply = confirm(editor_client, page)
    assert "2 verdicts published." in reply.content.decode()
    statuses = set(Claim.objects.filter(pk__in=[proposed.pk, other.pk]).values_list("status"))
    assert statuses == {(Claim.Status.PUBLISHED,)}


def test_a_claim_changed_after_the_preview_is_not_published(editor_client, reviewer, proposed):
    page = ask_to_approve(editor_client, proposed).content.decode()
    draft = proposed.verdicts.get()
    workflow.update_verdict(
        draft, by=reviewer, expected_version=draft.version, summary="Doch ganz anders."
    )
    reply = confirm(editor_client, page).content.decode()
    assert "not published, it changed after you saw it" in reply
    assert "0 verdicts published." in reply
    proposed.refresh_from_db()
    assert proposed.status == Claim.Status.AWAITING_APPROVAL


def test_a_claim_reworded_in_its_change_form_after_the_preview_is_not_published(
    editor_client, proposed
):
    page = ask_to_approve(editor_client, proposed).content.decode()
    change = reverse("admin:claims_claim_change", args=[proposed.pk])
    data = change_form_data(editor_client.get(change).context)
    data["reviewed_text"] = "Rheinfeld zählte 2025 rund 85 Millionen Fahrgäste."
    assert editor_client.post(change, data).status_code == 302
    reply = confirm(editor_client, page).content.decode()
    assert "not published, it changed after you saw it" in reply
    proposed.refresh_from_db()
    assert proposed.status == Claim.Status.AWAITING_APPROVAL


def test_only_the_changed_claim_is_held_back(editor_client, reviewer, proposed):
    unchanged = propose(reviewer)
    page = ask_to_approve(editor_client, proposed, unchanged).content.decode()
    draft = proposed.verdicts.get()
    workflow.update_verdict(
        draft, by=reviewer, expected_version=draft.version, rating=Rating.objects.get(slug="true")
    )
    confirm(editor_client, page)
    proposed.refresh_from_db()
    unchanged.refresh_from_db()
    assert proposed.status == Claim.Status.AWAITING_APPROVAL
    assert unchanged.status == Claim.Status.PUBLISHED


def test_the_author_of_the_verdict_sees_it_skipped_with_the_reason(client, editor, reviewer):
    own = ClaimFactory()
    workflow.assign_claim(own, assignee=editor, by=editor)
    workflow.propose_verdict(
        own, rating=Rating.objects.get(slug="true"), summary="Eigenes Urteil.", by=editor
    )
    client.force_login(editor)
    page = ask_to_approve(client, own).content.decode()
    skipped = re.search(r"<section[^>]*data-approval-skipped.*?</section>", page, re.S).group(0)
    assert f'data-skipped-claim="{own.pk}"' in skipped
    assert "Four eyes" in skipped
    assert "data-preview-card" not in page
    assert "data-confirm-publish" not in page


def test_the_author_cannot_publish_their_own_verdict_by_posting_the_confirmation(
    editor_client, editor
):
    own = ClaimFactory()
    workflow.assign_claim(own, assignee=editor, by=editor)
    workflow.propose_verdict(
        own, rating=Rating.objects.get(slug="true"), summary="Eigenes Urteil.", by=editor
    )
    own.refresh_from_db()
    reply = editor_client.post(
        CHANGELIST,
        {
            "action": "approve_and_publish",
            ACTION_CHECKBOX_NAME: [own.pk],
            f"version-{own.pk}": own.version,
            "apply": 1,
        },
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Four eyes" in reply.content.decode()
    own.refresh_from_db()
    assert own.status == Claim.Status.AWAITING_APPROVAL


def test_a_claim_without_a_proposed_verdict_is_skipped_with_the_reason(editor_client, proposed):
    new = ClaimFactory()
    page = ask_to_approve(editor_client, proposed, new).content.decode()
    skipped = re.search(r'<li data-skipped-claim="(\d+)">(.*?)</li>', page, re.S)
    assert skipped.group(1) == str(new.pk)
    assert "cannot be published" in skipped.group(2)
    assert f'data-approval-claim="{proposed.pk}"' in page
    assert f'data-approval-claim="{new.pk}"' not in page


def test_a_confirmation_without_the_preview_publishes_nothing(editor_client, proposed):
    reply = editor_client.post(
        CHANGELIST,
        {"action": "approve_and_publish", ACTION_CHECKBOX_NAME: [proposed.pk], "apply": 1},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "it was not on the page you confirmed" in reply.content.decode()
    proposed.refresh_from_db()
    assert proposed.status == Claim.Status.AWAITING_APPROVAL


def test_the_json_ld_is_shown_escaped_as_text(editor_client, reviewer):
    claim = propose(reviewer, summary='</pre><script>alert("x")</script> & mehr')
    page = ask_to_approve(editor_client, claim).content.decode()
    assert "<script>alert" not in page
    assert json_ld_in(section_of(page, claim))["reviewBody"] == (
        '</pre><script>alert("x")</script> & mehr'
    )


def test_the_confirmation_takes_the_same_queries_for_more_claims(editor_client, reviewer):
    def queries_for(claims):
        with CaptureQueriesContext(connection) as captured:
            assert ask_to_approve(editor_client, *claims).status_code == 200
        return len(captured)

    one = propose(reviewer)
    EvidenceFactory(claim=one)
    many = [propose(reviewer) for _ in range(4)]
    for claim in many:
        EvidenceFactory.create_batch(2, claim=claim)
    assert queries_for([one, *many]) == queries_for([one])
