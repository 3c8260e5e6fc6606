"""A metric's history as a plotext chart: wall-clock axis, labelled levels, gaps, and the
moments triggers fired, runbook steps ran and the rollout moved; keys pick the time range.

Ranges longer than the live ring buffer are read from the history file in a worker thread
(see core/chart/recorded.py); the screen says while it reads and when there is no history.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import Worker, WorkerState
from textual_plotext import PlotextPlot

from warroom.core.chart.levels import chart_levels
from warroom.core.chart.marks import Mark, marks_from_triggers
from warroom.core.chart.model import RANGES, DetailChart, build_detail, range_label
from warroom.core.chart.recorded import Read, Recorded, merge, next_read, read_recorded
from warroom.core.format import format_age, format_clock, format_value
from warroom.core.frame import DashboardFrame, FrameRequest, MetricView
from warroom.core.history.schema import HistoryUnavailable
from warroom.core.plan import Trigger
from warroom.core.textsafe import inert
from warroom.tui.messages import NeedsRedraw
from warroom.tui.screens.detail_plot import Palette, draw, legend
from warroom.widgets.line import Line
from warroom.widgets.status import badge

DEFAULT_RANGE = RANGES[0][0]
RANGE_KEYS = ("m", "h", "6", "d")
"""One key per range in `RANGES`: minutes, hour, six hours, day."""


class DetailScreen(Screen[None]):
    # The range keys stay out of the footer (80 columns must keep r and q); `?` lists them
    # and the line above the chart names them.
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        *(
            Binding(key, f"range({seconds})", f"Chart the last {label}", show=False)
            for key, (seconds, label) in zip(RANGE_KEYS, RANGES, strict=True)
        ),
    ]
    DEFAULT_CSS = """
    DetailScreen #summary { height: auto; padding: 0 1; background: $panel; }
    DetailScreen #range { height: 1; padding: 0 1; color: $foreground-darken-2; }
    DetailScreen PlotextPlot { height: 1fr; }
    DetailScreen #legend { height: auto; max-height: 8; padding: 0 1; }
    """

    span: reactive[float] = reactive(DEFAULT_RANGE)
    """Seconds of history shown, ending at the frame's moment."""

    def __init__(
        self, metric_id: str, *, triggers: Sequence[Trigger] = (), history: Path | None = None
    ) -> None:
        super().__init__()
        self.metric_id = metric_id
        self.triggers = tuple(triggers)
        self.history = history
        """The history file longer ranges and the marks come from; None: memory only."""
        self.chart: DetailChart | None = None
        """The chart as last drawn."""
        self.history_problem: str | None = None
        self._recorded: Recorded | None = None
        self._reading: Read | None = None
        self._worker: Worker[Recorded] | None = None
        self._window_start = 0.0

    def compose(self) -> ComposeResult:
        # Lines of plain Text: marks carry recorded text (user names, messages), never markup.
        self._summary = Line(id="summary")
        self._range = Line(id="range")
        self._plot = PlotextPlot()
        self._legend = Line(id="legend")
        yield self._summary
        yield self._range
        yield self._plot
        yield self._legend
        yield Footer()

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._redraw_in_new_colours)
        self.post_message(NeedsRedraw())

    @property
    def frame_request(self) -> FrameRequest:
        """No tiles: this metric's view and its whole series."""
        return FrameRequest(detail=self.metric_id)

    @property
    def reading(self) -> bool:
        """True while history is being read in the background."""
        return self._reading is not None

    def action_range(self, seconds: float) -> None:
        self.span = seconds

    def watch_span(self) -> None:
        # Read the new range afresh; the result of a read still running is dropped.
        self._recorded = self._reading = self._worker = None
        if self.is_mounted:
            self.post_message(NeedsRedraw())

    def show_dashboard(self, frame: DashboardFrame, mode: str, guard: str = "") -> None:
        if not self.is_mounted:
            return  # composed but not mounted yet: NeedsRedraw draws it once it is
        view = frame.metrics[self.metric_id]
        self._summary.set_text(Text(summary(view)))
        start = self._window_start = frame.now - self.span
        self._maybe_read(start, frame.now)
        points, marks = self._data(frame, start)
        width = max(40, self._plot.size.width)
        end = self._axis_end(frame.now, points, width)
        levels = chart_levels(view.metric, self.triggers)
        chart = build_detail(points, levels, marks, start, end, width)
        self._range.set_text(Text(self._range_text(chart, start)))
        if chart == self.chart:
            return
        self.chart = chart
        metric = view.metric
        title = f"{inert(metric.label)} ({metric.unit or 'value'}), last {range_label(self.span)}"
        draw(self._plot.plt, chart, title, Palette.of(self.app.theme_variables))
        self._legend.set_text(Text(legend(chart)))
        self._plot.refresh()

    def _axis_end(self, now: float, points: Sequence[tuple[float, float]], width: int) -> float:
        """`now`, moved on in half-column steps (never before the newest point), so the chart
        is redrawn and re-sent over SSH when a column changes, not every second."""
        step = self.span / (2 * width)
        return max([math.floor(now / step) * step] + [p[0] for p in points[-1:]])

    def _redraw_in_new_colours(self, _theme: object) -> None:
        self.chart = None
        self.post_message(NeedsRedraw())

    def _data(
        self, frame: DashboardFrame, start: float
    ) -> tuple[list[tuple[float, float]], list[Mark]]:
        """The points (history, then the live buffer) and the marks to chart."""
        live = [p for p in frame.detail_series if p[0] >= start]
        if self._recorded is None:
            marks = [] if self.history is not None else marks_from_triggers(frame.triggers)
            return live, marks
        return merge(self._recorded.points, live), list(self._recorded.marks)

    def _range_text(self, chart: DetailChart, start: float) -> str:
        parts = [f"last {range_label(self.span)}"]
        if chart.runs and chart.start - start > self.span / 50:  # not just the poll phase
            parts.append(f"recorded from {format_clock(chart.start)} on")
        if self._reading is not None and not self._reading.extends:
            parts.append(f"reading {range_label(self.span)} of history…")
        elif self.history_problem:
            parts.append(f"{self.history_problem}; showing what is held in memory")
        elif self.history is None:
            parts.append("no history file: showing what is held in memory")
        parts.append("range keys " + " ".join(RANGE_KEYS))
        return " · ".join(parts)

    # ------------------------------------------------------------------ history

    def _maybe_read(self, start: float, end: float) -> None:
        if self.history is None or self._reading is not None:
            return
        read = next_read(self._recorded, start, end)
        if read is None:
            return
        self._reading = read
        path, metric = self.history, self.metric_id
        self._worker = self.run_worker(
            lambda: read_recorded(path, metric, read.start, read.end),
            thread=True,
            group="history",
            exit_on_error=False,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker is not self._worker or event.state not in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
        ):
            return  # still running, or a read of a range no longer shown
        read, self._reading, self._worker = self._reading, None, None
        if event.state is WorkerState.ERROR:
            error = worker.error
            self.history_problem = (
                str(error)
                if isinstance(error, HistoryUnavailable)
                else f"history unreadable: {error}"
            )
            self.history = None  # said once, in place; not retried every few seconds
        else:
            got = worker.result
            assert got is not None and read is not None
            have = self._recorded
            self._recorded = have.then(got, self._window_start) if read.extends and have else got
        self.post_message(NeedsRedraw())


def summary(view: MetricView) -> str:
    """The lines above the chart: value, status, source and age; the plan's levels; the note."""
    metric = view.metric
    lines = [
        f"{inert(metric.label)}  {format_value(view.value, metric.unit)}  {badge(view.status)}"
        f"  (source {view.source}{', SIMULATED' if view.simulated else ''},"
        f" updated {format_age(view.age)} ago)",
        "  ".join(
            f"{name} {format_value(value, metric.unit)}"
            for name, value in (
                ("target", metric.target),
                ("baseline", metric.baseline),
                ("warn", metric.warn),
                ("crit", metric.crit),
            )
            if value is not None
        ),
        inert(metric.note),
    ]
    return "\n".join(line for line in lines if line)
