"""Bounded per-metric history, so memory stays flat however long the war room runs."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence

DEFAULT_CAPACITY = 720  # an hour at 5 s, twelve minutes at 1 s: enough for trends and charts


class MetricStore:
    """Ring buffers of (ts, value) per metric. Gaps (None) are not stored but end a run."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        self._capacity = capacity
        self._series: dict[str, deque[tuple[float, float]]] = {}
        self._latest: dict[str, tuple[float, float | None]] = {}
        self._samples: dict[str, int | None] = {}

    def add(self, metric: str, ts: float, value: float | None, samples: int | None = None) -> None:
        """Appends a reading. `samples`: how many samples the value rests on (None: unknown)."""
        seen = self._latest.get(metric)
        if seen is not None and ts < seen[0]:
            return  # out-of-order late point: history is append-only
        self._latest[metric] = (ts, value)
        if value is not None:
            self._samples[metric] = samples
            series = self._series.get(metric)
            if series is None:
                series = self._series[metric] = deque(maxlen=self._capacity)
            if series and series[-1][0] == ts:
                series[-1] = (ts, value)
            else:
                series.append((ts, value))

    def extend(self, metric: str, points: Iterable[tuple[float, float]]) -> None:
        for ts, value in points:
            self.add(metric, ts, value)

    def latest(self, metric: str) -> tuple[float, float | None] | None:
        """(ts, value) of the newest reading, or None if the metric never reported."""
        return self._latest.get(metric)

    def samples(self) -> dict[str, int | None]:
        """The sample count behind each metric's newest non-gap value (None: unknown)."""
        return dict(self._samples)

    def last_value(self, metric: str) -> tuple[float, float] | None:
        """(ts, value) of the newest non-gap reading."""
        series = self._series.get(metric)
        return series[-1] if series else None

    def points(self, metric: str) -> Sequence[tuple[float, float]]:
        """The metric's points, oldest first, without a copy: read them now, never keep them."""
        return self._series.get(metric, ())

    def series(self, metric: str) -> list[tuple[float, float]]:
        return list(self._series.get(metric, ()))

    def values(self, metric: str, last: int | None = None) -> list[float]:
        series = self._series.get(metric, ())
        items = list(series)[-last:] if last else list(series)
        return [v for _, v in items]

    def metrics(self) -> list[str]:
        return list(self._latest)
