"""Gaps: a series split where points are missing, so a chart draws a break, not a bridge.

The store and the history keep no point for a poll that failed or reported no value, so a
gap shows only as a longer wait between points. A wait longer than `GAP_FACTOR` times the
series' usual step (its median) ends a run; a line is drawn within runs, never across.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence

Point = tuple[float, float]
GAP_FACTOR = 3.0
"""A wait this many times the usual step is a gap (the dashboard calls a value stale after
three missed polls, too)."""


def usual_step(points: Sequence[Point]) -> float | None:
    """The median wait between consecutive points, or None with fewer than three points
    (two points cannot tell a gap from the usual pace)."""
    if len(points) < 3:
        return None
    return statistics.median(b[0] - a[0] for a, b in itertools.pairwise(points))


def runs(points: Sequence[Point], max_step: float | None = None) -> list[list[Point]]:
    """`points` (oldest first) cut into runs wherever the wait to the next point exceeds
    `max_step` (default: `GAP_FACTOR` times the usual step).

    Returns:
        The runs, oldest first; together they hold every point once, in order.
    """
    if max_step is None:
        step = usual_step(points)
        max_step = GAP_FACTOR * step if step else None  # no pace known: no gaps
    out: list[list[Point]] = []
    for point in points:
        if out and (max_step is None or point[0] - out[-1][-1][0] <= max_step):
            out[-1].append(point)
        else:
            out.append([point])
    return out
