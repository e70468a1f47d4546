"""What the benchmarks share: their own PostgreSQL database and Django set up on it."""

import os
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
