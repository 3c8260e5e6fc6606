"""Wall-clock time axes: the range a chart spans and ticks at round local times.

Charts used to label their x axis in hours since the window began ("23.798"), with the axis
spanning the whole requested window however little of it held data. Here the axis spans the
data, and ticks fall on round times of day (every 5 min, 1 h, 6 h ...) labelled as a clock
reads, with the date where the day changes.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

TICK_STEPS = (
    1, 2, 5, 10, 15, 30,
    60, 120, 300, 600, 900, 1800,
    3600, 7200, 10800, 14400, 21600, 43200,
    86400, 172800, 604800,
)  # fmt: skip
"""Seconds between ticks, smallest first: each is a step a clock face makes sense of."""
SINGLE_POINT_SPAN = 60.0
"""The span of an axis whose data is one moment: a minute around it."""


@dataclass(frozen=True, slots=True)
class Tick:
    ts: float
    label: str


def fit_times(times: Sequence[float]) -> tuple[float, float]:
    """The (start, end) an x axis spans for data at `times`: first to last, or a minute
    centred on a single moment.

    Raises:
        ValueError: `times` is empty.
    """
    if not times:
        raise ValueError("an axis needs at least one time")
    first, last = min(times), max(times)
    if last > first:
        return first, last
    return first - SINGLE_POINT_SPAN / 2, last + SINGLE_POINT_SPAN / 2


def tick_step(start: float, end: float, max_ticks: int) -> int:
    """The smallest step in `TICK_STEPS` that puts at most `max_ticks` round ticks in
    [start, end] (the largest step when none does)."""
    for step in TICK_STEPS:
        first = _aligned(start, step)
        if first > end or math.floor((end - first) / step) + 1 <= max_ticks:
            return step
    return TICK_STEPS[-1]


def time_ticks(start: float, end: float, max_ticks: int = 6) -> list[Tick]:
    """Ticks at round local times within [start, end], at most `max_ticks` of them.

    Labels read `HH:MM` (`HH:MM:SS` for steps under a minute); a tick on a different local
    day than the tick before it (or than `start`, for the first) reads `MM-DD HH:MM`.

    Raises:
        ValueError: `max_ticks` is below 1 or `end` is before `start`.
    """
    if max_ticks < 1 or end < start:
        raise ValueError("need max_ticks >= 1 and start <= end")
    step = tick_step(start, end, max_ticks)
    first = _aligned(start, step)
    ticks: list[Tick] = []
    day = time.localtime(start)[:3]
    ts = first
    while ts <= end and len(ticks) < max_ticks:
        local = time.localtime(ts)
        clock = "%H:%M:%S" if step < 60 else "%H:%M"
        fmt = clock if local[:3] == day else f"%m-%d {clock}"
        ticks.append(Tick(ts, time.strftime(fmt, local)))
        day = local[:3]
        ts += step
    return ticks


def _aligned(start: float, step: int) -> float:
    """The first local time at or after `start` that is a whole multiple of `step` since
    local midnight (so hourly ticks sit on the hour in any zone, including half-hour ones)."""
    offset = time.localtime(start).tm_gmtoff
    return math.ceil((start + offset) / step) * step - offset
