"""Every write that changes an article's API reply makes its cached reply stale, once
the write commits: saves, deletes, bulk updates, re-extraction, promotion, flags,
verdicts; and a new ranking model makes every reply stale."""

import pytest
from django.utils import timezone

from claims import promotion, ranking, services, workflow
from claims.models import Claim, RankingModelVersion, Rating, Verdict
from publishing.api import cache
from tests.factories import ArticleFactory, EditorFactory, ReviewerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("figures_model")]

BODY = "The council approved 14 new bus lines. Residents were pleased."


@pytest.fixture
def article():
    article = ArticleFactory(body=BODY, language="en")
    services.extract_and_reanchor_claims(article)
    return article


@pytest.fixture
def stale(django_capture_on_commit_callbacks):
    """Run a write in a committed transaction; say whether the article's reply went stale."""

    def check(article, write) -> bool:
        before = cache.generation(article.pk)
        with django_capture_on_commit_callbacks(execute=True):
            write()
        return cache.generation(article.pk) > before

    return check


def claim_of(article):
    return Claim.objects.get(article=article)


def test_saving_the_article(article, stale):
    article.title = "Neu"
    assert stale(article, lambda: services.save_article(article))


def test_a_new_body_re_extracted(article, stale):
    article.body = BODY + " The line costs 3 million euros."
    assert stale(article, lambda: services.save_article(article))


def test_saving_a_claim(article, stale):
    claim = claim_of(article)
    claim.flag = "Prüfen"
    assert stale(article, claim.save)


def test_a_bulk_update_of_claims(article, stale):
    assert stale(article, lambda: Claim.objects.filter(article=article).update(flag="x"))


def test_a_bulk_update_of_claim_rows(article, stale):
    claim = claim_of(article)
    claim.flag = "y"
    assert stale(article, lambda: Claim.objects.bulk_update([claim], ["flag"]))


def test_deleting_a_claim(article, stale):
    assert stale(article, claim_of(article).delete)


def test_flagging_claims(article, stale):
    assert stale(article, lambda: services.flag_claims([claim_of(article).pk], reason="Quelle weg"))


def test_promoting_an_other_sentence(article, stale):
    start = BODY.index("Residents")
    promote = lambda: promotion.promote_sentence(article, start=start, end=len(BODY))  # noqa: E731
    assert stale(article, promote)


def test_proposing_and_publishing_a_verdict(article, stale):
    reviewer, editor = ReviewerFactory(), EditorFactory()
    claim = claim_of(article)
    workflow.assign_claim(claim, assignee=reviewer, by=editor)
    propose = lambda: workflow.propose_verdict(  # noqa: E731
        claim, rating=Rating.objects.get(slug="false"), summary="Falsch.", by=reviewer
    )
    assert stale(article, propose)
    assert stale(article, lambda: workflow.approve_and_publish(claim, by=editor))


def test_a_bulk_update_of_draft_verdicts(article, stale):
    claim = claim_of(article)
    Verdict.objects.create(
        claim=claim, rating=Rating.objects.get(slug="false"), summary="a", author=ReviewerFactory()
    )
    assert stale(article, lambda: Verdict.objects.filter(claim=claim).update(summary="b"))


def test_a_new_ranking_model_makes_every_reply_stale(django_capture_on_commit_callbacks):
    before = cache.reply_key(1)
    with django_capture_on_commit_callbacks(execute=True):
        version = RankingModelVersion.objects.create(version="v-new", weights={}, threshold=0.5)
    with django_capture_on_commit_callbacks(execute=True):
        ranking.activate(version)
    assert cache.reply_key(1) != before


def test_nothing_goes_stale_before_the_commit(article, django_capture_on_commit_callbacks):
    before = cache.generation(article.pk)
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        Claim.objects.filter(article=article).update(flag="z")
    assert cache.generation(article.pk) == before and waiting


def test_an_untouched_article_stays_cached(article, stale):
    other = ArticleFactory(published_at=timezone.now())
    assert not stale(article, lambda: Claim.objects.filter(article=other).update(flag="z"))
