"""The runbook's `flag_off` and `flag_rollout` actions, for every provider.

The confirmation shows each flag as read just then (`preview`); running the step reads it
again, and a `flag_rollout` refuses when the value moved in between (see `core.rollout.change`).
The "finished" audit record holds the change: provider, environment, flags, before and after.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from warroom.core.errors import SourceError
from warroom.core.plan import Stage
from warroom.core.rollout.change import Changer, RolloutRequest
from warroom.core.rollout.change_record import ChangeOutcome, FlagChange
from warroom.core.rollout.config import RolloutConfig
from warroom.core.rollout.model import FlagState
from warroom.core.rollout.stages import resolve
from warroom.core.runbook.executors import Preview, RunContext
from warroom.core.runbook.state import Outcome, StepState
from warroom.core.runbook_config import Action, FlagOffAction, FlagRolloutAction

FlagAction = FlagOffAction | FlagRolloutAction


STATE_OF = {ChangeOutcome.DONE: StepState.DONE, ChangeOutcome.UNKNOWN: StepState.UNKNOWN}
"""The step's state for a change's outcome; every other outcome is a failure. A change the
service may have applied but that could not be read back is an unknown outcome, not a
failure: "failed" reads as "nothing changed", and invites a second run."""


class FlagExecutor:
    """Runs both flag kinds through one `Changer`, or fails saying why there is none."""

    def __init__(
        self,
        changer: Changer | None,
        config: RolloutConfig,
        stages: Sequence[Stage],
        *,
        missing: str = "",
    ) -> None:
        self._changer = changer
        self._config = config
        self._stages = list(stages)
        self._missing = missing or "no [rollout] provider configured"

    def targets(self, action: FlagAction) -> tuple[tuple[str, ...], str]:
        """The flag keys and the environment the action acts on, defaults filled in."""
        environment = action.environment or self._config.environment
        if isinstance(action, FlagOffAction):
            return tuple(action.flags) or self._flags(), environment
        return (action.flag or self._flags()[0],), environment

    def _flags(self) -> tuple[str, ...]:
        if self._config.provider == "sim" or not self._config.flags:
            return self._config.demo_flags()
        return tuple(self._config.flags)

    async def preview(self, action: Action) -> Preview:
        if not isinstance(action, FlagOffAction | FlagRolloutAction):
            raise TypeError(f"FlagExecutor cannot preview a {action.kind} action")
        if self._changer is None:
            return Preview((f"flag service not configured: {self._missing}",))
        flags, environment = self.targets(action)
        provider = self._changer.provider
        try:
            states = await provider.read(flags, environment)
        except SourceError as exc:
            line = f"cannot read {', '.join(flags)} now: {exc.reason}"
            return Preview((line,), None, {"error": exc.reason})
        lines = [f"{s.key} in {environment} ({provider.label}): {s.describe()}" for s in states]
        record: dict[str, Any] = {s.key: {"on": s.on, "pct": s.pct} for s in states}
        if isinstance(action, FlagRolloutAction):
            target_line, target = self._target_line(states[0], action)
            lines.append(target_line)
            record["target"] = target
        return Preview(tuple(lines), states, {"flags": record})

    def _target_line(self, state: FlagState, action: FlagRolloutAction) -> tuple[str, float | None]:
        if state.pct is None:
            return "  → refused: the flag has no percentage rollout", None
        try:
            pct, stage = resolve(self._stages, state.pct, action.pct)
        except ValueError as exc:
            return f"  → refused: {exc}", None
        label = f" ({stage.label})" if stage is not None else " (between stages)"
        return f"  → set to {pct:g}%{label}", pct

    async def run(self, action: Action, ctx: RunContext) -> Outcome:
        if not isinstance(action, FlagOffAction | FlagRolloutAction):
            raise TypeError(f"FlagExecutor cannot run a {action.kind} action")
        if self._changer is None:
            return Outcome(StepState.FAILED, f"flag service not configured: {self._missing}")
        flags, _ = self.targets(action)
        try:
            change = await self._change(action, ctx)
        except asyncio.CancelledError:
            # The request may have reached the service: say so instead of "cancelled".
            detail = f"cancelled while changing {', '.join(flags)}: check them by hand"
            return Outcome(StepState.CANCELLED, detail, change={"outcome": "unknown"})
        for line in change.markers:
            ctx.output(ctx.mask(line))
        ctx.output(ctx.mask(change.detail))
        state = STATE_OF.get(change.outcome, StepState.FAILED)
        return Outcome(state, ctx.mask(change.detail), change=change.audit())

    async def _change(self, action: FlagAction, ctx: RunContext) -> FlagChange:
        assert self._changer is not None
        flags, environment = self.targets(action)
        comment = f"warroom runbook step {ctx.step_id}"
        if isinstance(action, FlagOffAction):
            return await self._changer.turn_off(flags, environment, comment)
        shown = _shown_state(ctx)
        target = self._target(action, shown)
        if isinstance(target, str):
            provider = self._changer.provider.name
            return FlagChange(provider, environment, "flag_rollout", flags,
                              ChangeOutcome.REFUSED, f"{target}: nothing changed")  # fmt: skip
        request = RolloutRequest(flags[0], environment, target, shown, comment)
        return await self._changer.set_rollout(request)

    def _target(self, action: FlagRolloutAction, shown: FlagState | None) -> float | str:
        """The percentage asked for, or why there is none. `next`/`prev` count from what the
        confirmation showed."""
        if not isinstance(action.pct, str):
            return float(action.pct)
        if shown is None:
            return "the flag could not be read when the change was confirmed"
        if shown.pct is None:
            return f"{shown.key} has no percentage rollout to change"
        try:
            return resolve(self._stages, shown.pct, action.pct)[0]
        except ValueError as exc:
            return str(exc)


def _shown_state(ctx: RunContext) -> FlagState | None:
    basis = ctx.shown.basis if ctx.shown is not None else None
    if isinstance(basis, tuple) and basis and isinstance(basis[0], FlagState):
        return basis[0]
    return None
