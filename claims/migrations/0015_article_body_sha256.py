# Article.body_sha256: the hex SHA-256 of the normalized body (set in Article.save),
# so that the same text sent again is found (claims.selectors.duplicate_of). Filled
# here for the stored articles, whose bodies 0014 normalized.

import hashlib

from django.db import migrations, models


def fill_body_sha256(apps, schema_editor):
    Article = apps.get_model("claims", "Article")
    batch = []
    for article in Article.objects.only("pk", "body").order_by("pk").iterator():
        body = article.body.rstrip()  # normalized by 0014: LF, NFC, no trailing whitespace
        article.body_sha256 = hashlib.sha256(body.encode("utf-8")).hexdigest() if body else ""
        batch.append(article)
        if len(batch) == 500:
            Article.objects.bulk_update(batch, ["body_sha256"])
            batch = []
    Article.objects.bulk_update(batch, ["body_sha256"])


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0014_normalize_article_bodies"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="body_sha256",
            field=models.CharField(
                blank=True, editable=False, max_length=64, verbose_name="SHA-256 of the body"
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="body_sha256",
            field=models.CharField(
                blank=True, editable=False, max_length=64, verbose_name="SHA-256 of the body"
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["body_sha256"], name="article_body_sha256_idx"),
        ),
        migrations.RunPython(fill_body_sha256, migrations.RunPython.noop),
    ]
