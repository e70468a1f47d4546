from django.db import migrations, models

import claims.models


class Migration(migrations.Migration):
    """API clients get scopes; the clients that exist keep what they could do: articles:write."""

    dependencies = [
        ("claims", "0018_article_links"),
    ]

    operations = [
        migrations.AddField(
            model_name="apiclient",
            name="scopes",
            field=models.JSONField(
                blank=True,
                default=claims.models.api_client_default_scopes,
                help_text="What this client may do through the API.",
                verbose_name="scopes",
            ),
        ),
    ]
