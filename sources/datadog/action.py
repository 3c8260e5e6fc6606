"""The runbook's `datadog_event` actions: post an annotation through `DatadogEventPoster`."""

from __future__ import annotations

from collections.abc import Mapping

from warroom.core.config import Config
from warroom.core.errors import NotConfigured, SourceError
from warroom.core.runbook import Outcome, RunContext, StepState
from warroom.core.runbook_config import Action, DatadogEventAction
from warroom.sources.datadog.events import DatadogEventPoster


class DatadogEventExecutor:
    """Posts a Datadog event, or fails with the reason there is no poster."""

    def __init__(self, poster: DatadogEventPoster | None, missing_reason: str = "") -> None:
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


def event_executor(config: Config, env: Mapping[str, str]) -> DatadogEventExecutor:
    """An executor with a poster when Datadog is configured, else one that says why not."""
    try:
        return DatadogEventExecutor(DatadogEventPoster.from_config(config, env))
    except NotConfigured as exc:
        return DatadogEventExecutor(None, str(exc))
