"""Replay over recorded history: the normal four tabs, plus keys that move through time.

`ReplayApp` is the ordinary app with no poller: its dashboard is the replay cursor's, whose
clock is the replayed moment, so the header clock shows replayed time and every tile, banner
and rule renders exactly as it did live.
"""

from __future__ import annotations

import time

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Mount
from textual.widgets import Static

from warroom.core.config import Config
from warroom.core.history.replay import ReplayCursor
from warroom.core.textsafe import inert
from warroom.sources.registry import SourceSet
from warroom.tui.app import WarroomApp
from warroom.tui.options import AppOptions
from warroom.tui.screens.main import MainScreen

TICK = 0.25  # seconds of real time between playback frames
BIG_STEP = 600.0


class ReplayScreen(MainScreen):
    DEFAULT_CSS = """
    ReplayScreen #replay-status { dock: bottom; height: 1; padding: 0 1;
                                  background: $panel; text-wrap: nowrap; }
    """
    RUNBOOK_KEY = None  # a replay's runbook is read-only: nothing there answers the trigger
    HELP_GROUP = "replay"
    BINDINGS = [
        Binding("comma", "step(-1)", "Back", key_display=","),
        Binding("full_stop", "step(1)", "Forward", key_display="."),
        Binding("less_than_sign", "skip(-1)", "-10 min", show=False, key_display="<"),
        Binding("greater_than_sign", "skip(1)", "+10 min", show=False, key_display=">"),
        Binding("left_square_bracket", "jump(False)", "Prev alert", key_display="["),
        Binding("right_square_bracket", "jump(True)", "Next alert", key_display="]"),
        Binding("space,p", "play", "Play/pause", key_display="space"),
        Binding("plus", "speed(True)", "Faster", show=False, key_display="+"),
        Binding("minus", "speed(False)", "Slower", show=False, key_display="-"),
    ]

    def __init__(self, config: Config, cursor: ReplayCursor) -> None:
        # Over simulated history the header says SIMULATED REPLAY (see mode_text).
        super().__init__(config)
        self.cursor = cursor

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Static(id="replay-status")

    def on_mount(self) -> None:
        self.set_interval(TICK, self._tick)

    def _tick(self) -> None:
        if self.cursor.playing:
            self.cursor.advance(TICK)
            self._moved()

    def action_step(self, polls: int) -> None:
        self.cursor.step(polls)
        self._moved()

    def action_skip(self, direction: int) -> None:
        self.cursor.seek(self.cursor.now + direction * BIG_STEP)
        self._moved()

    def action_jump(self, forward: bool) -> None:
        if not self.cursor.jump(forward):
            self.app.notify("no further alert or trigger moment", timeout=2)
        self._moved()

    def action_play(self) -> None:
        self.cursor.playing = not self.cursor.playing and self.cursor.now < self.cursor.end
        self._moved()

    def action_speed(self, up: bool) -> None:
        self.cursor.faster(up)
        self._moved()

    def _moved(self) -> None:
        app = self.app
        if isinstance(app, ReplayApp):
            app.moved()

    def status_text(self) -> str:
        """The bottom line: position in the window and the latest event up to now."""
        cursor = self.cursor
        total = max(1.0, cursor.end - cursor.start)
        done = 100.0 * (cursor.now - cursor.start) / total
        past = cursor.events_until_now()
        latest = f" │ last: {inert(past[-1].text(), 70)}" if past else ""
        moments = sum(1 for t in cursor.moments if t <= cursor.now)
        return (
            f"{done:3.0f}% of {format_span(total)} │ alert moments {moments}/{len(cursor.moments)}"
            f"{latest}"
        )


class ReplayApp(WarroomApp):
    """The app over recorded history: no poller, read-only runbook, REPLAY in the header."""

    def __init__(
        self, config: Config, cursor: ReplayCursor, options: AppOptions | None = None
    ) -> None:
        sources = SourceSet(info=cursor.sources.info, metric_sources=cursor.sources.metric_sources)
        base = options or AppOptions()
        super().__init__(
            config,
            sources,
            clock=cursor.clock,
            poll=False,
            options=AppOptions(read_only=True, theme=base.theme, compact=base.compact),
        )
        self.cursor = cursor
        self.dashboard = cursor.dashboard
        self.mode = mode_text(cursor)
        self.history_path = cursor.reader.path

    @on(Mount)
    def _replay_mount(self, event: Mount) -> None:
        event.prevent_default()  # the live app's mount would push its own screen and poll
        self.push_screen(ReplayScreen(self.config, self.cursor))
        self.set_interval(1.0 / self.config.ui.max_fps, self.flush)
        self.call_after_refresh(self.moved)

    def moved(self) -> None:
        """Shows the cursor's moment: its dashboard, the header mark and the status line."""
        self.dashboard = self.cursor.dashboard
        self.mode = mode_text(self.cursor)
        screen = self.screen
        if isinstance(screen, ReplayScreen):
            # Drawn directly: the live app's redraw skips frames when no poll arrived.
            frame = self.dashboard.frame(screen.frame_request, self.cursor.now)
            screen.show_dashboard(frame, self.mode)
            screen.query_one("#replay-status", Static).update(screen.status_text())
        else:
            self.flush()


def mode_text(cursor: ReplayCursor) -> str:
    """`REPLAY 11-14 ▶ x60` while playing, `REPLAY 11-14 ❚❚ x60` paused; `SIMULATED REPLAY …`
    over the simulated launch."""
    day = time.strftime("%m-%d", time.localtime(cursor.now))
    state = "▶" if cursor.playing else "❚❚"
    simulated = "SIMULATED " if cursor.reader.simulated else ""
    return f"{simulated}REPLAY {day} {state} x{cursor.speed:g}"


def format_span(seconds: float) -> str:
    hours, rest = divmod(int(seconds), 3600)
    return f"{hours}h{rest // 60:02d}m" if hours else f"{rest // 60}m{rest % 60:02d}s"
