"""Flag changes as Datadog events, so dashboards show when the rollout moved (a deployment
marker); posted through the runbook's exactly-once `DatadogEventPoster`."""

from __future__ import annotations

from warroom.core.rollout.change_record import FlagChange
from warroom.sources.datadog.events import DatadogEventPoster

TAG = "warroom:flag_change"


def _state(change: FlagChange, key: str, after: bool) -> str:
    states = change.after if after else change.before
    found = next((s for s in states or () if s.key == key), None)
    return "unknown" if found is None else found.describe()


class DatadogChangeMarker:
    """A `ChangeMarker`: one Datadog event per flag change."""

    name = "datadog"

    def __init__(self, poster: DatadogEventPoster) -> None:
        self._poster = poster

    def __repr__(self) -> str:
        return f"DatadogChangeMarker({self._poster!r})"

    async def mark(self, change: FlagChange) -> str:
        """Returns `event <id>`. Raises SourceError when it could not be posted."""
        title = f"Feature flags ({change.provider}, {change.environment}): {change.detail}"
        lines = [
            f"{k}: {_state(change, k, False)} → {_state(change, k, True)}" for k in change.flags
        ]
        lines += [f"outcome: {change.outcome.value}", change.comment]
        tags = [TAG, f"flag_provider:{change.provider}", f"flag_env:{change.environment}"]
        tags += [f"flag:{key}" for key in change.changed or change.flags]
        alert = "success" if change.ok else "warning"
        event_id = await self._poster.post(title, "\n".join(lines), tags, alert_type=alert)
        return f"event {event_id}"
