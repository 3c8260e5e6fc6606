"""Words three rows tall, for the wall view's room-level status ("✖ ROLLBACK", "✓ OK").

Textual's `Digits` draws numbers and a few letters; the status words need the rest. The glyphs
use the same heavy box-drawing strokes as bold `Digits`, so the wall reads as one typeface.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget

GLYPHS: dict[str, tuple[str, str, str]] = {
    "A": ("┏━┓", "┣━┫", "╹ ╹"),
    "B": ("┳━┓", "┣━┫", "┻━┛"),
    "C": ("┏━╸", "┃  ", "┗━╸"),
    "D": ("┳━┓", "┃ ┃", "┻━┛"),
    "E": ("┏━╸", "┣━ ", "┗━╸"),
    "I": ("╺┳╸", " ┃ ", "╺┻╸"),
    "K": ("╻┏┛", "┣┫ ", "╹┗┓"),
    "L": ("╻  ", "┃  ", "┗━╸"),
    "N": ("┏┓╻", "┃┃┃", "╹┗┛"),
    "O": ("┏━┓", "┃ ┃", "┗━┛"),
    "R": ("┏━┓", "┣┳┛", "╹┗╸"),
    "S": ("┏━╸", "┗━┓", "╺━┛"),
    "T": ("╺┳╸", " ┃ ", " ╹ "),
    "W": ("╻ ╻", "┃┃┃", "┗┻┛"),
    " ": (" ", " ", " "),
    "✓": ("   ", "  ╱", "╲╱ "),
    "✖": ("╲ ╱", " ╳ ", "╱ ╲"),
    "▲": (" ▗▖ ", "▗██▖", "████"),
    "◷": ("╭┬╮", "│╰┤", "╰─╯"),
    "◌": ("╭┄╮", "┆ ┆", "╰┄╯"),
    "·": ("   ", " ▪ ", "   "),
}
HEIGHT = 3


def big_rows(text: str) -> tuple[str, str, str]:
    """`text` in the three-row font, one column between glyphs. A character the font lacks
    is drawn as itself on the middle row, so nothing is silently dropped."""
    rows: list[list[str]] = [[], [], []]
    for char in text.upper():
        glyph = GLYPHS.get(char, (" ", char, " "))
        for row, part in zip(rows, glyph, strict=True):
            row.append(part)
    top, middle, bottom = (" ".join(row) for row in rows)
    return top, middle, bottom


def big_width(text: str) -> int:
    """The cells `big_rows(text)` takes."""
    return len(big_rows(text)[0])


class BigText(Widget):
    """A word three rows tall, centred; falls back to plain text when the width is too small
    for the big glyphs (a status must never be cut to a fragment of a letter)."""

    DEFAULT_CSS = """
    BigText { height: 3; width: 1fr; }
    """

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = text

    @property
    def text(self) -> str:
        return self._text

    def update(self, text: str) -> None:
        """Shows `text`; a repeated text costs nothing."""
        if text != self._text:
            self._text = text
            self.refresh()

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        row = y - max(0, height - HEIGHT) // 2  # centred in a taller widget
        if big_width(self._text) <= width:
            line = big_rows(self._text)[row] if 0 <= row < HEIGHT else ""
        else:
            line = self._text if row == 1 else ""
        return Strip([Segment(line.center(width)[:width], self.rich_style)], width)
