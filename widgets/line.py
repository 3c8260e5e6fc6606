"""A one-line Static that only refreshes, and only relayouts, when it must."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class Line(Static):
    """A Static that skips the refresh when its text has not changed.

    A relayout of the screen is most of the CPU cost of a refresh; it is only needed when the
    line sizes itself to its text (auto width) and the text's length changed.
    """

    _last_text: str | None = None

    def set_text(self, text: str | Text) -> bool:
        """Shows `text` (plain or styled). Returns True when it changed."""
        plain = text.plain if isinstance(text, Text) else text
        if plain == self._last_text:
            return False
        width = self.styles.width
        sized_by_text = width is None or width.is_auto
        grew = self._last_text is None or len(plain) != len(self._last_text)
        self._last_text = plain
        self.update(text, layout=sized_by_text and grew)
        return True

    @property
    def text(self) -> str:
        """What the line shows now (empty before the first update)."""
        return self._last_text or ""
