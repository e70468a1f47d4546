"""bin/run, the embedded development setup, survives a dying worker and cleans up after itself.

A real bin/run on a free port with SQLite and the filesystem broker in a temporary
VAR_DIR: its worker is killed with SIGKILL, a new one comes up, the web server keeps
answering, and once bin/run is stopped nothing it started is left running.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT = 120  # migrate, the demo articles' extraction, the worker's start


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    raise AssertionError(f"gave up waiting for {what}")


def answers(url) -> bool:
    try:
        return requests.get(url, timeout=5).status_code == 200
    except requests.RequestException:
        return False


def session_processes(session_id: int) -> dict[int, tuple[int, str]]:
    """Every process of a session, also those whose parent died: pid -> (parent, command)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        except OSError:  # ended while we looked
            continue
        fields = stat.rsplit(")", 1)[1].split()
        state, parent, session = fields[0], int(fields[1]), int(fields[3])
        if session == session_id and state != "Z":
            found[int(entry.name)] = (parent, command)
    return found


def celery_processes(session_id: int, kind: str) -> list[int]:
    """The main process of each Celery `kind` (worker, beat) that bin/run started itself."""
    return [
        pid
        for pid, (parent, command) in session_processes(session_id).items()
        if parent == session_id and "celery" in command and f" {kind} " in f"{command} "
    ]


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    """One bin/run for the whole module (it takes a while to start); the last test stops it."""
    tmp_path = tmp_path_factory.mktemp("bin-run")
    var_dir = tmp_path / "var"
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "STATIC_MANIFEST"}},
        "DEBUG": "1",
        "ENV_FILE": "",
        "VAR_DIR": str(var_dir),
        "PORT": str(port),
        "DATABASE_URL": f"sqlite:///{var_dir / 'claimtracker.sqlite3'}",
        "CELERY_BROKER_URL": "filesystem://",
        "CACHE_URL": f"filecache://{var_dir / 'cache'}",
        "DEMO_PASSWORD": "bin-run-test-password",
    }
    log_path = tmp_path / "run.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [str(ROOT / "bin" / "run")], cwd=ROOT, env=env, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    run = type("Run", (), {})()
    run.process, run.var_dir, run.log_path = process, var_dir, log_path
    run.url = f"http://127.0.0.1:{port}/accounts/login/"
    run.log = lambda: log_path.read_text(errors="replace")
    try:
        yield run
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=30)
        # Whatever bin/run failed to stop must not outlive the test.
        for pid in session_processes(process.pid):
            os.kill(pid, signal.SIGKILL)


def worker_pid(run, queues="default,fetch") -> int:
    session = session_processes(run.process.pid)
    (pid,) = [
        pid
        for pid in celery_processes(run.process.pid, "worker")
        if f"--queues {queues} " in session[pid][1]
    ]
    return pid


def workers_ready(run) -> int:
    return run.log().count(" ready.")


def started(run):
    wait_for(lambda: answers(run.url), STARTUP_TIMEOUT, "the web server")
    wait_for(lambda: workers_ready(run) >= 1, STARTUP_TIMEOUT, "the worker")


def kill_worker(run) -> int:
    """SIGKILL the worker, as a crash would; returns once a new one is ready."""
    ready, pid = workers_ready(run), worker_pid(run)
    os.kill(pid, signal.SIGKILL)
    wait_for(lambda: workers_ready(run) > ready, STARTUP_TIMEOUT, "a new worker")
    return pid


def test_the_broker_keeps_its_control_files_under_var(running):
    control_in_repository = (ROOT / "control").exists()
    started(running)

    assert list((running.var_dir / "broker" / "control").glob("*.exchange"))
    assert (ROOT / "control").exists() == control_in_repository


def test_the_web_server_stays_up_while_a_killed_worker_is_replaced(running):
    session = running.process.pid
    started(running)

    killed = kill_worker(running)

    assert worker_pid(running) != killed
    assert answers(running.url)
    assert len(celery_processes(session, "beat")) == 1
    assert running.process.poll() is None


@pytest.mark.skipif(not shutil.which("chromium"), reason="Chromium is not installed")
def test_pages_are_captured_in_the_browser_on_a_queue_of_its_own(running):
    started(running)
    assert worker_pid(running, queues="browser")
    assert (
        "--concurrency 1"
        in session_processes(running.process.pid)[worker_pid(running, queues="browser")][1]
    )


def test_stopping_leaves_no_celery_process_behind(running):
    # Runs last: it stops the module's bin/run.
    session = running.process.pid
    started(running)
    kill_worker(running)  # what a dead worker left behind must go too

    running.process.send_signal(signal.SIGINT)  # Ctrl-C
    assert running.process.wait(timeout=60) == 0

    assert session_processes(session) == {}
