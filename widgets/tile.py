"""A metric tile: value with unit, status symbol and word, sparkline, target, age when stale.

One widget draws the whole tile, line by line (`render_line`), and repaints only the
characters that changed. Each tile used to be six widgets (a row of label, value and badge, the
sparkline, the target); Textual's cost per screen update grows with the widgets it has to
visit, and the busiest tab showed 26 tiles, so this alone was most of the app's CPU at 1 Hz.
The tile fills its grid cell: the sparkline takes every column and up to four rows, and spare
rows centre the lines (see `TileGrid`).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from warroom.core.format import format_age, format_target, format_value
from warroom.core.frame import MetricView
from warroom.core.model import Status
from warroom.core.textsafe import inert
from warroom.widgets.line import changed_columns
from warroom.widgets.sparkline import spark_rows
from warroom.widgets.status import CSS_CLASS, badge

SPARK_ROWS = 4
"""Rows of sparkline at most: each row of a moving sparkline is re-sent on every poll, and
four keep the tallest tab within its bytes budget at 1 Hz (bench/run.py)."""

ELLIPSIS = "…"


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
            (fit(value, width - mark_width), "metric-tile--value"),
            (fit(mark, mark_width), "metric-tile--badge"),
        ]
    value_width = min(cell_len(value), max(0, width - mark_width - 1))
    label_width = width - value_width - mark_width - 2
    parts: list[Part] = []
    if label_width > 0:
        parts += [(fit(label, label_width, ellipsis=True), "metric-tile--label"), (" ", "")]
    rest = width - sum(cell_len(text) for text, _ in parts)
    parts += [(fit(value, min(value_width, rest)), "metric-tile--value")]
    rest = width - sum(cell_len(text) for text, _ in parts)
    if rest > mark_width:
        parts += [(" " * (rest - mark_width), "")]
    parts += [(fit(mark, min(mark_width, max(0, rest))), "metric-tile--badge")]
    return [(text, style) for text, style in parts if text]


def tile_rows(
    label: str, view: MetricView | None, status: Status, layout: Layout
) -> list[list[Part]]:
    """Every content row of a tile, top first, each exactly `layout.width` cells wide."""
    width = layout.width
    blank: list[Part] = [(" " * width, "")]
    value = "—" if view is None else value_text(view)
    rows = [blank] * layout.top
    rows.append(headline(label, value, badge(status), layout))
    if not layout.compact:
        history = () if view is None else view.history
        metric = None if view is None else view.metric
        sparks = spark_rows(history, width, layout.spark_rows, metric)
        rows += [[(fit(row, width), "metric-tile--spark")] for row in sparks]
        goal = ""
        if view is not None:
            m = view.metric
            limit = m.warn if m.warn is not None else m.crit
            goal = format_target(m.bad, m.target, m.unit, limit)
        rows.append([(fit(goal, width), "metric-tile--target")])
    rows += [blank] * (layout.height - len(rows))
    return rows[: layout.height]


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


class MetricTile(Widget, can_focus=True):
    # Not scoped: the compact rules select on an ancestor's class (the app's `-compact`).
    SCOPED_CSS = False
    COMPONENT_CLASSES = {
        "metric-tile--label",
        "metric-tile--value",
        "metric-tile--badge",
        "metric-tile--spark",
        "metric-tile--target",
    }
    DEFAULT_CSS = """
    MetricTile {
        width: 1fr; height: 1fr; padding: 0 1;
        border: round $success; border-title-color: $foreground; border-title-style: bold;
    }
    MetricTile.-warn { border: round $warning; }
    MetricTile.-crit { border: heavy $error; }
    MetricTile.-stale, MetricTile.-nodata { border: round $foreground-darken-3; }
    /* The focus ring is a shape, not a colour: the accent of some themes is their warning
       colour, so a focused WARN tile looked unfocused. Double line plus a reversed title, on
       every status, after the status rules so that it wins. */
    MetricTile:focus { border: double $success; border-title-style: bold reverse; }
    MetricTile.-warn:focus { border: double $warning; }
    MetricTile.-crit:focus { border: double $error; }
    MetricTile.-stale:focus, MetricTile.-nodata:focus { border: double $foreground-darken-1; }
    MetricTile > .metric-tile--value { text-style: bold; }
    MetricTile > .metric-tile--badge { color: $success; }
    MetricTile.-warn > .metric-tile--badge { color: $warning; text-style: bold; }
    MetricTile.-crit > .metric-tile--badge { color: $error; text-style: bold reverse; }
    MetricTile.-stale > .metric-tile--badge, MetricTile.-nodata > .metric-tile--badge {
        color: $foreground-darken-2;
    }
    MetricTile > .metric-tile--spark { color: $success; }
    MetricTile.-warn > .metric-tile--spark { color: $warning; }
    MetricTile.-crit > .metric-tile--spark { color: $error; }
    MetricTile.-stale > .metric-tile--spark, MetricTile.-nodata > .metric-tile--spark {
        color: $foreground-darken-3;
    }
    MetricTile > .metric-tile--target { color: $foreground-darken-2; }
    /* The label is on the border; a compact tile has none and shows it first in its line. */
    MetricTile > .metric-tile--label { display: none; color: $foreground; }
    /* --compact: no border, one line per metric: label, value, status. */
    .-compact MetricTile, .-compact MetricTile:focus { height: 1; border: none; padding: 0 1 0 0; }
    .-compact MetricTile > .metric-tile--label { display: block; }
    .-compact MetricTile:focus > .metric-tile--label { text-style: bold reverse; }
    """
    BINDINGS = [Binding("enter", "open_detail", "Details", show=False)]

    class Selected(Message):
        """The operator asked for the detail view of this tile's metric."""

        def __init__(self, metric_id: str) -> None:
            super().__init__()
            self.metric_id = metric_id

    def __init__(self, metric_id: str, label: str) -> None:
        # No SIMULATED mark here: the header and the source bar carry it once for the screen.
        super().__init__(id=f"tile-{metric_id}", classes=CSS_CLASS[Status.NO_DATA])
        self.metric_id = metric_id
        self.label = label
        self.border_title = label
        self._status = Status.NO_DATA
        self._view: MetricView | None = None
        self._drawn = False
        self._rows: list[list[Part]] = []

    def show(self, view: MetricView) -> None:
        """Draws `view`, repainting only the characters that changed."""
        self._view = view
        if view.status is not self._status:
            # One restyle, not two: each class change restyles at once (and repaints all).
            self.remove_class(CSS_CLASS[self._status], update=False)
            self.add_class(CSS_CLASS[view.status])
            self._status = view.status
        self._draw()

    def _layout(self) -> Layout:
        size = self.content_size
        compact = self.get_component_styles("metric-tile--label").display != "none"
        return Layout(size.width, size.height, compact)

    def _draw(self, whole: bool = False) -> None:
        layout = self._layout()
        if layout.width <= 0 or layout.height <= 0:
            return  # not laid out yet: `on_resize` draws it
        self._drawn = self._view is not None
        rows = tile_rows(self.label, self._view, self._status, layout)
        old, self._rows = self._rows, rows
        if whole or len(old) != len(rows):
            self.refresh()
            return
        gutter = self.styles.gutter
        for y, (before, after) in enumerate(zip(old, rows, strict=True)):
            span = changed_span(before, after)
            if span is not None:
                start, end = span
                self.refresh(Region(gutter.left + start, gutter.top + y, end - start, 1))

    def on_resize(self) -> None:
        self._draw(whole=True)

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        base = self.rich_style
        # Padding carries the background only, as Textual pads a line of text: a coloured or
        # bold space would cost bytes on the wire and looks the same.
        pad = Style(bgcolor=base.bgcolor)
        if y >= len(self._rows):
            return Strip.blank(width, pad)
        segments: list[Segment] = []
        for text, name in self._rows[y]:
            if not name:
                segments.append(Segment(text, pad))
                continue
            style = self.get_component_rich_style(name)
            shown = text if name == "metric-tile--spark" else text.rstrip(" ")
            segments.append(Segment(shown, style))
            if len(shown) < len(text):
                segments.append(Segment(" " * (len(text) - len(shown)), pad))
        return Strip(segments).crop_extend(0, width, pad)

    @property
    def value_line(self) -> str:
        """The value as drawn, without padding ("—" before the first draw)."""
        for row in self._rows:
            for text, name in row:
                if name == "metric-tile--value":
                    return text.rstrip()
        return "—"

    @property
    def text_rows(self) -> list[str]:
        """Each content row as plain text, top first (empty before the tile is laid out)."""
        return ["".join(text for text, _ in row) for row in self._rows]

    @property
    def drawn(self) -> bool:
        """True once a view reached the tile's lines (it shows data, not placeholders)."""
        return self._drawn

    @property
    def status(self) -> Status:
        return self._status

    def action_open_detail(self) -> None:
        self.post_message(self.Selected(self.metric_id))

    def on_click(self) -> None:
        self.post_message(self.Selected(self.metric_id))
