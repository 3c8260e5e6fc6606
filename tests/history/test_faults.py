"""A full disk, a read-only directory or a corrupt file turn recording off with a warning."""

from __future__ import annotations

from pathlib import Path

from tests.history.conftest import T0, Clock
from warroom.core.history.recorder import HistoryRecorder
from warroom.core.model import FetchResult, Reading
from warroom.core.poller import PollOutcome

BIG = FetchResult(readings=tuple(Reading(f"m{n}", T0, float(n)) for n in range(400)))


def outcome(ts: float) -> PollOutcome:
    return PollOutcome("sim", ts, 0.0, result=BIG)


def test_read_only_directory_warns_and_records_nothing() -> None:
    warnings: list[str] = []
    rec = HistoryRecorder(Path("/sys/warroom-test/history.sqlite3"))
    rec.on_warning = warnings.append
    assert rec.open() is False
    rec.observe(outcome(T0))  # must not raise
    rec.close()
    assert rec.warning is not None and rec.warning.startswith("history off (read-only)")
    assert warnings == [rec.warning]


def test_corrupt_file_warns_and_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    garbage = b"this is not sqlite at all " * 200
    path.write_bytes(garbage)
    rec = HistoryRecorder(path)
    assert rec.open() is False
    rec.observe(outcome(T0))
    assert rec.warning is not None and "file corrupt" in rec.warning
    assert path.read_bytes() == garbage  # evidence kept for whoever investigates


def test_disk_full_mid_run_turns_recording_off(tmp_path: Path) -> None:
    clock = Clock()
    rec = HistoryRecorder(tmp_path / "h.sqlite3", commit_seconds=0, clock=clock, monotonic=clock)
    assert rec.open()
    assert rec._conn is not None
    # SQLite's own "database or disk is full" path, without filling a real disk.
    page_count = rec._conn.execute("PRAGMA page_count").fetchone()[0]
    rec._conn.execute(f"PRAGMA max_page_count = {page_count + 2}")
    for n in range(50):
        clock.now = T0 + n
        rec.observe(outcome(clock.now))
    assert rec.active is False
    assert rec.warning is not None and "disk full" in rec.warning


def test_read_only_file_mid_run(tmp_path: Path) -> None:
    clock = Clock()
    rec = HistoryRecorder(tmp_path / "h.sqlite3", commit_seconds=0, clock=clock, monotonic=clock)
    assert rec.open()
    assert rec._conn is not None
    rec._conn.execute("PRAGMA query_only = ON")  # writes now fail as on a read-only file
    rec.observe(outcome(T0))
    assert rec.warning is not None and "read-only" in rec.warning
