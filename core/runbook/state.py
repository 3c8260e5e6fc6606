"""What the runbook knows about each step: its state and how its last attempt ended."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


class StepState(enum.Enum):
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"
    UNKNOWN = "unknown outcome"
    """A "started" audit record without its "finished" one: the app died mid-action."""
    DRY_RUN = "dry run"
    """Confirmed and recorded under --dry-run; nothing ran."""


# A step in these states may be started (again); RUNNING and DONE may not.
STARTABLE = frozenset({StepState.PENDING, StepState.FAILED, StepState.CANCELLED, StepState.UNKNOWN})


@dataclass(frozen=True, slots=True)
class Outcome:
    """How one attempt ended. `detail` is one line, already masked."""

    state: StepState
    detail: str = ""
    exit_code: int | None = None
    http_status: int | None = None
    event_id: str | None = None
    change: Mapping[str, Any] | None = None
    """What the action changed in another system (flag actions: provider, environment, flags,
    before and after), recorded with the "finished" audit record."""

    @property
    def ok(self) -> bool:
        return self.state in (StepState.DONE, StepState.DRY_RUN)


@dataclass(frozen=True, slots=True)
class StepStatus:
    """One step's current state for display."""

    state: StepState = StepState.PENDING
    detail: str = ""
    duration: float | None = None
    """Seconds the last attempt took (None while running or never run)."""


class BlockReason(enum.Enum):
    """Why a step cannot start now; the value is the operator's text (`{}`: the steps)."""

    READ_ONLY = "read-only mode (--read-only): no step can run"
    RUNNING = "already running"
    DONE = "already done"
    WAITING = "needs {} done first"
    """A required step is not done yet; a plan that runs it earlier may still start this one."""


@dataclass(frozen=True, slots=True)
class Blocked:
    """A step that cannot start now, and why."""

    reason: BlockReason
    waiting_for: tuple[str, ...] = ()
    """The required steps not done yet (WAITING only), in the step's `requires` order."""

    def __str__(self) -> str:
        return self.reason.value.format(", ".join(self.waiting_for))
