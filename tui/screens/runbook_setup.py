"""Builds the app's one Runbook (its RunbookHolder calls this on first use): injects the
simulated launch and, when a step needs it, the Datadog event poster (core cannot import
sources/)."""

from __future__ import annotations

import os
from typing import Protocol

from warroom.core.config import Config
from warroom.core.errors import NotConfigured
from warroom.core.runbook import EventPoster, Runbook, build_runbook
from warroom.core.runbook.steps import build_steps
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
    sim = app.sources.sim
    demo = sim is not None
    poster, missing = _poster(app.config, demo)
    runbook = build_runbook(
        app.config.runbook,
        demo=demo,
        read_only=app.options.read_only,
        dry_run=app.options.dry_run,
        simulate=sim.apply if sim is not None else None,
        poster=poster,
        poster_missing=missing,
    )
    return runbook, runbook.recover()


def _poster(config: Config, demo: bool) -> tuple[EventPoster | None, str]:
    """A Datadog poster when a step posts events and Datadog is configured, else why not."""
    steps = build_steps(config.runbook, demo)
    if not any(s.action.kind == "datadog_event" for s in steps):
        return None, "no step posts Datadog events"
    try:
        from warroom.sources.datadog.events import DatadogEventPoster
    except ImportError:
        return None, "the Datadog adapter is not installed"
    try:
        return DatadogEventPoster.from_config(config, os.environ), ""
    except NotConfigured as exc:
        return None, str(exc)
