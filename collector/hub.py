"""The hub of `warroom serve`: one poller for every browser session, in the serve process.

Each browser session of `warroom serve` is its own copy of the app (textual-serve starts one
per connection). Without a hub each copy polled every vendor itself: ten viewers, ten times
the requests. The hub polls once, keeps a dashboard (for `/metrics`) and the recent poll
outcomes, numbered, and every session follows them as a viewer (`collector/hub_feed.py`).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import Any

from warroom.collector.feed import Doc
from warroom.core.config import Config
from warroom.core.dashboard import Dashboard
from warroom.core.history.codec import outcome_doc
from warroom.core.poller import Poller, PollOutcome
from warroom.sources.registry import SourceSet

KEEP = 5000  # outcomes kept for sessions that start late (about an hour of the default plan)


class Hub:
    """Polls `sources` until `stop()`. Construction does no I/O; `start()` needs a loop."""

    def __init__(
        self,
        config: Config,
        sources: SourceSet,
        *,
        keep: int = KEEP,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.config = config
        self.sources = sources
        self.dashboard = Dashboard(config, sources.info, sources.metric_sources, clock)
        self._clock = clock
        self._docs: deque[Doc] = deque(maxlen=keep)
        self._seq = 0
        self._poller = Poller(sources.sources, self.take, clock=clock)
        self.heard = clock()
        """When the hub last did anything (a poll arrived or it was asked): its heartbeat."""

    def take(self, outcome: PollOutcome) -> None:
        """Poller callback: into the dashboard and the numbered feed."""
        self.dashboard.ingest(outcome)
        self._seq += 1
        self._docs.append({"_id": self._seq, **outcome_doc(outcome)})
        self.heard = self._clock()

    def start(self) -> None:
        self._poller.start()

    async def stop(self) -> None:
        await self._poller.stop()

    def polls(self, source: str, after: int | None, limit: int) -> list[Doc]:
        """The polls of `source` after number `after` (None: the newest `limit`), oldest first."""
        mine = [d for d in self._docs if d["source"] == source]
        if after is None:
            return mine[-limit:]
        return [d for d in mine if d["_id"] > after][:limit]

    def layout(self) -> dict[str, Any]:
        """What a session needs to lay out its sources, as a collector heartbeat says it."""
        return {
            "sources": {
                name: {
                    "interval": i.interval,
                    "simulated": i.simulated,
                    "disabled": i.disabled_reason,
                }
                for name, i in self.sources.info.items()
            },
            "metric_sources": dict(self.sources.metric_sources),
        }

    def simulate(self, operation: str) -> str:
        """Runs a runbook operation on the simulated launch (`warroom serve --demo`).

        Raises:
            ValueError: there is no simulated launch, or it does not know the operation.
        """
        if self.sources.sim is None:
            raise ValueError("simulated actions only run in `warroom demo`")
        return self.sources.sim.apply(operation)
