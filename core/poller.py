"""One asyncio task per source, each on its own interval, timeout and backoff.

The next poll is scheduled when the previous one ends, so polls of one source never overlap,
and a source that hangs is abandoned at its timeout without delaying any other source.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from warroom.core.aio import detached, waited, within
from warroom.core.errors import RateLimited, SourceError, SourceTimeout, Unavailable
from warroom.core.model import FetchResult
from warroom.core.source import Source

log = logging.getLogger(__name__)
MAX_BACKOFF = 300.0
CLOSE_WITHIN = 1.0
"""Seconds each source may take to close when the poller stops."""
RETRY_SLACK = 5.0
"""Most seconds a failed source waits beyond its interval (jitter), so a vendor that is back
is seen again within one interval plus this."""


@dataclass(frozen=True, slots=True)
class PollOutcome:
    """The result of one poll of one source: either `result` or `error` is set."""

    source: str
    started: float
    latency: float
    result: FetchResult | None = None
    error: SourceError | None = None
    next_in: float = 0.0
    """Seconds until the next poll of this source (interval, backoff or rate-limit wait)."""


def backoff_delay(interval: float, failures: int, rng: random.Random) -> float:
    """The wait before the next poll after `failures` failures in a row.

    A failed source is retried at its own interval plus jitter of at most RETRY_SLACK (and at
    most one more interval): never faster than a healthy poll, so a long outage is no request
    storm, and never so slow that fresh values come back later than one interval plus 5 s
    after the fault clears. (Growing the wait exponentially kept the room blind for up to
    minutes after a vendor recovered.) Rate limits are not failures of this kind: the poller
    waits as long as the vendor asks. Capped at MAX_BACKOFF.
    """
    if failures <= 0:
        return interval
    slack = min(RETRY_SLACK, interval) * min(1.0, (failures - 1) / 3)
    return min(MAX_BACKOFF, interval + slack * rng.random())


async def poll_once(source: Source, clock: Callable[[], float] = time.time) -> PollOutcome:
    """Runs one `fetch` under the source's timeout and turns every failure into a SourceError."""
    started = clock()
    t0 = time.monotonic()
    try:
        # Detached: a driver that loses a cancel (see core.aio) must not keep the poll going
        # after `Poller.stop`.
        result = await within(detached(source.fetch()), source.timeout)
    except TimeoutError:
        error: SourceError = SourceTimeout(f"no answer in {source.timeout:g}s")
    except SourceError as exc:
        error = exc
    except Exception as exc:  # an adapter bug must not take the dashboard down: show it
        # Only the type: an adapter bug's message may carry a URL or header with a secret.
        error = Unavailable(f"unexpected {type(exc).__name__} in adapter")
        # The traceback only reaches a `--log-file`, whose every line is scrubbed.
        log.debug("%s: adapter raised", source.name, exc_info=True)
    else:
        latency = time.monotonic() - t0
        log.debug("%s: %d readings in %.3f s", source.name, len(result.readings), latency)
        return PollOutcome(source.name, started, latency, result=result)
    latency = time.monotonic() - t0
    log.debug("%s: %s after %.3f s: %s", source.name, type(error).__name__, latency, error)
    return PollOutcome(source.name, started, latency, error=error)


async def start_source(
    source: Source, clock: Callable[[], float] = time.time
) -> PollOutcome | None:
    """Runs `source.start()` under its timeout. Returns None on success, else the failed outcome."""
    started = clock()
    t0 = time.monotonic()
    try:
        await within(detached(source.start()), source.timeout)
    except TimeoutError:
        error: SourceError = SourceTimeout(f"start: no answer in {source.timeout:g}s")
    except SourceError as exc:
        error = exc
    except Exception as exc:  # shown on the status bar, never raised into the app
        error = Unavailable(f"start: unexpected {type(exc).__name__} in adapter")
        log.debug("%s: adapter raised at start", source.name, exc_info=True)
    else:
        return None
    log.debug("%s: %s at start: %s", source.name, type(error).__name__, error)
    return PollOutcome(source.name, started, time.monotonic() - t0, error=error)


