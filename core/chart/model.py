"""One detail chart, put together without a screen: what to draw, where, and with what labels.

The detail screen hands it the points (history and live merged), the metric's levels and the
marks; `build_detail` decides the axes. The x axis spans the data and the marks within the
chosen time range, ending now; the y axis is fitted to the data. Levels outside the y range
are not drawn but listed, with the side they are on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from warroom.core.chart.gaps import Point, runs
from warroom.core.chart.levels import Level
from warroom.core.chart.marks import Mark
from warroom.core.chart.scale import Span, fit_values
from warroom.core.chart.timeaxis import Tick, fit_times, time_ticks

RANGES: tuple[tuple[float, str], ...] = (
    (900.0, "15 min"),
    (3600.0, "1 h"),
    (21600.0, "6 h"),
    (86400.0, "24 h"),
)
"""The detail chart's time ranges (seconds, label), shortest first."""
TICK_WIDTH = 14
"""Columns per x tick label (`MM-DD HH:MM` and room around it)."""
MARK_COLUMNS = 4
"""Marks closer than this many columns share one label."""

Side = Literal["above", "below"]


@dataclass(frozen=True, slots=True)
class DetailChart:
    start: float
    end: float
    """The x axis, epoch seconds; `end` is the frame's moment."""
    y: Span | None
    """None when there is no point in the range."""
    runs: tuple[tuple[Point, ...], ...]
    """The line, cut where data is missing: one line per run, never drawn across a gap."""
    ticks: tuple[Tick, ...]
    levels: tuple[Level, ...]
    """Levels inside the y range: drawn as labelled lines."""
    off_chart: tuple[tuple[Level, Side], ...]
    """Levels outside the y range: listed with the side they are on."""
    marks: tuple[Mark, ...]
    """Marks within the x axis, oldest first."""
    flags: tuple[tuple[float, str], ...] = ()
    """Where to write the marks' letters: (ts, letters) for each group of marks too close
    to tell apart, so a revert, the rollout change it causes and the triggers clearing read
    `RFT` over one line instead of overwriting each other."""

    @property
    def points(self) -> int:
        return sum(len(r) for r in self.runs)


def range_label(seconds: float) -> str:
    """`15 min`, `1 h` ... for a range in `RANGES`, else the seconds as minutes."""
    for span, label in RANGES:
        if span == seconds:
            return label
    return f"{seconds / 60:g} min"


def build_detail(
    points: Sequence[Point],
    levels: Sequence[Level],
    marks: Sequence[Mark],
    window_start: float,
    now: float,
    width: int = 80,
) -> DetailChart:
    """The chart of `points` (oldest first) in [window_start, now], for a plot `width`
    columns wide.

    Returns:
        The chart; its x axis runs from the first point or mark in the window (the window's
        start when there is none) to `now`, or a minute around it when that is one moment.
    """
    shown = [p for p in points if window_start <= p[0] <= now]
    in_window = [m for m in marks if window_start <= m.ts <= now]
    first = min([p[0] for p in shown[:1]] + [m.ts for m in in_window[:1]], default=window_start)
    start, end = fit_times([first, max(now, first)])
    y = fit_values([v for _, v in shown]) if shown else None
    drawn = tuple(lvl for lvl in levels if y is not None and lvl.value in y)
    off: tuple[tuple[Level, Side], ...] = ()
    if y is not None:
        off = tuple((lvl, _side(lvl, y)) for lvl in levels if lvl.value not in y)
    return DetailChart(
        start=start,
        end=end,
        y=y,
        runs=tuple(tuple(run) for run in runs(shown)),
        ticks=tuple(time_ticks(start, end, max(2, width // TICK_WIDTH))),
        levels=drawn,
        off_chart=off,
        marks=tuple(m for m in in_window if start <= m.ts <= end),
        flags=tuple(group_marks(in_window, (end - start) * MARK_COLUMNS / max(width, 1))),
    )


def group_marks(marks: Sequence[Mark], apart: float) -> list[tuple[float, str]]:
    """Marks (oldest first) grouped while each is within `apart` seconds of its group's
    first; each group is its first moment and its kinds' letters in order of appearance."""
    groups: list[tuple[float, str]] = []
    for mark in marks:
        if groups and mark.ts - groups[-1][0] <= apart:
            ts, letters = groups[-1]
            if mark.symbol not in letters:
                groups[-1] = (ts, letters + mark.symbol)
        else:
            groups.append((mark.ts, mark.symbol))
    return groups


def _side(level: Level, y: Span) -> Side:
    return "above" if level.value > y.high else "below"
