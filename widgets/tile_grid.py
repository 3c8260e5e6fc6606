"""A grid of tiles that fills its tab: columns follow the width, rows share the free height.

Arrow keys move the focus between tiles in the grid's own order (row by row).
"""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Grid
from textual.widget import Widget

TILE_MIN_WIDTH = 26
TILE_MIN_HEIGHT = 5
"""Border, value, one sparkline row, target: below this a tile loses a line."""
COMPACT_MIN_WIDTH = 38
"""A compact tile is one line, label first, so it wants more width and no height."""


def grid_shape(tiles: int, width: int, free_height: int, compact: bool) -> tuple[int, int]:
    """(columns, row height) for `tiles` tiles in `width` cells with `free_height` rows to
    share. Rows grow to share the free height, never below the minimum (the tab scrolls)."""
    columns = max(1, width // (COMPACT_MIN_WIDTH if compact else TILE_MIN_WIDTH))
    if compact:
        return columns, 1
    rows = max(1, -(-tiles // columns))
    return columns, max(TILE_MIN_HEIGHT, free_height // rows)


class TileGrid(Grid):
    SCOPED_CSS = False  # the compact rule selects on the app's `-compact` class
    DEFAULT_CSS = """
    TileGrid { grid-size: 4; grid-gutter: 0 1; height: auto; grid-rows: 5; }
    .-compact TileGrid { grid-gutter: 0 2; grid-rows: 1; }
    """
    BINDINGS = [
        Binding("left", "move(0, -1)", "Tile to the left", show=False),
        Binding("right", "move(0, 1)", "Tile to the right", show=False),
        Binding("up", "move(-1, 0)", "Tile above", show=False),
        Binding("down", "move(1, 0)", "Tile below", show=False),
    ]

    def fit(self, width: int, free_height: int) -> None:
        """Sizes the grid for `width` cells and `free_height` rows of its tab."""
        compact = any(node.has_class("-compact") for node in self.ancestors)
        columns, height = grid_shape(len(self.children), width, free_height, compact)
        if self.styles.grid_size_columns != columns:
            self.styles.grid_size_columns = columns
        if compact:
            return
        if self.row_height != height:
            self.styles.grid_rows = str(height)
        # A fixed height, not 1fr: a grid whose children all have a fractional height takes
        # the whole height of its container, however short its rows are.
        for tile in self.children:
            now = tile.styles.height
            if now is None or not now.is_cells or now.value != height:
                tile.styles.height = height

    @property
    def row_height(self) -> int:
        """The height of each row of tiles now."""
        rows = self.styles.grid_rows
        return int(rows[0].value) if rows else TILE_MIN_HEIGHT

    def action_move(self, rows: int, columns: int) -> None:
        """Focuses the tile `rows` down and `columns` right of the focused one. Down from the
        last row goes on to the tables under the grid."""
        tiles: list[Widget] = [w for w in self.children if w.display and w.focusable]
        focused = self.screen.focused
        if focused not in tiles:
            return
        assert focused is not None
        width = self.styles.grid_size_columns or 1
        here = tiles.index(focused)
        target = here + rows * width + columns
        if columns and target // width != here // width:
            return  # left and right stay on their row
        last_row = (len(tiles) - 1) // width
        if 0 <= target < len(tiles):
            tiles[target].focus()
        elif rows > 0 and here // width < last_row:
            tiles[-1].focus()  # the row below is shorter
        elif rows > 0:
            self._focus_after(tiles[-1])

    def _focus_after(self, last: Widget) -> None:
        chain = self.screen.focus_chain
        after = chain[chain.index(last) + 1 :] if last in chain else []
        below = next((w for w in after if self not in w.ancestors), None)
        if below is not None:
            below.focus()
