"""The plan's rules at their edges, by property."""

from __future__ import annotations

import math

from hypothesis import assume, given
from hypothesis import strategies as st

from warroom.core.config import default_config
from warroom.core.model import Priority, Status
from warroom.core.plan import Criterion, MetricDef, ThresholdRule, Trigger
from warroom.core.rules import (
    Verdict,
    evaluate_criteria,
    fired_triggers,
    metric_status,
    threshold_alerts,
    trend_alerts,
    window_change,
    worst,
)

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
PLAN = default_config()


def above(warn: float, crit: float) -> MetricDef:
    return MetricDef(id="m", label="M", tab="engineering", bad="above", warn=warn, crit=crit)


def below(warn: float, crit: float) -> MetricDef:
    return MetricDef(id="m", label="M", tab="product", bad="below", warn=warn, crit=crit)


@given(finite, st.floats(min_value=0, max_value=1e5), finite)
def test_status_above_is_bad(warn: float, gap: float, value: float) -> None:
    metric = above(warn, warn + gap)
    status = metric_status(metric, value, 0.0, 60.0)
    if value > warn + gap:
        assert status is Status.CRIT
    elif value > warn:
        assert status is Status.WARN
    else:
        assert status is Status.OK


@given(finite, st.floats(min_value=0, max_value=1e5), finite)
def test_status_below_is_bad(warn: float, gap: float, value: float) -> None:
    metric = below(warn, warn - gap)
    status = metric_status(metric, value, 0.0, 60.0)
    if value < warn - gap:
        assert status is Status.CRIT
    elif value < warn:
        assert status is Status.WARN
    else:
        assert status is Status.OK


def test_threshold_itself_is_still_acceptable() -> None:
    error_rate = PLAN.metric("error_rate")
    assert metric_status(error_rate, 0.1, 0, 60) is Status.OK
    assert metric_status(error_rate, math.nextafter(0.1, 1), 0, 60) is Status.WARN
    assert metric_status(error_rate, 0.5, 0, 60) is Status.WARN
    assert metric_status(error_rate, math.nextafter(0.5, 1), 0, 60) is Status.CRIT


@given(finite, st.floats(min_value=0, max_value=1e6), st.floats(min_value=0.1, max_value=1e4))
def test_stale_wins_over_thresholds_and_no_data_over_stale(
    value: float, age: float, limit: float
) -> None:
    metric = above(0, 1)
    status = metric_status(metric, value, age, limit)
    assert (status is Status.STALE) == (age > limit)
    assert metric_status(metric, None, age, limit) is Status.NO_DATA


@given(st.floats(min_value=0, max_value=10, allow_nan=False))
def test_error_rate_alert_and_trigger_edges(value: float) -> None:
    latest = {"error_rate": value}
    alerts = threshold_alerts(PLAN.alerts, latest)
    triggers = fired_triggers(PLAN.triggers, latest)
    assert any(a.rule == "high_error_rate" for a in alerts) == (value > 0.5)
    assert any(t.metric == "error_rate" for t in triggers) == (value > 1)
    # A trigger never fires without its high-priority alert: the plan escalates in order.
    if triggers:
        assert alerts


@given(
    st.dictionaries(
        st.sampled_from(["error_rate", "api_response", "page_load", "failed_requests"]),
        st.floats(min_value=0, max_value=10000, allow_nan=False),
    )
)
def test_alerts_are_sorted_by_priority(latest: dict[str, float]) -> None:
    alerts = threshold_alerts(PLAN.alerts, latest)
    ranks = [a.priority.rank for a in alerts]
    assert ranks == sorted(ranks)


def test_missing_value_raises_nothing() -> None:
    assert threshold_alerts(PLAN.alerts, {"error_rate": None}) == []
    assert fired_triggers(PLAN.triggers, {}) == []


def test_comparisons_are_exact_at_the_threshold() -> None:
    rule = ThresholdRule(id="r", priority="high", metric="m", op=">=", threshold=2, message="x")
    assert threshold_alerts([rule], {"m": 2})[0].priority is Priority.HIGH
    trig = Trigger(id="t", metric="m", op="<", threshold=2, message="x")
    assert fired_triggers([trig], {"m": 2}) == []


@given(st.floats(min_value=0.1, max_value=1e3), st.floats(min_value=-90, max_value=500))
def test_window_change_measures_the_rise(before: float, rise_pct: float) -> None:
    after = before * (1 + rise_pct / 100)
    points = [(float(t), before) for t in range(0, 10)] + [(float(t), after) for t in range(10, 20)]
    change = window_change(points, now=19.5, window=10)
    assert change is not None
    assert math.isclose(change, rise_pct, rel_tol=1e-6, abs_tol=1e-6)


def test_trend_alert_is_low_priority_and_respects_direction() -> None:
    trend = PLAN.trends[0]
    metrics = {m.id: m for m in PLAN.metrics}
    rising = [(float(t), 300.0) for t in range(0, 600, 10)] + [
        (float(t), 400.0) for t in range(600, 1200, 10)
    ]
    (alert,) = trend_alerts([trend], {"api_response": rising}, metrics, now=1199)
    assert alert.priority is Priority.LOW and alert.metric == "api_response"
    falling = [(t, 300.0 - (v - 300.0)) for t, v in rising]
    assert trend_alerts([trend], {"api_response": falling}, metrics, now=1199) == []


@given(st.floats(min_value=0, max_value=100, allow_nan=False))
def test_criteria_verdicts(value: float) -> None:
    criterion = Criterion(
        id="c", group="technical", label="up", metric="uptime", op=">=", threshold=99.9
    )
    (result,) = evaluate_criteria([criterion], {"uptime": value})
    assert result.verdict is (Verdict.MET if value >= 99.9 else Verdict.NOT_MET)
    assert "uptime" in result.evidence


def test_criteria_without_data_or_metric_are_unknown() -> None:
    results = evaluate_criteria(PLAN.criteria, {})
    assert {r.verdict for r in results} == {Verdict.UNKNOWN}
    manual = next(r for r in results if r.criterion.id == "zero_data_loss")
    assert manual.evidence == "judged by people, not data"


@given(st.lists(st.sampled_from(list(Status))))
def test_worst_status(statuses: list[Status]) -> None:
    assume(statuses)
    assert worst(statuses).rank == max(s.rank for s in statuses)
