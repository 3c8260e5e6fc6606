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


def stretch(line: str, rows: int) -> list[str]:
    """`line` (from `spark`) drawn `rows` tall, top row first: the same scaling, in eighths of
    the whole height, so a taller tile shows the same shape with finer steps."""
    if rows <= 1:
        return [line]
    out = [[" "] * len(line) for _ in range(rows)]
    for x, cell in enumerate(line):
        level = BLOCKS.find(cell)
        if level < 0:
            continue  # padding: no value recorded there yet
        eighths = (level + 1) * rows
        for row in range(rows):
            fill = min(8, eighths - 8 * (rows - 1 - row))
            if fill > 0:
                out[row][x] = BLOCKS[fill - 1]
    return ["".join(row) for row in out]
