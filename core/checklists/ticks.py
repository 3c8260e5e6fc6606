"""Manual ticks. Each tick or un-tick is a record in the runbook's audit log (the same
fsync'd JSONL file and its sinks: the history timeline, the shared `audit` collection), and
the latest record of an item is its state. A shared store (collector/checklist_store.py)
implements the same `TickStore` for a whole war room."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from warroom.core.checklists.state import Tick
from warroom.core.runbook.audit import AuditError, AuditLog

TICK_EVENTS = ("ticked", "unticked")
NOTE_LIMIT = 500  # characters; a note is a line of evidence, not a document


class TickError(Exception):
    """A tick could not be recorded or the ticks could not be read; one line for people."""


class TickStore(Protocol):
    """Where manual ticks live. Calls may block (run them in a thread)."""

    def load(self) -> dict[str, Tick]:
        """Item id -> its latest tick or un-tick. Raises TickError."""

    def tick(self, checklist: str, item: str, text: str, ticked: bool, note: str) -> Tick:
        """Records one tick (`ticked`) or un-tick. Returns it. Raises TickError; then nothing
        changed."""


def parse_ts(value: object) -> float | None:
    try:
        return dt.datetime.fromisoformat(str(value)).timestamp()
    except ValueError:
        return None


def tick_of(record: Mapping[str, Any]) -> Tick | None:
    """The Tick in one audit record, or None when it is not a readable tick record."""
    at = parse_ts(record.get("ts"))
    item = record.get("item")
    if record.get("event") not in TICK_EVENTS or at is None or not isinstance(item, str):
        return None
    return Tick(
        item=item,
        ticked=record.get("event") == "ticked",
        user=str(record.get("user", "?")),
        host=str(record.get("host", "?")),
        at=at,
        note=str(record.get("note") or ""),
    )


def latest_ticks(records: Iterable[Mapping[str, Any]], demo: bool) -> dict[str, Tick]:
    """Item id -> latest tick, from records of the same kind of session (a demo never
    inherits a live tick, nor the other way round)."""
    out: dict[str, Tick] = {}
    for record in records:
        if bool(record.get("demo")) != demo:
            continue
        tick = tick_of(record)
        if tick is not None and (tick.item not in out or tick.at >= out[tick.item].at):
            out[tick.item] = tick
    return out


def clean_note(note: str) -> str:
    return " ".join(note.split())[:NOTE_LIMIT]


class AuditTicks:
    """Ticks kept in the local audit log. Re-reads the file only when it changed, so another
    warroom on the same machine and log sees the same ticks."""

    def __init__(self, audit: AuditLog, *, demo: bool = False) -> None:
        self.audit = audit
        self.demo = demo
        self._seen: tuple[int, int] | None = None
        self._ticks: dict[str, Tick] = {}

    def __repr__(self) -> str:
        return f"AuditTicks({self.audit!r})"

    def load(self) -> dict[str, Tick]:
        try:
            stat = os.stat(self.audit.path)
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise TickError(f"audit log {self.audit.path}: {exc.strerror or exc}") from None
        mark = (stat.st_size, stat.st_mtime_ns)
        if mark != self._seen:
            try:
                records = self.audit.read().records
            except OSError as exc:
                raise TickError(f"audit log {self.audit.path}: {exc.strerror or exc}") from None
            self._ticks = latest_ticks(records, self.demo)
            self._seen = mark
        return dict(self._ticks)

    def tick(self, checklist: str, item: str, text: str, ticked: bool, note: str) -> Tick:
        try:
            record = self.audit.append(
                "ticked" if ticked else "unticked",
                checklist=checklist,
                item=item,
                title=text,
                note=clean_note(note) or None,
                demo=self.demo or None,
            )
        except AuditError as exc:
            raise TickError(str(exc)) from None
        found = tick_of(record)
        assert found is not None  # we just wrote a tick record
        self._ticks[item] = found
        return found
