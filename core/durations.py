"""Durations as people type them for `--since`: `90s`, `30m`, `1h30m`, `7d`, `1w`.

The grammar, all of it:

    duration = part { [spaces] part }        with optional spaces around the whole
    part     = number [spaces] unit
    number   = digits [ "." digits ]         e.g. 30, 1.5
    unit     = "w" | "d" | "h" | "m" | "s"   weeks, days, hours, minutes, seconds

Units go from the largest to the smallest and each appears once (`1h30m`, not `30m1h` or
`1h1h`), so a typo is refused instead of guessed at. The total must be above zero and at most
MAX_AGE_DAYS: further back than a century is a typo, and near datetime's limits
`now - since` overflows.
"""

from __future__ import annotations

import datetime as dt
import math
import re

UNITS = {"w": 7 * 86400, "d": 86400, "h": 3600, "m": 60, "s": 1}
MAX_AGE_DAYS = 36525
_PART = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]?)")
_EXAMPLES = "30m, 1h30m, 24h, 7d or 1w"


def parse_duration(text: str) -> dt.timedelta:
    """The duration `text` spells (see the module docstring).

    Raises:
        ValueError: anything outside the grammar (the empty string included), units out of
            order or repeated, or a total that is zero or above MAX_AGE_DAYS.
    """
    seconds, at, last = 0.0, 0, -1
    shown = repr(text) if len(text) <= 40 else repr(text[:39] + "…")
    body = text.rstrip()
    while at < len(body) or at == 0:
        match = _PART.match(body, at)
        if match is None or match.group(2) not in UNITS:
            raise ValueError(f"expected a duration like {_EXAMPLES}, got {shown}")
        rank = list(UNITS).index(match.group(2))
        if rank <= last:
            raise ValueError(
                f"expected units from the largest to the smallest, each once "
                f"(like {_EXAMPLES}), got {shown}"
            )
        seconds += float(match.group(1)) * UNITS[match.group(2)]
        at, last = match.end(), rank
    if not (math.isfinite(seconds) and 0 < seconds <= MAX_AGE_DAYS * 86400):
        raise ValueError(f"expected a duration above 0 and at most {MAX_AGE_DAYS}d, got {shown}")
    return dt.timedelta(seconds=seconds)
