"""A grid of tiles that fills its tab: columns follow the width, rows share the free height.

Arrow keys move the focus between tiles in the grid's own order (row by row).
"""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Grid
from textual.css.scalar import Scalar
from textual.widget import Widget

TILE_MIN_WIDTH = 26
TILE_MIN_HEIGHT = 5
"""Border, value, one sparkline row, target: below this a tile loses a line."""
COMPACT_MIN_WIDTH = 38
"""A compact tile is one line, label first, so it wants more width and no height."""


def grid_shape(tiles: int, width: int, compact: bool) -> tuple[int, int]:
    """(columns, minimum height) of the grid for `tiles` tiles in `width` cells: each row at
    least TILE_MIN_HEIGHT; past that the tab scrolls."""
    columns = max(1, width // (COMPACT_MIN_WIDTH if compact else TILE_MIN_WIDTH))
    rows = max(1, -(-tiles // columns))
    return columns, rows * (1 if compact else TILE_MIN_HEIGHT)


class TileGrid(Grid):
    SCOPED_CSS = False  # the compact rule selects on the app's `-compact` class
    DEFAULT_CSS = """
    /* 1fr: the grid takes the rows its tab's tables leave, in the first layout already, and
       its rows share them; its minimum height (set by `fit`) makes a full tab scroll. */
    TileGrid { grid-size: 4; grid-gutter: 0 1; height: 1fr; min-height: 5; grid-rows: 1fr; }
    .-compact TileGrid { grid-gutter: 0 2; height: auto; min-height: 0; grid-rows: 1; }
    """
    BINDINGS = [
        Binding("left", "move(0, -1)", "Tile to the left", show=False),
        Binding("right", "move(0, 1)", "Tile to the right", show=False),
        Binding("up", "move(-1, 0)", "Tile above", show=False),
        Binding("down", "move(1, 0)", "Tile below", show=False),
    ]

    def fit(self, width: int, tiles: int | None = None) -> None:
        """Sizes the grid's columns for `width` cells and its minimum height for its rows, for
        its tiles or the `tiles` about to be mounted."""
        compact = any(node.has_class("-compact") for node in self.ancestors)
        count = len(self.children) if tiles is None else tiles
        columns, least = grid_shape(count, width, compact)
        if self.styles.grid_size_columns != columns:
            self.styles.grid_size_columns = columns
        if not compact and self.styles.min_height != Scalar.from_number(least):
            self.styles.min_height = least

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
