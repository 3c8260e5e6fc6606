"""Advancing the rollout one stage: assess the gate, then change the stage flag, all audited.

`assess` judges the gate from a dashboard (the app's live one, or one polled once by
`warroom advance`) and the history file. `Advancer.advance` records a refused gate with its
evidence, or records "started" (gate and flag as shown), sets the flag through the
`Changer` (drift checked, markers posted), and records "finished" with before and after.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warroom.core.check import check
from warroom.core.dashboard import Dashboard
from warroom.core.rollout.change import Changer, RolloutRequest
from warroom.core.rollout.change_record import ChangeOutcome, FlagChange
from warroom.core.rollout.evidence import read_stage_record
from warroom.core.rollout.gate import Gate, judge, unread
from warroom.core.rollout.view import RolloutView
from warroom.core.runbook.audit import AuditError, AuditLog
from warroom.core.runbook.audit_read import UNKNOWN_OUTCOME

STEP = "advance"
CANCELLED_ON_THE_WAY = (
    "cancelled with the change on its way (the app quit): the flag may or may not have"
    " changed; check it before advancing again"
)


async def assess(
    dashboard: Dashboard, history: Path | None, now: float, source: str
) -> tuple[RolloutView | None, Gate]:
    """The rollout and its gate at `now`, from the dashboard (`source` names its flag source)
    and the stage's history in the file at `history` (None: no history kept). The history is
    read in a worker thread (a long stage takes seconds); the dashboard only on the caller's
    loop."""
    config = dashboard.config
    view = dashboard.rollout(now)
    code = check(dashboard, now).code
    if view is None:
        health = next((h for h in dashboard.health() if h.name == source), None)
        return None, unread(health.error if health is not None else None)
    early = judge(view, config.stages, code, None)
    if early.target is None or view is None or view.state.since is None:
        return view, early
    since = view.state.since
    record = await asyncio.to_thread(read_stage_record, history, config.metrics, since, now)
    return view, judge(view, config.stages, code, record)


class Advanced(enum.Enum):
    DONE = "done"
    REFUSED = "refused"
    """The gate did not pass: nothing was sent."""
    DRY_RUN = "dry run"
    """The gate passed; under --dry-run nothing was sent."""
    FAILED = "failed"
    """The change did not go through (see the change), or the audit log could not be written."""


@dataclass(frozen=True, slots=True)
class AdvanceResult:
    state: Advanced
    gate: Gate
    detail: str
    change: FlagChange | None = None
    """None when nothing was sent."""


class Advancer:
    """Moves the stage flag to the gate's target. Constructing does no I/O."""

    def __init__(
        self, changer: Changer, audit: AuditLog, *, demo: bool = False, dry_run: bool = False
    ) -> None:
        self.changer = changer
        self.audit = audit
        self.demo, self.dry_run = demo, dry_run

    async def advance(self, view: RolloutView | None, gate: Gate) -> AdvanceResult:
        """Acts on a passed gate; records a refused one. Never raises: refusals and failures
        are in the result, and an audit log that cannot be written stops it before any change."""
        try:
            return await self._advance(view, gate)
        except AuditError as exc:
            return AdvanceResult(Advanced.FAILED, gate, f"nothing changed: {exc}")

    async def _advance(self, view: RolloutView | None, gate: Gate) -> AdvanceResult:
        base = self._fields(view, gate)
        if not gate.passed or view is None or gate.target is None:
            detail = "gate refused: " + "; ".join(gate.reasons())
            self.audit.append("refused", **base, detail=detail)
            return AdvanceResult(Advanced.REFUSED, gate, detail)
        if self.dry_run:
            detail = f"dry run: would set {base['flag']} to {gate.target.pct:g}%"
            self.audit.append("dry_run", **base, detail=detail)
            return AdvanceResult(Advanced.DRY_RUN, gate, detail)
        flag = view.state.stage_flag
        assert flag is not None  # a passed gate read the stage flag
        self.audit.append("started", **base)
        comment = f"warroom advance: {_label(gate)}"
        request = RolloutRequest(flag.key, flag.environment, gate.target.pct, flag, comment,
                                 action=STEP)  # fmt: skip
        try:
            change = await self.changer.set_rollout(request)
        except asyncio.CancelledError:
            # The app quit with the request on its way: the flag may have changed or not.
            with contextlib.suppress(AuditError):
                self.audit.append("finished", **base, outcome=UNKNOWN_OUTCOME,
                                  detail=CANCELLED_ON_THE_WAY)  # fmt: skip
            raise
        state = Advanced.DONE if change.outcome is ChangeOutcome.DONE else Advanced.FAILED
        detail = change.detail
        try:
            self.audit.append("finished", **base, outcome=state.value, detail=detail,
                              change=change.audit())  # fmt: skip
        except AuditError as exc:
            detail = f"{detail} (outcome not recorded: {exc})"
        return AdvanceResult(state, gate, detail, change)

    def declined(self, view: RolloutView | None, gate: Gate) -> None:
        """Records that the operator saw a passed gate and did not confirm.

        Raises:
            AuditError: the record could not be written.
        """
        self.audit.append("cancelled", **self._fields(view, gate), detail="not confirmed")

    def _fields(self, view: RolloutView | None, gate: Gate) -> dict[str, Any]:
        flag = view.state.stage_flag if view is not None else None
        provider = view.state.provider if view is not None else self.changer.provider.name
        target = f" to {gate.target.pct:g}%" if gate.target else ""
        key = flag.key if flag else "?"
        return {
            "step": STEP,
            "title": f"Advance the rollout: {_label(gate)}",
            "group": "rollout",
            "action": f"set {key}{target} ({provider})",
            "flag": key,
            "gate": gate.record(),
            "shown": {key: {"on": flag.on, "pct": flag.pct}} if flag else None,
            "demo": self.demo or None,
            "dry_run": self.dry_run or None,
        }


def _label(gate: Gate) -> str:
    came = gate.stage.label if gate.stage else "?"
    going = gate.target.label if gate.target else "no next stage"
    return f"{came} → {going}"
