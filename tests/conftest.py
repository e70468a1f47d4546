import pytest
from django.utils import translation

from claims.extraction.ranking import RankingModel
from claims.models import RankingModelVersion
from config import celery_app
from tests.factories import EditorFactory, ReviewerFactory
from tests.s3server import S3Server
from tests.sources.webserver import LocalWebServer


@pytest.fixture
def editor(db):
    return EditorFactory(username="erika-editor")


@pytest.fixture
def reviewer(db):
    return ReviewerFactory(username="rolf-reviewer")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Real hashing is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def english_messages():
    # Services speak the active language; requests set their own from Accept-Language.
    with translation.override("en"):
        yield


@pytest.fixture(scope="session")
def web():
    """A real web server on 127.0.0.2; only that address is allowed to the fetcher."""
    with LocalWebServer("127.0.0.2") as server:
        yield server


@pytest.fixture(scope="session")
def s3_server():
    """A real S3 API server (moto) on 127.0.0.1, started once, stopped after the session."""
    with S3Server() as server:
        yield server


@pytest.fixture
def s3_archive(settings, s3_server):
    """The archive storage on S3: a new, empty bucket of the loopback server; returns it."""
    bucket = s3_server.new_bucket()
    settings.STORAGES = {
        **settings.STORAGES,
        "archive": {
            "BACKEND": "storages.backends.s3.S3Storage",
            # With the defaults config/settings.py gives every S3 archive storage.
            "OPTIONS": {**settings.ARCHIVE_S3_DEFAULTS, **bucket.storage_options()},
        },
    }
    return bucket


@pytest.fixture
def eager_tasks():
    # Every app's tasks module, as a worker has them: a task sent by name then runs here.
    celery_app.loader.import_default_modules()
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = False


@pytest.fixture(autouse=True)
def empty_cache():
    # Redis outlives the rolled-back test database: start every test with an empty cache.
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def figures_model(db):
    """A ranking model in force, stored as the desk would store it: sentences with a
    figure score 0.95 and become claims, the others score 0.05 and do not."""
    model = RankingModel(version="test-figures", weights={"figure": 6.0}, bias=-3.0, threshold=0.5)
    RankingModelVersion.objects.create(
        version=model.version, weights=model.to_dict(), threshold=model.threshold, is_active=True
    )
    return model
