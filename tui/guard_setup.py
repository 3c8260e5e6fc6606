"""Building the guard host for a process: the TUI (`tui.autorollback`), `warroom guard` and
`warroom collect` all get it from here, with the same runbook and audit log a manual run
uses. Composition only; the guard is in core.guard."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from warroom.core.config import Config
from warroom.core.dashboard import Dashboard
from warroom.core.guard import Decision, GuardConfig
from warroom.core.guard.act import GuardActor
from warroom.core.guard.host import GuardHost
from warroom.core.runbook import Runbook
from warroom.sources.registry import SourceSet
from warroom.tui.options import AppOptions

if TYPE_CHECKING:
    from warroom.collector.audit_sink import MongoAuditSink


def group_title(config: Config, group: str) -> str:
    return next((g.title for g in config.runbook.groups if g.id == group), group)


def build_host(
    config: Config,
    settings: GuardConfig,
    dashboard: Dashboard,
    runbook: Callable[[], Runbook],
    *,
    dry_run: bool = False,
    store: str | None = None,
    emit: Callable[[Decision], None] | None = None,
    on_trip: Callable[[], None] | None = None,
    clock: Callable[[], float] = time.time,
    lease_ttl: float | None = None,
) -> GuardHost:
    """The guard host; with a shared `store` it contends for the lease there (its TTL:
    `lease_ttl`, default `collector.lease.DEFAULT_TTL`). Does no I/O."""
    lease = None
    if store:
        from warroom.collector.lease import DEFAULT_TTL, GuardLease  # pymongo: only then

        lease = GuardLease(store, ttl=lease_ttl or DEFAULT_TTL)
    actor = GuardActor(runbook, settings, holder=lease.holder if lease else None)
    return GuardHost(
        settings, config.triggers, dashboard, actor,
        group_title=group_title(config, settings.group), lease=lease, clock=clock,
        emit=emit, on_trip=on_trip, dry_run=dry_run,
    )  # fmt: skip


@dataclass
class HeadlessRunbook:
    """The runbook of a process without a screen (`guard`, `collect`): built on first use
    like the app's, its audit records copied to the shared store when there is one."""

    config: Config
    sources: SourceSet
    options: AppOptions
    store: str | None = None
    report: Callable[[str], None] = lambda line: None
    """Takes the audit log's problems (skipped lines) when the runbook is built."""
    _built: Runbook | None = None
    _sink: MongoAuditSink | None = None

    def __call__(self) -> Runbook:
        if self._built is None:
            from warroom.tui.screens.runbook_setup import build

            self._built, problems = build(self)
            for problem in problems:
                self.report(problem)
            if self.store:
                from warroom.collector.audit_sink import MongoAuditSink

                self._sink = MongoAuditSink(self.store)
                self._built.audit.add_sink(self._sink)
        return self._built

    def close(self) -> None:
        if self._sink is not None:
            self._sink.close()
