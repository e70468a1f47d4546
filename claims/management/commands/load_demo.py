import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.dateparse import parse_datetime

from claims import demo, roles, services
from claims.models import Article

DEMO_USERS = [
    # username, group, may use the admin
    ("editor", roles.EDITORS, True),
    ("reviewer", roles.REVIEWERS, False),
]


def demo_password() -> str:
    """DEMO_PASSWORD, else one generated once and kept under var/ (so reruns print it)."""
    if settings.DEMO_PASSWORD:
        return settings.DEMO_PASSWORD
    stored = settings.VAR_DIR / "demo_password"
    if not stored.exists():
        stored.write_text(secrets.token_urlsafe(12))
        stored.chmod(0o600)
    return stored.read_text().strip()


class Command(BaseCommand):
    help = "Load the demo users (editor, reviewer) and demo articles. Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        password = demo_password()
        for username, group_name, is_staff in DEMO_USERS:
            self._user(username, group_name, is_staff, password)
        for article in demo.ARTICLES:
            self._article(article)
        self.stdout.write(f"Demo logins: editor / {password}   reviewer / {password}")

    def _user(self, username, group_name, is_staff, password):
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": is_staff, "email": f"{username}@localhost"}
        )
        if created:
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=group_name))
        self.stdout.write(f"user {username}: {'created' if created else 'already there'}")

    def _article(self, spec: demo.DemoArticle):
        article = Article.objects.filter(api_client=None, external_id=spec.external_id).first()
        if article is None:
            article = Article(
                external_id=spec.external_id,
                title=spec.title,
                body=spec.body,
                language=spec.language,
                outlet=spec.outlet,
                author=spec.author,
                url=spec.url,
                published_at=parse_datetime(spec.published_at),
            )
            services.save_article(article)
            state = "created"
        else:
            state = "already there"
        self.stdout.write(f"article {spec.external_id}: {state} ({article.claims.count()} claims)")
