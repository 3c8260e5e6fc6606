"""Reading the history back: outcomes for replay, series for sparklines and reports, events.

Opens the file read-only, so `warroom report` and `warroom replay` can run next to a recording
dashboard (WAL lets readers and the one writer work at once).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

from warroom.core.history.codec import decode_result, error_from
from warroom.core.history.events import Event
from warroom.core.history.schema import HistoryUnavailable, connect, describe
from warroom.core.poller import PollOutcome

_COLUMNS = "SELECT ts, source, latency, next_in, error_kind, error, retry_after, payload FROM polls"
_FROM = _COLUMNS + " WHERE ts >= ? AND ts <= ? ORDER BY ts, id"
_AFTER = _COLUMNS + " WHERE ts > ? AND ts <= ? ORDER BY ts, id"
# Successful polls of the named sources (a JSON list) in a window: the checklists' coverage.
_SPAN = (
    "SELECT min(ts), max(ts) FROM polls WHERE error_kind IS NULL AND ts >= ? AND ts <= ?"
    " AND source IN (SELECT value FROM json_each(?))"
)
_GAPS = (
    "SELECT ts, gap FROM (SELECT ts, ts - lag(ts) OVER (ORDER BY ts) AS gap FROM polls"
    " WHERE error_kind IS NULL AND ts >= ? AND ts <= ? AND source IN"
    " (SELECT value FROM json_each(?))) WHERE gap > ? ORDER BY ts"
)


class HistoryReader:
    """Read-only access. Raises HistoryUnavailable from the constructor when the file cannot be
    read; later read errors are raised as HistoryUnavailable too."""

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise HistoryUnavailable(f"no history recorded yet at {path}")
        self.path = path
        self._conn = connect(path, readonly=True)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> HistoryReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def span(self) -> tuple[float, float] | None:
        """(first, last) poll time recorded, or None when empty."""
        row = self._query("SELECT min(ts), max(ts) FROM polls").fetchone()
        return None if row is None or row[0] is None else (float(row[0]), float(row[1]))

    def times(self, start: float, end: float) -> list[float]:
        """The distinct poll times in the window, oldest first (replay steps between them)."""
        rows = self._query(
            "SELECT DISTINCT ts FROM polls WHERE ts >= ? AND ts <= ? ORDER BY ts", (start, end)
        ).fetchall()
        return [float(ts) for (ts,) in rows]

    def success_gaps(
        self, start: float, end: float, min_gap: float, sources: Sequence[str]
    ) -> tuple[float | None, float | None, list[tuple[float, float]]]:
        """When `sources` polled successfully in the window: (first, last, gaps), where gaps
        are (time the gap ended, its length) for each gap longer than `min_gap` seconds.
        Computed in SQLite, so a day of polls costs two queries, not a day of rows."""
        params = (start, end, json.dumps(list(sources)))
        row = self._query(_SPAN, params).fetchone()
        first = None if row is None or row[0] is None else float(row[0])
        last = None if row is None or row[1] is None else float(row[1])
        rows = self._query(_GAPS, (*params, min_gap)).fetchall()
        return first, last, [(float(ts), float(gap)) for ts, gap in rows]

    def outcomes(self, start: float, end: float, *, after: bool = False) -> Iterator[PollOutcome]:
        """Poll outcomes with start <= ts <= end (start < ts when `after`), in time order.
        Unreadable rows are skipped."""
        cursor = self._query(_AFTER if after else _FROM, (start, end)).fetchall()
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
            events.append(Event(float(ts), str(kind), str(key), detail))
        return events

    def _query(self, sql: str, params: tuple[object, ...] = ()) -> sqlite3.Cursor:
        try:
            return self._conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise HistoryUnavailable(describe(exc, self.path)) from None
