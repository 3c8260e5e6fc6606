"""A number in Textual's three-row `Digits`, one widget per character.

A refresh repaints whole widgets, so one `Digits` for "1.31%" would re-send all five
characters when only the last moved. One per character re-sends just the cells that changed:
the wall view stays cheap on a slow link while its numbers tick.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Digits

CELLS = 12
"""Characters shown at most; a longer text ends in "…" (formatted values are far shorter)."""


class BigNumber(Horizontal):
    DEFAULT_CSS = """
    BigNumber { height: 3; width: auto; }
    BigNumber > Digits { width: auto; }
    BigNumber > .-unused { display: none; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._cells = [Digits("", classes="-unused") for _ in range(CELLS)]
        self._text = ""

    def compose(self) -> ComposeResult:
        yield from self._cells

    @property
    def text(self) -> str:
        """What the number shows now."""
        return self._text

    def show(self, text: str) -> None:
        """Shows `text`, updating only the characters that changed."""
        if len(text) > CELLS:
            text = text[: CELLS - 1] + "…"
        if text == self._text:
            return
        for index, cell in enumerate(self._cells):
            char = text[index] if index < len(text) else ""
            if cell.value != char:
                cell.update(char)
            cell.set_class(not char, "-unused")
        self._text = text
