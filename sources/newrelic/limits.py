"""Staying far below NerdGraph's limits, which it reports in no header.

- 3,000 NRQL queries per account per minute: every alias of a request is one query, and
  other people and tools spend the same account's budget, so the dashboard allows itself
  `budget_share` of it, counted over a sliding minute, and slows its polls down before that
  runs out. Over the budget, NerdGraph answers HTTP 200 with `TOO_MANY_REQUESTS`.
- The repeat limit (the same NRQL 120 times a minute) and 25 concurrent requests per user
  answer HTTP 429. One request per poll, never closer than `MIN_SPACING`, stays inside both.

Neither refusal says when to come back, so the wait doubles from `BASE_WAIT` up to a
minute (the budget's window), with jitter so that several dashboards do not retry in step.
"""

from __future__ import annotations

import asyncio
import math
import random
import time
from collections import deque
from collections.abc import Awaitable, Callable, Mapping

from warroom.sources.http import retry_after

WINDOW = 60.0  # seconds: the per-account query budget is per minute
MIN_SPACING = 0.6  # seconds between requests: the repeat limit allows one every 0.5 s
BASE_WAIT = 10.0
MAX_WAIT = 60.0


class NerdGraphPacing:
    """The `RatePolicy` of the NerdGraph client plus the NRQL query budget."""

    def __init__(
        self,
        budget: int,
        share: float,
        monotonic: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.budget = budget
        self.allowed = max(1, math.floor(budget * share))
        self._monotonic = monotonic
        self._rng = rng or random.Random()  # noqa: S311 - retry jitter, not cryptography
        self._sleep = sleep
        self._sent: deque[tuple[float, int]] = deque()
        self._last_send: float | None = None
        self._refusals = 0
        self.base_wait = BASE_WAIT
        """Seconds the first refusal waits; each further one in a row doubles it."""
        self.http_429 = 0
        self.too_many = 0

    # ------------------------------------------------------------------ RatePolicy

    def observe(self, what: str, headers: Mapping[str, str]) -> None:
        return None  # NerdGraph sends no rate-limit headers

    def refused(self, what: str, headers: Mapping[str, str]) -> float:
        """An HTTP 429 (concurrency or repeat limit). Returns the seconds to wait."""
        self.http_429 += 1
        return self._back_off(retry_after(headers))

    # ------------------------------------------------------------------ the query budget

    def throttled(self) -> float:
        """A `TOO_MANY_REQUESTS` inside an HTTP 200. Returns the seconds to wait."""
        self.too_many += 1
        return self._back_off(None)

    def succeeded(self) -> None:
        """An answer that was not refused: the next refusal waits BASE_WAIT again."""
        self._refusals = 0

    async def spend(self, queries: int) -> None:
        """Counts `queries` NRQL queries about to be sent, after spacing them from the last
        request (a refresh pressed twice must not trip the repeat limit)."""
        now = self._monotonic()
        if self._last_send is not None and now - self._last_send < MIN_SPACING:
            await self._sleep(MIN_SPACING - (now - self._last_send))
            now = self._monotonic()
        self._last_send = now
        self._sent.append((now, queries))

    def used(self) -> int:
        """NRQL queries sent in the last minute."""
        cutoff = self._monotonic() - WINDOW
        while self._sent and self._sent[0][0] <= cutoff:
            self._sent.popleft()
        return sum(n for _, n in self._sent)

    def pacing(self, next_cost: int) -> float:
        """Seconds to wait before `next_cost` more queries fit in the allowed share."""
        room = self.allowed - self.used()
        if next_cost <= room:
            return 0.0
        needed, freed = next_cost - room, 0
        for at, count in self._sent:
            freed += count
            if freed >= needed:
                return max(0.0, at + WINDOW - self._monotonic())
        return WINDOW  # one poll costs more than the whole share: one poll a minute

    def info(self) -> dict[str, str]:
        """Status-bar facts: queries spent of the allowed share, and refusals met."""
        share = f"{round(100 * self.allowed / self.budget, 1):g}%"
        out = {"nrql": f"{self.used()}/{self.allowed} per min ({share} of {self.budget})"}
        if self.http_429 or self.too_many:
            out["throttled"] = f"{self.http_429}×429, {self.too_many}×TOO_MANY_REQUESTS"
        return out

    def _back_off(self, told: float | None) -> float:
        self._refusals += 1
        if told is not None:
            return told
        ceiling = min(MAX_WAIT, self.base_wait * 2.0 ** min(self._refusals - 1, 6))
        return float(ceiling * (0.75 + self._rng.random() / 4))
