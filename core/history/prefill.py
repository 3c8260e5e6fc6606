"""Sparklines pre-filled from history on start, so a restart mid-incident loses no context."""

from __future__ import annotations

from pathlib import Path

from warroom.core.dashboard import Dashboard
from warroom.core.history.reader import HistoryReader
from warroom.core.history.schema import HistoryUnavailable

PREFILL_WINDOW = 3600.0  # the ring buffers hold about an hour at the fastest intervals


def prefill(dashboard: Dashboard, path: Path, now: float, window: float = PREFILL_WINDOW) -> str:
    """Loads the last `window` seconds of every metric into the dashboard's store.

    Returns:
        "" on success or when there is no history yet, else a one-line warning.
    """
    if not path.exists():
        return ""
    try:
        with HistoryReader(path) as reader:
            series = reader.series(now - window, now)
    except HistoryUnavailable as exc:
        return str(exc)
    for metric, points in series.items():
        dashboard.store.extend(metric, points)
    return ""
