"""Which theme names exist, without importing Textual (the CLI checks `--theme` and
`[ui] theme` before it decides whether to start the UI at all)."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path

DEFAULT_THEME = "war-room"
BUILTIN_DIR = Path(__file__).resolve().parent


def user_theme_dir(env: Mapping[str, str] | None = None) -> Path:
    """`$XDG_CONFIG_HOME/warroom/themes`, with XDG's default of `~/.config`."""
    env = os.environ if env is None else env
    base = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "warroom" / "themes"


def theme_names(user_dir: Path | None = None) -> frozenset[str]:
    """The built-in themes' names and those of the user's theme files. A user file is named
    by its `name` key, else its file name; one that cannot be read still counts under its
    file name (the loader reports what is wrong with it when the app starts)."""
    names = {path.stem for path in BUILTIN_DIR.glob("*.toml")}
    if user_dir is not None and user_dir.is_dir():
        names |= {_declared_name(path) for path in user_dir.glob("*.toml")}
    return frozenset(names)


def _declared_name(path: Path) -> str:
    try:
        name = tomllib.loads(path.read_text(encoding="utf-8")).get("name", path.stem)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return path.stem
    return name if isinstance(name, str) else path.stem
