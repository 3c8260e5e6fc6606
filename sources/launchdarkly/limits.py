"""LaunchDarkly's rate limits, read from every answer.

`X-Ratelimit-Global-Remaining` counts what the whole account may still send in the current
10-second window, `X-Ratelimit-Route-Remaining` the same for one route, and
`X-Ratelimit-Reset` says when the window resets, in epoch **milliseconds**. IP-based limits
answer 429 with `Retry-After` (seconds). The numbers are undocumented on purpose: warroom
programs against the headers only.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from warroom.sources.http import header_number, retry_after

GLOBAL = "X-Ratelimit-Global-Remaining"
ROUTE = "X-Ratelimit-Route-Remaining"
RESET = "X-Ratelimit-Reset"
RESERVE = 1
"""Requests kept back for the runbook: a poll waits for the reset rather than spend them."""


class LaunchDarklyLimits:
    """The latest remaining counts and reset; a 429 waits until the reset (or Retry-After)."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self.remaining: float | None = None
        """The smaller of the global and route counts of the last answer that had either."""
        self.reset_at: float | None = None
        """Epoch seconds of the window's reset."""
        self.refusals = 0

    def observe(self, what: str, headers: Mapping[str, str]) -> None:
        counts = (header_number(headers, GLOBAL), header_number(headers, ROUTE))
        known = [v for v in counts if v is not None]
        reset = header_number(headers, RESET)
        reset_at = None if reset is None else reset / 1000.0
        if known:
            # Concurrent answers of one window arrive in any order: the lowest count is the
            # latest; a new reset time starts a new window.
            low, last = min(known), self.remaining
            same_window = last is not None and reset_at in (None, self.reset_at)
            self.remaining = min(last, low) if same_window and last is not None else low
        if reset_at is not None:
            self.reset_at = reset_at

    def refused(self, what: str, headers: Mapping[str, str]) -> float | None:
        self.refusals += 1
        self.observe(what, headers)
        self.remaining = 0
        wait = retry_after(headers)
        if wait is not None:
            return wait
        return self.until_reset()

    def until_reset(self) -> float | None:
        """Seconds until the window resets, None when no answer said."""
        if self.reset_at is None:
            return None
        return max(0.0, self.reset_at - self._clock())

    def pacing(self) -> float:
        """Seconds to wait before the next poll: until the reset when the window is spent."""
        if self.remaining is None or self.remaining > RESERVE:
            return 0.0
        return self.until_reset() or 0.0

    def info(self) -> dict[str, str]:
        if self.remaining is None:
            return {}
        return {"rate limit": f"{self.remaining:.0f} left in window"}
