"""Captures with a WACZ package, for the replay tests.

The page is archived for real (the safe fetcher and a local web server), then its WARC
packaged with the wacz command line tool. sources.wacz.package_wacz replaces the tool
once it is merged.
"""

import subprocess
from pathlib import Path

from django.core.files import File

from sources import services
from sources.models import Capture

WACZ_CLI = "/tmp/wz/bin/wacz"  # noqa: S108 -- where this machine has the tool, until sources.wacz


def archive_with_wacz(web, path: str, html: str, workdir: Path) -> Capture:
    """Serve `html` at `path` on the local server `web`, archive it, package it as WACZ."""
    web.pages[path] = (html.encode(), "text/html; charset=utf-8")
    capture = services.archive(services.source_for_url(web.url(path))).capture
    warc = workdir / "capture.warc.gz"
    with capture.warc.open("rb") as archived:
        warc.write_bytes(archived.read())
    wacz = workdir / "capture.wacz"
    subprocess.run(
        [WACZ_CLI, "create", "-o", str(wacz), str(warc), "--detect-pages"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    with wacz.open("rb") as package:
        capture.wacz.save(f"wacz/{capture.source_id}/capture-{capture.pk}.wacz", File(package))
    return capture
