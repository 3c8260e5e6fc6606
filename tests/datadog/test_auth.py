"""A bad key: a one-line reason at start-up, and no retry storm."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable

from tests.datadog.conftest import plan
from tests.fakes.datadog_server import FakeDatadog
from warroom.core.dashboard import Dashboard, SourceInfo
from warroom.core.errors import AuthError
from warroom.core.model import SourceState
from warroom.core.poller import Poller, PollOutcome
from warroom.sources.datadog.source import DatadogSource


async def test_start_checks_both_keys(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    source = make_source()
    await source.start()
    paths = [(r.path, "dd-application-key" in r.headers) for r in fake.requests()]
    assert paths == [("/api/v1/validate", False), ("/api/v1/monitor", True)]


async def test_bad_app_key_fails_start(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    fake.state.app_key = "something-else"
    source = make_source()
    try:
        await source.start()
    except AuthError as exc:
        assert exc.reason.startswith("Datadog app key check: application key not allowed (403")
    else:
        raise AssertionError("a rejected application key must fail start()")


async def test_bad_key_shows_one_line_and_backs_off(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    fake.state.api_key = "revoked"
    source = make_source(interval=0.1)
    config = plan()
    dash = Dashboard(config, {"datadog": SourceInfo(0.1)}, {}, clock=time.time)
    outcomes: list[PollOutcome] = []

    def on_outcome(outcome: PollOutcome) -> None:
        dash.ingest(outcome)
        outcomes.append(outcome)

    poller = Poller([source], on_outcome, rng=random.Random(3))
    started = time.monotonic()
    poller.start()
    # It keeps retrying: six attempts come (however loaded the machine, within the deadline).
    deadline = started + 30.0
    while len(outcomes) < 6 and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
    took = time.monotonic() - started
    await poller.stop()
    assert len(outcomes) >= 6, outcomes
    health = dash.health()[0]
    assert health.state is SourceState.DOWN
    assert health.error == "Datadog key check: API key not allowed (403 Forbidden)"
    # Retried no faster than a healthy poll: the first at once, then one per 0.1 s interval at
    # the most, so the sixth comes 0.5 s in at the earliest; each is a single request (no
    # client retry underneath).
    assert took >= 5 * 0.1
    assert fake.count() == fake.count("/api/v1/validate") == len(outcomes)
