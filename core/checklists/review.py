"""The checklists as they stood at the end of a reported window: the last minutes of recorded
polls replayed into a fresh dashboard for the automatic items, ticks as of that moment."""

from __future__ import annotations

from dataclasses import replace

from warroom.core.checklists.board import ChecklistBoard
from warroom.core.checklists.gather import gather, needs_of
from warroom.core.checklists.local import local_readers
from warroom.core.checklists.state import PhaseView
from warroom.core.checklists.ticks import latest_ticks, parse_ts
from warroom.core.config import Config
from warroom.core.dashboard import Dashboard, SourceInfo
from warroom.core.history.reader import HistoryReader
from warroom.core.runbook.audit import AuditLog

TAIL = 900.0  # seconds replayed: three polls of the slowest default source, and then some
SIM = "sim"


def phases_at(
    config: Config, reader: HistoryReader, audit: AuditLog, end: float
) -> list[PhaseView]:
    """Every phase judged at `end` from the history and the audit log.

    Raises:
        HistoryUnavailable: the history cannot be read.
    """
    outcomes = list(reader.outcomes(end - TAIL, end))
    names = sorted({o.source for o in outcomes})
    demo = names == [SIM]
    info = {n: SourceInfo(_interval(config, n), simulated=n == SIM) for n in names}
    metric_sources = {m.id: SIM for m in config.metrics} if demo else {}
    dashboard = Dashboard(config, info, metric_sources, lambda: end)
    for outcome in outcomes:
        dashboard.ingest(outcome)
    readers = local_readers(audit, reader.path, names, demo=demo)
    gathered = gather(readers, needs_of(config.checklists), config.triggers, end)
    try:
        records = audit.read().records
    except OSError:
        records = []
    before = [r for r in records if (parse_ts(r.get("ts")) or end + 1) <= end]
    as_of_end = latest_ticks(before, demo)
    board = ChecklistBoard(config, demo=demo)
    return board.phases(dashboard, replace(gathered, ticks=as_of_end), end)


def _interval(config: Config, name: str) -> float:
    return float(getattr(getattr(config.sources, name, None), "interval", 30.0))
