# The published record changes only through the workflow: verdicts can be
# withdrawn with a reason, PostgreSQL refuses writes that would bend a published
# verdict or claim (also raw SQL and bulk updates), and the Reviewers group loses
# the admin permissions that the workflow owns.

from django.conf import settings
from django.db import migrations, models

VERDICT_TRIGGER = """
CREATE OR REPLACE FUNCTION claims_keep_published_verdict() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.published_at IS NOT NULL THEN
            RAISE EXCEPTION 'published verdict % cannot be deleted', OLD.id
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.published_at IS NOT NULL AND (
        NEW.claim_id, NEW.rating_id, NEW.summary, NEW.rationale, NEW.author_id,
        NEW.approver_id, NEW.published_at, NEW.corrects_id, NEW.correction_reason
    ) IS DISTINCT FROM (
        OLD.claim_id, OLD.rating_id, OLD.summary, OLD.rationale, OLD.author_id,
        OLD.approver_id, OLD.published_at, OLD.corrects_id, OLD.correction_reason
    ) THEN
        RAISE EXCEPTION 'published verdict % cannot be changed; publish a correction', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF OLD.withdrawn_at IS NOT NULL AND (NEW.withdrawn_at, NEW.withdrawal_reason)
            IS DISTINCT FROM (OLD.withdrawn_at, OLD.withdrawal_reason) THEN
        RAISE EXCEPTION 'the withdrawal of verdict % is final', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER claims_verdict_keep_published BEFORE UPDATE OR DELETE ON claims_verdict
    FOR EACH ROW EXECUTE FUNCTION claims_keep_published_verdict();

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
CREATE TRIGGER claims_claim_keep_published BEFORE UPDATE ON claims_claim
    FOR EACH ROW EXECUTE FUNCTION claims_keep_published_claim();
"""

DROP_TRIGGERS = """
DROP TRIGGER IF EXISTS claims_verdict_keep_published ON claims_verdict;
DROP FUNCTION IF EXISTS claims_keep_published_verdict();
DROP TRIGGER IF EXISTS claims_claim_keep_published ON claims_claim;
DROP FUNCTION IF EXISTS claims_keep_published_claim();
"""


def create_triggers(apps, schema_editor):
    # SQLite (the embedded default) relies on the model layer alone.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(VERDICT_TRIGGER, params=None)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_TRIGGERS, params=None)


# Verdicts, and a claim's status, assignee and public fields, change only through the
# workflow (the reviewer UI and the admin actions), never by editing rows in the admin.
REVOKED = {
    "Reviewers": ["change_claim", "add_verdict", "change_verdict"],
    "Editors": ["add_verdict", "change_verdict", "delete_verdict"],
}


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in REVOKED.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="claims", codename__in=codenames)
            )


def grant_again(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in REVOKED.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label="claims", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0008_dashboard_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(revoke, grant_again),
        migrations.RemoveConstraint(
            model_name="claim",
            name="claim_status_valid",
        ),
        migrations.AddField(
            model_name="historicalverdict",
            name="withdrawal_reason",
            field=models.TextField(blank=True, verbose_name="reason for the withdrawal"),
        ),
        migrations.AddField(
            model_name="verdict",
            name="withdrawal_reason",
            field=models.TextField(blank=True, verbose_name="reason for the withdrawal"),
        ),
        migrations.AlterField(
            model_name="claim",
            name="status",
            field=models.CharField(
                choices=[
                    ("new", "new"),
                    ("assigned", "assigned"),
                    ("in_review", "in review"),
                    ("awaiting_approval", "awaiting approval"),
                    ("published", "published"),
                    ("withdrawn", "withdrawn"),
                    ("dismissed", "dismissed"),
                ],
                default="new",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="historicalclaim",
            name="status",
            field=models.CharField(
                choices=[
                    ("new", "new"),
                    ("assigned", "assigned"),
                    ("in_review", "in review"),
                    ("awaiting_approval", "awaiting approval"),
                    ("published", "published"),
                    ("withdrawn", "withdrawn"),
                    ("dismissed", "dismissed"),
                ],
                default="new",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "status__in",
                        [
                            "new",
                            "assigned",
                            "in_review",
                            "awaiting_approval",
                            "published",
                            "withdrawn",
                            "dismissed",
                        ],
                    )
                ),
                name="claim_status_valid",
            ),
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
