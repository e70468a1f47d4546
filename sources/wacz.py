"""Packaging a capture's WARC as WACZ, and checking a package, with the `wacz` command.

The command (wacz 0.5.0) runs from a venv of its own (settings.WACZ_COMMAND): its
pins clash with the project's, so it is never imported, only run, with a time limit.

A package holds the WARC under `archive/`, a compressed CDXJ index under `indexes/`
(`index.cdx.gz` with its `index.idx`), `pages/pages.jsonl`, and `datapackage.json`
listing every file with its SHA-256 (plus `datapackage-digest.json`, its own hash).
ReplayWeb.page reads the first line of `pages.jsonl` as the list's header, not as a
page, and searches the pages' text only when that header says `hasText`; so we write
the page list ourselves and have the tool copy it as it is.
"""

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import uuid
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from warcio.archiveiterator import ArchiveIterator

# Packaging one capture takes a few seconds (most of it the tool's start-up).
DEFAULT_TIMEOUT = 120.0
# The part of the tool's message kept in a reason, in characters.
MAX_DETAIL = 200
PAGE_FIELDS = ("url", "ts", "title", "text", "size")


class WaczFailed(Exception):
    """Packaging or checking a WACZ failed; `reason` says why in one sentence."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def wacz_available() -> bool:
    """Whether the `wacz` command of the settings can be run."""
    return _command() is not None


def package_wacz(
    warc_path: Path,
    out_path: Path,
    *,
    pages: list[dict],
    title: str = "",
    timeout: float = DEFAULT_TIMEOUT,
) -> str:
    """Package the WARC at `warc_path` as the WACZ `out_path`; return the package's SHA-256 (hex).

    `pages` are the entry points of the archive, the captured page first: each a dict
    with `url` and optionally `ts` (a datetime or an RFC 3339 string; by default the
    time of the page's record in the WARC), `title` and `text` (its main text).
    `out_path` is written only when the package is complete.
    """
    if not pages:
        raise ValueError("a WACZ needs at least one page")
    command = _command()
    if command is None:
        raise WaczFailed(_missing_tool())
    warc_path = Path(warc_path)
    if not warc_path.is_file():
        raise WaczFailed(f"The WARC file {warc_path} does not exist.")
    with tempfile.TemporaryDirectory(prefix="wacz-") as work:
        work = Path(work)
        warc = work / _archive_name(warc_path)
        warc.symlink_to(warc_path.resolve())
        page_lines = _page_lines(pages, warc)
        page_list = work / "pages.jsonl"
        page_list.write_text("".join(json.dumps(line) + "\n" for line in page_lines))
        package = work / "capture.wacz"
        first = page_lines[1]
        arguments = ["create", "--output", str(package), "--hash-type", "sha256"]
        arguments += ["--pages", str(page_list), "--copy-pages"]
        arguments += ["--url", first["url"], "--date", first["ts"]]
        if title:
            arguments += ["--title", title]
        if settings.WACZ_SIGNING_URL:
            # The tool takes the token only as an argument: the worker runs alone.
            arguments += ["--signing-url", settings.WACZ_SIGNING_URL]
            if settings.WACZ_SIGNING_TOKEN:
                arguments += ["--signing-token", settings.WACZ_SIGNING_TOKEN]
        _run(command, [*arguments, str(warc)], work, timeout, "could not package the WARC file")
        digest = _sha256(package)
        shutil.move(package, out_path)
    return digest


def wacz_signature(path: Path) -> dict | None:
    """The signing server's signature of the package's datapackage.json, if it has one.

    The tool asks the server set in WACZ_SIGNING_URL and, when it fails, writes the
    package unsigned; so whether a package is signed is read from the package.
    """
    try:
        with zipfile.ZipFile(path) as package:
            digest = json.loads(package.read("datapackage-digest.json"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return None
    signed = digest.get("signedData")
    return signed if isinstance(signed, dict) else None


def validate_wacz(path: Path, *, timeout: float = DEFAULT_TIMEOUT) -> None:
    """Check the WACZ at `path` (structure, datapackage, every file's hash); raise WaczFailed if invalid."""
    command = _command()
    if command is None:
        raise WaczFailed(_missing_tool())
    path = Path(path)
    if not path.is_file():
        raise WaczFailed(f"The WACZ package {path} does not exist.")
    with tempfile.TemporaryDirectory(prefix="wacz-") as work:
        _run(
            command,
            ["validate", "--file", str(path.resolve())],
            Path(work),
            timeout,
            "found the WACZ package invalid",
        )


def _command() -> str | None:
    return shutil.which(settings.WACZ_COMMAND)


def _missing_tool() -> str:
    return f"The wacz tool is not installed at {settings.WACZ_COMMAND} (make install installs it)."


def _archive_name(warc_path: Path) -> str:
    """The WARC's name inside the package: the spec wants .warc.gz for gzip, else .warc."""
    if warc_path.name.endswith((".warc", ".warc.gz")):
        return warc_path.name
    with open(warc_path, "rb") as warc:
        gzipped = warc.read(2) == b"\x1f\x8b"
    return "capture.warc.gz" if gzipped else "capture.warc"


def _page_lines(pages: list[dict], warc: Path) -> list[dict]:
    """The lines of pages.jsonl: a header, then one line per page with an id of its own.

    Every page must be in the WARC (replay could not open it otherwise); one without a
    time gets the time its record was archived.
    """
    record_times = _record_times(warc)
    lines = []
    for page in pages:
        line = {key: page[key] for key in PAGE_FIELDS if page.get(key) not in (None, "")}
        if "url" not in line:
            raise ValueError("every page needs a url")
        if line["url"] not in record_times:
            raise WaczFailed(f"The page {line['url']} is not in the WARC file.")
        line.setdefault("ts", record_times[line["url"]])
        if isinstance(line["ts"], datetime):
            line["ts"] = _rfc3339(line["ts"])
        line.setdefault("title", line["url"])
        lines.append({"id": uuid.uuid4().hex, **line})
    header = {"format": "json-pages-1.0", "id": "pages", "title": "Pages"}
    if any("text" in line for line in lines):
        header["hasText"] = True
    return [header, *lines]


def _record_times(warc: Path) -> dict[str, str]:
    """When each URL of the WARC was archived: the WARC-Date of its first response or resource.

    Reading it whole also checks it: a damaged file raises WaczFailed.
    """
    times = {}
    try:
        with open(warc, "rb") as stream:
            # Each record is read to its end, so a record changed (its digest) or cut short
            # (bytes of its length left unread) fails here rather than ending up in a package.
            for record in ArchiveIterator(stream, check_digests="raise"):
                while record.raw_stream.read(1024 * 1024):
                    pass
                if getattr(record.raw_stream, "limit", 0):
                    raise EOFError("a record is cut short")
                if record.rec_type in ("response", "resource", "revisit"):
                    url = record.rec_headers.get_header("WARC-Target-URI")
                    times.setdefault(url, record.rec_headers.get_header("WARC-Date"))
    except Exception as error:  # any fault of a damaged file, from gzip, warcio or the OS
        raise WaczFailed(
            f"The WARC file {warc.name} is damaged or not a WARC file at all."
        ) from error
    return times


def _rfc3339(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _run(command: str, arguments: list[str], work: Path, timeout: float, failure: str) -> None:
    # The tool's deprecation warnings would bury its own message at the end of stderr.
    environment = {**os.environ, "PYTHONWARNINGS": "ignore"}
    try:
        done = subprocess.run(  # noqa: S603 (a fixed command, arguments as a list)
            [command, *arguments],
            cwd=work,
            env=environment,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise WaczFailed(
            f"The wacz tool took longer than {timeout:g} seconds and was stopped."
        ) from error
    except OSError as error:
        raise WaczFailed(f"The wacz tool could not be started: {error.strerror}.") from error
    if done.returncode != 0:
        raise WaczFailed(f"The wacz tool {failure}: {_detail(done)}.")


def _detail(done: subprocess.CompletedProcess) -> str:
    """What the tool said went wrong: its exception line, else its own messages."""
    errors = [line for line in done.stderr.splitlines() if line.strip()]
    if errors:
        return _printable(errors[-1])
    said = [
        line.strip()
        for line in done.stdout.splitlines()
        if line.strip() and not line.startswith(("Version detected", "Validation failed"))
    ]
    return _printable(" ".join(said)) or f"it exited with status {done.returncode}"


def _printable(text: str) -> str:
    text = "".join(c if c.isprintable() else "?" for c in text).strip().rstrip(".")
    return text if len(text) <= MAX_DETAIL else text[: MAX_DETAIL - 1] + "…"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()
