"""The app: composes the screens and routes messages. Logic lives in core/ and widgets/."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from warroom.core.config import Config
from warroom.core.dashboard import Dashboard
from warroom.core.poller import Poller, PollOutcome
from warroom.sources.registry import SourceSet
from warroom.tui import gc_startup
from warroom.tui.appearance import COMPACT_CLASS, Appearance
from warroom.tui.autorollback import AppGuard
from warroom.tui.bell import BellPolicy
from warroom.tui.bell import wanted as bell_wanted
from warroom.tui.checklist_watch import ChecklistWatch
from warroom.tui.frame_pace import FramePace
from warroom.tui.lifecycle import TerminalWatch
from warroom.tui.messages import DashboardView, PollDone
from warroom.tui.options import AppOptions
from warroom.tui.runbook_holder import RunbookHolder
from warroom.tui.screens.help import HelpScreen
from warroom.tui.screens.issue_detail import IssueDetailScreen
from warroom.tui.screens.main import MainScreen
from warroom.tui.screens.too_small import guard_size
from warroom.tui.screens.wall import WallScreen
from warroom.widgets.issue_table import IssueTable
from warroom.widgets.tile import MetricTile
from warroom.widgets.tile_grid import TileGrid


class WarroomApp(App[None]):
    TITLE = "warroom"
    # r and q first: the footer cuts what does not fit at its right end, and at 80x24 those
    # two must always show. f5 is off the footer (still in `?` and the palette).
    BINDINGS = [
        Binding("r", "runbook", "Runbook"),
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("n", "advance", "Next stage"),
        Binding("c", "checklist", "Checklists"),
        Binding("a", "guard_abort", "Abort the automatic rollback's countdown", show=False),
        Binding("A", "guard_rearm", "Re-arm the automatic rollback", show=False),
        Binding("f5", "poll_now", "Poll now", show=False),
        # Ctrl-C quits like `q` but exits 130, as Ctrl-C does everywhere else in warroom.
        Binding("ctrl+c", "quit(130)", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        config: Config,
        sources: SourceSet,
        *,
        clock: Callable[[], float] = time.time,
        poll: bool = True,
        options: AppOptions | None = None,
        observers: Sequence[Callable[[PollOutcome], None]] = (),
    ) -> None:
        super().__init__()
        self.options = options or AppOptions()
        self.observers = list(observers)
        """Called with every poll outcome after the dashboard took it (recorder, collector)."""
        self.on_exit: list[Callable[[], None]] = []
        """Called once polling stopped, while the app unmounts: flush what must survive even
        if the process is ended right after (a lost terminal)."""
        self.config = config
        self.sources = sources
        self.clock = clock
        self.mode = "SIMULATED" if sources.simulated else ""
        self.dashboard = Dashboard(config, sources.info, sources.metric_sources, clock)
        self.poller = Poller(sources.sources, self._outcome, clock=clock)
        self._poll = poll
        self._pace = FramePace()
        self.appearance = Appearance(self)
        self.appearance.select(self.options.theme or config.ui.theme)
        self.terminal_watch = TerminalWatch(self)
        self.runbook = RunbookHolder(self)
        """The rollback runbook, built the first time anything needs it."""
        self.guard = AppGuard(self)
        """The automatic rollback (`[autorollback]`), when it is on."""
        self._bell_policy = BellPolicy()
        self.history_path: Path | None = None
        """The history file that detail charts read long ranges and marks from (set where
        history is recorded or replayed); None: charts show what memory holds."""
        self.checklists = ChecklistWatch(self)
        """The plan's checklists, judged live (see tui/checklist_watch.py)."""

    def on_mount(self) -> None:
        self.set_class(self.options.compact, COMPACT_CLASS)
        self.push_screen(MainScreen(self.config))
        if self.options.wall:
            self.push_screen(WallScreen(self.config))
        guard_size(self, self.size)
        self.appearance.watch()
        self.appearance.report_problems()
        self.terminal_watch.install()
        self.guard.start()
        if self._poll:
            # After the first frame: the first polls (the demo's carries five minutes of
            # baseline) would otherwise be fetched and stored on the way to it.
            self.call_after_refresh(self.poller.start)
        self.set_interval(1.0 / self.config.ui.max_fps, self.flush)
        # After the first frame: a step left "started" by a crashed session must be visible at
        # once, not only when someone happens to open the runbook.
        self.set_timer(1.0, self._warn_unknown_outcomes)
        self.checklists.install()
        self.call_after_refresh(self.flush)
        self.call_after_refresh(gc_startup.resume)  # paused by the entry point until now

    async def on_unmount(self) -> None:
        self.terminal_watch.uninstall()
        await self.poller.stop()
        for hook in self.on_exit:
            hook()
        await self.guard.close()  # after the flush above: a running group may take a while

    def on_resize(self, event: events.Resize) -> None:
        guard_size(self, event.size)

    def _outcome(self, outcome: PollOutcome) -> None:
        self.post_message(PollDone(outcome))

    def on_poll_done(self, message: PollDone) -> None:
        self.dashboard.ingest(message.outcome)
        for observer in self.observers:
            observer(message.outcome)

    def flush(self) -> None:
        """Redraws the visible screen from the dashboard when it is due (`FramePace`); runs
        `ui.max_fps` times a second."""
        now = self.clock()
        screen = self.screen
        if not isinstance(screen, DashboardView):
            return
        request = screen.frame_request
        if not self._pace.due(self.dashboard.generation, now, (id(screen), request)):
            return
        frame = self.dashboard.frame(request, now)
        screen.show_dashboard(frame, self.mode, self.guard.mark)
        started = self._bell_policy.started(frame, self.guard.bell_keys)
        if started and bell_wanted(self.config.ui.bell, isinstance(screen, WallScreen)):
            self.bell()

    # ------------------------------------------------------------------ routing

    def on_needs_redraw(self) -> None:
        self.call_after_refresh(self.redraw)

    def redraw(self) -> None:
        """Draws now, even if no poll arrived since the last draw."""
        self._pace.forget()
        self.flush()

    def on_metric_tile_selected(self, message: MetricTile.Selected) -> None:
        from warroom.tui.screens.detail import DetailScreen  # plotext loads on first use

        screen = DetailScreen(
            message.metric_id, triggers=self.config.triggers, history=self.history_path
        )
        self.push_screen(screen)

    def on_issue_table_opened(self, message: IssueTable.Opened) -> None:
        self.push_screen(IssueDetailScreen(message.issue, self.clock()))

    # ------------------------------------------------------------------ actions

    def action_help(self) -> None:
        from warroom.tui.screens.checklist import ChecklistScreen
        from warroom.tui.screens.detail import DetailScreen
        from warroom.tui.screens.runbook import RunbookScreen

        groups = [
            ("anywhere", self.BINDINGS),
            ("dashboard", MainScreen.BINDINGS),
            *self._screen_keys(),
            ("tile", MetricTile.BINDINGS),
            ("tiles", TileGrid.BINDINGS),
            ("issue table", IssueTable.BINDINGS),
            ("detail views", DetailScreen.BINDINGS),
            ("runbook", RunbookScreen.HELP_BINDINGS),
            ("checklists", ChecklistScreen.HELP_BINDINGS),
        ]
        self.push_screen(HelpScreen(groups))

    def _screen_keys(self) -> list[tuple[str, list[BindingType]]]:
        """The keys of the dashboard screen in use when it adds its own (replay, wall)."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, WallScreen) or (
                isinstance(screen, MainScreen) and type(screen) is not MainScreen
            ):
                return [(screen.HELP_GROUP, list(type(screen).BINDINGS))]
        return []

    async def action_quit(self, code: int = 0) -> None:
        """Quits with exit `code`, but first asks when a runbook step is running (quitting
        would cancel it)."""
        from warroom.tui.screens.quit_running import QuitWhileRunningScreen

        titles = self.runbook.running_titles()
        if not titles:
            self.exit(return_code=code)
            return
        if isinstance(self.screen, QuitWhileRunningScreen):
            return

        async def decided(quit_now: bool | None) -> None:
            if quit_now:
                # Returns once the "finished: cancelled" records are on disk.
                await self.runbook.get().cancel_all()
                self.exit(return_code=code)

        self.push_screen(QuitWhileRunningScreen(titles), decided)

    def action_wall(self) -> None:
        if not isinstance(self.screen, WallScreen):
            self.push_screen(WallScreen(self.config))

    def action_poll_now(self) -> None:
        self.poller.poll_now()

    # The runbook pulls in httpx and the action executors; importing them on first use keeps
    # them off the start-up path (time to first frame).
    def action_runbook(self) -> None:
        from warroom.tui.screens.runbook import RunbookScreen

        if not isinstance(self.screen, RunbookScreen):
            self.push_screen(RunbookScreen(self.runbook.get(), self.runbook.take_problems()))

    def action_advance(self) -> None:
        """The stage gate with its evidence; advances only when it passes and `yes` is typed."""
        from warroom.tui.advance_setup import advance_setup
        from warroom.tui.screens.advance import AdvanceScreen

        if not isinstance(self.screen, AdvanceScreen):
            self.push_screen(AdvanceScreen(advance_setup(self)))

    async def action_guard_abort(self) -> None:
        await self.guard.abort()

    async def action_guard_rearm(self) -> None:
        await self.guard.rearm()

    def action_checklist(self) -> None:
        from warroom.tui.screens.checklist import ChecklistScreen

        if not self.checklists.enabled:
            self.notify("The plan has no [[checklists]].", severity="information")
        elif not self.checklists.installed:
            self.notify(
                "No live checklists here; `warroom report` has them.", severity="information"
            )
        elif not isinstance(self.screen, ChecklistScreen):
            self.push_screen(ChecklistScreen(self.checklists))

    def _warn_unknown_outcomes(self) -> None:
        # Leaves the audit log's problems for the runbook screen (or the recorder) to show.
        unknown = self.runbook.unknown_titles()
        if unknown:
            titles = ", ".join(unknown)
            self.notify(
                f"Runbook: unknown outcome of {titles} (started, never finished). Press r.",
                title="Check by hand",
                severity="warning",
                timeout=60,
            )

    def action_audit_log(self) -> None:
        from warroom.tui.screens.audit_view import AuditViewScreen

        self.push_screen(AuditViewScreen(self.runbook.get().audit))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for tab in ("executive", "engineering", "product", "support"):
            yield SystemCommand(
                f"Show the {tab.title()} tab",
                f"Switch to the {tab} dashboard",
                lambda tab=tab: self._show_tab(tab),
            )
        yield SystemCommand("Wall view", "The big shared screen (w)", self.action_wall)
        yield SystemCommand("Help: list every key", "Open the key reference", self.action_help)
        yield SystemCommand("Poll every source now", "Skip the wait", self.action_poll_now)
        yield SystemCommand("Runbook: rollback steps", "Open the runbook (r)", self.action_runbook)
        yield SystemCommand(
            "Advance the rollout", "Next stage if the gate passes (n)", self.action_advance
        )
        yield SystemCommand("Audit log", "Every runbook attempt", self.action_audit_log)
        yield SystemCommand("Checklists", "The plan's checklists (c)", self.action_checklist)

    def _show_tab(self, tab: str) -> None:
        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        if main is not None:
            main.action_show_tab(tab)
