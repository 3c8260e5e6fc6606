"""Time axes fitted to the data with ticks at round wall-clock times (by property)."""

from __future__ import annotations

import itertools
import os
import re
import time
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warroom.core.chart.timeaxis import TICK_STEPS, fit_times, tick_step, time_ticks

T0 = 1_700_000_000.0  # 2023-11-14 22:13:20 UTC
moment = st.floats(min_value=T0 - 1e8, max_value=T0 + 1e8, allow_nan=False)
length = st.floats(min_value=0.0, max_value=30 * 86400.0, allow_nan=False)
CLOCK = re.compile(r"^(\d\d-\d\d )?\d\d:\d\d(:\d\d)?$")


@pytest.fixture
def kolkata() -> Iterator[None]:
    """A zone half an hour off UTC: hourly ticks must still fall on the local hour."""
    os.environ["TZ"] = "Asia/Kolkata"
    time.tzset()
    yield
    os.environ["TZ"] = "UTC"
    time.tzset()


@given(moment, length, st.integers(min_value=1, max_value=12))
def test_ticks_are_round_local_times_inside_the_axis(start: float, span: float, most: int) -> None:
    end = start + span
    ticks = time_ticks(start, end, most)
    assert len(ticks) <= most
    assert all(start <= t.ts <= end for t in ticks)
    step = tick_step(start, end, most)
    assert all(b.ts - a.ts == step for a, b in itertools.pairwise(ticks))
    for tick in ticks:
        local = time.localtime(tick.ts)
        seconds_of_day = local.tm_hour * 3600 + local.tm_min * 60 + local.tm_sec
        assert seconds_of_day % min(step, 86400) == 0
        assert CLOCK.match(tick.label), tick.label
        assert tick.label.endswith(time.strftime("%H:%M", local)) or tick.label.endswith(
            time.strftime("%H:%M:%S", local)
        )


@given(moment, st.floats(min_value=60.0, max_value=7 * 86400.0))
def test_a_range_gets_at_least_two_ticks_when_six_are_allowed(start: float, span: float) -> None:
    assert len(time_ticks(start, start + span, 6)) >= 2


def test_twelve_minutes_of_data_fill_the_axis() -> None:
    """The report's case: 12 minutes of a 24 h window. The axis is the 12 minutes."""
    times = [T0 + 5 * n for n in range(145)]
    start, end = fit_times(times)
    assert (start, end) == (T0, T0 + 720)
    labels = [t.label for t in time_ticks(start, end, 6)]
    assert labels == ["22:14", "22:16", "22:18", "22:20", "22:22", "22:24"]


def test_the_date_appears_where_the_day_changes() -> None:
    ticks = time_ticks(T0, T0 + 86400, 6)
    assert [t.label for t in ticks] == ["11-15 00:00", "04:00", "08:00", "12:00", "16:00", "20:00"]


def test_seconds_show_only_for_short_axes() -> None:
    assert [t.label for t in time_ticks(T0, T0 + 30, 4)] == [
        "22:13:20",
        "22:13:30",
        "22:13:40",
        "22:13:50",
    ]


def test_hourly_ticks_sit_on_the_local_hour(kolkata: None) -> None:
    labels = [t.label for t in time_ticks(T0, T0 + 6 * 3600, 4)]
    assert labels == ["04:00", "06:00", "08:00"]  # 03:43 to 09:43 IST


def test_one_moment_gets_a_minute_and_no_data_is_an_error() -> None:
    assert fit_times([T0]) == (T0 - 30, T0 + 30)
    with pytest.raises(ValueError):
        fit_times([])
    with pytest.raises(ValueError):
        time_ticks(T0, T0 - 1)


def test_every_step_is_a_whole_number_of_seconds() -> None:
    assert list(TICK_STEPS) == sorted(TICK_STEPS) and all(isinstance(s, int) for s in TICK_STEPS)
