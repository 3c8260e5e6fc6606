"""A sparkline as tall and wide as the space it is given, re-sending only the rows that moved.

A tile that grows gets more columns (more history) and more rows (finer steps). Each row is
refreshed on its own, so the mostly blank top rows of a tall sparkline cost nothing on the wire
while they stay blank.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import zip_longest

from rich.segment import Segment
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from warroom.core.plan import MetricDef
from warroom.widgets.sparkline import spark_rows


def changed_span(old: str | None, new: str | None, width: int) -> tuple[int, int] | None:
    """[start, end) of the columns that differ between two rows of `width` single-cell
    characters (a missing row is blank), or None when they are the same. Only these are
    re-sent: the blank lead of a short history stays on the terminal as it is."""
    before = (old or "")[:width].ljust(width)
    after = (new or "")[:width].ljust(width)
    if before == after:
        return None
    start = next(x for x in range(width) if before[x] != after[x])
    end = next(x for x in range(width, 0, -1) if before[x - 1] != after[x - 1])
    return start, end


class SparkArea(Widget):
    DEFAULT_CSS = """
    SparkArea { height: 1fr; min-height: 1; }
    """

    def __init__(self, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self._values: tuple[float, ...] = ()
        self._metric: MetricDef | None = None
        self._rows: list[str] = []

    def show(self, values: Sequence[float], metric: MetricDef | None = None) -> None:
        """Draws the newest `values` that fit, scaled for `metric` (see `spark`), refreshing
        only the rows whose text changed."""
        self._values = tuple(values)
        self._metric = metric
        self._draw()

    @property
    def rows(self) -> list[str]:
        """What each row shows now, top first (empty before the first draw)."""
        return list(self._rows)

    def _draw(self) -> None:
        width, height = self.size
        if width <= 0 or height <= 0:
            return
        rows = spark_rows(self._values, width, height, self._metric)
        spans = [changed_span(old, new, width) for old, new in zip_longest(self._rows, rows)]
        self._rows = rows
        for y, span in enumerate(spans):
            if span is not None:
                self.refresh(Region(span[0], y, span[1] - span[0], 1))

    def on_resize(self) -> None:
        self._rows = []
        self._draw()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        text = self._rows[y] if y < len(self._rows) else ""
        width = self.size.width
        return Strip([Segment(text[:width].ljust(width), self.rich_style)], width)
