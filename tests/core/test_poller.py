"""The poller: independent sources, no pile-ups, backoff, rate-limit waits."""

from __future__ import annotations

import asyncio
import random
import time

from warroom.core.errors import AuthError, RateLimited, SourceTimeout
from warroom.core.model import FetchResult, Reading
from warroom.core.poller import MAX_BACKOFF, Poller, PollOutcome, backoff_delay
from warroom.core.source import SourceBase


class Counting(SourceBase):
    def __init__(self, name: str, interval: float, delay: float = 0.0) -> None:
        self.name = name
        self.interval = interval
        self.timeout = 0.5
        self.delay = delay
        self.calls: list[float] = []
        self.in_flight = 0
        self.max_in_flight = 0

    async def fetch(self) -> FetchResult:
        self.calls.append(time.monotonic())
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.delay)
        finally:
            self.in_flight -= 1
        return FetchResult(readings=(Reading("m", time.time(), 1.0),))


class Hanging(Counting):
    async def fetch(self) -> FetchResult:
        self.calls.append(time.monotonic())
        await asyncio.sleep(3600)
        raise AssertionError("unreachable")


async def run_for(poller: Poller, seconds: float) -> None:
    poller.start()
    await asyncio.sleep(seconds)
    await poller.stop()


async def test_a_hanging_source_delays_no_other_source() -> None:
    fast = Counting("fast", interval=0.05)
    stuck = Hanging("stuck", interval=0.05)
    outcomes: list[PollOutcome] = []
    await run_for(Poller([stuck, fast], outcomes.append), 1.0)
    fast_ok = [o for o in outcomes if o.source == "fast" and o.error is None]
    stuck_errors = [o for o in outcomes if o.source == "stuck"]
    assert len(fast_ok) >= 10, "the fast source kept its own rhythm"
    gaps = [b - a for a, b in zip(fast.calls, fast.calls[1:], strict=False)]
    assert max(gaps) < 0.3, "no fast poll waited for the hanging one"
    assert stuck_errors and stuck_errors[0].error is not None
    assert isinstance(stuck_errors[0].error, SourceTimeout)


async def test_next_poll_starts_after_the_previous_one_ends() -> None:
    slow = Counting("slow", interval=0.01, delay=0.1)
    await run_for(Poller([slow], lambda _: None), 0.6)
    assert slow.max_in_flight == 1
    gaps = [b - a for a, b in zip(slow.calls, slow.calls[1:], strict=False)]
    assert gaps and min(gaps) >= 0.1


async def test_rate_limited_waits_retry_after() -> None:
    class Limited(Counting):
        async def fetch(self) -> FetchResult:
            self.calls.append(time.monotonic())
            raise RateLimited("429", retry_after=0.4)

    source = Limited("dd", interval=0.01)
    outcomes: list[PollOutcome] = []
    await run_for(Poller([source], outcomes.append), 0.6)
    assert len(source.calls) == 2
    assert outcomes[0].next_in >= 0.4


async def test_a_429_and_the_pacing_it_causes_are_waited_once() -> None:
    class Refused(Counting):
        async def fetch(self) -> FetchResult:
            raise RateLimited("429", retry_after=0.4)

        def pacing(self) -> float:
            return 0.3  # the spent budget the 429 reported, reset at about the same time

    outcomes: list[PollOutcome] = []
    await run_for(Poller([Refused("s", interval=0.05)], outcomes.append), 0.2)
    assert outcomes[0].next_in == 0.4  # not 0.7: both count down to the same moment


async def test_failures_back_off_and_start_errors_are_reported() -> None:
    class BadKey(Counting):
        async def start(self) -> None:
            self.calls.append(time.monotonic())
            raise AuthError("403 bad key")

    source = BadKey("dd", interval=0.02)
    outcomes: list[PollOutcome] = []
    await run_for(Poller([source], outcomes.append, rng=random.Random(1)), 0.5)
    assert all(o.error is not None and o.error.reason == "403 bad key" for o in outcomes)
    delays = [o.next_in for o in outcomes]
    # Never faster than a healthy poll (no retry storm), never more than one interval later.
    assert len(outcomes) >= 5 and all(0.02 <= d <= 0.04 for d in delays)
    gaps = [b - a for a, b in zip(source.calls, source.calls[1:], strict=False)]
    assert min(gaps) >= 0.019  # (asyncio timers may fire a clock tick early)


