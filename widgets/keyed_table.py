"""A DataTable kept in sync with a dict of rows by key: add, update, remove, never clear().

Clearing would reset the cursor and scroll position under the operator's hands; diffing by
key keeps both, and only the changed cells are redrawn.

Column rule: every column fits its content, except the table's `FLEX` column, which takes the
width the others leave (cut with an ellipsis), so a long issue title can never push the
counts, the last-seen time and the trend off screen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

Cell = str | Text
FLEX_MIN_WIDTH = 12
"""The flex column never gets narrower than this; below it the table scrolls sideways."""


class KeyedTable(DataTable[Cell]):
    DEFAULT_CSS = """
    /* A fixed height: a table that grew with each new row would shift the layout and make
       Textual repaint the whole scrolling tab (~50 KB) every time. It scrolls inside. */
    KeyedTable { height: 12; }
    """
    COLUMNS: Sequence[tuple[str, str]] = ()
    """(key, label) of each column, in order."""
    FLEX: ClassVar[str | None] = None
    """The key of the column that takes the width the others leave; None: all fit content."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=False)
        self._rows: dict[str, tuple[Cell, ...]] = {}

    def on_mount(self) -> None:
        for key, label in self.COLUMNS:
            self.add_column(label, key=key)

    def sync(self, rows: Mapping[str, Sequence[Cell]]) -> None:
        """Makes the table show exactly `rows` (key -> cells), in the given order for new rows."""
        with self.app.batch_update():
            for key in [k for k in self._rows if k not in rows]:
                self.remove_row(key)
                del self._rows[key]
            for key, cells in rows.items():
                new = tuple(cells)
                old = self._rows.get(key)
                if old is None:
                    self.add_row(*new, key=key)
                elif old != new:
                    for (column, _), before, after in zip(self.COLUMNS, old, new, strict=True):
                        if before != after:
                            self.update_cell(key, column, after)
                self._rows[key] = new
        self.fit_columns()

    def on_resize(self) -> None:
        self.fit_columns()

    def fit_columns(self) -> None:
        """Gives the flex column the width the other columns leave, at least FLEX_MIN_WIDTH."""
        flex = self.columns.get(ColumnKey(self.FLEX)) if self.FLEX else None
        if flex is None:
            return
        # Measured from the cells held here: the table measures its own only when idle.
        others = sum(
            self.content_width(index) + 2 * self.cell_padding
            for index, (key, _) in enumerate(self.COLUMNS)
            if key != self.FLEX
        )
        room = self.scrollable_content_region.width - others - 2 * self.cell_padding
        width = max(FLEX_MIN_WIDTH, room)
        if flex.auto_width or flex.width != width:
            flex.auto_width = False
            flex.width = width
            # Textual has no public way to resize a column once added; this flag is what its
            # own add_column and update_cell set to have the table re-measured.
            self._require_update_dimensions = True
            self.refresh()

    def content_width(self, index: int) -> int:
        """The cells the widest entry of column `index` (its label included) takes."""
        widest = cell_len(self.COLUMNS[index][1])
        for cells in self._rows.values():
            cell = cells[index]
            widest = max(widest, cell.cell_len if isinstance(cell, Text) else cell_len(cell))
        return widest

    def row_cells(self, key: str) -> tuple[Cell, ...]:
        """The cells last synced for `key`. Raises KeyError for an unknown key."""
        return self._rows[key]

    def key_at_cursor(self) -> str | None:
        if not self._rows or self.cursor_row < 0:
            return None
        row_key: RowKey = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return row_key.value
