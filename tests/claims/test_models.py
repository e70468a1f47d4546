import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from claims.models import Claim, Rating
from claims.validators import validate_body_length
from tests.factories import (
    ApiClientFactory,
    ArticleFactory,
    ClaimFactory,
    EditorFactory,
    ReviewerFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


def test_claim_span_must_start_before_it_ends():
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(start=10, end=10)


def test_claim_checkworthiness_stays_between_0_and_1():
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(checkworthiness=1.5)


def test_claim_status_must_be_a_workflow_state():
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(status="approved-by-magic")


def test_dismissed_claim_needs_a_reason():
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(status=Claim.Status.DISMISSED, dismissal_reason="")


def test_external_id_is_unique_per_api_client():
    cms = ApiClientFactory()
    ArticleFactory(api_client=cms, external_id="cms-42")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(api_client=cms, external_id="cms-42")


def test_two_api_clients_may_use_the_same_external_id():
    ArticleFactory(api_client=ApiClientFactory(), external_id="42")
    ArticleFactory(api_client=ApiClientFactory(), external_id="42")


def test_in_house_articles_share_one_external_id_namespace():
    ArticleFactory(external_id="demo-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(external_id="demo-1")


def test_articles_without_external_id_are_not_unique_on_it():
    ArticleFactory(external_id="")
    ArticleFactory(external_id="")


def test_verdict_four_eyes_author_cannot_be_approver():
    author = EditorFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        VerdictFactory(author=author, approver=author)


def test_published_verdict_needs_an_approver():
    with pytest.raises(IntegrityError), transaction.atomic():
        VerdictFactory(approver=None, published_at="2026-11-25T10:00:00Z")


def test_verdict_approved_by_someone_else_is_accepted():
    verdict = VerdictFactory(author=ReviewerFactory(), approver=EditorFactory())
    assert verdict.pk


def test_rating_value_must_lie_within_its_scale():
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(slug="off-scale", label_de="x", label_en="x", rating_value=9)


def test_claim_changes_are_kept_in_history():
    claim = ClaimFactory()
    claim.kind = Claim.Kind.QUOTE
    claim.save()
    assert [h.kind for h in claim.history.all()] == ["quote", "statistic"]


def test_an_article_keeps_the_sha256_of_its_normalized_body():
    article = ArticleFactory(body="Eins.\r\nZwei.\r\n")
    article.refresh_from_db()
    assert article.body_sha256 == hashlib.sha256(b"Eins.\nZwei.").hexdigest()


def test_saving_only_the_body_updates_its_sha256():
    article = ArticleFactory(body="Eins.")
    article.body = "Zwei."
    article.save(update_fields=["body"])
    article.refresh_from_db()
    assert article.body_sha256 == hashlib.sha256(b"Zwei.").hexdigest()


def test_an_article_without_text_has_no_sha256():
    assert ArticleFactory(body="").body_sha256 == ""


def test_the_body_limit_counts_a_crlf_line_break_as_one_character(settings):
    settings.EXTRACTION_MAX_CHARS = 11
    validate_body_length("Eins.\r\nZwei.")  # 11 characters as stored: accepted


def test_the_body_limit_message_counts_the_characters_as_stored(settings):
    settings.EXTRACTION_MAX_CHARS = 10
    with pytest.raises(ValidationError, match="The text has 11 characters"):
        validate_body_length("Eins.\r\nZwei.\r\n")
