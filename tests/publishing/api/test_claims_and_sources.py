"""Claims, sources and captures as the CMS reads them; ClaimReview JSON-LD."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pyld import jsonld

from claims import workflow
from claims.models import ApiClient, Article, Claim, Rating
from sources import services as source_services
from tests.factories import EditorFactory, ReviewerFactory, VerdictFactory

pytestmark = pytest.mark.django_db

BODY = "Die Stadt zählte 2025 rund 85 Millionen Fahrgäste. „Das sind 15 Prozent mehr als im bisherigen Rekordjahr 2019“, sagte Petra Albers."
SCHEMA = "https://schema.org/"


def article_of(cms, **fields):
    data = cms.post(
        reverse("api:article-list"),
        {"title": "Fahrgäste", "body": BODY, "url": "https://rundschau.example/a", **fields},
        format="json",
    ).json()
    return Article.objects.get(pk=data["id"])


def publish(claim, *, corrected_summary=None):
    reviewer, editor = ReviewerFactory(), EditorFactory()
    Claim.objects.filter(pk=claim.pk).update(
        status="in_review",
        assignee=reviewer,
        speaker_name="Petra Albers",
        speaker_role="Verkehrsdezernentin",
    )
    claim.refresh_from_db()
    workflow.propose_verdict(
        claim,
        rating=Rating.objects.get(slug="false"),
        summary="Es waren 58 Millionen.",
        by=reviewer,
    )
    workflow.approve_and_publish(claim, by=editor)
    if corrected_summary:
        workflow.reopen_claim(claim, reason="Neue Zahl", by=editor)
        workflow.propose_verdict(
            claim,
            rating=Rating.objects.get(slug="mostly-false"),
            summary=corrected_summary,
            by=reviewer,
        )
        workflow.approve_and_publish(claim, by=editor)
    return claim


def test_claims_are_listed_with_filters(cms):
    article = article_of(cms)
    claims_url = reverse("api:claim-list")
    assert len(cms.get(claims_url, {"article": article.pk}).json()["results"]) == 2
    assert [c["kind"] for c in cms.get(claims_url, {"kind": "quote"}).json()["results"]] == [
        "quote"
    ]
    assert len(cms.get(claims_url, {"q": "Fahrgäste"}).json()["results"]) == 1
    assert cms.get(claims_url, {"status": "published"}).json()["results"] == []


def test_a_claim_reply_names_its_speaker_and_claimant(cms):
    article = article_of(cms)
    quote = cms.get(reverse("api:claim-list"), {"article": article.pk, "kind": "quote"}).json()
    (claim,) = quote["results"]
    assert claim["speaker"]["name"] == "Petra Albers"
    assert claim["claimant"] == "Petra Albers"
    assert claim["claimant_role"] == ""


def test_a_bad_filter_value_is_a_400(cms):
    response = cms.get(reverse("api:claim-list"), {"status": "bogus"})
    assert response.status_code == 400


def test_drafts_never_leak_only_published_verdicts_show(cms):
    claim = article_of(cms).claims.first()
    VerdictFactory(claim=claim, summary="GEHEIMER ENTWURF")
    data = cms.get(reverse("api:claim-detail", args=[claim.pk])).json()
    assert data["verdict"] is None
    assert "GEHEIMER ENTWURF" not in json.dumps(data)
    publish(claim)
    data = cms.get(reverse("api:claim-detail", args=[claim.pk])).json()
    assert data["verdict"]["summary"] == "Es waren 58 Millionen."
    assert data["status"] == "published"


def test_claimreview_is_404_until_published(cms):
    claim = article_of(cms).claims.first()
    response = cms.get(reverse("api:claim-claimreview", args=[claim.pk]))
    assert response.status_code == 404 and response.json()["error"]


def schema_org_loader(url, options=None):
    # The real schema.org context is outside this machine; its mapping is @vocab.
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": {"@context": {"@vocab": SCHEMA}}}  # fmt: skip


def expanded(response):
    assert response["Content-Type"].startswith("application/ld+json")
    return jsonld.expand(json.loads(response.content), {"documentLoader": schema_org_loader})


def value(node, term):
    return node[SCHEMA + term][0].get("@value", node[SCHEMA + term][0])


def test_claimreview_is_schema_org_json_ld(cms, settings):
    settings.NEWSROOM_NAME = "Rheinfelder Rundschau"
    article = article_of(cms, published_at="2026-11-20T08:00:00+01:00")
    claim = publish(article.claims.first())
    (review,) = expanded(cms.get(reverse("api:claim-claimreview", args=[claim.pk])))
    assert review["@type"] == [SCHEMA + "ClaimReview"]
    assert value(review, "claimReviewed") == claim.text
    rating = review[SCHEMA + "reviewRating"][0]
    assert (
        value(rating, "ratingValue"),
        value(rating, "bestRating"),
        value(rating, "worstRating"),
    ) == (1, 5, 1)
    assert value(rating, "alternateName") == "falsch"
    item = review[SCHEMA + "itemReviewed"][0]
    assert item["@type"] == [SCHEMA + "Claim"]
    assert value(item[SCHEMA + "author"][0], "name") == "Petra Albers"
    assert value(item, "datePublished") == "2026-11-20"
    assert value(item[SCHEMA + "appearance"][0], "url") == "https://rundschau.example/a"
    assert value(review[SCHEMA + "author"][0], "name") == "Rheinfelder Rundschau"
    assert value(review, "inLanguage") == "de"
    assert SCHEMA + "datePublished" in review and SCHEMA + "url" in review
    assert SCHEMA + "dateModified" not in review


def test_a_correction_sets_date_modified(cms):
    claim = publish(article_of(cms).claims.first(), corrected_summary="Eher 60 Millionen.")
    (review,) = expanded(cms.get(reverse("api:claim-claimreview", args=[claim.pk])))
    assert SCHEMA + "dateModified" in review
    assert value(review, "reviewBody") == "Eher 60 Millionen."
    assert cms.get(reverse("api:claim-detail", args=[claim.pk])).json()["corrected"] is True


def test_article_claimreview_lists_its_published_reviews(cms):
    article = article_of(cms)
    assert cms.get(reverse("api:article-claimreview", args=[article.pk])).status_code == 404
    publish(article.claims.first())
    reviews = expanded(cms.get(reverse("api:article-claimreview", args=[article.pk])))
    assert len(reviews) == 1


def test_citing_a_source_queues_its_capture_and_shows_it(
    cms, web, eager_tasks, django_capture_on_commit_callbacks
):
    claim = article_of(cms).claims.first()
    with django_capture_on_commit_callbacks(execute=True):
        response = cms.post(
            reverse("api:claim-sources", args=[claim.pk]),
            {"url": web.url("/article"), "stance": "refutes", "excerpt": "85 Millionen"},
            format="json",
        )
    assert response.status_code == 202
    source = cms.get(response.json()["source"]["url"]).json()
    assert source["status"] == "archived"
    capture = source["captures"][0]
    assert len(capture["sha256"]) == 64
    warc = cms.get(capture["warc_url"])
    assert warc["Content-Type"] == "application/warc"
    assert "85 Millionen" in cms.get(capture["text_url"]).content.decode()


def test_citing_a_bad_url_is_a_400(cms):
    claim = article_of(cms).claims.first()
    response = cms.post(
        reverse("api:claim-sources", args=[claim.pk]),
        {"url": "ftp://x", "stance": "refutes"},
        format="json",
    )
    assert response.status_code == 400


def test_another_clients_sources_and_captures_are_hidden(cms, other_cms, web):
    claim = article_of(cms).claims.first()
    evidence = source_services.cite(claim, web.url("/article"), stance="supports")
    source_services.archive(evidence.source)
    capture = evidence.source.captures.get()
    assert other_cms.get(reverse("api:source-detail", args=[evidence.source_id])).status_code == 404
    assert other_cms.get(reverse("api:capture-warc", args=[capture.pk])).status_code == 404


def test_create_api_client_prints_the_token_alone_on_its_last_line(capsys):
    call_command("create_api_client", "Neues CMS")
    token = capsys.readouterr().out.strip().splitlines()[-1]
    client = ApiClient.objects.get(name="Neues CMS")
    assert len(token) >= 40 and token not in client.token_sha256
    assert client.token_prefix == token[:8]


def test_each_resource_is_described_in_the_openapi_schema(client):
    paths = client.get("/api/schema/", {"format": "json"}).json()["paths"]
    described = {
        "/api/v1/articles/": "Articles of this client",
        "/api/v1/claims/": "Claims of this client",
        "/api/v1/sources/{id}/": "Sources cited for this client",
    }
    for path, words in described.items():
        assert words in paths[path]["get"]["description"], path


def test_create_api_client_refuses_a_duplicate_name():
    call_command("create_api_client", "Doppelt")
    with pytest.raises(Exception, match="exists already"):
        call_command("create_api_client", "Doppelt")


def test_the_openapi_schema_and_docs_are_served(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"/api/v1/articles/" in schema.content
    docs = client.get("/api/docs/").content.decode()
    assert "swagger" in docs.lower() and "cdn" not in docs.lower()


def test_published_at_in_the_past_is_kept(cms):
    article = article_of(cms, published_at="2026-11-20T08:00:00+01:00")
    assert article.published_at < timezone.now()


# Real commits: replies go stale only when a write commits (signals are sent on commit).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_article_read_shows_a_verdict_published_after_an_earlier_read(cms):
    article = article_of(cms)
    url = reverse("api:article-detail", args=[article.pk])
    assert all(c["verdict"] is None for c in cms.get(url).json()["claims"])
    publish(article.claims.first())
    claims = cms.get(url).json()["claims"]
    assert [c["verdict"]["rating"] for c in claims if c["verdict"]] == ["false"]


def test_claimreview_json_ld_can_be_inlined_in_a_script_tag(cms):
    title = "Fahrgäste </script><script>alert(1)</script> <!-- & mehr"
    claim = publish(article_of(cms, title=title).claims.first())
    response = cms.get(reverse("api:claim-claimreview", args=[claim.pk]))
    text = response.content.decode()
    assert "</" not in text and "<!--" not in text
    assert json.loads(text)["itemReviewed"]["appearance"]["headline"] == title
