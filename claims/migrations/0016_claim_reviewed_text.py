# The claim as the reviewer worded it for the public record; frozen while published
# like the rest of what ClaimReview shows (the trigger of 0011 gains the column).

import importlib

from django.db import migrations, models

PREVIOUS_CLAIM_TRIGGER = importlib.import_module("claims.migrations.0011_claimant").CLAIM_TRIGGER

CLAIM_TRIGGER = """
CREATE OR REPLACE FUNCTION claims_keep_published_claim() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'published' AND NEW.status = 'published' AND (
        NEW.article_id, NEW.text, NEW.speaker_name, NEW.speaker_role, NEW.attribution,
        NEW.claimant, NEW.reviewed_text
    ) IS DISTINCT FROM (
        OLD.article_id, OLD.text, OLD.speaker_name, OLD.speaker_role, OLD.attribution,
        OLD.claimant, OLD.reviewed_text
    ) THEN
        RAISE EXCEPTION 'published claim % changes only through a correction', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CLAIM_TRIGGER, params=None)


def restore_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PREVIOUS_CLAIM_TRIGGER, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0015_article_body_sha256"),
    ]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="reviewed_text",
            field=models.TextField(blank=True, verbose_name="claim as checked"),
        ),
        migrations.AddField(
            model_name="historicalclaim",
            name="reviewed_text",
            field=models.TextField(blank=True, verbose_name="claim as checked"),
        ),
        migrations.RunPython(create_trigger, restore_trigger),
    ]
