"""The system check that keeps ClaimReview's url pointing at the newsroom's real site."""

from django.core.checks import run_checks

from tests.config.test_settings import run_manage


def claimreview_errors():
    checks = run_checks(tags=["claimreview"], include_deployment_checks=True)
    return [message.id for message in checks]


def test_without_newsroom_url_the_check_fails_when_debug_is_off(settings):
    settings.DEBUG = False
    settings.NEWSROOM_URL = "https://newsroom.example"  # the placeholder default
    assert claimreview_errors() == ["claims.E001"]


def test_with_the_newsrooms_site_the_check_passes(settings):
    settings.DEBUG = False
    settings.NEWSROOM_URL = "https://www.rheinfelder-rundschau.de"
    assert claimreview_errors() == []


def test_in_development_the_placeholder_is_accepted(settings):
    settings.DEBUG = True
    settings.NEWSROOM_URL = "https://newsroom.example"
    assert claimreview_errors() == []


def test_the_deploy_check_fails_without_newsroom_url_in_a_production_setup(tmp_path):
    result = run_manage("check", "--deploy", DEBUG="0", SECRET_KEY="s" * 50, VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "NEWSROOM_URL" in result.stderr
