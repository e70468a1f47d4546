"""Other sentences (candidates below the threshold) and promoting one to a claim."""

import pytest

from claims import promotion, ranking, services
from claims.extraction.ranking import RankingModel
from claims.models import Claim
from tests.factories import ArticleFactory, ClaimFactory, ReviewerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("figures_model")]

# With the test model below, the sentences with a figure are claims, the others are not.
BODY = (
    "The council approved 14 new bus lines on Tuesday. Residents were pleased.\n"
    "The scheme costs 3.2 million euros. Nobody expected that."
)
PLEASED = "Residents were pleased."
NOBODY = "Nobody expected that."
FIGURE_SENTENCE = "The scheme costs 3.2 million euros."


def extracted_article(body=BODY, language="en"):
    article = ArticleFactory(body=body, language=language)
    services.extract_and_reanchor_claims(article)
    return article


def span(body, text):
    start = body.index(text)
    return start, start + len(text)


def test_other_sentences_are_the_candidates_below_the_threshold():
    article = extracted_article()
    others = promotion.other_sentences(article)
    assert [s.text for s in others] == [PLEASED, NOBODY]
    assert all(article.body[s.start : s.end] == s.text for s in others)
    assert all(s.checkworthiness < 0.5 for s in others)


def test_sentences_above_the_threshold_are_claims_not_other_sentences():
    article = extracted_article()
    claims = set(article.claims.values_list("text", flat=True))
    others = {s.text for s in promotion.other_sentences(article)}
    assert FIGURE_SENTENCE in claims and FIGURE_SENTENCE not in others


def test_a_sentence_that_a_claim_overlaps_is_not_an_other_sentence():
    article = extracted_article()
    start, end = span(BODY, "were pleased")
    ClaimFactory(article=article, start=start, end=end, text=BODY[start:end])
    assert [s.text for s in promotion.other_sentences(article)] == [NOBODY]


def test_a_claim_no_longer_in_the_text_hides_no_sentence():
    article = extracted_article()
    start, end = span(BODY, PLEASED)
    ClaimFactory(article=article, start=start, end=end, text=PLEASED, is_anchored=False)
    assert PLEASED in [s.text for s in promotion.other_sentences(article)]


def test_other_sentences_carry_their_score_and_reasons():
    article = extracted_article(
        "Ticket sales rose by 12 percent. The mood in the town was excellent."
    )
    (sentence,) = promotion.other_sentences(article)
    assert sentence.checkworthiness == pytest.approx(0.0474, abs=1e-3)
    assert isinstance(sentence.reasons, tuple)


def test_an_article_without_a_body_yet_has_no_other_sentences():
    article = ArticleFactory(body="", language="en")
    assert promotion.other_sentences(article) == []


def test_the_extraction_runs_once_for_repeated_reads_of_the_same_text(monkeypatch):
    article = ArticleFactory(body=BODY, language="en")  # stored without extraction
    calls = []
    real = promotion.extract_claims
    monkeypatch.setattr(
        promotion, "extract_claims", lambda *a, **k: calls.append(1) or real(*a, **k)
    )
    first = promotion.other_sentences(article)
    second = promotion.other_sentences(article)
    assert first == second and len(calls) == 1


def test_a_new_text_of_the_article_is_extracted_again():
    article = extracted_article()
    promotion.other_sentences(article)
    article.body = BODY.replace(NOBODY, "Few people noticed the change.")
    services.save_article(article)
    texts = [s.text for s in promotion.other_sentences(article)]
    assert texts == [PLEASED, "Few people noticed the change."]


def test_another_model_in_force_scores_the_sentences_again(monkeypatch):
    article = extracted_article()
    promotion.other_sentences(article)
    milder = RankingModel(version="test-milder", weights={}, bias=-1.0, threshold=0.5)
    monkeypatch.setattr(promotion, "active_model", lambda: milder)
    others = promotion.other_sentences(article)
    assert [s.text for s in others] == [PLEASED, NOBODY]
    assert [s.checkworthiness for s in others] == [pytest.approx(0.2689, abs=1e-3)] * 2


def test_promoting_makes_a_claim_with_origin_promoted_at_exactly_the_span():
    article = extracted_article()
    start, end = span(BODY, NOBODY)
    claim = promotion.promote_sentence(article, start=start, end=end, by=ReviewerFactory())
    claim.refresh_from_db()
    assert claim.origin == Claim.Origin.PROMOTED
    assert (claim.start, claim.end, claim.text) == (start, end, NOBODY)
    assert article.body[claim.start : claim.end] == claim.text
    assert claim.status == Claim.Status.NEW and claim.is_anchored


