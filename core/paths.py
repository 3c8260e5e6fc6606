"""Where warroom keeps its files on the user's machine: the config, state and data folders.

An `$XDG_*_HOME` variable that is set and not empty wins, whatever its value (a relative one
too), as it always has. Otherwise platformdirs gives the default, and we ask for its XDG layout
(`~/.config`, `~/.local/state`, `~/.local/share`) on every platform rather than the native
macOS `~/Library/Application Support`: that is where warroom has always looked, so existing
configs, audit logs and history files are still found, and the help text that names
`$XDG_*_HOME` stays true everywhere.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Mapping
from pathlib import Path

from platformdirs.unix import Unix

APP_NAME = "warroom"


class UserDir(enum.Enum):
    """A kind of per-user folder; the value is the XDG variable that overrides it."""

    CONFIG = "XDG_CONFIG_HOME"
    """What the user writes: config.toml, themes/."""
    STATE = "XDG_STATE_HOME"
    """What must survive but is not config: the runbook's audit log."""
    DATA = "XDG_DATA_HOME"
    """What warroom accumulates: the history database."""
    CACHE = "XDG_CACHE_HOME"
    """What can be rebuilt at any time: validated plans (core/plan_cache.py)."""


def user_dir(kind: UserDir, env: Mapping[str, str] | None = None) -> Path:
    """warroom's own folder of this kind. Does no I/O: nothing is created or checked.

    Returns:
        `$VARIABLE/warroom` when the kind's variable is set and not empty in `env` (default:
        the process environment); otherwise platformdirs' XDG default, for example
        `~/.local/state/warroom`. platformdirs reads the process environment itself (`HOME`,
        and the variable when it is an absolute path), so a test that passes its own `env`
        without the variable gets the process's answer.
    """
    env = os.environ if env is None else env
    override = env.get(kind.value)
    if override:
        return Path(override) / APP_NAME
    return Path(_default(kind))


def _default(kind: UserDir) -> str:
    dirs = Unix(APP_NAME)
    if kind is UserDir.CONFIG:
        return dirs.user_config_dir
    if kind is UserDir.STATE:
        return dirs.user_state_dir
    if kind is UserDir.CACHE:
        return dirs.user_cache_dir
    return dirs.user_data_dir
