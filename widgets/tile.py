"""A metric tile: value with unit, status symbol and word, sparkline, target, age when stale.

Two widgets: the tile (border, title, focus, status class) and its body, which draws every
row itself (`render_line`, rows from `tile_rows`) and repaints only the columns that changed.
A tile used to be six widgets (a row of label, value and badge, the sparkline, the target), and
Textual's cost per screen update grows with the widgets it visits: the busiest tab shows 26
tiles. The body stays a widget of its own because Textual writes a changed line from the left
edge of the widget that holds it; inside the border, that edge is where the value starts.
The tile fills its grid cell: the sparkline takes every column and up to four rows, and spare
rows centre the lines (see `TileGrid`).
"""

from __future__ import annotations

from typing import Self

from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from warroom.core.frame import MetricView
from warroom.core.model import Status
from warroom.widgets.status import CSS_CLASS
from warroom.widgets.tile_rows import (
    BADGE,
    LABEL,
    SPARK,
    TARGET,
    VALUE,
    Layout,
    Part,
    changed_span,
    spark_block,
    tile_rows,
    value_text,
)

__all__ = ["MetricTile", "TileBody", "value_text"]


class TileBody(Widget):
    """Everything inside the tile's border, drawn row by row."""

    # Not scoped: the compact rules select on an ancestor's class (the app's `-compact`).
    SCOPED_CSS = False
    COMPONENT_CLASSES = {LABEL, VALUE, BADGE, SPARK, TARGET}
    DEFAULT_CSS = """
    TileBody { width: 1fr; height: 1fr; }
    TileBody > .tile-body--value { text-style: bold; }
    TileBody > .tile-body--badge { color: $success; }
    MetricTile.-warn TileBody > .tile-body--badge { color: $warning; text-style: bold; }
    MetricTile.-crit TileBody > .tile-body--badge { color: $error; text-style: bold reverse; }
    MetricTile.-stale TileBody > .tile-body--badge,
    MetricTile.-nodata TileBody > .tile-body--badge { color: $foreground-darken-2; }
    TileBody > .tile-body--spark { color: $success; }
    MetricTile.-warn TileBody > .tile-body--spark { color: $warning; }
    MetricTile.-crit TileBody > .tile-body--spark { color: $error; }
    MetricTile.-stale TileBody > .tile-body--spark,
    MetricTile.-nodata TileBody > .tile-body--spark { color: $foreground-darken-3; }
    TileBody > .tile-body--target { color: $foreground-darken-2; }
    /* The label is on the border; a compact tile has none and shows it first in its line. */
    TileBody > .tile-body--label { display: none; color: $foreground; }
    .-compact TileBody > .tile-body--label { display: block; }
    .-compact MetricTile:focus TileBody > .tile-body--label { text-style: bold reverse; }
    """

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label
        self.view: MetricView | None = None
        self._rows: list[list[Part]] = []
        self._styles: dict[str, Style] = {}
        self._spark_key: tuple[Layout, object, object] | None = None
        self._spark_rows: list[str] = []

    def show(self, view: MetricView) -> None:
        self.view = view
        self._draw()

    def _layout(self) -> Layout | None:
        """The content area, or None before the body is styled and laid out: a view can
        arrive between the tile's creation and its mount (its component styles do not exist
        yet then), and `on_resize` draws it once the body has a size."""
        size = self.size
        if size.width <= 0 or size.height <= 0:
            return None
        try:
            compact = self.get_component_styles(LABEL).display != "none"
        except KeyError:
            return None
        return Layout(size.width, size.height, compact)

    def _draw(self, whole: bool = False) -> None:
        layout = self._layout()
        if layout is None:
            return
        status = Status.NO_DATA if self.view is None else self.view.status
        rows = tile_rows(self.label, self.view, status, layout, self._sparks(layout))
        old, self._rows = self._rows, rows
        if whole or len(old) != len(rows):
            self.refresh()
            return
        for y, (before, after) in enumerate(zip(old, rows, strict=True)):
            span = changed_span(before, after)
            if span is not None:
                self.refresh(Region(span[0], y, span[1] - span[0], 1))

    def _sparks(self, layout: Layout) -> list[str] | None:
        """The sparkline rows, drawn again only when the columns or the layout changed: the
        dashboard hands the same columns on until a 5 s bucket ends, and the value above
        them changes every poll."""
        if layout.compact:
            return None
        view = self.view
        key = (
            layout,
            None if view is None else view.history,
            None if view is None else view.metric,
        )
        kept = self._spark_key
        # Identity, not equality: the memo hands on the same columns tuple until they change.
        if kept is None or kept[0] != layout or kept[1] is not key[1] or kept[2] is not key[2]:
            self._spark_key = key
            self._spark_rows = spark_block(view, layout)
        return self._spark_rows

    def on_resize(self) -> None:
        self._draw(whole=True)

    def _style(self, name: str) -> Style:
        """The Rich style of a component class ("" for padding), kept until the styles change.
        Textual drops its own copy on every refresh, and a tile refreshes a few columns every
        second: working the styles out again from the CSS was most of a row's drawing time."""
        style = self._styles.get(name)
        if style is None:
            if name:
                style = self.get_component_rich_style(name)
            else:
                # Padding carries the background only, as Textual pads a line of text: a
                # coloured or bold space would cost bytes on the wire and looks the same.
                style = Style(bgcolor=self.rich_style.bgcolor)
            self._styles[name] = style
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        if not regions:
            # A whole repaint: what a new class, theme or component style asks for.
            self._styles.clear()
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        pad = self._style("")
        if y >= len(self._rows):
            return Strip.blank(width, pad)
        segments: list[Segment] = []
        for text, name in self._rows[y]:
            if not name:
                segments.append(Segment(text, pad))
                continue
            shown = text if name == SPARK else text.rstrip(" ")
            segments.append(Segment(shown, self._style(name)))
            if len(shown) < len(text):
                segments.append(Segment(" " * (len(text) - len(shown)), pad))
        return Strip(segments).crop_extend(0, width, pad)

    @property
    def drawn(self) -> bool:
        return self.view is not None and bool(self._rows)

    @property
    def rows(self) -> list[list[Part]]:
        return self._rows


