"""A dropped session, as tmux's kill-session does it: the pane's pty goes away under a running
app. warroom must exit within 5 s and keep what it recorded.

Textual's own shutdown can hang here (its writer thread dies on the dead pty and closing the
driver waits on it for ever); this is the case the lifecycle watchdog exists for.
"""

from __future__ import annotations

import random
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.support.tmux import Tmux

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]
WARROOM = Path(sys.executable).parent / "warroom"
SCENARIO = re.compile(r"scenario t\+(\d+)s")  # the simulated source's time, one per poll


def running(marker: str) -> bool:
    return subprocess.run(["pgrep", "-f", marker], capture_output=True).returncode == 0


def wait_for_polls(tmux: Tmux, polls: int, timeout: float = 30.0) -> None:
    """Until `polls` polls were shown (each brings its own scenario time to the source bar).
    The recorder takes a poll as it is ingested, before the screen shows it."""
    deadline = time.monotonic() + timeout
    seen: set[str] = set()
    while len(seen) < polls:
        assert time.monotonic() < deadline, f"{polls} polls not shown; screen:\n{tmux.screen()}"
        seen.update(SCENARIO.findall(tmux.screen()))
        time.sleep(0.05)


def test_killed_session_ends_the_app_and_keeps_history(tmp_path: Path) -> None:
    seed = random.randint(10_000, 99_999)  # makes this process findable by its command line
    marker = f"demo --seed {seed}"
    env = f"XDG_DATA_HOME={tmp_path} XDG_STATE_HOME={tmp_path} TERM=xterm-256color"
    tmux = Tmux.start(f"warroom-hup-{uuid.uuid4().hex[:8]}", f"env {env} {WARROOM} {marker}")
    try:
        wait_for_polls(tmux, 3)  # a few polls, not yet committed (commits are batched)
    finally:
        hung_up = time.monotonic()
        tmux.kill()
    while running(marker) and time.monotonic() - hung_up < 10:
        time.sleep(0.1)
    took = time.monotonic() - hung_up
    assert not running(marker), "warroom outlived its terminal"
    assert took < 5.0
    # `warroom demo` records to its own file, beside the live history.
    with sqlite3.connect(tmp_path / "warroom" / "history.demo.sqlite3") as db:
        polls, last = db.execute("SELECT count(*), max(ts) FROM polls").fetchone()
    assert polls >= 2
    assert time.time() - last < took + 3.0, "the polls just before the hang-up were kept"
