"""The wall view (`w`, `warroom wall`): the war room's big shared screen, readable across it.

One room-level status, huge; the rollout stage; the rollback triggers' inputs in big digits,
each against its threshold; the trigger and alert banners, and the automatic rollback's when
it is on; the rollback stopwatch once it runs. Every part shares the height it is given, so
it fills any terminal from 80x24 up, and only changed digits and lines are re-sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer

from warroom.core.config import Config
from warroom.core.frame import DashboardFrame, FrameRequest
from warroom.tui.messages import NeedsRedraw
from warroom.tui.runbook_holder import RunbookHolder
from warroom.tui.screens.main import stage_text
from warroom.widgets.banners import AlertBanner, TriggerBanner
from warroom.widgets.big_number import BigNumber
from warroom.widgets.big_text import BigText
from warroom.widgets.guard_banner import GuardBanner
from warroom.widgets.header import HeaderView, LaunchHeader
from warroom.widgets.line import Line
from warroom.widgets.status import CSS_CLASS, badge
from warroom.widgets.trigger_input import TriggerInput

if TYPE_CHECKING:  # the runbook stays off the start-up path until something uses it
    from warroom.core.runbook.stopwatch import StopwatchView

INPUT_MIN_WIDTH = 30
"""Below this an input's digits and verdict no longer fit side by side with another."""
INPUT_MIN_HEIGHT = 6
"""Border, three rows of digits, the verdict line."""


def room_status(frame: DashboardFrame) -> tuple[str, str]:
    """(the big word, its CSS class): `✖ ROLLBACK` once a trigger fired, else the worst
    status of every metric."""
    if frame.rollback:
        return "✖ ROLLBACK", "-rollback"
    return badge(frame.overall), CSS_CLASS[frame.overall]


def stopwatch_text(view: StopwatchView, label: str, dry_run: bool) -> str:
    """`⏱ / 5:00 target · Immediate rollback · running`, beside the big elapsed time. A dry
    run's finished group is "rehearsed", never "done": nothing was carried out."""
    from warroom.core.runbook.stopwatch import format_elapsed

    budget = f"/ {format_elapsed(view.target)} target · " if view.target else ""
    if view.finished:
        state = " · rehearsed (dry run: nothing ran)" if dry_run else " · done"
    else:
        state = " · OVER TARGET" if view.over else " · running"
    return f"⏱ {budget}{label}{state}"


