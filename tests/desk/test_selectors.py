"""Reads of the reviewer UI: what each list holds, in a fixed number of queries."""

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from claims.models import Claim
from claims.promotion import OtherSentence
from claims.selectors import search_claims
from desk import selectors
from sources.models import Source
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    EditorFactory,
    EvidenceFactory,
    ReviewerFactory,
    SourceFactory,
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
    # Cold cache: the counts (status, rating, unassigned, matching a published verdict) too.
    with django_assert_max_num_queries(11) as few:
        selectors.dashboard(editor, is_editor=True)
    ClaimFactory.create_batch(30, status=S.AWAITING_APPROVAL)
    with django_assert_max_num_queries(len(few.captured_queries)):
        selectors.dashboard(editor, is_editor=True)


def test_the_dashboard_counts_claims_by_status_and_the_unassigned_queue():
    ClaimFactory.create_batch(2)
    ClaimFactory(status=S.ASSIGNED, assignee=ReviewerFactory())
    ClaimFactory(is_anchored=False)  # new, but no longer in the text: not in the queue
    counts = selectors.claim_counts()
    assert counts["by_status"] == {S.NEW: 3, S.ASSIGNED: 1} and counts["unassigned"] == 2


def test_the_dashboard_counts_are_kept_until_a_claim_changes(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    claim = ClaimFactory()
    assert selectors.claim_counts()["by_status"] == {S.NEW: 1}
    with django_assert_num_queries(0):
        assert selectors.claim_counts()["by_status"] == {S.NEW: 1}
    with django_capture_on_commit_callbacks(execute=True):
        claim.status, claim.assignee = S.ASSIGNED, ReviewerFactory()
        claim.save()
    assert selectors.claim_counts()["by_status"] == {S.ASSIGNED: 1}


def test_the_dashboard_counts_go_stale_with_a_bulk_update_too(django_capture_on_commit_callbacks):
    ClaimFactory.create_batch(2)
    assert selectors.claim_counts()["by_status"] == {S.NEW: 2}
    with django_capture_on_commit_callbacks(execute=True):
        Claim.objects.update(status=S.DISMISSED, dismissal_reason="Meinung")
    assert selectors.claim_counts()["by_status"] == {S.DISMISSED: 2}


def test_problem_sources_are_broken_ones_and_changed_ones_cited_for_a_published_claim():
    now = timezone.now()
    failed = SourceFactory(status=Source.Status.FAILED)
    gone = SourceFactory(status=Source.Status.GONE)
    changed = SourceFactory(changed_at=now)
    EvidenceFactory.create_batch(2, source=changed, claim__status=S.PUBLISHED)  # listed once
    EvidenceFactory(source=SourceFactory(changed_at=now), claim__status=S.IN_REVIEW)
    EvidenceFactory(source=SourceFactory(), claim__status=S.PUBLISHED)  # unchanged
    listed = selectors.problem_sources(limit=10)
    assert sorted(source.pk for source in listed) == [failed.pk, gone.pk, changed.pk]


def test_problem_sources_take_two_queries_however_many_sources_changed(
    django_assert_num_queries,
):
    for _ in range(3):
        EvidenceFactory(source=SourceFactory(changed_at=timezone.now()), claim__status=S.PUBLISHED)
    with django_assert_num_queries(2):  # which changed sources are cited, then the list
        assert len(selectors.problem_sources(limit=10)) == 3


def test_problem_sources_are_the_most_recently_updated_first():
    sources = SourceFactory.create_batch(3, status=Source.Status.FAILED)
    for days, source in enumerate(sources):
        Source.objects.filter(pk=source.pk).update(updated_at=timezone.now() - timedelta(days=days))
    assert selectors.problem_sources(limit=2) == sources[:2]


def test_a_page_of_claims_keeps_the_lists_order_in_three_queries(django_assert_num_queries):
    for score in (0.5, 0.9, 0.7):
        ClaimFactory(checkworthiness=score, assignee=ReviewerFactory())
    with django_assert_num_queries(3):  # the count, the page's ids, its rows
        page = selectors.claim_page(search_claims(), 1, 2)
        shown = [(c.checkworthiness, c.article.title, c.assignee.username) for c in page]
    assert [score for score, _title, _user in shown] == [0.9, 0.7]
    assert page.paginator.count == 3 and page.has_next() and not page.paginator.more


@pytest.mark.parametrize(("asked", "shown"), [("7", 2), ("0", 2), ("x", 1), (None, 1)])
def test_a_page_number_out_of_range_or_not_a_number_is_read_as_get_page_reads_it(asked, shown):
    ClaimFactory.create_batch(3)
    assert selectors.claim_page(search_claims(), asked, 2).number == shown


def test_a_page_of_nothing_is_one_empty_page():
    page = selectors.claim_page(search_claims(), "1", 2, count_up_to=10)
    assert page.number == 1 and list(page) == [] and page.paginator.count == 0


def test_a_capped_page_takes_two_queries(django_assert_num_queries):
    ClaimFactory.create_batch(3)
    with django_assert_num_queries(2):  # the first ids up to the cap, the page's rows
        page = selectors.claim_page(search_claims(), "2", 2, count_up_to=10)
    assert page.paginator.count == 3 and len(page) == 1


def test_a_search_counts_its_matches_only_up_to_the_cap():
    ClaimFactory.create_batch(3)
    capped = selectors.claim_page(search_claims(), "9", 1, count_up_to=2)
    assert capped.paginator.count == 2 and capped.paginator.more and capped.number == 2
    exact = selectors.claim_page(search_claims(), "1", 1, count_up_to=3)
    assert exact.paginator.count == 3 and not exact.paginator.more


def test_a_known_count_is_not_counted_again(django_assert_num_queries):
    ClaimFactory.create_batch(3)
    with django_assert_num_queries(2):  # the page's ids, its rows
        page = selectors.claim_page(search_claims(), "1", 2, count=3)
    assert page.paginator.num_pages == 2


def test_listed_claims_carry_the_words_for_their_kind_and_status():
    claim = ClaimFactory(status=S.IN_REVIEW, assignee=ReviewerFactory())
    with translation.override("de"):
        [listed] = selectors.labelled([Claim.objects.get(pk=claim.pk)])
        assert listed.status_label == claim.get_status_display() != "in_review"
        assert listed.kind_label == claim.get_kind_display()


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
