"""Theme files (TOML) turned into Textual themes.

A theme file holds the Textual theme fields (`primary`, `success`, `background`, ...), an
optional `[variables]` table overriding derived CSS variables, and two warroom flags: `ansi`
(send the terminal's own palette indexes instead of RGB) and `monochrome` (strip every colour).
The built-in files live next to this module; users drop more into
`$XDG_CONFIG_HOME/warroom/themes/`. A broken file never stops the app: it is skipped with a
one-line problem, and asking for it falls back to the default theme.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from textual.color import Color, ColorParseError
from textual.theme import Theme

from warroom.themes.names import BUILTIN_DIR, DEFAULT_THEME

COLOUR_KEYS = (
    "primary",
    "secondary",
    "warning",
    "error",
    "success",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)
FLAG_KEYS = ("dark", "ansi", "monochrome")
NUMBER_KEYS = ("luminosity_spread", "text_alpha")
KNOWN_KEYS = frozenset((*COLOUR_KEYS, *FLAG_KEYS, *NUMBER_KEYS, "name", "variables"))
NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
# Variables that are text styles rather than colours (Textual's input cursor, for instance).
STYLE_VARIABLE_SUFFIX = "-text-style"


class ThemeFileError(ValueError):
    """A theme file that cannot be used; the message is one line naming the file and the key."""


@dataclass(frozen=True, slots=True)
class ThemeBook:
    """Every usable theme, which of them strip colour, and what was wrong with the rest."""

    themes: dict[str, Theme]
    monochrome: frozenset[str]
    problems: tuple[str, ...] = ()

    def choose(self, wanted: str | None) -> tuple[str, str | None]:
        """The theme to use for `wanted` (None: the default). Returns (name, problem or None)."""
        if wanted is None or wanted in self.themes:
            return wanted or DEFAULT_THEME, None
        known = ", ".join(self.themes)
        return DEFAULT_THEME, f"theme {wanted!r} is not available ({known}); using {DEFAULT_THEME}"


def load_themes(user_dir: Path | None = None) -> ThemeBook:
    """The built-in themes, then the user's. Returns a book; never raises for a bad file."""
    themes: dict[str, Theme] = {}
    mono: set[str] = set()
    problems: list[str] = []
    directories: tuple[tuple[Traversable | None, bool], ...] = (
        (BUILTIN_DIR, True),
        (user_dir, False),
    )
    for directory, builtin in directories:
        if directory is None or not directory.is_dir():
            continue
        files = [p for p in directory.iterdir() if p.name.endswith(".toml") and p.is_file()]
        for path in sorted(files, key=lambda p: p.name):
            try:
                theme, monochrome = load_theme_file(path)
                if not builtin and theme.name in themes:
                    raise ThemeFileError(f"{path}: name {theme.name!r} is a built-in theme")
            except ThemeFileError as exc:
                problems.append(f"{exc}; using {DEFAULT_THEME} instead")
                continue
            themes[theme.name] = theme
            if monochrome:
                mono.add(theme.name)
    return ThemeBook(themes, frozenset(mono), tuple(problems))


def load_theme_file(path: Traversable) -> tuple[Theme, bool]:
    """Reads one theme file. Returns (theme, monochrome).

    Raises:
        ThemeFileError: unreadable file, bad TOML, unknown key, wrong type or bad colour.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ThemeFileError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ThemeFileError(f"{path}: not valid TOML: {exc}") from None
    return parse_theme(data, path.name.removesuffix(".toml"), str(path))


def parse_theme(data: Mapping[str, Any], default_name: str, where: str) -> tuple[Theme, bool]:
    """Validates a theme table. Returns (theme, monochrome).

    Raises:
        ThemeFileError: unknown key, wrong type or a value that is not a colour.
    """
    unknown = sorted(set(data) - KNOWN_KEYS)
    if unknown:
        raise ThemeFileError(
            f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(KNOWN_KEYS))})"
        )
    name = data.get("name", default_name)
    if not isinstance(name, str) or not NAME.match(name):
        raise ThemeFileError(f"{where}: name {name!r} must be lowercase letters, digits and -")
    colours = {key: _colour(data[key], key, where) for key in COLOUR_KEYS if key in data}
    if "primary" not in colours:
        raise ThemeFileError(f"{where}: 'primary' is required")
    flags = {key: _typed(data.get(key, key == "dark"), bool, key, where) for key in FLAG_KEYS}
    numbers = {
        key: float(_typed(data[key], (int, float), key, where))
        for key in NUMBER_KEYS
        if key in data
    }
    variables = _variables(data.get("variables", {}), where)
    theme = Theme(
        name=name,
        dark=flags["dark"],
        ansi=flags["ansi"],
        variables=variables,
        **colours,  # type: ignore[arg-type]  # keys are exactly Theme's colour fields
        **numbers,  # type: ignore[arg-type]
    )
    return theme, bool(flags["monochrome"])


def _variables(table: object, where: str) -> dict[str, str]:
    if not isinstance(table, dict):
        raise ThemeFileError(f"{where}: [variables] must be a table")
    out: dict[str, str] = {}
    for key, value in table.items():
        if key.endswith(STYLE_VARIABLE_SUFFIX):
            out[key] = _typed(value, str, f"variables.{key}", where)
        else:
            out[key] = _colour(value, f"variables.{key}", where)
    return out


def _colour(value: object, key: str, where: str) -> str:
    text: str = _typed(value, str, key, where)
    try:
        Color.parse(text)
    except ColorParseError:
        raise ThemeFileError(f"{where}: {key} = {text!r} is not a colour") from None
    return text


def _typed(value: Any, kind: type | tuple[type, ...], key: str, where: str) -> Any:
    # bool is an int in Python; a number key given `true` is still a mistake.
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise ThemeFileError(f"{where}: {key} has the wrong type ({type(value).__name__})")
    return value
