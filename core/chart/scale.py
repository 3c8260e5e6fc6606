"""Value spans for charts: sparklines that never turn a tiny change into a cliff, and the
detail chart's y-range fitted to its data.

A sparkline has eight block heights, so whatever span it is scaled against is magnified to
the full height. Scaling against the data alone makes uptime going from 100.0 to 99.9 draw
as a drop from the top to the bottom. Here the span holds the data and the metric's first
threshold (warn, else crit), and is never narrower than `MIN_SPAN_FRACTION` of the size of
the numbers in it: a change smaller than a tenth of a value never fills the whole height.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from warroom.core.plan import Bad, MetricDef

BLOCK_LEVELS = 8
MIN_SPAN_FRACTION = 0.1
"""The narrowest sparkline span, as a share of the largest magnitude it holds."""
DETAIL_MIN_FRACTION = 0.01
"""The detail chart's y-range for a flat line, as a share of its magnitude."""
FLAT_FRACTION = 1e-6
"""Data that varies by less than this share of its magnitude is flat (float noise): it is
drawn flat in a `DETAIL_MIN_FRACTION` band. Anything that varies more is fitted, however
little, because the detail chart is there to show detail; its tick labels give the scale."""
DETAIL_PAD = 0.08
"""Room above and below the data on the detail chart, as a share of the data's range."""


@dataclass(frozen=True, slots=True)
class Span:
    """A closed value range with `low < high`."""

    low: float
    high: float

    @property
    def width(self) -> float:
        return self.high - self.low

    def position(self, value: float) -> float:
        """Where `value` sits, 0.0 at `low` to 1.0 at `high`, clamped to that range."""
        return min(1.0, max(0.0, (value - self.low) / self.width))

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int | float) and self.low <= value <= self.high


def reference_level(metric: MetricDef) -> float | None:
    """The level a sparkline keeps in view: where trouble starts (warn), else crit."""
    return metric.warn if metric.warn is not None else metric.crit


def spark_span(values: Sequence[float], reference: float | None = None, bad: Bad = "above") -> Span:
    """The span a sparkline of `values` is drawn against.

    It holds every value and `reference`, and is at least `MIN_SPAN_FRACTION` of their largest
    magnitude wide. When it has to grow, it grows towards the bad side if there is a reference
    (a steady healthy metric sits at its good edge), else evenly about the middle.

    Returns:
        The span; (0, 1) when every value (and the reference) is zero: nothing at all (no
        errors, no events) reads as the bottom row.
    Raises:
        ValueError: `values` is empty.
    """
    if not values:
        raise ValueError("a span needs at least one value")
    points = [*values] if reference is None else [*values, reference]
    low, high = min(points), max(points)
    need = MIN_SPAN_FRACTION * max(abs(low), abs(high))
    missing = need - (high - low)
    if missing > 0:
        if reference is None:
            low, high = low - missing / 2, high + missing / 2
        elif bad == "above":
            high += missing
        else:
            low -= missing
    return _proper(low, high)


def block_levels(values: Sequence[float], span: Span, levels: int = BLOCK_LEVELS) -> list[int]:
    """Each value as a block height from 0 to `levels - 1` within `span`."""
    top = levels - 1
    return [round(span.position(v) * top) for v in values]


def metric_spark_span(values: Sequence[float], metric: MetricDef | None) -> Span:
    """`spark_span` with the metric's reference level and bad side (none without a metric)."""
    if metric is None:
        return spark_span(values)
    return spark_span(values, reference_level(metric), metric.bad)


def fit_values(values: Sequence[float]) -> Span:
    """The detail chart's y-range: the data with `DETAIL_PAD` room on each side; flat data
    (see `FLAT_FRACTION`) in a band `DETAIL_MIN_FRACTION` of its magnitude wide, so a flat
    line stays flat. The room below never reaches under zero for data that does not (no
    "-0.12%" error rate).

    Raises:
        ValueError: `values` is empty.
    """
    if not values:
        raise ValueError("a range needs at least one value")
    low, high = min(values), max(values)
    magnitude = max(abs(low), abs(high))
    flat = high - low <= FLAT_FRACTION * max(magnitude, 1.0)
    width = max(high - low, DETAIL_MIN_FRACTION * magnitude) if flat else high - low
    middle = (low + high) / 2
    half = width / 2 * (1 + 2 * DETAIL_PAD)
    bottom = middle - half
    if low >= 0 > bottom:
        bottom = 0.0
    return _proper(bottom, middle + half)


def _proper(low: float, high: float) -> Span:
    """The span, or one unit when it is empty (all zeros, or numbers too small for floating
    point to tell its ends apart): above `low` when that is not negative, else around it."""
    if low < high:
        return Span(low, high)
    return Span(low, low + 1.0) if low >= 0 else Span(low - 0.5, high + 0.5)
