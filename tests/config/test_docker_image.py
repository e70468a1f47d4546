"""The Docker image holds what the product needs, and serves pages with DEBUG off.

No Docker engine is needed: the image's /app is rebuilt from the Dockerfile's COPY
instructions and .dockerignore, and the Dockerfile's `manage.py` build steps are
run in it, as `docker build` would.
"""

import fnmatch
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]


def dockerfile_instructions():
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            yield keyword.upper(), rest.strip()


def ignored_patterns():
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    patterns = [line.strip().strip("/") for line in lines if line.strip() and line[0] != "#"]
    assert not any(p.startswith("!") for p in patterns), "exceptions are not modelled here"
    return patterns


def is_ignored(relative: str, patterns) -> bool:
    return any(fnmatch.fnmatchcase(relative, pattern) for pattern in patterns)


def context_files(source: Path, patterns):
    """Files of the build context under `source`, minus what .dockerignore leaves out."""
    if source.is_file():
        yield source
        return
    for folder, subfolders, files in os.walk(source):
        here = Path(folder)
        subfolders[:] = [
            name for name in subfolders
            if not is_ignored((here / name).relative_to(ROOT).as_posix(), patterns)
        ]  # fmt: skip
        for name in files:
            if not is_ignored((here / name).relative_to(ROOT).as_posix(), patterns):
                yield here / name


def image_files() -> dict[str, Path]:
    """The files the Dockerfile puts into /app: path in /app -> file in the repository."""
    patterns = ignored_patterns()
    copied = {}
    for keyword, arguments in dockerfile_instructions():
        if keyword != "COPY":
            continue
        *sources, destination = [a for a in shlex.split(arguments) if not a.startswith("--")]
        destination = Path(destination.removeprefix("/app").lstrip("/") or ".")
        for name in sources:
            source = (ROOT / name).resolve()
            for file in context_files(source, patterns):
                if source.is_dir():
                    target = destination / file.relative_to(source)
                else:
                    target = destination / file.name
                copied[os.path.normpath(target.as_posix())] = file
    return copied


def project_apps():
    """The project's own apps (not Django's or third-party ones), as folders in the repository."""
    return [
        Path(config.path).relative_to(ROOT)
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(ROOT) and ".venv" not in Path(config.path).parts
    ]


@pytest.fixture(scope="module")
def files():
    return image_files()


def test_the_image_has_every_project_app(files):
    assert project_apps(), "no project app found in INSTALLED_APPS"
    for app in project_apps():
        sources = [p.relative_to(ROOT).as_posix() for p in (ROOT / app).rglob("*.py")]
        sources = [p for p in sources if "__pycache__" not in p]
        missing = sorted(set(sources) - set(files))
        assert not missing, f"{app}: {missing}"


@pytest.mark.parametrize("folder", ["config", "templates", "static", "locale"])
def test_the_image_has_the_project_folder(files, folder):
    tracked = subprocess.run(
        ["git", "ls-files", folder], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert tracked
    missing = sorted(set(tracked) - set(files))
    assert not missing


def test_the_image_has_manage_py_and_the_package_metadata(files):
    assert {"manage.py", "pyproject.toml", "README.md"} <= set(files)


def test_the_image_leaves_out_local_state_and_secrets(files):
    for path in files:
        assert not path.startswith((".venv/", "var/", ".git/", "tests/")), path
        assert Path(path).name not in {".env", ".env.local"}, path


@pytest.fixture(scope="module")
def built_app(files, tmp_path_factory):
    """/app as `docker build` leaves it: the copied files, then the manage.py build steps."""
    app = tmp_path_factory.mktemp("image") / "app"
    for target, source in files.items():
        (app / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, app / target)
    env = image_environment(app)
    for keyword, arguments in dockerfile_instructions():
        if keyword != "RUN":
            continue
        for step in re.findall(r"(?:\w+=\S+ )*python manage\.py [^&;]+", arguments):
            words = shlex.split(step)
            start = words.index("python")
            step_env = {**env, **dict(a.split("=", 1) for a in words[:start])}
            command = words[start + 2 :]
            result = subprocess.run(
                [sys.executable, "manage.py", *command],
                cwd=app, env=step_env, capture_output=True, text=True, timeout=120,
            )  # fmt: skip
            assert result.returncode == 0, f"{step}\n{result.stderr}"
    return app


def image_environment(app: Path) -> dict[str, str]:
    """What the image's processes see: no development settings, DEBUG off."""
    unset = {"DEBUG", "ENV_FILE", "STATIC_MANIFEST", "STATIC_ROOT", "SECRET_KEY", "VAR_DIR"}
    return {
        **{k: v for k, v in os.environ.items() if k not in unset},
        "ENV_FILE": "",
        "VAR_DIR": str(app / "var"),
        "DATABASE_URL": f"sqlite:///{app / 'var' / 'db.sqlite3'}",
    }


def request_in_image(app: Path, path: str, language: str = "en"):
    script = (
        "from django.test import Client\n"
        f"response = Client(HTTP_ACCEPT_LANGUAGE={language!r}).get({path!r})\n"
        "print(response.status_code)\n"
        "print(b''.join(response).decode(errors='replace') if response.streaming"
        " else response.content.decode())\n"
    )
    env = {
        **image_environment(app),
        "SECRET_KEY": "a-production-like-secret-key-for-this-test-only-1234567890",
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", script],
        cwd=app, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    status, _, body = result.stdout.partition("\n")
    return int(status), body


def test_the_image_serves_the_login_page_with_debug_off(built_app):
    status, body = request_in_image(built_app, "/accounts/login/")
    assert status == 200, body
    favicon = re.search(r'href="(/static/favicon\.[0-9a-f]{12}\.svg)"', body)
    assert favicon, "the page links no hashed favicon"
    assert request_in_image(built_app, favicon.group(1))[0] == 200


def test_the_image_speaks_german(built_app):
    status, body = request_in_image(built_app, "/accounts/login/", language="de")
    assert status == 200, body
    assert "Anmelden" in body
    assert "Zum Inhalt springen" in body
