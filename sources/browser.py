"""Capturing a page as a browser shows it, while the safe fetcher does every fetch.

Chromium (headless, driven by Playwright) runs the page, but reaches no network of
its own: every request it makes — the document, frames, scripts, styles, images,
XHR/fetch — is intercepted and answered with what the safe fetcher got for it under
the same policy (checked and pinned addresses, ports, size and time limits), or
refused. WebSockets are closed before they connect; service workers and downloads
are off; and a proxy that does not exist catches anything that would slip past the
interception. The browser runs on a fresh temporary profile, with a temporary
folder as its home, and is killed when it passes its time or memory limit.

Pure Python around Playwright: nothing here imports Django.
"""

import asyncio
import contextlib
import dataclasses
import os
import shutil
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field

import psutil
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeout
from playwright.async_api import async_playwright

from .fetcher import FetchFailed, FetchPolicy, FetchRefused, FetchResult, fetch

# Everything the browser would fetch by itself goes here, where nothing listens.
_NOWHERE = "http://127.0.0.1:9"
# Request headers the page may pass on to the fetcher; everything else is the fetcher's.
_FORWARDED_HEADERS = ("accept", "accept-language", "cookie", "referer", "x-requested-with")
# Response headers the browser must not see: the fetcher has undone the encoding.
_DROPPED_HEADERS = {"content-encoding", "content-length", "transfer-encoding", "connection"}
SCROLL_STEPS = 12
CLOSING_SECONDS = 30.0  # for the browser to close after the capture's time limit
QUIET_SECONDS = 0.5  # no request open for this long: the page has settled


@dataclass(frozen=True)
class BrowserLimits:
    executable: str = "/usr/bin/chromium"
    timeout: float = 60.0  # the whole capture, from launch to screenshot
    settle: float = 5.0  # how long to wait each time for the network to go quiet
    resource_timeout: float = 15.0  # one subresource's fetch
    max_memory: int = 1536 * 1024 * 1024  # resident memory of all browser processes
    max_requests: int = 400
    max_total_bytes: int = 100 * 1024 * 1024
    max_screenshot_height: int = 16_000
    viewport: tuple[int, int] = (1280, 900)


@dataclass(frozen=True)
class Refusal:
    url: str
    reason: str


