"""Datadog's X-RateLimit-* headers: read them on every answer, slow down before a 429.

Datadog limits per bucket (`X-RateLimit-Name`): `Limit` requests per `Period` seconds, with
`Remaining` left and `Reset` **seconds until** the period ends (not an epoch). Over HTTP/2
the names arrive in lower case, so every lookup ignores case.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping

from warroom.sources.http import Budget, header, header_number


class RateBudget:
    """Tracks every bucket the adapter hits and works out how much to slow the polls down.

    The poll is slowed only when the current pace would spend a bucket's remaining requests
    (minus a reserve left for people using Datadog) before that bucket resets.
    """

    def __init__(self, reserve: float = 0.05, clock: Callable[[], float] = time.monotonic) -> None:
        self._reserve = reserve
        self._clock = clock
        self._buckets: dict[str, Budget] = {}
        self._per_poll: dict[str, int] = {}
        self._this_poll: dict[str, int] = {}

    def begin_poll(self) -> None:
        """Starts counting the requests of a new poll per bucket."""
        self._this_poll = {}

    def end_poll(self) -> None:
        """Remembers how many requests per bucket one poll costs (for pacing)."""
        if self._this_poll:
            self._per_poll = dict(self._this_poll)

    def observe(self, headers: Mapping[str, str], fallback_name: str) -> None:
        """Reads the rate-limit headers of one successful answer (no headers: no limit)."""
        limit = header_number(headers, "X-RateLimit-Limit")
        remaining = header_number(headers, "X-RateLimit-Remaining")
        reset = header_number(headers, "X-RateLimit-Reset")
        name = header(headers, "X-RateLimit-Name") or fallback_name
        self._this_poll[name] = self._this_poll.get(name, 0) + 1
        if limit is None or remaining is None or reset is None:
            return
        self._buckets[name] = Budget(limit, remaining, self._clock() + max(0.0, reset))

    def exhausted(self, headers: Mapping[str, str], fallback_name: str) -> None:
        """After a 429 the poller waits `Reset` itself, so the bucket must not also pace."""
        self._buckets.pop(header(headers, "X-RateLimit-Name") or fallback_name, None)

    def pacing(self, interval: float) -> float:
        """Extra seconds to add to `interval` so no bucket runs dry before it resets."""
        return max((self._extra(n, b, interval) for n, b in self._live().items()), default=0.0)

    def info(self, interval: float) -> dict[str, str]:
        """Status-bar facts: the tightest bucket's budget and any slow-down."""
        live = self._live()
        if not live:
            return {}
        tight = min(live.values(), key=lambda b: b.remaining / max(b.limit, 1.0))
        out = {"budget": f"{tight.remaining:.0f}/{tight.limit:.0f} left"}
        extra = self.pacing(interval)
        if extra > 0:
            reset_in = max(0.0, tight.reset_at - self._clock())
            out["slowed"] = f"+{math.ceil(extra)}s per poll until reset in {math.ceil(reset_in)}s"
        return out

    def _live(self) -> dict[str, Budget]:
        now = self._clock()
        for name in [n for n, b in self._buckets.items() if b.reset_at <= now]:
            del self._buckets[name]  # its period is over: the budget is full again
        return self._buckets

    def _extra(self, name: str, bucket: Budget, interval: float) -> float:
        reset_in = max(0.0, bucket.reset_at - self._clock())
        cost = max(1, self._per_poll.get(name, 1))
        usable = bucket.remaining - max(1.0, math.ceil(bucket.limit * self._reserve))
        polls_left = math.floor(usable / cost) if usable > 0 else 0
        # With n polls allowed before the reset, the (n+1)-th must land after it.
        spacing = reset_in / (polls_left + 1)
        return max(0.0, spacing - interval)
