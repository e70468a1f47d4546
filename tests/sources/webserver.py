"""A real HTTP server on a loopback address, serving the pages the archiving tests need."""

import contextlib
import gzip
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE = """<!doctype html>
<html lang="de"><head><meta charset="utf-8">
<title>Stadtwerke melden Rekord</title>
<meta name="author" content="Lena Hartmann">
</head><body>
<nav>Startseite | Politik | Wirtschaft</nav>
<article><h1>Stadtwerke melden Rekord</h1>
<p>Die Stadtwerke Rheinfeld haben im vergangenen Jahr mehr als 85 Millionen Fahrgäste befördert.
Das teilte das Unternehmen am Dienstag mit.</p>
<p>„Wir bauen nicht für die nächste Wahl, sondern für die nächste Generation“, sagte
Verkehrsdezernentin Petra Albers bei der Vorstellung der Zahlen im Stadtrat.</p>
<p>Die Kosten für den Ausbau des Netzes beziffert die Stadt auf rund 1,2 Milliarden Euro.</p>
</article>
<footer>Impressum | Datenschutz</footer>
</body></html>
"""


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF showing `text`, written by hand (no third-party file)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Title (Jahresbericht Rheinfeld) /Author (Stadtwerke Rheinfeld) >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.server.hits[self.path] += 1
        hit = self.server.hits[self.path]
        route = self.path.split("?")[0]
        if self.server.latency:
            time.sleep(self.server.latency)
        if route in self.server.pages:  # a page a test put there
            return self.send(200, *self.server.pages[route])
        if route in self.server.redirects:  # a redirect a test put there
            return self.send(302, b"", "text/plain", {"Location": self.server.redirects[route]})
        if route == "/hundred-mb.png":
            return self.hundred_mb()
        if route == "/article":
            return self.send(200, ARTICLE.encode(), "text/html; charset=utf-8")
        if route.startswith("/page/"):
            body = ARTICLE.replace("Rekord", f"Rekord {route.rsplit('/', 1)[-1]}")
            return self.send(200, body.encode(), "text/html; charset=utf-8")
        if route == "/gzipped":
            return self.send(
                200, gzip.compress(ARTICLE.encode()), "text/html", {"Content-Encoding": "gzip"}
            )
        if route.startswith("/redirect/"):
            left = int(route.rsplit("/", 1)[-1])
            target = f"/redirect/{left - 1}" if left > 1 else "/article"
            return self.send(302, b"", "text/plain", {"Location": target})
        if route == "/to-loopback":
            port = self.server.server_address[1]
            return self.send(
                302, b"", "text/plain", {"Location": f"http://127.0.0.1:{port}/article"}
            )
        if route == "/to-metadata":
            location = "http://169.254.169.254/latest/meta-data/"
            return self.send(302, b"", "text/plain", {"Location": location})
        if route == "/to-file":
            return self.send(302, b"", "text/plain", {"Location": "file:///etc/passwd"})
        if route == "/slow":
            return self.drip()
        if route == "/endless":
            return self.endless()
        if route == "/header-drip":
            return self.header_drip()
        if route == "/stall":
            return self.stall()
        if route == "/huge-declared":
            return self.send(200, b"x", "text/plain", length=10**10)
        if route == "/bomb":
            return self.send(200, self.server.bomb(), "text/html", {"Content-Encoding": "gzip"})
        if route == "/flaky":
            if hit == 1:
                return self.send(500, b"try again", "text/plain")
            return self.send(200, ARTICLE.encode(), "text/html; charset=utf-8")
        if route == "/busy":
            return self.send(429, b"slow down", "text/plain", {"Retry-After": "1"})
        if route == "/missing":
            return self.send(404, b"not here", "text/plain")
        if route == "/report.pdf":
            pdf = minimal_pdf("Die Stadtwerke befoerderten 85 Millionen Fahrgaeste.")
            return self.send(200, pdf, "application/pdf")
        if route == "/changing":
            body = ARTICLE.replace("85 Millionen", f"{85 + self.server.version} Millionen")
            return self.send(200, body.encode(), "text/html; charset=utf-8")
        if route == "/vanishing":
            if self.server.gone:
                return self.send(410, b"gone", "text/plain")
            return self.send(200, ARTICLE.encode(), "text/html; charset=utf-8")
        if route == "/script":
            page = b"<html><body><p>Seite mit Skript.</p><script>parent.stolen=document.cookie</script></body></html>"
            return self.send(200, page, "text/html; charset=utf-8")
        return self.send(404, b"no such test page", "text/plain")

    def send(self, status, body, content_type, headers=None, length=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(length if length is not None else len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def drip(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        try:
            for _ in range(100):
                self.wfile.write(b"<p>langsam</p>")
                self.wfile.flush()
                time.sleep(0.5)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def header_drip(self):
        """A status line, then one byte of a header every 0.2 s for 20 s."""
        try:
            self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Drip: ")
            for _ in range(100):
                self.wfile.write(b"x")
                time.sleep(0.2)
            self.wfile.write(b"\r\nContent-Length: 0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            return
        self.server.finished[self.path] += 1

    def stall(self):
        """Headers without a length and the start of a body, then 20 s of silence."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(b"<p>the start of the page")
            time.sleep(20)
        self.close_connection = True

    def hundred_mb(self):
        """100 MB of image, declared as such, sent as fast as the client takes it."""
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(100 * 1024 * 1024))
        self.end_headers()
        chunk = b"\0" * (1024 * 1024)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            for _ in range(100):
                self.wfile.write(chunk)

    def endless(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()  # no length: the body goes on until the client hangs up
        chunk = b"<p>" + b"x" * 65530 + b"</p>"
        try:
            while True:
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass


class BackgroundServer(ThreadingHTTPServer):
    """A real HTTP server on loopback, serving in a thread of its own while in a `with`."""

    daemon_threads = True

    def __enter__(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()


class LocalWebServer(BackgroundServer):
    allow_reuse_address = True

    def __init__(self, host="127.0.0.1", latency=0.0):
        super().__init__((host, 0), Handler)
        self.hits = Counter()
        self.finished = Counter()  # paths whose slow answer was sent to the end
        self.latency = latency
        self.version = 0  # bump to change /changing
        self.gone = False  # set to make /vanishing answer 410
        self.pages = {}  # path -> (body bytes, content type), served with 200
        self.redirects = {}  # path -> the address it redirects to (302)
        self._bomb = None

    def handle_error(self, request, client_address):
        pass  # clients hanging up on endless or huge bodies is what these tests do

    def bomb(self) -> bytes:
        if self._bomb is None:
            self._bomb = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)
        return self._bomb

    def url(self, path: str) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}{path}"
