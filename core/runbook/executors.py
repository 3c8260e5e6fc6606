"""How each kind of action is carried out, behind one small interface.

The runner picks an `Executor` by the action's `kind`. Executors that need something from
outside core (the simulated launch, a Datadog poster) receive it when they are built, so core
never imports sources/ or the UI.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from warroom.core.errors import SourceError
from warroom.core.runbook.masking import Masker
from warroom.core.runbook.state import Outcome, StepState
from warroom.core.runbook_config import Action, DatadogEventAction, SimulatedAction


@dataclass(frozen=True)
class RunContext:
    """What an executor gets besides the action."""

    step_id: str
    timeout: float | None
    env: Mapping[str, str]
    mask: Masker
    output: Callable[[str], None]
    """Takes one line of output for the log pane; the executor masks before calling it."""


class Executor(Protocol):
    async def run(self, action: Action, ctx: RunContext) -> Outcome:
        """Carries out the action.

        Returns:
            The outcome; failures are outcomes, not exceptions.
        Raises:
            asyncio.CancelledError: the step was cancelled (after cleaning up).
        """
        ...


class EventPoster(Protocol):
    """Posts one annotation (sources.datadog_events.DatadogEventPoster fits)."""

    async def post(
        self, title: str, text: str, tags: Sequence[str] = (), alert_type: str = "info"
    ) -> str: ...


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


class DatadogEventExecutor:
    """Posts a Datadog event through an injected poster, or fails with the reason it has none."""

    def __init__(self, poster: EventPoster | None, missing_reason: str = "") -> None:
        self._poster = poster
        self._missing = missing_reason or "no Datadog poster available"

    async def run(self, action: Action, ctx: RunContext) -> Outcome:
        if not isinstance(action, DatadogEventAction):
            raise TypeError(f"DatadogEventExecutor cannot run a {action.kind} action")
        if self._poster is None:
            return Outcome(StepState.FAILED, f"Datadog events not configured: {self._missing}")
        try:
            event_id = await self._poster.post(action.title, action.text, action.tags)
        except SourceError as exc:
            return Outcome(StepState.FAILED, ctx.mask(f"Datadog event not posted: {exc.reason}"))
        ctx.output(f"Datadog event {event_id} posted")
        return Outcome(StepState.DONE, f"event {event_id}", event_id=event_id)
