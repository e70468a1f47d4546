from django.contrib.auth.management import create_permissions
from django.db import migrations

# Editors register, change and remove feeds (and fetch them now); the imported
# reviews are read-only for everyone: they are what their publishers wrote.
EDITOR_CODENAMES = [
    "add_claimreviewfeed",
    "change_claimreviewfeed",
    "delete_claimreviewfeed",
    "view_claimreviewfeed",
    "view_externalclaimreview",
]


def _editor_permissions(apps):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Editors").first()
    permissions = Permission.objects.filter(
        content_type__app_label="matching", codename__in=EDITOR_CODENAMES
    )
    return group, permissions


def grant(apps, schema_editor):
    app_config = apps.get_app_config("matching")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group, permissions = _editor_permissions(apps)
    if group:
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    group, permissions = _editor_permissions(apps)
    if group:
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("claims", "0002_groups_and_rating_scale"),
        ("matching", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
