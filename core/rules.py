"""The plan's rules as pure functions: metric status, alerts, triggers, trends, success criteria.

Nothing here reads a clock or a source; callers pass values and ages in, which is what makes the
property tests at the threshold edges possible.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from warroom.core.model import Alert, Priority, Status
from warroom.core.plan import Comparison, Criterion, MetricDef, ThresholdRule, TrendRule, Trigger


def compare(op: Comparison, value: float, threshold: float) -> bool:
    """True when `value op threshold` holds."""
    if op == ">":
        return value > threshold
    if op == "<":
        return value < threshold
    if op == ">=":
        return value >= threshold
    return value <= threshold


def _past(metric: MetricDef, value: float, threshold: float | None) -> bool:
    if threshold is None:
        return False
    return value > threshold if metric.bad == "above" else value < threshold


def metric_status(
    metric: MetricDef, value: float | None, age: float | None, stale_after: float
) -> Status:
    """Status of one metric.

    No value ever seen is NO_DATA; a value older than `stale_after` seconds is STALE (its
    number stays on screen with its age); otherwise the plan's thresholds decide, with the
    threshold itself still counting as acceptable ("< 0.1 %" means 0.1 is not yet a breach).
    """
    if value is None:
        return Status.NO_DATA
    if age is not None and age > stale_after:
        return Status.STALE
    if _past(metric, value, metric.crit):
        return Status.CRIT
    if _past(metric, value, metric.warn):
        return Status.WARN
    return Status.OK


def threshold_alerts(
    rules: Iterable[ThresholdRule], latest: Mapping[str, float | None]
) -> list[Alert]:
    """Alerts whose condition holds on the latest values, highest priority first."""
    raised = [
        Alert(rule.id, rule.level, rule.metric, rule.message, latest[rule.metric])
        for rule in rules
        if _holds(rule.op, latest.get(rule.metric), rule.threshold)
    ]
    return sorted(raised, key=lambda a: a.priority.rank)


def fired_triggers(
    triggers: Iterable[Trigger],
    latest: Mapping[str, float | None],
    too_few: Collection[str] = (),
) -> list[Alert]:
    """Rollback triggers whose condition holds on the latest values.

    A trigger on a metric in `too_few` (see `undersampled`) cannot fire: one failed probe out
    of four is 25 %, not yet evidence for a rollback.
    """
    return [
        Alert(t.id, Priority.HIGH, t.metric, t.message, latest[t.metric])
        for t in triggers
        if t.metric not in too_few and _holds(t.op, latest.get(t.metric), t.threshold)
    ]


def undersampled(metrics: Iterable[MetricDef], samples: Mapping[str, int | None]) -> frozenset[str]:
    """Ids of metrics whose latest value rests on fewer samples than their `min_samples`.

    A metric whose source gives no sample count (None, or absent) is never undersampled.
    """
    return frozenset(
        m.id for m in metrics if (count := samples.get(m.id)) is not None and count < m.min_samples
    )


@dataclass(frozen=True, slots=True)
class BlindTrigger:
    """A rollback trigger that cannot see its input, and why ("no data", "stale", a problem)."""

    trigger: Trigger
    why: str
    label: str
    """The input metric's label, for the header and `check`."""


def blind_triggers(
    triggers: Iterable[Trigger],
    statuses: Mapping[str, Status],
    problems: Mapping[str, str | None],
    fired: Iterable[str] = (),
    labels: Mapping[str, str] | None = None,
) -> list[BlindTrigger]:
    """Triggers that have not fired and whose input has no fresh value: no data, stale data or
    a problem. No data is never "fine": a blind trigger could not fire if it had to."""
    done = set(fired)
    out = []
    for trigger in triggers:
        if trigger.id in done:
            continue
        status = statuses.get(trigger.metric, Status.NO_DATA)
        why = problems.get(trigger.metric) or _BLIND_WHY.get(status)
        if why:
            label = (labels or {}).get(trigger.metric, trigger.metric)
            out.append(BlindTrigger(trigger, why, label))
    return out


_BLIND_WHY = {Status.NO_DATA: "no data", Status.STALE: "stale"}


def room_status(metrics: Iterable[Status], blind: bool) -> Status:
    """The room's status: the worst metric, but never better than BLIND while a rollback
    trigger is blind (OK or WARN would claim what nobody can see)."""
    overall = worst(metrics)
    return Status.BLIND if blind and overall.rank < Status.BLIND.rank else overall


def _holds(op: Comparison, value: float | None, threshold: float) -> bool:
    return value is not None and compare(op, value, threshold)


def trend_alerts(
    trends: Iterable[TrendRule],
    series: Mapping[str, Sequence[tuple[float, float]]],
    metrics: Mapping[str, MetricDef],
    now: float,
) -> list[Alert]:
    """Low-priority alerts for metrics whose last window is `rise_pct` worse than the one before."""
    raised = []
    for trend in trends:
        for metric_id in trend.metrics:
            change = window_change(series.get(metric_id, ()), now, trend.window)
            metric = metrics.get(metric_id)
            if change is None or metric is None:
                continue
            worse = change if metric.bad == "above" else -change
            if worse >= trend.rise_pct:
                message = f"{trend.message}: {metric.label} {worse:+.0f}% over {trend.window:.0f}s"
                raised.append(Alert(f"{trend.id}:{metric_id}", Priority.LOW, metric_id, message))
    return raised


def window_change(points: Sequence[tuple[float, float]], now: float, window: float) -> float | None:
    """Percent change of the mean of (now-window, now] against (now-2*window, now-window].

    Returns None when either window is empty or the earlier mean is zero.
    """
    recent = [v for ts, v in points if now - window < ts <= now]
    earlier = [v for ts, v in points if now - 2 * window < ts <= now - window]
    if not recent or not earlier:
        return None
    before = sum(earlier) / len(earlier)
    if before == 0:
        return None
    return (sum(recent) / len(recent) - before) / abs(before) * 100.0


class Verdict(enum.Enum):
    MET = "met"
    NOT_MET = "not met"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class CriterionResult:
    criterion: Criterion
    verdict: Verdict
    evidence: str


def evaluate_criteria(
    criteria: Iterable[Criterion], values: Mapping[str, float | None]
) -> list[CriterionResult]:
    """Judges each success criterion on the given values (latest, or a report's aggregate)."""
    results = []
    for criterion in criteria:
        if criterion.metric is None or criterion.op is None or criterion.threshold is None:
            results.append(
                CriterionResult(criterion, Verdict.UNKNOWN, "judged by people, not data")
            )
            continue
        value = values.get(criterion.metric)
        if value is None:
            results.append(
                CriterionResult(criterion, Verdict.UNKNOWN, f"no data for {criterion.metric}")
            )
            continue
        met = compare(criterion.op, value, criterion.threshold)
        evidence = f"{criterion.metric} = {value:g} (needs {criterion.op} {criterion.threshold:g})"
        results.append(
            CriterionResult(criterion, Verdict.MET if met else Verdict.NOT_MET, evidence)
        )
    return results


def worst(statuses: Iterable[Status]) -> Status:
    """The worst status, OK for none."""
    return max(statuses, key=lambda s: s.rank, default=Status.OK)
