"""The dashboard spends a share of the account's NRQL budget, counted over a sliding minute,
and slows its polls before that share runs out; the status bar shows what it spent."""

from __future__ import annotations

import random

import pytest

from tests.fakes.newrelic_server import NerdGraphState
from tests.newrelic.conftest import MakeSource
from warroom.sources.newrelic.limits import MIN_SPACING, NerdGraphPacing


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_spending_counts_over_a_sliding_minute() -> None:
    clock = Clock()
    pacing = NerdGraphPacing(3000, 0.01, clock, random.Random(1))
    assert pacing.allowed == 30
    for _ in range(3):
        await pacing.spend(9)
        clock.now += 20
    assert pacing.used() == 18, "the first poll is more than a minute old"
    assert pacing.info() == {"nrql": "18/30 per min (1% of 3000)"}


async def test_pacing_waits_until_enough_of_the_window_has_passed() -> None:
    clock = Clock()
    pacing = NerdGraphPacing(100, 0.2, clock)  # 20 queries a minute
    await pacing.spend(9)
    clock.now += 10
    await pacing.spend(9)
    assert pacing.pacing(9) == pytest.approx(50.0), "the first 9 leave the window at t+60"
    assert pacing.pacing(2) == 0.0
    assert pacing.pacing(25) == 60.0, "more than the whole share: one poll a minute"


async def test_requests_are_spaced_for_the_repeat_limit() -> None:
    clock = Clock()
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock.now += seconds

    pacing = NerdGraphPacing(3000, 0.1, clock, sleep=sleep)
    await pacing.spend(1)
    clock.now += 0.2
    await pacing.spend(1)
    clock.now += 5
    await pacing.spend(1)
    assert slept == [pytest.approx(MIN_SPACING - 0.2)]


async def test_a_fast_plan_is_slowed_and_shows_it(
    state: NerdGraphState, make_source: MakeSource
) -> None:
    source = make_source(interval=1, budget_share=0.005)  # 15 queries a minute for 9 a poll
    assert source.pacing() == 0.0
    result = await source.fetch()
    assert result.info["nrql"] == "9/15 per min (0.5% of 3000)"
    assert 59.0 < source.pacing() <= 60.0, "the next poll would overspend: wait for the window"
