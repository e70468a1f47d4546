"""Browser capture through the real queue, beside plain capture and `chromium --dump-dom`.

    .venv/bin/python bench/capture.py [--pages 50] [--latency 0.05] [--concurrency 2]
                                      [--wacz] [--skip-single] [--max-memory-per-child KIB]

The pages are built by script: each page's quoted sentence (our own, German or
English, generated from a template) reaches it only through fetch() of JSON; a third
of the pages show it in an iframe whose own script fetches it, a third only once the
reader scrolled to the end (an IntersectionObserver). Every request is answered by a
local server on 127.0.0.2 after --latency seconds.

Runs, each over the same pages (as new sources, so nothing is reused):
  plain    a fetch worker (prefork, --concurrency processes), ARCHIVE_BROWSER=0;
  browser  a worker on the queue "browser" (prefork, --concurrency processes, and
           one process unless --skip-single), ARCHIVE_BROWSER=1, the product's
           browser settings (one fresh Chromium per page);
  dump-dom `/usr/bin/chromium --headless --no-sandbox --dump-dom URL` per page,
           one after another and --concurrency at a time (a fresh profile each).
Each prints pages per second (from queueing the first page to the last one stored)
and the share of pages whose quote is in Capture.text (for dump-dom: in the dumped
DOM, which never holds a frame's content). For the workers, memory is sampled every
0.1 s over the worker process and all its descendants (pool processes, Playwright's
driver, Chromium): the peak of the summed RSS (shared pages counted in each process)
and of the summed PSS (shared pages divided among the processes).

WACZ packaging is off for the speed runs (ARCHIVE_WACZ=0); --wacz adds a browser run
with it on and prints what packaging costs per page: the extra wall time per page in
that run, and the time of packaging one capture alone (package_wacz, as the worker
calls it, on the run's WARCs one after another).

Measured on this machine, 2026-11-26, after the two fixes below (2 CPUs, load average
4 to 6 during the run; 50 pages, 50 ms latency, 2 processes per worker unless said):
                                          pages/s   quote captured   peak RSS / PSS
  plain, fetch worker                     20.9        0/50 (0 %)      371 / 182 MB
  browser, browser worker                  0.54      50/50 (100 %)   2631 / 1106 MB
  browser, browser worker x1               0.40      50/50 (100 %)   1445 / 784 MB
  chromium --dump-dom, one at a time       1.09       0/50            (not sampled)
  chromium --dump-dom, 2 at a time         1.25       1/50
  browser + WACZ, browser worker           0.47      50/50 (100 %)   2599 / 1078 MB
  WACZ packaging: +276 ms wall time per page in the queue run; alone 522 ms per capture
  (median, max 609 ms), mostly the tool's start.
- A fresh Chromium per page is most of a browser capture's time (Playwright's driver,
  launching, loading; then the waits for the network, scrolling, the screenshot);
  --dump-dom also starts a fresh browser per page but never waits, which is why it is
  about twice as fast and why it captures no quote: it dumps the DOM at the load event,
  before the fetch() answers (and never a frame's content).
- The 23 processes of the browser worker (2 pool processes, their Playwright drivers,
  each Chromium's browser, zygotes, GPU, network and renderer processes) share much:
  RSS summed counts that again in every process, PSS does not.
- Before: with the fetch workers' CELERY_WORKER_MAX_MEMORY_PER_CHILD (150000 KiB) a
  browser pool process was replaced after about every third capture (17-18 pool
  processes ran the 50 tasks, 0.24-0.37 pages/s); the browser workers now start with
  --max-memory-per-child 600000 (bin/run, docker-compose.yml), and 2 processes ran all 50.
- Before: at 300 ms latency (--pages 12 --latency 0.3) the capture missed the quote on
  every page that loads it on scrolling (scroll 0/4), as the browser's own "network
  idle" never waits a second time. The capture now waits until no request has been open
  for half a second: the same run captured scroll 4/4, fetch 4/4, frame 4/4.

Needs PostgreSQL and Redis on 127.0.0.1 (as `make test` sets up) and Chromium at
/usr/bin/chromium. It uses its own database (claimtracker_bench_capture), Redis
database 10 and var/bench-capture/, and prints its figures.
"""

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.archive import pss_mb, wait_until_done  # noqa: E402
from bench.setup import environment, fresh_queue_run, start_worker  # noqa: E402

