"""The fault matrix end to end: the real Poller and Dashboard over the adapter and the fake.

Expectations shared with the other adapters: the app stays up, the last good data stays with
its age, the reason is shown, and the adapter recovers on its own.
"""

from __future__ import annotations

import asyncio
import time

from tests.fakes.sentry_server import FakeSentry
from tests.sentry.conftest import config_with, env_for
from warroom.core.dashboard import Dashboard, SourceInfo
from warroom.core.errors import RateLimited
from warroom.core.model import SourceState
from warroom.core.poller import Poller, PollOutcome
from warroom.sources.sentry.source import create

FAULTS = ["401", "500", "timeout", "malformed", "drop", "429"]


async def next_outcome(queue: asyncio.Queue[PollOutcome]) -> PollOutcome:
    return await asyncio.wait_for(queue.get(), timeout=10)


async def test_poller_keeps_last_data_shows_reason_and_recovers(
    fake: tuple[FakeSentry, str],
) -> None:
    state, url = fake
    state.hang, state.reset_in = 2.0, 1
    config = config_with(interval=0.2, timeout=1.0, max_pages=1, release_lookups=0)
    source = create(config, env_for(state, url))
    sentry_metrics = {m.id: "sentry" for m in config.metrics if m.source == "sentry"}
    dashboard = Dashboard(config, {"sentry": SourceInfo(0.2)}, sentry_metrics, time.time)
    queue: asyncio.Queue[PollOutcome] = asyncio.Queue()

    def on_outcome(outcome: PollOutcome) -> None:
        dashboard.ingest(outcome)
        queue.put_nowait(outcome)

    poller = Poller([source], on_outcome)
    poller.start()
    try:
        first = await next_outcome(queue)
        assert first.error is None
        assert dashboard.view("open_issues").value == 250.0
        good_issues = dashboard.issues()
        assert len(good_issues) == 115  # first page plus the new issues beyond it
        for fault in FAULTS:
            state.fault, state.fault_on = fault, ""
            failed = await next_outcome(queue)
            assert failed.error is not None, fault
            health = {h.name: h for h in dashboard.health()}["sentry"]
            assert health.state is SourceState.DOWN
            assert health.error == failed.error.reason and health.error
            view = dashboard.view("open_issues")
            assert view.value == 250.0 and view.age is not None and view.age > 0
            assert dashboard.issues() == good_issues  # the table keeps its last good rows
            if fault == "429":
                assert isinstance(failed.error, RateLimited)
                assert failed.next_in >= failed.error.retry_after >= 1.0
            state.fault = None
            recovered = await next_outcome(queue)
            assert recovered.error is None, (fault, recovered.error)
            health = {h.name: h for h in dashboard.health()}["sentry"]
            assert health.state in (SourceState.OK, SourceState.SLOWED) and health.error is None
            assert "rate limit" in health.info
    finally:
        await poller.stop()
