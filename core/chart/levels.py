"""The labelled horizontal lines of a detail chart: target, warn, crit and rollback triggers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from warroom.core.format import format_value
from warroom.core.plan import MetricDef, Trigger

LevelKind = Literal["target", "warn", "crit", "rollback"]
SEVERITY: dict[LevelKind, int] = {"target": 0, "warn": 1, "crit": 2, "rollback": 3}


@dataclass(frozen=True, slots=True)
class Level:
    value: float
    kind: LevelKind
    """The most severe kind at this value: it picks the line's colour."""
    label: str
    """In full, every name at this value: `crit 0.50% · rollback > 1.00%` never shortened."""


def chart_levels(metric: MetricDef, triggers: Iterable[Trigger] = ()) -> list[Level]:
    """The metric's target, warn and crit, and the rollback triggers on it, one line per value
    (names at the same value share a line), lowest value first."""
    named: list[tuple[float, LevelKind, str]] = []
    plan_levels: tuple[tuple[LevelKind, float | None], ...] = (
        ("target", metric.target),
        ("warn", metric.warn),
        ("crit", metric.crit),
    )
    for kind, value in plan_levels:
        if value is not None:
            named.append((value, kind, f"{kind} {format_value(value, metric.unit)}"))
    for trigger in triggers:
        if trigger.metric == metric.id:
            text = f"rollback {trigger.op} {format_value(trigger.threshold, metric.unit)}"
            named.append((trigger.threshold, "rollback", text))
    by_value: dict[float, list[tuple[LevelKind, str]]] = {}
    for value, kind, text in named:
        by_value.setdefault(value, []).append((kind, text))
    return [
        Level(
            value,
            max((k for k, _ in names), key=SEVERITY.__getitem__),
            " · ".join(text for _, text in names),
        )
        for value, names in sorted(by_value.items())
    ]
