"""The detail chart's axes: time fitted to the data in the window, values to the data."""

from __future__ import annotations

from warroom.core.chart.levels import chart_levels
from warroom.core.chart.marks import Mark
from warroom.core.chart.model import RANGES, build_detail, range_label
from warroom.core.config import default_config

PLAN = default_config()
ERROR_RATE = next(m for m in PLAN.metrics if m.id == "error_rate")
NOW = 1_700_086_400.0


def test_twelve_minutes_in_a_day_long_range_fill_the_axis() -> None:
    points = [(NOW - 720 + 5 * n, 0.05) for n in range(145)]
    chart = build_detail(points, [], [], NOW - 86400, NOW, width=100)
    assert (chart.start, chart.end) == (NOW - 720, NOW)
    assert chart.ticks and all(chart.start <= t.ts <= chart.end for t in chart.ticks)
    assert chart.points == 145 and len(chart.runs) == 1


def test_levels_off_the_fitted_range_are_listed_with_their_side() -> None:
    points = [(NOW - 60 + n, 0.3 + 0.01 * (n % 5)) for n in range(60)]
    chart = build_detail(points, chart_levels(ERROR_RATE, PLAN.triggers), [], NOW - 900, NOW)
    assert chart.y is not None and chart.y.low < 0.3 and chart.y.high < 0.5
    assert [lvl.label for lvl in chart.levels] == []
    assert [(lvl.label, side) for lvl, side in chart.off_chart] == [
        ("target 0.10% · warn 0.10%", "below"),
        ("crit 0.50%", "above"),
        ("rollback > 1%", "above"),
    ]


def test_marks_in_the_window_widen_the_axis_and_others_are_dropped() -> None:
    points = [(NOW - 100 + n, 1.0) for n in range(100)]
    marks = [
        Mark(NOW - 5000, "flag", "too old"),
        Mark(NOW - 300, "flag", "flag rollout_pct changed: 15% → 50%"),
    ]
    chart = build_detail(points, [], marks, NOW - 900, NOW)
    assert chart.start == NOW - 300 and [m.text for m in chart.marks] == [marks[1].text]


def test_no_data_is_an_empty_chart_over_the_window() -> None:
    chart = build_detail([], [], [], NOW - 900, NOW)
    assert chart.y is None and chart.runs == () and (chart.start, chart.end) == (NOW - 900, NOW)


def test_range_labels() -> None:
    assert [range_label(s) for s, _ in RANGES] == ["15 min", "1 h", "6 h", "24 h"]
