"""A one-line sparkline drawn with block characters in a single style.

One style for the whole line (no gradient) lets the terminal output merge into one run, which
keeps the bytes per refresh low over SSH.
"""

from __future__ import annotations

from collections.abc import Sequence

BLOCKS = "▁▂▃▄▅▆▇█"


def spark(values: Sequence[float], width: int) -> str:
    """The last `width` values scaled to block heights; empty cells pad the left."""
    if width <= 0:
        return ""
    tail = list(values)[-width:]
    if not tail:
        return " " * width
    low, high = min(tail), max(tail)
    span = high - low
    top = len(BLOCKS) - 1
    if span <= 0:
        cells = BLOCKS[top // 2] * len(tail)
    else:
        cells = "".join(BLOCKS[round((v - low) / span * top)] for v in tail)
    return cells.rjust(width)
