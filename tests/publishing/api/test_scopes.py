"""API clients' scopes: articles:write (own articles) and verdicts:read (the desk's published
fact-checks, whoever entered the article)."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from rest_framework.test import APIClient

from claims import workflow
from claims.models import ApiClient, Claim, Rating
from publishing.api_clients import create_api_client
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    EditorFactory,
    EvidenceFactory,
    ReviewerFactory,
)

pytestmark = pytest.mark.django_db

WRITE, READ = "articles:write", "verdicts:read"
ARTICLES = reverse("api:article-list")
CLAIMS = reverse("api:claim-list")
BODY = (
    "Die Stadt zählte 2025 rund 85 Millionen Fahrgäste. „Das sind 15 Prozent mehr als im "
    "bisherigen Rekordjahr 2019“, sagte Petra Albers."
)


def api(*scopes, name=None):
    client, token = create_api_client(name or "-".join(scopes) or "no-scope", scopes)
    caller = APIClient()
    caller.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    caller.cms = client
    return caller


def desk_claim(**article_fields):
    """A claim of an article that an editor entered at the desk (no API client)."""
    return ClaimFactory(article=ArticleFactory(body=BODY, **article_fields))


def publish(claim, summary="Es waren 58 Millionen."):
    reviewer, editor = ReviewerFactory(), EditorFactory()
    workflow.take_claim(claim, by=reviewer)
    workflow.propose_verdict(
        claim, rating=Rating.objects.get(slug="false"), summary=summary, by=reviewer
    )
    workflow.approve_and_publish(claim, by=editor)
    claim.refresh_from_db()
    return editor


def propose(claim):
    reviewer = ReviewerFactory()
    workflow.take_claim(claim, by=reviewer)
    workflow.propose_verdict(
        claim, rating=Rating.objects.get(slug="true"), summary="Entwurf", by=reviewer
    )


def own_article(caller):
    reply = caller.post(ARTICLES, {"title": "Eigen", "body": BODY}, format="json")
    assert reply.status_code == 201
    return reply.json()


# --- who gets which scopes -------------------------------------------------


def test_a_new_client_gets_both_scopes_by_default():
    client, _token = create_api_client("Rundschau")
    assert client.scopes == [WRITE, READ]


def test_create_api_client_sets_the_scopes_given_with_scope(capsys):
    call_command("create_api_client", "Leser", "--scope", READ)
    assert ApiClient.objects.get(name="Leser").scopes == [READ]
    call_command("create_api_client", "Beides", "--scope", READ, "--scope", WRITE)
    assert ApiClient.objects.get(name="Beides").scopes == [WRITE, READ]


def test_create_api_client_refuses_an_unknown_scope_with_the_known_ones():
    with pytest.raises(CommandError, match=r"Unknown scope 'verdicts:write'.*articles:write"):
        call_command("create_api_client", "Falsch", "--scope", "verdicts:write")
    assert not ApiClient.objects.filter(name="Falsch").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_clients_from_before_scopes_keep_articles_write_only():
    executor = MigrationExecutor(connection)
    before = [("claims", "0018_article_links")]
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        client = old.get_model("claims", "ApiClient").objects.create(
            name="Altbestand", token_sha256="b" * 64, token_prefix="bbbbbbbb"
        )
    finally:  # the database goes back to the latest state whatever happened
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert ApiClient.objects.get(pk=client.pk).scopes == [WRITE]


def test_the_admin_shows_and_sets_a_clients_scopes(admin_client):
    client, _token = create_api_client("Im Admin", [WRITE])
    url = reverse("admin:claims_apiclient_change", args=[client.pk])
    page = admin_client.get(url).content.decode()
    assert f'value="{READ}"' in page and 'type="checkbox"' in page
    admin_client.post(url, {"name": "Im Admin", "scopes": [READ], "webhooks-TOTAL_FORMS": 0,
                            "webhooks-INITIAL_FORMS": 0})  # fmt: skip
    client.refresh_from_db()
    assert client.scopes == [READ]
    listing = admin_client.get(reverse("admin:claims_apiclient_changelist")).content.decode()
    assert READ in listing


# --- articles:write -----------------------------------------------------------


def test_a_client_without_articles_write_may_not_post_an_article():
    reader = api(READ)
    reply = reader.post(ARTICLES, {"title": "Neu", "body": BODY}, format="json")
    assert reply.status_code == 403
    assert "articles:write" in reply.json()["error"]


def test_a_client_without_articles_write_may_not_list_articles_or_read_sources():
    reader = api(READ)
    evidence = EvidenceFactory(claim=desk_claim())
    assert reader.get(ARTICLES).status_code == 403
    source = reader.get(reverse("api:source-detail", args=[evidence.source_id]))
    assert source.status_code == 403 and "articles:write" in source.json()["error"]


def test_a_client_without_any_scope_is_refused_with_a_message():
    nobody = api(name="stillgelegt")
    reply = nobody.get(CLAIMS)
    assert reply.status_code == 403
    assert "none of the scopes" in reply.json()["error"]


def test_a_scope_taken_away_in_the_admin_applies_at_once():
    caller = api(WRITE, READ)
    assert caller.get(ARTICLES).status_code == 200  # the client is in the token cache now
    caller.cms.scopes = [READ]
    caller.cms.save()
    assert caller.get(ARTICLES).status_code == 403


# --- verdicts:read --------------------------------------------------------------


def test_verdicts_read_shows_the_claimreview_of_a_desk_entered_article():
    claim = desk_claim()
    publish(claim)
    reader = api(READ)
    review = reader.get(reverse("api:claim-claimreview", args=[claim.pk]))
    assert review.status_code == 200
    assert review.json()["reviewBody"] == "Es waren 58 Millionen."
    graph = reader.get(reverse("api:article-claimreview", args=[claim.article_id]))
    assert graph.status_code == 200 and len(graph.json()["@graph"]) == 1


def test_without_verdicts_read_another_articles_published_claim_stays_unknown():
    claim = desk_claim()
    publish(claim)
    writer = api(WRITE)
    assert writer.get(reverse("api:claim-claimreview", args=[claim.pk])).status_code == 404
    assert writer.get(reverse("api:claim-detail", args=[claim.pk])).status_code == 404
    assert writer.get(reverse("api:article-detail", args=[claim.article_id])).status_code == 404


def test_verdicts_read_does_not_show_a_draft_or_an_unpublished_claim():
    drafted, untouched = desk_claim(), desk_claim()
    propose(drafted)
    reader = api(READ)
    for claim in (drafted, untouched):
        assert reader.get(reverse("api:claim-detail", args=[claim.pk])).status_code == 404
        assert reader.get(reverse("api:claim-claimreview", args=[claim.pk])).status_code == 404
        assert reader.get(reverse("api:article-detail", args=[claim.article_id])).status_code == 404
    assert reader.get(CLAIMS).json()["results"] == []


def test_a_withdrawn_verdict_is_no_longer_shown_to_readers():
    claim = desk_claim()
    editor = publish(claim)
    reader = api(READ)
    assert reader.get(reverse("api:claim-detail", args=[claim.pk])).status_code == 200
    workflow.withdraw_verdict(claim, reason="Falsche Quelle", by=editor)
    assert reader.get(reverse("api:claim-detail", args=[claim.pk])).status_code == 404
    assert reader.get(reverse("api:claim-claimreview", args=[claim.pk])).status_code == 404


def test_another_article_shows_its_public_fields_and_only_its_published_claims():
    writer = api(WRITE, READ, name="Rundschau")
    posted = own_article(writer)
    published, drafted = Claim.objects.filter(article_id=posted["id"]).order_by("start")[:2]
    publish(published)
    propose(drafted)
    reader = api(WRITE, READ, name="Herald")
    reply = reader.get(reverse("api:article-detail", args=[posted["id"]])).json()
    assert set(reply) == {
        "id", "title", "language", "url", "outlet", "author", "published_at", "claims"
    }  # fmt: skip
    assert [claim["id"] for claim in reply["claims"]] == [published.pk]
    assert reply["claims"][0]["verdict"]["summary"] == "Es waren 58 Millionen."


def test_claims_list_adds_the_desks_published_claims_and_own_filters_them(
    django_assert_max_num_queries,
):
    caller = api(WRITE, READ)
    mine = own_article(caller)["claims"]
    theirs = [desk_claim(), desk_claim()]
    for claim in theirs:
        publish(claim)
    desk_claim()  # unpublished, another article: never listed
    with django_assert_max_num_queries(8):
        listed = caller.get(CLAIMS).json()["results"]
    assert {c["id"] for c in listed} == {c["id"] for c in mine} | {c.pk for c in theirs}
    own = caller.get(CLAIMS, {"own": "true"}).json()["results"]
    assert {c["id"] for c in own} == {c["id"] for c in mine}
    others = caller.get(CLAIMS, {"own": "false"}).json()["results"]
    assert {c["id"] for c in others} == {c.pk for c in theirs}


def test_verdicts_read_cannot_cite_sources_for_another_articles_claim():
    claim = desk_claim()
    publish(claim)
    caller = api(WRITE, READ)
    reply = caller.post(
        reverse("api:claim-sources", args=[claim.pk]),
        {"url": "https://statistik.example/x", "stance": "refutes"},
        format="json",
    )
    assert reply.status_code == 404
    assert not claim.evidence.exists()


def test_the_openapi_schema_documents_the_scopes(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    scheme = schema["components"]["securitySchemes"]["token"]["description"]
    assert "articles:write" in scheme and "verdicts:read" in scheme
    claimreview = schema["paths"]["/api/v1/claims/{id}/claimreview/"]["get"]["description"]
    assert "verdicts:read" in claimreview


# --- the reply cache across clients -----------------------------------------------


def test_the_owners_cached_reply_is_never_served_to_a_reader():
    owner = api(WRITE, READ, name="Rundschau")
    posted = own_article(owner)
    first = Claim.objects.filter(article_id=posted["id"]).order_by("start").first()
    publish(first)
    url = reverse("api:article-detail", args=[posted["id"]])
    full = owner.get(url).json()  # cached now, with every claim and the external id
    assert len(full["claims"]) == 2 and "external_id" in full
    reader = api(READ, name="Herald")
    public = reader.get(url).json()
    assert "external_id" not in public and "other_sentences" not in public
    assert [claim["id"] for claim in public["claims"]] == [first.pk]


def test_a_readers_cached_reply_is_never_served_to_the_owner():
    owner = api(WRITE, READ, name="Rundschau")
    posted = own_article(owner)
    publish(Claim.objects.filter(article_id=posted["id"]).order_by("start").first())
    url = reverse("api:article-detail", args=[posted["id"]])
    api(READ, name="Herald").get(url)  # the public reply is cached now
    full = owner.get(url).json()
    assert len(full["claims"]) == 2 and "other_sentences" in full


def test_a_cached_refusal_turns_into_the_reply_once_the_claim_is_published(
    django_capture_on_commit_callbacks,
):
    claim = desk_claim()
    reader = api(READ)
    url = reverse("api:article-detail", args=[claim.article_id])
    assert reader.get(url).status_code == 404  # remembered in the cache
    with django_capture_on_commit_callbacks(execute=True):  # the cache hears of it on commit
        publish(claim)
    reply = reader.get(url)
    assert reply.status_code == 200 and reply.json()["claims"][0]["id"] == claim.pk


def test_a_writer_without_verdicts_read_gets_no_reply_cached_for_readers():
    claim = desk_claim()
    publish(claim)
    url = reverse("api:article-detail", args=[claim.article_id])
    assert api(READ).get(url).status_code == 200  # the public reply is cached now
    assert api(WRITE).get(url).status_code == 404
