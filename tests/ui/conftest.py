"""The browser tests' fixtures: Debian's Chromium, a page, the demo data, a web server, a worker."""

import importlib
import io
import os

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from playwright.sync_api import sync_playwright

from tests.sources.webserver import LocalWebServer
from tests.ui.browsing import CHROMIUM_ARGS, PASSWORD, TIMEOUT_MS
from tests.worker import Worker, purge_queues


@pytest.fixture(scope="module")
def browser():
    # Playwright's sync API keeps an asyncio loop "running" in this thread, so Django
    # would refuse every ORM call of the test (and its database teardown) as unsafe
    # from async code. Nothing runs concurrently here: the check is switched off for
    # exactly as long as Playwright runs.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    # English through Accept-Language, so the selectors below can use the English labels.
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


@pytest.fixture
def demo(settings):
    """The demo users and articles, in the test database that the live server uses."""
    restore_migration_data()
    settings.DEMO_PASSWORD = PASSWORD
    settings.FETCH_ALLOWED_NETWORKS = ["127.0.0.2/32"]
    call_command("load_demo", stdout=io.StringIO())


def restore_migration_data():
    """Recreate the groups and the rating scale, with the data migration that made them.

    A transactional test that ran earlier in the session (the worker tests, say)
    emptied every table when it ended, rows written by data migrations included.
    """
    name = "0002_groups_and_rating_scale"
    migration = importlib.import_module(f"claims.migrations.{name}")
    state = MigrationLoader(connection).project_state(("claims", name))
    migration.create_groups(state.apps, None)
    migration.create_scale(state.apps, None)


@pytest.fixture
def web():
    with LocalWebServer("127.0.0.2") as server:
        yield server


@pytest.fixture
def worker(tmp_path):
    purge_queues()
    # The worker runs no Playwright: Django's async-safety check stays on there.
    running = Worker(tmp_path / "worker.log", DJANGO_ALLOW_ASYNC_UNSAFE="").start()
    yield running
    running.stop()
    purge_queues()
