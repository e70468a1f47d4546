"""Development settings stay out of the file that docker compose reads in production."""

import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def app_services():
    return {
        name: service
        for name, service in compose()["services"].items()
        if service.get("image") == "claimtracker"
    }


def settings_value(expression, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "ENV_FILE"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         f"from django.conf import settings; print({expression})"],
        cwd=ROOT, env={**clean, "SECRET_KEY": "x" * 50, **env}, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_make_install_writes_development_settings_to_env_local(tmp_path):
    subprocess.run(
        ["make", "--no-print-directory", "-f", str(ROOT / "Makefile"), ".env.local"],
        cwd=tmp_path, check=True, capture_output=True, timeout=30,
    )  # fmt: skip
    assert "DEBUG=1" in (tmp_path / ".env.local").read_text().splitlines()
    assert not (tmp_path / ".env").exists()


def test_settings_read_development_settings_from_env_local_by_default(tmp_path):
    assert settings_value("settings.ENV_FILE", VAR_DIR=str(tmp_path)) == str(ROOT / ".env.local")


def test_settings_apply_the_development_file(tmp_path):
    dev_file = tmp_path / ".env.local"
    dev_file.write_text("DEBUG=1\n")
    debug = settings_value("settings.DEBUG", ENV_FILE=str(dev_file), VAR_DIR=str(tmp_path))
    assert debug == "True"


def test_compose_never_reads_the_development_file():
    for name, service in app_services().items():
        env_files = [entry["path"] if isinstance(entry, dict) else entry
                     for entry in service.get("env_file", [])]  # fmt: skip
        assert not any(Path(path).name == ".env.local" for path in env_files), name


def test_compose_runs_the_application_with_debug_off():
    for name, service in app_services().items():
        assert str(service["environment"]["DEBUG"]) == "0", name


def test_compose_refuses_to_start_without_a_secret_key():
    for name, service in app_services().items():
        assert service["environment"]["SECRET_KEY"].startswith("${SECRET_KEY:?"), name
