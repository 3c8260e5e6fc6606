"""One dashboard tab: the plan's tiles for the tab, then the record tables that belong there.

The tiles share whatever height the shown tables leave (the grid is 1fr, see `TileGrid`), so a
tab with few tiles fills the screen instead of leaving its lower half empty.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import AwaitMount, Widget
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
        self._behind: dict[MetricTile, MetricView] = {}
        """Out-of-view tiles and the newest view they have not drawn."""
        self._records: Records | None = None
        self._filled: set[KeyedTable] = set()
        self._stale_tables: set[KeyedTable] = set()
        """Out-of-view tables that have not drawn the newest records."""
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
        if self._behind or self._stale_tables:
            self.call_after_refresh(self._catch_up)

    def show_metrics(self, views: Sequence[MetricView]) -> None:
        """Draws each tile in view; a tile scrolled out of view keeps its newest view for when
        it scrolls back (`_catch_up`). Drawing it would cost the layout of the whole screen:
        Textual rebuilds its map of every widget when one it does not show is refreshed."""
        for view in views:
            tile = self._tiles.get(view.metric.id)
            if tile is None:
                continue
            if tile.drawn and not self._in_view(tile):
                self._behind[tile] = view
            else:
                self._behind.pop(tile, None)
                tile.show(view)

    def show_records(self, records: Records) -> None:
        """Shows each panel whose kind some source reports, with its rows; hides the others.
        A table out of view is filled when it scrolls into view, as tiles are."""
        self._records = records
        for spec, title, table in self._panels:
            shown = records.reported(spec.kind)
            table.set_class(not shown, HIDDEN)
            title.set_class(not shown, HIDDEN)
            if not shown:
                continue
            if table in self._filled and not self._in_view(table):
                self._stale_tables.add(table)
            else:
                self._stale_tables.discard(table)
                self._filled.add(table)
                fill(table, records)

    def _in_view(self, widget: Widget) -> bool:
        """Whether any row of `widget` is inside the scrolled window, from the layout and
        `scroll_y` alone. The compositor's set of visible widgets (what `can_view_partial`
        reads) is only rebuilt on the screen's next update, so just after a scroll it can
        still describe the old window, and a tile that scrolled in would stay behind."""
        if not widget.display:
            return False
        top = 0
        node: Widget = widget
        while node is not self:
            top += node.virtual_region.y
            parent = node.parent
            if not isinstance(parent, Widget):
                return False
            node = parent
        window = self.scrollable_content_region.height
        return top < self.scroll_y + window and top + widget.outer_size.height > self.scroll_y

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self._behind or self._stale_tables:
            self._catch_up()

    def _catch_up(self) -> None:
        """Draws what scrolled (or grew) into view since its last update."""
        for tile, view in list(self._behind.items()):
            if self._in_view(tile):
                del self._behind[tile]
                tile.show(view)
        for table in list(self._stale_tables):
            if self._records is not None and self._in_view(table):
                self._stale_tables.discard(table)
                fill(table, self._records)

    def tile(self, metric_id: str) -> MetricTile:
        return self._tiles[metric_id]