DATABASE = "claimtracker_bench_capture"
VAR_DIR = ROOT / "var" / "bench-capture"
ENVIRONMENT = environment(
    DATABASE,
    10,
    VAR_DIR=str(VAR_DIR),
    FETCH_ALLOWED_NETWORKS="127.0.0.2/32",
    CONN_MAX_AGE="0",
    ARCHIVE_WACZ="0",
    ARCHIVE_BROWSER="0",
)
CHROMIUM = "/usr/bin/chromium"
KINDS = ("fetch", "frame", "scroll")

# --- The pages ---------------------------------------------------------------

PLACES = ["Rheinfeld", "Lindenau", "Birkenhain", "Obersee", "Talheim", "Wiesental", "Eichstadt"]
PEOPLE = [
    ("Bürgermeisterin", "mayor", "Miriam Kessler"),
    ("Landrat", "district chief", "Jonas Feldmann"),
    ("Stadträtin", "councillor", "Petra Albers"),
    ("Dezernent", "head of department", "Tobias Brandt"),
    ("Amtsleiterin", "head of office", "Sabine Roth"),
]
THINGS = [
    ("Ladesäulen", "charging points"),
    ("Kitaplätze", "nursery places"),
    ("Sozialwohnungen", "social housing flats"),
    ("Kilometer Radweg", "kilometres of cycle lane"),
    ("Pflegekräfte", "care workers"),
    ("Busverbindungen", "bus connections"),
]
DAYS = [
    ("Montag", "Monday"),
    ("Dienstag", "Tuesday"),
    ("Mittwoch", "Wednesday"),
    ("Donnerstag", "Thursday"),
    ("Freitag", "Friday"),
]


@dataclass(frozen=True)
class Page:
    number: int
    kind: str  # how the quote arrives: "fetch", "frame" or "scroll"
    language: str
    place: str
    quote: str

    @property
    def path(self) -> str:
        return f"/seite/{self.number}"


