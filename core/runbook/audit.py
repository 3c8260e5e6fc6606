"""The audit log: append-only JSONL, one fsync'd line per event.

A "started" record reaches the disk before an action begins, so that a crash mid-action
leaves evidence; "finished" follows with the outcome. Other components (a shared MongoDB
store for a war room, say) can subscribe as sinks; the file stays the primary record and a
failing sink never stops it.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import logging
import os
import socket
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol

from warroom.core.paths import UserDir, user_dir
from warroom.core.runbook.audit_read import ReadResult, read_log

log = logging.getLogger(__name__)

EVENTS = ("started", "finished", "cancelled", "dry_run", "refused", "ticked", "unticked")
"""started/finished bracket an action; cancelled: a confirmation was declined; dry_run: a
confirmed step under --dry-run; refused: the step could not start (audit or setup failure);
ticked/unticked: a manual checklist item (fields checklist, item, title, note)."""


class AuditError(OSError):
    """The audit log cannot be written. No action may run without its record."""


class AuditSink(Protocol):
    """Receives every record after it is safely in the file."""

    def receive(self, record: Mapping[str, Any]) -> None: ...


def default_audit_path(env: Mapping[str, str] | None = None) -> Path:
    """`$XDG_STATE_HOME/warroom/audit.jsonl` (XDG default: ~/.local/state)."""
    return user_dir(UserDir.STATE, env) / "audit.jsonl"


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers) and no LOGNAME/USER
        return f"uid:{os.getuid()}"


class AuditLog:
    """Appends records to one JSONL file. Construction does no I/O."""

    def __init__(
        self,
        path: Path,
        *,
        user: str | None = None,
        host: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = path
        self.user = user or _user()
        self.host = host or socket.gethostname()
        self._clock = clock
        self._sinks: list[AuditSink] = []

    def __repr__(self) -> str:
        return f"AuditLog({str(self.path)!r})"

    def add_sink(self, sink: AuditSink) -> None:
        self._sinks.append(sink)

    def remove_sink(self, sink: AuditSink) -> None:
        self._sinks.remove(sink)

    def append(self, event: str, **fields: Any) -> dict[str, Any]:
        """Writes one record and fsyncs it before returning.

        Returns:
            The record as written.
        Raises:
            AuditError: the file could not be written or synced.
        """
        record = self.record(event, **fields)
        self.write(record)
        return record

    def record(self, event: str, **fields: Any) -> dict[str, Any]:
        """A record stamped now with this log's user and host, not yet written (for callers
        whose primary record is elsewhere and which write the copy after it)."""
        now = self._clock()
        return {
            "ts": dt.datetime.fromtimestamp(now, dt.UTC).isoformat(timespec="milliseconds"),
            "event": event,
            "user": self.user,
            "host": self.host,
            **{k: v for k, v in fields.items() if v is not None},
        }

    def write(self, record: Mapping[str, Any]) -> None:
        """Appends a record, fsyncs it, then hands it to the sinks.

        Raises:
            AuditError: the file could not be written or synced.
        """
        line = json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n"
        try:
            self._write(line.encode("utf-8"))
        except OSError as exc:
            raise AuditError(f"audit log {self.path}: {exc.strerror or exc}") from None
        for sink in list(self._sinks):
            try:
                sink.receive(record)
            except Exception:  # a sink is secondary: its failure must not stop the runbook
                log.exception("audit sink %r failed", sink)

    def _write(self, data: bytes) -> None:
        created = not self.path.exists()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            size = os.fstat(fd).st_size
            # A crash mid-write can leave a last line without its newline: start a fresh line
            # so the new record is not glued onto the broken one.
            if size and os.pread(fd, 1, size - 1) != b"\n":
                data = b"\n" + data
            view = memoryview(data)
            while view:  # a nearly full disk can take part of it: the rest, or ENOSPC
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        if created:
            _fsync_dir(self.path.parent)

    def read(self) -> ReadResult:
        """Every readable record; broken lines are reported in `problems` and skipped."""
        return read_log(self.path)


def _fsync_dir(path: Path) -> None:
    """Makes a new file's directory entry durable too."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems refuse fsync on directories; the file itself is synced
    finally:
        os.close(fd)
