"""Assembles a Runbook from the config, with whatever the caller can inject."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

from warroom.core.runbook.audit import AuditLog, default_audit_path
from warroom.core.runbook.command import CommandExecutor
from warroom.core.runbook.executors import Executor, ManualExecutor, SimulatedExecutor
from warroom.core.runbook.runner import Runbook
from warroom.core.runbook_config import RunbookConfig


def build_executors(
    config: RunbookConfig,
    *,
    simulate: Callable[[str], str] | None = None,
    extra: Mapping[str, Executor] | None = None,
) -> dict[str, Executor]:
    """One executor per action kind core can run itself, plus `extra` (the outward-acting
    kinds from `sources.actions`). `simulate` is the simulated launch's `apply` (demo only)."""
    return {
        "manual": ManualExecutor(),
        "simulated": SimulatedExecutor(simulate),
        "command": CommandExecutor(grace=config.kill_grace),
        **(extra or {}),
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
    extra: Mapping[str, Executor] | None = None,
    env: Mapping[str, str] | None = None,
    flags: bool = False,
) -> Runbook:
    """A runbook whose audit log is at the configured or default path. Does no I/O. `flags`:
    a flag provider is configured, so steps take their `rollout_action`."""
    env = os.environ if env is None else env
    executors = build_executors(config, simulate=simulate, extra=extra)
    return Runbook(
        config, AuditLog(audit_path(config, env)), executors,
        demo=demo, read_only=read_only, dry_run=dry_run, env=env, flags=flags,
    )  # fmt: skip