class MetricTile(Widget, can_focus=True):
    # Not scoped: the compact rules select on an ancestor's class (the app's `-compact`).
    SCOPED_CSS = False
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
    /* --compact: no border, one line per metric: label, value, status. */
    .-compact MetricTile, .-compact MetricTile:focus { height: 1; border: none; padding: 0 1 0 0; }
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
        self._body = TileBody(label)

    def compose(self) -> ComposeResult:
        yield self._body

    def show(self, view: MetricView) -> None:
        """Draws `view`, repainting only the characters that changed."""
        if view.status is not self._status:
            # One restyle, not two: each class change restyles at once (and repaints all).
            self.remove_class(CSS_CLASS[self._status], update=False)
            self.add_class(CSS_CLASS[view.status])
            self._status = view.status
        self._body.show(view)

    @property
    def value_line(self) -> str:
        """The value as drawn, without padding ("—" before the first draw)."""
        for row in self._body.rows:
            for text, name in row:
                if name == VALUE:
                    return text.rstrip()
        return "—"

    @property
    def text_rows(self) -> list[str]:
        """Each row inside the border as plain text, top first (empty before layout)."""
        return ["".join(text for text, _ in row) for row in self._body.rows]

    @property
    def drawn(self) -> bool:
        """True once a view reached the tile's rows (it shows data, not placeholders)."""
        return self._body.drawn

    @property
    def status(self) -> Status:
        return self._status

    def action_open_detail(self) -> None:
        self.post_message(self.Selected(self.metric_id))

    def on_click(self) -> None:
        self.post_message(self.Selected(self.metric_id))
