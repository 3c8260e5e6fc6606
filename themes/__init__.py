"""Theme files and their loader (built-in and user themes)."""

from warroom.themes.loader import (
    DEFAULT_THEME,
    ThemeBook,
    ThemeFileError,
    load_theme_file,
    load_themes,
    user_theme_dir,
)

__all__ = [
    "DEFAULT_THEME",
    "ThemeBook",
    "ThemeFileError",
    "load_theme_file",
    "load_themes",
    "user_theme_dir",
]
