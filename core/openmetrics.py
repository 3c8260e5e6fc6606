"""The war room as OpenMetrics text, for Prometheus and Grafana to scrape (`GET /metrics`).

Every plan metric's last value, status, age and problem; every source's health; every
rollback trigger's state (fired, blind); the alerts by priority; the room's status. States
are OpenMetrics `stateset`s (one sample per possible state, 1 for the current one), so a
dashboard can alert on `warroom_trigger_state{state="blind"} == 1` without decoding numbers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from warroom.core.frame import DashboardFrame
from warroom.core.model import Priority, SourceState, Status
from warroom.core.plan import Trigger

CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8"
_METRIC_STATES = [s.value for s in Status if s is not Status.BLIND]
_TRIGGER_STATES = ("fired", "blind", "watching")


def render(frame: DashboardFrame, triggers: Sequence[Trigger]) -> str:
    """The exposition of `frame` (every metric must be in it: ask for every tab)."""
    lines: list[str] = []
    _room(lines, frame)
    _metrics(lines, frame)
    _sources(lines, frame)
    _triggers(lines, frame, triggers)
    _alerts(lines, frame)
    lines.append("# EOF")
    return "\n".join(lines) + "\n"


def _family(lines: list[str], name: str, kind: str, text: str, unit: str = "") -> None:
    lines.append(f"# TYPE {name} {kind}")
    if unit:
        lines.append(f"# UNIT {name} {unit}")
    lines.append(f"# HELP {name} {text}")


def _stateset(
    lines: list[str], name: str, labels: str, states: Iterable[str], current: str
) -> None:
    for state in states:
        lines.append(f'{name}{{{labels}{name}="{state}"}} {int(state == current)}')


def _room(lines: list[str], frame: DashboardFrame) -> None:
    name = "warroom_room_status"
    _family(lines, name, "stateset", "The war room's status; blind when a trigger cannot see.")
    _stateset(lines, name, "", [s.value for s in Status], frame.overall.value)
    _family(lines, "warroom_rollout_percent", "gauge", "The rollout's current percentage.")
    lines.append(f"warroom_rollout_percent {_number(frame.rollout_pct)}")


def _metrics(lines: list[str], frame: DashboardFrame) -> None:
    views = list(frame.metrics.values())
    _family(lines, "warroom_metric_value", "gauge", "A plan metric's last value, in its unit.")
    for v in views:
        if v.value is not None:
            labels = f'metric="{_esc(v.metric.id)}",unit="{_esc(v.metric.unit)}"'
            lines.append(f"warroom_metric_value{{{labels}}} {_number(v.value)}")
    name = "warroom_metric_status"
    _family(lines, name, "stateset", "A plan metric's status against the plan's thresholds.")
    for v in views:
        _stateset(lines, name, f'metric="{_esc(v.metric.id)}",', _METRIC_STATES, v.status.value)
    age = "warroom_metric_age_seconds"
    _family(lines, age, "gauge", "Seconds since a metric's last value was true.", "seconds")
    for v in views:
        if v.age is not None:
            lines.append(f'{age}{{metric="{_esc(v.metric.id)}"}} {_number(v.age)}')
    problem = "warroom_metric_problem"
    _family(lines, problem, "gauge", "1 when the source has no usable value (unit, query).")
    for v in views:
        lines.append(f'{problem}{{metric="{_esc(v.metric.id)}"}} {int(v.problem is not None)}')


def _sources(lines: list[str], frame: DashboardFrame) -> None:
    name = "warroom_source_state"
    _family(lines, name, "stateset", "Each source's health as the status bar shows it.")
    for h in frame.sources:
        _stateset(
            lines, name, f'source="{_esc(h.name)}",', [s.value for s in SourceState], h.state.value
        )
    latency = "warroom_source_latency_seconds"
    _family(lines, latency, "gauge", "The last poll's duration.", "seconds")
    for h in frame.sources:
        if h.latency is not None:
            lines.append(f'{latency}{{source="{_esc(h.name)}"}} {_number(h.latency)}')


def _triggers(lines: list[str], frame: DashboardFrame, triggers: Sequence[Trigger]) -> None:
    fired = {a.rule for a in frame.triggers}
    blind = {b.trigger.id for b in frame.blind}
    name = "warroom_trigger_state"
    _family(
        lines, name, "stateset", "Each rollback trigger: fired, blind (no fresh input) or watching."
    )
    for t in triggers:
        state = "fired" if t.id in fired else "blind" if t.id in blind else "watching"
        _stateset(
            lines,
            name,
            f'trigger="{_esc(t.id)}",metric="{_esc(t.metric)}",',
            _TRIGGER_STATES,
            state,
        )


def _alerts(lines: list[str], frame: DashboardFrame) -> None:
    name = "warroom_alerts_active"
    _family(lines, name, "gauge", "Active alerts of the plan and the vendors, by priority.")
    for priority in Priority:
        count = sum(1 for a in frame.alerts if a.priority is priority)
        lines.append(f'{name}{{priority="{priority.value}"}} {count}')


def _number(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    return repr(float(value))


def _esc(text: str) -> str:
    """A label value: backslash, quote and newline escaped, as the format requires."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
