"""What the benchmarks share: their own PostgreSQL database and Django set up on it."""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADMIN_DSN = "postgresql://postgres:postgres@127.0.0.1:5432/postgres"


def environment(database: str, redis_db: int, **extra) -> dict:
    return {
        "DATABASE_URL": f"postgres://postgres:postgres@127.0.0.1:5432/{database}",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:6379/{redis_db}",
        "SECRET_KEY": "benchmark-only-secret-key-not-for-anything-else",
        "VAR_DIR": str(ROOT / "var" / "bench"),
        "ENV_FILE": "",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def fresh_database(database: str) -> None:
    import psycopg

    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {database}")


def django_on(env: dict) -> None:
    """Point Django at the benchmark's environment and set it up."""
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def fresh_queue_run(database: str, env: dict) -> None:
    """A fresh database, Django on it, migrated, and an empty Redis database for the queue."""
    fresh_database(database)
    django_on(env)
    from django.core.management import call_command

    from config import celery_app

    call_command("migrate", verbosity=0)
    with celery_app.connection_for_write() as conn:
        conn.default_channel.client.flushdb()


def start_worker(log: Path, *args, env: dict | None = None) -> subprocess.Popen:
    """A Celery worker of the benchmark's environment (plus `env`), in a process group of
    its own (so that what it started, Chromium included, can be ended with it); returns
    once it is ready."""
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--loglevel", "INFO",
         "--without-gossip", "--without-mingle", "--hostname", f"bench-{log.stem}@localhost",
         *args],
        cwd=ROOT, env={**os.environ, **(env or {})}, stdout=log.open("wb"),
        stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while b" ready." not in log.read_bytes():
        if process.poll() is not None or time.monotonic() > deadline:
            sys.exit(f"worker did not start:\n{log.read_text()[-2000:]}")
        time.sleep(0.2)
    return process
