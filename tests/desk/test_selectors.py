"""Reads of the reviewer UI: what each list holds, in a fixed number of queries."""

import itertools

import pytest
from django.utils import timezone

from claims.models import Claim
from claims.promotion import OtherSentence
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
    assert [segment.claim for segment in segments if segment.claim] == [first]
    assert "".join(segment.text for segment in segments) == article.body


def test_the_timeline_shows_who_did_what_newest_first():
    claim = ClaimFactory()
    claim.flag = "Quelle weg"
    claim._change_reason = "flagged"
    claim.save()
    entries = selectors.timeline(claim)
    assert [e["reason"] for e in entries][:1] == ["flagged"]
    assert all(e["what"] == "claim" for e in entries)


# --- The article view: segments, levels, ranking -------------------------------


@pytest.mark.parametrize(
    ("score", "level"),
    [(1.0, 4), (0.9, 4), (0.89, 3), (0.7, 3), (0.69, 2), (0.5, 2), (0.49, 1), (0.0, 1)],
)
def test_check_worthiness_falls_into_four_levels(score, level):
    assert selectors.checkworthiness_level(score).number == level


def test_the_levels_cover_zero_to_one_without_gaps():
    bands = sorted(selectors.LEVELS, key=lambda level: level.lowest)
    assert bands[0].lowest == 0 and bands[-1].highest is None
    assert all(low.highest == high.lowest for low, high in itertools.pairwise(bands))


def test_other_sentences_are_segments_of_their_own_between_the_claims():
    article = ArticleFactory(body="Es gab 40 Busse. Es war ruhig. Es kamen 9 Bahnen.")
    first = ClaimFactory(article=article, start=0, end=16, text="Es gab 40 Busse.")
    quiet = OtherSentence(17, 30, "Es war ruhig.", 0.1)
    segments = selectors.highlighted_segments(selectors.article_with_claims(article.pk), [quiet])
    assert [(s.text, s.claim, s.sentence) for s in segments] == [
        ("Es gab 40 Busse.", first, None),
        (" ", None, None),
        ("Es war ruhig.", None, quiet),
        (" Es kamen 9 Bahnen.", None, None),
    ]
    assert segments[0].level.number == 3 and segments[2].level.number == 1


def test_where_a_sentence_overlaps_a_claim_the_claim_keeps_the_text():
    article = ArticleFactory(body="Es gab 40 Busse. Es war ruhig.")
    claim = ClaimFactory(article=article, start=0, end=16, text="Es gab 40 Busse.")
    segments = selectors.highlighted_segments(
        selectors.article_with_claims(article.pk), [OtherSentence(7, 16, "40 Busse.", 0.2)]
    )
    assert [s.claim for s in segments if s.claim] == [claim]
    assert not [s for s in segments if s.sentence]
    assert "".join(s.text for s in segments) == article.body


def test_ranked_claims_are_the_most_check_worthy_first_and_the_lost_ones_last():
    article = ArticleFactory(body="Eins hier. Zwei dort. Drei da.")
    low = ClaimFactory(article=article, start=0, end=10, checkworthiness=0.55)
    lost = ClaimFactory(article=article, start=11, end=21, checkworthiness=0.99, is_anchored=False)
    high = ClaimFactory(article=article, start=22, end=30, checkworthiness=0.93)
    ranked = selectors.ranked_claims(selectors.article_with_claims(article.pk))
    assert [(r.claim, r.level.number) for r in ranked] == [(high, 4), (low, 2), (lost, 4)]


def test_an_article_its_segments_and_ranking_take_two_queries(django_assert_num_queries):
    article = ArticleFactory(body="Eins hier. Zwei dort. Drei da.")
    for start, end in [(0, 10), (11, 21), (22, 30)]:
        ClaimFactory(article=article, start=start, end=end, assignee=ReviewerFactory())
    with django_assert_num_queries(2):  # the article, its claims with their assignees
        loaded = selectors.article_with_claims(article.pk)
        selectors.highlighted_segments(loaded)
        ranked = selectors.ranked_claims(loaded)
        assert [r.claim.assignee.username for r in ranked]
