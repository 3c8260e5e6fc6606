"""Where a run's checklists read their ticks and record: the shared store with `--store`,
else the local audit log and history file. Composition only."""

from __future__ import annotations

from warroom.core.checklists.gather import Readers
from warroom.core.checklists.local import local_readers
from warroom.core.config import Config
from warroom.core.runbook.audit import AuditLog
from warroom.core.runbook.factory import audit_path
from warroom.sources.registry import SourceSet


def readers_for(
    config: Config,
    sources: SourceSet,
    *,
    store: str | None,
    demo: bool,
    audit: AuditLog | None = None,
) -> Readers:
    """`audit` is the app's audit log (the runbook's, with its sinks); default a new one on
    the configured path. Constructs only: nothing is read or connected yet."""
    log = audit or AuditLog(audit_path(config.runbook))
    watched = tuple(s.name for s in sources.sources)
    if store:  # a viewer of the shared store: the room's ticks, whatever it views
        from warroom.collector.checklist_store import MongoRecord, MongoSteps, MongoTicks

        return Readers(MongoTicks(store, log), MongoRecord(store), MongoSteps(store), watched)
    history = config.history.file() if config.history.enabled else None
    return local_readers(log, history, watched, demo=demo)
