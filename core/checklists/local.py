"""The readers of a warroom that is not part of a shared store: ticks and runbook records
from the local audit log, the record from the local history file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from warroom.core.checklists.gather import Readers
from warroom.core.checklists.history_record import HistoryRecord
from warroom.core.checklists.record import RecordUnavailable
from warroom.core.checklists.ticks import AuditTicks
from warroom.core.runbook.audit import AuditLog


class AuditSteps:
    """Runbook records of the local audit log (StepLog)."""

    def __init__(self, audit: AuditLog) -> None:
        self.audit = audit

    def step_records(self) -> list[dict[str, Any]]:
        """Raises RecordUnavailable when the file exists but cannot be read."""
        try:
            records = self.audit.read().records
        except OSError as exc:
            raise RecordUnavailable(f"audit log {self.audit.path}: {exc.strerror or exc}") from None
        return [r for r in records if "step" in r]


def local_readers(
    audit: AuditLog, history: Path | None, sources: Sequence[str], *, demo: bool
) -> Readers:
    """Readers over the audit log and, when history is kept, the history file."""
    return Readers(
        ticks=AuditTicks(audit, demo=demo),
        record=HistoryRecord(history) if history is not None else None,
        steps=AuditSteps(audit),
        sources=tuple(sources),
    )
