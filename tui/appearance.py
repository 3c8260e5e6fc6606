"""Themes and layout variants applied to the running app: which theme, live switching, the
colour filter of monochrome themes, and the compact class.

Precedence of the theme: `--theme`, then `mono` when NO_COLOR is set, then `[ui] theme`.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.filter import NoColor
from textual.theme import Theme

from warroom.themes.loader import ThemeBook, load_themes
from warroom.themes.names import user_theme_dir

COMPACT_CLASS = "-compact"


class Appearance:
    """Registers warroom's themes on an app and keeps its colour filter in step with them."""

    def __init__(self, app: App[Any], book: ThemeBook | None = None) -> None:
        self._app = app
        self.book = book or load_themes(user_theme_dir())
        self.problems: list[str] = list(self.book.problems)
        self._no_color = NoColor()
        for theme in self.book.themes.values():
            app.register_theme(theme)

    def select(self, wanted: str | None) -> str:
        """Switches to `wanted` (None: the default), falling back with a problem noted.
        Returns the theme now in use."""
        name, problem = self.book.choose(wanted)
        if problem is not None:
            self.problems.append(problem)
        self._app.theme = name
        self.apply_filter(self._app.current_theme)
        return name

    def watch(self) -> None:
        """Follows later switches (the command palette's "Change theme") live."""
        self._app.theme_changed_signal.subscribe(self._app, self.apply_filter)

    def apply_filter(self, theme: Theme) -> None:
        """A monochrome theme strips every colour after rendering; other themes do not."""
        filters = self._app._filters  # Textual keeps its line filters here; no public setter
        wanted = theme.name in self.book.monochrome
        present = self._no_color in filters
        if wanted and not present:
            filters.append(self._no_color)
        elif present and not wanted:
            filters.remove(self._no_color)
        if wanted != present:
            self._app.refresh(repaint=True)

    def report_problems(self) -> None:
        """Shows each theme problem once as a notification (the screen is the only place a
        user of the TUI looks)."""
        for problem in self.problems:
            self._app.notify(problem, title="theme", severity="warning", timeout=10)
        self.problems.clear()