def test_a_promoted_claim_keeps_the_extraction_score_and_model_version():
    article = extracted_article()
    start, end = span(BODY, PLEASED)
    claim = promotion.promote_sentence(article, start=start, end=end)
    assert claim.checkworthiness == pytest.approx(0.0474, abs=1e-3)
    assert claim.model_version == "test-figures"


def test_a_promoted_claim_takes_speaker_and_figures_from_the_extraction(monkeypatch):
    everything_low = RankingModel(version="test-low", weights={}, bias=-3.0, threshold=0.5)
    monkeypatch.setattr(promotion, "active_model", lambda: everything_low)
    monkeypatch.setattr(services, "active_model", lambda: everything_low)
    body = "Mayor Jana Okafor said the new depot had cost 12 million euros. It rained."
    article = extracted_article(body)
    start, end = span(body, "Mayor Jana Okafor said the new depot had cost 12 million euros.")
    claim = promotion.promote_sentence(article, start=start, end=end)
    assert claim.kind == Claim.Kind.REPORTED_SPEECH
    assert "Okafor" in claim.speaker_name
    assert [f["value"] for f in claim.figures] == [12_000_000]


def test_the_promotion_is_recorded_in_the_history_with_the_user():
    article = extracted_article()
    user = ReviewerFactory()
    start, end = span(BODY, NOBODY)
    claim = promotion.promote_sentence(article, start=start, end=end, by=user)
    record = claim.history.get()
    assert record.history_user == user
    assert record.history_change_reason == "promoted from other sentences"


def test_a_promoted_sentence_is_no_longer_an_other_sentence():
    article = extracted_article()
    start, end = span(BODY, PLEASED)
    promotion.promote_sentence(article, start=start, end=end)
    article.refresh_from_db()
    assert [s.text for s in promotion.other_sentences(article)] == [NOBODY]


def test_a_promotion_counts_as_a_checkworthy_decision_for_the_ranking():
    article = extracted_article()
    start, end = span(BODY, NOBODY)
    promotion.promote_sentence(article, start=start, end=end)
    assert ranking.Decision(NOBODY, "en", 1) in ranking.decisions()


def test_a_span_that_is_not_an_other_sentence_is_refused():
    article = extracted_article()
    start, end = span(BODY, PLEASED)
    with pytest.raises(promotion.PromotionError, match="not one of the article's other sentences"):
        promotion.promote_sentence(article, start=start + 1, end=end)
    assert not article.claims.filter(origin=Claim.Origin.PROMOTED).exists()


def test_a_span_outside_the_text_is_refused():
    article = extracted_article()
    with pytest.raises(promotion.PromotionError):
        promotion.promote_sentence(article, start=len(BODY) + 5, end=len(BODY) + 40)


def test_promoting_the_same_sentence_twice_is_refused():
    article = extracted_article()
    start, end = span(BODY, PLEASED)
    first = promotion.promote_sentence(article, start=start, end=end)
    with pytest.raises(promotion.PromotionError, match=f"overlaps claim {first.pk}"):
        promotion.promote_sentence(article, start=start, end=end)
    assert article.claims.filter(start=start, end=end).count() == 1


def test_a_sentence_that_overlaps_a_claim_is_refused():
    article = extracted_article()
    start, end = span(BODY, "were pleased")
    other = ClaimFactory(article=article, start=start, end=end, text=BODY[start:end])
    start, end = span(BODY, PLEASED)
    with pytest.raises(promotion.PromotionError, match=f"overlaps claim {other.pk}"):
        promotion.promote_sentence(article, start=start, end=end)


def test_a_sentence_above_the_threshold_is_refused_even_without_a_claim():
    article = ArticleFactory(body=BODY, language="en")  # not extracted: no claims at all
    start, end = span(BODY, FIGURE_SENTENCE)
    with pytest.raises(promotion.PromotionError, match="above the threshold"):
        promotion.promote_sentence(article, start=start, end=end)


def test_candidates_remembered_from_an_extraction_need_no_second_one(monkeypatch, figures_model):
    article = ArticleFactory(body=BODY, language="en")
    found = promotion.extract_claims(BODY, "en", model=figures_model, min_checkworthiness=0)
    promotion.remember_candidates(article, figures_model, found)
    monkeypatch.setattr(promotion, "extract_claims", lambda *a, **k: pytest.fail("extracted"))
    assert [s.text for s in promotion.other_sentences(article)] == [PLEASED, NOBODY]


def test_storing_the_claims_lists_the_other_sentences_without_a_second_extraction(monkeypatch):
    article = extracted_article()
    monkeypatch.setattr(promotion, "extract_claims", lambda *a, **k: pytest.fail("extracted"))
    assert [s.text for s in promotion.other_sentences(article)] == [PLEASED, NOBODY]
