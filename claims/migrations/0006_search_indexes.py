from django.db import migrations

# Full-text search over claims in both languages; PostgreSQL only (SQLite
# searches with a plain substring match and needs no index).
INDEXES = [
    ("claim_text_german_fts", "german"),
    ("claim_text_english_fts", "english"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, config in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON claims_claim "
            f"USING gin (to_tsvector('{config}'::regconfig, COALESCE(text, '')))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _config in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("claims", "0005_notes")]
    operations = [migrations.RunPython(create, drop)]
