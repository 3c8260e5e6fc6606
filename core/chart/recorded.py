"""The detail chart's window read from the history file, and kept current cheaply.

Reading a day of history decodes every poll of the day (seconds for the default plan; see
bench/history_bench.py), so the screen reads it in a worker thread once per time range,
then only the few seconds recorded since (`next_read`). The live ring buffer supplies the
newest points, which the recorder has not committed yet (`merge`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from warroom.core.chart.gaps import Point
from warroom.core.chart.marks import MARK_EVENT_KINDS, Mark, marks_from_events
from warroom.core.history.reader import HistoryReader

REFRESH = 5.0
"""Seconds the read window may lag the chart's moment before the news is read."""


@dataclass(frozen=True, slots=True)
class Recorded:
    """One metric's points and the chart marks recorded in [start, end]."""

    start: float
    end: float
    points: tuple[Point, ...]
    marks: tuple[Mark, ...]

    def then(self, newer: Recorded, start: float) -> Recorded:
        """This window followed by `newer` (read just after it), cut to begin at `start`."""
        return Recorded(
            start,
            newer.end,
            tuple(p for p in (*self.points, *newer.points) if p[0] >= start),
            tuple(m for m in (*self.marks, *newer.marks) if m.ts >= start),
        )


@dataclass(frozen=True, slots=True)
class Read:
    """A read the screen should start: (start, end], newer than what it has when `extends`."""

    start: float
    end: float
    extends: bool


def read_recorded(path: Path, metric_id: str, start: float, end: float) -> Recorded:
    """Reads the window [start, end] of `metric_id` and the marks in it from `path`.

    Raises:
        HistoryUnavailable: the file is missing, unreadable or corrupt.
    """
    with HistoryReader(path) as reader:
        points = reader.series(start, end).get(metric_id, [])
        events = reader.events(start, end, MARK_EVENT_KINDS)
    return Recorded(start, end, tuple(points), tuple(marks_from_events(events)))


def next_read(have: Recorded | None, start: float, end: float) -> Read | None:
    """What to read for the window [start, end], given what was read before.

    Returns:
        None when `have` is recent enough; the news since `have` ended when that extends it;
        else the whole window (nothing read yet, a wider range, or the moment moved back, as
        a replay can).
    """
    if have is None or start < have.start or end < have.end or end - have.end > end - start:
        return Read(start, end, extends=False)
    if end - have.end < REFRESH:
        return None
    # Just after what was read: the reader's windows include both ends.
    return Read(math.nextafter(have.end, math.inf), end, extends=True)


def merge(recorded: Sequence[Point], live: Sequence[Point]) -> list[Point]:
    """The recorded points older than the live series, then the live series: one line with
    no point twice. Both are oldest first."""
    if not live:
        return list(recorded)
    first_live = live[0][0]
    return [p for p in recorded if p[0] < first_live] + list(live)
