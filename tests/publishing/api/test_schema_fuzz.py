"""schemathesis against /api/schema/ (bounded): no 5xx, and responses match the schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import response_schema_conformance

from config.wsgi import application
from publishing.api_clients import create_api_client

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


def not_a_server_error(ctx, response, case):
    assert response.status_code < 500, f"{case.method} {case.path} answered {response.status_code}"


@pytest.fixture
def token(db):
    return create_api_client("Fuzzing CMS")[1]


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    # As Django's test client does: the WSGI app must not close the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db
def test_the_api_never_fails_with_a_server_error(case, token):
    case.call_and_validate(
        headers={"Authorization": f"Token {token}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
