"""Sparkline spans never exaggerate; the detail chart's y-range fits its data (by property)."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from warroom.core.chart.scale import (
    BLOCK_LEVELS,
    FLAT_FRACTION,
    MIN_SPAN_FRACTION,
    Span,
    block_levels,
    fit_values,
    metric_spark_span,
    spark_span,
)
from warroom.core.config import default_config
from warroom.widgets.sparkline import BLOCKS, spark

PLAN = {m.id: m for m in default_config().metrics}
value = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)
values = st.lists(value, min_size=1, max_size=60)
reference = st.none() | value
bad = st.sampled_from(["above", "below"])


@given(values, reference, bad)
def test_span_holds_the_data_and_the_reference(
    vs: list[float], ref: float | None, side: str
) -> None:
    span = spark_span(vs, ref, side)  # type: ignore[arg-type]
    assert span.low < span.high
    assert all(v in span for v in vs)
    assert ref is None or ref in span


@given(values, reference, bad)
def test_span_is_never_narrower_than_a_tenth_of_its_numbers(
    vs: list[float], ref: float | None, side: str
) -> None:
    span = spark_span(vs, ref, side)  # type: ignore[arg-type]
    magnitude = max(abs(v) for v in [*vs, *([] if ref is None else [ref])])
    assert span.width >= MIN_SPAN_FRACTION * magnitude * (1 - 1e-9)


@given(value, value, reference, bad)
def test_a_small_change_draws_small(a: float, b: float, ref: float | None, side: str) -> None:
    """Two readings differing by a share `d` of their size are at most 70·d + 1 blocks apart
    (10 % of a value can fill the 7 steps, never less)."""
    span = spark_span([a, b], ref, side)  # type: ignore[arg-type]
    low, high = block_levels([a, b], span)
    size = max(abs(a), abs(b))
    if size == 0:
        assert low == high
        return
    share = abs(a - b) / size
    assert abs(low - high) <= (BLOCK_LEVELS - 1) * share / MIN_SPAN_FRACTION + 1 + 1e-9


@given(values, reference, bad)
def test_heights_are_blocks_and_keep_the_order_of_values(
    vs: list[float], ref: float | None, side: str
) -> None:
    span = spark_span(vs, ref, side)  # type: ignore[arg-type]
    heights = block_levels(vs, span)
    assert all(0 <= h < BLOCK_LEVELS for h in heights)
    ranked = sorted(zip(vs, heights, strict=True))
    assert [h for _, h in ranked] == sorted(h for _, h in ranked)


def test_uptime_from_100_to_99_9_is_not_a_cliff() -> None:
    line = spark([100.0] * 10 + [99.9] * 10, 20, PLAN["uptime"])
    assert len(set(line)) == 1, line  # the same height: 0.1 points of 100 is under one block
    assert line[0] == BLOCKS[-1]  # steady at the good edge, away from the 99.9 % warn line
    without_plan = spark([100.0] * 10 + [99.9] * 10, 20)
    drop = BLOCKS.index(without_plan[0]) - BLOCKS.index(without_plan[-1])
    assert 0 <= drop <= 1, without_plan


def test_the_threshold_stays_in_view() -> None:
    """Error rate well under its 0.1 % warn line draws low; a spike past it draws high."""
    calm = metric_spark_span([0.02, 0.03, 0.02], PLAN["error_rate"])
    assert calm.high >= 0.1
    line = spark([0.02, 0.03, 0.02, 0.9], 4, PLAN["error_rate"])
    assert line[:3] == BLOCKS[0] * 3 and line[3] == BLOCKS[-1]


def test_nothing_at_all_is_the_bottom_row() -> None:
    assert spark([0.0, 0.0, 0.0], 5) == "  " + BLOCKS[0] * 3
    assert spark([], 3) == "   " and spark([1.0], 0) == ""


@given(values)
@example([613596061.0, 610260732.0])  # 0.5 % apart: once drawn in a 1 % band, squashed
def test_detail_range_fits_the_data(vs: list[float]) -> None:
    span = fit_values(vs)
    assert span.low < span.high and all(v in span for v in vs)
    if min(vs) >= 0:
        assert span.low >= 0  # no "-0.12 %" under an error rate
    low, high = min(vs), max(vs)
    if high - low > FLAT_FRACTION * max(abs(low), abs(high), 1.0):
        assert span.width <= 1.2 * (high - low)  # fitted: the data fills most of the height


def test_span_position_is_clamped() -> None:
    span = Span(10.0, 20.0)
    assert span.position(5) == 0.0 and span.position(15) == 0.5 and span.position(25) == 1.0
