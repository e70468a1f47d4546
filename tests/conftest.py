import pytest
from django.utils import translation

from tests.factories import EditorFactory, ReviewerFactory


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
