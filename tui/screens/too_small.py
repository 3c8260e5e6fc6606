"""The "terminal too small" screen, shown instead of a broken layout below the minimum size.

Like btop, warroom says what it needs rather than drawing clipped tiles. The screen goes away
by itself as soon as the terminal is large enough again.
"""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Static

MIN_SIZE = Size(60, 18)
"""Below this the header, the tab bar and one row of tiles no longer fit."""


def too_small_text(have: Size, need: Size = MIN_SIZE) -> str:
    """`terminal too small: need 60x18, have 50x12`."""
    return f"terminal too small: need {need.width}x{need.height}, have {have.width}x{have.height}"


class TooSmallScreen(Screen[None]):
    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; background: $background; }
    TooSmallScreen Static { width: auto; text-style: bold; color: $warning; }
    TooSmallScreen .hint { text-style: none; color: $foreground; }
    """
    BINDINGS = [("q", "app.quit", "Quit")]

    def __init__(self, have: Size) -> None:
        super().__init__()
        self._have = have

    def compose(self) -> ComposeResult:
        yield Static(too_small_text(self._have), id="too-small")
        yield Static("enlarge the window or zoom out · q quits", classes="hint")

    def show_size(self, have: Size) -> None:
        self._have = have
        self.query_one("#too-small", Static).update(too_small_text(have))


def guard_size(app: App[Any], size: Size) -> None:
    """Shows the too-small screen when `size` is below the minimum, and removes it when the
    terminal is large enough again."""
    small = size.width < MIN_SIZE.width or size.height < MIN_SIZE.height
    screen = app.screen if app.screen_stack else None
    if small and isinstance(screen, TooSmallScreen):
        screen.show_size(size)
    elif small:
        app.push_screen(TooSmallScreen(size))
    elif isinstance(screen, TooSmallScreen):
        app.pop_screen()