@dataclass
class PageCapture:
    """What the browser saw; the caller closes it (the fetched bodies are temporary files)."""

    url: str  # the address the page ended at
    title: str
    dom: str  # the rendered DOM, serialised
    screenshot: bytes  # PNG
    frames: list[tuple[str, str]] = field(default_factory=list)  # (address, rendered DOM)
    resources: list[FetchResult] = field(default_factory=list)  # in the order fetched
    refused: list[Refusal] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def close(self):
        for resource in self.resources:
            resource.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class BrowserFailed(Exception):
    """The browser could not capture the page; the reason is one readable sentence."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


def browser_available(limits: BrowserLimits) -> bool:
    return bool(shutil.which(limits.executable))


def capture_page(document: FetchResult, policy: FetchPolicy, limits: BrowserLimits) -> PageCapture:
    """Open the fetched `document` in the browser and keep what it shows and loads.

    Runs in a thread of its own with its own event loop, so that it works whether or
    not the caller is inside one.
    """
    outcome: dict = {}

    def run():
        try:
            outcome["page"] = asyncio.run(_capture(document, policy, limits))
        except BaseException as failure:  # handed to the caller below
            outcome["error"] = failure

    thread = threading.Thread(target=run, name="browser-capture", daemon=True)
    thread.start()
    # The capture ends itself at its limit; this is the backstop should closing hang.
    thread.join(limits.timeout + CLOSING_SECONDS)
    if thread.is_alive():
        _kill_capture_browsers()
        raise BrowserFailed(f"The page did not finish within {limits.timeout:g} s in the browser.")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["page"]


async def _capture(document: FetchResult, policy: FetchPolicy, limits: BrowserLimits):
    with tempfile.TemporaryDirectory(prefix="capture-") as home:
        watchdog = _Watchdog(limits, marker=f"--claimtracker-capture={uuid.uuid4().hex}")
        recorder = _Recorder(document, policy, limits)
        try:
            async with async_playwright() as playwright:
                watchdog.start()
                try:
                    return await asyncio.wait_for(
                        _run(playwright, recorder, limits, home, watchdog.marker),
                        timeout=limits.timeout,
                    )
                except TimeoutError:
                    raise BrowserFailed(
                        f"The page did not finish within {limits.timeout:g} s in the browser."
                    ) from None
                except PlaywrightError as failure:
                    if watchdog.killed_for:
                        raise BrowserFailed(watchdog.killed_for) from None
                    raise BrowserFailed(_readable(failure)) from None
                finally:
                    watchdog.stop()
        except BaseException:
            recorder.close()
            raise
        finally:
            watchdog.kill_browsers()  # whatever is left of them, by their PIDs


async def _run(playwright, recorder, limits: BrowserLimits, home: str, marker: str):
    try:
        browser = await playwright.chromium.launch(
            executable_path=limits.executable,
            headless=True,
            args=[*_chromium_args(limits), marker],
            env={"HOME": home, "TMPDIR": home, "PATH": os.environ.get("PATH", "")},
            downloads_path=home,
            timeout=limits.timeout * 1000,
        )
    except PlaywrightError as failure:
        first_line = (str(failure).strip().splitlines() or [""])[0]
        raise BrowserFailed(f"The browser could not be started: {first_line[:300]}") from None
    try:
        width, height = limits.viewport
        context = await browser.new_context(
            accept_downloads=False,
            service_workers="block",
            viewport={"width": width, "height": height},
        )
        await context.route("**/*", recorder.answer)
        await context.route_web_socket("**/*", recorder.refuse_websocket)
        page = await context.new_page()
        # Half the capture's time for loading: what has loaded by then is still kept.
        page.set_default_navigation_timeout(limits.timeout * 500)
        crashed = asyncio.Event()
        page.on("crash", lambda _page: crashed.set())
        page.on("download", recorder.refuse_download)
        try:
            await page.goto(recorder.document.final_url, wait_until="load")
        except PlaywrightTimeout:
            if crashed.is_set():
                raise
            recorder.notes.append("The page did not finish loading; it was captured as it was.")
        await _settle(page, limits, recorder)
        await _scroll(page)
        await _settle(page, limits, recorder)
        if crashed.is_set():
            raise BrowserFailed("The page crashed the browser (it may have used too much memory).")
        dom = await page.content()
        title = await page.title()
        frames = []
        for frame in page.frames[1:]:
            if frame.url.startswith(("http://", "https://")):
                with contextlib.suppress(PlaywrightError):  # a frame that went away meanwhile
                    frames.append((frame.url, await frame.content()))
        screenshot = await _screenshot(page, limits)
        return PageCapture(
            url=page.url,
            title=title,
            dom=dom,
            screenshot=screenshot,
            frames=frames,
            resources=recorder.resources,
            refused=recorder.refused,
            notes=recorder.notes,
        )
    finally:
        with contextlib.suppress(PlaywrightError):
            await browser.close()


def _chromium_args(limits: BrowserLimits) -> list[str]:
    heap = max(64, limits.max_memory // (4 * 1024 * 1024))
    return [
        "--no-sandbox",  # root in a container: the policy above is the sandbox that counts
        f"--proxy-server={_NOWHERE}",
        "--proxy-bypass-list=<-loopback>",  # loopback too goes to the proxy that is not there
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-default-apps",
        "--disable-domain-reliability",
        "--disable-sync",
        "--no-first-run",
        "--no-pings",
        "--disable-dev-shm-usage",
        "--mute-audio",
        f"--js-flags=--max-old-space-size={heap}",
    ]


async def _settle(page, limits: BrowserLimits, recorder) -> None:
    """Wait (bounded) until no request has been open for QUIET_SECONDS; a page that keeps
    loading is noted. Every request passes the recorder, so it knows what is in flight
    (the browser's own "network idle" is reached once and never waits again)."""
    deadline = time.monotonic() + limits.settle
    while not recorder.quiet_for(QUIET_SECONDS):
        if time.monotonic() >= deadline:
            note = (
                f"The network did not settle within {limits.settle:g} s; "
                "the page was captured as it was."
            )
            if note not in recorder.notes:
                recorder.notes.append(note)
            return
        await page.wait_for_timeout(50)


async def _scroll(page) -> None:
    """Scroll down in steps, so that content loaded on scrolling is loaded, then back up."""
    for _ in range(SCROLL_STEPS):
        at_end = await page.evaluate(
            "() => { window.scrollBy(0, window.innerHeight);"
            " return window.scrollY + window.innerHeight >= document.body.scrollHeight; }"
        )
        await page.wait_for_timeout(100)
        if at_end:
            break
    await page.evaluate("() => window.scrollTo(0, 0)")


async def _screenshot(page, limits: BrowserLimits) -> bytes:
    height = await page.evaluate("() => document.documentElement.scrollHeight")
    width, _viewport_height = limits.viewport
    clip = {"x": 0, "y": 0, "width": width, "height": min(height, limits.max_screenshot_height)}
    return await page.screenshot(full_page=True, clip=clip, type="png")


class _Recorder:
    """Answers the browser's requests through the safe fetcher and keeps what it got."""

    def __init__(self, document: FetchResult, policy: FetchPolicy, limits: BrowserLimits):
        self.document = document
        self.policy = dataclasses.replace(
            policy, total_timeout=min(policy.total_timeout, limits.resource_timeout)
        )
        self.limits = limits
        self.resources: list[FetchResult] = []
        self.refused: list[Refusal] = []
        self.notes: list[str] = []
        self.fetched: dict[str, FetchResult] = {}
        self.total_bytes = 0
        self.document_served = False
        self.in_flight = 0
        self.last_activity = time.monotonic()

    def quiet_for(self, seconds: float) -> bool:
        return not self.in_flight and time.monotonic() - self.last_activity >= seconds

    async def answer(self, route):
        self.in_flight += 1
        self.last_activity = time.monotonic()
        try:
            await self._answer(route)
        finally:
            self.in_flight -= 1
            self.last_activity = time.monotonic()

    async def _answer(self, route):
        request = route.request
        url = request.url
        if not self.document_served and url == self.document.final_url:
            self.document_served = True
            return await self._fulfil(route, self.document)
        if url in self.fetched:
            return await self._fulfil(route, self.fetched[url])
        reason = self._refusal(request)
        if reason:
            return await self._refuse(route, url, reason)
        headers = [
            (name, value)
            for name, value in (await request.all_headers()).items()
            if name.lower() in _FORWARDED_HEADERS
        ]
        try:
            result = await asyncio.to_thread(fetch, url, self.policy, headers=headers)
        except (FetchRefused, FetchFailed) as failure:
            return await self._refuse(route, url, failure.reason)
        self.total_bytes += result.size
        self.fetched[url] = result
        self.resources.append(result)
        await self._fulfil(route, result)

    def _refusal(self, request) -> str | None:
        if not request.url.startswith(("http://", "https://")):
            return "Only http and https addresses are loaded."
        if request.method not in ("GET", "HEAD"):
            return f"The page's {request.method} request was not sent: a capture only reads."
        if len(self.fetched) >= self.limits.max_requests:
            return f"The page made more than {self.limits.max_requests} requests."
        if self.total_bytes >= self.limits.max_total_bytes:
            mb = self.limits.max_total_bytes // (1024 * 1024)
            return f"The page's resources passed {mb} MB together."
        return None

    async def _fulfil(self, route, result: FetchResult):
        headers = {
            name: value
            for name, value in result.final.response_headers
            if name.lower() not in _DROPPED_HEADERS
        }
        with contextlib.suppress(PlaywrightError):  # the page may have gone on meanwhile
            await route.fulfill(status=result.status, headers=headers, body=result.content)

    async def _refuse(self, route, url: str, reason: str):
        self.refused.append(Refusal(url[:2000], reason))
        with contextlib.suppress(PlaywrightError):
            await route.abort("blockedbyclient")

    async def refuse_websocket(self, websocket):
        self.refused.append(Refusal(websocket.url[:2000], "WebSockets are not opened."))
        await websocket.close(code=1008, reason="not archived")

    def refuse_download(self, download):
        # Downloads are off in the context: the browser cancels it, this keeps the reason.
        self.refused.append(Refusal(download.url[:2000], "Downloads are not made."))

    def close(self):
        for resource in self.resources:
            resource.close()


class _Watchdog:
    """Kills the browser's processes when together they use more than the memory limit.

    The browser is found among this process's descendants by a switch of its own on
    its command line (`marker`), so another browser of the same process (a test's) is
    left alone; its own children (renderers, GPU, network) count with it.
    """

    def __init__(self, limits: BrowserLimits, marker: str, interval: float = 0.2):
        self.limits = limits
        self.marker = marker
        self.interval = interval
        self.killed_for = ""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="browser-watchdog", daemon=True)
        self.peak_rss = 0

    def start(self):
        self._thread.start()

    def stop(self):
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _watch(self):
        while not self._stop.wait(self.interval):
            rss = 0
            for process in _browser_processes(self.marker):
                with contextlib.suppress(psutil.Error):
                    rss += process.memory_info().rss
            self.peak_rss = max(self.peak_rss, rss)
            if rss > self.limits.max_memory:
                mb = self.limits.max_memory // (1024 * 1024)
                self.killed_for = f"The page used more than {mb} MB of memory in the browser."
                self.kill_browsers()
                return

    def kill_browsers(self):
        for process in _browser_processes(self.marker):
            with contextlib.suppress(psutil.Error):
                process.kill()


def _kill_capture_browsers() -> None:
    """Every capture browser among this process's descendants (one capture runs at a time)."""
    _Watchdog(BrowserLimits(), marker="--claimtracker-capture=").kill_browsers()


def _browser_processes(marker: str) -> list[psutil.Process]:
    """The browser started with `marker` among this process's descendants, and its children."""
    with contextlib.suppress(psutil.Error):
        for process in psutil.Process().children(recursive=True):
            with contextlib.suppress(psutil.Error):
                if any(part.startswith(marker) for part in process.cmdline()):
                    return [process, *process.children(recursive=True)]
    return []


def _readable(failure: PlaywrightError) -> str:
    message = str(failure).strip().splitlines()[0] if str(failure).strip() else ""
    if "crash" in message.lower() or "closed" in message.lower():
        return "The browser stopped while capturing the page (it may have used too much memory)."
    return f"The browser could not capture the page: {message[:300]}"
