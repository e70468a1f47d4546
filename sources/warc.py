"""Writing a fetch as a WARC file (warcio), replayable by standard WARC tools.

The file holds a warcinfo record, then a request and a response record for
each hop (redirects first, with empty bodies), the last response carrying the
payload exactly as received — still compressed if the server compressed it.
The HTTP layer has already undone chunked transfer coding, so that header is
dropped and the real length given. Digests are SHA-256.

A browser capture adds, after the page's document, the pairs of every resource
the browser loaded (frames, scripts, styles, images, XHR/fetch) in the order they
were fetched, then `resource` records: the rendered DOM
(`urn:rendered-dom:<page URL>`, then one for each frame's address) and the screenshot (`urn:screenshot:<page URL>`).
"""

import hashlib
import io
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

from .fetcher import Exchange, FetchResult

SOFTWARE = "claimtracker archiver"


class _Sha256WARCWriter(WARCWriter):
    @staticmethod
    def _create_digester():
        return Digester("sha256")


def write_warc(result: FetchResult, out, page=None) -> str:
    """Write `result` as a gzipped WARC into the binary file `out`; return the payload's SHA-256 (hex).

    `page`, a `browser.PageCapture` of that result, adds what the browser loaded and showed.
    """
    writer = _Sha256WARCWriter(out, gzip=True)
    writer.write_record(
        writer.create_warcinfo_record(
            "capture.warc.gz", {"software": SOFTWARE, "format": "WARC File Format 1.0"}
        )
    )
    digest = hashlib.sha256()
    result.body.seek(0)
    while chunk := result.body.read(64 * 1024):
        digest.update(chunk)
    result.body.seek(0)
    _write_fetch(writer, result)
    if page is not None:
        for resource in page.resources:
            _write_fetch(writer, resource)
        for url, dom in [(page.url, page.dom), *page.frames]:
            _write_resource(
                writer, f"urn:rendered-dom:{url}", "text/html; charset=utf-8", dom.encode()
            )
        _write_resource(writer, f"urn:screenshot:{page.url}", "image/png", page.screenshot)
    return digest.hexdigest()


def _write_fetch(writer, result: FetchResult):
    for hop in result.redirects:
        _write_pair(writer, hop, io.BytesIO(b""), 0)
    result.body.seek(0)
    _write_pair(writer, result.final, result.body, result.size)
    result.body.seek(0)


def _write_resource(writer, uri: str, content_type: str, data: bytes):
    writer.write_record(
        writer.create_warc_record(
            uri,
            "resource",
            payload=io.BytesIO(data),
            length=len(data),
            warc_content_type=content_type,
        )
    )


def _write_pair(writer, exchange: Exchange, payload, length: int):
    target = urlsplit(exchange.url)
    path = (target.path or "/") + (f"?{target.query}" if target.query else "")
    request = writer.create_warc_record(
        exchange.url,
        "request",
        payload=io.BytesIO(b""),
        length=0,
        http_headers=StatusAndHeaders(
            f"GET {path} HTTP/1.1", exchange.request_headers, is_http_request=True
        ),
    )
    headers = [(k, v) for k, v in exchange.response_headers if k.lower() != "transfer-encoding"]
    if not any(k.lower() == "content-length" for k, _ in headers):
        headers.append(("Content-Length", str(length)))
    response = writer.create_warc_record(
        exchange.url,
        "response",
        payload=payload,
        length=length,
        warc_headers_dict={"WARC-IP-Address": exchange.peer_address},
        http_headers=StatusAndHeaders(
            f"{exchange.status} {exchange.reason}".strip(), headers, protocol=exchange.http_version
        ),
    )
    writer.write_request_response_pair(request, response)


def archived_document(warc) -> bytes:
    """The page as archived in the WARC file `warc`: the DOM the browser rendered if there is
    one, else the document's payload as the server sent it (content encoding undone)."""
    document = None
    for record in ArchiveIterator(warc):
        if record.rec_type == "resource" and record.rec_headers.get_header(
            "WARC-Target-URI", ""
        ).startswith("urn:rendered-dom:"):
            return record.content_stream().read()
        if document is None and record.rec_type == "response":
            status = record.http_headers.get_statuscode() if record.http_headers else ""
            if not status.startswith("3"):
                document = record.content_stream().read()
    return document or b""
