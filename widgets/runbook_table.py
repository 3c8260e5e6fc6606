"""The runbook's steps by group: key, title, state, and what it does or how it ended."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from warroom.widgets.keyed_table import KeyedTable

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


class RunbookTable(KeyedTable):
    """Rows keyed `group:<id>` and `step:<id>`; selecting one asks to run it."""

    DEFAULT_CSS = """
    RunbookTable { height: 1fr; max-height: 100%; }
    """
    COLUMNS = (("key", "Key"), ("step", "Step"), ("state", "State"), ("detail", "Action / result"))
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Run selected", show=True)
    ]
