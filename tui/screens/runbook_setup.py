"""Builds the app's one Runbook (its RunbookHolder calls this on first use): injects the
simulated launch and the executors of the steps that reach other systems (core cannot import
sources/)."""

from __future__ import annotations

import os
from typing import Protocol

from warroom.core.config import Config
from warroom.core.runbook import Runbook, build_runbook
from warroom.sources.actions import action_executors, steers_flags
from warroom.sources.registry import SourceSet
from warroom.tui.options import AppOptions


class RunbookHost(Protocol):
    """What the runbook needs from the app."""

    config: Config
    sources: SourceSet
    options: AppOptions


def build(app: RunbookHost) -> tuple[Runbook, list[str]]:
    """The app's runbook, recovered from its audit log.

    Returns:
        The runbook, and the problems met reading the audit log (skipped lines).
    """
    demo = app.sources.simulated
    flags = app.sources.flags
    runbook = build_runbook(
        app.config.runbook,
        demo=demo,
        read_only=app.options.read_only,
        dry_run=app.options.dry_run,
        simulate=app.sources.apply,
        extra=action_executors(app.config, os.environ, demo=demo, flags=flags),
        flags=steers_flags(app.config, demo, flags),
    )
    return runbook, runbook.recover()
