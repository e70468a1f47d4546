import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from sources import services
from sources.models import Source

pytestmark = pytest.mark.django_db


def test_editor_archives_a_source_again_through_the_queue(
    editor_client, web, eager_tasks, django_capture_on_commit_callbacks
):
    source = services.source_for_url(web.url("/page/admin"))
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("admin:sources_source_changelist"),
            {"action": "archive_again", ACTION_CHECKBOX_NAME: [source.pk]},
        )
    assert Source.objects.get(pk=source.pk).status == "archived"


def test_capture_list_links_to_the_archived_copy(editor_client, web):
    capture = services.archive(services.source_for_url(web.url("/article"))).capture
    page = editor_client.get(reverse("admin:sources_capture_changelist")).content.decode()
    assert reverse("sources:capture", args=[capture.pk]) in page


def test_the_capture_list_filters_by_how_a_capture_was_made(editor_client, web):
    capture = services.archive(services.source_for_url(web.url("/article?fuer=admin"))).capture
    url = reverse("admin:sources_capture_changelist")
    plain = editor_client.get(url, {"method__exact": "plain"}).content.decode()
    browser = editor_client.get(url, {"method__exact": "browser"}).content.decode()
    link = reverse("sources:capture", args=[capture.pk])
    assert link in plain
    assert link not in browser
