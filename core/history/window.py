"""The time window of `warroom replay` and `warroom report`: --since AGE or --from/--to."""

from __future__ import annotations

import datetime as dt
import math

from warroom.core.durations import parse_duration

LAST_EPOCH = 253402300799.0  # 9999-12-31T23:59:59Z, the last second datetime can show


def parse_time(text: str) -> float:
    """Epoch seconds from an ISO 8601 time (local time when no zone is given) or a number
    between 0 and the year 9999.

    Raises:
        ValueError: neither, or a number out of that range (nan and inf included).
    """
    try:
        seconds = float(text)
    except ValueError:
        return _iso_time(text)
    if not (math.isfinite(seconds) and 0 <= seconds <= LAST_EPOCH):
        raise ValueError(f"expected epoch seconds from 0 to {LAST_EPOCH:.0f}, got {text!r}")
    return seconds


def _iso_time(text: str) -> float:
    try:
        when = dt.datetime.fromisoformat(text)
        if when.tzinfo is None:
            when = when.astimezone()  # naive means local, as people type it
        return when.timestamp()
    except (ValueError, OverflowError, OSError):
        raise ValueError(
            f"expected a time like 2025-06-01T14:00 or epoch seconds, got {text!r}"
        ) from None


def resolve(
    since: str | None, start: str | None, end: str | None, now: float
) -> tuple[float, float]:
    """The (start, end) epoch window: --from/--to when given (open ends default to 24 h before
    and now), else the last --since (default 24h).

    Raises:
        ValueError: a malformed duration or time, or an empty window.
    """
    if start is not None or end is not None:
        stop = parse_time(end) if end is not None else now
        begin = parse_time(start) if start is not None else stop - 86400.0
    else:
        stop = now
        begin = now - parse_duration("24h" if since is None else since).total_seconds()
    if begin >= stop:
        raise ValueError("the window is empty: --from must be before --to")
    return begin, stop
