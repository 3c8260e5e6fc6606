"""The local history file as a LaunchRecord: poll coverage from `polls`, trigger moments from
the recorder's `trigger` events (raised and cleared)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from warroom.core.checklists.record import Coverage, RecordUnavailable
from warroom.core.history.reader import HistoryReader
from warroom.core.history.schema import HistoryUnavailable
from warroom.core.plan import Trigger


class HistoryRecord:
    """Opens the file read-only for each question, so a recording dashboard is never held up
    and a file created after start is found."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __repr__(self) -> str:
        return f"HistoryRecord({str(self.path)!r})"

    def coverage(
        self, start: float, end: float, min_gap: float, sources: Sequence[str]
    ) -> Coverage:
        """See LaunchRecord.coverage. Raises RecordUnavailable."""
        if not self.path.exists():
            raise RecordUnavailable("no history recorded yet (is history off?)")
        try:
            with HistoryReader(self.path) as reader:
                first, last, gaps = reader.success_gaps(start, end, min_gap, sources)
        except HistoryUnavailable as exc:
            raise RecordUnavailable(str(exc)) from None
        return Coverage(start, end, first, last, tuple(gaps))

    def trigger_times(
        self, start: float, end: float, triggers: Sequence[Trigger]
    ) -> dict[str, float]:
        """See LaunchRecord.trigger_times. Raises RecordUnavailable."""
        wanted = {t.id for t in triggers}
        try:
            with HistoryReader(self.path) as reader:
                events = reader.events(start, end, ("trigger",))
        except HistoryUnavailable as exc:
            raise RecordUnavailable(str(exc)) from None
        latest: dict[str, float] = {}
        for event in events:
            if event.key in wanted:
                latest[event.key] = max(latest.get(event.key, event.ts), event.ts)
        return latest
