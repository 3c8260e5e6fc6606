"""`FlagChange`: what one change of the launch flags did, for the screen, the audit log and the
deployment markers. It never holds a token: only keys, states and the service's reasons."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from warroom.core.rollout.model import FlagState


class ChangeOutcome(enum.Enum):
    DONE = "done"
    """Every flag is as asked (or already was)."""
    REFUSED = "refused"
    """A check failed before anything was sent: nothing changed."""
    FAILED = "failed"
    """The service refused or did not answer, and reading back shows nothing changed."""
    PARTIAL = "partial"
    """Some flags changed and some did not: `changed` says which."""
    UNKNOWN = "unknown"
    """The change may or may not have happened and the flags could not be read back."""


@dataclass(frozen=True, slots=True)
class FlagChange:
    provider: str
    environment: str
    action: str
    """`flag_off`, `flag_rollout` or `advance`."""
    flags: tuple[str, ...]
    outcome: ChangeOutcome
    detail: str
    """One line for the screen and the audit log."""
    before: tuple[FlagState, ...] = ()
    after: tuple[FlagState, ...] | None = None
    """As read back after the change; None when that read failed."""
    target: float | None = None
    """The rollout percentage asked for (flag_rollout, advance)."""
    changed: tuple[str, ...] = ()
    """The flags whose value the change actually altered."""
    comment: str = ""
    markers: tuple[str, ...] = field(default=())
    """One line per deployment marker posted (or not) for this change."""

    @property
    def ok(self) -> bool:
        return self.outcome is ChangeOutcome.DONE

    def audit(self) -> dict[str, Any]:
        """The record's `change` field: provider, environment, flags, before and after."""
        after: Any = "unknown" if self.after is None else _states(self.after)
        return {
            "provider": self.provider,
            "environment": self.environment,
            "action": self.action,
            "flags": list(self.flags),
            "outcome": self.outcome.value,
            "before": _states(self.before),
            "after": after,
            "target": self.target,
            "changed": list(self.changed),
            "markers": list(self.markers),
        }


def _states(states: tuple[FlagState, ...]) -> dict[str, dict[str, Any]]:
    return {s.key: {"on": s.on, "pct": s.pct} for s in states}
