"""A series is cut where points are missing, and only there (by property)."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from warroom.core.chart.gaps import GAP_FACTOR, runs, usual_step

waits = st.lists(st.floats(min_value=0.5, max_value=600.0), min_size=0, max_size=80)


def series(gaps: list[float]) -> list[tuple[float, float]]:
    ts = list(itertools.accumulate(gaps, initial=1_700_000_000.0))
    return [(t, float(i)) for i, t in enumerate(ts)]


@given(waits, st.none() | st.floats(min_value=1.0, max_value=300.0))
def test_runs_partition_the_series_at_long_waits(gaps: list[float], limit: float | None) -> None:
    points = series(gaps)
    cut = runs(points, limit)
    assert [p for run in cut for p in run] == points
    step = limit if limit is not None else (usual_step(points) or 0) * GAP_FACTOR
    for run in cut:
        assert all(b[0] - a[0] <= step for a, b in itertools.pairwise(run)) or step == 0
    for before, after in itertools.pairwise(cut):
        assert after[0][0] - before[-1][0] > step


def test_a_source_down_for_a_minute_leaves_a_gap() -> None:
    points = series([5.0] * 20 + [65.0] + [5.0] * 20)
    first, second = runs(points)
    assert len(first) == 21 and len(second) == 21


def test_too_few_points_to_know_the_pace_are_one_run() -> None:
    assert runs(series([500.0])) == [series([500.0])]
    assert runs([]) == []
