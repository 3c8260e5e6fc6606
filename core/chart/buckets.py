"""Sparkline columns: one per `SPARK_STEP` seconds of the wall clock, never one per poll.

A column used to be one poll, so a 1 s source scrolled every sparkline a column a second:
at 24 columns a tile showed 24 s (too short to read a trend), and each scroll re-sent every
row of every tile to the terminal. A column is now the mean of the polls in one bucket of
`SPARK_STEP` seconds, aligned to the clock so that every tile scrolls on the same tick and
tiles side by side share one time axis. Only buckets that have ended are drawn, so a column
never changes once drawn; the tile's value line shows the newest poll as it arrives.

Sources that poll less often than `SPARK_STEP` (every vendor adapter by default) get one
column per poll as before, drawn within `SPARK_STEP` of its arrival. Buckets with no poll
are skipped, not drawn as gaps, as missed polls were before.
"""

from __future__ import annotations

import math
from collections.abc import Reversible

Point = tuple[float, float]
SPARK_STEP = 5.0
"""Seconds per sparkline column: at 1 Hz a 24-column tile shows two minutes."""
SPARK_COLUMNS = 60
"""Columns kept per metric: wider than any tile, even on the wall."""
SPARK_WINDOW = SPARK_COLUMNS * SPARK_STEP
"""The span of time the widest sparkline covers (five minutes)."""


def bucket_start(now: float, step: float = SPARK_STEP) -> float:
    """The start of the bucket that holds `now`: every bucket before it has ended."""
    return math.floor(now / step) * step


def closed_buckets(
    points: Reversible[Point], now: float, count: int, step: float = SPARK_STEP
) -> tuple[float, ...]:
    """The mean value of each of the last `count` ended buckets that hold a point.

    Args:
        points: (ts, value) oldest first, as the store keeps them.
        now: the clock; the bucket holding it has not ended and is left out.

    Returns:
        The means, oldest first; at most `count` of them.
    """
    if count <= 0:
        return ()
    end = bucket_start(now, step)
    means: list[float] = []
    bucket: int | None = None
    total, n = 0.0, 0
    for ts, value in reversed(points):
        if ts >= end:
            continue
        index = math.floor(ts / step)
        if index != bucket:
            if n:
                means.append(total / n)
                if len(means) == count:
                    break
            bucket, total, n = index, 0.0, 0
        total += value
        n += 1
    else:
        if n and len(means) < count:
            means.append(total / n)
    return tuple(reversed(means))


def newest_closed(points: Reversible[Point], now: float, step: float = SPARK_STEP) -> Point | None:
    """The newest point in an ended bucket: the columns change only when it does (points are
    appended in time order, so a point can join an ended bucket only by being the newest)."""
    end = bucket_start(now, step)
    return next((point for point in reversed(points) if point[0] < end), None)


class ColumnMemo:
    """`closed_buckets` per metric, recomputed only when an ended bucket gained a point or a
    bucket ended: once a second the dashboard asks for every tile's columns."""

    def __init__(self, count: int, step: float = SPARK_STEP) -> None:
        self.count = count
        self.step = step
        self._memo: dict[str, tuple[tuple[float, Point | None], tuple[float, ...]]] = {}

    def columns(self, metric: str, points: Reversible[Point], now: float) -> tuple[float, ...]:
        key = (bucket_start(now, self.step), newest_closed(points, now, self.step))
        memo = self._memo.get(metric)
        if memo is not None and memo[0] == key:
            return memo[1]
        columns = closed_buckets(points, now, self.count, self.step)
        self._memo[metric] = (key, columns)
        return columns
