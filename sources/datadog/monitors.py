"""Datadog monitors as warroom records: a compact state list and alerts for the banner."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from warroom.core.model import ExternalAlert, Monitor, Priority
from warroom.core.textsafe import inert

# Datadog's MonitorOverallStates folded into the four states the Engineering tab shows.
# Ignored (muted by the owner) needs no action; Skipped/Unknown mean nothing was evaluated.
_STATES = {
    "Alert": "Alert",
    "Warn": "Warn",
    "No Data": "No Data",
    "OK": "OK",
    "Ignored": "OK",
    "Skipped": "No Data",
    "Unknown": "No Data",
}
_ORDER = {"Alert": 0, "Warn": 1, "No Data": 2, "OK": 3}
_PRIORITY = {"Alert": Priority.HIGH, "Warn": Priority.MEDIUM}
NAME_LIMIT = 120


def normalise_state(raw: Any) -> str:
    """Maps a MonitorOverallStates value (enum or str) to Alert / Warn / No Data / OK."""
    text = str(getattr(raw, "value", raw) or "")
    return _STATES.get(text, "No Data")


def to_monitors(items: Sequence[Any], required_tags: Sequence[str]) -> tuple[Monitor, ...]:
    """Builds Monitor records from the client's Monitor models, worst first.

    Monitors lacking any of `required_tags` are dropped (the server filters too; this keeps
    the list right behind a proxy or an older API that ignores the parameter).
    """
    wanted = set(required_tags)
    out = []
    for item in items:
        tags = tuple(str(t) for t in (_get(item, "tags") or ()))
        if not wanted.issubset(tags):
            continue
        out.append(
            Monitor(
                key=str(_get(item, "id") or ""),
                name=inert(str(_get(item, "name") or "(unnamed monitor)"), NAME_LIMIT),
                state=normalise_state(_get(item, "overall_state")),
                tags=tuple(inert(t, 60) for t in tags),
            )
        )
    return tuple(sorted(out, key=lambda m: (_ORDER[m.state], m.name.lower(), m.key)))


def to_alerts(monitors: Sequence[Monitor]) -> tuple[ExternalAlert, ...]:
    """Monitors in Alert (high priority) and Warn (medium) for the alert banner."""
    return tuple(
        ExternalAlert(
            key=f"monitor:{m.key}",
            source="datadog",
            priority=_PRIORITY[m.state],
            message=f"Datadog monitor {m.state}: {m.name}",
        )
        for m in monitors
        if m.state in _PRIORITY
    )


def _get(item: Any, field: str) -> Any:
    """Reads an optional model field (the client raises for unset attributes)."""
    try:
        return item.get(field) if hasattr(item, "get") else getattr(item, field, None)
    except (AttributeError, KeyError):
        return None
