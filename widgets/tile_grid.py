"""A grid of tiles whose column count follows the terminal width."""

from __future__ import annotations

from textual.containers import Grid
from textual.events import Resize

TILE_MIN_WIDTH = 26
COMPACT_MIN_WIDTH = 38
"""A compact tile is one line, label first, so it wants more width and no height."""


class TileGrid(Grid):
    SCOPED_CSS = False  # the compact rule selects on the app's `-compact` class
    DEFAULT_CSS = """
    TileGrid { grid-size: 4; grid-gutter: 0 1; height: auto; grid-rows: 5; }
    .-compact TileGrid { grid-gutter: 0 2; grid-rows: 1; }
    """

    def on_resize(self, event: Resize) -> None:
        compact = any(node.has_class("-compact") for node in self.ancestors)
        columns = max(1, event.size.width // (COMPACT_MIN_WIDTH if compact else TILE_MIN_WIDTH))
        if self.styles.grid_size_columns != columns:
            self.styles.grid_size_columns = columns
