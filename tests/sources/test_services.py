import datetime as dt

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.utils import timezone
from warcio.archiveiterator import ArchiveIterator

from claims import signals as claim_signals
from claims.models import Claim
from sources import locator, services
from sources import signals as source_signals
from sources.models import Capture, Source
from tests.factories import (
    ClaimFactory,
    EditorFactory,
    EvidenceFactory,
    ReviewerFactory,
    SourceFactory,
    VerdictFactory,
)
from tests.sources.conftest import read_warc
from tests.sources.webserver import ARTICLE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "normalized"),
    [
        (
            "HTTP://Example.ORG:80/a?utm_source=x&b=2&fbclid=abc&a=1#frag",
            "http://example.org/a?a=1&b=2",
        ),
        ("https://example.org:443/x/?gclid=1", "https://example.org/x/"),
        ("https://Example.org/Path", "https://example.org/Path"),
    ],
)
def test_urls_are_normalized(url, normalized):
    assert services.normalize_url(url) == normalized


@pytest.mark.parametrize("url", ["ftp://example.org/", "not a url", "", "javascript:alert(1)"])
def test_what_is_not_a_web_address_cannot_be_cited(url):
    with pytest.raises(services.SourceError):
        services.normalize_url(url)


def test_one_source_per_normalized_url_keeping_the_first_spelling():
    first = services.source_for_url("https://example.org/a?utm_medium=x")
    again = services.source_for_url("https://EXAMPLE.org/a#part")
    assert first == again
    assert first.url == "https://example.org/a?utm_medium=x"


def archived(web, path="/article", **kwargs):
    source = services.source_for_url(web.url(path))
    return services.archive(source, **kwargs)


def test_archiving_stores_warc_text_hash_and_metadata(web):
    outcome = archived(web)
    capture = outcome.capture
    assert read_warc(capture) == ARTICLE.encode()
    assert "mehr als 85 Millionen Fahrgäste" in capture.text
    assert "Impressum" not in capture.text
    source = Source.objects.get(pk=outcome.source.pk)
    assert (source.status, source.title, source.author) == (
        "archived",
        "Stadtwerke melden Rekord",
        "Lena Hartmann",
    )


def test_a_compressed_page_keeps_its_compressed_payload_in_the_warc(web):
    capture = archived(web, "/gzipped").capture
    assert read_warc(capture)[:2] == b"\x1f\x8b"
    assert "85 Millionen" in capture.text


def test_redirects_are_recorded_in_the_warc(web):
    capture = archived(web, "/redirect/2").capture
    assert capture.final_url == web.url("/article")
    with capture.warc.open("rb") as warc:
        statuses = [
            r.http_headers.get_statuscode()
            for r in ArchiveIterator(warc)
            if r.rec_type == "response"
        ]
    assert statuses == ["302", "302", "200"]


def test_a_pdf_is_archived_with_its_text(web):
    capture = archived(web, "/report.pdf").capture
    read_warc(capture)
    assert "85 Millionen" in capture.text
    assert capture.metadata["title"] == "Jahresbericht Rheinfeld"


def test_the_same_attempt_captures_only_once(web):
    first = archived(web, attempt_id="task-1:0").capture
    second = archived(web, attempt_id="task-1:0").capture
    assert first == second
    assert Capture.objects.count() == 1


def test_a_refused_redirect_fails_with_a_reason_a_reviewer_understands(web):
    outcome = archived(web, "/to-loopback")
    source = Source.objects.get(pk=outcome.source.pk)
    assert source.status == "failed"
    assert "127.0.0.1" in source.last_error and "not fetched" in source.last_error
    assert not Capture.objects.exists()


def test_a_server_error_asks_for_a_retry_and_then_succeeds(web):
    source = services.source_for_url(web.url("/flaky"))
    with pytest.raises(services.Retry):
        services.archive(source)
    assert Source.objects.get(pk=source.pk).status == "pending"
    assert services.archive(source).capture is not None


def test_too_many_requests_asks_for_a_retry(web):
    with pytest.raises(services.Retry, match="429"):
        archived(web, "/busy")


def test_a_missing_page_fails_without_retry(web):
    outcome = archived(web, "/missing")
    assert outcome.capture is None
    assert Source.objects.get(pk=outcome.source.pk).last_error.startswith("The page answered 404")


def test_recheck_of_unchanged_text_stores_no_new_capture(web):
    source = archived(web, "/changing").source
    outcome = services.archive(source, recheck=True)
    assert outcome.capture is None
    assert source.captures.count() == 1


def test_recheck_of_changed_text_stores_a_second_capture(web):
    source = archived(web, "/changing").source
    web.version += 1
    try:
        outcome = services.archive(source, recheck=True)
    finally:
        web.version -= 1
    assert outcome.capture is not None
    assert source.captures.count() == 2
    assert Source.objects.get(pk=source.pk).changed_at is not None


def test_a_page_that_went_away_is_marked_gone_and_its_claims_flagged(web):
    source = archived(web, "/vanishing").source
    claim = ClaimFactory()
    services.cite(claim, source.url, stance="supports")
    web.gone = True
    try:
        services.archive(source, recheck=True)
    finally:
        web.gone = False
    source.refresh_from_db()
    claim.refresh_from_db()
    assert source.status == "gone" and source.gone_at is not None
    assert "went away" in claim.flag


