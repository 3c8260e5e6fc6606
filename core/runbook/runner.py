"""The runbook: step states, what may run, running steps in order with their audit records.

Everything runs on the caller's asyncio loop. Listeners hear about state changes and output
lines; the UI subscribes, core never calls the UI.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
import uuid
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from warroom.core.runbook.audit import AuditError, AuditLog
from warroom.core.runbook.audit_read import done_earlier, unfinished_steps
from warroom.core.runbook.executors import Executor, Preview, Previewing, RunContext
from warroom.core.runbook.state import (
    STARTABLE,
    Blocked,
    BlockReason,
    Outcome,
    StepState,
    StepStatus,
)
from warroom.core.runbook.steps import Group, Step, build_groups, build_steps
from warroom.core.runbook.stopwatch import Stopwatch
from warroom.core.runbook.summary import masker_for, summary
from warroom.core.runbook_config import RunbookConfig

log = logging.getLogger(__name__)
OUTPUT_LINES = 500
DONE_STATES = (StepState.DONE, StepState.DRY_RUN)


class Runbook:
    """Construction does no I/O; call `recover()` once to read the audit log."""

    def __init__(
        self,
        config: RunbookConfig,
        audit: AuditLog,
        executors: Mapping[str, Executor],
        *,
        demo: bool = False,
        read_only: bool = False,
        dry_run: bool = False,
        env: Mapping[str, str] | None = None,
        clock: Callable[[], float] = time.monotonic,
        flags: bool = False,
    ) -> None:
        self.steps = build_steps(config, demo, flags)
        self.groups = build_groups(config, self.steps)
        self.audit = audit
        self.demo, self.read_only, self.dry_run = demo, read_only, dry_run
        self._executors = dict(executors)
        self._env = os.environ if env is None else env
        self._clock = clock
        self._by_id = {s.id: s for s in self.steps}
        self.status: dict[str, StepStatus] = {s.id: StepStatus() for s in self.steps}
        target = next((g for g in self.groups if g.target_seconds), None)
        self.target_group: Group | None = target
        self.stopwatch = Stopwatch(target.target_seconds if target else None, clock)
        self.output: deque[tuple[str, str]] = deque(maxlen=OUTPUT_LINES)
        self.changed: list[Callable[[str], None]] = []
        """Called with a step id whenever its status changes."""
        self.printed: list[Callable[[str, str], None]] = []
        """Called with (step id, line) for every output line."""
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._shown: dict[str, Preview] = {}
        self._context: dict[str, dict[str, Any]] = {}
        """Per step: the extra audit fields of its current run (see `start`)."""
        self.done_before: dict[str, str] = {}
        """Steps the audit log says an earlier session finished done: `<when> by <who>`
        (see `recover`). They may run again; the runbook screen says so first."""

    def step(self, step_id: str) -> Step:
        return self._by_id[step_id]

    def recover(self) -> list[str]:
        """Marks steps whose last attempt has no "finished" record as unknown outcome.

        Returns:
            Problems found in the log (skipped lines), to show the operator.
        """
        try:
            result = self.audit.read()
        except OSError as exc:
            return [f"audit log {self.audit.path}: cannot read: {exc.strerror or exc}"]
        earlier = done_earlier(result.records, self.demo)
        self.done_before = {s: when for s, when in earlier.items() if s in self.status}
        for step_id, ts in unfinished_steps(result.records, self.demo).items():
            if step_id in self.status:
                detail = f"started {ts}, no outcome recorded: check by hand"
                self._set(step_id, StepStatus(StepState.UNKNOWN, detail))
        return result.problems

    # ------------------------------------------------------------------ what may run

    def blocked(self, step_id: str) -> Blocked | None:
        """Why the step cannot be started now, or None when it can."""
        if self.read_only:
            return Blocked(BlockReason.READ_ONLY)
        state = self.status[step_id].state
        if state is StepState.RUNNING:
            return Blocked(BlockReason.RUNNING)
        if state in DONE_STATES:
            return Blocked(BlockReason.DONE)
        waiting = self._waiting(step_id)
        return Blocked(BlockReason.WAITING, tuple(waiting)) if waiting else None

    def check_plan(self, step_ids: Sequence[str]) -> str | None:
        """Why these steps cannot run in this order, or None. A step may wait for one that
        runs before it in the same plan."""
        for index, step_id in enumerate(step_ids):
            blocked = self.blocked(step_id)
            if blocked is None:
                continue
            waits = blocked.reason is BlockReason.WAITING
            if not (waits and set(blocked.waiting_for) <= set(step_ids[:index])):
                return f"{self.step(step_id).title}: {blocked}"
        return None

    def _waiting(self, step_id: str) -> list[str]:
        required = self.step(step_id).requires
        return [r for r in required if self.status[r].state not in DONE_STATES]

    def group_plan(self, group_id: str) -> list[str]:
        """The steps running the group would run, in order: all not yet done or running."""
        group = next(g for g in self.groups if g.id == group_id)
        return [s for s in group.steps if self.status[s].state in STARTABLE]

    def running_in(self, group_id: str) -> list[str]:
        """The group's steps that are running now."""
        group = next((g for g in self.groups if g.id == group_id), None)
        steps = group.steps if group else ()
        return [s for s in steps if self.status[s].state is StepState.RUNNING]

    @property
    def busy(self) -> bool:
        return any(not t.done() for t in self._tasks.values())

    def running(self) -> list[str]:
        """Ids of the steps running now."""
        return [s for s, status in self.status.items() if status.state is StepState.RUNNING]

    async def cancel_all(self) -> None:
        """Cancels every run in progress and waits until each has written its "finished"
        record (each executor bounds its own clean-up: the process group gets SIGTERM, then
        SIGKILL after the step's kill grace)."""
        tasks = {t for t in self._tasks.values() if not t.done()}
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks)

    # ------------------------------------------------------------------ running

    def declined(self, step_ids: Sequence[str]) -> None:
        """Records a confirmation the operator cancelled.

        Raises:
            AuditError: the record could not be written.
        """
        for step_id in step_ids:
            self._record("cancelled", step_id, detail="confirmation cancelled")

    def previews(self, step_ids: Sequence[str]) -> bool:
        """True when some of these steps show live state in their confirmation (`preview`)."""
        kinds = {self.step(s).action.kind for s in step_ids}
        return any(isinstance(self._executors.get(k), Previewing) for k in kinds)

    async def preview(self, step_ids: Sequence[str]) -> dict[str, Preview]:
        """What the confirmation of these steps shows of the state they act on, read now, for
        the steps whose executors preview (the flag actions). Pass it on to `start`."""
        out: dict[str, Preview] = {}
        for step_id in step_ids:
            step = self.step(step_id)
            executor = self._executors.get(step.action.kind)
            if isinstance(executor, Previewing):
                out[step_id] = await executor.preview(step.action)
        return out

    def start(
        self,
        step_ids: Sequence[str],
        shown: Mapping[str, Preview] | None = None,
        audit: Mapping[str, Any] | None = None,
    ) -> asyncio.Task[None]:
        """Runs the confirmed steps in order; a failure stops the rest, which stay pending.
        `shown` is what the confirmation showed (`preview`): those steps check it again.
        `audit` adds fields to every audit record of this run (the automatic rollback's
        actor, evidence and rule).

        Returns:
            The task (already scheduled on the running loop).
        Raises:
            ValueError: a step is blocked (see `blocked`); nothing was started.
        """
        problem = self.check_plan(step_ids)
        if problem:
            raise ValueError(problem)
        for step_id in step_ids:
            self._shown.pop(step_id, None)
            self._context[step_id] = dict(audit or {})
        self._shown.update(shown or {})
        self.stopwatch.start()
        task = asyncio.get_running_loop().create_task(self._run_all(list(step_ids)))
        for step_id in step_ids:
            self._tasks[step_id] = task
        return task

    def cancel(self, step_id: str) -> bool:
        """Cancels the run that includes the step. Returns False when none is running."""
        task = self._tasks.get(step_id)
        if task is None or task.done():
            return False
        task.cancel()
        return True

    async def _run_all(self, step_ids: list[str]) -> None:
        mine = asyncio.current_task()
        for step_id in step_ids:
            other = self._tasks.get(step_id)
            if other is not None and other is not mine and not other.done():
                await asyncio.wait({other})  # someone ran it on its own meanwhile: let it end
            if self.status[step_id].state in DONE_STATES:
                continue  # done by that run: the group goes on, and its result stays shown
            blocked = self.blocked(step_id)
            if blocked is not None:
                self._set(step_id, StepStatus(self.status[step_id].state, str(blocked)))
                return
            outcome = await self._run_one(self.step(step_id))
            if not outcome.ok:
                return
        self._check_target()

    async def _run_one(self, step: Step) -> Outcome:
        if self.dry_run:
            return self._dry(step)
        run = uuid.uuid4().hex[:12]
        shown = self._shown.get(step.id)
        try:
            self._record(
                "started", step.id, run=run, timeout=step.timeout,
                shown=dict(shown.record) if shown is not None and shown.record else None,
            )  # fmt: skip
        except AuditError as exc:
            outcome = Outcome(StepState.FAILED, f"not started: {exc}")
            self._set(step.id, StepStatus(outcome.state, outcome.detail))
            return outcome
        self._set(step.id, StepStatus(StepState.RUNNING, "running"))
        began = self._clock()
        outcome = await self._execute(step)
        duration = round(self._clock() - began, 3)
        detail = outcome.detail
        try:
            self._record(
                "finished", step.id, run=run, outcome=outcome.state.value,
                exit_code=outcome.exit_code, http_status=outcome.http_status,
                duration=duration, detail=outcome.detail,
                change=dict(outcome.change) if outcome.change else None,
            )  # fmt: skip
        except AuditError as exc:
            detail = f"{detail} (outcome not recorded: {exc})"
        self._set(step.id, StepStatus(outcome.state, detail, duration))
        return outcome

    async def _execute(self, step: Step) -> Outcome:
        executor = self._executors.get(step.action.kind)
        if executor is None:
            return Outcome(StepState.FAILED, f"no executor for {step.action.kind} actions")
        mask = masker_for(step.action, self._env)
        ctx = RunContext(
            step.id, step.timeout, self._env, mask, lambda line: self._print(step.id, line),
            shown=self._shown.pop(step.id, None),
        )  # fmt: skip
        try:
            return await executor.run(step.action, ctx)
        except asyncio.CancelledError:
            return Outcome(StepState.CANCELLED, "cancelled by the operator")
        except Exception as exc:  # the "finished" record must be written whatever happened
            log.exception("runbook step %s failed unexpectedly", step.id)
            return Outcome(StepState.FAILED, mask(f"internal error: {type(exc).__name__}"))

    def _dry(self, step: Step) -> Outcome:
        try:
            self._record("dry_run", step.id, detail="dry run: nothing was executed")
        except AuditError as exc:
            outcome = Outcome(StepState.FAILED, f"not recorded: {exc}")
        else:
            outcome = Outcome(StepState.DRY_RUN, "dry run: recorded, nothing executed")
        self._set(step.id, StepStatus(outcome.state, outcome.detail, 0.0))
        return outcome

    def _check_target(self) -> None:
        group = self.target_group
        if group and all(self.status[s].state in DONE_STATES for s in group.steps):
            self.stopwatch.stop()

    # ------------------------------------------------------------------ plumbing

    def _record(self, event: str, step_id: str, **fields: object) -> None:
        step = self.step(step_id)
        record: dict[str, Any] = {
            "step": step.id, "title": step.title, "group": step.group,
            "action": summary(step.action, step.timeout), "demo": self.demo or None,
            "dry_run": self.dry_run or None,
        }  # fmt: skip
        if event != "cancelled":  # a declined confirmation is a person's, never the guard's
            record.update(self._context.get(step_id, {}))
        self.audit.append(event, **{**record, **fields})

    def _set(self, step_id: str, status: StepStatus) -> None:
        self.status[step_id] = status
        if status.state in DONE_STATES:
            self._check_target()
        for listener in list(self.changed):
            _notify(listener, step_id)

    def _print(self, step_id: str, line: str) -> None:
        self.output.append((step_id, line))
        for listener in list(self.printed):
            _notify(listener, step_id, line)


def _notify(listener: Callable[..., None], *args: str) -> None:
    """Calls a UI listener. A drawing error must not break a run between its audit records."""
    try:
        listener(*args)
    except Exception:
        log.exception("runbook listener %r failed", listener)
