import hashlib

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from claims.models import Article, Claim
from claims.text import body_sha256
from publishing.models import WebhookDelivery


@pytest.mark.django_db
def test_models_and_migrations_agree():
    # makemigrations --check exits non-zero when a model change has no migration.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


BEFORE_THE_MOVE = [("claims", "0011_claimant"), ("publishing", None)]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_webhooks_keep_their_rows_when_they_move_to_the_publishing_app():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_THE_MOVE)
    try:
        old = executor.loader.project_state([("claims", "0011_claimant")]).apps
        client = old.get_model("claims", "ApiClient").objects.create(
            name="Altbestand", token_sha256="a" * 64, token_prefix="aaaaaaaa"
        )
        endpoint = old.get_model("claims", "WebhookEndpoint").objects.create(
            client=client, url="https://cms.example/hook", events=["claim.published"], secret="s"
        )
        delivery = old.get_model("claims", "WebhookDelivery").objects.create(
            endpoint=endpoint, event="claim.published", payload={"claim": 7}, status="delivered"
        )
    finally:  # the database goes back to the latest state whatever happened
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    moved = WebhookDelivery.objects.select_related("endpoint__client").get(pk=delivery.pk)
    assert (moved.payload, moved.status) == ({"claim": 7}, "delivered")
    assert moved.endpoint.url == "https://cms.example/hook"
    assert moved.endpoint.client.name == "Altbestand"
    again = WebhookDelivery.objects.create(
        endpoint=moved.endpoint, event="claim.corrected", payload={}
    )
    assert again.pk > delivery.pk  # the id sequence moved with the table


BEFORE_NORMALIZING = [("claims", "0013_article_fetch_status_and_body_limit")]


def rows_before_normalizing(make_rows):
    """Rows written by make_rows(apps) as of 0013, then every migration applied again."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_NORMALIZING)
    try:
        rows = make_rows(executor.loader.project_state(BEFORE_NORMALIZING).apps)
    finally:  # the database goes back to the latest state whatever happened
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    return rows


def old_article(apps, body):
    return apps.get_model("claims", "Article").objects.create(
        title="Haushalt", body=body, language="de"
    )


def old_claim(apps, article, text, start=None, **fields):
    start = article.body.index(text) if start is None else start
    return apps.get_model("claims", "Claim").objects.create(
        article=article, text=text, start=start, end=start + len(text), **fields
    )


CRLF_BODY = "Der Stadtrat tagte am Montag.\r\nDie Schulden steigen auf 780 Mio. Euro.\r\n"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_0014_stores_bodies_with_lf_and_moves_their_claims():
    def rows(apps):
        article = old_article(apps, CRLF_BODY)
        return article, old_claim(apps, article, "Die Schulden steigen auf 780 Mio. Euro.")

    article, claim = rows_before_normalizing(rows)
    article, claim = Article.objects.get(pk=article.pk), Claim.objects.get(pk=claim.pk)
    assert article.body == "Der Stadtrat tagte am Montag.\nDie Schulden steigen auf 780 Mio. Euro."
    assert article.body[claim.start : claim.end] == claim.text
    assert claim.is_anchored and claim.start == CRLF_BODY.index("Die") - 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_0014_normalizes_the_text_of_a_claim_over_a_line_break():
    def rows(apps):
        article = old_article(apps, CRLF_BODY)
        return old_claim(apps, article, "Montag.\r\nDie Schulden")

    claim = Claim.objects.get(pk=rows_before_normalizing(rows).pk)
    assert claim.text == "Montag.\nDie Schulden"
    assert claim.article.body[claim.start : claim.end] == claim.text and claim.is_anchored


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_0014_composes_bodies_and_claims_to_nfc():
    def rows(apps):
        article = old_article(
            apps, "Die Bu\u0308rger zahlen. Die Gebu\u0308hren steigen um 5 Prozent."
        )
        return old_claim(apps, article, "Die Gebu\u0308hren steigen um 5 Prozent.")

    claim = Claim.objects.get(pk=rows_before_normalizing(rows).pk)
    assert claim.article.body == "Die Bürger zahlen. Die Gebühren steigen um 5 Prozent."
    assert claim.text == "Die Gebühren steigen um 5 Prozent."
    assert claim.article.body[claim.start : claim.end] == claim.text and claim.is_anchored


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_0014_marks_a_claim_not_at_its_place_as_no_longer_anchored():
    def rows(apps):
        article = old_article(apps, CRLF_BODY)
        # Stored as anchored, but its offsets do not hold its text (the drift of issue 13).
        return old_claim(apps, article, "Die Schulden steigen auf 780 Mio. Euro.", start=2)

    claim = Claim.objects.get(pk=rows_before_normalizing(rows).pk)
    assert not claim.is_anchored


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_0014_moves_a_published_claim_and_keeps_its_text():
    published_text = "Die Gebu\u0308hren steigen um 5 Prozent."

    def rows(apps):
        article = old_article(apps, f"Der Rat tagte.\r\n{published_text}\r\n")
        return old_claim(apps, article, published_text, status="published")

    claim = Claim.objects.get(pk=rows_before_normalizing(rows).pk)
    assert claim.text == published_text  # the published record stays as it was
    assert claim.start == len("Der Rat tagte.\n")
    assert claim.article.body[claim.start : claim.end] == "Die Gebühren steigen um 5 Prozent."
    assert claim.is_anchored


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_0014_records_the_changes_in_the_history():
    def rows(apps):
        article = old_article(apps, CRLF_BODY)
        return old_claim(apps, article, "Die Schulden steigen auf 780 Mio. Euro.")

    claim = Claim.objects.get(pk=rows_before_normalizing(rows).pk)
    reason = "line breaks and Unicode normalized (migration 0014)"
    assert claim.history.first().history_change_reason == reason
    assert claim.history.first().start == claim.start
    assert claim.article.history.first().history_change_reason == reason


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_0015_fills_the_sha256_of_stored_bodies():
    def rows(apps):
        return old_article(apps, CRLF_BODY)

    article = Article.objects.get(pk=rows_before_normalizing(rows).pk)
    assert article.body_sha256 == body_sha256(CRLF_BODY)
    assert article.body_sha256 == hashlib.sha256(article.body.encode()).hexdigest()
