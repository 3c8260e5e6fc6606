"""A line chart as an inline SVG polyline, with warn and crit lines; no library, no script."""

from __future__ import annotations

from html import escape

from warroom.core.plan import MetricDef
from warroom.core.report.common import hours_axis

WIDTH, HEIGHT, PAD = 720, 180, 36


def line_chart(metric: MetricDef, points: list[tuple[float, float]], start: float) -> str:
    """Returns an `<svg>` element: the series as a polyline, thresholds dashed, axes labelled."""
    xs = hours_axis(points, start)
    ys = [v for _, v in points]
    limits = [t for t in (metric.warn, metric.crit) if t is not None]
    low, high = min(ys + limits), max(ys + limits)
    if high == low:
        high = low + 1.0
    x_max = max(xs[-1], 1e-9) if xs else 1.0

    def px(x: float) -> float:
        return PAD + (WIDTH - 2 * PAD) * x / x_max

    def py(y: float) -> float:
        return HEIGHT - PAD + (2 * PAD - HEIGHT) * (y - low) / (high - low)

    path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in zip(xs, ys, strict=True))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(metric.label)}">',
        f'<rect x="{PAD}" y="{PAD}" width="{WIDTH - 2 * PAD}" height="{HEIGHT - 2 * PAD}" '
        'fill="none" stroke="#999"/>',
    ]
    for name, threshold, colour in (
        ("warn", metric.warn, "#b8860b"),
        ("crit", metric.crit, "#c00"),
    ):
        if threshold is not None:
            y = py(threshold)
            parts.append(
                f'<line class="{name}" x1="{PAD}" x2="{WIDTH - PAD}" y1="{y:.1f}" y2="{y:.1f}" '
                f'stroke="{colour}" stroke-dasharray="6 4"/>'
            )
    parts.append(f'<polyline fill="none" stroke="#1f5fbf" stroke-width="1.5" points="{path}"/>')
    for y_value in (low, high):
        parts.append(
            f'<text x="{PAD - 4}" y="{py(y_value) + 4:.1f}" text-anchor="end" '
            f'font-size="11">{y_value:.4g}</text>'
        )
    parts.append(
        f'<text x="{WIDTH - PAD}" y="{HEIGHT - 8}" text-anchor="end" font-size="11">'
        f"{x_max:.1f} h</text>"
    )
    parts.append("</svg>")
    return "".join(parts)
