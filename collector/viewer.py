"""A viewer's sources: each replays one vendor's polls from a feed (the shared store, or the
hub of `warroom serve`) instead of polling the vendor, so thirty viewers cost the vendors
nothing beyond the one poller.

Every vendor the poller polls becomes one `ViewerSource` with the same name, so the dashboard,
the status bar and the staleness rules work exactly as with the vendor itself. A failed poll
at the poller is raised again here with its reason; a poller not heard from for a while is a
SourceError "collector stale", and `info` carries who polls and the lag.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any

from bson import ObjectId

from warroom.collector.feed import Doc, PollFeed
from warroom.collector.store import MongoStore, read_heartbeat
from warroom.core.aio import raise_if_cancelled
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
    """The shared store as a `PollFeed`: the collector's heartbeat, read at most once per
    `min_gap` seconds however many sources ask, and its polls."""

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
        stamped = self._doc.get("age")  # on the store's clock: the hosts' clocks may differ
        if stamped is not None:
            age = max(0.0, float(stamped) + (now - self._read_at))  # and since it was read
        else:  # a collector of an older warroom: its clock against this one
            age = max(0.0, now - float(self._doc.get("ts", 0.0)))
        if age > self.stale_after:
            raise Unavailable(f"collector stale: last heartbeat {age:.0f}s ago")
        return f"collector {self._doc.get('host', '?')}", age

    async def latest(self, source: str, limit: int) -> list[Doc]:
        return await self.store.latest_polls(source, limit)

    async def after(self, source: str, last: Any) -> list[Doc]:
        oid: ObjectId | None = last
        return await self.store.polls_after(source, oid)

    async def close(self) -> None:
        await self.store.close()


class ViewerSource(SourceBase):
    """One vendor, as seen through a feed. Construction does no I/O."""

    def __init__(
        self,
        name: str,
        feed: PollFeed,
        simulated: bool = False,
        interval: float = TAIL_INTERVAL,
    ) -> None:
        self.name = name
        self.interval = interval
        self.timeout = 5.0
        self.simulated = simulated
        self._feed = feed
        self._last: Any = None
        self._kept: FetchResult = FetchResult()

    async def fetch(self) -> FetchResult:
        host, age = await self._feed.check()
        if self._last is None:
            docs = await self._feed.latest(self.name, FIRST_READ)
        else:
            docs = await self._feed.after(self.name, self._last)
        # A poll that timed out (or stopped) with its cancel lost in the driver must not move
        # the read position past polls that nobody will be shown.
        raise_if_cancelled()
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
        info = {**self._kept.info, "via": host, "lag": f"{lag:.1f}s"}
        kept = self._kept
        return FetchResult(
            readings=tuple(readings),
            issues=kept.issues,
            monitors=kept.monitors,
            slow_ops=kept.slow_ops,
            alerts=kept.alerts,
            info=info,
            problems=kept.problems,
        )

    def _clock_lag(self, newest: Doc | None, heartbeat_age: float) -> float:
        """Seconds between the collector finishing its poll and this viewer seeing it."""
        if newest is None:
            return heartbeat_age
        return max(0.0, time.time() - float(newest["started"]) - float(newest["latency"]))

    async def close(self) -> None:
        await self._feed.close()  # shared by the viewer's sources; closing twice is fine


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
    feed = HeartbeatWatch(store, stale_after, min_gap=tail_interval * 0.9)
    return viewer_sources(config, hb or {}, feed, tail_interval), store


def viewer_sources(
    config: Config, layout: Mapping[str, Any], feed: PollFeed, tail_interval: float
) -> SourceSet:
    """One `ViewerSource` per source the poller has, from its layout (a heartbeat document's
    `sources` and `metric_sources`; laid out from the plan when it has none yet)."""
    if layout.get("sources"):
        sources = {str(k): dict(v) for k, v in layout["sources"].items()}
        metric_sources = {str(k): str(v) for k, v in layout.get("metric_sources", {}).items()}
    else:
        sources = {m.source: {} for m in config.metrics}
        metric_sources = {m.id: m.source for m in config.metrics}
    out = SourceSet(metric_sources=metric_sources)
    for name, facts in sorted(sources.items()):
        interval = float(facts.get("interval") or _interval(config, name))
        simulated = bool(facts.get("simulated"))
        if facts.get("disabled"):
            reason = f"at collector: {facts['disabled']}"
            out.info[name] = SourceInfo(interval, disabled_reason=reason)
            continue
        out.sources.append(ViewerSource(name, feed, simulated, tail_interval))
        out.info[name] = SourceInfo(interval, simulated=simulated)
    return out


def _interval(config: Config, name: str) -> float:
    return float(getattr(getattr(config.sources, name, None), "interval", 30.0))
