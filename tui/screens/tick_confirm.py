"""Confirming a tick or an un-tick: the runbook's confirmation (type `yes` and Enter, Escape
cancels) with one more field first, an optional note that goes into the audit record."""

from __future__ import annotations

from collections.abc import Sequence

from textual.containers import Vertical
from textual.widgets import Input

from warroom.tui.screens.confirm import ConfirmScreen

NOTE_PLACEHOLDER = "optional note (evidence, a link) · Enter moves on"


class TickConfirmScreen(ConfirmScreen):
    """Dismisses True only after `yes` + Enter; `note` then holds what was typed as a note."""

    DEFAULT_CSS = """
    TickConfirmScreen > Vertical { border: thick $primary; }
    TickConfirmScreen #heading { color: $primary; }
    """

    def __init__(self, heading: str, lines: Sequence[str], mode: str = "") -> None:
        super().__init__(heading, [(heading.removesuffix("?"), lines)], mode)
        self.note = ""

    def on_mount(self) -> None:
        note = Input(placeholder=NOTE_PLACEHOLDER, id="note", max_length=500)
        self.query_one(Vertical).mount(note, before="#problem")
        self.call_after_refresh(note.focus)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Textual then runs ConfirmScreen's handler too (it checks the answer), unless the
        # default is prevented: Enter in the note field only moves on.
        if event.input.id == "note":
            event.prevent_default()
            event.stop()
            self.query_one("#answer", Input).focus()
            return
        self.note = self.query_one("#note", Input).value
