"""Archiving speed through the real queue, beside wget, and fetch-worker memory.

    .venv/bin/python bench/archive.py [--pages 200] [--latency 0.05] [--concurrency 4]
                                      [--memory-only]

The fetch workers run as in production (docker-compose.yml): the prefork pool, so
Celery's time limits hold, with children replaced once they grew beyond
--max-memory-per-child. Memory is measured on one fetch worker given 16 pages of
5 MB at once: PSS summed over the worker and its children (shared pages counted
once), at its peak and again once the work is done.

How the 16 x 5 MB figure came down (idle / peak / afterwards, MB PSS, 4 processes):
  prefork, fast trafilatura above 1 M characters, replaced above 150 MB  255 / 674 / 253
  + large pages take turns (file lock), gc.collect + malloc_trim after   229 / 382 / 229
  + parsers warmed up in the parent, gc.freeze before each fork          168 / 309 / 168
  + HTML above 1 M characters read as a stream, not parsed whole         168 / 285 / 168
  - the warm-up (it only added its own leftovers to the parent)          131 / 231 / 132
  the same without the turns                                              132 / 388 / 130
  the same without replacing processes (--max-memory-per-child 400000)   131 / 348 / 295

Needs PostgreSQL and Redis on 127.0.0.1 (as `make test` sets up) and wget. It
uses its own database (claimtracker_bench) and Redis database 13, serves the
pages from a local server on 127.0.0.2 with added latency, and prints its figures.
"""

import argparse
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.setup import environment, fresh_queue_run, start_worker  # noqa: E402

DATABASE = "claimtracker_bench"
ENVIRONMENT = environment(DATABASE, 13, FETCH_ALLOWED_NETWORKS="127.0.0.2/32", CONN_MAX_AGE="0")


def stop(*processes):
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_until_done(source_ids, timeout=600.0) -> float:
    from sources.models import Source

    deadline = time.monotonic() + timeout
    pending = Source.objects.filter(pk__in=source_ids, status__in=["pending", "fetching"])
    while pending.exists():
        if time.monotonic() > deadline:
            sys.exit("archiving did not finish in time")
        time.sleep(0.05)
    return time.monotonic()


def wget_rate(urls, workdir: Path) -> tuple[float, float]:
    listing = workdir / "urls.txt"
    listing.write_text("\n".join(urls) + "\n")
    started = time.monotonic()
    subprocess.run(
        ["wget", "--quiet", "--tries=1", "--input-file", str(listing), "--warc-file",
         str(workdir / "wget"), "--directory-prefix", str(workdir / "files"), "--no-warc-compression"],
        check=False,
    )  # fmt: skip
    seconds = time.monotonic() - started
    return len(urls) / seconds, seconds


def validate(captures) -> int:
    from warcio.archiveiterator import ArchiveIterator

    valid = 0
    for capture in captures:
        payload = None
        with capture.warc.open("rb") as warc:
            for record in ArchiveIterator(warc, check_digests="raise"):
                if record.rec_type == "response":
                    payload = record.raw_stream.read()
        valid += payload is not None and hashlib.sha256(payload).hexdigest() == capture.sha256
    return valid


def child_pids(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def peak_rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def pss_mb(pid: int) -> float:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0  # a child that just exited
    return int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE).group(1)) / 1024


def tree_pss_mb(pid: int) -> float:
    return pss_mb(pid) + sum(pss_mb(child) for child in child_pids(pid))


def memory_with_large_pages(server, logs: Path, pool, pages=16) -> tuple[float, float, float, int]:
    """Idle, peak and afterwards PSS of one fetch worker given `pages` 5 MB pages at once."""
    from sources import services
    from sources.models import Source

    worker = start_worker(logs / "large.log", *pool)
    try:
        time.sleep(2)  # let the children finish starting
        idle = tree_pss_mb(worker.pid)
        sources = [services.source_for_url(server.url(f"/large/{n}")) for n in range(pages)]
        for source in sources:
            services.request_archive(source)
        peak = idle
        pending = Source.objects.filter(
            pk__in=[s.pk for s in sources], status__in=["pending", "fetching"]
        )
        deadline = time.monotonic() + 600
        while pending.exists() and time.monotonic() < deadline:
            peak = max(peak, tree_pss_mb(worker.pid))
            time.sleep(0.05)
        time.sleep(3)  # children over their memory limit are replaced after their task
        after = tree_pss_mb(worker.pid)
        archived = Source.objects.filter(pk__in=[s.pk for s in sources], status="archived")
        return idle, peak, after, archived.count()
    finally:
        stop(worker)


