"""Replay: recorded poll outcomes fed into a Dashboard whose clock is the replayed time.

The replay renders through the normal path (the same Dashboard, rules, tabs and tiles); only
the clock and the source of outcomes differ. Moving forward ingests the outcomes in between;
moving back rebuilds the dashboard from a warm-up window before the target, long enough for
sparklines and the trend rules (two trend windows).
"""

from __future__ import annotations

import bisect
import statistics
from dataclasses import dataclass

from warroom.core.config import Config
from warroom.core.dashboard import Dashboard, SourceInfo
from warroom.core.history.events import Event
from warroom.core.history.reader import HistoryReader
from warroom.core.history.schema import SIM_SOURCE

WARMUP = 1200.0
SPEEDS = (1.0, 10.0, 60.0, 300.0, 1800.0)


@dataclass(frozen=True, slots=True)
class ReplaySources:
    """What the Dashboard needs to know about the recorded sources."""

    info: dict[str, SourceInfo]
    metric_sources: dict[str, str]


def recorded_sources(
    reader: HistoryReader, config: Config, start: float, end: float
) -> ReplaySources:
    """Source intervals from the recorded polls (their median wait), metric owners from readings."""
    waits: dict[str, list[float]] = {}
    owners: dict[str, str] = {}
    for outcome in reader.outcomes(start, min(end, start + 3600)):
        waits.setdefault(outcome.source, []).append(outcome.next_in)
        if outcome.result is not None:
            for reading in outcome.result.readings:
                owners.setdefault(reading.metric, outcome.source)
    info = {
        name: SourceInfo(
            statistics.median(w) if any(w) else _configured_interval(config, name),
            simulated=name == SIM_SOURCE,
        )
        for name, w in waits.items()
    }
    return ReplaySources(info, {m.id: owners.get(m.id, m.source) for m in config.metrics})


def _configured_interval(config: Config, name: str) -> float:
    settings = getattr(config.sources, name, None)
    return float(getattr(settings, "interval", 30.0))


class ReplayCursor:
    """The replayed moment and the dashboard as it stood then."""

    def __init__(
        self,
        reader: HistoryReader,
        config: Config,
        start: float,
        end: float,
        *,
        warmup: float = WARMUP,
    ) -> None:
        self.reader = reader
        self.config = config
        self.start, self.end = start, end
        self.times = reader.times(start, end)
        self.sources = recorded_sources(reader, config, start, end)
        self.events = reader.events(start, end)
        self.moments = sorted(
            {e.ts for e in self.events if e.kind in ("alert", "trigger") and e.state == "raised"}
        )
        self._warmup = warmup
        self.now = self.times[0] if self.times else start
        self.dashboard = self._fresh()
        self._ingest(self.now - warmup, self.now, after=False)
        self.speed_index = 2
        self.playing = False

    def clock(self) -> float:
        return self.now

    @property
    def speed(self) -> float:
        return SPEEDS[self.speed_index]

    def seek(self, target: float) -> None:
        """Moves to `target` (clamped to the window)."""
        target = min(max(target, self.start), self.end)
        if target >= self.now:
            self._ingest(self.now, target, after=True)
        else:
            self.dashboard = self._fresh()
            self._ingest(target - self._warmup, target, after=False)
        self.now = target

    def step(self, polls: int) -> None:
        """Moves `polls` recorded poll times forward (negative: back)."""
        if not self.times:
            return
        i = bisect.bisect_left(self.times, self.now)
        if polls > 0:
            i = bisect.bisect_right(self.times, self.now) - 1
        self.seek(self.times[min(max(i + polls, 0), len(self.times) - 1)])

    def jump(self, forward: bool) -> bool:
        """To the next (or previous) moment an alert or trigger was raised. False if none."""
        if forward:
            i = bisect.bisect_right(self.moments, self.now)
            target = self.moments[i] if i < len(self.moments) else None
        else:
            i = bisect.bisect_left(self.moments, self.now) - 1
            target = self.moments[i] if i >= 0 else None
        if target is None:
            return False
        self.seek(target)
        return True

    def advance(self, real_seconds: float) -> None:
        """Playback: moves on by `real_seconds` x speed; stops at the end."""
        self.seek(self.now + real_seconds * self.speed)
        if self.now >= self.end:
            self.playing = False

    def faster(self, up: bool) -> None:
        self.speed_index = min(max(self.speed_index + (1 if up else -1), 0), len(SPEEDS) - 1)

    def events_until_now(self) -> list[Event]:
        return [e for e in self.events if e.ts <= self.now]

    def _fresh(self) -> Dashboard:
        return Dashboard(self.config, self.sources.info, self.sources.metric_sources, self.clock)

    def _ingest(self, start: float, end: float, *, after: bool) -> None:
        for outcome in self.reader.outcomes(start, end, after=after):
            self.dashboard.ingest(outcome)


__all__ = ["SPEEDS", "ReplayCursor", "recorded_sources"]
