"""What the recorded launch says, as the automatic items need it: when polls succeeded (and
the gaps between them), and when rollback triggers held. Two records implement it: the local
history file (`history_record`) and, for a shared war room, the collector's MongoDB store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from warroom.core.plan import Trigger


class RecordUnavailable(Exception):
    """The record cannot be read. The message is one line for people."""


@dataclass(frozen=True, slots=True)
class Coverage:
    """Successful polls of the watched sources between `start` and `end`."""

    start: float
    end: float
    first: float | None
    last: float | None
    gaps: tuple[tuple[float, float], ...] = ()
    """(time the gap ended, its length in seconds) for every gap over the asked minimum."""

    def continuous_since(self, max_gap: float, now: float) -> float | None:
        """Since when polls succeeded with no gap over `max_gap` seconds, up to `now`.

        Returns None when nothing succeeded in the window or the last success is older than
        `max_gap` (monitoring stopped). A first poll within `max_gap` of the window's start
        counts as covering the window from its start.
        """
        if self.first is None or self.last is None or now - self.last > max_gap:
            return None
        since = self.start if self.first - self.start <= max_gap else self.first
        for ended, length in self.gaps:
            if length > max_gap:
                since = max(since, ended)
        return since


class LaunchRecord(Protocol):
    """Read-only access to what was recorded. Calls may block (run them in a thread)."""

    def coverage(
        self, start: float, end: float, min_gap: float, sources: Sequence[str]
    ) -> Coverage:
        """Successful polls of `sources` in the window, with the gaps longer than `min_gap`.

        Raises:
            RecordUnavailable: nothing recorded yet, or the record cannot be read.
        """

    def trigger_times(
        self, start: float, end: float, triggers: Sequence[Trigger]
    ) -> dict[str, float]:
        """Trigger id -> the latest moment in the window it was seen holding (raised, cleared
        or a reading past its threshold). Triggers that never held are absent.

        Raises:
            RecordUnavailable: the record cannot be read.
        """
