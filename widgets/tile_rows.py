"""What a metric tile shows, row by row, as plain text and style names: the value with its
unit and the status badge, the sparkline, the target, and the label on compact tiles. Pure
functions: `widgets/tile.py` draws these rows and repaints the columns that changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size

from warroom.core.format import format_age, format_target, format_value
from warroom.core.frame import MetricView
from warroom.core.model import Status
from warroom.core.textsafe import inert
from warroom.widgets.line import changed_columns
from warroom.widgets.sparkline import spark_rows
from warroom.widgets.status import badge

SPARK_ROWS = 4
"""Rows of sparkline at most: every row of a sparkline is re-sent whenever a column ends
(every 5 s at 1 Hz), and four keep the tallest tab within its bytes budget (bench/run.py)."""

ELLIPSIS = "…"

# The component classes (see `TileBody`) that style each part of a row.
LABEL = "tile-body--label"
VALUE = "tile-body--value"
BADGE = "tile-body--badge"
SPARK = "tile-body--spark"
TARGET = "tile-body--target"


def value_text(view: MetricView) -> str:
    """The value line: `1.31%`, `0.05% ◷ 41s old` when stale, or a per-metric problem (a unit
    mismatch, a failed query) in the value's place with its reason: `⚠ unit s, plan ms`."""
    if view.problem:
        return f"⚠ {inert(view.problem, 120)}"
    value = format_value(view.value, view.metric.unit)
    if view.status is Status.STALE:
        value = f"{value} ◷ {format_age(view.age)} old"
    return value


def fit(text: str, width: int, ellipsis: bool = False) -> str:
    """`text` cut or padded to exactly `width` cells, ending in `…` when `ellipsis` cut it."""
    if width <= 0:
        return ""
    if ellipsis and cell_len(text) > width:
        return set_cell_size(text, width - 1) + ELLIPSIS
    return set_cell_size(text, width)


Part = tuple[str, str]
"""Text and the component class that styles it ("" for the tile's own style)."""


@dataclass(frozen=True)
class Layout:
    """How the content area is used: `top` blank rows, then headline, sparkline, target."""

    width: int
    height: int
    compact: bool

    @property
    def spark_rows(self) -> int:
        return 0 if self.compact else max(1, min(SPARK_ROWS, self.height - 2))

    @property
    def top(self) -> int:
        used = 1 if self.compact else self.spark_rows + 2
        return max(0, (self.height - used) // 2)


def headline(label: str, value: str, mark: str, layout: Layout) -> list[Part]:
    """The value on the left and the status badge on the right; compact tiles lead with the
    label, cut with an ellipsis so that it never runs into the value."""
    width = layout.width
    mark_width = min(width, cell_len(mark))
    if not layout.compact:
        return [
            (fit(value, width - mark_width), VALUE),
            (fit(mark, mark_width), BADGE),
        ]
    value_width = min(cell_len(value), max(0, width - mark_width - 1))
    label_width = width - value_width - mark_width - 2
    parts: list[Part] = []
    if label_width > 0:
        parts += [(fit(label, label_width, ellipsis=True), LABEL), (" ", "")]
    rest = width - sum(cell_len(text) for text, _ in parts)
    parts += [(fit(value, min(value_width, rest)), VALUE)]
    rest = width - sum(cell_len(text) for text, _ in parts)
    if rest > mark_width:
        parts += [(" " * (rest - mark_width), "")]
    parts += [(fit(mark, min(mark_width, max(0, rest))), BADGE)]
    return [(text, style) for text, style in parts if text]


def tile_rows(
    label: str,
    view: MetricView | None,
    status: Status,
    layout: Layout,
    sparks: list[str] | None = None,
) -> list[list[Part]]:
    """Every content row of a tile, top first, each exactly `layout.width` cells wide.
    `sparks`: the sparkline rows when the caller kept them (`spark_block` of the same view
    and layout), since they change only when a column ends."""
    width = layout.width
    blank: list[Part] = [(" " * width, "")]
    value = "—" if view is None else value_text(view)
    rows = [blank] * layout.top
    rows.append(headline(label, value, badge(status), layout))
    if not layout.compact:
        if sparks is None:
            sparks = spark_block(view, layout)
        rows += [[(fit(row, width), SPARK)] for row in sparks]
        goal = ""
        if view is not None:
            m = view.metric
            limit = m.warn if m.warn is not None else m.crit
            goal = format_target(m.bad, m.target, m.unit, limit)
        rows.append([(fit(goal, width), TARGET)])
    rows += [blank] * (layout.height - len(rows))
    return rows[: layout.height]


def spark_block(view: MetricView | None, layout: Layout) -> list[str]:
    """The sparkline rows of a tile that is not compact."""
    history = () if view is None else view.history
    metric = None if view is None else view.metric
    return spark_rows(history, layout.width, layout.spark_rows, metric)


def changed_span(old: list[Part] | None, new: list[Part]) -> tuple[int, int] | None:
    """[start, end) of the columns to repaint going from row `old` to row `new`, or None when
    they are the same. Rows of another shape (other styles, other widths) repaint whole."""
    if old == new:
        return None
    width = sum(cell_len(text) for text, _ in new)
    if old is None or [(len(t), s) for t, s in old] != [(len(t), s) for t, s in new]:
        return 0, width
    columns = changed_columns("".join(t for t, _ in old), "".join(t for t, _ in new))
    return (0, width) if columns is None else columns