def test_flagging_the_claims_of_a_gone_source_goes_through_the_claims_service(
    web, django_capture_on_commit_callbacks
):
    source = archived(web, "/vanishing").source
    claim = ClaimFactory()
    services.cite(claim, source.url, stance="supports")
    claim.refresh_from_db()
    flagged, gone = [], []
    claim_signals.claim_flagged.connect(lambda **kw: flagged.append(kw["claim"].pk), weak=False)
    source_signals.source_gone.connect(lambda **kw: gone.append(kw["source"].pk), weak=False)
    web.gone = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.archive(source, recheck=True)
    finally:
        web.gone = False
    fresh = Claim.objects.get(pk=claim.pk)
    assert fresh.version == claim.version + 1  # an edit made on the old version is stale
    assert fresh.history.first().history_change_reason == "flagged"
    assert (flagged, gone) == ([claim.pk], [source.pk])


def test_citing_queues_archiving_and_locates_the_claim(
    web, eager_tasks, django_capture_on_commit_callbacks
):
    article_claim = ClaimFactory(
        article__body="„Wir bauen nicht für die nächste Wahl, sondern für die nächste Generation“, sagte Albers.",
        start=0,
        end=84,
    )
    with django_capture_on_commit_callbacks(execute=True):
        evidence = services.cite(
            article_claim, web.url("/page/zitat"), stance="supports", excerpt=""
        )
    evidence.refresh_from_db()
    assert evidence.source.status == "archived"
    assert evidence.quote_found is True
    assert "nächste Generation" in evidence.located_passage


def test_sources_of_published_verdicts_are_due_for_a_recheck(web):
    source = archived(web).source
    claim = ClaimFactory()
    services.cite(claim, source.url, stance="refutes")
    verdict = VerdictFactory(claim=claim)
    a_while_ago = timezone.now() - dt.timedelta(days=2)
    Source.objects.filter(pk=source.pk).update(last_checked_at=a_while_ago)
    assert list(services.sources_to_recheck()) == []  # the verdict is not published yet
    verdict.approver = EditorFactory()
    verdict.published_at = timezone.now()
    verdict.save()
    assert list(services.sources_to_recheck()) == [source]


def test_sources_of_withdrawn_verdicts_are_no_longer_rechecked(web):
    source = archived(web).source
    claim = ClaimFactory()
    services.cite(claim, source.url, stance="refutes")
    VerdictFactory(
        claim=claim,
        approver=EditorFactory(),
        published_at=timezone.now(),
        withdrawn_at=timezone.now(),
        withdrawal_reason="Quelle gefälscht",
    )
    Source.objects.filter(pk=source.pk).update(
        last_checked_at=timezone.now() - dt.timedelta(days=2)
    )
    assert list(services.sources_to_recheck()) == []


def test_recently_checked_sources_are_not_due(web):
    source = archived(web).source
    claim = ClaimFactory()
    services.cite(claim, source.url, stance="refutes")
    VerdictFactory(claim=claim, approver=EditorFactory(), published_at=timezone.now())
    assert list(services.sources_to_recheck()) == []


@pytest.mark.parametrize("failure", [RuntimeError("bug in the search"), SoftTimeLimitExceeded()])
def test_a_capture_is_kept_when_locating_the_evidence_fails(web, monkeypatch, failure):
    source = services.source_for_url(web.url("/page/unsearchable"))
    evidence = services.cite(ClaimFactory(), source.url, stance="supports")

    def search_that_fails(*args, **kwargs):  # a crash or the task's soft time limit
        raise failure

    monkeypatch.setattr(locator, "locate", search_that_fails)
    outcome = services.archive(source)
    assert outcome.capture is not None
    read_warc(outcome.capture)
    source.refresh_from_db()
    assert (source.status, source.lease_expires_at) == ("archived", None)
    evidence.refresh_from_db()
    assert evidence.located_capture is None


def test_the_reviewer_removes_a_wrong_source_and_the_archive_stays(web):
    source = archived(web).source
    reviewer = ReviewerFactory()
    claim = ClaimFactory(status=Claim.Status.IN_REVIEW, assignee=reviewer)
    evidence = services.cite(claim, source.url, stance="supports")
    services.remove_evidence(evidence, by=reviewer)
    assert not claim.evidence.exists()
    assert Source.objects.get(pk=source.pk).captures.count() == 1


def test_sources_of_a_claim_awaiting_approval_stay():
    claim = ClaimFactory(status=Claim.Status.AWAITING_APPROVAL)
    evidence = EvidenceFactory(claim=claim)
    with pytest.raises(services.SourceError, match="stay"):
        services.remove_evidence(evidence, by=EditorFactory())
    assert claim.evidence.count() == 1


def test_another_reviewer_cannot_remove_a_claims_source():
    claim = ClaimFactory(status=Claim.Status.IN_REVIEW, assignee=ReviewerFactory())
    evidence = EvidenceFactory(claim=claim)
    with pytest.raises(services.SourceError, match="reviewer or an editor"):
        services.remove_evidence(evidence, by=ReviewerFactory())


def test_a_failed_source_can_be_tried_again(django_capture_on_commit_callbacks):
    source = SourceFactory(
        status=Source.Status.FAILED, last_error="The site refused the connection"
    )
    assert services.retry_archive(source)
    source.refresh_from_db()
    assert (source.status, source.last_error) == ("pending", "")
    assert not services.retry_archive(source)  # only failed sources
