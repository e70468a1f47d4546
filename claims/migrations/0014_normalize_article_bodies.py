# Article bodies as every way in now stores them (claims.text.normalize_body): LF line
# breaks, Unicode NFC, no trailing whitespace. A claim keeps its place: it moves to
# len(normalized(old_body[:start])) and its text is normalized too; a claim whose text
# is then not at that place is marked as no longer anchored (the next extraction
# re-anchors it). Published claims keep their text (the published record, and the
# trigger claims_keep_published_claim, refuse a change) and only move.
#
# Going back keeps the normalized bodies: the old line endings carried no meaning.

import unicodedata

from django.db import migrations
from django.utils import timezone

REASON = "line breaks and Unicode normalized (migration 0014)"


def normalized(text: str) -> str:
    """claims.text.normalize_text as of this migration (frozen here on purpose)."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def normalize_bodies(apps, schema_editor):
    from claims import signals

    Article = apps.get_model("claims", "Article")
    Claim = apps.get_model("claims", "Claim")
    HistoricalArticle = apps.get_model("claims", "HistoricalArticle")
    HistoricalClaim = apps.get_model("claims", "HistoricalClaim")
    now = timezone.now()
    changed = [
        pk
        for pk, body in Article.objects.order_by("pk").values_list("pk", "body").iterator()
        if normalized(body).rstrip() != body
    ]
    for article in Article.objects.filter(pk__in=changed).order_by("pk"):
        old_body = article.body
        article.body = normalized(old_body).rstrip()
        article.save(update_fields=["body", "updated_at"])
        record(HistoricalArticle, article, now)
        for claim in Claim.objects.filter(article=article).order_by("pk"):
            if move(claim, old_body, article.body):
                claim.version += 1
                claim.save(
                    update_fields=["text", "start", "end", "is_anchored", "version", "updated_at"]
                )
                record(HistoricalClaim, claim, now)
        signals.send_on_commit(signals.article_changed, Article, article_id=article.pk)


def move(claim, old_body: str, new_body: str) -> bool:
    """Put the claim where its text is in the normalized body; whether anything changed."""
    before = (claim.text, claim.start, claim.end, claim.is_anchored)
    text = normalized(claim.text)
    if claim.status != "published":
        claim.text = text
    if claim.is_anchored:
        claim.start = len(normalized(old_body[: claim.start]))
        claim.end = claim.start + len(text)
        claim.is_anchored = new_body[claim.start : claim.end] == text
    return (claim.text, claim.start, claim.end, claim.is_anchored) != before


def record(historical_model, instance, when) -> None:
    """The audit history's entry for a row changed here (as django-simple-history writes it)."""
    values = {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}
    historical_model.objects.create(
        **values, history_date=when, history_type="~", history_change_reason=REASON
    )


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0013_article_fetch_status_and_body_limit"),
    ]

    operations = [
        migrations.RunPython(normalize_bodies, migrations.RunPython.noop),
    ]
