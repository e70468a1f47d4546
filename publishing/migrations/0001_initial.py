# The webhook models, taken over from the claims app (see claims 0012).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("claims", "0012_webhooks_move_to_publishing"),
    ]

    operations = [
        # The tables exist already: claims' migration 0012 renamed them to this app's
        # names, with their rows. Only the state moves here.
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="WebhookEndpoint",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("url", models.URLField(max_length=2000)),
                        ("events", models.JSONField(default=list)),
                        ("secret", models.CharField(editable=False, max_length=64)),
                        ("active", models.BooleanField(default=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "client",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="webhooks",
                                to="claims.apiclient",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "webhook endpoint",
                        "verbose_name_plural": "webhook endpoints",
                        "ordering": ["client", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="WebhookDelivery",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "event",
                            models.CharField(
                                choices=[
                                    ("article.extracted", "article.extracted"),
                                    ("claim.published", "claim.published"),
                                    ("claim.corrected", "claim.corrected"),
                                    ("claim.withdrawn", "claim.withdrawn"),
                                    ("source.archived", "source.archived"),
                                ],
                                max_length=40,
                            ),
                        ),
                        ("payload", models.JSONField()),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("pending", "pending"),
                                    ("delivered", "delivered"),
                                    ("failed", "failed"),
                                ],
                                default="pending",
                                max_length=10,
                            ),
                        ),
                        ("attempts", models.PositiveSmallIntegerField(default=0)),
                        (
                            "response_status",
                            models.PositiveSmallIntegerField(blank=True, null=True),
                        ),
                        ("response_body", models.TextField(blank=True)),
                        ("last_error", models.TextField(blank=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("delivered_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "replay_of",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="publishing.webhookdelivery",
                            ),
                        ),
                        (
                            "endpoint",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="deliveries",
                                to="publishing.webhookendpoint",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "webhook delivery",
                        "verbose_name_plural": "webhook deliveries",
                        "ordering": ["-created_at"],
                    },
                ),
            ],
        ),
    ]
