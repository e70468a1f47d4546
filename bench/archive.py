"""Archiving speed through the real queue, beside wget, and worker memory at the size limit.

    .venv/bin/python bench/archive.py [--pages 200] [--latency 0.05] [--threads 16]

Needs PostgreSQL and Redis on 127.0.0.1 (as `make test` sets up) and wget. It
uses its own database (claimtracker_bench) and Redis database 13, serves the
pages from a local server on 127.0.0.2 with added latency, and prints its figures.
"""

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.setup import django_on, environment, fresh_database  # noqa: E402

DATABASE = "claimtracker_bench"
ENVIRONMENT = environment(DATABASE, 13, FETCH_ALLOWED_NETWORKS="127.0.0.2/32", CONN_MAX_AGE="0")


def start_worker(log: Path, *args) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--loglevel", "INFO",
         "--without-gossip", "--without-mingle", "--hostname", f"bench-{log.stem}@localhost", *args],
        cwd=ROOT, env=os.environ.copy(), stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while b" ready." not in log.read_bytes():
        if process.poll() is not None or time.monotonic() > deadline:
            sys.exit(f"worker did not start:\n{log.read_text()[-2000:]}")
        time.sleep(0.2)
    return process


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


def memory_at_limit(server, logs: Path) -> tuple[float, str]:
    """Peak RSS of the pool process that fetches a 100 MB body (refused at 25 MB)."""
    from sources import services
    from sources.models import Source
    from sources.tasks import archive_source

    worker = start_worker(logs / "memory.log", "--queues", "fetch", "--concurrency", "1")
    try:
        (pool_pid,) = child_pids(worker.pid)
        source = services.source_for_url(server.url("/endless?size=100MB"))
        archive_source.delay(source.pk)
        wait_until_done([source.pk], timeout=120)
        return peak_rss_mb(pool_pid), Source.objects.get(pk=source.pk).last_error
    finally:
        stop(worker)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--threads", type=int, default=16, help="threads per worker process")
    options = parser.parse_args()

    fresh_database(DATABASE)
    django_on(ENVIRONMENT)
    from django.core.management import call_command

    from config import celery_app
    from sources.models import Capture, Source
    from sources.tasks import archive_source
    from tests.sources.webserver import LocalWebServer

    call_command("migrate", verbosity=0)
    with celery_app.connection_for_write() as conn:
        conn.default_channel.client.flushdb()
    shutil.rmtree(ROOT / "var" / "bench" / "archive", ignore_errors=True)
    logs = Path(tempfile.mkdtemp(prefix="bench-archive-"))

    with LocalWebServer("127.0.0.2", latency=options.latency) as server:
        urls = [server.url(f"/page/{n}") for n in range(options.pages)]
        wget_pages, wget_seconds = wget_rate(urls, logs)

        sources = [Source.objects.create(url=url, normalized_url=url) for url in urls]
        pool = ("--queues", "fetch", "--pool", "threads", "--concurrency", str(options.threads))
        workers = [start_worker(logs / f"worker{n}.log", *pool) for n in (1, 2)]
        try:
            started = time.monotonic()
            for source in sources:
                archive_source.delay(source.pk)
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
        f"claim tracker, queue + 2 worker processes ({options.threads} threads each): "
        f"{ours:6.1f} pages/s ({seconds:.2f} s), {ours / wget_pages:.1f}x wget   (bar: >= 3x)"
    )
    print(
        f"archived: {archived}/{options.pages}; WARCs valid (digests and SHA-256): {valid}/{len(captures)}"
    )
    print(
        f"worker fetching a 100 MB body: peak RSS {peak:.0f} MB   (bar: < 150 MB); refused with: {refusal}"
    )
    print(f"logs: {logs}")


if __name__ == "__main__":
    main()
