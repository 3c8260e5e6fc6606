"""Headless views of the dashboard: one poll of every source, as JSON or text (the verdict of
`warroom check` is in `core.check`)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from typing import Any

from warroom.core.dashboard import Dashboard
from warroom.core.format import format_age, format_value, iso_time
from warroom.core.frame import DashboardFrame, FrameRequest, MetricView
from warroom.core.model import Alert, Issue, SourceHealth
from warroom.core.plan import TABS
from warroom.core.poller import poll_once, start_source
from warroom.core.rollout.view import as_json as rollout_json
from warroom.core.rollout.view import describe as describe_rollout
from warroom.core.source import Source
from warroom.core.textsafe import inert


async def poll_all_once(dashboard: Dashboard, sources: Sequence[Source]) -> None:
    """Starts and polls every source once, concurrently, and feeds the dashboard."""

    async def one(source: Source) -> None:
        failed = await start_source(source)
        outcome = failed or await poll_once(source)
        dashboard.ingest(outcome)
        await source.close()

    await asyncio.gather(*(one(s) for s in sources))


def _alert_json(alert: Alert) -> dict[str, Any]:
    return {
        "rule": alert.rule,
        "priority": alert.priority.value,
        "metric": alert.metric,
        "message": alert.message,
        "value": alert.value,
        "since": _when(alert.since),
    }


def every_metric(dashboard: Dashboard, now: float) -> DashboardFrame:
    """The frame with every metric of the plan, in plan order (each metric has a home tab)."""
    return dashboard.frame(FrameRequest(tabs=TABS), now)


SCHEMA_VERSION = 1
"""Bumped on any change a reader could trip over (a key removed or its meaning changed);
keys may be added within a version. The shape is documented in docs/snapshot.md."""


def _when(ts: float | None) -> str | None:
    return None if ts is None else iso_time(ts)


def snapshot_json(dashboard: Dashboard, now: float) -> dict[str, Any]:
    """The machine-readable snapshot (docs/snapshot.md). Strings are the original data, not
    escaped; times are ISO 8601 in UTC, ages and durations are seconds."""
    frame = every_metric(dashboard, now)
    return {
        "schema_version": SCHEMA_VERSION,
        "generated": iso_time(frame.now),
        "launch": frame.launch,
        "rollout_pct": frame.rollout_pct,
        "rollout": rollout_json(frame.rollout) if frame.rollout is not None else None,
        "overall": frame.overall.value,
        "metrics": {v.metric.id: _metric_json(v, frame.now) for v in frame.metrics.values()},
        "sources": {h.name: _source_json(h) for h in frame.sources},
        "alerts": [_alert_json(a) for a in frame.alerts],
        "triggers": [_alert_json(t) for t in frame.triggers],
        "blind": [
            {"rule": b.trigger.id, "metric": b.trigger.metric, "label": b.label, "why": b.why}
            for b in frame.blind
        ],
        "issues": [_issue_json(i) for i in frame.records.issues or ()],
    }


def _metric_json(view: MetricView, now: float) -> dict[str, Any]:
    return {
        "label": view.metric.label,
        "value": view.value,
        "unit": view.metric.unit,
        "status": view.status.value,
        "age": view.age,
        "updated": None if view.age is None else iso_time(now - view.age),
        "source": view.source,
        "simulated": view.simulated,
        "problem": view.problem,
    }


def _source_json(health: SourceHealth) -> dict[str, Any]:
    return {
        "state": health.state.value,
        "error": health.error,
        "latency": health.latency,
        "last_ok": _when(health.last_ok),
        "retry_at": _when(health.retry_at),
        "simulated": health.simulated,
        "info": dict(health.info),
    }


def _issue_json(issue: Issue) -> dict[str, Any]:
    return {
        "key": issue.key,
        "title": issue.title,
        "level": issue.level,
        "count": issue.count,
        "users": issue.users,
        "culprit": issue.culprit,
        "first_seen": _when(issue.first_seen),
        "last_seen": _when(issue.last_seen),
        "permalink": issue.permalink,
    }


def snapshot_text(dashboard: Dashboard, now: float) -> str:
    """A plain-text snapshot for terminals and chat: every vendor string made inert."""
    data = snapshot_json(dashboard, now)
    lines = [f"{inert(data['launch'])} — overall {data['overall'].upper()}"]
    rollout = every_metric(dashboard, now).rollout
    if rollout is not None:
        lines.append(inert(" · ".join(describe_rollout(rollout))))
    for trigger in data["triggers"]:
        lines.append(f"ROLLBACK TRIGGER: {inert(trigger['message'])}")
    for alert in data["alerts"]:
        lines.append(f"ALERT {alert['priority'].upper()}: {inert(alert['message'])}")
    for view in every_metric(dashboard, now).metrics.values():
        value = format_value(view.value, view.metric.unit)
        if view.problem:
            value = f"{value} [problem: {inert(view.problem, 80)}]"
        age = "" if view.age is None else f" ({format_age(view.age)} old)"
        lines.append(f"  {view.status.value:8} {view.metric.label:32} {value}{age}")
    for name, source in data["sources"].items():
        error = f": {inert(source['error'])}" if source["error"] else ""
        lines.append(f"source {name}: {source['state']}{error}")
    for issue in data["issues"][:20]:
        lines.append(f"issue {inert(issue['key'], 40)} x{issue['count']}: {inert(issue['title'])}")
    return "\n".join(lines)


def dumps(data: dict[str, Any]) -> str:
    # ensure_ascii keeps control characters from the data escaped as \\uXXXX in the output.
    return json.dumps(data, indent=2, ensure_ascii=True, sort_keys=False)
