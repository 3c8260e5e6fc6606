"""The collector: polls the vendors once for the whole war room and writes to the shared store.

It is the ordinary poller with the store as its only observer. Outcomes are queued and written
in batches by one writer task, with the heartbeat, so a slow store never delays a poll; a
store outage is retried (outcomes are kept, up to a bound) and reported on stderr.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable, Sequence

from warroom.collector.store import MongoStore, Queued, heartbeat_doc
from warroom.core.aio import waited
from warroom.core.errors import SourceError
from warroom.core.poller import Poller, PollOutcome
from warroom.sources.registry import SourceSet

HEARTBEAT = 1.0
MAX_PENDING = 10_000  # outcomes kept while the store is down (the oldest are dropped)
MAX_PENDING_READINGS = 20 * MAX_PENDING


class Collector:
    def __init__(
        self,
        sources: SourceSet,
        store: MongoStore,
        *,
        heartbeat: float = HEARTBEAT,
        clock: Callable[[], float] = time.time,
        report: Callable[[str], None] | None = None,
        observers: Sequence[Callable[[PollOutcome], object]] = (),
    ) -> None:
        self.sources = sources
        self.observers = list(observers)
        """Also given every outcome (the dashboard behind /metrics)."""
        self.heard = clock()
        """When the last outcome arrived: the /healthz heartbeat."""
        self.store = store
        self.heartbeat = heartbeat
        self._clock = clock
        self._report = report or (lambda line: print(line, file=sys.stderr, flush=True))
        self._queued = Queued()
        self._started = clock()

    def take(self, outcome: PollOutcome) -> None:
        """Poller callback: queues the outcome for the writer and hands it to the observers."""
        self.heard = self._clock()
        for observer in self.observers:
            observer(outcome)
        self._queued.add(outcome)
        self._queued.trim(MAX_PENDING, MAX_PENDING_READINGS)

    @property
    def written(self) -> int:
        """Polls stored so far."""
        return self._queued.written

    async def run(self, stop: asyncio.Event) -> None:
        """Polls and writes until `stop` is set."""
        await self._prepare(stop)
        poller = Poller(self.sources.sources, self.take, clock=self._clock)
        poller.start()
        try:
            while not stop.is_set():
                await self.flush()
                await waited(stop, self.heartbeat)
        finally:
            await poller.stop()
            await self.flush()
            await self.store.close()

    async def flush(self) -> None:
        """Writes the queued outcomes and a fresh heartbeat; on failure keeps what was not
        stored for the next flush (the queue is only ever added to on this loop's thread)."""
        beat = heartbeat_doc(
            self.sources.info, self.sources.metric_sources, self._clock(), self._started
        )
        try:
            await self.store.write_queued(self._queued, beat)
        except SourceError as exc:
            self._report(f"warroom collect: store {self.store.target}: {exc.reason}")

    async def _prepare(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self.store.prepare()
                return
            except SourceError as exc:
                self._report(f"warroom collect: store {self.store.target}: {exc.reason}")
                await waited(stop, 2.0)