class Poller:
    """Polls every source forever until `stop()`; hands each outcome to `on_outcome`."""

    def __init__(
        self,
        sources: Sequence[Source],
        on_outcome: Callable[[PollOutcome], None],
        clock: Callable[[], float] = time.time,
        rng: random.Random | None = None,
    ) -> None:
        self.sources = list(sources)
        self._on_outcome = on_outcome
        self._clock = clock
        self._rng = rng or random.Random()
        self._tasks: list[asyncio.Task[None]] = []
        self._wake: dict[str, asyncio.Event] = {}
        self._stopped = False

    def start(self) -> None:
        """Starts one task per source; after `stop()` it starts nothing (an app that quits
        before its first frame, where the app starts polling, must leave no task behind)."""
        if self._stopped:
            return
        for source in self.sources:
            self._wake[source.name] = asyncio.Event()
            task = asyncio.create_task(self._run(source), name=f"poll:{source.name}")
            self._tasks.append(task)

    def poll_now(self, name: str | None = None) -> None:
        """Cuts the wait short for one source (or all), e.g. after the operator presses refresh."""
        for source_name, event in self._wake.items():
            if name is None or name == source_name:
                event.set()

    async def stop(self) -> None:
        """Cancels the polls, then closes every source, at once and each for at most
        `CLOSE_WITHIN` seconds: a client saying goodbye to a server that went away (pymongo
        ends its sessions) must not hold up the rest of the shutdown, which on a lost
        terminal has 3 s in all (tui.lifecycle)."""
        self._stopped = True
        for task in self._tasks:
            task.cancel()
        ended = await asyncio.gather(*self._tasks, return_exceptions=True)
        for source, end in zip(self.sources, ended, strict=False):
            if not isinstance(end, asyncio.CancelledError):
                log.error("%s: its poll loop had ended: %r", source.name, end)
        self._tasks.clear()
        closed = await asyncio.gather(
            *(within(detached(source.close()), CLOSE_WITHIN) for source in self.sources),
            return_exceptions=True,
        )
        for source, end in zip(self.sources, closed, strict=True):
            if isinstance(end, BaseException):
                log.debug("%s: close: %r", source.name, end)

    async def _run(self, source: Source) -> None:
        failures = 0
        started = False
        while True:
            if not started:
                outcome = await self._start(source)
                started = outcome is None
            if started:
                outcome = await poll_once(source, self._clock)
            assert outcome is not None
            failures = 0 if outcome.error is None else failures + 1
            delay = self._next_delay(source, outcome, failures)
            self._hand_on(_with_next(outcome, delay))
            await self._sleep(source.name, delay)

    def _hand_on(self, outcome: PollOutcome) -> None:
        """A consumer that raises (a bug in an observer) must not end this source's polling
        in silence, nor later break `stop`, which closes every source."""
        try:
            self._on_outcome(outcome)
        except Exception:
            log.exception("%s: handling a poll outcome failed", outcome.source)

    async def _start(self, source: Source) -> PollOutcome | None:
        return await start_source(source, self._clock)

    def _next_delay(self, source: Source, outcome: PollOutcome, failures: int) -> float:
        pacing = max(0.0, source.pacing())
        if isinstance(outcome.error, RateLimited):
            # The vendor's wait and the adapter's pacing both count down to when requests are
            # allowed again (a spent budget is the 429's own): wait the longer, not the sum.
            return max(outcome.error.retry_after, source.interval + pacing)
        return backoff_delay(source.interval, failures, self._rng) + pacing

    async def _sleep(self, name: str, delay: float) -> None:
        event = self._wake[name]
        event.clear()
        await waited(event, delay)


def _with_next(outcome: PollOutcome, delay: float) -> PollOutcome:
    return PollOutcome(
        outcome.source, outcome.started, outcome.latency, outcome.result, outcome.error, delay
    )
