# Fetch status choices named, and the body limit as the model field's validator.

from django.db import migrations, models

import claims.validators


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0012_webhooks_move_to_publishing"),
    ]

    operations = [
        migrations.AlterField(
            model_name="article",
            name="body",
            field=models.TextField(
                validators=[claims.validators.validate_body_length], verbose_name="body"
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="fetch_status",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "not fetched"),
                    ("pending", "pending"),
                    ("fetched", "fetched"),
                    ("failed", "failed"),
                ],
                max_length=10,
                verbose_name="fetch status",
            ),
        ),
        migrations.AlterField(
            model_name="historicalarticle",
            name="body",
            field=models.TextField(
                validators=[claims.validators.validate_body_length], verbose_name="body"
            ),
        ),
        migrations.AlterField(
            model_name="historicalarticle",
            name="fetch_status",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "not fetched"),
                    ("pending", "pending"),
                    ("fetched", "fetched"),
                    ("failed", "failed"),
                ],
                max_length=10,
                verbose_name="fetch status",
            ),
        ),
    ]
