import pytest


@pytest.fixture(autouse=True)
def fetch_policy(settings):
    # Only the test web server's address (127.0.0.2) is exempt from the fetcher's refusal.
    settings.FETCH_ALLOWED_NETWORKS = ["127.0.0.2/32"]
    settings.FETCH_TOTAL_TIMEOUT = 5.0
