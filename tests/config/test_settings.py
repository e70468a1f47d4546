"""Settings come from the environment and refuse unsafe production setups."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_refuses_to_start_without_secret_key_when_debug_is_off(tmp_path):
    result = run_manage("check", DEBUG="0", VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_development_generates_and_keeps_a_secret_key(tmp_path):
    result = run_manage("check", DEBUG="1", VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert len((tmp_path / "secret_key").read_text()) >= 50


def test_deploy_check_passes_with_production_variables(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="k" * 20 + "production-secret-with-enough-entropy-1234567890",
        ALLOWED_HOSTS="claims.newsroom.example",
        SECURE_SSL_REDIRECT="1",
        SECURE_HSTS_PRELOAD="1",
        NEWSROOM_URL="https://www.rheinfelder-rundschau.de",
        VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_debug_is_off_unless_set(tmp_path):
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
        SECRET_KEY="x" * 50,
        VAR_DIR=str(tmp_path),
    )
    assert result.stdout.strip().endswith("False"), result.stderr


def test_postgresql_connections_run_without_jit(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


def test_an_s3_archive_storage_keeps_taken_names_and_buffers_downloads_on_disk(tmp_path):
    result = run_manage(
        "shell",
        "-c",
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.STORAGES['archive']['OPTIONS']))",
        SECRET_KEY="x" * 50,
        VAR_DIR=str(tmp_path),
        ARCHIVE_STORAGE_BACKEND="storages.backends.s3.S3Storage",
        ARCHIVE_STORAGE_OPTIONS='{"bucket_name": "archive", "max_memory_size": 1024}',
    )
    assert result.returncode == 0, result.stderr
    options = json.loads(result.stdout.strip().splitlines()[-1])
    assert options == {"bucket_name": "archive", "file_overwrite": False, "max_memory_size": 1024}
