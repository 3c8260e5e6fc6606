"""One dashboard tab: the plan's tiles for the tab, then the record tables that belong there.

The tiles share whatever height the shown tables leave (the grid is 1fr, see `TileGrid`), so a
tab with few tiles fills the screen instead of leaving its lower half empty.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import AwaitMount
from textual.widgets import Label

from warroom.core.frame import MetricView, Records
from warroom.core.plan import MetricDef, Tab
from warroom.widgets.keyed_table import KeyedTable
from warroom.widgets.record_panels import HIDDEN, PANELS, PanelSpec, fill, make_table, make_title
from warroom.widgets.tile import MetricTile
from warroom.widgets.tile_grid import TileGrid


class DashboardTab(VerticalScroll):
    DEFAULT_CSS = """
    DashboardTab { height: 1fr; }
    DashboardTab .panel-title { margin-top: 1; text-style: bold; color: $foreground-darken-1; }
    DashboardTab .-empty { display: none; }
    DashboardTab #top-issues { height: 6; }
    DashboardTab #slow-ops { height: 6; }
    """

    def __init__(
        self,
        tab: Tab,
        metrics: Sequence[MetricDef],
        *,
        eager: bool = False,
        panels: Sequence[PanelSpec] | None = None,
    ) -> None:
        """`panels` defaults to the tab's row of `PANELS`."""
        super().__init__(id=f"dash-{tab}")
        self.tab = tab
        self._metrics = list(metrics)
        self._tiles: dict[str, MetricTile] = {}
        self._built = eager
        self._grid = TileGrid()
        # Kept as attributes: querying the DOM for them on every refresh costs real CPU.
        self._panels: list[tuple[PanelSpec, Label, KeyedTable]] = [
            (spec, make_title(spec), make_table(spec))
            for spec in (PANELS.get(tab, ()) if panels is None else panels)
        ]

    def compose(self) -> ComposeResult:
        with self._grid:
            if self._built:
                yield from self._make_tiles()
        for _, title, table in self._panels:
            yield title
            yield table

    def _make_tiles(self) -> list[MetricTile]:
        for metric in self._metrics:
            self._tiles[metric.id] = MetricTile(metric.id, metric.label)
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
        tiles = self._make_tiles()
        # Shaped before the tiles arrive, from the screen's width while this tab is not laid
        # out yet: shaping it after would lay out and repaint the whole tab a second time.
        width = self.scrollable_content_region.width or self.screen.size.width
        self._grid.fit(width, len(tiles))
        return self._grid.mount_all(tiles)

    def on_resize(self) -> None:
        self._grid.fit(self.scrollable_content_region.width)

    def show_metrics(self, views: Sequence[MetricView]) -> None:
        for view in views:
            tile = self._tiles.get(view.metric.id)
            if tile is not None:
                tile.show(view)

    def show_records(self, records: Records) -> None:
        """Shows each panel whose kind some source reports, with its rows; hides the others."""
        for spec, title, table in self._panels:
            shown = records.reported(spec.kind)
            table.set_class(not shown, HIDDEN)
            title.set_class(not shown, HIDDEN)
            if shown:
                fill(table, records)

    def tile(self, metric_id: str) -> MetricTile:
        return self._tiles[metric_id]
