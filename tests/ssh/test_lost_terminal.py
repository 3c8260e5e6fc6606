"""A dropped SSH session: SIGHUP, or the pty vanishing, ends warroom within 5 s and what it
recorded is kept (the recorder is closed through the normal exit path, not killed)."""

from __future__ import annotations

import math
import os
import pty
import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ssh.pty_run import PtyApp
from warroom.core.history.reader import HistoryReader
from warroom.core.history.schema import demo_file
from warroom.tui.lifecycle import terminal_alive

EXIT_BUDGET = 5.0
SCENARIO = re.compile(rb"scenario t\+(\d+)s")  # the simulated source's time, one per poll


@pytest.fixture
def history_config(tmp_path: Path) -> Path:
    # Commits are batched far apart, so only a clean close can have written the polls.
    path = tmp_path / "warroom.toml"
    history = tmp_path / "history.sqlite3"
    path.write_text(f'[history]\npath = "{history}"\ncommit_seconds = 3600\n')
    return path


@pytest.fixture
def app_in_pty(history_config: Path) -> Iterator[PtyApp]:
    app = PtyApp(["demo", "--config", str(history_config)])
    yield app
    app.kill()


def _exit_time(app: PtyApp) -> float:
    started = time.monotonic()
    app.proc.wait(timeout=EXIT_BUDGET + 5)
    return time.monotonic() - started


def _wait_for_polls(app: PtyApp, polls: int, timeout: float = 20.0) -> None:
    """Reads the terminal until `polls` polls were shown (each brings its own scenario time to
    the source bar). The recorder takes a poll as it is ingested, before the screen shows it."""
    app.wait_until(lambda out: len(set(SCENARIO.findall(out))) >= polls, f"{polls} polls", timeout)


def _recorded_polls(config: Path) -> int:
    with HistoryReader(demo_file(config.parent / "history.sqlite3")) as reader:
        return len(reader.times(0.0, math.inf))


def test_sighup_ends_within_5s_and_keeps_history(app_in_pty: PtyApp, history_config: Path) -> None:
    app_in_pty.wait_for(b"Executive")
    _wait_for_polls(app_in_pty, 3)  # a few 1 Hz polls are recorded (but not yet committed)
    app_in_pty.keep_reading()
    app_in_pty.proc.send_signal(signal.SIGHUP)
    assert _exit_time(app_in_pty) < EXIT_BUDGET
    assert _recorded_polls(history_config) >= 2


def test_vanished_pty_ends_within_5s_and_keeps_history(
    app_in_pty: PtyApp, history_config: Path
) -> None:
    # No controlling terminal here (own session), so no SIGHUP arrives: only the dead
    # terminal itself can tell the app, as when a wrapper ignores the signal.
    app_in_pty.wait_for(b"Executive")
    _wait_for_polls(app_in_pty, 3)
    app_in_pty.close_master()
    assert _exit_time(app_in_pty) < EXIT_BUDGET
    assert _recorded_polls(history_config) >= 2


def test_terminal_alive_tells_a_hung_up_pty() -> None:
    master, slave = pty.openpty()
    try:
        assert terminal_alive(slave)
        os.close(master)
        assert not terminal_alive(slave)
    finally:
        os.close(slave)
    assert not terminal_alive(slave)  # a closed descriptor is not a terminal either
