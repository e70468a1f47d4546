"""Captures with a WACZ package, for the replay tests.

The page is archived for real (the safe fetcher and a local web server), then its WARC
packaged with sources.wacz.package_wacz, once per page: packaging takes seconds.
"""

from pathlib import Path

from django.core.files.base import ContentFile

from sources import services
from sources.models import Capture
from sources.wacz import package_wacz

# (URL, page) -> the WACZ made of its first capture: the tool takes seconds a package,
# and a page archived again packs into the same replay.
_packages: dict[tuple[str, str], bytes] = {}


def archive_with_wacz(web, path: str, html: str, workdir: Path) -> Capture:
    """Serve `html` at `path` on the local server `web`, archive it, package it as WACZ."""
    web.pages[path] = (html.encode(), "text/html; charset=utf-8")
    capture = services.archive(services.source_for_url(web.url(path))).capture
    key = (web.url(path), html)
    if key not in _packages:
        _packages[key] = package(capture, workdir)
    capture.wacz.save(
        f"wacz/{capture.source_id}/capture-{capture.pk}.wacz", ContentFile(_packages[key])
    )
    return capture


def package(capture: Capture, workdir: Path) -> bytes:
    warc = workdir / "capture.warc.gz"
    with capture.warc.open("rb") as archived:
        warc.write_bytes(archived.read())
    wacz = workdir / "capture.wacz"
    package_wacz(warc, wacz, pages=[{"url": capture.final_url, "text": capture.text}])
    return wacz.read_bytes()
