"""Which theme names exist, without importing Textual (the CLI checks `--theme` and
`[ui] theme` before it decides whether to start the UI at all)."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from warroom.core import paths

DEFAULT_THEME = "war-room"
# Read through importlib.resources, so the themes load from a wheel or a zip as well as a
# checkout.
BUILTIN_DIR: Traversable = resources.files("warroom.themes")


def user_theme_dir(env: Mapping[str, str] | None = None) -> Path:
    """`$XDG_CONFIG_HOME/warroom/themes`, with XDG's default of `~/.config`."""
    return paths.user_dir(paths.UserDir.CONFIG, env) / "themes"


def theme_names(user_dir: Path | None = None) -> frozenset[str]:
    """The built-in themes' names and those of the user's theme files. A user file is named
    by its `name` key, else its file name; one that cannot be read still counts under its
    file name (the loader reports what is wrong with it when the app starts)."""
    names = {entry.name.removesuffix(".toml") for entry in _toml_files(BUILTIN_DIR)}
    if user_dir is not None and user_dir.is_dir():
        names |= {_declared_name(entry) for entry in _toml_files(user_dir)}
    return frozenset(names)


def _toml_files(directory: Traversable) -> list[Traversable]:
    return [p for p in directory.iterdir() if p.name.endswith(".toml") and p.is_file()]


def _declared_name(entry: Traversable) -> str:
    stem = entry.name.removesuffix(".toml")
    try:
        name = tomllib.loads(entry.read_text(encoding="utf-8")).get("name", stem)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return stem
    return name if isinstance(name, str) else stem
