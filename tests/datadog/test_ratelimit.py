"""X-RateLimit-* headers: read case-insensitively, slow down before a 429, wait Reset on one."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable

import pytest

from tests.fakes.datadog_server import FakeDatadog
from warroom.core.errors import RateLimited
from warroom.core.poller import Poller, PollOutcome
from warroom.sources.datadog.ratelimit import RateBudget
from warroom.sources.datadog.source import DatadogSource
from warroom.sources.http import header

TS = "/api/v2/query/timeseries"
MON = "/api/v1/monitor"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def headers(limit: int, remaining: int, reset: int, name: str = "q") -> dict[str, str]:
    return {
        "x-ratelimit-limit": str(limit),
        "X-RATELIMIT-REMAINING": str(remaining),
        "X-RateLimit-Reset": str(reset),
        "x-ratelimit-name": name,
    }


def test_header_lookup_ignores_case() -> None:
    assert header({"x-ratelimit-reset": "3"}, "X-RateLimit-Reset") == "3"
    assert header({"X-RateLimit-Reset": "3"}, "x-ratelimit-reset") == "3"
    assert header({}, "X-RateLimit-Reset") is None


def test_plenty_of_budget_means_no_slow_down() -> None:
    budget = RateBudget(clock=Clock())
    budget.observe(headers(1600, 1500, 1800), "q")
    assert budget.pacing(30) == 0
    assert budget.info(30) == {"budget": "1500/1600 left"}


def test_low_remaining_spreads_the_rest_until_the_reset() -> None:
    clock = Clock()
    budget = RateBudget(reserve=0.0, clock=clock)
    budget.observe(headers(100, 4, 600), "q")
    # 3 polls may still run (1 request is always kept back); the 4th must land after reset.
    assert budget.pacing(30) == pytest.approx(600 / 4 - 30)
    assert budget.info(30)["slowed"].startswith("+120s per poll")
    clock.now += 601
    assert budget.pacing(30) == 0 and budget.info(30) == {}  # a new period: full budget


def test_requests_per_poll_count_against_the_budget() -> None:
    budget = RateBudget(reserve=0.0, clock=Clock())
    budget.begin_poll()
    for _ in range(3):
        budget.observe(headers(100, 31, 600), "q")
    budget.end_poll()
    # 30 usable / 3 per poll = 10 polls before the reset.
    assert budget.pacing(30) == pytest.approx(600 / 11 - 30)


def test_a_429_leaves_the_wait_to_the_poller() -> None:
    budget = RateBudget(clock=Clock())
    budget.observe(headers(100, 1, 600), "q")
    budget.exhausted(headers(100, 0, 600), "q")
    assert budget.pacing(30) == 0


async def test_source_reports_budget_and_slows_down_before_a_429(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    fake.set_limit(TS, limit=100, remaining=12, reset=60)
    source = make_source(interval=1.0)
    result = await source.fetch()
    assert result.info["budget"] == "11/100 left"
    assert "slowed" in result.info
    assert source.pacing() == pytest.approx(60 / (6 + 1) - 1.0, abs=0.5)


async def test_429_raises_rate_limited_with_reset(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    fake.state.fault_reset = 7
    fake.set_fault("429", path=TS)
    source = make_source()
    with pytest.raises(RateLimited) as caught:
        await source.fetch()
    assert caught.value.retry_after == 7
    assert source.pacing() == 0  # not counted twice on top of the poller's wait


async def test_poller_waits_reset_seconds_after_a_429(
    fake: FakeDatadog, make_source: Callable[..., DatadogSource]
) -> None:
    fake.state.fault_reset = 1
    fake.set_fault("429", times=1, path=TS)
    source = make_source(interval=0.1)
    await source.start()
    fake.clear_log()
    outcomes: list[PollOutcome] = []
    poller = Poller([source], outcomes.append, rng=random.Random(2))
    poller.start()
    try:
        deadline = time.monotonic() + 10
        while not outcomes and time.monotonic() < deadline:  # start() and the first request
            await asyncio.sleep(0.02)
        assert outcomes, "no poll outcome in time"
        await asyncio.sleep(0.5)  # five polling intervals, half the Reset window
        assert fake.count(TS) == 1  # inside the Reset window: no further query
        assert outcomes and isinstance(outcomes[0].error, RateLimited)
        assert outcomes[0].next_in >= 1.0
        deadline = time.monotonic() + 2
        while not any(o.result for o in outcomes) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        assert any(o.result for o in outcomes)
    finally:
        await poller.stop()
