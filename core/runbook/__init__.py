"""The runbook: manual rollback steps, their executors and the audit log.

`Runbook` (runner) holds step states and runs confirmed steps; `AuditLog` (audit) writes the
fsync'd JSONL trail; executors carry out each action kind. No UI, no vendor adapter: the TUI
injects what it has (the simulated launch, the executors from `sources.actions`).
"""

from warroom.core.runbook.audit import AuditError, AuditLog, AuditSink, default_audit_path
from warroom.core.runbook.executors import Executor, RunContext
from warroom.core.runbook.factory import build_executors, build_runbook
from warroom.core.runbook.runner import Runbook
from warroom.core.runbook.state import Outcome, StepState, StepStatus
from warroom.core.runbook.steps import Group, Step

__all__ = [
    "AuditError",
    "AuditLog",
    "AuditSink",
    "Executor",
    "Group",
    "Outcome",
    "RunContext",
    "Runbook",
    "Step",
    "StepState",
    "StepStatus",
    "build_executors",
    "build_runbook",
    "default_audit_path",
]
