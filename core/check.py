"""`warroom check`: the verdict a pipeline gates the next rollout stage on, and why.

The verdict is the first of, in this order: a rollback trigger fired (6), a trigger that
cannot see its input (3, unknown), a metric in crit (5), in warn (4), a configured source
down or nothing judged at all (3), else ok (0). Every verdict names the metrics that decided
it, with value, threshold, source and age, in text and in a stable JSON shape.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from warroom.core.dashboard import Dashboard
from warroom.core.format import format_age, format_value, iso_time
from warroom.core.frame import DashboardFrame, FrameRequest, MetricView
from warroom.core.model import SourceState, Status
from warroom.core.plan import TABS, Tab, Trigger
from warroom.core.textsafe import inert

SCHEMA_VERSION = 1


class CheckCode(enum.IntEnum):
    """Exit codes of `warroom check` (2 is taken by usage and config errors)."""

    OK = 0
    UNKNOWN = 3  # a trigger is blind, a configured source failed, or nothing was judged
    WARN = 4
    CRIT = 5
    ROLLBACK = 6  # a rollback trigger fired


@dataclass(frozen=True, slots=True)
class Evidence:
    """One metric (or source) that decided the verdict."""

    kind: str
    """"trigger", "blind", "crit", "warn" or "source"."""
    name: str
    """The trigger id, the metric id or the source name."""
    label: str
    value: float | None = None
    unit: str = ""
    threshold: str = ""
    """What it was judged against, e.g. "> 1" or "crit above 5"; for "blind", why not."""
    source: str = ""
    age: float | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    code: CheckCode
    evidence: tuple[Evidence, ...]
    judged: int
    """How many metrics had a fresh value to judge."""
    generated: float


def check(dashboard: Dashboard, now: float, tabs: Sequence[Tab] | None = None) -> Verdict:
    """The verdict at `now`. `tabs` limits the warn/crit judgement; triggers always count.

    Metrics without data (source not configured) are not judged for warn and crit, but a
    rollback trigger without data is blind, and blind is never ok: a gate must not pass on
    what nobody can see.
    """
    frame = dashboard.frame(FrameRequest(tabs=tuple(tabs or TABS)), now)
    views = {v.metric.id: v for v in frame.metrics.values()}
    judged = [v for v in views.values() if v.status not in (Status.NO_DATA, Status.STALE)]
    triggers = {t.id: t for t in dashboard.config.triggers}
    for code, evidence in _deciders(frame, views, judged, triggers):
        if evidence:
            return Verdict(code, tuple(evidence), len(judged), now)
    down = [h for h in frame.sources if h.state is SourceState.DOWN]
    if down or not judged:
        found = [Evidence("source", h.name, h.name, threshold=h.error or "down") for h in down]
        return Verdict(CheckCode.UNKNOWN, tuple(found), len(judged), now)
    return Verdict(CheckCode.OK, (), len(judged), now)


def _deciders(
    frame: DashboardFrame,
    views: dict[str, MetricView],
    judged: list[MetricView],
    triggers: dict[str, Trigger],
) -> list[tuple[CheckCode, list[Evidence]]]:
    """Candidate verdicts, most severe first, each with the evidence that would decide it."""
    fired = []
    for alert in frame.triggers:
        t = triggers[alert.rule]
        fired.append(_evidence("trigger", t.id, views.get(t.metric), f"{t.op} {t.threshold:g}"))
    blind = [
        _evidence("blind", b.trigger.id, views.get(b.trigger.metric), b.why, b.label)
        for b in frame.blind
    ]
    by_status = {
        status: [
            _evidence(status.value, v.metric.id, v, _limit(v)) for v in judged if v.status is status
        ]
        for status in (Status.CRIT, Status.WARN)
    }
    return [
        (CheckCode.ROLLBACK, fired),
        (CheckCode.UNKNOWN, blind),
        (CheckCode.CRIT, by_status[Status.CRIT]),
        (CheckCode.WARN, by_status[Status.WARN]),
    ]


def _limit(view: MetricView) -> str:
    """`crit above 5`: the threshold the metric's status says it crossed."""
    metric = view.metric
    level = view.status.value
    value = metric.crit if view.status is Status.CRIT else metric.warn
    return f"{level} {metric.bad} {value:g}" if value is not None else level


def _evidence(
    kind: str, name: str, view: MetricView | None, threshold: str, label: str = ""
) -> Evidence:
    if view is None:
        return Evidence(kind, name, label or name, threshold=threshold)
    return Evidence(
        kind,
        name,
        label or view.metric.label,
        value=view.value,
        unit=view.metric.unit,
        threshold=threshold,
        source=view.source,
        age=view.age,
    )


def verdict_json(verdict: Verdict) -> dict[str, Any]:
    """The stable machine-readable shape (see docs/snapshot.md)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "generated": iso_time(verdict.generated),
        "verdict": verdict.code.name.lower(),
        "code": int(verdict.code),
        "judged": verdict.judged,
        "deciding": [
            {
                "kind": e.kind,
                "name": e.name,
                "label": e.label,
                "value": e.value,
                "unit": e.unit,
                "threshold": e.threshold,
                "source": e.source,
                "age": e.age,
                "updated": None if e.age is None else iso_time(verdict.generated - e.age),
            }
            for e in verdict.evidence
        ],
    }


def verdict_text(verdict: Verdict) -> str:
    """`rollback (6)` and one line per deciding metric, every vendor string inert."""
    lines = [f"{verdict.code.name.lower()} ({int(verdict.code)})"]
    for e in verdict.evidence:
        if e.kind == "source":
            lines.append(f"  source {inert(e.name)} down: {inert(e.threshold)}")
            continue
        value = format_value(e.value, e.unit) if e.value is not None else "—"
        age = "" if e.age is None else f", {format_age(e.age)} old"
        where = f" ({inert(e.source)}{age})" if e.source else ""
        lines.append(
            f"  {e.kind:7} {inert(e.label, 40)}: {value} [{inert(e.threshold, 80)}]{where}"
        )
    if verdict.code is CheckCode.UNKNOWN and not verdict.evidence:
        lines.append("  no metric had data to judge")
    return "\n".join(lines)
