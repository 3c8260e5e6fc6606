"""The main screen: header, trigger and alert banners, the four tabs, the source bar."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, TabbedContent, TabPane

from warroom.core.config import Config
from warroom.core.dashboard import Dashboard
from warroom.core.plan import TABS, Tab
from warroom.tui.messages import NeedsRedraw
from warroom.widgets.banners import AlertBanner, TriggerBanner
from warroom.widgets.dashboard_tab import DashboardTab
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
    BINDINGS = [
        Binding("1", "show_tab('executive')", "Executive"),
        Binding("2", "show_tab('engineering')", "Engineering"),
        Binding("3", "show_tab('product')", "Product"),
        Binding("4", "show_tab('support')", "Support"),
    ]

    def __init__(self, config: Config, *, simulated: bool) -> None:
        super().__init__()
        self._config = config
        self._simulated = simulated
        self.phase_progress = ""
        """The current checklist phase's progress for the header ("Day 7/8"), set by the
        app's checklist watch."""

    def compose(self) -> ComposeResult:
        # The parts are kept as attributes: querying the DOM on every refresh costs real CPU.
        self._header = LaunchHeader(id="header")
        self._triggers = TriggerBanner(id="triggers")
        self._alerts = AlertBanner(id="alerts")
        self._tabs = TabbedContent(id="tabs")
        self._panes = {
            tab: DashboardTab(
                tab, self._config.metrics_on(tab), simulated=self._simulated, eager=tab == TABS[0]
            )
            for tab in TABS
        }
        self._source_bar = SourceBar(id="sources")
        yield self._header
        yield self._triggers
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
        self._tabs.active = tab

    @property
    def active_tab(self) -> Tab:
        active = self._tabs.active
        return next((t for t in TABS if t == active), "executive")

    def show_dashboard(self, dashboard: Dashboard, now: float, mode: str) -> None:
        """Redraws what changed, for the visible tab only (hidden tiles cost nothing)."""
        if not self._header.is_attached:
            return  # the screen is being torn down while a refresh tick was queued
        tab = self.active_tab
        triggers = dashboard.triggers(now)
        self._header.show(
            HeaderView(
                launch=self._config.launch.name,
                stage=stage_text(self._config, dashboard.rollout_pct()),
                status=dashboard.overall(now),
                rollback=bool(triggers),
                clock=now,
                mode=mode,
                phase=self.phase_progress,
            )
        )
        self._triggers.show_triggers(triggers)
        self._alerts.show_alerts(dashboard.alerts(now))
        pane = self._panes[tab]
        pane.show_metrics(dashboard.views(tab, now))
        pane.show_records(
            dashboard.issues() if dashboard.reports("issues") else None,
            dashboard.monitors() if dashboard.reports("monitors") else None,
            dashboard.slow_ops() if dashboard.reports("slow_ops") else None,
        )
        self._source_bar.show(dashboard.health(), now)
