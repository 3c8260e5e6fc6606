"""A metric's history as a plotext chart with its threshold lines; escape goes back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual_plotext import PlotextPlot

from warroom.core.format import format_age, format_value
from warroom.core.frame import DashboardFrame, FrameRequest
from warroom.core.textsafe import inert
from warroom.tui.messages import NeedsRedraw
from warroom.widgets.status import badge


class DetailScreen(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]
    DEFAULT_CSS = """
    DetailScreen #summary { height: auto; padding: 0 1; background: $panel; }
    DetailScreen PlotextPlot { height: 1fr; }
    """

    def __init__(self, metric_id: str) -> None:
        super().__init__()
        self.metric_id = metric_id
        self._drawn: tuple[float, ...] | None = None

    def compose(self) -> ComposeResult:
        self._summary = Static(id="summary")
        self._plot = PlotextPlot()
        yield self._summary
        yield self._plot
        yield Footer()

    def on_mount(self) -> None:
        self.post_message(NeedsRedraw())

    @property
    def frame_request(self) -> FrameRequest:
        """No tiles: this metric's view and its whole series."""
        return FrameRequest(detail=self.metric_id)

    def show_dashboard(self, frame: DashboardFrame, mode: str) -> None:
        if not self.is_mounted:
            return  # composed but not mounted yet: NeedsRedraw draws it once it is
        view = frame.metrics[self.metric_id]
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
        self._summary.update("\n".join(line for line in lines if line))
        series = frame.detail_series
        values = tuple(v for _, v in series)
        if values == self._drawn:
            return
        self._drawn = values
        plot = self._plot
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        if series:
            start = series[0][0]
            plt.plot([ts - start for ts, _ in series], list(values), marker="braille")
        for name, level in (
            ("warn", metric.warn),
            ("crit", metric.crit),
            ("target", metric.target),
        ):
            if level is not None:
                plt.hline(level)
                plt.text(name, x=0, y=level)
        plt.title(f"{metric.label} ({metric.unit or 'value'}) over the last {len(values)} polls")
        plt.xlabel("seconds")
        plot.refresh()
