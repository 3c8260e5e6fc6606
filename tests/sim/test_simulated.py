"""The simulated launch: deterministic, escalates in the plan's order, recovers on revert."""

from __future__ import annotations

import asyncio

import pytest

from warroom.core.config import default_config
from warroom.core.dashboard import Dashboard
from warroom.core.poller import PollOutcome
from warroom.core.settings.simulated import SimulatedSettings
from warroom.sources.registry import build_demo
from warroom.sources.sim.source import SimulatedSource

PLAN = default_config()


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def poll(source: SimulatedSource, board: Dashboard, at: float, clock: Clock) -> None:
    clock.now = at
    result = asyncio.run(source.fetch())
    board.ingest(PollOutcome(source.name, at, 0.0, result=result, next_in=1))


def setup() -> tuple[SimulatedSource, Dashboard, Clock]:
    clock = Clock()
    sources = build_demo(PLAN, clock=clock)
    assert sources.sim is not None
    board = Dashboard(PLAN, sources.info, sources.metric_sources, clock)
    return sources.sim, board, clock


def test_same_seed_same_data() -> None:
    a = SimulatedSource(PLAN.metrics, SimulatedSettings(seed=3), clock=lambda: 50.0)
    b = SimulatedSource(PLAN.metrics, SimulatedSettings(seed=3), clock=lambda: 50.0)
    c = SimulatedSource(PLAN.metrics, SimulatedSettings(seed=4), clock=lambda: 50.0)
    ra, rb, rc = (asyncio.run(s.fetch()).readings for s in (a, b, c))
    assert ra == rb
    assert ra != rc


def test_rollout_moves_through_the_stages_with_traffic() -> None:
    sim, board, clock = setup()
    seen: list[float] = []
    traffic: list[float] = []
    for t in range(0, 75, 5):
        poll(sim, board, t, clock)
        seen.append(board.rollout_pct() or 0.0)
        traffic.append(board.view("request_rate").value or 0.0)
    assert sorted(set(seen)) == [5.0, 15.0, 50.0]
    assert seen == sorted(seen)
    assert traffic[-1] > traffic[0]


def test_incident_crosses_high_alerts_before_triggers_then_recovers_only_on_revert() -> None:
    sim, board, clock = setup()
    first_alert = first_trigger = None
    for t in range(0, 200):
        poll(sim, board, t, clock)
        if first_alert is None and any(a.priority.value == "high" for a in board.alerts()):
            first_alert = t
        if first_trigger is None and board.triggers():
            first_trigger = t
    assert first_alert is not None and first_trigger is not None
    assert 60 < first_alert < first_trigger < 120
    assert board.rollout_pct() == 50.0
    fired = {t.metric for t in board.triggers()}
    assert fired == {"error_rate", "page_load", "api_response", "db_conn_failures"}
    assert board.issues(), "support issues stream in"
    sim.apply("revert_deployment")
    for t in range(200, 240):
        poll(sim, board, t, clock)
    assert board.triggers() == []
    assert [a for a in board.alerts() if a.priority.value == "high"] == []
    assert board.rollout_pct() == 0.0


def test_disabling_flags_also_recovers_and_unknown_operation_is_refused() -> None:
    sim, board, clock = setup()
    poll(sim, board, 130, clock)
    assert board.triggers()
    sim.apply("disable_feature_flags")
    poll(sim, board, 160, clock)
    assert board.triggers() == []
    with pytest.raises(ValueError, match="unknown simulated operation"):
        sim.apply("drop_database")


def test_speed_compresses_time() -> None:
    clock = Clock()
    fast = SimulatedSource(PLAN.metrics, SimulatedSettings(speed=10), clock=clock)
    clock.now = 10.0
    assert fast.elapsed() == pytest.approx(100.0)


def test_support_desk_stays_bounded_over_a_long_run() -> None:
    clock = Clock()
    sim = SimulatedSource(PLAN.metrics, SimulatedSettings(speed=1), clock=clock)
    sizes = []
    for hours in (1, 10, 48):
        clock.now = hours * 3600.0
        sizes.append(len(asyncio.run(sim.fetch()).issues or ()))
    assert max(sizes) <= 60 + 3
    assert sizes[1] == sizes[2], "after the first hour the open set stops growing"
