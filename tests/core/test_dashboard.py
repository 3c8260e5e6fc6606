"""The dashboard judges readings, keeps the last good value with its age, shows failures."""

from __future__ import annotations

from warroom.core.config import default_config
from warroom.core.dashboard import Dashboard, SourceInfo
from warroom.core.errors import Unavailable
from warroom.core.model import FetchResult, Reading, SourceState, Status
from warroom.core.poller import PollOutcome

PLAN = default_config()


class Clock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def board(clock: Clock) -> Dashboard:
    sources = {"dd": SourceInfo(10.0)}
    return Dashboard(PLAN, sources, {m.id: "dd" for m in PLAN.metrics}, clock)


def ok(ts: float, **values: float) -> PollOutcome:
    readings = tuple(Reading(k, ts, v) for k, v in values.items())
    return PollOutcome("dd", ts, 0.01, result=FetchResult(readings=readings), next_in=10)


def test_failure_keeps_last_value_with_age_and_reason() -> None:
    clock = Clock()
    dash = board(clock)
    dash.ingest(ok(1000.0, error_rate=0.05))
    clock.now = 1045.0
    dash.ingest(PollOutcome("dd", 1045.0, 0.2, error=Unavailable("502 Bad Gateway")))
    view = dash.view("error_rate")
    assert view.value == 0.05 and view.age == 45.0
    assert view.status is Status.STALE
    (health,) = dash.health()
    assert health.state is SourceState.DOWN and health.error == "502 Bad Gateway"
    assert health.last_ok is not None
    dash.ingest(ok(1046.0, error_rate=0.07))
    assert dash.view("error_rate").status is Status.OK
    assert dash.health()[0].error is None


def test_trigger_stays_while_source_is_down_and_keeps_its_start_time() -> None:
    clock = Clock()
    dash = board(clock)
    dash.ingest(ok(1000.0, error_rate=1.5))
    (first,) = dash.triggers()
    clock.now = 1100.0
    dash.ingest(PollOutcome("dd", 1100.0, 0.1, error=Unavailable("down")))
    (still,) = dash.triggers()
    assert still.since == first.since == 1000.0
    dash.ingest(ok(1101.0, error_rate=0.05))
    assert dash.triggers() == []


def test_overall_and_disabled_sources() -> None:
    clock = Clock()
    dash = Dashboard(PLAN, {"dd": SourceInfo(10, disabled_reason="DD_API_KEY not set")}, {}, clock)
    (health,) = dash.health()
    assert health.state is SourceState.DISABLED and health.error == "DD_API_KEY not set"
    # Nothing can be seen, and the plan has rollback triggers: blind, never "no data" or OK.
    assert dash.overall() is Status.BLIND


def test_slowed_when_next_poll_is_far_beyond_the_interval() -> None:
    dash = board(Clock())
    outcome = ok(1000.0, error_rate=0.01)
    dash.ingest(PollOutcome("dd", 1000.0, 0.01, result=outcome.result, next_in=60.0))
    assert dash.health()[0].state is SourceState.SLOWED
