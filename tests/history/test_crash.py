"""kill -9 of a recording process loses at most the open batch and never corrupts the file."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.history.crash_writer import PER_BATCH

ROOT = Path(__file__).resolve().parents[2]


def test_kill_9_loses_at_most_the_last_batch(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.history.crash_writer", str(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    committed = 0
    for line in child.stdout:
        committed = int(line.split()[1])
        if committed >= 30 * PER_BATCH:
            break
    os.kill(child.pid, signal.SIGKILL)  # mid-batch: the next batch was already being written
    child.wait(timeout=10)
    child.stdout.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = conn.execute("SELECT count(*) FROM polls").fetchone()[0]
    conn.close()
    assert rows >= committed  # every reported commit survived
    assert rows % PER_BATCH == 0  # and no half batch: the open one vanished whole
