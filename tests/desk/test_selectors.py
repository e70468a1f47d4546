"""Reads of the reviewer UI: what each list holds, in a fixed number of queries."""

import pytest
from django.utils import timezone

from claims.models import Claim
from desk import selectors
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    EditorFactory,
    EvidenceFactory,
    ReviewerFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db
S = Claim.Status


def test_the_unassigned_queue_is_the_most_check_worthy_first():
    low, high = ClaimFactory(checkworthiness=0.4), ClaimFactory(checkworthiness=0.9)
    ClaimFactory(checkworthiness=0.99, is_anchored=False)  # no longer in the text
    assert list(selectors.unassigned_queue(ReviewerFactory())) == [high, low]


def test_the_queue_filters_by_language():
    german = ClaimFactory(article__language="de")
    ClaimFactory(article__language="en")
    assert list(selectors.unassigned_queue(ReviewerFactory(), language="de")) == [german]


def test_the_queue_keeps_to_the_articles_a_reviewer_works_on():
    reviewer = ReviewerFactory()
    mine = ClaimFactory(status=S.ASSIGNED, assignee=reviewer).article
    next_in_mine = ClaimFactory(article=mine, start=0, end=5, text=mine.body[:5])
    ClaimFactory()  # another article
    assert list(selectors.unassigned_queue(reviewer, my_articles=True)) == [next_in_mine]


def test_an_editor_is_not_asked_to_approve_their_own_verdict():
    editor, reviewer = EditorFactory(), ReviewerFactory()
    own = VerdictFactory(claim=ClaimFactory(status=S.AWAITING_APPROVAL), author=editor).claim
    theirs = VerdictFactory(claim=ClaimFactory(status=S.AWAITING_APPROVAL), author=reviewer).claim
    board = selectors.dashboard(editor, is_editor=True)
    assert theirs in board.awaiting_my_approval and own not in board.awaiting_my_approval


def test_ratings_count_only_verdicts_in_force():
    published = {"approver": EditorFactory(), "published_at": timezone.now()}
    VerdictFactory(**published)
    VerdictFactory(**published, withdrawn_at=timezone.now(), withdrawal_reason="falsch belegt")
    VerdictFactory()  # a draft
    counts = dict(selectors.dashboard(EditorFactory(), is_editor=True).by_rating)
    assert sum(counts.values()) == 1


def test_the_dashboard_takes_the_same_queries_for_many_claims(django_assert_max_num_queries):
    editor = EditorFactory()
    ClaimFactory.create_batch(3)
    with django_assert_max_num_queries(10) as few:
        selectors.dashboard(editor, is_editor=True)
    ClaimFactory.create_batch(30, status=S.AWAITING_APPROVAL)
    with django_assert_max_num_queries(len(few.captured_queries)):
        selectors.dashboard(editor, is_editor=True)


def test_the_claim_workspace_loads_evidence_verdicts_and_notes_at_once(
    django_assert_num_queries,
):
    claim = ClaimFactory()
    EvidenceFactory.create_batch(3, claim=claim)
    VerdictFactory(claim=claim)
    with django_assert_num_queries(4):  # claim, evidence, verdicts, notes
        loaded = selectors.claim_workspace(claim.pk)
        assert len(loaded.evidence.all()) == 3 and len(loaded.verdicts.all()) == 1


def test_overlapping_claims_are_highlighted_once():
    article = ArticleFactory(body="Erster Satz hier. Zweiter Satz dort.")
    first = ClaimFactory(article=article, start=0, end=17, text="Erster Satz hier.")
    ClaimFactory(article=article, start=7, end=17, text="Satz hier.")
    segments = selectors.highlighted_segments(selectors.article_with_claims(article.pk))
    assert [claim for _, claim in segments if claim] == [first]
    assert "".join(text for text, _ in segments) == article.body


def test_the_timeline_shows_who_did_what_newest_first():
    claim = ClaimFactory()
    claim.flag = "Quelle weg"
    claim._change_reason = "flagged"
    claim.save()
    entries = selectors.timeline(claim)
    assert [e["reason"] for e in entries][:1] == ["flagged"]
    assert all(e["what"] == "claim" for e in entries)
