"""Builds the app's one Runbook: injects the simulated launch and the executors of the steps
that reach other systems (core cannot import sources/)."""

from __future__ import annotations

import os
from typing import Any, Protocol
from weakref import WeakKeyDictionary

from warroom.core.config import Config
from warroom.core.runbook import Runbook, build_runbook
from warroom.sources.actions import action_executors
from warroom.sources.registry import SourceSet
from warroom.tui.options import AppOptions


class RunbookHost(Protocol):
    """What the runbook needs from the app."""

    config: Config
    sources: SourceSet
    options: AppOptions


_RUNBOOKS: WeakKeyDictionary[Any, tuple[Runbook, list[str]]] = WeakKeyDictionary()


def runbook_for(app: RunbookHost, *, keep_problems: bool = False) -> tuple[Runbook, list[str]]:
    """The app's runbook, built and recovered from the audit log on first use.

    Returns:
        The runbook, and the problems met reading the audit log (skipped lines) the first
        time only; `keep_problems` leaves them for the runbook screen to report.
    """
    found = _RUNBOOKS.get(app)
    if found is None:
        found = _build(app)
        _RUNBOOKS[app] = found
    runbook, problems = found
    reported = list(problems)
    if not keep_problems:
        problems.clear()  # reported once, not on every opening
    return runbook, reported


def existing_runbook(app: RunbookHost) -> Runbook | None:
    """The app's runbook if it was built already, without building it."""
    found = _RUNBOOKS.get(app)
    return found[0] if found is not None else None


def _build(app: RunbookHost) -> tuple[Runbook, list[str]]:
    sim = app.sources.sim
    demo = sim is not None
    runbook = build_runbook(
        app.config.runbook,
        demo=demo,
        read_only=app.options.read_only,
        dry_run=app.options.dry_run,
        simulate=sim.apply if sim is not None else None,
        extra=action_executors(app.config, os.environ, demo=demo),
    )
    return runbook, runbook.recover()
