"""The recorder: every poll outcome, alert, trigger and rollout change and audit record, to
SQLite.

Writes go into one open transaction that is committed every `commit_seconds` (batched
commits: one fsync per batch, not per poll), so a crash loses at most the last batch and WAL
mode keeps the file consistent. Retention is enforced as it runs. Any failure (disk full,
read-only directory, corrupt file) turns recording off with a one-line `warning`; the
dashboard carries on, and nothing is raised into the app.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import logging
import os
import queue
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from warroom.core.dashboard import ROLLOUT_METRIC
from warroom.core.history.codec import encode_result, error_fields
from warroom.core.history.events import ChangeTracker, Event
from warroom.core.history.schema import HistoryUnavailable, connect, describe
from warroom.core.model import Alert
from warroom.core.poller import PollOutcome

log = logging.getLogger(__name__)
DAY = 86400.0
PRUNE_EVERY = 600.0  # seconds between retention passes (monotonic)
TAKE_OVER_EVERY = 10.0
"""Seconds between tries of a recorder that stood aside to take the file's lock over, once
the warroom that held it has quit (monotonic)."""


class AlertSource(Protocol):
    """What the recorder needs from the dashboard to log alert and trigger changes."""

    def alerts(self, now: float | None = None) -> list[Alert]: ...
    def triggers(self, now: float | None = None) -> list[Alert]: ...


class HistoryRecorder:
    """Construction does no I/O; `open()` does. Use `observe` as an app observer and the
    recorder itself as an `AuditSink`."""

    def __init__(
        self,
        path: Path,
        *,
        retention_days: float = 14.0,
        commit_seconds: float = 5.0,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        simulated: bool = False,
    ) -> None:
        self.path = path
        self.simulated = simulated
        """Records the simulated launch: the file is marked so, and refused if it holds real
        polls (and a real run refuses a simulated file)."""
        self.retention = retention_days * DAY
        self.commit_seconds = commit_seconds
        self.warning: str | None = None
        """Why recording is off (shown on screen), or None while it works."""
        self.on_warning: Callable[[str], None] | None = None
        self._clock = clock
        self._mono = monotonic
        self._conn: sqlite3.Connection | None = None
        self._batch_started: float | None = None
        self._last_prune = float("-inf")
        self._tracker = ChangeTracker()
        self._dashboard: AlertSource | None = None
        self.commits = 0
        self._owner: int | None = None
        """The thread that opened the connection: SQLite lets only it use the connection."""
        self._handed: queue.SimpleQueue[Event] = queue.SimpleQueue()
        """Audit records received on another thread, written with the owner's next write."""
        self._lock_fd: int | None = None
        self.standing_aside = False
        """Another warroom records to the file: this one tries to take over every
        `TAKE_OVER_EVERY` seconds, and records from then on."""
        self.on_taken_over: Callable[[str], None] | None = None
        self._tried_at = float("-inf")

    def __repr__(self) -> str:
        return f"HistoryRecorder({str(self.path)!r})"

    @property
    def active(self) -> bool:
        return self._conn is not None

    def open(self) -> bool:
        """Opens the file. Returns False (and sets `warning`) when it cannot be used, or when
        another warroom records to it already (see `_claim`)."""
        if self._lock_fd is None and not self._claim():
            return False
        try:
            self._conn = connect(self.path, kind="simulated" if self.simulated else "live")
            self._owner = threading.get_ident()
        except HistoryUnavailable as exc:
            self._off(str(exc))
            return False
        self._guarded(self._prune)
        return True

    def _claim(self) -> bool:
        """Takes the file's lock (`<file>.lock`, held while recording). A second warroom on
        the same file (two people on one bastion account) would otherwise fight the first
        for SQLite's write lock at every batch, and lose: the first records for both, and
        this one says so rather than writing the same polls twice."""
        lock = self.path.with_name(self.path.name + ".lock")
        try:
            lock.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return True  # no lock to be had: SQLite's own locking still guards the file
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            # The holder removes the file as it quits: a lock taken on the file it removed
            # (opened just before) would leave this one and the next both recording.
            if os.fstat(fd).st_ino != os.stat(lock).st_ino:
                raise OSError("lock file replaced")
        except OSError:
            os.close(fd)
            if not self.standing_aside:  # said once, not at every try to take over
                self.standing_aside = True
                self._off(f"history: another warroom records to {self.path}; this one does not")
            return False
        self._lock_fd = fd
        return True

    def _take_over(self) -> None:
        """A recorder standing aside: records from now on if the other warroom has quit."""
        now = self._mono()
        if now - self._tried_at < TAKE_OVER_EVERY:
            return
        self._tried_at = now
        if not self._claim():
            return
        warning, self.warning = self.warning, None
        self.standing_aside = False
        if not self.open():  # the file itself failed: `warning` says why
            return
        log.info("history: %s is free again: recording (%s)", self.path, warning)
        if self.on_taken_over is not None:
            self.on_taken_over(f"history: the other warroom left; recording to {self.path}")

    def _release(self) -> None:
        """Gives the lock up, and removes its file: while this process holds it nobody else
        uses the file, and a history folder keeps only the history."""
        fd, self._lock_fd = self._lock_fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.path.with_name(self.path.name + ".lock"))
            os.close(fd)  # and with it the lock

    def attach(self, dashboard: AlertSource) -> None:
        """Logs alert and trigger changes of this dashboard after every poll."""
        self._dashboard = dashboard

    # ------------------------------------------------------------------ writing

    def observe(self, outcome: PollOutcome) -> None:
        """Records one poll outcome (an app observer). Never raises."""
        if self._conn is None and self.standing_aside:
            self._take_over()
        if self._conn is not None:
            self._guarded(lambda: self._record(outcome))

    def receive(self, record: Mapping[str, Any]) -> None:
        """AuditSink: stores a runbook audit record in the timeline. Never raises; callable
        from any thread (a checklist tick is written from a worker thread): off the owner's
        thread the record waits for the owner's next write or flush."""
        if self._conn is None:
            return
        ts = _iso_ts(record.get("ts")) or self._clock()
        key = record.get("step") or record.get("item") or "-"
        event = Event(ts, "audit", str(key), dict(record))
        if threading.get_ident() != self._owner:
            self._handed.put(event)
            return
        self._guarded(lambda: self._write_events([event]))

    def record_events(self, events: Sequence[Event]) -> None:
        if self._conn is not None and events:
            self._guarded(lambda: self._write_events(events))

    def flush(self) -> None:
        """Commits the open batch now, with the audit records handed over from other threads."""
        if self._conn is not None:
            self._guarded(self._write_handed)
            self._guarded(self._commit)

    def _write_handed(self) -> None:
        events: list[Event] = []
        while True:
            try:
                events.append(self._handed.get_nowait())
            except queue.Empty:
                break
        if events:
            self._write_events(events)

    def close(self) -> None:
        self.flush()
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self._release()

    # ------------------------------------------------------------------ internals

    def _record(self, outcome: PollOutcome) -> None:
        self._write_handed()
        conn = self._begin()
        if outcome.error is not None:
            kind, why, retry = error_fields(outcome.error)
            row: tuple[Any, ...] = (kind, why, retry, None)
        else:
            assert outcome.result is not None
            row = (None, None, None, encode_result(outcome.result))
        conn.execute(
            "INSERT INTO polls (ts, source, latency, next_in, error_kind, error, retry_after,"
            " payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (outcome.started, outcome.source, outcome.latency, outcome.next_in, *row),
        )
        self._write_events(self._changes(outcome))
        self._maybe_commit()

    def _changes(self, outcome: PollOutcome) -> list[Event]:
        """The timeline rows this poll causes: source state, alerts, triggers, rollout."""
        now = self._clock()
        failed = outcome.error.reason if outcome.error is not None else None
        events = self._tracker.source(outcome.source, now, failed)
        if self._dashboard is not None:
            events += self._tracker.alerts("alert", now, self._dashboard.alerts(now))
            events += self._tracker.alerts("trigger", now, self._dashboard.triggers(now))
        readings = outcome.result.readings if outcome.result is not None else ()
        for reading in readings:
            if reading.metric == ROLLOUT_METRIC and reading.value is not None:
                events += self._tracker.flag(ROLLOUT_METRIC, reading.ts, reading.value)
        return events

    def _write_events(self, events: Sequence[Event]) -> None:
        conn = self._begin()
        conn.executemany(
            "INSERT INTO events (ts, kind, key, data) VALUES (?, ?, ?, ?)",
            [(e.ts, e.kind, e.key, json.dumps(e.data, default=str)) for e in events],
        )
        self._maybe_commit()

    def _begin(self) -> sqlite3.Connection:
        conn = self._conn
        assert conn is not None
        if self._batch_started is None:
            conn.execute("BEGIN")
            self._batch_started = self._mono()
        return conn

    def _maybe_commit(self) -> None:
        started = self._batch_started
        if started is not None and self._mono() - started >= self.commit_seconds:
            self._commit()
            if self._mono() - self._last_prune >= PRUNE_EVERY:
                self._prune()

    def _commit(self) -> None:
        if self._conn is not None and self._batch_started is not None:
            self._conn.execute("COMMIT")
            self._batch_started = None
            self.commits += 1

    def _prune(self) -> None:
        """Deletes what is older than the retention, in its own small transaction."""
        conn = self._conn
        assert conn is not None
        cutoff = self._clock() - self.retention
        self._commit()
        conn.execute("BEGIN")
        conn.execute("DELETE FROM polls WHERE ts < ?", (cutoff,))
        conn.execute("DELETE FROM events WHERE ts < ?", (cutoff,))
        conn.execute("COMMIT")
        self._last_prune = self._mono()

    def _guarded(self, action: Callable[[], None]) -> None:
        try:
            action()
        except (sqlite3.Error, OSError) as exc:
            self._off(describe(exc, self.path))

    def _off(self, warning: str) -> None:
        log.warning("%s", warning)
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None
        self._release()
        self._batch_started = None
        if self.warning is None:
            self.warning = warning
            if self.on_warning is not None:
                self.on_warning(warning)


def _iso_ts(value: object) -> float | None:
    try:
        return dt.datetime.fromisoformat(str(value)).timestamp()
    except ValueError:
        return None
