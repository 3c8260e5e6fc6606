"""The real Poller and Dashboard around the adapter and the fake: during any fault the tiles
keep their last good values with their age, the reason is shown, and the next poll recovers.
A query New Relic refuses shows New Relic's message on its own tile only."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests.fakes.newrelic_server import NerdGraphState
from tests.newrelic.conftest import MakeSource, newrelic_plan
from tests.newrelic.test_batch import with_query
from warroom.core.dashboard import Dashboard, SourceInfo
from warroom.core.frame import MetricView
from warroom.core.model import SourceHealth, SourceState
from warroom.core.poller import Poller, PollOutcome
from warroom.core.snapshot import snapshot_json, snapshot_text
from warroom.sources.newrelic.source import NewRelicSource

FAULTS = [
    ("401", "API key rejected"),
    ("429", "rate limited (429)"),
    ("500", "500 Internal Server Error"),
    ("502", "502 Bad Gateway"),
    ("malformed", "malformed JSON"),
    ("drop", "connection dropped"),
    ("timeout", "no answer in"),
    ("budget", "rate limited (TOO_MANY_REQUESTS)"),
]


@dataclass
class Seen:
    outcome: PollOutcome
    health: SourceHealth
    view: MetricView


async def until(check: Callable[[], bool], limit: float = 8.0) -> None:
    deadline = time.monotonic() + limit
    while not check():
        assert time.monotonic() < deadline, "condition not reached in time"
        await asyncio.sleep(0.02)


def dashboard_for(source: NewRelicSource) -> Dashboard:
    config = newrelic_plan()
    return Dashboard(
        config,
        {"newrelic": SourceInfo(source.interval)},
        {m.id: m.source for m in config.metrics},
        clock=time.time,
    )


@pytest.mark.parametrize(("fault", "fragment"), FAULTS, ids=[f[0] for f in FAULTS])
async def test_fault_keeps_last_values_shows_reason_and_recovers(
    state: NerdGraphState, make_source: MakeSource, fault: str, fragment: str
) -> None:
    source = make_source(interval=1, timeout=1.5)
    source.limits.base_wait = 0.3  # a short refusal wait keeps the test short
    dash = dashboard_for(source)
    seen: list[Seen] = []

    def on_outcome(outcome: PollOutcome) -> None:
        dash.ingest(outcome)
        seen.append(Seen(outcome, dash.health()[0], dash.view("api_response")))

    poller = Poller([source], on_outcome, rng=random.Random(4))
    poller.start()
    try:
        await until(lambda: any(s.outcome.result for s in seen))
        good = seen[-1].view.value
        assert good == 250.0
        if fault == "budget":
            state.query_budget = len(state._spent) + 2  # the next poll overspends the account
        else:
            state.fault, state.fault_times = fault, 1
        await until(lambda: any(s.outcome.error for s in seen))
        failed = next(s for s in seen if s.outcome.error)
        assert failed.health.state is SourceState.DOWN
        assert failed.health.error is not None and fragment in failed.health.error
        assert failed.view.value == good and failed.view.age is not None and failed.view.age > 0
        state.query_budget = 10**6
        await until(lambda: seen[-1].outcome.result is not None and seen[-1] is not failed)
        recovered = seen[seen.index(failed) + 1]
        assert recovered.outcome.result is not None, "the first poll after the fault succeeds"
        assert recovered.health.state in (SourceState.OK, SourceState.SLOWED)
        assert recovered.health.error is None and "nrql" in recovered.health.info
        assert all(not t.done() for t in poller._tasks), "the poller keeps running"
    finally:
        await poller.stop()


async def test_a_refused_query_shows_on_its_tile_and_in_the_snapshot(
    make_source: MakeSource,
) -> None:
    config = with_query("page_load", "SELECT average(duration) FROM FROM PageView")
    source = make_source(config)
    dash = Dashboard(
        config, {"newrelic": SourceInfo(30)}, {m.id: m.source for m in config.metrics}, time.time
    )
    poller_outcome = PollOutcome(
        "newrelic", time.time(), 0.01, result=await source.fetch(), next_in=30
    )
    dash.ingest(poller_outcome)
    assert dash.view("page_load").problem == (
        "New Relic: NRQL Syntax Error: Error at line 1 position 31, unexpected 'FROM'"
    )
    assert dash.view("api_response").problem is None and dash.view("api_response").value == 250.0
    now = time.time()
    assert snapshot_json(dash, now)["metrics"]["page_load"]["problem"].startswith("New Relic: NRQL")
    assert "[problem: New Relic: NRQL Syntax Error" in snapshot_text(dash, now)
    health = dash.health()[0]
    assert health.state is SourceState.OK and health.info["nrql"].startswith("9/300 per min")
