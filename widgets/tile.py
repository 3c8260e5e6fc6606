"""A metric tile: value with unit, status symbol and word, sparkline, target, age when stale.

Each line is its own small widget and is only updated when its text changes, so a refresh
re-sends just the lines that moved rather than the whole tile. The tile fills its grid cell:
the sparkline takes every column and up to four of its rows (see `TileGrid`).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message

from warroom.core.format import format_age, format_target, format_value
from warroom.core.frame import MetricView
from warroom.core.model import Status
from warroom.core.textsafe import inert
from warroom.widgets.line import Line
from warroom.widgets.spark_area import SparkArea
from warroom.widgets.status import CSS_CLASS, badge


def value_text(view: MetricView) -> str:
    """The value line: `1.31%`, `0.05% ◷ 41s old` when stale, or a per-metric problem (a unit
    mismatch, a failed query) in the value's place with its reason: `⚠ unit s, plan ms`."""
    if view.problem:
        return f"⚠ {inert(view.problem, 120)}"
    value = format_value(view.value, view.metric.unit)
    if view.status is Status.STALE:
        value = f"{value} ◷ {format_age(view.age)} old"
    return value


class MetricTile(Vertical, can_focus=True):
    # Not scoped: the compact rules select on an ancestor's class (the app's `-compact`).
    SCOPED_CSS = False
    DEFAULT_CSS = """
    MetricTile {
        width: 1fr; height: 1fr; padding: 0 1; align-vertical: middle;
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
    MetricTile > Horizontal { height: 1; }
    MetricTile .value { width: 1fr; text-style: bold; }
    MetricTile .badge { width: auto; color: $success; }
    MetricTile.-warn .badge { color: $warning; text-style: bold; }
    MetricTile.-crit .badge { color: $error; text-style: bold reverse; }
    MetricTile.-stale .badge, MetricTile.-nodata .badge { color: $foreground-darken-2; }
    /* Four rows at most: each row of a moving sparkline is re-sent on every poll, and four
       keep the tallest tab within the 6 KB/s budget at 1 Hz (bench/run.py); the tile's
       spare rows centre its lines instead. */
    MetricTile .spark { color: $success; max-height: 4; }
    MetricTile.-warn .spark { color: $warning; }
    MetricTile.-crit .spark { color: $error; }
    MetricTile.-stale .spark, MetricTile.-nodata .spark { color: $foreground-darken-3; }
    MetricTile .target { color: $foreground-darken-2; }
    MetricTile .label { display: none; }
    /* --compact: no border, one line per metric: label, value, status. */
    .-compact MetricTile, .-compact MetricTile:focus { height: 1; border: none; padding: 0 1 0 0; }
    /* The label's margin keeps a cut label ("Error…") from touching its value. */
    .-compact MetricTile .label {
        display: block; width: 1fr; margin-right: 1; color: $foreground; text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    .-compact MetricTile:focus .label { text-style: bold reverse; }
    .-compact MetricTile .value { width: auto; margin-right: 1; }
    .-compact MetricTile .spark, .-compact MetricTile .target { display: none; }
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
        self.border_title = label
        self._status = Status.NO_DATA
        self._view: MetricView | None = None
        self._drawn = False

    def compose(self) -> ComposeResult:
        # Kept as attributes: looking them up with queries on every refresh costs real CPU.
        self._value_line = Line("—", classes="value")
        self._badge_line = Line(badge(Status.NO_DATA), classes="badge")
        self._spark = SparkArea(classes="spark")
        self._target_line = Line("", classes="target")
        with Horizontal():
            yield Line(self.border_title or "", classes="label")
            yield self._value_line
            yield self._badge_line
        yield self._spark
        yield self._target_line

    def show(self, view: MetricView) -> None:
        """Draws `view`, touching only the lines whose text changed."""
        self._view = view
        if not self.is_mounted or not self.children:
            return  # not composed yet (or already torn down): the next tick draws it
        self._drawn = True
        if view.status is not self._status:
            # One restyle of the tile's lines, not two: each class change restyles at once.
            self.remove_class(CSS_CLASS[self._status], update=False)
            self.add_class(CSS_CLASS[view.status])
            self._status = view.status
        self._value_line.set_text(value_text(view))
        self._badge_line.set_text(badge(view.status))
        self._spark.show(view.history, view.metric)
        metric = view.metric
        limit = metric.warn if metric.warn is not None else metric.crit
        goal = format_target(metric.bad, metric.target, metric.unit, limit)
        self._target_line.set_text(goal)

    def on_mount(self) -> None:
        # A view that arrived before the lines were composed is drawn now.
        if self._view is not None:
            self.call_after_refresh(self.show, self._view)

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
