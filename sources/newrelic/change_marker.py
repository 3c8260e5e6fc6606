"""Flag changes as New Relic deployment markers (change tracking), so the APM entity's charts
show when the rollout moved; posted at most once through `MarkerPoster`."""

from __future__ import annotations

from warroom.core.rollout.change_record import FlagChange
from warroom.sources.newrelic.marker import Marker, MarkerPoster


class NewRelicChangeMarker:
    """A `ChangeMarker`: one deployment marker per flag change, on [sources.newrelic]
    entity_guid."""

    name = "newrelic"

    def __init__(self, poster: MarkerPoster, entity_guid: str) -> None:
        self._poster = poster
        self._entity = entity_guid

    def __repr__(self) -> str:
        return f"NewRelicChangeMarker({self._poster!r})"

    async def mark(self, change: FlagChange) -> str:
        """Returns `deployment <id>`. Raises SourceError when it could not be recorded."""
        target = "" if change.target is None else f" {change.target:g}%"
        marker = Marker(
            version=f"flags{target} ({change.action})",
            entity_guid=self._entity,
            description=f"Feature flags ({change.provider}, {change.environment}): {change.detail}",
            changelog=change.comment,
            deployment_type="CANARY" if change.action in ("flag_rollout", "advance") else "OTHER",
            group_id=f"warroom-{change.environment}",
        )
        return f"deployment {await self._poster.post(marker)}"
