import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

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
