"""One dashboard tab: the plan's tiles for the tab, then the record tables that belong there."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import AwaitMount
from textual.widgets import Label

from warroom.core.dashboard import MetricView
from warroom.core.model import Issue, Monitor, SlowOp
from warroom.core.plan import MetricDef, Tab
from warroom.widgets.issue_table import IssueTable
from warroom.widgets.record_tables import MonitorTable, SlowOpsTable
from warroom.widgets.tile import MetricTile
from warroom.widgets.tile_grid import TileGrid

TOP_ISSUES = 5


class DashboardTab(VerticalScroll):
    DEFAULT_CSS = """
    DashboardTab { height: 1fr; }
    DashboardTab .panel-title { margin-top: 1; text-style: bold; color: $foreground-darken-1; }
    DashboardTab .-empty { display: none; }
    DashboardTab #top-issues { height: 6; }
    DashboardTab #slow-ops { height: 6; }
    """

    def __init__(
        self, tab: Tab, metrics: Sequence[MetricDef], *, simulated: bool, eager: bool = False
    ) -> None:
        super().__init__(id=f"dash-{tab}")
        self.tab = tab
        self._metrics = list(metrics)
        self._simulated = simulated
        self._tiles: dict[str, MetricTile] = {}
        self._built = eager
        self._grid = TileGrid()

    def compose(self) -> ComposeResult:
        with self._grid:
            if self._built:
                yield from self._make_tiles()
        if self.tab == "engineering":
            yield Label("Monitors", classes="panel-title monitors -empty")
            yield MonitorTable(id="monitors", classes="-empty")
            yield Label("Slow database operations", classes="panel-title slow-ops -empty")
            yield SlowOpsTable(id="slow-ops", classes="-empty")
            yield Label(f"Top {TOP_ISSUES} issues", classes="panel-title top-issues -empty")
            yield IssueTable(limit=TOP_ISSUES, id="top-issues", classes="-empty")
        if self.tab == "support":
            yield Label("User issues", classes="panel-title issues -empty")
            yield IssueTable(id="issues", classes="-empty")

    def _make_tiles(self) -> list[MetricTile]:
        for metric in self._metrics:
            self._tiles[metric.id] = MetricTile(metric.id, metric.label, simulated=self._simulated)
        return list(self._tiles.values())

    def ensure_built(self) -> AwaitMount | None:
        """Mounts the tiles the first time the tab is shown. Composing every tab's tiles up
        front was most of the start-up time, and hidden tiles are never drawn anyway.

        Returns:
            An awaitable for the mount, or None when the tiles already exist.
        """
        if self._built:
            return None
        self._built = True
        return self._grid.mount_all(self._make_tiles())

    def show_metrics(self, views: Sequence[MetricView]) -> None:
        for view in views:
            tile = self._tiles.get(view.metric.id)
            if tile is not None:
                tile.show(view)

    def show_records(
        self,
        issues: Sequence[Issue] | None,
        monitors: Sequence[Monitor] | None,
        slow_ops: Sequence[SlowOp] | None,
    ) -> None:
        """Each argument None means no source reports that kind: its panel stays hidden."""
        if self.tab == "engineering":
            if self._panel("monitors", monitors is not None) and monitors is not None:
                self.query_one("#monitors", MonitorTable).show_monitors(monitors)
            if self._panel("slow-ops", slow_ops is not None) and slow_ops is not None:
                self.query_one("#slow-ops", SlowOpsTable).show_ops(slow_ops)
            if self._panel("top-issues", issues is not None) and issues is not None:
                self.query_one("#top-issues", IssueTable).show_issues(issues)
        if (
            self.tab == "support"
            and self._panel("issues", issues is not None)
            and issues is not None
        ):
            self.query_one("#issues", IssueTable).show_issues(issues)

    def _panel(self, name: str, shown: bool) -> bool:
        self.query_one(f"#{name}").set_class(not shown, "-empty")
        self.query_one(f".{name}", Label).set_class(not shown, "-empty")
        return shown

    def tile(self, metric_id: str) -> MetricTile:
        return self._tiles[metric_id]
