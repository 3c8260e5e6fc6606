"""A DataTable kept in sync with a dict of rows by key: add, update, remove, never clear().

Clearing would reset the cursor and scroll position under the operator's hands; diffing by
key keeps both, and only the changed cells are redrawn.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

Cell = str | Text


class KeyedTable(DataTable[Cell]):
    DEFAULT_CSS = """
    /* A fixed height: a table that grew with each new row would shift the layout and make
       Textual repaint the whole scrolling tab (~50 KB) every time. It scrolls inside. */
    KeyedTable { height: 12; }
    """
    COLUMNS: Sequence[tuple[str, str]] = ()
    """(key, label) of each column, in order."""

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

    def row_cells(self, key: str) -> tuple[Cell, ...]:
        """The cells last synced for `key`. Raises KeyError for an unknown key."""
        return self._rows[key]

    def key_at_cursor(self) -> str | None:
        if not self._rows or self.cursor_row < 0:
            return None
        row_key: RowKey = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return row_key.value
