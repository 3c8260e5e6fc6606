"""The demo opens with the minutes before the launch: its first poll returns them, once, and
every sparkline is full from the first frame with data on."""

from __future__ import annotations

import asyncio

from tests.sim.test_simulated import PLAN, Clock
from warroom.core.chart.buckets import SPARK_COLUMNS, SPARK_STEP, SPARK_WINDOW
from warroom.core.dashboard import Dashboard
from warroom.core.poller import PollOutcome
from warroom.sources.registry import build_demo
from warroom.tui.cli import build_parser
from warroom.tui.commands import sources_for

T0 = 1_800_000_000.0


def first_polls(baseline: float) -> tuple[Dashboard, list[dict[str, float | None]]]:
    """Two polls a second apart; returns the dashboard and each poll's values at its own ts."""
    clock = Clock()
    clock.now = T0
    sources = build_demo(PLAN, clock=clock, baseline=baseline)
    assert sources.sim is not None
    board = Dashboard(PLAN, sources.info, sources.metric_sources, clock)
    values = []
    for second in range(2):
        clock.now = T0 + second
        result = asyncio.run(sources.sim.fetch())
        board.ingest(PollOutcome(sources.sim.name, clock.now, 0.0, result=result, next_in=1))
        values.append({r.metric: r.value for r in result.readings if r.ts == clock.now})
    return board, values


def test_the_first_poll_returns_the_window_before_the_launch_and_later_polls_do_not() -> None:
    board, _ = first_polls(SPARK_WINDOW)
    series = board.store.series("error_rate")
    before = [(ts, v) for ts, v in series if ts < T0]
    assert len(before) == SPARK_COLUMNS
    assert before[0][0] == T0 - SPARK_WINDOW and before[-1][0] == T0 - SPARK_STEP
    assert len(series) == SPARK_COLUMNS + 2  # and one point per later poll
    view = board.view("error_rate", T0 + 1)
    assert len(view.history) == SPARK_COLUMNS  # every column of the widest sparkline


def test_before_the_launch_the_flag_is_at_zero_and_the_room_is_healthy() -> None:
    board, _ = first_polls(SPARK_WINDOW)
    for metric, healthy in (("request_rate", 1000.0), ("release_adoption", 0.0)):
        values = [v for ts, v in board.store.series(metric) if ts < T0]
        assert abs(sum(values) / len(values) - healthy) <= 25.0, metric
    errors = [v for ts, v in board.store.series("error_rate") if ts < T0]
    assert max(errors) < 0.1  # below the plan's warn level: no alert before the launch
    assert not board.alerts(T0 - 1)


def test_the_baseline_leaves_the_launch_itself_unchanged() -> None:
    _, with_baseline = first_polls(SPARK_WINDOW)
    _, without = first_polls(0.0)
    assert with_baseline == without


def test_warroom_demo_asks_for_the_baseline() -> None:
    args = build_parser().parse_args(["demo"])
    sources = sources_for(PLAN, args, demo=True)
    assert sources.sim is not None
    result = asyncio.run(sources.sim.fetch())
    launch = min(r.ts for r in result.readings if r.metric == "error_rate")
    assert launch <= max(r.ts for r in result.readings) - SPARK_WINDOW
