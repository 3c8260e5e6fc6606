"""What the history recorded during the current stage: the gate's "clean for the whole stage".

The history file (core.history) holds every poll and every trigger raised, from the dashboard
or the collector. Over the stage's window this module finds each metric's worst judged status,
the rollback triggers raised, and whether the record covers the window without holes, since a
stage nobody watched is not a clean stage.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from warroom.core.history.reader import HistoryReader
from warroom.core.history.schema import HistoryUnavailable
from warroom.core.model import Status
from warroom.core.plan import MetricDef
from warroom.core.rules import metric_status

COVERAGE_SLACK = 600.0
"""Seconds of the stage that may go unrecorded at its start, at its end or between two
records (a restart, a poll interval) before the stage counts as not watched."""


@dataclass(frozen=True, slots=True)
class StageRecord:
    start: float
    end: float
    polls: int = 0
    worst: Mapping[str, Status] = field(default_factory=dict)
    """Metric id → its worst status in the window, for metrics that were warn or crit."""
    triggers: tuple[tuple[float, str, str], ...] = ()
    """(ts, rule, message) of every rollback trigger raised in the window."""
    hole: tuple[float, float] | None = None
    """The first unrecorded stretch longer than COVERAGE_SLACK, as (from, to)."""
    error: str = ""
    """Why the history could not be read ("" when it was)."""


def read_stage_record(
    path: Path | None, metrics: Sequence[MetricDef], start: float, end: float
) -> StageRecord:
    """The record of [start, end] in the history file at `path` (None: history is off).
    Never raises: an unreadable history is an `error`.

    Slow for long stages (it decodes every poll of the window): call it off the UI loop.
    """
    try:
        if path is None:
            raise HistoryUnavailable("history is off ([history] enabled = false)")
        with HistoryReader(path) as reader:
            times = reader.times(start, end)
            series = reader.series(start, end)
            events = reader.events(start, end, ("trigger",))
    except HistoryUnavailable as exc:
        if end - start <= COVERAGE_SLACK:
            return StageRecord(start, end)  # a stage this young needs no history yet
        return StageRecord(start, end, error=str(exc))
    known = {m.id: m for m in metrics}
    worst: dict[str, Status] = {}
    for metric_id, points in series.items():
        metric = known.get(metric_id)
        if metric is None:
            continue
        status = _worst(metric, [v for _, v in points])
        if status in (Status.WARN, Status.CRIT):
            worst[metric_id] = status
    raised = tuple(
        (e.ts, e.key, str(e.data.get("message", ""))) for e in events if e.state == "raised"
    )
    return StageRecord(start, end, len(times), worst, raised, _hole(times, start, end))


def _worst(metric: MetricDef, values: Sequence[float]) -> Status:
    found = Status.OK
    for value in values:
        status = metric_status(metric, value, 0.0, math.inf)
        if status.rank > found.rank:
            found = status
    return found


def _hole(times: Sequence[float], start: float, end: float) -> tuple[float, float] | None:
    edges = [start, *times, end]
    for before, after in itertools.pairwise(edges):
        if after - before > COVERAGE_SLACK:
            return (before, after)
    return None
