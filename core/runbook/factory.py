"""Assembles a Runbook from the config, with whatever the caller can inject."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

from warroom.core.runbook.audit import AuditLog, default_audit_path
from warroom.core.runbook.command import CommandExecutor
from warroom.core.runbook.executors import (
    DatadogEventExecutor,
    EventPoster,
    Executor,
    ManualExecutor,
    SimulatedExecutor,
)
from warroom.core.runbook.http import HttpExecutor
from warroom.core.runbook.runner import Runbook
from warroom.core.runbook_config import RunbookConfig


def build_executors(
    config: RunbookConfig,
    *,
    simulate: Callable[[str], str] | None = None,
    poster: EventPoster | None = None,
    poster_missing: str = "",
) -> dict[str, Executor]:
    """One executor per action kind. `simulate` is the simulated launch's `apply` (demo only);
    `poster` posts Datadog events, `poster_missing` says why there is none."""
    return {
        "manual": ManualExecutor(),
        "simulated": SimulatedExecutor(simulate),
        "command": CommandExecutor(grace=config.kill_grace),
        "http": HttpExecutor(),
        "datadog_event": DatadogEventExecutor(poster, poster_missing),
    }


def audit_path(config: RunbookConfig, env: Mapping[str, str] | None = None) -> Path:
    """The configured audit log path (`~` expanded), else the XDG default."""
    if config.audit_path:
        return Path(config.audit_path).expanduser()
    return default_audit_path(env)


def build_runbook(
    config: RunbookConfig,
    *,
    demo: bool = False,
    read_only: bool = False,
    dry_run: bool = False,
    simulate: Callable[[str], str] | None = None,
    poster: EventPoster | None = None,
    poster_missing: str = "",
    env: Mapping[str, str] | None = None,
) -> Runbook:
    """A runbook whose audit log is at the configured or default path. Does no I/O."""
    env = os.environ if env is None else env
    executors = build_executors(
        config, simulate=simulate, poster=poster, poster_missing=poster_missing
    )
    return Runbook(
        config, AuditLog(audit_path(config, env)), executors,
        demo=demo, read_only=read_only, dry_run=dry_run, env=env,
    )  # fmt: skip