class WallScreen(Screen[None]):
    HELP_GROUP: ClassVar[str] = "wall view"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,w", "app.pop_screen", "Dashboard"),
    ]
    DEFAULT_CSS = """
    WallScreen { overflow: hidden; }
    WallScreen #wall-status {
        height: 1fr; min-height: 3; max-height: 15; text-style: bold;
        background: $success; color: $text;
    }
    WallScreen #wall-status.-warn, WallScreen #wall-status.-blind { background: $warning; }
    WallScreen #wall-status.-crit, WallScreen #wall-status.-rollback { background: $error; }
    WallScreen #wall-status.-stale, WallScreen #wall-status.-nodata { background: $panel; }
    WallScreen #wall-stage { height: 1; padding: 0 1; text-style: bold; text-align: center; }
    WallScreen #wall-inputs { grid-size: 4; grid-gutter: 0 1; height: 2fr; min-height: 6; }
    /* Both banners always take their rows here: a banner appearing would move the inputs,
       and moving them repaints the whole screen. */
    WallScreen #triggers { display: block; height: 3; background: $panel; }
    WallScreen #triggers.-shown { background: $error; }
    WallScreen #alerts { display: block; background: $panel; }
    WallScreen #alerts.-shown { background: $warning-muted; }
    WallScreen #alerts.-high { background: $error-muted; }
    WallScreen #wall-stopwatch { height: 3; display: none; align-horizontal: center; }
    WallScreen #wall-stopwatch.-running { display: block; }
    WallScreen #wall-stopwatch BigNumber { text-style: bold; }
    WallScreen #wall-stopwatch Line { width: auto; height: 3; content-align: left middle;
                                      margin-left: 2; }
    WallScreen #wall-stopwatch.-over { background: $error; color: $text; }
    """

    def __init__(self, config: Config) -> None:
        super().__init__()
        self._config = config
        metrics = {m.id: m for m in config.metrics}
        seen: set[str] = set()
        self._inputs: list[TriggerInput] = []
        for trigger in config.triggers:
            if trigger.metric not in seen:
                seen.add(trigger.metric)
                self._inputs.append(TriggerInput(trigger, metrics[trigger.metric].label))
        self._request = FrameRequest(metrics=tuple(i.trigger.metric for i in self._inputs))
        self.guard_banner = GuardBanner(id="guard")
        """The automatic rollback's banner (hidden while it is off); `tui.autorollback`
        feeds it. The room must see a countdown it can abort on the screen it watches."""

    def compose(self) -> ComposeResult:
        # The parts are kept as attributes: querying the DOM on every refresh costs real CPU.
        self._header = LaunchHeader(id="header")
        self._status = BigText(id="wall-status")
        self._stage = Line("Rollout —", id="wall-stage")
        self._grid = Grid(*self._inputs, id="wall-inputs")
        self._triggers = TriggerBanner(
            units={m.id: m.unit for m in self._config.metrics},
            idle="✓ no rollback trigger has fired",
            id="triggers",
        )
        self._alerts = AlertBanner(idle="✓ no alert", id="alerts")
        self._clock = BigNumber()
        self._clock_label = Line("")
        yield self._header
        yield self._status
        yield self._stage
        yield self._grid
        yield self._triggers
        yield self.guard_banner
        yield self._alerts
        with Horizontal(id="wall-stopwatch") as self._stopwatch:
            yield self._clock
            yield self._clock_label
        yield Footer()

    def on_mount(self) -> None:
        self.post_message(NeedsRedraw())

    def on_screen_resume(self) -> None:
        self.post_message(NeedsRedraw())

    def on_resize(self, event: Resize) -> None:
        columns = max(1, min(len(self._inputs), event.size.width // INPUT_MIN_WIDTH))
        if columns == 3 and len(self._inputs) == 4:
            columns = 2  # 2x2 reads better than three and one left over
        self._grid.styles.grid_size_columns = columns
        rows = -(-len(self._inputs) // columns)
        self._grid.styles.min_height = rows * INPUT_MIN_HEIGHT  # every verdict line stays

    @property
    def frame_request(self) -> FrameRequest:
        """The trigger inputs' metrics only: no tab's tiles are computed for the wall."""
        return self._request

    def show_dashboard(self, frame: DashboardFrame, mode: str, guard: str = "") -> None:
        """Hands each part its share of the frame; each redraws only what changed."""
        if not self._header.is_attached:
            return
        blind = {b.trigger.metric: b.why for b in frame.blind}
        header = HeaderView(
            launch=frame.launch,
            stage=stage_text(self._config, frame.rollout_pct),
            status=frame.overall,
            rollback=frame.rollback,
            clock=frame.now,
            mode=mode,
            blind=tuple(dict.fromkeys(b.label for b in frame.blind)),
            rollout=frame.rollout,
            guard=guard,
        )
        self._header.show(header)
        word, status_class = room_status(frame)
        self._status.update(word)
        self._status.set_classes(status_class)
        self._stage.set_text(header.stage_text)  # the flag service's rollout when it has one
        firing = {t.metric for t in frame.triggers}
        for cell in self._inputs:
            view = frame.metrics.get(cell.trigger.metric)
            if view is not None:
                metric = cell.trigger.metric
                cell.show(view, metric in firing, blind.get(metric))
        self._triggers.show_triggers(frame.triggers)
        self._alerts.show_alerts(frame.alerts)
        self._show_stopwatch()

    def _show_stopwatch(self) -> None:
        """The runbook's stopwatch once a step was confirmed; nothing builds the runbook here."""
        holder: RunbookHolder | None = getattr(self.app, "runbook", None)
        built = holder.built if holder is not None else None
        view = built.stopwatch.view() if built is not None else None
        running = view is not None and view.elapsed is not None
        self._stopwatch.set_class(running, "-running")
        if built is None or view is None or view.elapsed is None:
            return
        self._stopwatch.set_class(view.over and not view.finished, "-over")
        from warroom.core.runbook.stopwatch import format_elapsed

        group = built.target_group
        self._clock.show(format_elapsed(view.elapsed))
        label = group.title if group else "rollback"
        self._clock_label.set_text(stopwatch_text(view, label, built.dry_run))

    @property
    def status_word(self) -> str:
        """The room-level status as shown (for tests and the bench)."""
        return self._status.text
