"""The main screen: header, trigger and alert banners, the four tabs, the source bar."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, TabbedContent, TabPane

from warroom.core.config import Config
from warroom.core.frame import DashboardFrame, FrameRequest
from warroom.core.plan import TABS, Tab
from warroom.tui.messages import NeedsRedraw
from warroom.widgets.banners import AlertBanner, TriggerBanner
from warroom.widgets.dashboard_tab import DashboardTab
from warroom.widgets.guard_banner import GuardBanner
from warroom.widgets.header import HeaderView, LaunchHeader
from warroom.widgets.source_bar import SourceBar

TAB_TITLES: dict[Tab, str] = {
    "executive": "1 Executive",
    "engineering": "2 Engineering",
    "product": "3 Product",
    "support": "4 Support",
}


def stage_text(config: Config, pct: float | None) -> str:
    """`Rollout 50% · Open beta (3/4)`, or `Rollout —` before the first reading."""
    if pct is None:
        return "Rollout —"
    stages = [s for s in config.stages if s.pct <= pct + 1e-9]
    if not stages:
        return (
            f"Rollout {pct:g}% · no users on the new version" if pct <= 0 else f"Rollout {pct:g}%"
        )
    stage = stages[-1]
    return f"Rollout {pct:g}% · {stage.label} ({len(stages)}/{len(config.stages)})"


class MainScreen(Screen[None]):
    DEFAULT_CSS = """
    MainScreen { overflow: hidden; }
    MainScreen TabbedContent { height: 1fr; }
    MainScreen ContentSwitcher { height: 1fr; }
    MainScreen TabPane { height: 1fr; padding: 0; }
    """
    # Priority: a focused tile or table must never swallow a tab key. Not in the footer: the
    # tab bar already shows each tab's number, and at 80x24 they pushed `r` and `q` off it.
    BINDINGS = [
        Binding("1", "show_tab('executive')", "Executive", show=False, priority=True),
        Binding("2", "show_tab('engineering')", "Engineering", show=False, priority=True),
        Binding("3", "show_tab('product')", "Product", show=False, priority=True),
        Binding("4", "show_tab('support')", "Support", show=False, priority=True),
        Binding("w", "app.wall", "Wall view"),
    ]

    RUNBOOK_KEY: ClassVar[str | None] = "r"
    """The key the trigger banner offers for the runbook (None: the banner offers none)."""
    HELP_GROUP: ClassVar[str] = "dashboard"
    """How `?` titles this screen's own keys."""

    def __init__(self, config: Config) -> None:
        super().__init__()
        self._config = config
        self.phase_progress = ""
        """The current checklist phase's progress for the header ("Day 7/8"), set by the
        app's checklist watch."""
        self.guard_banner = GuardBanner(id="guard")
        """The automatic rollback's banner; `tui.autorollback` feeds it, not the frame."""

    def compose(self) -> ComposeResult:
        # The parts are kept as attributes: querying the DOM on every refresh costs real CPU.
        self._header = LaunchHeader(id="header")
        self._triggers = TriggerBanner(
            units={m.id: m.unit for m in self._config.metrics},
            runbook_key=self.RUNBOOK_KEY,
            id="triggers",
        )
        self._alerts = AlertBanner(id="alerts")
        self._tabs = TabbedContent(id="tabs")
        self._panes = {
            tab: DashboardTab(tab, self._config.metrics_on(tab), eager=tab == TABS[0])
            for tab in TABS
        }
        self._source_bar = SourceBar(id="sources")
        yield self._header
        yield self._triggers
        yield self.guard_banner
        yield self._alerts
        with self._tabs:
            for tab in TABS:
                with TabPane(TAB_TITLES[tab], id=tab):
                    yield self._panes[tab]
        yield self._source_bar
        yield Footer()

    def on_mount(self) -> None:
        self.post_message(NeedsRedraw())

    def on_screen_resume(self) -> None:
        self.post_message(NeedsRedraw())

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        pane = self._panes.get(self.active_tab)
        building = pane.ensure_built() if pane is not None else None
        if building is not None:
            await building
        self.post_message(NeedsRedraw())

    def action_show_tab(self, tab: str) -> None:
        if self._tabs.active == tab:
            return
        # A focused widget in the pane being hidden would pull its pane back into view
        # (TabbedContent follows focus), so focus leaves it first.
        self.set_focus(None)
        self._tabs.active = tab

    @property
    def active_tab(self) -> Tab:
        active = self._tabs.active
        return next((t for t in TABS if t == active), "executive")

    @property
    def frame_request(self) -> FrameRequest:
        """The visible tab only: hidden tiles cost nothing."""
        return FrameRequest(tabs=(self.active_tab,))

    def show_dashboard(self, frame: DashboardFrame, mode: str, guard: str = "") -> None:
        """Hands each part its share of the frame; each redraws only what changed."""
        if not self._header.is_attached:
            return  # the screen is being torn down while a refresh tick was queued
        self._header.show(
            HeaderView(
                launch=frame.launch,
                stage=stage_text(self._config, frame.rollout_pct),
                status=frame.overall,
                rollback=frame.rollback,
                clock=frame.now,
                mode=mode,
                rollout=frame.rollout,
                blind=tuple(dict.fromkeys(b.label for b in frame.blind)),
                phase=self.phase_progress,
                guard=guard,
            )
        )
        self._triggers.show_triggers(frame.triggers)
        self._alerts.show_alerts(frame.alerts)
        for tab, tiles in frame.tiles.items():
            pane = self._panes[tab]
            pane.show_metrics(tiles)
            pane.show_records(frame.records)
        self._source_bar.show(frame.sources, frame.now)
