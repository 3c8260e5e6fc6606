"""A grid of tiles whose column count follows the terminal width."""

from __future__ import annotations

from textual.containers import Grid
from textual.events import Resize

TILE_MIN_WIDTH = 26


class TileGrid(Grid):
    DEFAULT_CSS = """
    TileGrid { grid-size: 4; grid-gutter: 0 1; height: auto; grid-rows: 5; }
    """

    def on_resize(self, event: Resize) -> None:
        columns = max(1, event.size.width // TILE_MIN_WIDTH)
        if self.styles.grid_size_columns != columns:
            self.styles.grid_size_columns = columns
