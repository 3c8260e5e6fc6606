"""A one-line sparkline drawn with block characters in a single style.

One style for the whole line (no gradient) lets the terminal output merge into one run, which
keeps the bytes per refresh low over SSH. The heights come from `core.chart.scale`, which keeps
a small change small (see docs/charts.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from warroom.core.chart.scale import block_levels, metric_spark_span
from warroom.core.plan import MetricDef

BLOCKS = "▁▂▃▄▅▆▇█"


def spark(values: Sequence[float], width: int, metric: MetricDef | None = None) -> str:
    """The last `width` values as blocks, scaled against `metric`'s reference level when
    given; empty cells pad the left."""
    if width <= 0:
        return ""
    tail = list(values)[-width:]
    if not tail:
        return " " * width
    heights = block_levels(tail, metric_spark_span(tail, metric), len(BLOCKS))
    return "".join(BLOCKS[h] for h in heights).rjust(width)


def spark_rows(
    values: Sequence[float], width: int, rows: int, metric: MetricDef | None = None
) -> list[str]:
    """`spark` drawn `rows` tall, top row first: the same scale, in eighths of the whole
    height, so a taller tile shows the same shape in finer steps."""
    if rows <= 1 or width <= 0:
        return [spark(values, width, metric)]
    tail = list(values)[-width:]
    top = rows * len(BLOCKS)
    heights = block_levels(tail, metric_spark_span(tail, metric), top) if tail else []
    pad = " " * (width - len(tail))
    return [
        pad + "".join(_cell(h + 1 - len(BLOCKS) * (rows - 1 - row)) for h in heights)
        for row in range(rows)
    ]


def _cell(eighths: int) -> str:
    """The block filling `eighths` eighths of a cell from the bottom (blank for none)."""
    return " " if eighths <= 0 else BLOCKS[min(eighths, len(BLOCKS)) - 1]
