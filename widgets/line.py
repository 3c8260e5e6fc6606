"""A one-line Static that only refreshes, and only relayouts, when it must."""

from __future__ import annotations

from typing import Self

from rich.cells import cell_len
from rich.text import Span, Text
from textual.geometry import Region
from textual.widgets import Static

Spans = tuple[Span, ...]


def changed_columns(old: str, new: str) -> tuple[int, int] | None:
    """[start, end) of the characters that differ between two texts of the same length in
    single-cell characters, or None when they are not comparable that way."""
    if len(old) != len(new) or cell_len(old) != len(old) or cell_len(new) != len(new):
        return None
    start = next((x for x in range(len(new)) if old[x] != new[x]), None)
    if start is None:
        return None
    end = next(x for x in range(len(new), 0, -1) if old[x - 1] != new[x - 1])
    return start, end


class Line(Static):
    """A Static that skips the refresh when its text has not changed.

    A relayout of the screen is most of the CPU cost of a refresh; it is only needed when the
    line sizes itself to its text (auto width) and the text's length changed. When a
    left-aligned line keeps its length and its styles, only the characters that changed are
    repainted (the clock re-sends its seconds, not the line).
    """

    _last_text: str | None = None
    _last_spans: Spans = ()
    _only: Region | None = None

    def set_text(self, text: str | Text) -> bool:
        """Shows `text` (plain or styled). Returns True when it changed."""
        plain = text.plain if isinstance(text, Text) else text
        if plain == self._last_text:
            return False
        spans: Spans = tuple(text.spans) if isinstance(text, Text) else ()
        width = self.styles.width
        sized_by_text = width is None or width.is_auto
        old = self._last_text
        grew = old is None or len(plain) != len(old)
        self._only = None if old is None or spans != self._last_spans else self._span(old, plain)
        self._last_text, self._last_spans = plain, spans
        self.update(text, layout=sized_by_text and grew)
        return True

    def _span(self, old: str, new: str) -> Region | None:
        """The part of the line to repaint for `old` -> `new`; None: all of it."""
        columns = changed_columns(old, new)
        aligned = self.styles.text_align in ("left", "start") and not self.styles.gutter.left
        if columns is None or not aligned or len(new) > self.content_size.width:
            return None
        return Region(columns[0], 0, columns[1] - columns[0], 1)

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        # `update` asks for a whole repaint; `set_text` may have found a smaller one.
        only, self._only = self._only, None
        if only is not None and not regions and repaint and not layout and not recompose:
            regions = (only,)
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    @property
    def text(self) -> str:
        """What the line shows now (empty before the first update)."""
        return self._last_text or ""
