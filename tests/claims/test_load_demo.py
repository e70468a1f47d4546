import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory

from claims.models import Article, Claim


def login_request():
    # The login throttle (django-axes) counts attempts per request: authenticate with one.
    return RequestFactory().post("/accounts/login/")


pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_password(settings):
    settings.DEMO_PASSWORD = "demo-pass-for-tests"
    return settings.DEMO_PASSWORD


def snapshot():
    return (
        sorted(get_user_model().objects.values_list("username", "password")),
        sorted(Article.objects.values_list("external_id", "body", "updated_at")),
        sorted(Claim.objects.values_list("article__external_id", "start", "end", "text")),
    )


def test_load_demo_creates_the_two_roles_and_both_languages(demo_password):
    call_command("load_demo")
    editor = authenticate(login_request(), username="editor", password=demo_password)
    reviewer = authenticate(login_request(), username="reviewer", password=demo_password)
    assert editor.groups.filter(name="Editors").exists() and editor.is_staff
    assert reviewer.groups.filter(name="Reviewers").exists() and not reviewer.is_staff
    assert set(Article.objects.values_list("language", flat=True)) == {"de", "en"}


def test_demo_claims_are_anchored_at_their_text(demo_password):
    call_command("load_demo")
    claims = Claim.objects.select_related("article")
    assert claims.count() >= 10
    assert all(c.article.body[c.start : c.end] == c.text for c in claims)


def test_load_demo_twice_changes_nothing(demo_password):
    call_command("load_demo")
    before = snapshot()
    call_command("load_demo")
    assert snapshot() == before


def test_load_demo_prints_the_login(demo_password, capsys):
    call_command("load_demo")
    assert "editor / demo-pass-for-tests" in capsys.readouterr().out


def test_generated_password_is_kept_for_the_next_run(settings, tmp_path, capsys):
    settings.DEMO_PASSWORD = ""
    settings.VAR_DIR = tmp_path
    call_command("load_demo")
    first = capsys.readouterr().out.splitlines()[-1]
    call_command("load_demo")
    assert capsys.readouterr().out.splitlines()[-1] == first
    password = (tmp_path / "demo_password").read_text().strip()
    assert authenticate(login_request(), username="editor", password=password)
