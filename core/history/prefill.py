"""Sparklines pre-filled from history on start, so a restart mid-incident loses no context."""

from __future__ import annotations

from pathlib import Path

from warroom.core.dashboard import Dashboard
from warroom.core.history.reader import HistoryReader
from warroom.core.history.schema import HistoryUnavailable, NoHistoryYet

PREFILL_WINDOW = 3600.0  # the ring buffers hold about an hour at the fastest intervals


def prefill(dashboard: Dashboard, path: Path, now: float, window: float = PREFILL_WINDOW) -> str:
    """Loads the last `window` seconds of every metric's real polls into the dashboard's store
    (never simulated ones: `warroom demo` does not pre-fill at all).

    Returns:
        "" on success or when there is no history yet (no file, a 0-byte file), else a
        one-line warning.
    """
    try:
        with HistoryReader(path, simulated=False) as reader:
            series = reader.series(now - window, now)
    except NoHistoryYet:
        return ""
    except HistoryUnavailable as exc:
        return str(exc)
    for metric, points in series.items():
        dashboard.store.extend(metric, points)
    return ""
