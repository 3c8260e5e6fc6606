"""A viewer's sources: each replays one vendor's polls from the shared store instead of
polling the vendor, so thirty viewers cost the vendors nothing beyond the one collector.

Every vendor the collector polls becomes one `StoreViewerSource` with the same name, so the
dashboard, the status bar and the staleness rules work exactly as with the vendor itself. A
failed poll at the collector is raised again here with its reason; a collector whose heartbeat
is old is a SourceError "collector stale", and `info` carries the collector's host and lag.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any

from bson import ObjectId

from warroom.collector.store import Doc, MongoStore, read_heartbeat
from warroom.core.config import Config
from warroom.core.dashboard import SourceInfo
from warroom.core.errors import Unavailable
from warroom.core.history.codec import error_from, result_from_doc
from warroom.core.model import FetchResult, Reading
from warroom.core.source import SourceBase
from warroom.sources.registry import SourceSet

TAIL_INTERVAL = 1.0
STALE_AFTER = 15.0
FIRST_READ = 120  # polls per source loaded on start, so sparklines open filled


class HeartbeatWatch:
    """The heartbeat, read at most once per `min_gap` seconds however many sources ask."""

    def __init__(
        self,
        store: MongoStore,
        stale_after: float,
        clock: Callable[[], float] = time.time,
        min_gap: float = TAIL_INTERVAL * 0.9,
    ) -> None:
        self.store = store
        self.min_gap = min_gap
        self.stale_after = stale_after
        self._clock = clock
        self._read_at = float("-inf")
        self._doc: Doc | None = None

    async def check(self) -> tuple[str, float]:
        """Returns (host, heartbeat age). Raises SourceError when stale, absent or unreachable."""
        now = self._clock()
        if now - self._read_at >= self.min_gap:
            self._doc = await self.store.heartbeat()
            self._read_at = now
        if self._doc is None:
            raise Unavailable("collector not started: no heartbeat in the store")
        age = max(0.0, now - float(self._doc.get("ts", 0.0)))
        if age > self.stale_after:
            raise Unavailable(f"collector stale: last heartbeat {age:.0f}s ago")
        return str(self._doc.get("host", "?")), age


class StoreViewerSource(SourceBase):
    """One vendor, as seen through the collector. Construction does no I/O."""

    def __init__(
        self,
        name: str,
        collector: HeartbeatWatch,
        simulated: bool = False,
        interval: float = TAIL_INTERVAL,
    ) -> None:
        self.name = name
        self.interval = interval
        self.timeout = 5.0
        self.simulated = simulated
        self._collector = collector
        self._last: ObjectId | None = None
        self._kept: FetchResult = FetchResult()

    async def fetch(self) -> FetchResult:
        host, age = await self._collector.check()
        store = self._collector.store
        if self._last is None:
            docs = await store.latest_polls(self.name, FIRST_READ)
        else:
            docs = await store.polls_after(self.name, self._last)
        readings: list[Reading] = []
        newest: Doc | None = None
        for doc in docs:
            self._last = doc["_id"]
            newest = doc
            if "result" in doc:
                result = result_from_doc(doc["result"])
                readings += result.readings
                self._kept = result
        if newest is not None and "error" in newest:
            err = newest["error"]
            # The collector already waits out a vendor's rate limit; a viewer must keep tailing.
            kind = "Unavailable" if err["kind"] == "RateLimited" else err["kind"]
            raise error_from(kind, f"at collector: {err['reason']}")
        lag = self._clock_lag(newest, age)
        info = {**self._kept.info, "via": f"collector {host}", "lag": f"{lag:.1f}s"}
        kept = self._kept
        return FetchResult(
            readings=tuple(readings),
            issues=kept.issues,
            monitors=kept.monitors,
            slow_ops=kept.slow_ops,
            alerts=kept.alerts,
            info=info,
        )

    def _clock_lag(self, newest: Doc | None, heartbeat_age: float) -> float:
        """Seconds between the collector finishing its poll and this viewer seeing it."""
        if newest is None:
            return heartbeat_age
        return max(0.0, time.time() - float(newest["started"]) - float(newest["latency"]))

    async def close(self) -> None:
        await self._collector.store.close()  # shared by the viewer's sources; closing twice is fine


def build_viewer(
    config: Config,
    uri: str,
    *,
    stale_after: float = STALE_AFTER,
    tail_interval: float = TAIL_INTERVAL,
    heartbeat: Mapping[str, Any] | None = None,
) -> tuple[SourceSet, MongoStore]:
    """The viewer's sources, laid out like the collector's (read from its heartbeat; from the
    plan when no collector has written yet). Reads the heartbeat once, synchronously.

    Returns:
        The source set for the app, and the store (close it when done).
    """
    hb = heartbeat if heartbeat is not None else read_heartbeat(uri)
    store = MongoStore(uri, config.history.retention_days)
    collector = HeartbeatWatch(store, stale_after, min_gap=tail_interval * 0.9)
    if hb:
        layout = {str(k): dict(v) for k, v in hb.get("sources", {}).items()}
        metric_sources = {str(k): str(v) for k, v in hb.get("metric_sources", {}).items()}
    else:
        layout = {m.source: {} for m in config.metrics}
        metric_sources = {m.id: m.source for m in config.metrics}
    out = SourceSet(metric_sources=metric_sources)
    for name, facts in sorted(layout.items()):
        interval = float(facts.get("interval") or _interval(config, name))
        simulated = bool(facts.get("simulated"))
        if facts.get("disabled"):
            reason = f"at collector: {facts['disabled']}"
            out.info[name] = SourceInfo(interval, disabled_reason=reason)
            continue
        out.sources.append(StoreViewerSource(name, collector, simulated, tail_interval))
        out.info[name] = SourceInfo(interval, simulated=simulated)
    return out, store


def _interval(config: Config, name: str) -> float:
    return float(getattr(getattr(config.sources, name, None), "interval", 30.0))