async def test_an_adapter_bug_becomes_a_source_error() -> None:
    class Buggy(Counting):
        async def fetch(self) -> FetchResult:
            raise KeyError("oops")

    outcomes: list[PollOutcome] = []
    await run_for(Poller([Buggy("b", 1.0)], outcomes.append), 0.1)
    assert outcomes[0].error is not None
    assert outcomes[0].error.reason == "unexpected KeyError in adapter"


def test_backoff_is_bounded_and_jittered() -> None:
    rng = random.Random(3)
    assert backoff_delay(10, 0, rng) == 10
    assert backoff_delay(10, 1, rng) == 10  # a blip is retried at the interval
    delays = {backoff_delay(10, 4, rng) for _ in range(20)}
    # Jittered so many war rooms do not retry in step, never faster than the interval and
    # never more than 5 s later: fresh values return within one interval plus 5 s.
    assert len(delays) > 1 and all(10 <= d <= 15 for d in delays)
    assert all(1 <= backoff_delay(1, n, rng) <= 2 for n in range(1, 30))
    assert backoff_delay(600, 50, rng) <= MAX_BACKOFF


async def test_a_start_after_stop_polls_nothing() -> None:
    # The app starts polling after its first frame, which an early quit may never reach.
    source = Counting("late", interval=0.05)
    outcomes: list[PollOutcome] = []
    poller = Poller([source], outcomes.append)
    await poller.stop()
    poller.start()
    await asyncio.sleep(0.2)
    assert source.calls == [] and outcomes == []
    assert not [t for t in asyncio.all_tasks() if t.get_name() == "poll:late"]


class CancelledAsItReturns(Counting):
    """The poll task is cancelled in the very moment its fetch returns: before it resumes."""

    task: asyncio.Task[object]

    async def fetch(self) -> FetchResult:
        self.calls.append(time.monotonic())
        self.task = next(t for t in asyncio.all_tasks() if t.get_name() == f"poll:{self.name}")
        asyncio.get_running_loop().call_soon(self.task.cancel)
        return FetchResult(readings=(Reading("m", time.time(), 1.0),))


async def test_a_cancel_as_a_fetch_returns_ends_the_poll() -> None:
    """Python 3.11's wait_for dropped that cancel: the poll carried on to its next poll."""
    source = CancelledAsItReturns("mongo", interval=60.0)
    poller = Poller([source], lambda outcome: None)
    poller.start()
    while not source.calls:
        await asyncio.sleep(0.01)
    await asyncio.wait({source.task}, timeout=2)
    try:
        assert source.task.cancelled()
    finally:
        await asyncio.wait_for(poller.stop(), 5)


class Closing(Counting):
    def __init__(self, name: str, hang: bool = False) -> None:
        super().__init__(name, interval=0.05)
        self.hang = hang
        self.closed = False

    async def close(self) -> None:
        if self.hang:  # a client saying goodbye to a server that went away
            await asyncio.sleep(3600)
        self.closed = True


async def test_a_consumer_that_raises_stops_neither_polling_nor_stop() -> None:
    source, other = Closing("a"), Closing("b")
    seen: list[PollOutcome] = []

    def take(outcome: PollOutcome) -> None:
        seen.append(outcome)
        if len(seen) == 1:
            raise RuntimeError("an observer's bug")

    poller = Poller([source, other], take)
    poller.start()
    while len(source.calls) < 3:
        await asyncio.wait_for(asyncio.sleep(0.02), 5)
    await asyncio.wait_for(poller.stop(), 5)
    assert source.closed and other.closed


async def test_stop_closes_every_source_though_one_close_hangs() -> None:
    stuck, fine = Closing("stuck", hang=True), Closing("fine")
    poller = Poller([stuck, fine], lambda outcome: None)
    poller.start()
    await asyncio.sleep(0.1)
    started = time.monotonic()
    await asyncio.wait_for(poller.stop(), 10)
    assert fine.closed and not stuck.closed
    assert time.monotonic() - started < 3.0  # CLOSE_WITHIN is 1 s: all close at once
