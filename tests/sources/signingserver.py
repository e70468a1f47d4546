"""A signing server on loopback that answers as Webrecorder's authsign API does.

The real service signs with a certificate of its own domain, on another machine; this
one returns the fields the wacz tool checks (hash and created, as asked) and a made-up
signature, or refuses when told to.
"""

import json
from http.server import BaseHTTPRequestHandler

from tests.sources.webserver import BackgroundServer


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        asked = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append((self.headers.get("Authorization", ""), asked))
        if self.server.refuse:
            body, status = b"signing is down", 503
        else:
            signed = {
                **asked,
                "software": "signing test server",
                "domain": "signing.test",
                "signature": "bm90IGEgcmVhbCBzaWduYXR1cmU=",
                "domainCert": "",
                "timeSignature": "",
                "timestampCert": "",
                "version": "0.1.0",
            }
            body, status = json.dumps(signed).encode(), 200
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class SigningServer(BackgroundServer):
    def __init__(self, refuse=False):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.refuse = refuse
        self.requests = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/sign"
