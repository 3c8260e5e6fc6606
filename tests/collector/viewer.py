"""A headless viewer for the tests: the viewer's sources, the real poller and Dashboard."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

from warroom.collector.viewer import build_viewer
from warroom.core.config import load_config
from warroom.core.dashboard import Dashboard
from warroom.core.model import SourceHealth
from warroom.core.poller import Poller, PollOutcome


class Viewer:
    def __init__(self, store_uri: str, config: Path) -> None:
        plan = load_config(config)
        self.sources, self.store = build_viewer(plan, store_uri, stale_after=1.5, tail_interval=0.2)
        self.dashboard = Dashboard(plan, self.sources.info, self.sources.metric_sources, time.time)
        self.poller = Poller(self.sources.sources, self._take)

    def _take(self, outcome: PollOutcome) -> None:
        self.dashboard.ingest(outcome)

    def value(self, metric: str) -> float | None:
        return self.dashboard.latest_values().get(metric)

    def newest(self, metric: str) -> float:
        latest = self.dashboard.store.latest(metric)
        return 0.0 if latest is None else latest[0]

    def health(self, name: str) -> SourceHealth:
        return next(h for h in self.dashboard.health() if h.name == name)


async def eventually(check: Callable[[], bool], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not met in time")
