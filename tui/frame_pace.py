"""When the dashboard is drawn: together with the clock's tick, once per displayed second.

Every draw makes Textual repaint the union of what changed. The header's clock (the first row)
and the source bar's ages (the last row) change every second, so a poll drawn between two ticks
made a second full-height repaint in the same second: on the busiest tab that was half the
app's CPU. A new poll now waits for the next tick (at most a second: polls are 1 s apart in the
demo and 15-60 s live). Anything the operator did (another tab, another screen, a key that asks
for `redraw`) is drawn at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable

TICK = 1.0
"""Seconds between draws of new data when the displayed clock does not move (a frozen test
clock, a replay paused on one second)."""


class FramePace:
    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._drawn: tuple[int, int, Hashable] | None = None
        self._drawn_at = 0.0

    def due(self, generation: int, now: float, view: Hashable) -> bool:
        """Whether to draw now, and if so it counts as drawn.

        Args:
            generation: The dashboard's data generation (a new poll raises it).
            now: The displayed clock, in seconds.
            view: What is shown (screen and request): a new one is drawn at once.
        """
        second = int(now)
        moment = (generation, second, view)
        last = self._drawn
        if moment == last:
            return False
        only_data_moved = last is not None and last[1:] == (second, view)
        # Wait for the tick, unless the clock is not ticking.
        if only_data_moved and self._monotonic() - self._drawn_at < TICK:
            return False
        self._drawn = moment
        self._drawn_at = self._monotonic()
        return True

    def forget(self) -> None:
        """The next `due` is true: the caller draws now whatever changed."""
        self._drawn = None
