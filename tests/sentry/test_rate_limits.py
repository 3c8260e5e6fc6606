"""Rate limits: budget in `info`, slowing down before a 429, waiting for Reset, concurrency."""

from __future__ import annotations

import time

import pytest

from tests.fakes.sentry_server import FakeSentry
from tests.sentry.conftest import MakeSource
from warroom.core.errors import RateLimited


async def test_budget_and_concurrency_reach_the_status_bar(
    make_source: MakeSource, state: FakeSentry
) -> None:
    state.rate_limit, state.concurrent_limit = 40, 3
    source = make_source(max_concurrency=8)
    result = await source.fetch()
    assert "/40 left" in result.info["rate limit"]
    assert result.info["in flight"] == "max 3 of 3"
    assert source.pacing() == 0.0


async def test_requests_in_flight_stay_within_the_concurrent_limit(
    make_source: MakeSource, state: FakeSentry
) -> None:
    state.concurrent_limit, state.delay = 2, 0.03
    source = make_source(max_concurrency=8, release_lookups=10)
    await source.fetch()
    await source.fetch()
    assert state.peak_in_flight == 2  # parallel, but never above Sentry's limit
    assert source.http.limits.gate.peak <= 2


async def test_slows_down_before_a_429(make_source: MakeSource, state: FakeSentry) -> None:
    state.rate_limit = 3  # per endpoint and second; one poll makes 4 issue-list requests
    source = make_source(max_pages=3, release_lookups=0)
    result = await source.fetch()
    assert [r.status for r in state.log if r.status == 429] == []
    assert source.http.limits.waits >= 1
    assert "waits" in result.info["throttled"]
    assert result.issues is not None and len(result.issues) == 250


async def test_429_waits_until_the_epoch_reset(make_source: MakeSource, state: FakeSentry) -> None:
    state.fault, state.fault_on, state.reset_in = "429", "/issues/", 30
    source = make_source()
    with pytest.raises(RateLimited) as caught:
        await source.fetch()
    assert 27 <= caught.value.retry_after <= 31  # Reset is an epoch, not a delay
    assert "rate limited (429)" in caught.value.reason
    assert 27 <= source.pacing() <= 31  # the poller waits the longer of the two, once


@pytest.mark.parametrize("fault", ["429", "429-bare"])
async def test_429_body_is_json_despite_text_html(
    make_source: MakeSource, state: FakeSentry, fault: str
) -> None:
    state.fault, state.fault_on = fault, "/events-stats/"
    with pytest.raises(RateLimited) as caught:
        await make_source().fetch()
    assert caught.value.retry_after >= 1.0
    assert caught.value.reason.startswith("events-stats:")


async def test_self_hosted_sends_no_headers(make_source: MakeSource, state: FakeSentry) -> None:
    state.self_hosted = True
    source = make_source(max_concurrency=3)
    result = await source.fetch()
    assert result.info["rate limit"] == "none reported"
    assert result.info["in flight"] == "max 3"
    assert source.pacing() == 0.0


async def test_spent_budget_far_from_reset_ends_the_poll(
    make_source: MakeSource, state: FakeSentry
) -> None:
    source = make_source()
    await source.fetch()
    budget = source.http.limits.budgets["issues"]
    budget.remaining, budget.reset_at = 0, time.time() + 20
    with pytest.raises(RateLimited) as caught:
        await source.fetch()
    assert 15 <= caught.value.retry_after <= 20
