"""Sparkline columns: one per ended bucket of the clock, the mean of its polls."""

from __future__ import annotations

from collections import deque

from hypothesis import given
from hypothesis import strategies as st

from warroom.core.chart.buckets import (
    ColumnMemo,
    bucket_start,
    closed_buckets,
    newest_closed,
)

T0 = 1_800_000_000.0  # a multiple of SPARK_STEP


def test_one_hertz_polls_make_one_column_per_bucket_and_the_open_bucket_is_left_out() -> None:
    points = [(T0 + s, float(s)) for s in range(12)]  # 0..11: buckets [0,5) [5,10) [10,15)
    assert closed_buckets(points, T0 + 11.5, 60) == (2.0, 7.0)  # means of 0..4 and 5..9


def test_a_bucket_is_drawn_once_it_has_ended() -> None:
    points = [(T0 + s, float(s)) for s in range(10)]
    assert closed_buckets(points, T0 + 9.99, 60) == (2.0,)
    assert closed_buckets(points, T0 + 10.0, 60) == (2.0, 7.0)


def test_slow_sources_get_one_column_per_poll_and_empty_buckets_are_skipped() -> None:
    points = [(T0 + 30 * k + 1, float(k)) for k in range(5)]
    assert closed_buckets(points, T0 + 200, 60) == (0.0, 1.0, 2.0, 3.0, 4.0)


def test_only_the_last_count_buckets_are_kept() -> None:
    points = [(T0 + s, float(s // 5)) for s in range(100)]  # 20 buckets, values 0..19
    assert closed_buckets(points, T0 + 100, 3) == (17.0, 18.0, 19.0)
    assert closed_buckets(points, T0 + 100, 0) == ()
    assert closed_buckets([], T0, 5) == ()


@given(
    st.lists(st.tuples(st.floats(0, 600), st.floats(-1e6, 1e6)), max_size=80),
    st.floats(0, 700),
    st.integers(1, 70),
)
def test_columns_are_the_means_of_the_last_ended_buckets(
    raw: list[tuple[float, float]], offset: float, count: int
) -> None:
    points = sorted((T0 + ts, v) for ts, v in raw)
    now = T0 + offset
    by_bucket: dict[float, list[float]] = {}
    for ts, v in points:
        if ts < bucket_start(now):
            by_bucket.setdefault(bucket_start(ts), []).append(v)
    expected = [sum(vs) / len(vs) for _, vs in sorted(by_bucket.items())][-count:]
    got = closed_buckets(points, now, count)
    assert len(got) == len(expected)
    for a, b in zip(got, expected, strict=True):
        assert abs(a - b) <= 1e-9 * max(1.0, abs(b))


def test_memo_recomputes_when_a_bucket_ends_or_an_ended_bucket_gains_a_point() -> None:
    memo = ColumnMemo(60)
    points: deque[tuple[float, float]] = deque((T0 + s, 1.0) for s in range(5))
    assert memo.columns("m", points, T0 + 5.5) == (1.0,)
    points.append((T0 + 5, 3.0))  # in the open bucket: the columns stay
    assert memo.columns("m", points, T0 + 6.5) == (1.0,)
    assert newest_closed(points, T0 + 6.5) == (T0 + 4, 1.0)
    points.extend((T0 + s, 3.0) for s in range(6, 10))
    assert memo.columns("m", points, T0 + 10.0) == (1.0, 3.0)  # a bucket ended
    late: deque[tuple[float, float]] = deque([(T0 + 1, 1.0)])
    assert memo.columns("n", late, T0 + 7) == (1.0,)
    late.append((T0 + 2, 5.0))  # a late point lands in an ended bucket
    assert memo.columns("n", late, T0 + 7) == (3.0,)
