"""The real Poller and Dashboard around the adapter: during any fault the tile keeps its last
good value with its age, the source health shows the reason, and the next poll recovers."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests.datadog.conftest import plan
from tests.datadog.test_faults import CASES
from tests.fakes.datadog_server import FakeDatadog
from warroom.core.dashboard import Dashboard, SourceInfo
from warroom.core.frame import MetricView
from warroom.core.model import SourceHealth, SourceState
from warroom.core.poller import Poller, PollOutcome
from warroom.sources.datadog.source import DatadogSource

TS = "/api/v2/query/timeseries"
SCHEDULING = 1.0
"""Seconds a poll may start late on a loaded machine (event loop and fake threads share it);
well short of the RETRY_SLACK (5 s) a longer backoff would add."""


@dataclass
class Seen:
    outcome: PollOutcome
    health: SourceHealth
    view: MetricView


async def until(check: Callable[[], bool], limit: float = 5.0) -> None:
    deadline = time.monotonic() + limit
    while not check():
        assert time.monotonic() < deadline, "condition not reached in time"
        await asyncio.sleep(0.02)


@pytest.mark.parametrize(
    ("mode", "fragment"), [(c[0], c[2]) for c in CASES], ids=[c[0] for c in CASES]
)
async def test_fault_keeps_last_value_shows_reason_and_recovers(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource], mode: str, fragment: str
) -> None:
    source = make_source()
    config = plan()
    dash = Dashboard(
        config,
        {"datadog": SourceInfo(source.interval)},
        {m.id: m.source for m in config.metrics},
        clock=time.time,
    )
    seen: list[Seen] = []

    def on_outcome(outcome: PollOutcome) -> None:
        dash.ingest(outcome)
        seen.append(Seen(outcome, dash.health()[0], dash.view("error_rate")))

    fake.state.fault_reset = 1
    fake.state.slow_seconds = 1.0
    poller = Poller([source], on_outcome, rng=random.Random(4))
    poller.start()
    try:
        await until(lambda: any(s.outcome.result for s in seen))
        good = seen[-1].view.value
        assert good is not None
        fake.set_fault(mode, times=1, path=TS)
        await until(lambda: any(s.outcome.error for s in seen))
        failed = next(s for s in seen if s.outcome.error)
        assert failed.health.state is SourceState.DOWN
        assert failed.health.error is not None and fragment in failed.health.error
        assert failed.view.value == good and failed.view.age is not None and failed.view.age > 0
        await until(lambda: seen[-1].outcome.result is not None and seen[-1] is not failed)
        recovered = seen[seen.index(failed) + 1]
        assert recovered.outcome.result is not None, "the first poll after the fault succeeds"
        assert recovered.health.state in (SourceState.OK, SourceState.SLOWED)
        assert recovered.health.error is None
        ended = failed.outcome.started + failed.outcome.latency
        wait = max(source.interval, fake.state.fault_reset if mode == "429" else 0)
        assert recovered.outcome.started - ended <= wait + SCHEDULING
        assert all(not t.done() for t in poller._tasks), "the poller keeps running"
    finally:
        await poller.stop()
