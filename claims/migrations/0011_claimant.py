# Who makes a claim (ClaimReview's itemReviewed.author) is stored apart from the
# attributing words, and is frozen while the claim is published like the rest of
# what the public sees.

from django.db import migrations, models

CLAIM_TRIGGER = """
CREATE OR REPLACE FUNCTION claims_keep_published_claim() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'published' AND NEW.status = 'published' AND (
        NEW.article_id, NEW.text, NEW.speaker_name, NEW.speaker_role, NEW.attribution,
        NEW.claimant
    ) IS DISTINCT FROM (
        OLD.article_id, OLD.text, OLD.speaker_name, OLD.speaker_role, OLD.attribution,
        OLD.claimant
    ) THEN
        RAISE EXCEPTION 'published claim % changes only through a correction', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""

PREVIOUS_CLAIM_TRIGGER = """
CREATE OR REPLACE FUNCTION claims_keep_published_claim() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'published' AND NEW.status = 'published' AND (
        NEW.article_id, NEW.text, NEW.speaker_name, NEW.speaker_role, NEW.attribution
    ) IS DISTINCT FROM (
        OLD.article_id, OLD.text, OLD.speaker_name, OLD.speaker_role, OLD.attribution
    ) THEN
        RAISE EXCEPTION 'published claim % changes only through a correction', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""


def trigger(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


def fill_claimants(apps, schema_editor):
    """Published claims keep the author their ClaimReview showed; the others get the
    claimant the engine finds today at their span."""
    from claims.extraction import extract_claims

    Article = apps.get_model("claims", "Article")
    Claim = apps.get_model("claims", "Claim")
    published = Claim.objects.filter(status="published", claimant="")
    for claim in published.exclude(speaker_name="", attribution="").iterator():
        claim.claimant = claim.speaker_name or claim.attribution
        claim.save(update_fields=["claimant"])
    pending = Claim.objects.exclude(status="published").filter(claimant="", is_anchored=True)
    for article in Article.objects.filter(pk__in=pending.values("article_id")).iterator():
        try:
            found = extract_claims(article.body, article.language, min_checkworthiness=0)
        except ValueError:
            continue  # a body the engine refuses keeps its claims as they are
        claimants = {(c.start, c.end): c.claimant for c in found if c.claimant}
        for claim in pending.filter(article=article):
            claimant = claimants.get((claim.start, claim.end)) or claim.speaker_name
            if claimant:
                claim.claimant = claimant[:200]
                claim.save(update_fields=["claimant"])


class Migration(migrations.Migration):
    dependencies = [("claims", "0010_ranking_versions")]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="claimant",
            field=models.CharField(blank=True, max_length=200, verbose_name="claimant"),
        ),
        migrations.AddField(
            model_name="historicalclaim",
            name="claimant",
            field=models.CharField(blank=True, max_length=200, verbose_name="claimant"),
        ),
        migrations.RunPython(fill_claimants, migrations.RunPython.noop),
        migrations.RunPython(trigger(CLAIM_TRIGGER), trigger(PREVIOUS_CLAIM_TRIGGER)),
    ]
