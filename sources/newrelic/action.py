"""The runbook's `newrelic_marker` actions: a deployment marker through `MarkerPoster`.

`${NAME}` references in the text fields are expanded here, from the runbook's environment
(a rollback script may export the version it rolled back to). `--dry-run` never gets here:
the runner records a dry run instead of calling any executor.
"""

from __future__ import annotations

from collections.abc import Mapping

from warroom.core.config import Config
from warroom.core.errors import NotConfigured, SourceError
from warroom.core.runbook import Outcome, RunContext, StepState
from warroom.core.runbook.masking import MissingVariable, expand
from warroom.core.runbook_config import Action, NewRelicMarkerAction
from warroom.sources.newrelic.marker import Marker, MarkerPoster, entity_or_default


class MarkerExecutor:
    """Records a marker, or fails with the reason there is no poster."""

    def __init__(self, poster: MarkerPoster | None, missing_reason: str = "") -> None:
        self._poster = poster
        self._missing = missing_reason or "no New Relic poster available"

    async def run(self, action: Action, ctx: RunContext) -> Outcome:
        if not isinstance(action, NewRelicMarkerAction):
            raise TypeError(f"MarkerExecutor cannot run a {action.kind} action")
        if self._poster is None:
            return Outcome(StepState.FAILED, f"New Relic markers not configured: {self._missing}")
        try:
            marker = _marker(action, ctx, self._poster.default_entity)
        except (MissingVariable, NotConfigured) as exc:
            return Outcome(StepState.FAILED, str(exc))
        try:
            deployment = await self._poster.post(marker)
        except SourceError as exc:
            return Outcome(StepState.FAILED, ctx.mask(exc.reason))
        ctx.output(f"New Relic deployment marker {deployment} recorded (version {marker.version})")
        return Outcome(StepState.DONE, f"marker {deployment}")


def _marker(action: NewRelicMarkerAction, ctx: RunContext, default_entity: str | None) -> Marker:
    """The marker with `${NAME}` expanded. Raises MissingVariable or NotConfigured."""

    def text(value: str) -> str:
        return expand(value, ctx.env)

    return Marker(
        version=text(action.version),
        entity_guid=entity_or_default(action.entity_guid, default_entity),
        description=text(action.description) or f"warroom runbook step {ctx.step_id}",
        user=text(action.user) or ctx.env.get("USER", "") or "warroom",
        changelog=text(action.changelog),
        commit=text(action.commit),
        deployment_type=action.deployment_type,
        group_id=text(action.group_id),
    )


def marker_executor(config: Config, env: Mapping[str, str]) -> MarkerExecutor:
    """An executor with a poster when New Relic is configured, else one that says why not."""
    try:
        return MarkerExecutor(MarkerPoster.from_config(config, env))
    except NotConfigured as exc:
        return MarkerExecutor(None, str(exc))
