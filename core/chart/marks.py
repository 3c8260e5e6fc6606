"""Annotated moments on a detail chart: rollback triggers, runbook steps and flag changes.

They come from the history's event timeline (see core/history/events.py): `trigger` rows
raised and cleared, `audit` rows of runbook steps that ran (finished or dry-run), and `flag`
rows for a change of the rollout percentage. A feature-flag source, once there is one, adds
its own `flag` rows through the same tracker and they appear here unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from warroom.core.history.events import Event
from warroom.core.model import Alert
from warroom.core.textsafe import inert

MarkKind = Literal["trigger", "runbook", "flag"]
MARK_EVENT_KINDS = ("trigger", "audit", "flag")
"""The timeline kinds a chart reads."""
SYMBOL: dict[MarkKind, str] = {"trigger": "T", "runbook": "R", "flag": "F"}
"""One letter on the chart per mark kind (a letter reads without colour); the legend spells
each mark out."""
RUNBOOK_EVENTS = ("finished", "dry_run")
"""Audit records that mean a step ran: started-only and cancelled attempts changed nothing."""


@dataclass(frozen=True, slots=True)
class Mark:
    ts: float
    kind: MarkKind
    text: str
    """One line for the legend, made inert: `trigger rollback_error_rate raised: …`."""

    @property
    def symbol(self) -> str:
        return SYMBOL[self.kind]


def marks_from_events(events: Iterable[Event]) -> list[Mark]:
    """The events that annotate a chart, as marks oldest first; other events are skipped."""
    out = []
    for event in events:
        kind = _kind(event)
        if kind is not None:
            out.append(Mark(event.ts, kind, inert(event.text(), 120)))
    return sorted(out, key=lambda m: m.ts)


def marks_from_triggers(triggers: Sequence[Alert]) -> list[Mark]:
    """Marks for the rollback triggers firing now, at the moment each began: what a chart can
    annotate when there is no history to read events from."""
    return sorted(
        (
            Mark(t.since, "trigger", inert(f"trigger {t.rule} raised: {t.message}", 120))
            for t in triggers
            if t.since is not None
        ),
        key=lambda m: m.ts,
    )


def _kind(event: Event) -> MarkKind | None:
    if event.kind == "trigger":
        return "trigger"
    if event.kind == "flag":
        return "flag"
    if event.kind == "audit" and event.data.get("event") in RUNBOOK_EVENTS:
        return "runbook"
    return None
