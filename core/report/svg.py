"""A line chart as inline SVG: the series as polylines (broken where data is missing), warn and
crit lines dashed and labelled, a wall-clock time axis fitted to the data; no script."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from warroom.core.chart.gaps import Point, runs
from warroom.core.chart.timeaxis import fit_times, time_ticks
from warroom.core.format import format_value
from warroom.core.plan import MetricDef
from warroom.core.textsafe import inert

WIDTH, HEIGHT, PAD = 720, 180, 36
LEFT = 64  # room for the value labels, `1,234 ms`
MAX_TICKS = 8
THRESHOLDS = (("warn", "#b8860b"), ("crit", "#c00"))
LINE = "#1f5fbf"


def _text(raw: str) -> str:
    """Plan text (a label, a unit) for the drawing: controls made visible, then escaped."""
    return escape(inert(raw))


@dataclass(frozen=True, slots=True)
class _Area:
    """Data coordinates to pixels inside the padded plot area."""

    start: float
    end: float
    low: float
    high: float

    def x(self, ts: float) -> float:
        return LEFT + (WIDTH - LEFT - PAD) * (ts - self.start) / (self.end - self.start)

    def y(self, value: float) -> float:
        return HEIGHT - PAD + (2 * PAD - HEIGHT) * (value - self.low) / (self.high - self.low)


def line_chart(metric: MetricDef, points: list[Point]) -> str:
    """Returns an `<svg>` element for `points` (oldest first, at least one)."""
    start, end = fit_times([ts for ts, _ in points])
    limits = [t for t in (metric.warn, metric.crit) if t is not None]
    values = [v for _, v in points] + limits
    low, high = min(values), max(values)
    area = _Area(start, end, low, high if high > low else low + 1.0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{_text(metric.label)}">',
        f'<rect x="{LEFT}" y="{PAD}" width="{WIDTH - LEFT - PAD}" height="{HEIGHT - 2 * PAD}" '
        'fill="none" stroke="#999"/>',
        *_thresholds(metric, area),
        *_lines(points, area),
    ]
    for y_value in (area.low, area.high):
        parts.append(
            f'<text x="{LEFT - 4}" y="{area.y(y_value) + 4:.1f}" text-anchor="end" '
            f'font-size="11">{_text(format_value(y_value, metric.unit))}</text>'
        )
    parts += _time_axis(area)
    parts.append("</svg>")
    return "".join(parts)


def _thresholds(metric: MetricDef, area: _Area) -> list[str]:
    out = []
    for name, colour in THRESHOLDS:
        threshold: float | None = getattr(metric, name)
        if threshold is None:
            continue
        y = area.y(threshold)
        label = _text(f"{name} {format_value(threshold, metric.unit)}")
        out.append(
            f'<line class="{name}" x1="{LEFT}" x2="{WIDTH - PAD}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{colour}" stroke-dasharray="6 4"/>'
            f'<text x="{WIDTH - PAD - 4}" y="{y - 3:.1f}" text-anchor="end" font-size="10" '
            f'fill="{colour}">{label}</text>'
        )
    return out


def _lines(points: list[Point], area: _Area) -> list[str]:
    """One polyline per run of points; a lone point between gaps is a dot."""
    out = []
    for run in runs(points):
        if len(run) == 1:
            ts, v = run[0]
            out.append(
                f'<circle cx="{area.x(ts):.1f}" cy="{area.y(v):.1f}" r="1.5" fill="{LINE}"/>'
            )
            continue
        path = " ".join(f"{area.x(ts):.1f},{area.y(v):.1f}" for ts, v in run)
        out.append(f'<polyline fill="none" stroke="{LINE}" stroke-width="1.5" points="{path}"/>')
    return out


def _time_axis(area: _Area) -> list[str]:
    """Tick marks and wall-clock labels under the plot area."""
    out = []
    bottom = HEIGHT - PAD
    for tick in time_ticks(area.start, area.end, MAX_TICKS):
        x = area.x(tick.ts)
        out.append(
            f'<line class="tick" x1="{x:.1f}" x2="{x:.1f}" y1="{bottom}" y2="{bottom + 4}" '
            f'stroke="#999"/><text class="tick" x="{x:.1f}" y="{bottom + 16}" '
            f'text-anchor="middle" font-size="11">{escape(tick.label)}</text>'
        )
    return out
