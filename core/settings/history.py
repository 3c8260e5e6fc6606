"""Settings of the local history store (`[history]`): where it lives and how long it keeps data."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pydantic import Field

from warroom.core.paths import UserDir, user_dir
from warroom.core.settings.common import MAX_SECONDS, StrictModel


class HistorySettings(StrictModel):
    enabled: bool = True
    path: str | None = Field(
        default=None, description="SQLite file; default $XDG_DATA_HOME/warroom/history.sqlite3"
    )
    retention_days: float = Field(default=14.0, gt=0, description="older records are deleted")
    # Not a poll interval: commits only happen when something is written, so a tiny window
    # costs fsyncs, never a spinning loop.
    commit_seconds: float = Field(
        default=5.0,
        gt=0,
        le=MAX_SECONDS,
        description="batch window: a crash loses at most this much",
    )

    def file(self, env: Mapping[str, str] | None = None) -> Path:
        """The configured path (`~` expanded), else `$XDG_DATA_HOME/warroom/history.sqlite3`."""
        if self.path:
            return Path(self.path).expanduser()
        return user_dir(UserDir.DATA, env) / "history.sqlite3"
