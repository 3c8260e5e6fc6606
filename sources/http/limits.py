"""Rate-limit facts every vendor reports in headers, read the same way for all of them.

Vendors disagree on what the numbers mean (Datadog's reset is seconds-until, Sentry's an epoch,
LaunchDarkly's epoch milliseconds), so the pacing policies stay in each vendor package; what is
shared is the record of one budget and the reading of a header as a number.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_RETRY_AFTER = 60.0
"""Seconds to wait after a 429 that says nothing about when to come back."""


@dataclass(slots=True)
class Budget:
    """What the last answer said of one rate-limit window, minus what was spent since.

    `reset_at` is on the clock the owner reads (monotonic or epoch seconds, its choice).
    """

    limit: float
    remaining: float
    reset_at: float


def header(headers: Mapping[str, str], name: str) -> str | None:
    """The value of header `name`, compared case-insensitively (HTTP/2 sends lower case, and
    not every client hands over a case-insensitive mapping). None when absent."""
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return str(value)
    return None


def header_number(headers: Mapping[str, str], name: str) -> float | None:
    """Header `name` as a finite number, None when absent or not a number."""
    raw = header(headers, name)
    if raw is None:
        return None
    try:
        value = float(raw.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def retry_after(headers: Mapping[str, str]) -> float | None:
    """`Retry-After` in seconds (the delta-seconds form), None when absent or unreadable."""
    value = header_number(headers, "Retry-After")
    return None if value is None else max(0.0, value)
