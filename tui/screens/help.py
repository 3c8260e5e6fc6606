"""`?`: every key, generated from the bindings themselves so the help cannot drift."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def binding_rows(groups: Sequence[tuple[str, Iterable[BindingType]]]) -> list[tuple[str, str, str]]:
    """(where, keys, description) for every binding with a description."""
    rows = []
    for where, bindings in groups:
        for item in bindings:
            if not isinstance(item, Binding):
                continue
            description = item.description or item.tooltip
            if description:
                rows.append((where, item.key_display or item.key.replace(",", ", "), description))
    return rows


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close help"),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 80; max-width: 100%; height: auto; max-height: 90%;
                                 border: round $accent; background: $surface; padding: 0 1; }
    """

    def __init__(self, groups: Sequence[tuple[str, Iterable[BindingType]]]) -> None:
        super().__init__()
        self._rows = binding_rows(groups)

    def compose(self) -> ComposeResult:
        table = Table(box=None, expand=True, show_header=True, header_style="bold")
        table.add_column("Where")
        table.add_column("Key")
        table.add_column("Does")
        for row in self._rows:
            table.add_row(*row)
        with VerticalScroll():
            yield Static("warroom keys (every action is also in the command palette, ctrl+p)")
            yield Static(table)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
