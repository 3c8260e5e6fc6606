"""How each kind of action is carried out, behind one small interface.

The runner picks an `Executor` by the action's `kind`. The ones here need nothing outside core;
the simulated launch is injected as a callable, and executors that reach other systems (http,
Datadog events, flag services) come from `sources.actions`, so core never imports sources/.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from warroom.core.runbook.state import Outcome, StepState
from warroom.core.runbook_config import Action, SimulatedAction
from warroom.core.scrub import Scrubber


@dataclass(frozen=True)
class Preview:
    """What a step's confirmation shows beyond its configured action: the state it will act
    on, read just now (a flag's current value). The executor checks it again before acting."""

    lines: tuple[str, ...]
    basis: Any = None
    """What the executor compares against just before acting (opaque to the runner)."""
    record: Mapping[str, Any] = field(default_factory=dict)
    """Recorded as `shown` with the "started" audit record."""


@dataclass(frozen=True)
class RunContext:
    """What an executor gets besides the action."""

    step_id: str
    timeout: float | None
    env: Mapping[str, str]
    mask: Scrubber
    output: Callable[[str], None]
    """Takes one line of output for the log pane; the executor masks before calling it."""
    shown: Preview | None = None
    """What the confirmation showed of this step, when its executor previews."""


class Executor(Protocol):
    async def run(self, action: Action, ctx: RunContext) -> Outcome:
        """Carries out the action.

        Returns:
            The outcome; failures are outcomes, not exceptions.
        Raises:
            asyncio.CancelledError: the step was cancelled (after cleaning up).
        """
        ...


@runtime_checkable
class Previewing(Executor, Protocol):
    """An executor whose confirmation shows live state (the flag actions)."""

    async def preview(self, action: Action) -> Preview:
        """Reads what the action will act on. Never raises: a failed read is a preview that
        says so (and an action that needs it then refuses)."""
        ...


class ManualExecutor:
    """The operator did it by hand; confirming is the action."""

    async def run(self, action: Action, ctx: RunContext) -> Outcome:
        return Outcome(StepState.DONE, "marked done by the operator")


class SimulatedExecutor:
    """Acts on the simulated launch; `apply` is None outside `warroom demo`."""

    def __init__(self, apply: Callable[[str], str] | None) -> None:
        self._apply = apply

    async def run(self, action: Action, ctx: RunContext) -> Outcome:
        if not isinstance(action, SimulatedAction):
            raise TypeError(f"SimulatedExecutor cannot run a {action.kind} action")
        if self._apply is None:
            return Outcome(StepState.FAILED, "simulated actions only run in `warroom demo`")
        try:
            done = self._apply(action.operation)
        except ValueError as exc:
            return Outcome(StepState.FAILED, str(exc))
        ctx.output(done)
        return Outcome(StepState.DONE, done)
