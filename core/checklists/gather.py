"""Reading what the automatic items need from slow places (the record, the audit log, the
tick store) into one `Gathered`. Blocking: the app runs it in a thread, the CLI directly."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from warroom.core.checklists.board import Gathered
from warroom.core.checklists.config import Checklist, MonitoredFor, NoTriggerSince, RunbookStepDone
from warroom.core.checklists.record import Coverage, LaunchRecord, RecordUnavailable
from warroom.core.checklists.state import Tick
from warroom.core.checklists.ticks import TickError, TickStore
from warroom.core.plan import Trigger

HOUR = 3600.0


class StepLog(Protocol):
    """Runbook audit records, for `runbook_step_done`. May block."""

    def step_records(self) -> list[dict[str, Any]]:
        """Every runbook record, oldest first. Raises RecordUnavailable."""


@dataclass(frozen=True, slots=True)
class Needs:
    """How much of the record the configured automatic items look at."""

    hours: float = 0.0
    min_gap: float = 0.0
    triggers: bool = False
    steps: bool = False


def needs_of(checklists: Sequence[Checklist]) -> Needs:
    rules = [i.auto for c in checklists for i in c.items if i.auto is not None]
    windows = [r for r in rules if isinstance(r, MonitoredFor | NoTriggerSince)]
    return Needs(
        hours=max((r.hours for r in windows), default=0.0),
        min_gap=min((r.max_gap_minutes * 60 for r in windows), default=0.0),
        triggers=any(isinstance(r, NoTriggerSince) for r in rules),
        steps=any(isinstance(r, RunbookStepDone) for r in rules),
    )


@dataclass(frozen=True, slots=True)
class Readers:
    """Where each part comes from. `sources` are the poll sources whose successes count as
    monitoring (the simulated launch in a demo, the vendors otherwise)."""

    ticks: TickStore
    record: LaunchRecord | None = None
    steps: StepLog | None = None
    sources: tuple[str, ...] = ()


def gather(
    readers: Readers,
    needs: Needs,
    triggers: Sequence[Trigger],
    now: float,
    *,
    ticks_only: bool = False,
) -> Gathered:
    """Reads everything `needs` asks for; `ticks_only` skips the slower parts (their places
    in the result say "not read yet"). Never raises: a failure is put in the result."""
    ticks: Mapping[str, Tick] = {}
    ticks_problem = ""
    try:
        ticks = readers.ticks.load()
    except TickError as exc:
        ticks_problem = f"ticks unreadable: {exc}"
    if ticks_only:
        return Gathered(ticks=ticks, ticks_problem=ticks_problem)
    coverage, times = _record(readers, needs, triggers, now)
    steps: Sequence[Mapping[str, Any]] | str = "no runbook item"
    if needs.steps:
        steps = _steps(readers.steps)
    return Gathered(coverage, times, steps, ticks, ticks_problem)


def _record(
    readers: Readers, needs: Needs, triggers: Sequence[Trigger], now: float
) -> tuple[Coverage | str, Mapping[str, float] | str]:
    if needs.hours <= 0:
        return "no monitoring item", "no trigger item"
    if readers.record is None:
        return "no history is kept in this run", "no history is kept in this run"
    if not readers.sources:
        return "no source is polled in this run", "no source is polled in this run"
    start = now - needs.hours * HOUR
    try:
        coverage: Coverage | str = readers.record.coverage(
            start, now, needs.min_gap, readers.sources
        )
    except RecordUnavailable as exc:
        coverage = str(exc)
    times: Mapping[str, float] | str = {}
    if needs.triggers:
        try:
            times = readers.record.trigger_times(start, now, triggers)
        except RecordUnavailable as exc:
            times = str(exc)
    return coverage, times


def _steps(log: StepLog | None) -> Sequence[Mapping[str, Any]] | str:
    if log is None:
        return "no runbook audit log in this run"
    try:
        return log.step_records()
    except RecordUnavailable as exc:
        return str(exc)
