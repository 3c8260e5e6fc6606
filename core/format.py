"""Human formatting of values, ages and times, shared by the TUI and the headless commands."""

from __future__ import annotations

import math
import time
from datetime import UTC, datetime


def format_value(value: float | None, unit: str = "") -> str:
    """`1693.6, "ms"` -> "1,694 ms"; `0.823, "%"` -> "0.82%"; None -> "—"."""
    if value is None or math.isnan(value):
        return "—"
    number = _number(value)
    if not unit:
        return number
    if unit == "%":
        return f"{number}%"
    return f"{number} {unit}"


def _number(value: float) -> str:
    magnitude = abs(value)
    if value.is_integer() and magnitude < 1e15:
        return f"{value:,.0f}"
    if magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 100:
        return f"{value:.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def format_age(seconds: float | None) -> str:
    """Compact age: 9s, 4m, 2h, 3d."""
    if seconds is None:
        return "never"
    seconds = max(0.0, seconds)
    for size, suffix in ((86400, "d"), (3600, "h"), (60, "m")):
        if seconds >= size:
            return f"{seconds // size:.0f}{suffix}"
    return f"{seconds:.0f}s"


def format_clock(ts: float, utc: bool = False) -> str:
    """HH:MM:SS of an epoch time, local unless `utc`."""
    parts = time.gmtime(ts) if utc else time.localtime(ts)
    return time.strftime("%H:%M:%S", parts)


def format_moment(ts: float, now: float, utc: bool = False) -> str:
    """`2026-11-14 05:19:16 (17d ago)`: a date as well as a time, so a "first seen" from weeks
    ago does not read as this morning. Local unless `utc`."""
    parts = time.gmtime(ts) if utc else time.localtime(ts)
    return f"{time.strftime('%Y-%m-%d %H:%M:%S', parts)} ({format_age(now - ts)} ago)"


def format_target(bad: str, target: float | None, unit: str, limit: float | None = None) -> str:
    """How a tile states its goal: "target < 500 ms", "target ≥ 85%", or without a target the
    first threshold: "limit 5%"."""
    if target is not None:
        sign = "<" if bad == "above" else "≥"
        return f"target {sign} {format_value(target, unit)}"
    if limit is not None:
        sign = "≤" if bad == "above" else "≥"
        return f"keep {sign} {format_value(limit, unit)}"
    return ""


def iso_time(ts: float) -> str:
    """`2026-12-01T21:07:57Z`: an epoch second as ISO 8601 in UTC, for machine-read output."""
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
