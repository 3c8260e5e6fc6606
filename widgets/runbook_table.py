"""The runbook's steps by group: key, title, state, and what it does or how it ended."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message

from warroom.widgets.keyed_table import Cell, KeyedTable

# Symbol and word, so a state never depends on colour alone.
STATE_LABEL = {
    "pending": "○ pending",
    "running": "▶ RUNNING",
    "done": "✓ done",
    "failed": "✖ FAILED",
    "cancelled": "⊘ cancelled",
    "unknown outcome": "? UNKNOWN OUTCOME",
    "dry run": "~ dry run",
}


def state_label(state: str) -> str:
    return STATE_LABEL.get(state, state)


@dataclass(frozen=True, slots=True)
class GroupRow:
    """A group's row: choosing it runs the group's remaining steps."""

    group_id: str

    @property
    def key(self) -> str:
        return f"group:{self.group_id}"


@dataclass(frozen=True, slots=True)
class StepRow:
    """One step's row: choosing it runs that step."""

    step_id: str

    @property
    def key(self) -> str:
        return f"step:{self.step_id}"


RowId = GroupRow | StepRow
"""Which row. Its `key` is only the DataTable's string for it: a group and a step may share
an id, so the kinds keep apart there; nothing reads a key back but `row_id`."""


class RunbookTable(KeyedTable):
    """One row per group and per step; choosing one posts `Chosen` with its `RowId`."""

    DEFAULT_CSS = """
    RunbookTable { height: 1fr; max-height: 100%; }
    """
    COLUMNS = (("key", "Key"), ("step", "Step"), ("state", "State"), ("detail", "Action / result"))
    FLEX = "detail"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select_cursor", "Run", show=True)]

    class Chosen(Message):
        """The operator chose a row (Enter or a click): run that group or step."""

        def __init__(self, row: RowId) -> None:
            super().__init__()
            self.row = row

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._ids: dict[str, RowId] = {}

    def show_rows(self, rows: Mapping[RowId, Sequence[Cell]]) -> None:
        """Makes the table show exactly `rows`, in order; only changed cells are redrawn."""
        self._ids = {row.key: row for row in rows}
        self.sync({row.key: cells for row, cells in rows.items()})

    def row_id(self, key: str | None) -> RowId | None:
        """The row shown under this DataTable key, or None for a key it does not show."""
        return self._ids.get(key) if key is not None else None

    def id_at_cursor(self) -> RowId | None:
        return self.row_id(self.key_at_cursor())

    def on_data_table_row_selected(self, event: KeyedTable.RowSelected) -> None:
        event.stop()
        row = self.row_id(event.row_key.value)
        if row is not None:
            self.post_message(self.Chosen(row))
