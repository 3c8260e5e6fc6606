"""Acting on a decision: the group runs through the runbook's own runner and audit log, as a
manual run does, with the guard's evidence in every record; and the guard's decisions are
audited beside the steps.

A step record the guard wrote carries `"actor": "autorollback"`, the `evidence` (readings,
thresholds, times), the `rule` in force, the steps that need a person and, with a shared
store, the `lease` holder. Nothing here waits for a person: `manual` steps are listed,
never run.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from warroom.core.guard.config import GuardConfig
from warroom.core.guard.engine import Decision
from warroom.core.guard.steps import GuardPlan, guard_plan
from warroom.core.runbook.audit import AuditError
from warroom.core.runbook.runner import Runbook
from warroom.core.runbook.state import StepState

ACTOR = "autorollback"
AUDITED = frozenset(
    {"tripped", "frozen", "thawed", "called-off", "aborted", "act", "advise", "finished",
     "rearmed", "holding", "lost-lease"}
)  # fmt: skip
"""The decisions written to the audit log; "evaluated" ones only go to the decision log."""


@dataclass(frozen=True, slots=True)
class ActResult:
    ok: bool
    """Every step the guard ran ended done (or was recorded under --dry-run)."""
    text: str


class GuardActor:
    """Runs the guard's group and records its decisions. Construction does no I/O; the
    runbook is built on first use (it is not on the way to the first frame)."""

    def __init__(
        self, runbook: Callable[[], Runbook], config: GuardConfig, holder: str | None = None
    ) -> None:
        self._runbook = runbook
        self.config = config
        self.holder = holder
        """The lease holder name this process acts as (None: no shared store)."""

    def previous_run(self) -> str | None:
        """See `previous_run`; None in the demo, or when the audit log cannot be read (the
        runbook says so on its screen)."""
        runbook = self._runbook()
        if runbook.demo:
            return None
        try:
            return previous_run(runbook.audit.read().records)
        except OSError:
            return None

    def rearm_record(self, who: str) -> str | None:
        """Records a re-arm from outside any running guard (`warroom guard --rearm`), so the
        next guard to start evaluates. Returns the problem when it could not be written."""
        decision = Decision("rearmed", time.time(), f"re-armed by {who}")
        return self.record(decision, {"mode": self.config.mode, "group": self.config.group},
                           who=who)  # fmt: skip

    def plan(self) -> GuardPlan:
        """What the guard would run now. Raises ValueError for an unknown group."""
        return guard_plan(self._runbook(), self.config)

    def record(
        self,
        decision: Decision,
        rule: Mapping[str, object],
        plan: GuardPlan | None = None,
        trigger: str | None = None,
        **extra: object,
    ) -> str | None:
        """Writes one decision to the audit log (`trigger`: the one it is about, when the
        decision does not name it). Returns the problem when it could not be written (the
        decision stands: an abort must never wait for a disk)."""
        runbook = self._runbook()
        fields: dict[str, Any] = {
            "decision": decision.kind, "actor": ACTOR, "detail": decision.message,
            "trigger": decision.trigger or trigger, "evidence": _evidence(decision) or None,
            "rule": dict(rule), "lease": self.holder, "demo": runbook.demo or None,
            "dry_run": runbook.dry_run or None, **(plan.record() if plan else {}),
            **extra,
        }  # fmt: skip
        try:
            runbook.audit.append("decision", **fields)
        except AuditError as exc:
            return str(exc)
        return None

    async def act(self, decision: Decision, rule: Mapping[str, object]) -> ActResult:
        """Runs the group's steps that need no person, in order; returns how it ended.
        Planned again now: someone may have run a step by hand during the countdown."""
        runbook = self._runbook()
        plan = guard_plan(runbook, self.config)
        people = _titles(runbook, plan.needs_person)
        if not plan.run:
            return ActResult(False, f"nothing the guard can run{_needing(people)}")
        context = {
            "actor": ACTOR, "trigger": decision.trigger, "evidence": _evidence(decision),
            "rule": dict(rule), "needs_person": people or None, "lease": self.holder,
        }  # fmt: skip
        shown = await runbook.preview(plan.run) if runbook.previews(plan.run) else None
        try:
            task = runbook.start(plan.run, shown, audit=context)
        except ValueError as exc:
            return ActResult(False, f"not started: {exc}{_needing(people)}")
        await task
        return _result(runbook, plan, people)


def _result(runbook: Runbook, plan: GuardPlan, people: list[str]) -> ActResult:
    for step_id in plan.run:
        status = runbook.status[step_id]
        if status.state not in (StepState.DONE, StepState.DRY_RUN):
            title = runbook.step(step_id).title
            why = f"{title}: {status.state.value}: {status.detail}"
            return ActResult(False, f"{why}{_needing(people)}")
    verb = "recorded (dry run), nothing executed" if runbook.dry_run else "done"
    return ActResult(True, f"{verb}: {', '.join(_titles(runbook, plan.run))}{_needing(people)}")


def _needing(people: list[str]) -> str:
    return f"; needs a person: {', '.join(people)}" if people else ""


def _titles(runbook: Runbook, step_ids: tuple[str, ...]) -> list[str]:
    return [runbook.step(s).title for s in step_ids]


def _evidence(decision: Decision) -> list[dict[str, object]]:
    return [e.as_json() for e in decision.evidence]


def previous_run(records: Iterable[Mapping[str, Any]]) -> str | None:
    """What the guard's last run did, when no re-arm followed it (None otherwise), from the
    audit log of a live room: a process that restarts after an automatic rollback stands
    down until someone re-arms it, rather than roll back twice for one incident. A demo's
    or a dry run's records never count: they changed nothing real."""
    last: Mapping[str, Any] | None = None
    for record in records:
        if record.get("event") != "decision" or record.get("demo") or record.get("dry_run"):
            continue
        if record.get("decision") in ("act", "finished"):
            last = record
        elif record.get("decision") == "rearmed":
            last = None
    if last is None:
        return None
    return f"the last run, {last.get('ts', '?')}: {last.get('detail', '?')}"
