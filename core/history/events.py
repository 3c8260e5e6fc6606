"""What changed between two polls: alerts and triggers raised or cleared, sources going down,
the rollout percentage (a flag's share of users) moving.

The recorder turns these into rows of the event timeline, which replay jumps between and the
daily report lists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from warroom.core.format import format_value
from warroom.core.model import Alert

KINDS = ("alert", "trigger", "source", "audit", "flag")


@dataclass(frozen=True, slots=True)
class Event:
    """One row of the timeline. `data` is small JSON-able detail (state, message, value...)."""

    ts: float
    kind: str
    key: str
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def state(self) -> str:
        return str(self.data.get("state", ""))

    def text(self) -> str:
        """One line for a timeline: `trigger rollback_error_rate raised: Error rate above 1%`."""
        if self.kind == "audit":
            step = self.data.get("step", "-")
            who = f"{self.data.get('user', '?')}@{self.data.get('host', '?')}"
            if "item" in self.data:  # a checklist tick shares the audit log
                note = f": {self.data['note']}" if self.data.get("note") else ""
                return f"checklist {self.data.get('event', '?')} {self.data['item']} by {who}{note}"
            outcome = self.data.get("outcome")
            tail = f" ({outcome})" if outcome else ""
            return f"runbook {self.data.get('event', '?')} {step} by {who}{tail}"
        message = self.data.get("message") or self.data.get("reason") or ""
        return f"{self.kind} {self.key} {self.state}" + (f": {message}" if message else "")


class ChangeTracker:
    """Remembers the active alerts, triggers, source states and flag values; reports what
    changed."""

    def __init__(self) -> None:
        self._active: dict[str, dict[str, Alert]] = {"alert": {}, "trigger": {}}
        self._down: dict[str, str | None] = {}
        self._flags: dict[str, float] = {}

    def alerts(self, kind: str, now: float, current: Iterable[Alert]) -> list[Event]:
        """Events for alerts (kind "alert") or triggers ("trigger") raised or cleared at `now`."""
        before = self._active[kind]
        after = {a.rule: a for a in current}
        events = [
            Event(now, kind, rule, _alert_data("raised", a))
            for rule, a in after.items()
            if rule not in before
        ]
        events += [
            Event(now, kind, rule, _alert_data("cleared", a))
            for rule, a in before.items()
            if rule not in after
        ]
        self._active[kind] = after
        return events

    def source(self, name: str, now: float, error: str | None) -> list[Event]:
        """An event when a source goes down (or its reason changes) or comes back."""
        known = name in self._down
        before = self._down.get(name)
        self._down[name] = error
        if error == before or (not known and error is None):
            return []
        if error is None:
            return [Event(now, "source", name, {"state": "recovered"})]
        return [Event(now, "source", name, {"state": "down", "reason": error})]

    def flag(self, key: str, ts: float, value: float, unit: str = "%") -> list[Event]:
        """A `flag` event when `key` (the rollout percentage, later any flag a flag source
        reports as a number) changes value; the first value seen is only remembered."""
        before = self._flags.get(key)
        self._flags[key] = value
        if before is None or before == value:
            return []
        message = f"{format_value(before, unit)} → {format_value(value, unit)}"
        return [
            Event(
                ts,
                "flag",
                key,
                {"state": "changed", "from": before, "to": value, "message": message},
            )
        ]


def _alert_data(state: str, alert: Alert) -> dict[str, Any]:
    return {
        "state": state,
        "priority": alert.priority.value,
        "metric": alert.metric,
        "message": alert.message,
        "value": alert.value,
    }