def memory_at_limit(server, logs: Path) -> tuple[float, str]:
    """Peak RSS of the pool process that fetches a 100 MB body (refused at 25 MB)."""
    from sources import services
    from sources.models import Source

    worker = start_worker(logs / "memory.log", "--queues", "fetch", "--concurrency", "1")
    try:
        (pool_pid,) = child_pids(worker.pid)
        source = services.source_for_url(server.url("/endless?size=100MB"))
        services.request_archive(source)
        wait_until_done([source.pk], timeout=120)
        return peak_rss_mb(pool_pid), Source.objects.get(pk=source.pk).last_error
    finally:
        stop(worker)


def throughput(server, logs: Path, pool, options) -> None:
    """200 small pages through the queue and two fetch workers, beside wget."""
    from sources import services
    from sources.models import Capture, Source

    urls = [server.url(f"/page/{n}") for n in range(options.pages)]
    wget_pages, wget_seconds = wget_rate(urls, logs)

    sources = [Source.objects.create(url=url, normalized_url=url) for url in urls]
    workers = [start_worker(logs / f"worker{n}.log", *pool) for n in (1, 2)]
    try:
        started = time.monotonic()
        for source in sources:
            services.request_archive(source)
        finished = wait_until_done([s.pk for s in sources])
    finally:
        stop(*workers)
    seconds = finished - started
    captures = list(Capture.objects.filter(source__in=sources))
    archived = Source.objects.filter(pk__in=[s.pk for s in sources], status="archived").count()
    valid = validate(captures)
    peak, refusal = memory_at_limit(server, logs)

    ours = options.pages / seconds
    print(
        f"pages: {options.pages}, served from 127.0.0.2 with {options.latency * 1000:.0f} ms latency each"
    )
    print(
        f"wget --warc-file (one process):          {wget_pages:6.1f} pages/s ({wget_seconds:.2f} s)"
    )
    print(
        f"claim tracker, queue + 2 fetch workers (prefork, {options.concurrency} processes each): "
        f"{ours:6.1f} pages/s ({seconds:.2f} s), {ours / wget_pages:.1f}x wget   (bar: >= 3x)"
    )
    print(
        f"archived: {archived}/{options.pages}; WARCs valid (digests and SHA-256): {valid}/{len(captures)}"
    )
    print(
        f"worker fetching a 100 MB body: peak RSS {peak:.0f} MB   (bar: < 150 MB); refused with: {refusal}"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, default=4, help="processes per fetch worker")
    parser.add_argument(
        "--max-memory-per-child", type=int, default=150_000, help="KiB, as in config/settings.py"
    )
    parser.add_argument(
        "--memory-only", action="store_true", help="only the 16 large pages (for quick tries)"
    )
    options = parser.parse_args()

    fresh_queue_run(DATABASE, ENVIRONMENT)
    from tests.sources.slowserver import LargePageServer

    shutil.rmtree(ROOT / "var" / "bench" / "archive", ignore_errors=True)
    logs = Path(tempfile.mkdtemp(prefix="bench-archive-"))

    pool = (
        "--queues", "fetch", "--pool", "prefork", "--concurrency", str(options.concurrency),
        "--max-memory-per-child", str(options.max_memory_per_child),
    )  # fmt: skip
    with LargePageServer("127.0.0.2", latency=options.latency) as server:
        if not options.memory_only:
            throughput(server, logs, pool, options)
        idle, large_peak, large_after, large_archived = memory_with_large_pages(server, logs, pool)
    print(
        f"fetch worker (prefork, {options.concurrency} processes) given 16 pages of 5 MB at once: "
        f"idle {idle:.0f} MB, peak {large_peak:.0f} MB   (bar: < 300 MB), "
        f"afterwards {large_after:.0f} MB (PSS of the worker and its children); "
        f"archived {large_archived}/16"
    )
    print(f"logs: {logs}")


if __name__ == "__main__":
    main()
