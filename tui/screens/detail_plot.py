"""Draws a `DetailChart` with plotext, in colours taken from the app's theme variables.

Kept apart from the screen: the screen decides what to show, this only turns a chart model
into plotext calls and the legend text under it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from textual.color import Color, ColorParseError

from warroom.core.chart.levels import LevelKind
from warroom.core.chart.model import DetailChart
from warroom.core.format import format_clock

PlotColour = str | int | tuple[int, int, int]
LEGEND_MARKS = 6
"""Marks spelled out under the chart, newest first; older ones are counted."""
LEVEL_VARIABLE: dict[LevelKind, str] = {
    "target": "success",
    "warn": "warning",
    "crit": "error",
    "rollback": "error",
}


@dataclass(frozen=True, slots=True)
class Palette:
    line: PlotColour
    mark: PlotColour
    levels: dict[LevelKind, PlotColour]

    @classmethod
    def of(cls, variables: dict[str, str]) -> Palette:
        """The chart's colours from a theme's CSS variables."""
        return cls(
            line=plot_colour(variables.get("primary", "")),
            mark=plot_colour(variables.get("foreground", "")),
            levels={k: plot_colour(variables.get(v, "")) for k, v in LEVEL_VARIABLE.items()},
        )


def plot_colour(css: str) -> PlotColour:
    """A theme colour as plotext takes it: a palette index for ANSI themes (so they never
    send RGB), the terminal's default, or RGB."""
    try:
        colour = Color.parse(css)
    except ColorParseError:
        return "default"
    if colour.ansi is not None:
        return "default" if colour.ansi < 0 else colour.ansi
    return colour.rgb


def draw(plt: Any, chart: DetailChart, title: str, palette: Palette) -> None:
    """Replaces whatever `plt` (a plotext figure) held with `chart`."""
    plt.clear_data()
    plt.clear_figure()
    origin = chart.start  # x is seconds since the axis start: plotext's ticks stay small
    for run in chart.runs:
        xs = [ts - origin for ts, _ in run]
        plt.plot(xs, [v for _, v in run], marker="braille", color=palette.line)
    for level in chart.levels:
        colour = palette.levels[level.kind]
        plt.hline(level.value, color=colour)
        plt.text(level.label, x=0, y=level.value, alignment="left", color=colour)
    if chart.y is not None:
        plt.ylim(chart.y.low, chart.y.high)
        for mark in chart.marks:
            plt.vline(mark.ts - origin, color=palette.mark)
        for ts, letters in chart.flags:
            plt.text(letters, x=ts - origin, y=chart.y.high, color=palette.mark, alignment="left")
    plt.xlim(0, chart.end - origin)
    plt.xticks([t.ts - origin for t in chart.ticks], [t.label for t in chart.ticks])
    plt.title(title)
    plt.xlabel(f"local time ({time.strftime('%Z')})")


def legend(chart: DetailChart) -> str:
    """The lines under the chart: levels off its y range, then the newest marks in full."""
    lines = []
    if chart.off_chart:
        lines.append(
            "off the chart: "
            + "  ".join(
                f"{'▲' if side == 'above' else '▼'} {lvl.label}" for lvl, side in chart.off_chart
            )
        )
    shown = chart.marks[-LEGEND_MARKS:]
    for mark in reversed(shown):
        lines.append(f"{mark.symbol} {format_clock(mark.ts)}  {mark.text}")
    hidden = len(chart.marks) - len(shown)
    if hidden:
        lines.append(f"… and {hidden} earlier marks on the chart")
    return "\n".join(lines)
