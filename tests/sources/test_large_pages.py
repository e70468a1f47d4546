"""Large pages take turns across the processes of a host; small pages never wait.

Each test holds a turn in this process and watches a real second process (its own
Python, Django set up) ask for one: whether the kernel makes it wait (/proc/locks),
whether it got in, and what happens when the holder dies.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sources import services

ROOT = Path(__file__).resolve().parents[2]
LARGE = services.LARGE_PAGE_BYTES + 1
SMALL = services.LARGE_PAGE_BYTES

# A process that takes a turn for a page of argv[1] bytes, writes "in" to argv[2]
# once it has it, and holds it until argv[3] exists.
TAKE_TURN = """
import sys, time
from pathlib import Path
import django
django.setup()
from sources import services
size, entered, release = int(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
with services.large_page_turn(size):
    entered.write_text("in")
    while not release.exists():
        time.sleep(0.02)
"""


class TurnTaker:
    def __init__(self, tmp_path: Path, name: str, size: int):
        self.entered = tmp_path / f"{name}.entered"
        self.release = tmp_path / f"{name}.release"
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, "-c", TAKE_TURN, str(size), str(self.entered), str(self.release)],
            cwd=ROOT,
            env=env,
        )

    @property
    def inside(self) -> bool:
        return self.entered.exists()

    def waiting_for_a_turn(self) -> bool:
        """The kernel lists this process as blocked on a lock (a "->" line in /proc/locks)."""
        return any(
            line.split()[1] == "->" and line.split()[5] == str(self.process.pid)
            for line in Path("/proc/locks").read_text().splitlines()
        )

    def wait_until(self, condition, timeout=30.0):
        deadline = time.monotonic() + timeout
        while not condition():
            assert self.process.poll() is None, "the process ended early"
            assert time.monotonic() < deadline, "the process never got there"
            time.sleep(0.02)

    def finish(self):
        self.release.touch()
        assert self.process.wait(timeout=30) == 0

    def kill(self):
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


@pytest.fixture
def processes(tmp_path):
    started = []

    def start(name, size):
        started.append(TurnTaker(tmp_path, name, size))
        return started[-1]

    yield start
    for taker in started:
        if taker.process.poll() is None:
            taker.kill()


def test_a_large_page_waits_while_another_process_has_the_turn(processes):
    with services.large_page_turn(LARGE):
        other = processes("other", LARGE)
        other.wait_until(other.waiting_for_a_turn)
        assert not other.inside
    other.wait_until(lambda: other.inside)
    other.finish()


def test_a_small_page_never_waits_for_a_large_one(processes):
    with services.large_page_turn(LARGE):
        small = processes("small", SMALL)
        small.wait_until(lambda: small.inside)
        small.finish()


def test_the_turn_passes_on_when_its_holder_is_killed(processes):
    holder = processes("holder", LARGE)
    holder.wait_until(lambda: holder.inside)
    follower = processes("follower", LARGE)
    follower.wait_until(follower.waiting_for_a_turn)

    holder.kill()  # a hard time limit or a crash: it never leaves the turn itself

    follower.wait_until(lambda: follower.inside)
    follower.finish()
