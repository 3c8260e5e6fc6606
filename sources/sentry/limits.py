"""Sentry's rate limits: a per-endpoint request budget and a cap on requests in flight.

Sentry limits each (caller, endpoint, method) to a fixed window (mostly 1 s) and to a number of
concurrent requests, and reports both in `X-Sentry-Rate-Limit-*` headers whose Reset is an
epoch timestamp. We count our own requests down between responses so that a burst of parallel
requests slows down *before* Sentry answers 429. Self-hosted Sentry sends no headers and has
no limits; then only our own concurrency cap applies.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping
from types import TracebackType

from warroom.core.errors import RateLimited
from warroom.sources.http import Budget, header_number

LIMIT = "x-sentry-rate-limit-limit"
REMAINING = "x-sentry-rate-limit-remaining"
RESET = "x-sentry-rate-limit-reset"
CONCURRENT_LIMIT = "x-sentry-rate-limit-concurrentlimit"
CONCURRENT_REMAINING = "x-sentry-rate-limit-concurrentremaining"
RESERVE = 1  # requests kept back in each window, for other clients of the same token
MAX_INLINE_WAIT = 2.0  # longer waits end the poll with RateLimited instead of sleeping in it


class ConcurrencyGate:
    """An async semaphore whose size can shrink to the server's concurrent limit."""

    def __init__(self, limit: int) -> None:
        self.limit = max(1, limit)
        self.in_flight = 0
        self.peak = 0
        self._cond = asyncio.Condition()

    async def __aenter__(self) -> None:
        async with self._cond:
            await self._cond.wait_for(lambda: self.in_flight < self.limit)
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)

    async def __aexit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        async with self._cond:
            self.in_flight -= 1
            self._cond.notify_all()


class RateLimits:
    """Budgets per endpoint, the concurrency gate, and counters for the status bar."""

    def __init__(self, max_concurrency: int, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._max = max_concurrency
        # One request at a time until a response tells us the server's concurrent limit.
        self.gate = ConcurrencyGate(1)
        self.budgets: dict[str, Budget] = {}
        self.server_concurrency: int | None = None
        self.headers_seen = False
        self.waits = 0
        self.refusals = 0

    async def spend(self, endpoint: str) -> None:
        """Takes one request from `endpoint`'s budget, waiting for the next window if it is spent.

        Raises:
            RateLimited: the window resets too far ahead to wait inside this poll.
        """
        budget = self.budgets.get(endpoint)
        if budget is None:
            return
        now = self._clock()
        if budget.reset_at <= now:
            budget.remaining = budget.limit  # a new window began since the last response
        elif budget.remaining <= RESERVE:
            wait = budget.reset_at - now
            if wait > MAX_INLINE_WAIT:
                raise RateLimited(f"{endpoint}: request budget spent, resets in {wait:.0f}s", wait)
            self.waits += 1
            await asyncio.sleep(wait)
            budget.remaining = budget.limit
        budget.remaining -= 1

    def observe(self, endpoint: str, headers: Mapping[str, str]) -> None:
        """Records the rate-limit headers of one response (absent on self-hosted Sentry)."""
        limit, remaining, reset = (header_number(headers, h) for h in (LIMIT, REMAINING, RESET))
        if limit is not None and remaining is not None and reset is not None:
            self.headers_seen = True
            self.budgets[endpoint] = Budget(int(limit), int(remaining), reset)
        concurrent = header_number(headers, CONCURRENT_LIMIT)
        if concurrent is not None and concurrent > 0:
            self.server_concurrency = int(concurrent)
        allowed = min(self._max, self.server_concurrency or self._max)
        self.gate.limit = max(1, allowed)

    def refused(self, endpoint: str, headers: Mapping[str, str]) -> float:
        """Records a 429. Returns the seconds until the endpoint's window resets (at least 1)."""
        self.refusals += 1
        self.observe(endpoint, headers)
        reset = header_number(headers, RESET)
        wait = (reset - self._clock()) if reset is not None else 0.0
        budget = self.budgets.get(endpoint)
        if budget is not None:
            budget.remaining = 0
        return max(1.0, wait)

    def pacing(self) -> float:
        """Seconds until every spent budget has reset again (0 when none is spent)."""
        now = self._clock()
        waits = [b.reset_at - now for b in self.budgets.values() if b.remaining <= RESERVE]
        return max([0.0, *waits])

    def info(self) -> dict[str, str]:
        """Short facts for the status bar; no secrets, no vendor text."""
        if not self.headers_seen:
            return {"rate limit": "none reported", "in flight": f"max {self.gate.limit}"}
        tightest = min(self.budgets.items(), key=lambda kv: kv[1].remaining / max(1, kv[1].limit))
        name, budget = tightest
        out = {
            "rate limit": f"{max(0, budget.remaining):.0f}/{budget.limit:.0f} left ({name})",
            "in flight": f"max {self.gate.limit}"
            + (f" of {self.server_concurrency}" if self.server_concurrency else ""),
        }
        if self.waits or self.refusals:
            out["throttled"] = f"{self.waits} waits, {self.refusals}×429"
        return out