def page(number: int) -> Page:
    """Page `number`: its quote is a sentence of its own, its kind and language vary."""
    place = PLACES[number % len(PLACES)]
    role_de, role_en, name = PEOPLE[number % len(PEOPLE)]
    thing_de, thing_en = THINGS[number % len(THINGS)]
    day_de, day_en = DAYS[number % len(DAYS)]
    figure, year = 120 + 37 * number, 2015 + number % 9
    language = "de" if (number // len(KINDS)) % 2 == 0 else "en"
    if language == "de":
        quote = (
            f"In {place} ist die Zahl der {thing_de} seit {year} auf {figure} gestiegen, "
            f"sagte {role_de} {name} am {day_de} vor dem Stadtrat."
        )
    else:
        quote = (
            f"{name}, the {role_en} of {place}, told the council on {day_en} that the number "
            f"of {thing_en} has risen to {figure} since {year}."
        )
    return Page(number, KINDS[number % len(KINDS)], language, place, quote)


TEXTS = {
    "de": {
        "title": "Neue Zahlen aus {place}",
        "intro": "Die Verwaltung von {place} hat ihren Jahresbericht vorgelegt. Der Rat "
        "berät im Dezember darüber, welche Vorhaben im kommenden Haushalt Vorrang haben.",
        "more": "Die Opposition kritisierte, dass die Zahlen erst nach Monaten öffentlich "
        "wurden, und verlangte einen Bericht für jedes Quartal.",
        "loading": "Wird geladen …",
        "frame": "Eingebetteter Beitrag der Stadtverwaltung von {place}.",
    },
    "en": {
        "title": "New figures from {place}",
        "intro": "The administration of {place} has published its annual report. The "
        "council will decide in December which projects come first in next year's budget.",
        "more": "The opposition complained that the figures took months to be published "
        "and asked for a report every quarter.",
        "loading": "Loading …",
        "frame": "Embedded post by the administration of {place}.",
    },
}


def fetch_script(page: Page, into: str) -> str:
    return f'fetch("{page.path}/zitat.json").then((r) => r.json()).then((data) => {{ {into} }});'


def serve_pages(server, pages: list[Page]) -> None:
    """Put every page, its JSON and its frame on the local server."""
    for p in pages:
        text = {key: value.format(place=p.place) for key, value in TEXTS[p.language].items()}
        server.pages[f"{p.path}/zitat.json"] = (
            json.dumps({"quote": p.quote}).encode(),
            "application/json",
        )
        fill = 'document.getElementById("zitat").textContent = data.quote;'
        extra, script = "", ""
        if p.kind == "fetch":
            script = fetch_script(p, fill)
        elif p.kind == "frame":
            extra = f'<iframe src="{p.path}/rahmen" title="{text["frame"]}" width="600"></iframe>'
            server.pages[f"{p.path}/rahmen"] = (
                f"""<!doctype html><html lang="{p.language}"><head><meta charset="utf-8">
<title>{text["frame"]}</title></head><body><p>{text["frame"]}</p>
<p id="zitat">{text["loading"]}</p><script>{fetch_script(p, fill)}</script></body></html>""".encode(),
                "text/html; charset=utf-8",
            )
        else:  # scroll: the quote is appended to the article once its end comes into view
            extra = '<div style="height: 5000px"></div><div id="ende"></div>'
            append = (
                'const q = document.createElement("p"); q.textContent = data.quote;'
                ' document.querySelector("article").append(q);'
            )
            script = (
                "new IntersectionObserver((entries, watcher) => {"
                " if (!entries[0].isIntersecting) return; watcher.disconnect();"
                f" {fetch_script(p, append)} }}).observe(document.getElementById('ende'));"
            )
        placeholder = f'<p id="zitat">{text["loading"]}</p>' if p.kind == "fetch" else ""
        server.pages[p.path] = (
            f"""<!doctype html><html lang="{p.language}"><head><meta charset="utf-8">
<title>{text["title"]}</title></head><body>
<nav>Start | Politik | Region</nav>
<article><h1>{text["title"]}</h1><p>{text["intro"]}</p>{placeholder}<p>{text["more"]}</p>
</article>{extra}<footer>Impressum</footer>
<script>{script}</script></body></html>""".encode(),
            "text/html; charset=utf-8",
        )


def flat(text: str) -> str:
    return " ".join(text.split())


# --- Workers and memory ----------------------------------------------------------


def stop_worker(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


class MemorySampler:
    """The peak summed RSS and PSS of a process and all its descendants, every 0.1 s."""

    def __init__(self, pid: int, interval: float = 0.1):
        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak_rss_mb = self.peak_pss_mb = 0.0
        self.peak_processes = self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _sample(self):
        while not self._stop.wait(self.interval):
            try:
                processes = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                return  # the worker is gone
            rss = 0
            for process in processes:
                try:
                    rss += process.memory_info().rss
                except psutil.Error:
                    continue  # ended between the listing and the reading
            pss = sum(pss_mb(process.pid) for process in processes)
            self.peak_rss_mb = max(self.peak_rss_mb, rss / 1024 / 1024)
            self.peak_pss_mb = max(self.peak_pss_mb, pss)
            self.peak_processes = max(self.peak_processes, len(processes))
            self.samples += 1


# --- The runs ----------------------------------------------------------------


@dataclass
class Run:
    name: str
    seconds: float
    pages: list[Page]
    quoted: list[str]  # the kind of each page whose quote was captured
    peak_rss_mb: float = 0.0
    peak_pss_mb: float = 0.0
    peak_processes: int = 0
    note: str = ""
    captures: list | None = None

    @property
    def rate(self) -> float:
        return len(self.pages) / self.seconds

    def quote_shares(self) -> str:
        by_kind = ", ".join(
            f"{kind} {self.quoted.count(kind)}/{sum(p.kind == kind for p in self.pages)}"
            for kind in KINDS
        )
        share = 100 * len(self.quoted) / len(self.pages)
        return f"{len(self.quoted)}/{len(self.pages)} ({share:.0f} %: {by_kind})"


def through_queue(name, server, pages, logs, *, browser, concurrency, wacz=False, limit=None):
    """Archive every page as a new source through the real queue and one worker."""
    from django.conf import settings

    from sources import services
    from sources.models import Capture, Source

    settings.ARCHIVE_BROWSER = browser  # which queue request_archive sends to
    queue = "browser" if browser else "fetch"
    env = {"ARCHIVE_BROWSER": str(int(browser)), "ARCHIVE_WACZ": str(int(wacz))}
    log = logs / f"{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}.log"
    worker = start_worker(
        log, "--queues", queue, "--pool", "prefork", "--concurrency", str(concurrency),
        *(["--max-memory-per-child", str(limit)] if limit is not None else []), env=env,
    )  # fmt: skip
    urls = [f"{server.url(p.path)}?lauf={log.stem}" for p in pages]  # a new source per run
    sources = [services.source_for_url(url) for url in urls]
    assert services.archive_queue() == queue, "browser capture is not available"
    try:
        with MemorySampler(worker.pid) as memory:
            started = time.monotonic()
            for source in sources:
                services.request_archive(source)
            finished = wait_until_done([s.pk for s in sources])
    finally:
        stop_worker(worker)
    captures = {c.source_id: c for c in Capture.objects.filter(source__in=sources)}
    quoted = [
        p.kind
        for p, s in zip(pages, sources, strict=True)
        if s.pk in captures and flat(p.quote) in flat(captures[s.pk].text)
    ]
    archived = Source.objects.filter(pk__in=[s.pk for s in sources], status="archived").count()
    methods = [c.method for c in captures.values()]
    browser_errors = sum("browser_error" in c.metadata for c in captures.values())
    note = f"archived {archived}/{len(pages)}"
    note += f", pool processes that ran tasks {pool_processes(log)}"
    if browser:
        note += f", made in the browser {methods.count('browser')}, browser errors {browser_errors}"
    return Run(
        name, finished - started, pages, quoted, memory.peak_rss_mb, memory.peak_pss_mb,
        memory.peak_processes, note, list(captures.values()),
    )  # fmt: skip


def pool_processes(log: Path) -> int:
    """How many pool processes ran tasks: more than --concurrency when some were replaced."""
    return len(set(re.findall(r"ForkPoolWorker-\d+", log.read_text())))


def dump_dom(url: str) -> str:
    with tempfile.TemporaryDirectory(prefix="bench-dump-dom-") as profile:
        done = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", f"--user-data-dir={profile}", "--dump-dom", url],
            capture_output=True, timeout=120, check=False,
        )  # fmt: skip
    return done.stdout.decode("utf-8", "replace")


def dump_dom_loop(name, server, pages, concurrency) -> Run:
    urls = [server.url(p.path) for p in pages]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        doms = list(pool.map(dump_dom, urls))
    seconds = time.monotonic() - started
    quoted = [p.kind for p, dom in zip(pages, doms, strict=True) if flat(p.quote) in flat(dom)]
    empty = sum(not dom.strip() for dom in doms)
    return Run(name, seconds, pages, quoted, note=f"empty dumps {empty}")


def wacz_seconds_each(captures) -> list[float]:
    """Package each capture's WARC again, alone, as the worker does; seconds per package."""
    from sources.wacz import package_wacz

    timings = []
    with tempfile.TemporaryDirectory(prefix="bench-wacz-") as work:
        for n, capture in enumerate(captures):
            warc = Path(work) / f"{n}.warc.gz"
            with capture.warc.open("rb") as stored:
                warc.write_bytes(stored.read())
            started = time.monotonic()
            package_wacz(warc, Path(work) / f"{n}.wacz", pages=[{"url": capture.final_url}])
            timings.append(time.monotonic() - started)
    return timings


def report(run: Run, baseline: Run | None = None) -> None:
    line = f"{run.name:<34} {run.rate:6.2f} pages/s ({run.seconds:6.1f} s)"
    if baseline is not None:
        line += f" {run.rate / baseline.rate:5.2f}x plain"
    print(line)
    details = [f"quote captured {run.quote_shares()}"]
    if run.note:
        details.append(run.note)
    if run.peak_rss_mb:
        details.append(
            f"worker peak RSS {run.peak_rss_mb:.0f} MB, PSS {run.peak_pss_mb:.0f} MB"
            f" ({run.peak_processes} processes at most)"
        )
    for detail in details:
        print(f"{'':<4} {detail}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per request")
    parser.add_argument("--concurrency", type=int, default=2, help="processes per worker")
    parser.add_argument("--wacz", action="store_true", help="also a browser run with WACZ")
    parser.add_argument(
        "--skip-single", action="store_true", help="no browser run with one process"
    )
    parser.add_argument(
        "--max-memory-per-child",
        type=int,
        default=600_000,
        help="KiB, for the browser workers' pool processes, as bin/run and docker-compose.yml "
        "start them (0: no limit)",
    )
    options = parser.parse_args()

    fresh_queue_run(DATABASE, ENVIRONMENT)
    from tests.sources.webserver import LocalWebServer

    shutil.rmtree(VAR_DIR / "archive", ignore_errors=True)
    logs = Path(tempfile.mkdtemp(prefix="bench-capture-"))
    c = options.concurrency
    pages = [page(n) for n in range(options.pages)]
    kinds = ", ".join(f"{sum(p.kind == k for p in pages)} {k}" for k in KINDS)
    print(
        f"pages: {options.pages} ({kinds}), served from 127.0.0.2 with "
        f"{options.latency * 1000:.0f} ms latency per request; "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    )
    with LocalWebServer("127.0.0.2", latency=options.latency) as server:
        serve_pages(server, pages)
        plain = through_queue(
            f"plain, fetch worker x{c}", server, pages, logs, browser=False, concurrency=c
        )
        report(plain)
        limit = options.max_memory_per_child
        browser = through_queue(
            f"browser, browser worker x{c}", server, pages, logs,
            browser=True, concurrency=c, limit=limit,
        )  # fmt: skip
        report(browser, plain)
        if c != 1 and not options.skip_single:
            single = through_queue(
                "browser, browser worker x1", server, pages, logs,
                browser=True, concurrency=1, limit=limit,
            )  # fmt: skip
            report(single, plain)
        report(dump_dom_loop("chromium --dump-dom, one at a time", server, pages, 1), plain)
        if c != 1:
            report(dump_dom_loop(f"chromium --dump-dom, {c} at a time", server, pages, c), plain)
        if options.wacz:
            packaged = through_queue(
                f"browser + WACZ, browser worker x{c}", server, pages, logs,
                browser=True, concurrency=c, wacz=True, limit=limit,
            )  # fmt: skip
            report(packaged, plain)
            extra = (packaged.seconds - browser.seconds) / len(pages)
            alone = wacz_seconds_each(browser.captures)
            print(
                f"WACZ packaging: {extra * 1000:+.0f} ms wall time per page in the queue run; "
                f"alone {statistics.median(alone) * 1000:.0f} ms per capture (median, "
                f"max {max(alone) * 1000:.0f} ms)"
            )
    print(f"load average at the end: {os.getloadavg()[0]:.1f}; logs: {logs}")


if __name__ == "__main__":
    main()
