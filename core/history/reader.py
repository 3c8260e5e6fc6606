"""Reading the history back: outcomes for replay, series for sparklines and reports, events.

Opens the file read-only, so `warroom report` and `warroom replay` can run next to a recording
dashboard (WAL lets readers and the one writer work at once), and from read-only media.

A reader sees either real or simulated polls, never both: a file written by `warroom demo`
is simulated; in any other file (older ones may hold demo polls too) the simulated source's
polls are left out unless simulated ones are asked for.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from warroom.core.history.codec import decode_result, error_from
from warroom.core.history.events import Event
from warroom.core.history.schema import SIM_SOURCE, HistoryUnavailable, connect, describe, file_kind
from warroom.core.poller import PollOutcome

T = TypeVar("T")
_COLUMNS = "SELECT ts, source, latency, next_in, error_kind, error, retry_after, payload FROM polls"
# `(source = ?) = ?` selects the simulated source's polls (1) or everyone else's (0).
_FROM = _COLUMNS + " WHERE (source = ?) = ? AND ts >= ? AND ts <= ? ORDER BY ts, id"
_AFTER = _COLUMNS + " WHERE (source = ?) = ? AND ts > ? AND ts <= ? ORDER BY ts, id"
_SPAN = "SELECT min(ts), max(ts) FROM polls WHERE (source = ?) = ?"
_TIMES = "SELECT DISTINCT ts FROM polls WHERE (source = ?) = ? AND ts >= ? AND ts <= ? ORDER BY ts"
# Successful polls of the named sources (a JSON list) in a window: the checklists' coverage.
_SOURCES_SPAN = (
    "SELECT min(ts), max(ts) FROM polls WHERE error_kind IS NULL AND ts >= ? AND ts <= ?"
    " AND source IN (SELECT value FROM json_each(?))"
)
_GAPS = (
    "SELECT ts, gap FROM (SELECT ts, ts - lag(ts) OVER (ORDER BY ts) AS gap FROM polls"
    " WHERE error_kind IS NULL AND ts >= ? AND ts <= ? AND source IN"
    " (SELECT value FROM json_each(?))) WHERE gap > ? ORDER BY ts"
)


class HistoryReader:
    """Read-only access to real polls, or to simulated ones (`simulated`; None: whatever the
    file records). Raises NoHistoryYet or HistoryUnavailable from the constructor when the
    file cannot be read; later read errors are raised as HistoryUnavailable too."""

    def __init__(self, path: Path, *, simulated: bool | None = None) -> None:
        self.path = path
        self._conn = connect(path, readonly=True)
        self._demo_file = self._guard(lambda: file_kind(self._conn)) == "simulated"
        self.simulated = self._demo_file if simulated is None else simulated
        """Whether what this reader returns is the simulated launch."""
        self._kind = (SIM_SOURCE, int(self.simulated))

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> HistoryReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def span(self) -> tuple[float, float] | None:
        """(first, last) poll time recorded, or None when empty."""
        row = self._query(_SPAN, self._kind).fetchone()
        return None if row is None or row[0] is None else (float(row[0]), float(row[1]))

    def times(self, start: float, end: float) -> list[float]:
        """The distinct poll times in the window, oldest first (replay steps between them)."""
        rows = self._query(_TIMES, (*self._kind, start, end)).fetchall()
        return [float(ts) for (ts,) in rows]

    def success_gaps(
        self, start: float, end: float, min_gap: float, sources: Sequence[str]
    ) -> tuple[float | None, float | None, list[tuple[float, float]]]:
        """When `sources` polled successfully in the window: (first, last, gaps), where gaps
        are (time the gap ended, its length) for each gap longer than `min_gap` seconds.
        Computed in SQLite, so a day of polls costs two queries, not a day of rows."""
        params = (start, end, json.dumps(list(sources)))
        row = self._query(_SOURCES_SPAN, params).fetchone()
        first = None if row is None or row[0] is None else float(row[0])
        last = None if row is None or row[1] is None else float(row[1])
        rows = self._query(_GAPS, (*params, min_gap)).fetchall()
        return first, last, [(float(ts), float(gap)) for ts, gap in rows]

    def outcomes(self, start: float, end: float, *, after: bool = False) -> Iterator[PollOutcome]:
        """Poll outcomes with start <= ts <= end (start < ts when `after`), in time order.
        Unreadable rows are skipped."""
        # Row by row from the cursor, not fetchall(): a week's report must not hold every
        # payload of the week at once.
        cursor = self._query(_AFTER if after else _FROM, (*self._kind, start, end))
        for ts, source, latency, next_in, kind, error, retry, payload in cursor:
            if kind is not None:
                failure = error_from(kind, error or "", retry or 0.0)
                yield PollOutcome(source, ts, latency, error=failure, next_in=next_in)
                continue
            try:
                result = decode_result(payload)
            except ValueError:
                continue  # one damaged row must not end a replay or a report
            yield PollOutcome(source, ts, latency, result=result, next_in=next_in)

    def series(self, start: float, end: float) -> dict[str, list[tuple[float, float]]]:
        """Every metric's (ts, value) points in the window, gaps left out, in time order."""
        out: dict[str, list[tuple[float, float]]] = {}
        for outcome in self.outcomes(start, end):
            if outcome.result is None:
                continue
            for reading in outcome.result.readings:
                if reading.value is not None:
                    out.setdefault(reading.metric, []).append((reading.ts, reading.value))
        return out

    def events(self, start: float, end: float, kinds: tuple[str, ...] = ()) -> list[Event]:
        """Timeline rows in the window, oldest first, optionally of some kinds only."""
        rows = self._query(
            "SELECT ts, kind, key, data FROM events WHERE ts >= ? AND ts <= ? ORDER BY ts, id",
            (start, end),
        ).fetchall()
        events = []
        for ts, kind, key, data in rows:
            if kinds and kind not in kinds:
                continue
            try:
                detail = json.loads(data)
            except json.JSONDecodeError:
                detail = {}
            event = Event(float(ts), str(kind), str(key), detail)
            if (self._demo_file or self._simulated_event(event)) == self.simulated:
                events.append(event)
        return events

    @staticmethod
    def _simulated_event(event: Event) -> bool:
        """Whether an event came from the simulation, where it says so (the simulated source
        going down, a demo session's runbook record). Alert changes do not say: in a file
        from before demo kept its own, they are taken to be real."""
        if event.kind == "source":
            return event.key == SIM_SOURCE
        if event.kind == "audit":
            return bool(event.data.get("demo"))
        return False

    def _query(self, sql: str, params: tuple[object, ...] = ()) -> sqlite3.Cursor:
        return self._guard(lambda: self._conn.execute(sql, params))

    def _guard(self, read: Callable[[], T]) -> T:
        try:
            return read()
        except sqlite3.Error as exc:
            raise HistoryUnavailable(describe(exc, self.path)) from None
