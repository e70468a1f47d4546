import json
from http.server import BaseHTTPRequestHandler

import pytest
from rest_framework.test import APIClient

from publishing.api_clients import create_api_client
from tests.sources.webserver import BackgroundServer


@pytest.fixture
def cms(db):
    client, token = create_api_client("Rundschau CMS")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    api.cms = client
    api.token = token
    return api


@pytest.fixture
def other_cms(db):
    client, token = create_api_client("Herald CMS")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    api.cms = client
    return api


@pytest.fixture(autouse=True)
def local_fetching(settings):
    settings.FETCH_ALLOWED_NETWORKS = ["127.0.0.2/32"]
    settings.WEBHOOK_RETRY_DELAY = 0.2


class Receiver(BackgroundServer):
    """A webhook receiver on 127.0.0.2 that records what arrives; it can fail first."""

    def __init__(self, failures=0):
        super().__init__(("127.0.0.2", 0), _ReceiverHandler)
        self.received = []
        self.failures = failures

    @property
    def url(self):
        return f"http://127.0.0.2:{self.server_address[1]}/hooks"


class _ReceiverHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.received.append({"headers": dict(self.headers), "body": body})
        status = 500 if self.server.failures > 0 else 200
        self.server.failures -= 1
        reply = json.dumps({"ok": status == 200}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running
