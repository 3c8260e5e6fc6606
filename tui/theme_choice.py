"""Which theme was asked for, decided before Textual is imported (the CLI stays light)."""

from __future__ import annotations

import os
from collections.abc import Mapping

NO_COLOR_THEME = "mono"


def wanted_theme(explicit: str | None, env: Mapping[str, str] | None = None) -> str | None:
    """`--theme` when given, else `mono` when NO_COLOR is set (to any value, as the NO_COLOR
    convention says), else None so that `[ui] theme` in the config decides."""
    env = os.environ if env is None else env
    if explicit:
        return explicit
    return NO_COLOR_THEME if "NO_COLOR" in env else None
