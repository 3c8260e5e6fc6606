"""The dashboard draws new data with the clock's tick: one repaint a second, not two."""

from __future__ import annotations

from warroom.tui.frame_pace import TICK, FramePace


class Monotonic:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_poll_between_two_ticks_waits_for_the_next_tick() -> None:
    mono = Monotonic()
    pace = FramePace(mono)
    assert pace.due(1, 1000.0, "engineering")
    mono.now += 0.3
    assert not pace.due(2, 1000.3, "engineering")  # the poll arrived mid-second
    mono.now += 0.7
    assert pace.due(2, 1001.0, "engineering")  # drawn with the tick
    assert not pace.due(2, 1001.5, "engineering")  # nothing new


def test_another_view_is_drawn_at_once() -> None:
    mono = Monotonic()
    pace = FramePace(mono)
    assert pace.due(1, 1000.0, "executive")
    mono.now += 0.1
    assert pace.due(1, 1000.1, "engineering")
    mono.now += 0.1
    assert pace.due(2, 1000.2, "executive") and not pace.due(2, 1000.25, "executive")


def test_new_data_is_drawn_within_a_tick_when_the_clock_stands_still() -> None:
    mono = Monotonic()
    pace = FramePace(mono)
    assert pace.due(1, 1000.0, "v")
    mono.now += TICK / 2
    assert not pace.due(2, 1000.0, "v")
    mono.now += TICK / 2
    assert pace.due(2, 1000.0, "v")


def test_forget_draws_at_once() -> None:
    mono = Monotonic()
    pace = FramePace(mono)
    assert pace.due(1, 1000.0, "v")
    pace.forget()
    assert pace.due(1, 1000.0, "v")
