"""The recorder writes what the poller saw and the reader gives the same records back."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from tests.history.conftest import T0, Clock, record_launch
from warroom.core.errors import RateLimited
from warroom.core.history.reader import HistoryReader
from warroom.core.history.recorder import HistoryRecorder
from warroom.core.model import ExternalAlert, FetchResult, Issue, Monitor, Priority, Reading, SlowOp
from warroom.core.poller import PollOutcome
from warroom.core.runbook.audit import AuditLog

RESULT = FetchResult(
    readings=(Reading("error_rate", T0, 0.25), Reading("page_load", T0 - 5, None)),
    issues=(Issue("PROJ-1", "Boom <b>", "error", 12, 3, T0 - 60, T0, trend=(1, 2)),),
    monitors=(Monitor("1", "API latency", "Warn", ("team:web",)),),
    slow_ops=(SlowOp("op1", "find", "app.users", 7.5, "COLLSCAN"),),
    alerts=(ExternalAlert("dd:1", "datadog", Priority.HIGH, "Checkout errors"),),
    info={"budget": "1599/1600"},
)


def recorder(
    path: Path, clock: Clock, commit_seconds: float = 5.0, *, simulated: bool = False
) -> HistoryRecorder:
    rec = HistoryRecorder(
        path, commit_seconds=commit_seconds, clock=clock, monotonic=clock, simulated=simulated
    )
    assert rec.open()
    return rec


def test_round_trip_of_results_and_failures(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    rec = recorder(path, Clock())
    rec.observe(PollOutcome("datadog", T0, 0.3, result=RESULT, next_in=30))
    failure = RateLimited("429 metrics_query", retry_after=42)
    rec.observe(PollOutcome("datadog", T0 + 30, 0.1, error=failure, next_in=42))
    rec.close()
    with HistoryReader(path) as reader:
        first, second = list(reader.outcomes(T0 - 1, T0 + 60))
        assert reader.span() == (T0, T0 + 30)
    assert first.result == RESULT and first.next_in == 30 and first.latency == 0.3
    assert isinstance(second.error, RateLimited)
    assert second.error.reason == "429 metrics_query" and second.error.retry_after == 42


def test_wal_mode_and_batched_commits(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    clock = Clock()
    rec = recorder(path, clock, commit_seconds=5)
    other = sqlite3.connect(path)
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    for n in range(4):  # four polls within one 5 s batch: nothing visible to others yet
        clock.now = T0 + n
        rec.observe(PollOutcome("sim", clock.now, 0.0, result=RESULT))
    assert other.execute("SELECT count(*) FROM polls").fetchone()[0] == 0
    assert rec.commits == 0
    clock.now = T0 + 5  # the batch window has passed: this poll commits all five at once
    rec.observe(PollOutcome("sim", clock.now, 0.0, result=RESULT))
    assert other.execute("SELECT count(*) FROM polls").fetchone()[0] == 5
    assert rec.commits == 1
    other.close()
    rec.close()


def test_retention_deletes_old_records_as_it_runs(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    clock = Clock()
    rec = HistoryRecorder(path, retention_days=1, commit_seconds=1, clock=clock, monotonic=clock)
    assert rec.open()
    for hour in range(0, 48, 2):
        clock.now = T0 + hour * 3600
        rec.observe(PollOutcome("datadog", clock.now, 0.0, result=RESULT))
    rec.close()
    with HistoryReader(path) as reader:
        span = reader.span()
    assert span is not None
    # Nothing older than a day before the last retention pass (every 10 minutes of runtime).
    assert span[0] >= T0 + 46 * 3600 - 86400 - 2 * 3600
    assert span[1] == T0 + 46 * 3600


def test_alert_trigger_and_audit_events_reach_the_timeline(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    clock, _ = record_launch(path, polls=40, step=5.0, revert_after=150.0)
    log = AuditLog(tmp_path / "audit.jsonl", user="ana", host="bastion", clock=clock)
    rec = recorder(path, clock, simulated=True)  # the same file: record_launch is simulated
    log.add_sink(rec)
    log.append("finished", step="revert_deployment", outcome="ok")
    rec.close()
    with HistoryReader(path) as reader:
        events = reader.events(T0, clock.now + 1)
    raised = [(e.kind, e.key) for e in events if e.state == "raised"]
    assert ("alert", "high_error_rate") in raised
    assert ("trigger", "rollback_error_rate") in raised
    cleared = [e.key for e in events if e.state == "cleared"]
    assert "rollback_error_rate" in cleared  # the revert ended the incident
    audit = [e for e in events if e.kind == "audit"]
    assert audit and audit[0].data["user"] == "ana" and "revert_deployment" in audit[0].text()


def test_an_audit_record_written_on_another_thread_keeps_recording_on(tmp_path: Path) -> None:
    # A checklist tick is appended to the audit log from a worker thread, and SQLite lets only
    # the thread that opened a connection use it.
    path = tmp_path / "h.sqlite3"
    clock = Clock(T0)
    rec = recorder(path, clock)
    log = AuditLog(tmp_path / "audit.jsonl", user="ana", host="bastion", clock=clock)
    log.add_sink(rec)
    tick = threading.Thread(target=lambda: log.append("ticked", item="db_migration_verified"))
    tick.start()
    tick.join()
    assert rec.active and rec.warning is None
    clock.now += 1.0
    rec.observe(PollOutcome("datadog", clock.now, 0.01, result=RESULT, next_in=30))
    rec.close()
    with HistoryReader(path) as reader:
        audit = [e for e in reader.events(T0 - 60, clock.now + 1) if e.kind == "audit"]
        polls = list(reader.outcomes(T0 - 60, clock.now + 1))
    assert [e.key for e in audit] == ["db_migration_verified"] and len(polls) == 1


def test_rollout_changes_are_flag_events_in_the_timeline(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    clock, _ = record_launch(path, polls=200, step=10.0, revert_after=1000.0)
    with HistoryReader(path) as reader:
        flags = reader.events(T0, clock.now, ("flag",))
    assert [(e.ts - T0, e.key, e.data["from"], e.data["to"]) for e in flags] == [
        (30.0, "rollout_pct", 5.0, 15.0),
        (60.0, "rollout_pct", 15.0, 50.0),
        (1000.0, "rollout_pct", 50.0, 0.0),  # the revert
    ]
    assert flags[-1].text() == "flag rollout_pct changed: 50% → 0%"


def test_a_second_recorder_on_the_same_file_stands_aside(tmp_path: Path) -> None:
    # Two people on one bastion account: the same history file. The first records for both.
    path = tmp_path / "h.sqlite3"
    clock = Clock(T0)
    first = recorder(path, clock, commit_seconds=60.0)
    first.observe(PollOutcome("datadog", clock.now, 0.01, result=RESULT, next_in=30))  # a batch
    second = HistoryRecorder(path, clock=clock, monotonic=clock)
    assert not second.open()
    assert second.warning == f"history: another warroom records to {path}; this one does not"
    clock.now += 1.0
    first.observe(PollOutcome("datadog", clock.now, 0.01, result=RESULT, next_in=30))
    assert first.active and first.warning is None
    first.close()
    third = recorder(path, clock)  # the first one left: the file is free again
    third.close()
    with HistoryReader(path) as reader:
        assert len(list(reader.outcomes(T0 - 1, clock.now + 1))) == 2
    assert sorted(p.name for p in tmp_path.iterdir() if "lock" in p.name) == []
