"""Matching through the queue: a real Celery worker indexes and matches an article's claims
once they are extracted (claims.signals.article_extracted -> matching.tasks.match_article)."""

import pytest

from claims import workflow
from claims.models import Article, Rating
from claims.services import save_article
from matching import index
from matching.models import MatchCandidate, MatchEntry
from matching.tasks import match_article
from tests.factories import ExternalClaimReviewFactory, ReviewerFactory
from tests.matching.claims import HARLOW_DE, HARLOW_EN, desk_claim
from tests.worker import Worker, purge_queues, wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BODY = (
    "Harlow Foods hat 2025 rund eine Milliarde Dollar Umsatz gemacht, sagte Finanzchef "
    "Brad Glasser. Das Wetter war am Dienstag schön."
)


@pytest.fixture
def worker(tmp_path):
    purge_queues()
    running = Worker(tmp_path / "worker.log").start(timeout=60)
    yield running
    running.stop()
    purge_queues()


def test_an_extracted_article_gets_its_claims_matched_by_the_worker(figures_model, worker):
    review = ExternalClaimReviewFactory(
        claim_reviewed="Harlow Foods made about $1 billion in revenue in 2025, "
        "chief financial officer Brad Glasser said."
    )
    index.index_review(review)
    article = Article(title="Umsatz", body=BODY, language="de")
    save_article(article)

    def matched():
        return MatchCandidate.objects.filter(claim__article=article, entry__review=review).exists()

    assert wait_for(matched, timeout=60), worker.log_path.read_text()[-3000:]
    assert MatchEntry.objects.filter(claim__article=article).exists()


def test_matching_an_article_again_stores_each_match_once(figures_model, eager_tasks):
    index.index_review(
        ExternalClaimReviewFactory(
            claim_reviewed="Harlow Foods made about $1 billion in revenue in 2025, "
            "chief financial officer Brad Glasser said."
        )
    )
    article = Article(title="Umsatz", body=BODY, language="de")
    save_article(article)  # matched once (eagerly), on commit
    assert MatchCandidate.objects.filter(claim__article=article).count() == 1
    # A redelivered task runs again: the same index and the same matches.
    match_article.apply(args=[article.pk])
    assert MatchCandidate.objects.filter(claim__article=article).count() == 1
    assert MatchEntry.objects.filter(claim__article=article).count() == (article.claims.count())


def test_a_claim_reworded_with_a_proposed_verdict_is_matched_by_its_new_wording(
    figures_model, eager_tasks
):
    review = ExternalClaimReviewFactory(claim_reviewed=HARLOW_EN)
    index.index_review(review)
    reviewer = ReviewerFactory()
    claim = desk_claim("Der Konzern hat im Jahr gut verdient, sagte ein Sprecher.")
    index.match_claim(claim)
    assert not MatchCandidate.objects.filter(claim=claim).exists()
    workflow.take_claim(claim, by=reviewer)

    workflow.propose_verdict(
        claim,
        rating=Rating.objects.get(slug="false"),
        summary="Der Umsatz lag niedriger.",
        by=reviewer,
        wording={"reviewed_text": HARLOW_DE},
    )

    assert MatchCandidate.objects.filter(claim=claim, entry__review=review).exists()
    assert MatchEntry.objects.get(claim=claim).signature["persons"] == ["brad glasser"]
