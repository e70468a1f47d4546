from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen here: later changes to the groups come as new migrations.
_ALL = ("add", "change", "delete", "view")

# (app_label, model) -> actions, plus custom permissions as (app_label, codename).
EDITOR_PERMISSIONS = {
    "model_actions": {
        ("claims", "article"): _ALL,
        ("claims", "claim"): _ALL,
        ("claims", "verdict"): _ALL,
        ("claims", "rating"): _ALL,
        ("claims", "apiclient"): _ALL,
        ("sources", "source"): _ALL,
        ("sources", "capture"): ("view",),
        ("sources", "evidence"): _ALL,
    },
    "custom": [
        ("claims", "assign_claim"),
        ("claims", "dismiss_claim"),
        ("claims", "approve_verdict"),
        ("sources", "archive_source"),
    ],
}

REVIEWER_PERMISSIONS = {
    "model_actions": {
        ("claims", "article"): ("view",),
        ("claims", "claim"): ("view", "change"),
        ("claims", "verdict"): ("view", "add", "change"),
        ("claims", "rating"): ("view",),
        ("sources", "source"): ("view", "add"),
        ("sources", "capture"): ("view",),
        ("sources", "evidence"): ("view", "add", "change"),
    },
    "custom": [],
}

GROUP_PERMISSIONS = {"Editors": EDITOR_PERMISSIONS, "Reviewers": REVIEWER_PERMISSIONS}

DEFAULT_SCALE = [
    # slug, German label, English label, ratingValue
    ("true", "richtig", "true", 5),
    ("mostly-true", "größtenteils richtig", "mostly true", 4),
    ("half-true", "teilweise richtig", "half true", 3),
    ("mostly-false", "größtenteils falsch", "mostly false", 2),
    ("false", "falsch", "false", 1),
    ("unverifiable", "nicht belegbar", "unverifiable", None),
]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, spec in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = [
            (app_label, f"{action}_{model}")
            for (app_label, model), actions in spec["model_actions"].items()
            for action in actions
        ] + list(spec["custom"])
        for app_label, codename in wanted:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUP_PERMISSIONS).delete()


def create_scale(apps, schema_editor):
    Rating = apps.get_model("claims", "Rating")
    for position, (slug, label_de, label_en, value) in enumerate(DEFAULT_SCALE):
        Rating.objects.get_or_create(
            slug=slug,
            defaults={
                "label_de": label_de,
                "label_en": label_en,
                "rating_value": value,
                "best_rating": 5,
                "worst_rating": 1,
                "position": position,
            },
        )


def remove_scale(apps, schema_editor):
    apps.get_model("claims", "Rating").objects.filter(
        slug__in=[row[0] for row in DEFAULT_SCALE], verdicts__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("claims", "0001_initial"),
        ("sources", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_groups, remove_groups),
        migrations.RunPython(create_scale, remove_scale),
    ]
