"""The history file: a 0-byte file is a new one (state and message agree), another program's
database is never modified, the file is private (0600), and a valid file on read-only media
can still be reported on."""

from __future__ import annotations

import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.history.conftest import live_app, plan, record_real
from warroom.core.history.reader import HistoryReader
from warroom.core.history.recorder import HistoryRecorder
from warroom.core.history.schema import HistoryUnavailable, NoHistoryYet
from warroom.core.model import FetchResult, Reading
from warroom.core.poller import PollOutcome
from warroom.tui.history_setup import recording

NOW = 1_700_000_000.0


def poll(ts: float) -> PollOutcome:
    result = FetchResult(readings=(Reading("error_rate", ts, 0.2),))
    return PollOutcome("datadog", ts, 0.1, result=result, next_in=30.0)


def test_a_zero_byte_file_records_and_says_nothing_is_off(tmp_path: Path) -> None:
    history = tmp_path / "h.sqlite3"
    history.touch()
    config = plan(tmp_path, str(history))
    app = live_app(config)
    with recording(app, config) as recorder:
        assert recorder is not None and recorder.active
        assert "HISTORY OFF" not in app.mode
        recorder.observe(poll(NOW))
    with HistoryReader(history) as reader:
        assert reader.times(0, NOW + 1) == [NOW]


def test_an_empty_file_is_no_history_yet_for_readers(tmp_path: Path) -> None:
    history = tmp_path / "h.sqlite3"
    history.touch()
    with pytest.raises(NoHistoryYet):
        HistoryReader(history)


@pytest.fixture
def foreign(tmp_path: Path) -> Path:
    path = tmp_path / "other-app.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO users (name) VALUES ('ana')")
    conn.commit()
    conn.close()
    return path


def test_another_programs_database_is_never_modified(foreign: Path, tmp_path: Path) -> None:
    before = (foreign.read_bytes(), foreign.stat().st_mtime_ns, foreign.stat().st_mode)
    recorder = HistoryRecorder(foreign)
    assert recorder.open() is False
    assert (
        recorder.warning == f"history off (not a warroom history file, left untouched): {foreign}"
    )
    recorder.observe(poll(NOW))
    recorder.close()
    with pytest.raises(HistoryUnavailable, match="not a warroom history file"):
        HistoryReader(foreign)
    config = plan(tmp_path, str(foreign))
    app = live_app(config)
    with recording(app, config):
        assert "HISTORY OFF" in app.mode
    after = (foreign.read_bytes(), foreign.stat().st_mtime_ns, foreign.stat().st_mode)
    assert after == before
    assert sorted(p.name for p in foreign.parent.iterdir()) == [foreign.name, "warroom.toml"]


def test_report_on_a_foreign_file_is_one_line_exit_2(foreign: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "warroom", "report", "--history", str(foreign)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"warroom report: history off (not a warroom history file, left untouched): {foreign}"
    ]


def test_the_history_file_is_created_private(tmp_path: Path) -> None:
    history = tmp_path / "new" / "h.sqlite3"
    recorder = HistoryRecorder(history, commit_seconds=0)
    assert recorder.open()
    recorder.observe(poll(NOW))
    files = [history, history.with_name("h.sqlite3-wal"), history.with_name("h.sqlite3-shm")]
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in files if p.exists()}
    recorder.close()
    assert modes and set(modes.values()) == {0o600}, modes


def test_an_older_world_readable_history_file_is_made_private(tmp_path: Path) -> None:
    history = tmp_path / "h.sqlite3"
    record_real(history, polls=2, step=1.0, start=NOW)
    history.chmod(0o644)
    recorder = HistoryRecorder(history)
    assert recorder.open()
    recorder.close()
    assert stat.S_IMODE(history.stat().st_mode) == 0o600


def _read_only_mounts_work() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True, check=False)
    return probe.returncode == 0


@pytest.mark.skipif(not _read_only_mounts_work(), reason="needs unshare -rm (mount namespaces)")
def test_report_reads_a_valid_file_on_read_only_media(tmp_path: Path) -> None:
    media = tmp_path / "media"
    media.mkdir()
    history = media / "h.sqlite3"
    record_real(history, polls=20, step=30.0, start=NOW)
    assert sorted(p.name for p in media.iterdir()) == ["h.sqlite3"]  # no -wal, no -shm left
    report = f"{sys.executable} -m warroom report --history {history} --from {NOW - 1}"
    script = f"mount -o bind,ro {media} {media} && touch {media}/w; {report} --to {NOW + 900}"
    result = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, timeout=60
    )
    assert "Read-only file system" in result.stderr  # the media really is read-only
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Daily review — ")
    assert "20 polls recorded" in result.stdout
