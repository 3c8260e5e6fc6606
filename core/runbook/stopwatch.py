"""The rollback stopwatch: from the first confirmed step to the target group being done."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class StopwatchView:
    elapsed: float | None
    """Seconds since the first confirmed step; None before it."""
    target: float | None
    """The target group's time budget in seconds (the plan's "< 5 minutes")."""
    finished: bool
    """The target group is done and the stopwatch stopped."""

    @property
    def over(self) -> bool:
        return self.elapsed is not None and self.target is not None and self.elapsed > self.target


class Stopwatch:
    def __init__(self, target: float | None, clock: Callable[[], float] = time.monotonic) -> None:
        self._target = target
        self._clock = clock
        self._start: float | None = None
        self._stop: float | None = None

    def start(self) -> None:
        """Starts once; later calls do nothing."""
        if self._start is None:
            self._start = self._clock()

    def stop(self) -> None:
        if self._start is not None and self._stop is None:
            self._stop = self._clock()

    def view(self) -> StopwatchView:
        if self._start is None:
            return StopwatchView(None, self._target, False)
        end = self._stop if self._stop is not None else self._clock()
        return StopwatchView(end - self._start, self._target, self._stop is not None)


def format_elapsed(seconds: float) -> str:
    """`4:07`; whole seconds."""
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"
